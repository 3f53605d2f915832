import { US_STATES } from '@infusion/domain-codes';
import { badInput, conflict, type RequestContext } from '@infusion/subgraph-kit';
import { requireClientWide, requireOpsUser, requireUnrestrictedOperator } from '../access/operator';
import { lockForChange } from '../sites/site.lookup';
import { Client } from './client.entity';
import type { CreateClientInput, UpdateClientInput } from './client.input';
import { clientNpiProblem, statusTransitionProblem, taxIdProblem } from './client.rules';

/** A required text, trimmed; BAD_USER_INPUT naming the field when empty. */
function text(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw badInput(`\`${argument}\` may not be empty`, { argument });
  return trimmed;
}

function checkIdentifiers(input: { state?: string | null; taxId?: string | null; npi?: string | null }): void {
  if (input.state != null && !US_STATES.includes(input.state)) throw badInput('The state is a two-letter US code, e.g. IL', { argument: 'input.state' });
  const taxProblem = input.taxId != null ? taxIdProblem(input.taxId) : null;
  if (taxProblem) throw badInput(taxProblem, { argument: 'input.taxId' });
  const npiProblem = input.npi != null ? clientNpiProblem(input.npi) : null;
  if (npiProblem) throw badInput(npiProblem, { argument: 'input.npi' });
}

async function refuseTakenName(ctx: RequestContext, name: string, exceptId?: string): Promise<void> {
  // Trading names are unique across the operator; the unique index decides under concurrency.
  const taken = await ctx.em.count(Client, { name, ...(exceptId ? { id: { $ne: exceptId } } : {}) }, { filters: false });
  if (taken) throw conflict('Another client already has this name', { argument: 'input.name' });
}

/** Onboards a new client practice or hospital (operator only); it starts ONBOARDING. */
export async function createClient(ctx: RequestContext, input: CreateClientInput): Promise<Client> {
  requireUnrestrictedOperator(ctx, 'create a client');
  const name = text(input.name, 'input.name');
  const legalName = input.legalName == null ? name : text(input.legalName, 'input.legalName');
  const specialty = text(input.specialty, 'input.specialty');
  checkIdentifiers(input);
  await refuseTakenName(ctx, name);
  const client = ctx.em.create(Client, {
    name, legalName, specialty, kind: input.kind, state: input.state, taxId: input.taxId ?? null, npi: input.npi ?? null, status: 'ONBOARDING',
  });
  await ctx.em.flush();
  return client;
}

/**
 * Changes a client's record. The tenant filter hides other clients (NOT_FOUND); a caller limited
 * to some sites may not change the whole client; only ops users move the status, and only along
 * the allowed transitions.
 */
export async function updateClient(ctx: RequestContext, input: UpdateClientInput): Promise<Client> {
  const client = await lockForChange(ctx, Client, input.id, 'input.id');
  requireClientWide(ctx, 'change the client');
  if (input.expectedVersion != null && input.expectedVersion !== client.version) {
    throw conflict('The client was changed by someone else; reload and try again', { argument: 'input.expectedVersion', version: client.version });
  }
  checkIdentifiers(input);
  if (input.status != null && input.status !== client.status) {
    requireOpsUser(ctx, 'change a client’s status', 'input.status');
    const problem = statusTransitionProblem(client.status, input.status);
    if (problem) throw conflict(problem, { argument: 'input.status', status: client.status });
    client.status = input.status;
  }
  if (input.name != null) {
    const name = text(input.name, 'input.name');
    if (name !== client.name) await refuseTakenName(ctx, name, client.id);
    client.name = name;
  }
  if (input.legalName != null) client.legalName = text(input.legalName, 'input.legalName');
  if (input.specialty != null) client.specialty = text(input.specialty, 'input.specialty');
  if (input.kind != null) client.kind = input.kind;
  if (input.state != null) client.state = input.state;
  if (input.taxId != null) client.taxId = input.taxId;
  if (input.npi != null) client.npi = input.npi;
  await ctx.em.flush();
  return client;
}

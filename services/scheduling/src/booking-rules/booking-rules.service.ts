import { conflict, forbidden, type RequestContext } from '@infusion/subgraph-kit';
import type { Appointment } from '../appointments/appointment.entity';
import type { BookingTimes } from '../appointments/appointment.rules';
import type { Order } from '../orders/order.entity';
import { type BookingFactsPort, datesAround, factsForVisit } from '../ports/booking-facts';
import { BookingOverride } from './booking-override.entity';
import { bookingDecision, bookingRuleFailures, type RuleFailure, type RuleOverride } from './booking.rules';

/** A visit the rules are asked about: where, with whom, for which order. */
export interface BookingQuestion extends BookingTimes {
  siteId: string;
  chairId: string;
  nurseId: string;
  order: Order;
}

export type Overridden = RuleFailure & { reason: string };

/**
 * Only ops may book past a rule: an override is a person's judgement, recorded under their name,
 * and an integration's key has no one to answer for it. Checked before anything is read.
 */
export function checkMayOverride(ctx: RequestContext, overrides: readonly RuleOverride[] | null | undefined): void {
  if (overrides?.length && ctx.caller.principal.kind !== 'OPS_USER') {
    throw forbidden('Only ops users may override booking rules', { argument: 'overrides' });
  }
}

/** CONFLICT naming every refused rule (code, severity, why, detail): one answer, every reason. */
export function refusal(refused: readonly RuleFailure[]) {
  const [first] = refused;
  return conflict(`${first!.code}: ${first!.detail}`, {
    reason: 'BOOKING_RULE',
    rules: refused.map(({ code, severity, why, detail }) => ({ code, severity, why, detail })),
  });
}

/**
 * Runs the booking rules for a visit before it is written: CONFLICT naming every refused rule when
 * a HARD rule fails or a SOFT one is not overridden with a reason; otherwise the overrides to
 * record with the visit (`recordOverrides`).
 */
export async function checkBookingRules(port: BookingFactsPort, question: BookingQuestion, overrides: readonly RuleOverride[]): Promise<Overridden[]> {
  const facts = await port.gather({ order: question.order, siteIds: [question.siteId], ...datesAround(question), argument: 'siteId', visit: question });
  const failures = bookingRuleFailures(factsForVisit(facts, question.order, question));
  const { refused, overridden } = bookingDecision(failures, overrides);
  if (refused.length) throw refusal(refused);
  return overridden;
}

/** Records the overrides a booking was made with, in its transaction, and names them in the audit trail. */
export async function recordOverrides(ctx: RequestContext, operation: string, appointment: Appointment, overridden: readonly Overridden[]): Promise<void> {
  if (!overridden.length) return;
  const rows = overridden.map((o) =>
    ctx.em.create(BookingOverride, {
      clientId: appointment.clientId,
      siteId: appointment.siteId,
      appointmentId: appointment.id,
      ruleCode: o.code,
      detail: o.detail,
      reason: o.reason,
      overriddenBy: ctx.caller.principal.name,
    }),
  );
  await ctx.em.flush();
  ctx.audit.record({ action: 'MUTATION', operation, entityType: 'BookingOverride', entityIds: rows.map((r) => r.id), clientId: appointment.clientId });
}

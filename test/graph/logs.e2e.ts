import { randomUUID } from 'node:crypto';
import { graphql, platformLogs } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { asAdmin } from '../support/auth';
import { callSubgraph, clientReader } from '../support/direct';
import { platform, seededWorld } from '../support/platform';

type Appointment = { id: string; clientId: string; siteId: string; startsAt: string; endsAt: string; chair: { id: string }; nurse: { id: string }; order: { id: string }; patient: { id: string } };

/** Lines of every process's log (gateway, subgraphs, PostgreSQL, migrations and seeds). */
const allLines = () => Object.entries(platformLogs(platform().logDir)).flatMap(([name, lines]) => lines.map((line) => `${name}: ${line}`));

/**
 * Waits until `subgraph` has logged a line after the test's own requests: a request without a
 * signed context is always logged, and each process's lines arrive in order, so once its line is
 * in the file every earlier line is too.
 */
async function logsSettled(subgraph: string): Promise<void> {
  const marker = `settle-${randomUUID()}`;
  await fetch(platform().subgraphUrls[subgraph]!, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': marker }, body: JSON.stringify({ query: '{ __typename }' }) });
  const deadline = Date.now() + 30_000;
  while (!(platformLogs(platform().logDir)[subgraph] ?? []).some((line) => line.includes(marker))) {
    if (Date.now() > deadline) throw new Error(`${subgraph} never logged the refused request ${marker}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the platform’s logs', () => {
  it('keep no patient name, submitted reason or statement values after failing searches, mutations and constraint violations', async () => {
    const world = seededWorld();
    const headers = await asAdmin();
    const patient = world.patients.find((p) => p.lastName.length >= 6)!;
    const reason = `Caregiver unavailable ${randomUUID()}`;

    // Failing searches: a NUL byte breaks the statement that carries the searched name.
    for (const search of [`${patient.lastName}\u0000`, `${patient.firstName} ${patient.lastName}\u0000x`]) {
      const result = await graphql(platform().gatewayUrl, 'query($s: String) { patients(search: $s, first: 5) { edges { node { id } } } }', { s: search }, headers);
      expect(result.errors?.length, 'the search must fail for the probe to mean anything').toBeGreaterThan(0);
    }

    // A failing cancellation with a reason, and a booking that breaks the chair's exclusion constraint.
    const site = world.sites[0]!;
    const found = await callSubgraph(
      'scheduling',
      'query($site: ID!, $from: DateTime!, $to: DateTime!) { appointments(siteId: $site, from: $from, to: $to, status: SCHEDULED, first: 5) { edges { node { id clientId siteId startsAt endsAt chair { id } nurse { id } order { id } patient { id } } } } }',
      { site: site.id, from: new Date(Date.parse(world.anchorDate) + 86_400_000).toISOString(), to: new Date(Date.parse(world.anchorDate) + 20 * 86_400_000).toISOString() },
      clientReader(site.clientId),
    );
    const appointment = (found.data as { appointments: { edges: { node: Appointment }[] } }).appointments.edges[0]!.node;
    const cancel = await graphql(platform().gatewayUrl, 'mutation($id: ID!, $reason: String!) { cancelAppointment(id: $id, reason: $reason) { id } }', { id: appointment.id, reason: `${reason}\u0000` }, headers);
    expect(cancel.errors?.length).toBeGreaterThan(0);
    const overlap = await graphql(
      platform().gatewayUrl,
      'mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { id } }',
      {
        input: {
          clientId: appointment.clientId,
          siteId: appointment.siteId,
          chairId: appointment.chair.id,
          nurseId: appointment.nurse.id,
          orderId: appointment.order.id,
          patientId: appointment.patient.id,
          startsAt: appointment.startsAt,
          endsAt: appointment.endsAt,
        },
      },
      headers,
    );
    expect(overlap.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    await logsSettled('scheduling');
    const lines = allLines();
    expect(lines.length).toBeGreaterThan(20);
    const names = world.patients.map((p) => `${p.firstName} ${p.lastName}`);
    const leaks = lines.filter((line) => line.includes(patient.lastName) || line.includes(reason) || names.some((name) => line.includes(name)));
    expect(leaks, 'log lines with patient data or submitted text').toEqual([]);
    // Nor any statement text with inlined values (what the database errors used to print).
    expect(lines.filter((line) => /\b(select|update|insert into)\b.+\bwhere\b/i.test(line) && /'[^']*'/.test(line))).toEqual([]);
  }, 120_000);

  it('are structured: one JSON object per line from every service, with level and service', async () => {
    await logsSettled('inventory');
    const logs = platformLogs(platform().logDir);
    for (const name of ['facilities', 'staffing', 'inventory', 'scheduling', 'billing', 'identity', 'gateway']) {
      const lines = logs[name] ?? [];
      expect(lines.length, `${name} logged nothing`).toBeGreaterThan(0);
      for (const line of lines) {
        const entry = JSON.parse(line) as { level?: string; service?: string };
        expect(typeof entry.level, `${name}: ${line}`).toBe('string');
        expect(entry.service, `${name}: ${line}`).toBe(name);
      }
    }
  });
});

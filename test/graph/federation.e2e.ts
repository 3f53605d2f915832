import { localDate, localDayRange } from '@infusion/demo-data';
import { graphqlOk } from '@infusion/testkit';
import { describe, expect, it } from 'vitest';
import { asAdmin } from '../support/auth';
import { platform, seededWorld } from '../support/platform';

const DAY_BOARD = /* GraphQL */ `
  query DayBoard($siteId: ID!, $from: DateTime!, $to: DateTime!) {
    site(id: $siteId) {
      name
      timeZone
      client {
        name
        managementContracts { id name feeSchedule { basis } }
      }
      appointments(from: $from, to: $to) {
        id
        startsAt
        status
        chair { label }
        nurse { fullName licenses { state } }
        patient { fullName }
        order { product { ndc hcpcsCode } }
      }
    }
  }
`;

interface DayBoard {
  site: {
    name: string;
    timeZone: string;
    client: { name: string; managementContracts: { id: string; name: string; feeSchedule: { basis: string } }[] };
    appointments: {
      id: string;
      startsAt: string;
      status: string;
      chair: { label: string };
      nurse: { fullName: string; licenses: { state: string }[] };
      patient: { fullName: string };
      order: { product: { ndc: string; hcpcsCode: string | null } };
    }[];
  };
}

describe('one query across the graph', () => {
  it('shows a site’s day with chairs, nurses, patients and drugs from five subgraphs, as seeded', async () => {
    const world = seededWorld();
    const first = world.appointments.find((a) => a.status === 'SCHEDULED')!;
    const site = world.sites.find((s) => s.id === first.siteId)!;
    const day = localDate(first.startsAt, site.timeZone);
    const { from, to } = localDayRange(day, site.timeZone);

    const data = await graphqlOk<DayBoard>(platform().gatewayUrl, DAY_BOARD, { siteId: site.id, from, to }, await asAdmin());

    const expected = world.appointments
      .filter((a) => a.siteId === site.id && a.startsAt >= from && a.startsAt < to)
      .map((a) => {
        const nurse = world.staff.find((s) => s.id === a.nurseId)!;
        const patient = world.patients.find((p) => p.id === a.patientId)!;
        const order = world.orders.find((o) => o.id === a.orderId)!;
        const product = world.products.find((p) => p.id === order.productId)!;
        return {
          id: a.id,
          startsAt: a.startsAt.toISOString(),
          status: a.status,
          chair: { label: world.chairs.find((c) => c.id === a.chairId)!.label },
          nurse: { fullName: `${nurse.firstName} ${nurse.lastName}`, licenses: nurse.licenses.map((l) => ({ state: l.state })) },
          patient: { fullName: `${patient.firstName} ${patient.lastName}` },
          order: { product: { ndc: product.ndc, hcpcsCode: product.hcpcsCode } },
        };
      });
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);

    expect(expected.length).toBeGreaterThan(0);
    expect(data.site.name).toBe(site.name);
    expect(data.site.client.name).toBe(world.clients.find((c) => c.id === site.clientId)!.name);
    // Other tests (the hostile suite's allowed writes) may add contracts on the shared platform: the
    // seeded ones must all be there, and no seeded contract of another client.
    const seededContracts = new Set(world.contracts.map((c) => c.id));
    expect(data.site.client.managementContracts.filter((c) => seededContracts.has(c.id)).map((c) => c.name)).toEqual(
      world.contracts.filter((c) => c.clientId === site.clientId).map((c) => c.name),
    );
    expect([...data.site.appointments].sort(byId)).toEqual(expected.sort(byId));
    // The day board is in time order.
    const starts = data.site.appointments.map((a) => a.startsAt);
    expect(starts).toEqual([...starts].sort());
  });

  it('resolves a lot’s product and site across inventory and facilities', async () => {
    const world = seededWorld();
    const lot = world.lots.find((l) => world.products.find((p) => p.id === l.productId)?.kind === 'DRUG')!;
    const data = await graphqlOk<{ lot: { lotNumber: string; product: { ndc: string }; site: { name: string; client: { name: string } } } }>(
      platform().gatewayUrl,
      `query($id: ID!) { lot(id: $id) { lotNumber product { ndc } site { name client { name } } } }`,
      { id: lot.id },
      await asAdmin(),
    );
    expect(data.lot).toEqual({
      lotNumber: lot.lotNumber,
      product: { ndc: world.products.find((p) => p.id === lot.productId)!.ndc },
      site: {
        name: world.sites.find((s) => s.id === lot.siteId)!.name,
        client: { name: world.clients.find((c) => c.id === lot.clientId)!.name },
      },
    });
  });

  it('lists a nurse’s appointments from the staffing side', async () => {
    const world = seededWorld();
    const appointment = world.appointments.find((a) => a.status === 'SCHEDULED')!;
    const from = new Date(appointment.startsAt.getTime() - 86_400_000 * 7);
    const to = new Date(appointment.startsAt.getTime() + 86_400_000 * 7);
    const data = await graphqlOk<{ staffMember: { appointments: { id: string }[] } }>(
      platform().gatewayUrl,
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { staffMember(id: $id) { appointments(from: $from, to: $to) { id } } }`,
      { id: appointment.nurseId, from, to },
      await asAdmin(),
    );
    const expected = world.appointments
      .filter((a) => a.nurseId === appointment.nurseId && a.startsAt >= from && a.startsAt < to)
      .map((a) => a.id)
      .sort();
    // Other test files book demo nurses on the shared platform: compare the seeded visits only.
    const seeded = new Set(world.appointments.map((a) => a.id));
    expect(data.staffMember.appointments.map((a) => a.id).filter((id) => seeded.has(id)).sort()).toEqual(expected);
  });
});

describe('the day board’s cost', () => {
  it('runs the same number of SQL statements for one day as for two weeks of appointments', async () => {
    const { countSqlStatements } = await import('@infusion/testkit');
    const world = seededWorld();
    const site = world.sites.reduce((busiest, s) =>
      world.appointments.filter((a) => a.siteId === s.id).length > world.appointments.filter((a) => a.siteId === busiest.id).length ? s : busiest,
    );
    const first = world.appointments.find((a) => a.siteId === site.id && a.status === 'SCHEDULED')!;
    const day = localDate(first.startsAt, site.timeZone);
    const headers = await asAdmin();
    const run = (days: number) =>
      countSqlStatements(platform(), () =>
        graphqlOk<DayBoard>(platform().gatewayUrl, DAY_BOARD, { siteId: site.id, ...localDayRange(day, site.timeZone, days) }, headers),
      );

    await run(1); // warm-up: connection pools and plan caches
    const oneDay = await run(1);
    const twoWeeks = await run(14);

    const small = oneDay.result.site.appointments.length;
    const large = twoWeeks.result.site.appointments.length;
    console.log(`day board: ${small} appointments → ${oneDay.total} statements; ${large} → ${twoWeeks.total}`, twoWeeks.statements);
    expect(large).toBeGreaterThan(small * 5);
    expect(oneDay.total).toBeGreaterThan(0);
    expect(twoWeeks.statements).toEqual(oneDay.statements);
  });
});

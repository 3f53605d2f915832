import { randomUUID } from 'node:crypto';
import { addDays } from '@infusion/demo-data';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../support/platform';
import { call, callOk, issueKey, owner, parties, problems } from './support';

// Issue 10, bad input and safety: a client key writes only its own client's staffing rows and only
// with staffing:write; another client's ids answer NOT_FOUND (naming the argument) and change
// nothing; every write is audited.

const M = {
  createStaffMember: 'mutation($i: NewStaffMemberInput!) { createStaffMember(input: $i) { id } }',
  updateStaffMember: 'mutation($id: ID!, $i: StaffMemberChangesInput!) { updateStaffMember(id: $id, input: $i) { id } }',
  addLicense: 'mutation($i: NewLicenseInput!) { addLicense(input: $i) { id } }',
  addCompetency: 'mutation($i: NewCompetencyInput!) { addCompetency(input: $i) { id } }',
  createShift: 'mutation($i: NewShiftInput!) { createShift(input: $i) { id } }',
  updateShift: 'mutation($id: ID!, $i: ShiftChangesInput!) { updateShift(id: $id, input: $i) { id } }',
  removeShift: 'mutation($id: ID!) { removeShift(id: $id) { id } }',
  addTimeOff: 'mutation($i: NewTimeOffInput!) { addTimeOff(input: $i) { id } }',
  removeTimeOff: 'mutation($id: ID!) { removeTimeOff(id: $id) { id } }',
  addSupervisionCoverage: 'mutation($i: NewSupervisionCoverageInput!) { addSupervisionCoverage(input: $i) { id } }',
  removeSupervisionCoverage: 'mutation($id: ID!) { removeSupervisionCoverage(id: $id) { id } }',
} as const;
type MutationName = keyof typeof M;

/** A fingerprint of every staffing table: any insert, update or delete changes it. */
async function fingerprint(db: pg.Client): Promise<Record<string, string>> {
  const tables = ['staff_member', 'license', 'competency', 'shift', 'time_off', 'supervision_coverage'];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await db.query(`select count(*)::text || ':' || coalesce(md5(string_agg(x::text, ',' order by id)), '') as f from staffing.${t} x`);
    out[t] = rows[0].f;
  }
  return out;
}

describe('staffing writes across clients', () => {
  let db: pg.Client;
  /** Red Rock's key, pointed at Lakeshore's rows. */
  let theirWriter: Record<string, string>;
  let readOnly: Record<string, string>;
  let ownWriter: Record<string, string>;
  const date = () => addDays(platform().anchorDate, 50);

  /** Lakeshore's rows that Red Rock's key must not reach, and Red Rock's own. */
  function ids() {
    const { world, lakeshore, lincolnPark, other, otherSite } = parties();
    const lakeshoreStaff = world.staff.find((s) => s.clientId === lakeshore.id && s.role === 'RN')!;
    const lakeshoreProvider = world.staff.find((s) => s.clientId === lakeshore.id && s.role === 'PHYSICIAN')!;
    const ownNurse = world.staff.find((s) => s.clientId === other.id && s.role === 'RN')!;
    const ownProvider = world.staff.find((s) => s.clientId === other.id && s.role === 'NP')!;
    return {
      lincolnPark: lincolnPark.id,
      theirClient: lakeshore.id,
      theirNurse: lakeshoreStaff.id,
      theirProvider: lakeshoreProvider.id,
      theirShift: world.shifts.find((s) => s.clientId === lakeshore.id)!.id,
      theirTimeOff: world.timeOff[0]!.id,
      theirCover: world.supervisionCoverage.find((c) => c.clientId === lakeshore.id)!.id,
      ownClient: other.id,
      ownSite: otherSite.id,
      ownNurse: ownNurse.id,
      ownProvider: ownProvider.id,
    };
  }

  beforeAll(async () => {
    const { other } = parties();
    db = await owner();
    theirWriter = await issueKey(other.id, ['staffing:read', 'staffing:write']);
    ownWriter = theirWriter;
    readOnly = await issueKey(other.id, ['staffing:read']);
  });

  afterAll(async () => {
    await db?.end();
  });

  const period = { startTime: '09:00', endTime: '13:00' };

  /** Every mutation pointed at Lakeshore's rows (one argument at a time where there are several), with the argument it must name. */
  function crossClientCases(): [MutationName, Record<string, unknown>, string][] {
    const x = ids();
    const person = { firstName: 'Probe', lastName: 'Person', role: 'RN', email: `probe.${randomUUID().slice(0, 8)}@example.test`, hourlyCost: '40.00' };
    return [
      ['createStaffMember', { i: { ...person, clientId: x.theirClient, homeSiteId: x.lincolnPark } }, 'input.clientId'],
      ['createStaffMember', { i: { ...person, clientId: x.ownClient, homeSiteId: x.lincolnPark } }, 'input.homeSiteId'],
      // Found by the hostile suite: values are judged only once the client and site are the caller's.
      ['createStaffMember', { i: { ...person, hourlyCost: 'plenty', email: 'nobody', clientId: x.theirClient, homeSiteId: x.lincolnPark } }, 'input.clientId'],
      ['updateStaffMember', { id: x.theirNurse, i: { hourlyCost: '1.00' } }, 'id'],
      ['updateStaffMember', { id: x.ownNurse, i: { homeSiteId: x.lincolnPark } }, 'input.homeSiteId'],
      ['addLicense', { i: { staffMemberId: x.theirNurse, state: 'IL', number: 'X1', type: 'REGISTERED_NURSE', expiresOn: '2030-01-01' } }, 'input.staffMemberId'],
      ['addCompetency', { i: { staffMemberId: x.theirNurse, kind: 'BLS', expiresOn: '2030-01-01' } }, 'input.staffMemberId'],
      ['createShift', { i: { siteId: x.lincolnPark, staffMemberId: x.theirNurse, date: date(), ...period } }, 'input.staffMemberId'],
      ['createShift', { i: { siteId: x.ownSite, staffMemberId: x.theirNurse, date: date(), ...period } }, 'input.staffMemberId'],
      ['createShift', { i: { siteId: x.lincolnPark, staffMemberId: x.ownNurse, date: date(), ...period } }, 'input.siteId'],
      ['updateShift', { id: x.theirShift, i: { date: date(), ...period } }, 'id'],
      ['removeShift', { id: x.theirShift }, 'id'],
      ['addTimeOff', { i: { staffMemberId: x.theirNurse, firstDay: date(), lastDay: date() } }, 'input.staffMemberId'],
      ['removeTimeOff', { id: x.theirTimeOff }, 'id'],
      ['addSupervisionCoverage', { i: { siteId: x.lincolnPark, providerId: x.theirProvider, date: date(), ...period } }, 'input.providerId'],
      ['addSupervisionCoverage', { i: { siteId: x.lincolnPark, providerId: x.ownProvider, date: date(), ...period } }, 'input.siteId'],
      ['removeSupervisionCoverage', { id: x.theirCover }, 'id'],
    ];
  }

  it('answers NOT_FOUND naming the argument for another client’s ids, in every mutation, and changes nothing', async () => {
    const before = await fingerprint(db);
    const cases = crossClientCases();
    expect(new Set(cases.map(([name]) => name))).toEqual(new Set(Object.keys(M)));
    for (const [name, variables, argument] of cases) {
      const result = await call(M[name], variables, theirWriter);
      expect([name, problems(result)]).toEqual([name, [['NOT_FOUND', argument]]]);
      expect(result.data ?? null).toBeNull();
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('answers NOT_FOUND for made-up ids alike', async () => {
    const before = await fingerprint(db);
    for (const name of ['updateShift', 'removeShift', 'removeTimeOff', 'removeSupervisionCoverage'] as const) {
      const variables = name === 'updateShift' ? { id: randomUUID(), i: { date: date(), ...period } } : { id: randomUUID() };
      expect(problems(await call(M[name], variables, theirWriter))).toEqual([['NOT_FOUND', 'id']]);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('refuses every mutation to a key without staffing:write (FORBIDDEN naming the scope), changing nothing', async () => {
    const before = await fingerprint(db);
    for (const [name, variables] of crossClientCases()) {
      const result = await call(M[name], variables, readOnly);
      expect([name, problems(result)]).toEqual([name, [['FORBIDDEN', undefined]]]);
      expect(result.errors![0]!.extensions?.requiredScopes).toEqual(['staffing:write']);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('writes one audit row per mutation, naming the record', async () => {
    const x = ids();
    const done: [MutationName, string][] = [];
    const run = async (name: MutationName, variables: Record<string, unknown>) => {
      const data = await callOk<Record<string, { id: string }>>(M[name], variables, ownWriter);
      done.push([name, data[name]!.id]);
      return data[name]!.id;
    };
    const tag = randomUUID().slice(0, 8);
    const member = await run('createStaffMember', {
      i: { clientId: x.ownClient, homeSiteId: x.ownSite, firstName: 'Audit', lastName: 'Agency', role: 'RN', email: `audit.${tag}@example.test`, employment: 'AGENCY', agencyName: 'Desert Staffing', hourlyCost: '91.25' },
    });
    await run('updateStaffMember', { id: member, i: { hourlyCost: '93.00' } });
    await run('addLicense', { i: { staffMemberId: member, state: 'AZ', number: `AZ${tag}`, type: 'REGISTERED_NURSE', multistate: true, expiresOn: '2030-01-01' } });
    await run('addCompetency', { i: { staffMemberId: member, kind: 'BIOTHERAPY', expiresOn: '2030-01-01' } });
    const shift = await run('createShift', { i: { siteId: x.ownSite, staffMemberId: member, date: date(), ...period } });
    await run('updateShift', { id: shift, i: { date: date(), startTime: '10:00', endTime: '14:00' } });
    await run('removeShift', { id: shift });
    const leave = await run('addTimeOff', { i: { staffMemberId: member, firstDay: addDays(date(), 3), lastDay: addDays(date(), 4) } });
    await run('removeTimeOff', { id: leave });
    const cover = await run('addSupervisionCoverage', { i: { siteId: x.ownSite, providerId: x.ownProvider, date: addDays(date(), 1), ...period } });
    await run('removeSupervisionCoverage', { id: cover });
    expect(new Set(done.map(([name]) => name))).toEqual(new Set(Object.keys(M)));
    for (const [operation, id] of done) {
      const { rows } = await db.query(
        "select count(*)::int as n from audit.audit_event where service = 'staffing' and action = 'MUTATION' and operation = $1 and $2 = any (entity_ids) and client_id = $3",
        [operation, id, x.ownClient],
      );
      expect([operation, rows[0].n]).toEqual([operation, 1]);
    }
  });
});

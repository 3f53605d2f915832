import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asAdmin } from '../../support/auth';
import { ADD_TIME_OFF, CREATE_SHIFT, call, callOk, issueKey, newNurse, owner, parties, problems } from './support';
import type pg from 'pg';

// Issue 10: shifts are given in the site's local time and stored in UTC, daylight-saving days
// included; overlapping shifts of one person are refused by the database, even under concurrency.

type ShiftRow = { id: string; startsAt: string; endsAt: string; role: string };
const hoursOf = (s: ShiftRow) => (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3_600_000;

describe('shifts in a site’s local time', () => {
  let writer: Record<string, string>;
  let db: pg.Client;
  let nurse: string;

  beforeAll(async () => {
    const { lakeshore } = parties();
    writer = await issueKey(lakeshore.id, ['staffing:read', 'staffing:write']);
    nurse = await newNurse(writer, parties().lincolnPark);
    db = await owner();
  });

  afterAll(async () => {
    await db?.end();
  });

  const shift = (date: string, startTime: string, endTime: string, extra: Record<string, unknown> = {}) =>
    call(CREATE_SHIFT, { i: { siteId: parties().lincolnPark.id, staffMemberId: nurse, date, startTime, endTime, ...extra } }, writer);

  it('stores a midnight-to-06:00 shift on the spring-forward night (Chicago) as five hours in UTC', async () => {
    const result = await shift('2027-03-14', '00:00', '06:00');
    const created = (result.data as { createShift: ShiftRow }).createShift;
    expect(created).toMatchObject({ startsAt: '2027-03-14T06:00:00.000Z', endsAt: '2027-03-14T11:00:00.000Z', role: 'RN' });
    expect(hoursOf(created)).toBe(5);
  });

  it('refuses a shift starting at 02:30 on the spring-forward day: that local time does not exist', async () => {
    const result = await shift('2027-03-14', '02:30', '10:00');
    expect(problems(result)).toEqual([['BAD_USER_INPUT', 'input.startTime']]);
    const { rows } = await db.query('select count(*)::int as n from staffing.shift where staff_member_id = $1 and starts_at::date = $2', [nurse, '2027-03-14']);
    expect(rows[0].n).toBe(1);
  });

  it('stores a midnight-to-06:00 shift on the fall-back night as seven hours, 01:30 meaning its first occurrence', async () => {
    const night = (await shift('2027-11-07', '00:00', '06:00')).data as { createShift: ShiftRow };
    expect(night.createShift).toMatchObject({ startsAt: '2027-11-07T05:00:00.000Z', endsAt: '2027-11-07T12:00:00.000Z' });
    expect(hoursOf(night.createShift)).toBe(7);
    // The next evening: 01:30 the day after fall-back is ordinary CST again.
    const evening = (await shift('2027-11-07', '19:00', '01:30')).data as { createShift: ShiftRow };
    expect(evening.createShift).toMatchObject({ startsAt: '2027-11-08T01:00:00.000Z', endsAt: '2027-11-08T07:30:00.000Z' });
  });

  it('refuses a malformed time naming the field', async () => {
    expect(problems(await shift('2027-05-03', '7am', '15:00'))).toEqual([['BAD_USER_INPUT', 'input.startTime']]);
    expect(problems(await shift('2027-05-03', '07:00', '24:00'))).toEqual([['BAD_USER_INPUT', 'input.endTime']]);
  });

  it('refuses a role the person cannot work', async () => {
    expect(problems(await shift('2027-05-04', '07:00', '15:00', { role: 'PHYSICIAN' }))).toEqual([['BAD_USER_INPUT', 'input.role']]);
    const lpn = (await shift('2027-05-04', '07:00', '15:00', { role: 'LPN' })).data as { createShift: ShiftRow };
    expect(lpn.createShift.role).toBe('LPN');
  });

  it('lets exactly one of 20 concurrent overlapping shifts in; the rest are CONFLICT', async () => {
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => shift('2027-06-01', `0${7 + (i % 3)}:${String(i * 2).padStart(2, '0')}`, '15:00')));
    const codes = attempts.map((r) => (r.errors?.length ? r.errors[0]!.extensions?.code : 'OK'));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(19);
    const { rows } = await db.query("select count(*)::int as n from staffing.shift where staff_member_id = $1 and starts_at >= '2027-06-01' and starts_at < '2027-06-02'", [nurse]);
    expect(rows[0].n).toBe(1);
  });

  it('allows back-to-back shifts (half-open times)', async () => {
    await callOk(CREATE_SHIFT, { i: { siteId: parties().lincolnPark.id, staffMemberId: nurse, date: '2027-06-02', startTime: '07:00', endTime: '11:00' } }, writer);
    const next = await shift('2027-06-02', '11:00', '15:00');
    expect(next.errors).toBeUndefined();
  });

  it('keeps a nurse on time off off shifts, and refuses time off over a shift', async () => {
    await callOk(ADD_TIME_OFF, { i: { staffMemberId: nurse, firstDay: '2027-07-05', lastDay: '2027-07-09', reason: 'annual leave' } }, writer);
    expect(problems(await shift('2027-07-07', '08:00', '16:00'))).toEqual([['CONFLICT', undefined]]);
    // The night before ends at 00:00 local on the first day off: allowed; one past midnight is not.
    expect((await shift('2027-07-04', '16:00', '00:00')).errors).toBeUndefined();
    expect(problems(await shift('2027-07-09', '23:00', '01:00'))).toEqual([['CONFLICT', undefined]]);
    const overShift = await call(ADD_TIME_OFF, { i: { staffMemberId: nurse, firstDay: '2027-06-02', lastDay: '2027-06-02' } }, writer);
    expect(problems(overShift)).toEqual([['CONFLICT', undefined]]);
    expect(overShift.errors![0]!.extensions?.shiftIds).toHaveLength(2);
  });

  it('moves and removes shifts, re-reading the site’s local time', async () => {
    const created = (await shift('2027-08-02', '07:00', '15:00')).data as { createShift: ShiftRow };
    const moved = await callOk<{ updateShift: ShiftRow }>(
      'mutation($id: ID!, $i: ShiftChangesInput!) { updateShift(id: $id, input: $i) { id startsAt endsAt role } }',
      { id: created.createShift.id, i: { date: '2027-08-03', startTime: '09:00', endTime: '17:30' } },
      writer,
    );
    expect(moved.updateShift).toMatchObject({ startsAt: '2027-08-03T14:00:00.000Z', endsAt: '2027-08-03T22:30:00.000Z' });
    await callOk('mutation($id: ID!) { removeShift(id: $id) { id } }', { id: created.createShift.id }, writer);
    const { rows } = await db.query('select count(*)::int as n from staffing.shift where id = $1', [created.createShift.id]);
    expect(rows[0].n).toBe(0);
  });

  it('shows the shifts in the site’s roster, and refuses a roster window over 31 days', async () => {
    const roster = await callOk<{ siteRoster: { shifts: { staffMember: { id: string } }[]; timeOff: { staffMemberId: string }[] } }>(
      'query($s: ID!, $f: DateTime!, $t: DateTime!) { siteRoster(siteId: $s, from: $f, to: $t) { shifts { staffMember { id } } timeOff { staffMemberId } } }',
      { s: parties().lincolnPark.id, f: '2027-06-01T00:00:00Z', t: '2027-07-01T00:00:00Z' },
      await asAdmin(),
    );
    expect(roster.siteRoster.shifts.filter((s) => s.staffMember.id === nurse)).toHaveLength(3);
    const tooLong = await call('query($s: ID!) { siteRoster(siteId: $s, from: "2027-01-01T00:00:00Z", to: "2027-03-01T00:00:00Z") { from } }', { s: parties().lincolnPark.id }, writer);
    expect(problems(tooLong)).toEqual([['BAD_USER_INPUT', 'to']]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deletePractice, insertPractice, type Practice } from './fixtures';
import { deleteWeeklyHours, insertVisits, setWeeklyHours } from './day-fixtures';
import { asWriter, codes, schedulingWriter } from './support';

const UTILISATION = `query($r: [_Any!]!, $from: LocalDate!, $to: LocalDate!) {
  _entities(representations: $r) { ... on Site { utilisation(from: $from, to: $to) { date openChairMinutes bookedChairMinutes utilisation peakChairsInUse } } }
}`;

let practice: Practice;

beforeAll(async () => {
  practice = await insertPractice(4, 'Utilisation');
  // Open 08:00–17:00 every day but Saturday (ISO 6).
  await setWeeklyHours(practice, 8 * 60, 17 * 60, [1, 2, 3, 4, 5, 7]);
  // Friday 2026-10-30: three visits, two at once; a cancelled one that frees its chair.
  await insertVisits(practice, '2026-10-30', [
    { chair: 0, nurse: 0, patient: 0, from: 8 * 60, to: 10 * 60, status: 'COMPLETED' },
    { chair: 1, nurse: 1, patient: 1, from: 9 * 60, to: 12 * 60, status: 'COMPLETED' },
    { chair: 2, nurse: 1, patient: 2, from: 13 * 60, to: 14 * 60, status: 'NO_SHOW' },
    { chair: 0, nurse: 0, patient: 3, from: 16 * 60, to: 18 * 60, status: 'SCHEDULED' },
  ]);
  // Saturday 2026-10-31 is closed. Sunday 2026-11-01 clocks go back at 02:00 in Chicago: 08:00 is 14:00 UTC, not 13:00.
  await insertVisits(practice, '2026-11-01', [
    { chair: 0, nurse: 0, patient: 0, from: 8 * 60, to: 10 * 60 },
    { chair: 1, nurse: 1, patient: 1, from: 8 * 60 + 30, to: 9 * 60 + 30 },
    { chair: 2, nurse: 2, patient: 2, from: 9 * 60, to: 9 * 60 + 45 },
  ]);
}, 60_000);

afterAll(async () => {
  await deleteWeeklyHours(practice);
  await deletePractice(practice);
});

const ask = (principal = schedulingWriter(practice.clientId), from = '2026-10-30', to = '2026-11-01') =>
  asWriter(principal, UTILISATION, { r: [{ __typename: 'Site', id: practice.siteId }], from, to });

describe('site utilisation per local day', () => {
  it('divides booked chair-minutes (within opening hours) by open chair-minutes, with the peak of chairs in use', async () => {
    const reply = await ask();
    expect(reply.errors).toBeUndefined();
    const [site] = (reply.data as { _entities: { utilisation: unknown[] }[] })._entities;
    expect(site!.utilisation).toEqual([
      // 4 chairs × 540 min = 2,160; 120 + 180 + 60 (until closing at 17:00) booked; the no-show holds nothing.
      { date: '2026-10-30', openChairMinutes: 2160, bookedChairMinutes: 360, utilisation: 0.167, peakChairsInUse: 2 },
      { date: '2026-10-31', openChairMinutes: 0, bookedChairMinutes: 0, utilisation: null, peakChairsInUse: 0 },
      // The 25-hour day still opens 9 hours at local 08:00: 120 + 60 + 45 booked, three chairs at 09:00–09:30.
      { date: '2026-11-01', openChairMinutes: 2160, bookedChairMinutes: 225, utilisation: 0.104, peakChairsInUse: 3 },
    ]);
  });

  it('shows a site-limited caller only its own sites, another client nothing, and refuses a reversed range naming `to`', async () => {
    const elsewhere = await ask(schedulingWriter(practice.clientId, [practice.clientId]));
    expect(elsewhere.data).toEqual({ _entities: [{ utilisation: [] }] });
    const here = await ask(schedulingWriter(practice.clientId, [practice.siteId]));
    expect((here.data as { _entities: { utilisation: { bookedChairMinutes: number }[] }[] })._entities[0]!.utilisation.map((d) => d.bookedChairMinutes)).toEqual([360, 0, 225]);
    const foreign = await ask(schedulingWriter('00000000-0000-4000-8000-000000000001'));
    expect(foreign.data).toEqual({ _entities: [{ utilisation: [] }] });
    const reversed = await ask(undefined, '2026-11-01', '2026-10-30');
    expect(codes(reversed)).toEqual(['BAD_USER_INPUT']);
    expect(reversed.errors![0]!.extensions!.argument).toBe('to');
  });
});

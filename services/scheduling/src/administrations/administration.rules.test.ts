import { AdministrationCompleted } from '@infusion/events';
import { describe, expect, it } from 'vitest';
import { ivSiteProblems, lineProblems, pausedMinutes, serviceDate, vitalsProblems } from './administration.rules';

const t = (time: string) => new Date(`2026-12-01T${time}:00Z`);
const now = t('18:00');
const visit = { startsAt: t('14:00') };
const line = () => ({ startedAt: t('14:15'), endedAt: t('16:15'), amountGiven: 350, amountWasted: 50, vialsOpened: 4, pauses: [] as { pausedAt: Date; resumedAt: Date }[] });

describe('a drug line', () => {
  it('accepts 350 mg of infliximab from four 100 mg vials over two hours', () => {
    expect(lineProblems(line(), 0, visit, now)).toEqual([]);
  });

  it('takes paused time out of the coded time: 120 minutes with a 20-minute pause codes as 100', () => {
    const pauses = [{ pausedAt: t('14:45'), resumedAt: t('15:05') }];
    expect(lineProblems({ ...line(), pauses }, 0, visit, now)).toEqual([]);
    expect(pausedMinutes(pauses)).toBe(20);
  });

  it('refuses pauses outside the line or overlapping, naming the line', () => {
    expect(lineProblems({ ...line(), pauses: [{ pausedAt: t('16:00'), resumedAt: t('16:30') }] }, 2, visit, now).map((p) => p.argument)).toEqual(['input.lines.2.pauses']);
    const overlapping = [{ pausedAt: t('14:30'), resumedAt: t('15:00') }, { pausedAt: t('14:50'), resumedAt: t('15:10') }];
    expect(lineProblems({ ...line(), pauses: overlapping }, 0, visit, now)[0]?.message).toBe('Pauses do not overlap');
  });

  it('refuses a line that ends before it starts, in the future, or with nothing given', () => {
    const blamed = (l: ReturnType<typeof line>) => lineProblems(l, 0, visit, now).map((p) => p.argument);
    expect(blamed({ ...line(), endedAt: t('14:00') })).toEqual(['input.lines.0.endedAt']);
    expect(blamed({ ...line(), endedAt: t('19:00') })).toEqual(['input.lines.0.endedAt']);
    expect(blamed({ ...line(), amountGiven: 0 })).toEqual(['input.lines.0.amountGiven']);
    expect(blamed({ ...line(), startedAt: t('11:00') })).toEqual(['input.lines.0.startedAt']);
  });
});

describe('vitals and IV sites', () => {
  it('refuses vitals no living patient has', () => {
    expect(vitalsProblems([{ takenAt: t('14:00'), systolic: 128, diastolic: 82, pulse: 70, spo2: 98, temperatureC: 36.8 }], now)).toEqual([]);
    expect(vitalsProblems([{ takenAt: t('14:00'), systolic: 1280 }], now).map((p) => p.argument)).toEqual(['input.vitals.0.systolic']);
  });

  it('needs where an IV was placed, removed after it was started', () => {
    expect(ivSiteProblems([{ location: 'left forearm', startedAt: t('14:00'), removedAt: t('16:30') }])).toEqual([]);
    expect(ivSiteProblems([{ location: 'port', startedAt: t('14:00'), removedAt: t('13:00') }]).map((p) => p.argument)).toEqual(['input.ivSites.0.removedAt']);
  });
});

describe('the AdministrationCompleted fact', () => {
  it('counts a late-evening dose in Phoenix on the day it was given there', () => {
    expect(serviceDate(new Date('2026-12-02T05:30:00Z'), 'America/Phoenix')).toBe('2026-12-01');
  });

  it('is a payload the event contract accepts', () => {
    const id = '6f1d2c1e-6a0b-4c4a-9b8e-1f2a3b4c5d6e';
    const payload = { administrationId: id, appointmentId: id, orderId: id, patientId: id, siteId: id, productId: id, serviceDate: '2026-12-01', completedAt: '2026-12-01T18:00:00.000Z', indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC' };
    expect(AdministrationCompleted.payload.safeParse(payload).success).toBe(true);
  });
});

import { localDateIn } from '@infusion/subgraph-kit';
import { minutesBetween } from '../appointments/appointment.rules';
import type { RuleProblem } from '../patients/patient.rules';

/**
 * What an administration record must satisfy before a visit is completed: every drug line's
 * times, amounts and pauses make sense, and the vitals are ones a living patient can have.
 */

export interface PauseEntry {
  pausedAt: Date;
  resumedAt: Date;
  reason?: string | null;
}

export interface LineEntry {
  startedAt: Date;
  endedAt: Date;
  amountGiven: number;
  amountWasted: number;
  vialsOpened: number;
  pauses?: PauseEntry[] | null;
}

export interface VitalsEntry {
  takenAt: Date;
  systolic?: number | null;
  diastolic?: number | null;
  pulse?: number | null;
  respiratoryRate?: number | null;
  temperatureC?: number | null;
  spo2?: number | null;
}

export interface IvSiteEntry {
  location: string;
  startedAt: Date;
  removedAt?: Date | null;
}

export const REACTION_SEVERITIES = ['MILD', 'MODERATE', 'SEVERE'] as const;

/** How early before the booked start a line may begin (premedication, an early chair). */
const EARLY_MINUTES = 120;
/** A clock a few minutes ahead of ours is not a lie. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Minutes a line was paused; pauses must lie within the line and not overlap. */
export function pausedMinutes(pauses: readonly PauseEntry[]): number {
  return pauses.reduce((sum, p) => sum + minutesBetween(p.pausedAt, p.resumedAt), 0);
}

/** Problems with one drug line, blamed on `input.lines.<i>.<field>`. */
export function lineProblems(line: LineEntry, index: number, visit: { startsAt: Date }, now: Date): RuleProblem[] {
  const at = (field: string) => `input.lines.${index}.${field}`;
  const problems: RuleProblem[] = [];
  if (line.endedAt.getTime() < line.startedAt.getTime()) problems.push({ argument: at('endedAt'), message: 'A line ends after it starts' });
  if (line.startedAt.getTime() < visit.startsAt.getTime() - EARLY_MINUTES * 60_000) {
    problems.push({ argument: at('startedAt'), message: `A line starts at most ${EARLY_MINUTES} minutes before the visit` });
  }
  if (line.endedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ argument: at('endedAt'), message: 'A line cannot end in the future' });
  if (minutesBetween(line.startedAt, line.endedAt) > 24 * 60) problems.push({ argument: at('endedAt'), message: 'A line lasts at most a day' });
  if (!(line.amountGiven > 0)) problems.push({ argument: at('amountGiven'), message: 'Give the amount given' });
  if (!(line.amountWasted >= 0)) problems.push({ argument: at('amountWasted'), message: 'Waste is zero or more' });
  if (!(Number.isInteger(line.vialsOpened) && line.vialsOpened >= 1)) problems.push({ argument: at('vialsOpened'), message: 'At least one vial (bag, syringe) is opened' });
  const pauses = [...(line.pauses ?? [])].sort((a, b) => a.pausedAt.getTime() - b.pausedAt.getTime());
  pauses.forEach((p, i) => {
    const inside = p.pausedAt.getTime() >= line.startedAt.getTime() && p.resumedAt.getTime() <= line.endedAt.getTime();
    if (p.resumedAt.getTime() <= p.pausedAt.getTime() || !inside) problems.push({ argument: at('pauses'), message: 'A pause lies within its line and resumes after it starts' });
    else if (i > 0 && p.pausedAt.getTime() < pauses[i - 1]!.resumedAt.getTime()) problems.push({ argument: at('pauses'), message: 'Pauses do not overlap' });
  });
  return problems;
}

const RANGES: Record<keyof Omit<VitalsEntry, 'takenAt'>, [number, number]> = {
  systolic: [40, 300],
  diastolic: [20, 200],
  pulse: [20, 250],
  respiratoryRate: [4, 80],
  temperatureC: [30, 45],
  spo2: [50, 100],
};

/** Vital signs outside what a living patient can show are a typing error. */
export function vitalsProblems(vitals: readonly VitalsEntry[], now: Date): RuleProblem[] {
  const problems: RuleProblem[] = [];
  vitals.forEach((v, i) => {
    for (const [field, [min, max]] of Object.entries(RANGES) as [keyof typeof RANGES, [number, number]][]) {
      const value = v[field];
      if (value != null && !(value >= min && value <= max)) problems.push({ argument: `input.vitals.${i}.${field}`, message: `From ${min} to ${max}` });
    }
    if (v.takenAt.getTime() > now.getTime() + CLOCK_SKEW_MS) problems.push({ argument: `input.vitals.${i}.takenAt`, message: 'Vitals cannot be taken in the future' });
  });
  return problems;
}

export function ivSiteProblems(sites: readonly IvSiteEntry[]): RuleProblem[] {
  return sites.flatMap((s, i) => {
    if (!s.location.trim()) return [{ argument: `input.ivSites.${i}.location`, message: 'Say where the IV was placed' }];
    if (s.removedAt && s.removedAt.getTime() < s.startedAt.getTime()) return [{ argument: `input.ivSites.${i}.removedAt`, message: 'An IV is removed after it is started' }];
    return [];
  });
}

/** The site's local date of an instant: the service date billing counts a dose on. */
export const serviceDate = (instant: Date, timeZone: string): string => localDateIn(instant, timeZone);

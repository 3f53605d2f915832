/**
 * Supervision gaps (shared/DOMAIN.md, sites of care): where a site requires DIRECT supervision,
 * a supervising provider must be on site whenever nurses infuse. The nurses' shifts are the
 * periods that need cover; the providers' coverage blocks are the cover; what is left is a gap.
 */

export interface Period {
  startsAt: Date;
  endsAt: Date;
}

/** Overlapping or touching periods joined, in time order. */
export function mergePeriods(periods: readonly Period[]): Period[] {
  const sorted = [...periods].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const merged: Period[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last && p.startsAt.getTime() <= last.endsAt.getTime()) {
      if (p.endsAt.getTime() > last.endsAt.getTime()) last.endsAt = p.endsAt;
    } else {
      merged.push({ startsAt: p.startsAt, endsAt: p.endsAt });
    }
  }
  return merged;
}

/** The parts of `needed` that no period of `cover` covers, in time order. */
export function uncoveredPeriods(needed: readonly Period[], cover: readonly Period[]): Period[] {
  const covers = mergePeriods(cover);
  const gaps: Period[] = [];
  for (const need of mergePeriods(needed)) {
    let cursor = need.startsAt.getTime();
    const end = need.endsAt.getTime();
    for (const c of covers) {
      if (c.endsAt.getTime() <= cursor || c.startsAt.getTime() >= end) continue;
      if (c.startsAt.getTime() > cursor) gaps.push({ startsAt: new Date(cursor), endsAt: c.startsAt });
      cursor = Math.max(cursor, c.endsAt.getTime());
      if (cursor >= end) break;
    }
    if (cursor < end) gaps.push({ startsAt: new Date(cursor), endsAt: new Date(end) });
  }
  return gaps;
}

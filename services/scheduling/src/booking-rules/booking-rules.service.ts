import { conflict, type RequestContext } from '@infusion/subgraph-kit';
import type { Appointment } from '../appointments/appointment.entity';
import type { BookingFactsPort, BookingQuestion } from '../ports/booking-facts';
import { BookingOverride } from './booking-override.entity';
import { bookingDecision, bookingRuleFailures, type RuleFailure, type RuleOverride } from './booking.rules';

/**
 * Runs the booking rules for a visit before it is written: CONFLICT naming every refused rule
 * (code, severity, why, detail) when a HARD rule fails or a SOFT one is not overridden with a
 * reason; otherwise the overrides to record with the visit (`recordOverrides`).
 *
 * Not yet called by `bookAppointment`/`rescheduleAppointment`/`scheduleSeries`: the graph-backed
 * port needs facilities' `openingHours` and staffing's `qualifiedStaff`, which are on other branches.
 * Wiring: gather with `graphBookingFacts(ctx)` after the references are verified, take `overrides`
 * as an input of the mutations, and call `recordOverrides` after `insertVisit`.
 */
export async function checkBookingRules(port: BookingFactsPort, question: BookingQuestion, overrides: readonly RuleOverride[]): Promise<(RuleFailure & { reason: string })[]> {
  const failures = bookingRuleFailures(await port.gather(question));
  const { refused, overridden } = bookingDecision(failures, overrides);
  if (refused.length) {
    const [first] = refused;
    throw conflict(`${first!.code}: ${first!.detail}`, {
      reason: 'BOOKING_RULE',
      rules: refused.map(({ code, severity, why, detail }) => ({ code, severity, why, detail })),
    });
  }
  return overridden;
}

/** Records the overrides a booking was made with, in its transaction. */
export function recordOverrides(ctx: RequestContext, appointment: Appointment, overridden: readonly (RuleFailure & { reason: string })[]): void {
  for (const o of overridden) {
    ctx.em.create(BookingOverride, {
      clientId: appointment.clientId,
      siteId: appointment.siteId,
      appointmentId: appointment.id,
      ruleCode: o.code,
      detail: o.detail,
      reason: o.reason,
      overriddenBy: ctx.caller.principal.name,
    });
  }
}

import { localDateIn } from '@infusion/subgraph-kit';
import { SUPERVISING_ROLES, type SupervisionLevel } from '@infusion/domain-codes';
import type { RequestContext } from '@infusion/subgraph-kit';
import type { BookingTimes } from '../appointments/appointment.rules';
import { type BookingFacts, type PriorAuthorizationFacts, unitsFor } from '../booking-rules/booking.rules';
import type { Order } from '../orders/order.entity';

/** What a booking asks the rules about. */
export interface BookingQuestion extends BookingTimes {
  siteId: string;
  chairId: string;
  nurseId: string;
  order: Order;
}

/**
 * The port to everything the booking rules read from other subgraphs: facilities (hours,
 * supervision model, chairs, REMS enrolment as a certification), staffing (qualified nurses,
 * providers on shift, the prescriber's REMS competency), billing (prior authorizations), inventory
 * (the drug's HCPCS code and unit). The rules are pure and tested with plain facts; this is the
 * only place that knows where the facts live.
 */
export interface BookingFactsPort {
  gather(question: BookingQuestion): Promise<BookingFacts>;
}

/** A site's enrolment in a REMS programme, as a facilities certification: e.g. `TOUCH_REMS_ENROLLMENT`. */
export const remsCertificationKind = (program: string) => `${program}_REMS_ENROLLMENT`;
/** A prescriber's enrolment, as a staffing competency: e.g. `TOUCH_REMS` (the nurse's competency too). */
export const remsCompetencyKind = (program: string) => `${program}_REMS`;

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

interface SiteAnswer {
  id: string;
  timeZone: string;
  supervision: SupervisionLevel;
  chairs: { id: string; active: boolean }[];
  certifications: { kind: string; expiresOn: string }[];
  openingHours: { date: string; closed: boolean; opensAtUtc: string | null; closesAtUtc: string | null }[];
}

/**
 * The graph-backed port. Uses two CONTRACTS not on main yet: facilities' `Site.openingHours(from,
 * to)` (branch `facil`) and staffing's `qualifiedStaff(siteId, productId, at)` (branch `staff`);
 * the rest (supervision, chairs, certifications, shifts, competencies, prior authorizations, HCPCS)
 * is on main. All owners are asked as the caller, in parallel.
 */
export function graphBookingFacts(ctx: RequestContext): BookingFactsPort {
  return {
    async gather(q) {
      const { order } = q;
      // Dates of the visit in UTC bound the local date on either side; the site's zone picks it below.
      const from = q.startsAt.toISOString().slice(0, 10);
      const dayBefore = new Date(q.startsAt.getTime() - 86_400_000).toISOString().slice(0, 10);
      const to = q.endsAt.toISOString().slice(0, 10);
      if (![from, dayBefore, to].every((d) => LOCAL_DATE.test(d))) throw new Error('visit dates must be YYYY-MM-DD');
      const window = `from: "${new Date(q.startsAt.getTime() - 12 * 3_600_000).toISOString()}", to: "${new Date(q.endsAt.getTime() + 12 * 3_600_000).toISOString()}"`;
      const [facilities, staffing, qualifiedAtStart, qualifiedAtEnd, billing, inventory] = await Promise.all([
        ctx.graph.lookup<{ Site: SiteAnswer }>('facilities', {
          Site: {
            ids: [q.siteId],
            selection: `timeZone supervision chairs { id active } certifications { kind expiresOn } openingHours(from: "${dayBefore}", to: "${to}") { date closed opensAtUtc closesAtUtc }`,
          },
        }),
        ctx.graph.lookup<{ Site: { id: string; shifts: { startsAt: string; endsAt: string; staffMember: { role: string } }[] }; StaffMember: { id: string; competencies: { kind: string; expiresOn: string }[] } }>('staffing', {
          Site: { ids: [q.siteId], selection: `shifts(${window}) { startsAt endsAt staffMember { role } }` },
          StaffMember: { ids: order.prescriberId ? [order.prescriberId] : [], selection: 'competencies { kind expiresOn }' },
        }),
        qualified(ctx, q, q.startsAt),
        qualified(ctx, q, new Date(q.endsAt.getTime() - 60_000)),
        ctx.graph.lookup<{ Patient: { id: string; priorAuthorizations: PriorAuthorizationFacts[] } }>('billing', {
          Patient: { ids: [order.patientId], selection: 'priorAuthorizations { hcpcsCode siteId validFrom validTo remainingUnits status }' },
        }),
        ctx.graph.lookup<{ Product: { id: string; hcpcsCode: string | null; hcpcsUnitAmount: number | null } }>('inventory', {
          Product: { ids: [order.productId], selection: 'hcpcsCode hcpcsUnitAmount' },
        }),
      ]);
      const site = facilities.Site.get(q.siteId);
      if (!site) throw new Error(`Site ${q.siteId} vanished between verification and the booking rules`);
      const visitDate = localDateIn(q.startsAt, site.timeZone);
      const day = site.openingHours.find((d) => d.date === visitDate);
      const chair = site.chairs.find((c) => c.id === q.chairId);
      const product = inventory.Product.get(order.productId);
      const program = order.remsProgram;
      const prescriber = order.prescriberId ? staffing.StaffMember.get(order.prescriberId) : undefined;
      return {
        visit: { startsAt: q.startsAt, endsAt: q.endsAt },
        siteId: q.siteId,
        visitDate,
        siteDay: day ? { date: day.date, closed: day.closed, opensAtUtc: day.opensAtUtc ? new Date(day.opensAtUtc) : null, closesAtUtc: day.closesAtUtc ? new Date(day.closesAtUtc) : null } : null,
        chair: { active: chair?.active ?? false, atSite: !!chair },
        nurseQualified: qualifiedAtStart.has(q.nurseId) && qualifiedAtEnd.has(q.nurseId),
        supervision: site.supervision,
        supervisorShifts: (staffing.Site.get(q.siteId)?.shifts ?? [])
          .filter((s) => (SUPERVISING_ROLES as readonly string[]).includes(s.staffMember.role))
          .map((s) => ({ startsAt: new Date(s.startsAt), endsAt: new Date(s.endsAt) })),
        remsProgram: program,
        siteRemsEnrolled: !!program && site.certifications.some((c) => c.kind === remsCertificationKind(program) && c.expiresOn >= visitDate),
        prescriberRemsEnrolled: !program ? true : prescriber ? prescriber.competencies.some((c) => c.kind === remsCompetencyKind(program) && c.expiresOn >= visitDate) : order.prescriberId ? false : null,
        priorAuthorizations: product?.hcpcsCode ? (billing.Patient.get(order.patientId)?.priorAuthorizations ?? []) : null,
        hcpcsCode: product?.hcpcsCode ?? null,
        unitsNeeded: product?.hcpcsUnitAmount ? unitsFor(order.doseAmount, product.hcpcsUnitAmount) : 0,
      };
    },
  };
}

/** Staffing's CONTRACT: the staff qualified (on shift, licensed for the state, competent for the drug) at an instant. */
async function qualified(ctx: RequestContext, q: BookingQuestion, at: Date): Promise<Set<string>> {
  const data = await ctx.graph.query<{ qualifiedStaff: { id: string }[] }>(
    'staffing',
    'query Qualified($siteId: ID!, $productId: ID!, $at: DateTime!) { qualifiedStaff(siteId: $siteId, productId: $productId, at: $at) { id } }',
    { siteId: q.siteId, productId: q.order.productId, at: at.toISOString() },
  );
  return new Set(data.qualifiedStaff.map((s) => s.id));
}

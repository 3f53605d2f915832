import { AppError, LocalDate, badInput, checkTimeWindow, type RequestContext, localDateIn } from '@infusion/subgraph-kit';
import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { Appointment } from '../appointments/appointment.entity';
import { RELEASED_STATUSES } from '../appointments/appointment.rules';
import { Order } from '../orders/order.entity';
import { Administration } from '../administrations/administration.entity';
import { Patient } from '../patients/patient.entity';
import { PatientWeight } from '../patients/patient-weight.entity';
import { graphSiteCalendar } from '../ports/site-calendar';
import { Site } from '../references/site.stub';
import { daysOverdue, nextDose, noShowRate, utilisationByDay } from './reports.rules';

@ObjectType({ description: 'A dose of a series that has fallen outside its allowed window without a visit.' })
class OverdueDose {
  @Field(() => Order, { description: 'The order whose dose is overdue.' })
  order!: Order;

  @Field(() => Int, { description: 'Which dose (1 = first).' })
  doseNumber!: number;

  @Field(() => LocalDate, { description: 'When the dose was due.' })
  dueOn!: string;

  @Field(() => LocalDate, { description: 'Last day of its allowed window.' })
  windowEndsOn!: string;

  @Field(() => Int, { description: 'Days past the end of the window.' })
  daysOverdue!: number;
}

@ObjectType({ description: 'Patients who did not come, among visits due to happen in a period.' })
class NoShowRate {
  @Field(() => Int, { description: 'Visits that were due (cancelled and rescheduled ones excluded).' })
  visits!: number;

  @Field(() => Int, { description: 'Of those, no-shows.' })
  noShows!: number;

  @Field(() => Float, { nullable: true, description: 'noShows / visits; null when no visit was due.' })
  rate!: number | null;
}

@ObjectType({ description: 'How full a site’s chairs were on one local day.' })
class DayUtilisation {
  @Field(() => LocalDate, { description: 'Local date at the site.' })
  date!: string;

  @Field(() => Int, { description: 'Chairs × minutes open.' })
  openChairMinutes!: number;

  @Field(() => Int, { description: 'Chair-minutes booked by visits holding their chair, within opening hours.' })
  bookedChairMinutes!: number;

  @Field(() => Float, { nullable: true, description: 'Booked over open chair-minutes; null on a closed day.' })
  utilisation!: number | null;

  @Field(() => Int, { description: 'Most chairs in use at once.' })
  peakChairsInUse!: number;
}

@ObjectType({ description: 'One thing that happened in a patient’s care, for the timeline.' })
class TimelineEntry {
  @Field({ description: 'When (UTC).' })
  at!: Date;

  @Field({ description: 'ORDER_WRITTEN, WEIGHED, VISIT (with its status) or DOSE_GIVEN.' })
  kind!: string;

  @Field({ description: 'What happened, in words.' })
  summary!: string;

  @Field(() => Appointment, { nullable: true, description: 'The visit, for visits and doses.' })
  appointment!: Appointment | null;

  @Field(() => Order, { nullable: true, description: 'The order, for orders, visits and doses.' })
  order!: Order | null;
}

/** Longest period a report reads at once. */
const REPORT_MAX_DAYS = 366;

@Resolver(() => Site)
export class SiteReportResolver {
  @FieldResolver(() => [OverdueDose], { description: 'Doses of the site’s orders whose allowed window has passed without a visit, most overdue first.' })
  async overdueDoses(
    @Root() site: Site,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => LocalDate, { nullable: true, description: 'The day to judge on (today at the site when omitted).' }) asOf?: string | null,
  ): Promise<OverdueDose[]> {
    const orders = await ctx.em.find(Order, { siteId: site.id });
    if (!orders.length) return [];
    const [facilities, visits] = await Promise.all([
      ctx.graph.lookup<{ Site: { id: string; timeZone: string } }>('facilities', { Site: { ids: [site.id], selection: 'timeZone' } }),
      // Whole rows: a partly loaded entity would stand in for the full one elsewhere in the request.
      ctx.em.find(Appointment, { orderId: { $in: orders.map((o) => o.id) } }),
    ]);
    const timeZone = facilities.Site.get(site.id)?.timeZone ?? 'UTC';
    const today = asOf ?? localDateIn(new Date(), timeZone);
    const byOrder = new Map<string, { status: Appointment['status']; date: string }[]>();
    for (const v of visits) byOrder.set(v.orderId, [...(byOrder.get(v.orderId) ?? []), { status: v.status, date: localDateIn(v.startsAt, timeZone) }]);
    return orders
      .flatMap((order) => {
        const dose = nextDose(order, byOrder.get(order.id) ?? []);
        if (!dose || daysOverdue(dose, today) <= 0) return [];
        return [Object.assign(new OverdueDose(), { order, doseNumber: dose.doseNumber, dueOn: dose.dueOn, windowEndsOn: dose.latest, daysOverdue: daysOverdue(dose, today) })];
      })
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.order.id.localeCompare(b.order.id));
  }

  @FieldResolver(() => NoShowRate, { nullable: true, description: 'No-shows among the site’s visits starting within [from, to); null for a site the caller cannot see.' })
  async noShowRate(
    @Root() site: Site,
    @Arg('from', { description: 'Earliest start (inclusive, UTC).' }) from: Date,
    @Arg('to', { description: 'Latest start (exclusive, UTC).' }) to: Date,
    @Ctx() ctx: RequestContext,
  ): Promise<NoShowRate | null> {
    checkTimeWindow({ from, to }, { maxDays: REPORT_MAX_DAYS });
    // Zero visits would read as "a site of yours with a perfect record": ask facilities whether the caller sees the site.
    const [visible, visits] = await Promise.all([
      ctx.graph.lookup<{ Site: { id: string } }>('facilities', { Site: { ids: [site.id], selection: 'clientId' } }),
      ctx.em.find(Appointment, { siteId: site.id, startsAt: { $gte: from, $lt: to } }),
    ]);
    if (!visible.Site.has(site.id)) return null;
    return Object.assign(new NoShowRate(), noShowRate(visits.map((v) => v.status)));
  }

}

/** `Site.utilisation` reads opening hours and chairs through the SiteCalendar port (facilities' `Site.openingHours`). */
@Resolver(() => Site)
export class SiteUtilisationResolver {
  @FieldResolver(() => [DayUtilisation], {
    description: 'Per local day from `from` to `to` (inclusive): booked chair-minutes over open chair-minutes, and the peak of chairs in use; empty for a site the caller cannot see.',
  })
  async utilisation(
    @Root() site: Site,
    @Arg('from', () => LocalDate, { description: 'First local date.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last local date (inclusive).' }) to: string,
    @Ctx() ctx: RequestContext,
  ): Promise<DayUtilisation[]> {
    if (to < from) throw badInput('`to` must not be before `from`', { argument: 'to' });
    checkTimeWindow({ from: new Date(`${from}T00:00:00Z`), to: new Date(`${to}T23:59:59Z`) }, { maxDays: 93 });
    // A site the caller cannot see has no days, as if facilities had hidden it (the kit's rule for fields on another's entity).
    const calendar = await graphSiteCalendar(ctx)
      .site(site.id, from, to, 'siteId')
      .catch((error: unknown) => {
        if (error instanceof AppError && error.extensions.code === 'NOT_FOUND') return null;
        throw error;
      });
    if (!calendar) return [];
    const start = new Date(`${from}T00:00:00Z`).getTime() - 86_400_000;
    const end = new Date(`${to}T00:00:00Z`).getTime() + 2 * 86_400_000;
    const visits = await ctx.em.find(
      Appointment,
      { siteId: site.id, status: { $nin: [...RELEASED_STATUSES] }, startsAt: { $lt: new Date(end) }, endsAt: { $gt: new Date(start) } },
    );
    return utilisationByDay(calendar.days, calendar.chairs.filter((c) => c.active).length, visits).map((d) => Object.assign(new DayUtilisation(), d));
  }
}

@Resolver(() => Patient)
export class PatientTimelineResolver {
  @FieldResolver(() => [TimelineEntry], { description: 'The patient’s care in time order: orders written, weighings, visits and doses given.' })
  async timeline(@Root() patient: Patient, @Ctx() { loaders }: RequestContext): Promise<TimelineEntry[]> {
    const [orders, weights, visits] = await Promise.all([
      loaders.manyBy(Order, 'patientId').load(patient.id),
      loaders.manyBy(PatientWeight, 'patientId').load(patient.id),
      loaders.manyBy(Appointment, 'patientId').load(patient.id),
    ]);
    const doses = (await Promise.all(visits.map((v) => loaders.manyBy(Administration, 'appointmentId').load(v.id)))).flat();
    const orderById = new Map(orders.map((o) => [o.id, o]));
    const visitById = new Map(visits.map((v) => [v.id, v]));
    const entry = (at: Date, kind: string, summary: string, appointment: Appointment | null, order: Order | null) =>
      Object.assign(new TimelineEntry(), { at, kind, summary, appointment, order });
    const entries = [
      ...orders.map((o) => entry(o.createdAt, 'ORDER_WRITTEN', `${o.regimen}: ${o.doseAmount} ${o.doseUnit.toLowerCase()}, ${o.dosesPlanned} doses (${o.diagnosisCode})`, null, o)),
      ...weights.map((w) => entry(new Date(`${w.measuredOn}T12:00:00Z`), 'WEIGHED', `${w.weightKg} kg`, null, null)),
      ...visits.map((v) => entry(v.startsAt, 'VISIT', `Visit ${v.status.toLowerCase().replace('_', ' ')}${v.doseNumber ? `, dose ${v.doseNumber}` : ''}`, v, orderById.get(v.orderId) ?? null)),
      ...doses.map((d) => {
        const visit = visitById.get(d.appointmentId) ?? null;
        return entry(d.startedAt, 'DOSE_GIVEN', `${d.amountGiven} given, ${d.amountWasted} wasted`, visit, visit ? (orderById.get(visit.orderId) ?? null) : null);
      }),
    ];
    return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.kind.localeCompare(b.kind));
  }
}

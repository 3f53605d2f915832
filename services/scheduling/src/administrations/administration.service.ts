import { AdministrationCompleted, publish } from '@infusion/events';
import { AppError, badInput, conflict, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { Appointment } from '../appointments/appointment.entity';
import { transitionProblem } from '../appointments/appointment.rules';
import { type DoseUnit, Order } from '../orders/order.entity';
import { Administration } from './administration.entity';
import type { RecordAdministrationInput } from './administration.input';
import { REACTION_SEVERITIES, ivSiteProblems, lineProblems, pausedMinutes, serviceDate, vitalsProblems } from './administration.rules';
import { VisitRecord } from './visit-record.entity';

interface LotFacts {
  id: string;
  clientId: string;
  siteId: string;
  productId: string;
  patientId: string | null;
  expiresOn: string;
  /** The unit a line's amounts are given in (the input says: the product's dose unit). */
  product: { doseUnit: DoseUnit };
}

function refuse(problem: { argument: string; message: string } | undefined): void {
  if (problem) throw badInput(problem.message, { argument: problem.argument });
}

/**
 * Completes a visit with its administration record, in one transaction: the drug lines (each lot
 * verified with inventory as the caller: same client and site, not expired, not another patient's
 * white-bagged drug), the visit's IV sites, vitals and reactions, the status COMPLETED, and one
 * `AdministrationCompleted` per drug line for inventory, claims and fees. A refusal writes nothing
 * and publishes nothing.
 */
export async function recordAdministration(ctx: RequestContext, input: RecordAdministrationInput): Promise<Appointment> {
  if (!isUuid(input.appointmentId)) throw badInput('`input.appointmentId` is not a valid id', { argument: 'input.appointmentId' });
  const now = new Date();
  const appointment = await ctx.loaders.byId(Appointment).load(input.appointmentId);
  if (!appointment) {
    throw new AppError('NOT_FOUND', `Appointment ${input.appointmentId} was not found`, { type: 'Appointment', id: input.appointmentId, argument: 'input.appointmentId' });
  }
  input.lines.forEach((line, i) => {
    if (!isUuid(line.lotId)) throw badInput(`\`input.lines.${i}.lotId\` is not a valid id`, { argument: `input.lines.${i}.lotId` });
  });
  // Every id first: a lot the caller cannot see is NOT_FOUND whatever else is wrong.
  const [order, inventory, facilities] = await Promise.all([
    ctx.loaders.byId(Order).load(appointment.orderId),
    ctx.graph.lookup<{ Lot: LotFacts }>('inventory', { Lot: { ids: input.lines.map((l) => l.lotId), selection: 'clientId siteId productId patientId expiresOn product { doseUnit }' } }),
    ctx.graph.lookup<{ Site: { id: string; timeZone: string } }>('facilities', { Site: { ids: [appointment.siteId], selection: 'timeZone' } }),
  ]);
  const site = facilities.Site.get(appointment.siteId);
  if (!order || !site) throw new AppError('NOT_FOUND', `Appointment ${appointment.id} was not found`, { argument: 'input.appointmentId' });
  input.lines.forEach((line, i) => {
    if (!inventory.Lot.has(line.lotId)) throw new AppError('NOT_FOUND', `Lot ${line.lotId} was not found`, { type: 'Lot', id: line.lotId, argument: `input.lines.${i}.lotId` });
  });
  if (input.expectedVersion != null && input.expectedVersion !== appointment.version) {
    throw conflict('The appointment was changed by someone else; reload and try again', { version: appointment.version });
  }
  const lots = input.lines.map((line, i) => {
    const argument = `input.lines.${i}.lotId`;
    const lot = inventory.Lot.get(line.lotId)!;
    if (lot.clientId !== appointment.clientId || lot.siteId !== appointment.siteId) throw badInput('The lot is stocked at another site', { argument });
    if (lot.patientId && lot.patientId !== appointment.patientId) throw badInput('The lot was shipped for another patient (white bag)', { argument });
    if (lot.expiresOn < serviceDate(line.startedAt, site.timeZone)) throw badInput(`The lot expired on ${lot.expiresOn}`, { argument });
    return lot;
  });

  const statusProblem = transitionProblem(appointment.status, 'COMPLETED');
  if (statusProblem) throw conflict(statusProblem, { status: appointment.status });
  if (input.lines.length === 0) throw badInput('Record at least one drug given', { argument: 'input.lines' });
  input.lines.forEach((line, i) => {
    refuse(lineProblems(line, i, appointment, now)[0]);
  });
  refuse(ivSiteProblems(input.ivSites ?? [])[0]);
  refuse(vitalsProblems(input.vitals ?? [], now)[0]);
  (input.reactions ?? []).forEach((r, i) => {
    if (!(REACTION_SEVERITIES as readonly string[]).includes(r.severity)) throw badInput('Severity is MILD, MODERATE or SEVERE', { argument: `input.reactions.${i}.severity` });
    if (!r.description.trim()) throw badInput('Describe the reaction', { argument: `input.reactions.${i}.description` });
  });

  const completedAt = now;
  const administrations = input.lines.map((line, i) =>
    ctx.em.create(Administration, {
      clientId: appointment.clientId,
      siteId: appointment.siteId,
      appointmentId: appointment.id,
      lotId: lots[i]!.id,
      productId: lots[i]!.productId,
      amountGiven: line.amountGiven,
      amountWasted: line.amountWasted,
      vialsOpened: line.vialsOpened,
      startedAt: line.startedAt,
      endedAt: line.endedAt,
      ivSite: line.ivSite?.trim() || null,
      lineKind: line.lineKind ?? (lots[i]!.productId === order.productId ? order.lineKind : 'THERAPEUTIC'),
      pauses: (line.pauses ?? []).map((p) => ({ pausedAt: p.pausedAt, resumedAt: p.resumedAt, reason: p.reason?.trim() || null })),
      pausedMinutes: pausedMinutes(line.pauses ?? []),
    }),
  );
  ctx.em.create(VisitRecord, {
    clientId: appointment.clientId,
    siteId: appointment.siteId,
    appointmentId: appointment.id,
    ivSites: (input.ivSites ?? []).map((s) => ({ location: s.location.trim(), startedAt: s.startedAt, removedAt: s.removedAt ?? null })),
    vitals: (input.vitals ?? []).map((v) => ({
      takenAt: v.takenAt,
      systolic: v.systolic ?? null,
      diastolic: v.diastolic ?? null,
      pulse: v.pulse ?? null,
      respiratoryRate: v.respiratoryRate ?? null,
      temperatureC: v.temperatureC ?? null,
      spo2: v.spo2 ?? null,
    })),
    reactions: (input.reactions ?? []).map((r) => ({ notedAt: r.notedAt, severity: r.severity, description: r.description.trim(), actionTaken: r.actionTaken?.trim() || null })),
    completedAt,
  });
  appointment.status = 'COMPLETED';
  // A second record for the visit (a concurrent completion) fails here: its status moved (version)
  // or the visit record's unique key refuses it.
  await ctx.em.flush();

  const lotUnits = new Map(lots.map((lot) => [lot.id, lot.product.doseUnit]));
  for (const administration of administrations) {
    await publish(ctx, AdministrationCompleted, appointment.clientId, {
      administrationId: administration.id,
      appointmentId: appointment.id,
      orderId: order.id,
      patientId: appointment.patientId,
      siteId: appointment.siteId,
      productId: administration.productId,
      serviceDate: serviceDate(administration.startedAt, site.timeZone),
      completedAt: completedAt.toISOString(),
      indicationFamily: order.indicationFamily,
      lineKind: administration.lineKind ?? order.lineKind,
      // Amounts are given in the lot's product's dose unit (a hydration bag's too), as inventory counts packages.
      lots: [
        {
          lotId: administration.lotId,
          amountGiven: administration.amountGiven,
          amountWasted: administration.amountWasted,
          unit: lotUnits.get(administration.lotId) ?? null,
        },
      ],
    });
  }
  return appointment;
}

import { createHash } from 'node:crypto';
import { addDays, buildDemoWorld, localDate, type DemoWorld, type WorldOrder, type WorldPatient, type WorldPayer } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import type { RequiredEntityData } from '@mikro-orm/core';
import { ContractSite } from './contracts/contract-site.entity';
import { FeeSchedule } from './contracts/fee-schedule.entity';
import { FeeTier } from './contracts/fee-tier.entity';
import { ManagementContract, type ManagedService } from './contracts/management-contract.entity';
import { Coverage } from './coverages/coverage.entity';
import { Payer } from './payers/payer.entity';
import { PriorAuthorization } from './prior-authorizations/prior-authorization.entity';
import { authorizationStatus, unitsPerDose } from './prior-authorizations/prior-authorization.rules';

/**
 * A stable UUID for a row the demo world does not name itself (coverages, authorizations): the
 * same world always gives the same ids, so re-seeding and other tools can rely on them.
 */
function derivedUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(['billing', ...parts].join(':')).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const compactId = (id: string, length: number) => id.replace(/-/g, '').slice(0, length).toUpperCase();

const PLAN_NAMES: Record<string, string> = {
  'MCR-B': 'Original Medicare Part B',
  GPHP: 'Great Plains PPO',
  KMI: 'Keystone Choice HMO',
  MCD: 'State Medicaid Managed Care Plan',
};

function ageOn(dateOfBirth: string, date: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Primary payer of a demo patient: Medicare from 65, otherwise Medicaid or a commercial plan by turn. */
function primaryPayer(world: DemoWorld, patient: WorldPatient, index: number): WorldPayer {
  const byCode = (code: string) => world.payers.find((p) => p.payerCode === code) ?? world.payers[0]!;
  if (ageOn(patient.dateOfBirth, world.anchorDate) >= 65) return byCode('MCR-B');
  if (index % 5 === 0) return byCode('MCD');
  return byCode(index % 2 === 0 ? 'GPHP' : 'KMI');
}

function coverages(world: DemoWorld): { rows: RequiredEntityData<Coverage>[]; payerOf: Map<string, WorldPayer> } {
  const effectiveFrom = `${Number(world.anchorDate.slice(0, 4)) - 1}-01-01`;
  const payerOf = new Map<string, WorldPayer>();
  const rows = world.patients.map((patient, index): RequiredEntityData<Coverage> => {
    const payer = primaryPayer(world, patient, index);
    payerOf.set(patient.id, payer);
    return {
      id: derivedUuid('coverage', patient.id),
      clientId: patient.clientId,
      patientId: patient.id,
      siteId: patient.siteId,
      payerId: payer.id,
      memberId: `${payer.payerCode.replace('-', '')}${compactId(patient.id, 9)}`,
      planName: PLAN_NAMES[payer.payerCode] ?? payer.name,
      priority: 1,
      effectiveFrom,
      effectiveTo: null,
    };
  });
  return { rows, payerOf };
}

/**
 * One authorization per drug order, for the order's HCPCS code at the patient's site, sized for
 * the planned doses. A deterministic share of them is expired, exhausted or about to expire, so
 * the "surface before the visit" lists have something to show.
 */
function priorAuthorizations(world: DemoWorld, payerOf: Map<string, WorldPayer>): RequiredEntityData<PriorAuthorization>[] {
  const products = new Map(world.products.map((p) => [p.id, p]));
  const patients = new Map(world.patients.map((p) => [p.id, p]));
  const zones = new Map(world.sites.map((s) => [s.id, s.timeZone]));
  const doseDays = new Map<string, string[]>();
  for (const appointment of world.appointments) {
    if (appointment.status !== 'COMPLETED') continue;
    const days = doseDays.get(appointment.orderId) ?? [];
    days.push(localDate(appointment.startsAt, zones.get(appointment.siteId) ?? 'UTC'));
    doseDays.set(appointment.orderId, days);
  }

  const rows: RequiredEntityData<PriorAuthorization>[] = [];
  world.orders.forEach((order: WorldOrder, index) => {
    const product = products.get(order.productId);
    const patient = patients.get(order.patientId);
    const payer = payerOf.get(order.patientId);
    if (product?.kind !== 'DRUG' || !product.hcpcsCode || !product.hcpcsUnitAmount || !patient || !payer) return;

    const perDose = unitsPerDose(order.doseAmount, product.hcpcsUnitAmount);
    const validFrom = order.startsOn;
    let validTo = addDays(validFrom, 179);
    let approvedVisits = order.dosesPlanned;
    const variant = index % 10;
    if (variant === 3) validTo = addDays(world.anchorDate, -1 - (index % 20)); // lapsed
    if (variant === 8) validTo = addDays(world.anchorDate, 7 + (index % 21)); // expiring soon
    const given = (doseDays.get(order.id) ?? []).filter((day) => day >= validFrom && day <= validTo).length;
    if (variant === 6 && given > 0) approvedVisits = given; // every approved dose already given

    const approvedUnits = perDose * approvedVisits;
    const usedUnits = Math.min(approvedUnits, perDose * given);
    rows.push({
      id: derivedUuid('prior-authorization', order.id),
      clientId: order.clientId,
      patientId: order.patientId,
      payerId: payer.id,
      siteId: patient.siteId,
      authorizationNumber: `${payer.payerCode.replace('-', '')}-${compactId(order.id, 10)}`,
      hcpcsCode: product.hcpcsCode,
      approvedUnits,
      usedUnits,
      approvedVisits,
      validFrom,
      validTo,
      status: authorizationStatus({ approvedUnits, usedUnits, validTo }, world.anchorDate),
    });
  });
  return rows;
}

/** Writes this subgraph's part of the demo world, with the world's ids. */
export const seedBilling: SeedFunction = async (em, { seed, anchorDate }) => {
  const world = buildDemoWorld(seed, anchorDate);
  await em.insertMany(Payer, world.payers.map(({ id, name, kind, payerCode }) => ({ id, name, kind, payerCode })));

  const { rows: coverageRows, payerOf } = coverages(world);
  await em.insertMany(Coverage, coverageRows);
  const authorizationRows = priorAuthorizations(world, payerOf);
  await em.insertMany(PriorAuthorization, authorizationRows);

  await em.insertMany(
    ManagementContract,
    world.contracts.map(({ id, clientId, name, services, effectiveFrom, effectiveTo }) => ({
      id, clientId, name, services: services as ManagedService[], effectiveFrom, effectiveTo,
    })),
  );
  // Every demo contract covers all its client's sites from its first day.
  const coveredSites = world.contracts.flatMap((contract) =>
    world.sites
      .filter((site) => site.clientId === contract.clientId)
      .map((site) => ({ id: derivedUuid('contract-site', contract.id, site.id), clientId: contract.clientId, contractId: contract.id, siteId: site.id, coveredFrom: contract.effectiveFrom, coveredTo: null })),
  );
  if (coveredSites.length) await em.insertMany(ContractSite, coveredSites);
  const schedules = world.contracts.map((c) => ({ contract: c, schedule: c.feeSchedule }));
  await em.insertMany(
    FeeSchedule,
    schedules.map(({ contract, schedule: { id, basis, percent, monthlyMinimum, monthlyCap, flatPerSiteMonthly } }) => ({
      id, clientId: contract.clientId, contractId: contract.id, effectiveFrom: contract.effectiveFrom, basis, percent, monthlyMinimum, monthlyCap, flatPerSiteMonthly,
    })),
  );
  const tiers = schedules.flatMap(({ contract, schedule }) =>
    schedule.tiers.map(({ id, fromTreatments, toTreatments, feePerTreatment }) => ({
      id, clientId: contract.clientId, feeScheduleId: schedule.id, fromTreatments, toTreatments, feePerTreatment,
    })),
  );
  if (tiers.length) await em.insertMany(FeeTier, tiers);

  return {
    payers: world.payers.length,
    coverages: coverageRows.length,
    'prior authorizations': authorizationRows.length,
    'management contracts': world.contracts.length,
    'contract sites': coveredSites.length,
    'fee schedules': schedules.length,
    'fee tiers': tiers.length,
  };
};

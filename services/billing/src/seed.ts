import { createHash } from 'node:crypto';
import { addDays, buildDemoWorld, localDate, type DemoWorld, type WorldOrder, type WorldPatient, type WorldPayer } from '@infusion/demo-data';
import type { SeedFunction } from '@infusion/subgraph-kit';
import type { RequiredEntityData } from '@mikro-orm/core';
import { ContractSite } from './contracts/contract-site.entity';
import { FeePercentTier } from './contracts/fee-percent-tier.entity';
import { FeeSchedule } from './contracts/fee-schedule.entity';
import { scheduleTerms } from './fees/fee.service';
import { therapyClassOf, type TherapyClass } from './fees/fee.rules';
import { periodFee } from './fees/period.rules';
import { FeeInvoice, FeeInvoiceLine } from './invoices/invoice.entity';
import { invoiceLineRows } from './invoices/invoice.service';
import { Collection } from './ledger/collection.entity';
import { BillableTreatment } from './ledger/treatment.entity';
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

/**
 * Amendments 45 days before the anchor date, one fee shape per client in turn, so the demo has
 * contracts of every shape and a period priced in parts: volume tiers with an oncology table and
 * a flat fee per site; a tiered percentage of collections against a floor; fixed components only
 * (a fixed annual fee and a fee per chair) on the quarterly contract; graduated tiers counted per
 * site with a minimum and a cap.
 */
async function seedAmendments(em: Parameters<SeedFunction>[0], world: DemoWorld): Promise<number> {
  const effectiveFrom = addDays(world.anchorDate, -45);
  let count = 0;
  for (const [index, contract] of world.contracts.entries()) {
    const scheduleId = derivedUuid('amendment', contract.id);
    const base = { id: scheduleId, clientId: contract.clientId, contractId: contract.id, effectiveFrom, percent: null, monthlyMinimum: null, monthlyCap: null, flatPerSiteMonthly: null };
    const tier = (n: number, fromTreatments: number, toTreatments: number | null, feePerTreatment: string, therapyClass: 'ONCOLOGY' | null = null) => ({
      id: derivedUuid('amendment-tier', contract.id, String(n)), clientId: contract.clientId, feeScheduleId: scheduleId, fromTreatments, toTreatments, feePerTreatment, therapyClass,
    });
    switch (index % 4) {
      case 0:
        await em.insertMany(FeeSchedule, [{ ...base, basis: 'PER_TREATMENT_VOLUME', flatPerSiteMonthly: '1500.00', monthlyCap: '90000.00' }]);
        await em.insertMany(FeeTier, [tier(1, 1, 150, '80.00'), tier(2, 151, null, '65.00'), tier(3, 1, 60, '140.00', 'ONCOLOGY'), tier(4, 61, null, '120.00', 'ONCOLOGY')]);
        break;
      case 1:
        await em.insertMany(FeeSchedule, [{ ...base, basis: 'PERCENT_OF_COLLECTIONS', collectionsFloor: '20000.00' }]);
        await em.insertMany(FeePercentTier, [
          { id: derivedUuid('amendment-band', contract.id, '1'), clientId: contract.clientId, feeScheduleId: scheduleId, upToCollections: '250000.00', percent: '9.00' },
          { id: derivedUuid('amendment-band', contract.id, '2'), clientId: contract.clientId, feeScheduleId: scheduleId, upToCollections: null, percent: '6.50' },
        ]);
        break;
      case 2:
        await em.insertMany(FeeSchedule, [{ ...base, basis: 'FIXED_COMPONENTS', fixedAnnualFee: '240000.00', flatPerChairMonthly: '400.00', monthlyMinimum: '5000.00' }]);
        break;
      default:
        await em.insertMany(FeeSchedule, [{ ...base, basis: 'PER_TREATMENT_GRADUATED', tiersPerSite: true, monthlyMinimum: '8000.00', monthlyCap: '60000.00' }]);
        await em.insertMany(FeeTier, [tier(1, 1, 100, '90.00'), tier(2, 101, null, '75.00')]);
    }
    count++;
  }
  return count;
}

/** ICD-10 C00–D49 are neoplasms: the demo's orders carry no indication family, so it comes from the diagnosis. */
const familyOf = (diagnosisCode: string) => (/^(C|D[0-4])/.test(diagnosisCode) ? 'ONCOLOGY' : 'NON_ONCOLOGY');

/**
 * Ninety days of volume in billing's own ledgers, as the AdministrationCompleted handler and
 * remittances would have written them: a treatment per completed demo administration (service
 * date in the site's zone, payer from the coverage), and each site-day's collections (a
 * deterministic 1,850.00 per treatment, as one remittance), with their daily rollups.
 */
async function seedVolume(em: Parameters<SeedFunction>[0], world: DemoWorld, payerOf: Map<string, WorldPayer>): Promise<{ treatments: number; collections: number }> {
  const appointments = new Map(world.appointments.map((a) => [a.id, a]));
  const orders = new Map(world.orders.map((o) => [o.id, o]));
  const zones = new Map(world.sites.map((s) => [s.id, s.timeZone]));
  const rows: RequiredEntityData<BillableTreatment>[] = [];
  for (const administration of world.administrations) {
    const appointment = appointments.get(administration.appointmentId);
    const order = appointment && orders.get(appointment.orderId);
    if (!appointment || !order || appointment.status !== 'COMPLETED') continue;
    const indicationFamily = familyOf(order.diagnosisCode);
    rows.push({
      id: administration.id,
      clientId: administration.clientId,
      siteId: appointment.siteId,
      serviceDate: localDate(administration.startedAt, zones.get(appointment.siteId) ?? 'UTC'),
      therapyClass: therapyClassOf('THERAPEUTIC', indicationFamily),
      lineKind: 'THERAPEUTIC',
      indicationFamily,
      payerId: payerOf.get(appointment.patientId)?.id ?? null,
      patientId: appointment.patientId,
      orderId: order.id,
      productId: administration.productId,
      appointmentId: appointment.id,
      completedAt: administration.endedAt,
      eventId: derivedUuid('seed-event', administration.id),
    });
  }
  if (rows.length) await em.insertMany(BillableTreatment, rows);
  await em.execute(`
    insert into billing.treatment_day (client_id, site_id, service_date, therapy_class, treatments)
    select client_id, site_id, service_date, therapy_class, count(*) from billing.treatment group by 1, 2, 3, 4`);
  const perDay = new Map<string, { clientId: string; siteId: string; day: string; n: number }>();
  for (const row of rows) {
    const key = `${row.siteId}|${row.serviceDate}`;
    const entry = perDay.get(key) ?? { clientId: row.clientId as string, siteId: row.siteId as string, day: row.serviceDate as string, n: 0 };
    entry.n++;
    perDay.set(key, entry);
  }
  const collections = [...perDay.values()].map((d) => ({
    id: derivedUuid('collection', d.siteId, d.day),
    clientId: d.clientId,
    siteId: d.siteId,
    receivedOn: d.day,
    amount: `${1850 * d.n}.00`,
    source: 'REMITTANCE' as const,
    reference: `ERA ${d.day}`,
  }));
  if (collections.length) await em.insertMany(Collection, collections);
  await em.execute(`
    insert into billing.collection_day (client_id, site_id, received_on, amount)
    select client_id, site_id, received_on, sum(amount) from billing.collection group by 1, 2, 3`);
  return { treatments: rows.length, collections: collections.length };
}

/**
 * The invoices of the month two months before the anchor date for every monthly contract, priced
 * by the engine from the seeded rollups and numbered from 1 in their year (the counter is set to
 * match), the first one paid: so invoices, their lines and drill-downs have something to show.
 */
async function seedInvoices(em: Parameters<SeedFunction>[0], world: DemoWorld): Promise<number> {
  const anchor = new Date(`${world.anchorDate}T00:00:00Z`);
  const month = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - 2, 1)).toISOString().slice(0, 10);
  const monthEnd = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - 1, 0)).toISOString().slice(0, 10);
  const issuedAt = new Date(Date.UTC(anchor.getUTCFullYear(), anchor.getUTCMonth() - 1, 3, 12));
  const year = issuedAt.getUTCFullYear();
  const all = { filters: false } as const;
  const [schedules, tiers, bands, sites] = await Promise.all([
    em.find(FeeSchedule, {}, { ...all, orderBy: { effectiveFrom: 'asc' } }),
    em.find(FeeTier, {}, all),
    em.find(FeePercentTier, {}, all),
    em.find(ContractSite, {}, all),
  ]);
  const chairs = (siteId: string) => world.chairs.filter((c) => c.siteId === siteId).length;
  let number = 0;
  for (const [index, contract] of world.contracts.entries()) {
    if (index % 4 === 2) continue; // the quarterly contract
    const rollup = await em.execute<{ site_id: string; service_date: string; therapy_class: TherapyClass; treatments: number }[]>(
      `select site_id, to_char(service_date, 'YYYY-MM-DD') as service_date, therapy_class, treatments from billing.treatment_day where client_id = ? and service_date between ? and ?`,
      [contract.clientId, month, monthEnd],
    );
    const collected = await em.execute<{ site_id: string; received_on: string; amount: string }[]>(
      `select site_id, to_char(received_on, 'YYYY-MM-DD') as received_on, amount::text as amount from billing.collection_day where client_id = ? and received_on between ? and ?`,
      [contract.clientId, month, monthEnd],
    );
    const fee = periodFee({
      period: { from: month, to: monthEnd },
      contract: { effectiveFrom: contract.effectiveFrom, effectiveTo: contract.effectiveTo },
      versions: schedules
        .filter((v) => v.contractId === contract.id)
        .map((v) => ({ id: v.id, effectiveFrom: v.effectiveFrom, terms: scheduleTerms(v, tiers.filter((t) => t.feeScheduleId === v.id), bands.filter((b) => b.feeScheduleId === v.id)) })),
      sites: sites.filter((s) => s.contractId === contract.id).map((s) => ({ siteId: s.siteId, coveredFrom: s.coveredFrom, coveredTo: s.coveredTo, chairs: chairs(s.siteId) })),
      treatments: rollup.map((r) => ({ serviceDate: r.service_date, siteId: r.site_id, therapyClass: r.therapy_class, treatments: Number(r.treatments) })),
      collections: collected.map((c) => ({ serviceDate: c.received_on, siteId: c.site_id, amount: c.amount })),
    });
    number++;
    const invoiceId = derivedUuid('invoice', contract.id, month);
    await em.insertMany(FeeInvoice, [
      {
        id: invoiceId,
        clientId: contract.clientId,
        contractId: contract.id,
        periodFrom: month,
        periodTo: monthEnd,
        status: number === 1 ? 'PAID' : 'ISSUED',
        number: `INV-${year}-${String(number).padStart(6, '0')}`,
        currency: 'USD',
        amount: fee.amount,
        treatments: fee.treatments,
        collections: fee.collections,
        issuedAt,
        paidAt: number === 1 ? new Date(issuedAt.getTime() + 20 * 86_400_000) : null,
      },
    ]);
    const lines = invoiceLineRows(contract.clientId, invoiceId, fee.lines).map((line) => ({ ...line, id: derivedUuid('invoice-line', invoiceId, String(line.position)) }));
    if (lines.length) await em.insertMany(FeeInvoiceLine, lines);
  }
  if (number > 0) await em.execute(`insert into billing.fee_invoice_counter (series, year, last_number) values ('INV', ?, ?)`, [year, number]);
  return number;
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
    // Every fourth contract (the fixed-components shape, see seedAmendments) is invoiced quarterly.
    world.contracts.map(({ id, clientId, name, services, effectiveFrom, effectiveTo }, index) => ({
      id, clientId, name, services: services as ManagedService[], effectiveFrom, effectiveTo, billingPeriod: index % 4 === 2 ? ('QUARTERLY' as const) : ('MONTHLY' as const),
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
  const amendments = await seedAmendments(em, world);
  const volume = await seedVolume(em, world, payerOf);
  const invoices = await seedInvoices(em, world);

  return {
    payers: world.payers.length,
    coverages: coverageRows.length,
    'prior authorizations': authorizationRows.length,
    'management contracts': world.contracts.length,
    'contract sites': coveredSites.length,
    'fee schedules': schedules.length,
    'fee tiers': tiers.length,
    'fee schedule amendments': amendments,
    'billable treatments': volume.treatments,
    collections: volume.collections,
    'fee invoices': invoices,
  };
};

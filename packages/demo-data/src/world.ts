import { Faker, en } from '@faker-js/faker';
import { NURSE_LICENSURE_COMPACT_STATES, SITE_KIND_DEFAULTS, type ClientKind, type SiteKind, type StaffRole, type AcquisitionMethod } from '@infusion/domain-codes';
import { CATALOGUE, REGIMENS, type CatalogueItem, type Regimen } from './catalogue';
import { addStaffingDemo, HOURLY_COST_BY_ROLE, type WorldSupervisionCoverage, type WorldTimeOff } from './staffing';
import { addDays, weekday, zonedTime } from './time';
import { clientIdentity, operateSites, type SiteOperations } from './site-operations';

export interface WorldClient { id: string; name: string; kind: ClientKind; specialty: string; state: string; taxId: string; legalName: string; npi: string }
export interface WorldSite {
  id: string; clientId: string; name: string; kind: SiteKind; placeOfService: string; timeZone: string;
  street: string; city: string; state: string; postalCode: string;
  opensAtMinutes: number; closesAtMinutes: number; chairsPerNurse: number;
}
export interface WorldChair { id: string; clientId: string; siteId: string; label: string; privateRoom: boolean }
export interface WorldEquipment { id: string; clientId: string; siteId: string; kind: string; model: string; serialNumber: string; nextServiceDue: string }
export interface WorldCertification { id: string; clientId: string; siteId: string; kind: string; issuer: string; issuedOn: string; expiresOn: string }
export interface WorldStaff {
  id: string; clientId: string; homeSiteId: string; firstName: string; lastName: string; role: StaffRole; email: string; npi: string | null;
  employment: 'EMPLOYEE' | 'AGENCY' | 'CONTRACT'; agencyName: string | null; hourlyCost: string;
  licenses: { id: string; state: string; number: string; type: string; multistate: boolean; expiresOn: string }[];
  competencies: { id: string; kind: string; expiresOn: string }[];
}
export interface WorldShift { id: string; clientId: string; siteId: string; staffMemberId: string; startsAt: Date; endsAt: Date }
export interface WorldProduct extends CatalogueItem { id: string }
export interface WorldLot {
  id: string; clientId: string; siteId: string; productId: string; lotNumber: string; expiresOn: string;
  receivedOn: string; quantityReceived: number; quantityOnHand: number; acquisition: AcquisitionMethod; unitCost: string;
}
export interface WorldPatient { id: string; clientId: string; siteId: string; mrn: string; firstName: string; lastName: string; dateOfBirth: string; sex: 'F' | 'M'; weightKg: number }
export interface WorldOrder {
  id: string; clientId: string; patientId: string; productId: string; prescriberId: string; regimen: string;
  doseAmount: number; doseUnit: 'MG'; intervalWeeks: number; dosesPlanned: number; diagnosisCode: string; indication: string;
  chairMinutes: number; startsOn: string;
}
export interface WorldAppointment {
  id: string; clientId: string; siteId: string; chairId: string; nurseId: string; patientId: string; orderId: string;
  startsAt: Date; endsAt: Date; status: 'SCHEDULED' | 'COMPLETED' | 'CANCELLED' | 'NO_SHOW';
}
export interface WorldAdministration {
  id: string; clientId: string; appointmentId: string; lotId: string; productId: string;
  amountGiven: number; amountWasted: number; vialsOpened: number; startedAt: Date; endedAt: Date;
}
export interface WorldPayer { id: string; name: string; kind: 'MEDICARE' | 'MEDICAID' | 'COMMERCIAL'; payerCode: string }
export interface WorldContract {
  id: string; clientId: string; name: string; services: string[]; effectiveFrom: string; effectiveTo: string | null;
  feeSchedule: { id: string; basis: 'PER_TREATMENT_GRADUATED' | 'PERCENT_OF_COLLECTIONS'; percent: string | null; monthlyMinimum: string | null; monthlyCap: string | null; flatPerSiteMonthly: string | null;
    tiers: { id: string; fromTreatments: number; toTreatments: number | null; feePerTreatment: string }[] };
}

export interface DemoWorld extends SiteOperations {
  seed: number;
  anchorDate: string;
  clients: WorldClient[];
  sites: WorldSite[];
  chairs: WorldChair[];
  equipment: WorldEquipment[];
  certifications: WorldCertification[];
  staff: WorldStaff[];
  shifts: WorldShift[];
  timeOff: WorldTimeOff[];
  supervisionCoverage: WorldSupervisionCoverage[];
  products: WorldProduct[];
  lots: WorldLot[];
  patients: WorldPatient[];
  orders: WorldOrder[];
  appointments: WorldAppointment[];
  administrations: WorldAdministration[];
  payers: WorldPayer[];
  contracts: WorldContract[];
}

interface ClientPlan {
  name: string; kind: ClientKind; specialty: string; state: string; regimens: (keyof typeof REGIMENS)[];
  sites: { name: string; kind: SiteKind; city: string; timeZone: string; chairs: number; postalCode: string }[];
}

/** The three clients DESIGN/issue 2 ask for. Names are invented. */
const PLANS: ClientPlan[] = [
  {
    name: 'Lakeshore Oncology & Hematology', kind: 'PHYSICIAN_PRACTICE', specialty: 'Oncology', state: 'IL',
    regimens: ['rituximabNHL', 'ironSucroseIDA', 'denosumabOsteo', 'zoledronicOsteo'],
    sites: [
      { name: 'Lakeshore Oncology — Lincoln Park', kind: 'OFFICE', city: 'Chicago', timeZone: 'America/Chicago', chairs: 6, postalCode: '60614' },
      { name: 'Lakeshore Oncology — Evanston', kind: 'OFFICE', city: 'Evanston', timeZone: 'America/Chicago', chairs: 4, postalCode: '60201' },
    ],
  },
  {
    name: 'Red Rock Infusion Clinic', kind: 'NP_CLINIC', specialty: 'Rheumatology and GI', state: 'AZ',
    regimens: ['infliximabRA', 'infliximabCrohn', 'vedolizumabUC', 'ironSucroseIDA'],
    sites: [{ name: 'Red Rock Infusion — Tempe', kind: 'OFFICE', city: 'Tempe', timeZone: 'America/Phoenix', chairs: 5, postalCode: '85281' }],
  },
  {
    name: 'St. Brendan Regional Medical Center', kind: 'HOSPITAL', specialty: 'Neurology and immunology', state: 'NY',
    regimens: ['ocrelizumabMS', 'natalizumabMS', 'ivigCIDP', 'infliximabCrohn'],
    sites: [
      { name: 'St. Brendan Infusion Center (main campus)', kind: 'HOPD_ON_CAMPUS', city: 'Albany', timeZone: 'America/New_York', chairs: 8, postalCode: '12208' },
      { name: 'St. Brendan Infusion — Clifton Park', kind: 'HOPD_OFF_CAMPUS', city: 'Clifton Park', timeZone: 'America/New_York', chairs: 5, postalCode: '12065' },
    ],
  },
];

const OPEN = 8 * 60;
const CLOSE = 17 * 60 + 30;
const TURNOVER = 15;
const PAST_DAYS = 90;
const FUTURE_DAYS = 28;
/** Share of chair minutes the generated patients fill: realistic, leaves room to book. */
const TARGET_LOAD = 0.7;

/** First expiry, first out: the usable lot that expires soonest and still holds enough. */
function pickLot(lots: WorldLot[], date: string, vials: number): WorldLot | undefined {
  return lots
    .filter((l) => l.receivedOn <= date && l.expiresOn > date && l.quantityOnHand >= vials)
    .sort((a, b) => a.expiresOn.localeCompare(b.expiresOn))[0];
}

/** A dose placed on a day: chair and nurse by index at the site, start in minutes after local midnight. */
interface DayVisit { order: WorldOrder; regimen: Regimen; chairIndex: number; nurseIndex: number; start: number }

/** Earliest and latest start patients ask for: late morning, as at real infusion centers. */
const ASKED_FROM = 9 * 60 + 30;
const ASKED_SLOTS = 14;

/** A stable number from an id (FNV-1a), so a patient asks for the same time on every build. */
function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The day's doses laid out as patients ask for them, first come first served: each patient asks for
 * a start between 09:30 and 12:45 and gets the free chair nearest that time (a nurse with room
 * alongside). This clusters the day around late morning and leaves the early morning and late
 * afternoon in fragments, the shape day optimisation works on. Same doses, same order; null if
 * some dose finds no place (the packed day is kept then).
 */
function askedDay(packed: readonly DayVisit[], chairs: number, nurses: number, chairsPerNurse: number): DayVisit[] | null {
  const asked = new Map(packed.map((v) => [v, ASKED_FROM + (stableHash(v.order.id) % ASKED_SLOTS) * 15]));
  const placed = new Map<DayVisit, DayVisit>();
  const overlaps = (a: { start: number; end: number }, b: DayVisit, turnover: number) => a.start < b.start + b.order.chairMinutes + turnover && b.start < a.end + turnover;
  for (const v of [...packed].sort((a, b) => asked.get(a)! - asked.get(b)! || a.order.id.localeCompare(b.order.id))) {
    let spot: DayVisit | undefined;
    for (let k = 0; !spot && k <= 2 * ((CLOSE - OPEN) / 15); k++) {
      const start = asked.get(v)! + (k % 2 ? 1 : -1) * Math.ceil(k / 2) * 15;
      const slot = { start, end: start + v.order.chairMinutes };
      if (start < OPEN || slot.end > CLOSE) continue;
      const chairIndex = Array.from({ length: chairs }, (_, i) => i).find((i) => ![...placed.values()].some((p) => p.chairIndex === i && overlaps(slot, p, TURNOVER)));
      const load = (n: number) => [...placed.values()].filter((p) => p.nurseIndex === n && overlaps(slot, p, 0)).length;
      const nurseIndex = Array.from({ length: nurses }, (_, i) => i).sort((a, b) => load(a) - load(b) || a - b)[0]!;
      if (chairIndex !== undefined && load(nurseIndex) < chairsPerNurse) spot = { ...v, chairIndex, nurseIndex, start };
    }
    if (!spot) return null;
    placed.set(v, spot);
  }
  return packed.map((v) => placed.get(v)!);
}

/**
 * Builds the whole demo world from a seed and an anchor date: the same inputs always give the
 * same ids, names and schedule, so every subgraph can seed its own part independently.
 */
export function buildDemoWorld(seed = 42, anchorDate = new Date().toISOString().slice(0, 10)): DemoWorld {
  const f = new Faker({ locale: [en] });
  f.seed(seed);
  const id = () => f.string.uuid();
  const w: DemoWorld = {
    seed, anchorDate, clients: [], sites: [], chairs: [], equipment: [], certifications: [], staff: [], shifts: [], timeOff: [], supervisionCoverage: [],
    products: [], lots: [], patients: [], orders: [], appointments: [], administrations: [], payers: [], contracts: [],
    weeklyHours: [], hoursExceptions: [], remsEnrolments: [], maintenance: [],
  };

  w.products = CATALOGUE.map((item) => ({ ...item, id: id() }));
  const productByKey = new Map(w.products.map((p) => [p.key, p]));

  w.payers = [
    { id: id(), name: 'Medicare Part B', kind: 'MEDICARE', payerCode: 'MCR-B' },
    { id: id(), name: 'Great Plains Health Plan', kind: 'COMMERCIAL', payerCode: 'GPHP' },
    { id: id(), name: 'Keystone Mutual Insurance', kind: 'COMMERCIAL', payerCode: 'KMI' },
    { id: id(), name: 'State Medicaid Managed Care', kind: 'MEDICAID', payerCode: 'MCD' },
  ];

  const fromDate = addDays(anchorDate, -PAST_DAYS);

  for (const plan of PLANS) {
    const client: WorldClient = { id: id(), name: plan.name, kind: plan.kind, specialty: plan.specialty, state: plan.state, taxId: f.string.numeric(2) + '-' + f.string.numeric(7), ...clientIdentity(w.clients.length, plan.name, plan.kind) };
    w.clients.push(client);

    // A prescriber/supervisor pool for the client: physicians, or NPs for the NP-led clinic.
    const providerRole: StaffRole = plan.kind === 'NP_CLINIC' ? 'NP' : 'PHYSICIAN';
    const regimens = plan.regimens.map((k) => ({ key: k, r: REGIMENS[k]! }));
    const competencies = [...new Set(regimens.map((x) => productByKey.get(x.r.drug)!.requiredCompetency).filter((c): c is string => !!c))];

    for (const sp of plan.sites) {
      const kindDefaults = SITE_KIND_DEFAULTS[sp.kind];
      const site: WorldSite = {
        id: id(), clientId: client.id, name: sp.name, kind: sp.kind, placeOfService: kindDefaults.placeOfService, timeZone: sp.timeZone,
        street: f.location.streetAddress(), city: sp.city, state: plan.state, postalCode: sp.postalCode,
        opensAtMinutes: OPEN, closesAtMinutes: CLOSE, chairsPerNurse: 3,
      };
      w.sites.push(site);
      const chairs: WorldChair[] = Array.from({ length: sp.chairs }, (_, i) => ({
        id: id(), clientId: client.id, siteId: site.id, label: `Chair ${i + 1}`, privateRoom: i === sp.chairs - 1,
      }));
      w.chairs.push(...chairs);
      for (let i = 0; i < Math.ceil(sp.chairs / 2); i++) {
        w.equipment.push({ id: id(), clientId: client.id, siteId: site.id, kind: 'INFUSION_PUMP', model: f.helpers.arrayElement(['Alaris 8100', 'Sapphire', 'Spectrum IQ']), serialNumber: f.string.alphanumeric({ length: 10, casing: 'upper' }), nextServiceDue: addDays(anchorDate, f.number.int({ min: -10, max: 300 })) });
      }
      w.certifications.push({ id: id(), clientId: client.id, siteId: site.id, kind: 'USP_797_SEGREGATED_COMPOUNDING_AREA', issuer: 'State Board of Pharmacy', issuedOn: addDays(anchorDate, -200), expiresOn: addDays(anchorDate, 165) });
      if (sp.kind !== 'OFFICE') w.certifications.push({ id: id(), clientId: client.id, siteId: site.id, kind: 'JOINT_COMMISSION_ACCREDITATION', issuer: 'The Joint Commission', issuedOn: addDays(anchorDate, -400), expiresOn: addDays(anchorDate, 695) });

      // Staff: nurses at the site's ratio, plus supervising providers.
      const person = (role: StaffRole): WorldStaff => {
        const firstName = f.person.firstName();
        const lastName = f.person.lastName();
        // Only a compact state issues multistate licences (Illinois and New York do not).
        const compact = NURSE_LICENSURE_COMPACT_STATES.includes(plan.state);
        return {
          id: id(), clientId: client.id, homeSiteId: site.id, firstName, lastName, role,
          employment: 'EMPLOYEE', agencyName: null, hourlyCost: HOURLY_COST_BY_ROLE[role],
          email: `${firstName}.${lastName}.${f.string.numeric(3)}@example.test`.toLowerCase().replace(/[^a-z0-9.@]/g, ''),
          npi: role === 'PHYSICIAN' || role === 'NP' || role === 'PA' ? f.string.numeric({ length: 10, allowLeadingZeros: false }) : null,
          licenses: [{ id: id(), state: plan.state, number: f.string.alphanumeric({ length: 8, casing: 'upper' }), type: role === 'RN' ? 'REGISTERED_NURSE' : role === 'NP' ? 'NURSE_PRACTITIONER' : 'MEDICAL', multistate: compact && role === 'RN', expiresOn: addDays(anchorDate, f.number.int({ min: 40, max: 700 })) }],
          competencies: role === 'RN'
            ? [...competencies, 'PORT_ACCESS', 'BLS'].map((kind) => ({ id: id(), kind, expiresOn: addDays(anchorDate, f.number.int({ min: 60, max: 720 })) }))
            : [{ id: id(), kind: 'ACLS', expiresOn: addDays(anchorDate, 500) }],
        };
      };
      const nurses = Array.from({ length: Math.ceil(sp.chairs / site.chairsPerNurse) + 1 }, () => person('RN'));
      const providers = Array.from({ length: 2 }, () => person(providerRole));
      w.staff.push(...nurses, ...providers);

      // Lots: three per drug used here with staggered expiry, so every past date has a usable lot.
      const siteLots = new Map<string, WorldLot[]>();
      for (const { r } of regimens) {
        const product = productByKey.get(r.drug)!;
        if (siteLots.has(product.id)) continue;
        const lots = [0, 1, 2].map((k): WorldLot => {
          const quantityReceived = f.number.int({ min: 20, max: 60 });
          return {
            id: id(), clientId: client.id, siteId: site.id, productId: product.id,
            lotNumber: f.string.alphanumeric({ length: 7, casing: 'upper' }),
            receivedOn: addDays(fromDate, k * 40 - 30), expiresOn: addDays(fromDate, k * 60 + 150),
            quantityReceived, quantityOnHand: quantityReceived, acquisition: 'BUY_AND_BILL',
            unitCost: (f.number.int({ min: 40000, max: 900000 }) / 100).toFixed(2),
          };
        });
        siteLots.set(product.id, lots);
        w.lots.push(...lots);
      }
      for (const supply of CATALOGUE.filter((c) => c.kind === 'SUPPLY')) {
        const product = productByKey.get(supply.key)!;
        const quantityReceived = f.number.int({ min: 100, max: 400 });
        w.lots.push({ id: id(), clientId: client.id, siteId: site.id, productId: product.id, lotNumber: f.string.alphanumeric({ length: 7, casing: 'upper' }), receivedOn: addDays(fromDate, -10), expiresOn: addDays(anchorDate, 540), quantityReceived, quantityOnHand: quantityReceived, acquisition: 'BUY_AND_BILL', unitCost: (f.number.int({ min: 150, max: 2500 }) / 100).toFixed(2) });
      }

      /** A delivery a few days before the lots in hand run out, as a buyer would order it. */
      const restock = (product: WorldProduct, date: string, atLeast: number): WorldLot => {
        const quantityReceived = Math.max(atLeast, f.number.int({ min: 20, max: 60 }));
        const lot: WorldLot = {
          id: id(), clientId: client.id, siteId: site.id, productId: product.id,
          lotNumber: f.string.alphanumeric({ length: 7, casing: 'upper' }),
          receivedOn: addDays(date, -3), expiresOn: addDays(date, 180),
          quantityReceived, quantityOnHand: quantityReceived, acquisition: 'BUY_AND_BILL',
          unitCost: (f.number.int({ min: 40000, max: 900000 }) / 100).toFixed(2),
        };
        siteLots.get(product.id)!.push(lot);
        w.lots.push(lot);
        return lot;
      };

      // Patients and therapy orders until the expected weekly chair load reaches the target.
      const weeklyCapacity = sp.chairs * (CLOSE - OPEN) * 5;
      let weeklyLoad = 0;
      const siteOrders: { order: WorldOrder; regimen: Regimen; phaseDay: number }[] = [];
      while (weeklyLoad < TARGET_LOAD * weeklyCapacity) {
        const { key, r } = f.helpers.arrayElement(regimens);
        const product = productByKey.get(r.drug)!;
        const sex = f.helpers.arrayElement(['F', 'M'] as const);
        const patient: WorldPatient = {
          id: id(), clientId: client.id, siteId: site.id, mrn: `MRN${f.string.numeric(7)}`,
          firstName: f.person.firstName(sex === 'F' ? 'female' : 'male'), lastName: f.person.lastName(), sex,
          dateOfBirth: f.date.birthdate({ min: 24, max: 88, mode: 'age', refDate: new Date(`${anchorDate}T00:00:00Z`) }).toISOString().slice(0, 10),
          weightKg: f.number.int({ min: 48, max: 118 }),
        };
        w.patients.push(patient);
        const chairMinutes = r.premedMinutes + r.infusionMinutes + r.observationMinutes;
        const doseAmount = r.perKg ? r.dose * patient.weightKg : r.dose;
        const order: WorldOrder = {
          id: id(), clientId: client.id, patientId: patient.id, productId: product.id, prescriberId: f.helpers.arrayElement(providers).id,
          regimen: key, doseAmount, doseUnit: 'MG', intervalWeeks: r.intervalWeeks, dosesPlanned: Math.ceil(((PAST_DAYS + FUTURE_DAYS) / 7) / r.intervalWeeks) + 2,
          diagnosisCode: r.diagnosisCode, indication: r.indication, chairMinutes, startsOn: fromDate,
        };
        w.orders.push(order);
        // A phase that falls on a weekday, so each dose lands Monday to Friday.
        let phaseDay = f.number.int({ min: 0, max: r.intervalWeeks * 7 - 1 });
        while ([0, 6].includes(weekday(addDays(fromDate, phaseDay)))) phaseDay = (phaseDay + 1) % (r.intervalWeeks * 7);
        siteOrders.push({ order, regimen: r, phaseDay });
        weeklyLoad += (chairMinutes + TURNOVER) / r.intervalWeeks;
      }

      // Day by day: each due dose goes into the first chair with room, nurses in turn. Days from the
      // anchor on are then laid out as patients ask for them (see askedDay); past days keep the packing.
      let nurseTurn = 0;
      for (let day = 0; day <= PAST_DAYS + FUTURE_DAYS; day++) {
        const date = addDays(fromDate, day);
        if ([0, 6].includes(weekday(date))) continue;
        const chairFree = chairs.map(() => OPEN);
        const due = siteOrders.filter((o) => day >= o.phaseDay && (day - o.phaseDay) % (o.regimen.intervalWeeks * 7) === 0);
        due.sort((a, b) => b.order.chairMinutes - a.order.chairMinutes);
        const packed: DayVisit[] = [];
        for (const { order, regimen } of due) {
          const chairIndex = chairFree.findIndex((free) => free + order.chairMinutes <= CLOSE);
          if (chairIndex < 0) continue; // overbooked day: the dose waits for a later visit
          const start = chairFree[chairIndex]!;
          chairFree[chairIndex] = start + order.chairMinutes + TURNOVER;
          packed.push({ order, regimen, chairIndex, nurseIndex: nurseTurn++ % nurses.length, start });
        }
        const laidOut = date >= anchorDate ? (askedDay(packed, chairs.length, nurses.length, site.chairsPerNurse) ?? packed) : packed;
        for (const { order, regimen, chairIndex, nurseIndex, start } of laidOut) {
          const nurse = nurses[nurseIndex]!;
          const past = date < anchorDate;
          const roll = f.number.int({ min: 1, max: 100 });
          const status: WorldAppointment['status'] = !past ? 'SCHEDULED' : roll <= 4 ? 'CANCELLED' : roll <= 7 ? 'NO_SHOW' : 'COMPLETED';
          const appointment: WorldAppointment = {
            id: id(), clientId: client.id, siteId: site.id, chairId: chairs[chairIndex]!.id, nurseId: nurse.id,
            patientId: order.patientId, orderId: order.id,
            startsAt: zonedTime(date, start, site.timeZone), endsAt: zonedTime(date, start + order.chairMinutes, site.timeZone), status,
          };
          w.appointments.push(appointment);
          if (status !== 'COMPLETED') continue;
          const product = w.products.find((p) => p.id === order.productId)!;
          const vialsOpened = Math.ceil(order.doseAmount / product.packageAmount);
          const lot = pickLot(siteLots.get(product.id)!, date, vialsOpened) ?? restock(product, date, vialsOpened);
          lot.quantityOnHand -= vialsOpened;
          const startedAt = new Date(appointment.startsAt.getTime() + regimen.premedMinutes * 60000);
          w.administrations.push({
            id: id(), clientId: client.id, appointmentId: appointment.id, lotId: lot.id, productId: product.id,
            amountGiven: order.doseAmount, amountWasted: vialsOpened * product.packageAmount - order.doseAmount, vialsOpened,
            // Real infusions run a little short or long; never shorter than a minute.
            startedAt, endedAt: new Date(startedAt.getTime() + Math.max(1, regimen.infusionMinutes + f.number.int({ min: -5, max: 15 })) * 60000),
          });
        }
      }
      // Shifts: every nurse and one provider per open weekday in the schedule window.
      for (let day = 0; day <= PAST_DAYS + FUTURE_DAYS; day++) {
        const date = addDays(fromDate, day);
        if ([0, 6].includes(weekday(date))) continue;
        for (const member of [...nurses, providers[day % providers.length]!]) {
          w.shifts.push({ id: id(), clientId: client.id, siteId: site.id, staffMemberId: member.id, startsAt: zonedTime(date, OPEN - 30, site.timeZone), endsAt: zonedTime(date, CLOSE + 30, site.timeZone) });
        }
      }
    }

    const hospital = plan.kind === 'HOSPITAL';
    w.contracts.push({
      id: id(), clientId: client.id, name: `${plan.name} management agreement`,
      services: hospital ? ['STAFFING', 'INVENTORY', 'SCHEDULING', 'REVENUE_CYCLE'] : ['STAFFING', 'INVENTORY', 'SCHEDULING', 'REVENUE_CYCLE', 'FACILITIES', 'TECHNOLOGY'],
      effectiveFrom: addDays(anchorDate, -365), effectiveTo: addDays(anchorDate, 730),
      feeSchedule: hospital
        ? { id: id(), basis: 'PERCENT_OF_COLLECTIONS', percent: '8.00', monthlyMinimum: '150000.00', monthlyCap: '400000.00', flatPerSiteMonthly: null, tiers: [] }
        : { id: id(), basis: 'PER_TREATMENT_GRADUATED', percent: null, monthlyMinimum: '5000.00', monthlyCap: null, flatPerSiteMonthly: '1500.00',
            tiers: [
              { id: id(), fromTreatments: 1, toTreatments: 200, feePerTreatment: '85.00' },
              { id: id(), fromTreatments: 201, toTreatments: 500, feePerTreatment: '70.00' },
              { id: id(), fromTreatments: 501, toTreatments: null, feePerTreatment: '55.00' },
            ] },
    });
  }
  Object.assign(w, operateSites(w));
  addStaffingDemo(w, seed);
  return w;
}

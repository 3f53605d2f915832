import { describe, expect, it } from 'vitest';
import { argumentsOf, asOps, asOpsOk, asWriter, codes, count, demoSites, newMrn, schedulingWriter, withDatabase } from './support';

const CREATE_PATIENT = `mutation($i: CreatePatientInput!) { createPatient(input: $i) {
  id clientId siteId mrn weightKg preferredLanguage allergies preparationNotes version
  guardian { name relationship phone } weights { weightKg measuredOn }
} }`;
const UPDATE_PATIENT = `mutation($i: UpdatePatientInput!) { updatePatient(input: $i) { id siteId weightKg version allergies guardian { name } weights { weightKg measuredOn } } }`;
const CREATE_ORDER = `mutation($i: CreateOrderInput!) { createOrder(input: $i) {
  id clientId regimen doseBasis dosePerKg weightKgUsed doseAmount inductionDoseAmount indicationFamily lineKind
  inductionDays firstMaintenanceDay intervalWeeks inductionWindowDays maintenanceWindowDays dosesPlanned
  premedMinutes infusionMinutes observationMinutes chairMinutes remsProgram diagnosisCode
  referringProvider { name npi } prescriber { id }
} }`;

interface CreatedPatient { id: string; clientId: string; siteId: string; weightKg: number; version: number; weights: { weightKg: number; measuredOn: string }[] }

const adultInput = (siteId: string, extra: Record<string, unknown> = {}) => ({
  siteId, mrn: newMrn(), firstName: 'Ana', lastName: 'Testpatient', dateOfBirth: '1970-03-14', sex: 'F', weightKg: 72.5,
  preferredLanguage: 'es', allergies: ['latex', ' Latex', 'penicillin'], preparationNotes: 'Port access; bring blanket', ...extra,
});

const productId = (key: string) => demoSites().world.products.find((p) => p.key === key)!.id;

async function registeredPatient(siteId: string, extra: Record<string, unknown> = {}): Promise<CreatedPatient> {
  return (await asOpsOk<{ createPatient: CreatedPatient }>(CREATE_PATIENT, { i: adultInput(siteId, extra) })).createPatient;
}

describe('registering patients', () => {
  it('registers a patient at their home site, with language, allergies once each, and a first weighing', async () => {
    const { home } = demoSites();
    const reply = await asOps<{ createPatient: Record<string, unknown> }>(CREATE_PATIENT, { i: adultInput(home.id) });
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.createPatient).toMatchObject({
      clientId: home.clientId, siteId: home.id, weightKg: 72.5, preferredLanguage: 'es', allergies: ['latex', 'penicillin'],
      guardian: null, version: 1, weights: [{ weightKg: 72.5, measuredOn: new Date().toISOString().slice(0, 10) }],
    });
  });

  it('refuses a second patient with the same MRN in one client (CONFLICT naming the field) and writes nothing', async () => {
    const { home, other } = demoSites();
    const mrn = newMrn();
    await asOpsOk(CREATE_PATIENT, { i: adultInput(home.id, { mrn }) });
    const again = await asOps(CREATE_PATIENT, { i: adultInput(other.id, { mrn }) });
    expect(codes(again)).toEqual(['CONFLICT']);
    expect(argumentsOf(again)).toEqual(['input.mrn']);
    await withDatabase(async (db) => {
      expect(await count(db, 'select count(*) from scheduling.patient where mrn = $1', [mrn])).toBe(1);
      expect(await count(db, 'select count(*) from scheduling.patient_weight w join scheduling.patient p on p.id = w.patient_id where p.mrn = $1', [mrn])).toBe(1);
    });
  });

  it('lets another client use the same MRN', async () => {
    const { home, foreignSite } = demoSites();
    const mrn = newMrn();
    await asOpsOk(CREATE_PATIENT, { i: adultInput(home.id, { mrn }) });
    expect((await asOps(CREATE_PATIENT, { i: adultInput(foreignSite.id, { mrn }) })).errors).toBeUndefined();
  });

  it('needs a guardian for a minor', async () => {
    const { home } = demoSites();
    const minor = adultInput(home.id, { dateOfBirth: '2015-05-05' });
    const refused = await asOps(CREATE_PATIENT, { i: minor });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(argumentsOf(refused)).toEqual(['input.guardian']);
    const guardian = { name: 'Rosa Testpatient', relationship: 'mother', phone: '+1 312 555 0199' };
    const ok = await asOpsOk<{ createPatient: { guardian: unknown } }>(CREATE_PATIENT, { i: { ...minor, guardian } });
    expect(ok.createPatient.guardian).toEqual(guardian);
  });

  it('refuses a birth date in the future, naming the field', async () => {
    const refused = await asOps(CREATE_PATIENT, { i: adultInput(demoSites().home.id, { dateOfBirth: '2099-01-01' }) });
    expect(argumentsOf(refused)).toEqual(['input.dateOfBirth']);
  });

  it('keeps a site-limited writer to its sites and a client writer to its client: NOT_FOUND, nothing written', async () => {
    const { home, other, foreignSite } = demoSites();
    const mrn = newMrn();
    const limited = schedulingWriter(home.clientId, [home.id]);
    const atOtherSite = await asWriter(limited, CREATE_PATIENT, { i: adultInput(other.id, { mrn }) });
    expect(codes(atOtherSite)).toEqual(['NOT_FOUND']);
    expect(argumentsOf(atOtherSite)).toEqual(['input.siteId']);
    const atOtherClient = await asWriter(schedulingWriter(home.clientId), CREATE_PATIENT, { i: adultInput(foreignSite.id, { mrn }) });
    expect(codes(atOtherClient)).toEqual(['NOT_FOUND']);
    expect((await asWriter(limited, CREATE_PATIENT, { i: adultInput(home.id, { mrn }) })).errors).toBeUndefined();
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.patient where mrn = $1', [mrn])).toBe(1));
  });
});

describe('updating patients', () => {
  it('adds a weighing to the history and makes it the current weight; an older one entered late does not', async () => {
    const patient = await registeredPatient(demoSites().home.id);
    const updated = await asOpsOk<{ updatePatient: CreatedPatient }>(UPDATE_PATIENT, { i: { id: patient.id, weightKg: 80, expectedVersion: 1 } });
    expect(updated.updatePatient.weightKg).toBe(80);
    expect(updated.updatePatient.version).toBe(2);
    const late = await asOpsOk<{ updatePatient: CreatedPatient }>(UPDATE_PATIENT, { i: { id: patient.id, weightKg: 60, weighedOn: '2026-01-02' } });
    expect(late.updatePatient.weightKg).toBe(80);
    expect(late.updatePatient.weights.map((w) => w.weightKg)).toEqual([80, 72.5, 60]);
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const patient = await registeredPatient(demoSites().home.id);
    await asOpsOk(UPDATE_PATIENT, { i: { id: patient.id, allergies: ['iodine'] } });
    const stale = await asOps(UPDATE_PATIENT, { i: { id: patient.id, expectedVersion: 1, allergies: [] } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    const now = await asOpsOk<{ patient: { allergies: string[] } }>('query($id: ID!) { patient(id: $id) { allergies } }', { id: patient.id });
    expect(now.patient.allergies).toEqual(['iodine']);
  });

  it('moves a patient to another site of the client, never to another client’s', async () => {
    const { home, other, foreignSite } = demoSites();
    const patient = await registeredPatient(home.id);
    const foreign = await asOps(UPDATE_PATIENT, { i: { id: patient.id, siteId: foreignSite.id } });
    expect(codes(foreign)).toEqual(['BAD_USER_INPUT']);
    expect(argumentsOf(foreign)).toEqual(['input.siteId']);
    const moved = await asOpsOk<{ updatePatient: { siteId: string } }>(UPDATE_PATIENT, { i: { id: patient.id, siteId: other.id } });
    expect(moved.updatePatient.siteId).toBe(other.id);
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.patient_weight where patient_id = $1 and site_id = $2', [patient.id, other.id])).toBe(1));
  });

  it('answers NOT_FOUND for another client’s patient and changes nothing', async () => {
    const { home, foreignSite } = demoSites();
    const patient = await registeredPatient(home.id);
    const reply = await asWriter(schedulingWriter(foreignSite.clientId), UPDATE_PATIENT, { i: { id: patient.id, firstName: 'Mallory' } });
    expect(codes(reply)).toEqual(['NOT_FOUND']);
    await withDatabase(async (db) => expect(await count(db, "select count(*) from scheduling.patient where id = $1 and first_name = 'Ana'", [patient.id])).toBe(1));
  });
});

describe('orders from referrals', () => {
  it('writes a weight-based infliximab order from the latest weight, with the regimen’s schedule and chair time', async () => {
    const patient = await registeredPatient(demoSites().home.id);
    await asOpsOk(UPDATE_PATIENT, { i: { id: patient.id, weightKg: 80 } });
    const { createOrder } = await asOpsOk<{ createOrder: Record<string, unknown> }>(CREATE_ORDER, {
      i: {
        patientId: patient.id, productId: productId('infliximab'), regimen: 'infliximabCrohn', diagnosisCode: 'k50.90', indication: "Crohn's disease",
        referringProvider: { name: 'Dr. Jordan Lee', npi: '1234567893' }, startsOn: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(createOrder).toMatchObject({
      clientId: patient.clientId, regimen: 'infliximabCrohn', doseBasis: 'PER_KG', dosePerKg: 5, weightKgUsed: 80, doseAmount: 400,
      indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC', inductionDays: [0, 14, 42], firstMaintenanceDay: 98, intervalWeeks: 8,
      premedMinutes: 15, infusionMinutes: 120, observationMinutes: 30, chairMinutes: 165, diagnosisCode: 'K50.90',
      referringProvider: { name: 'Dr. Jordan Lee', npi: '1234567893' }, prescriber: null,
    });
  });

  it('refuses a bad NPI, a malformed diagnosis, a supply as the drug, and a nurse as prescriber, naming each', async () => {
    const { home, world } = demoSites();
    const patient = await registeredPatient(home.id);
    const base = { patientId: patient.id, productId: productId('vedolizumab'), regimen: 'vedolizumabUC', diagnosisCode: 'K51.90', indication: 'UC', startsOn: '2026-12-15' };
    const nurse = world.staff.find((s) => s.clientId === home.clientId && s.role === 'RN')!;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, referringProvider: { name: 'Dr. Lee', npi: '1234567890' } }, 'input.referringProvider.npi'],
      [{ ...base, prescriberId: nurse.id, diagnosisCode: 'K5190' }, 'input.diagnosisCode'],
      [{ ...base, prescriberId: nurse.id, productId: productId('saline-250') }, 'input.productId'],
      [{ ...base, prescriberId: nurse.id }, 'input.prescriberId'],
      [{ ...base }, 'input.prescriberId'],
      [{ ...base, prescriberId: nurse.id, regimen: 'nonsense' }, 'input.regimen'],
    ];
    for (const [input, argument] of cases) {
      const reply = await asOps(CREATE_ORDER, { i: input });
      expect(codes(reply), argument).toEqual(['BAD_USER_INPUT']);
      expect(argumentsOf(reply), argument).toEqual([argument]);
    }
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.therapy_order where patient_id = $1', [patient.id])).toBe(0));
  });

  it('takes a prescriber on staff and ocrelizumab’s 300 mg induction doses before 600 mg maintenance', async () => {
    const { world, twoSiteClient } = demoSites();
    const st = world.clients.find((c) => c.kind === 'HOSPITAL')!;
    const site = world.sites.find((s) => s.clientId === st.id)!;
    const patient = await registeredPatient(site.id);
    const physician = world.staff.find((s) => s.clientId === st.id && s.role === 'PHYSICIAN')!;
    const { createOrder } = await asOpsOk<{ createOrder: Record<string, unknown> }>(CREATE_ORDER, {
      i: { patientId: patient.id, productId: productId('ocrelizumab'), prescriberId: physician.id, regimen: 'ocrelizumabMS', diagnosisCode: 'G35', indication: 'Multiple sclerosis', startsOn: '2026-12-15' },
    });
    expect(createOrder).toMatchObject({ doseBasis: 'FIXED', doseAmount: 600, inductionDoseAmount: 300, inductionDays: [0, 14], firstMaintenanceDay: 182, intervalWeeks: 26, prescriber: { id: physician.id } });
    expect(twoSiteClient).toBeTruthy();
  });

  it('answers NOT_FOUND for another client’s patient or prescriber, and writes nothing', async () => {
    const { home, foreignSite, world } = demoSites();
    const patient = await registeredPatient(home.id);
    const foreignDoctor = world.staff.find((s) => s.clientId === foreignSite.clientId && ['PHYSICIAN', 'NP'].includes(s.role))!;
    const writer = schedulingWriter(foreignSite.clientId);
    const input = { patientId: patient.id, productId: productId('denosumab'), prescriberId: foreignDoctor.id, regimen: 'denosumabOsteo', diagnosisCode: 'M81.0', indication: 'Osteoporosis', startsOn: '2026-12-15' };
    expect(codes(await asWriter(writer, CREATE_ORDER, { i: input }))).toEqual(['NOT_FOUND']);
    const ownPatient = await registeredPatient(home.id);
    const ownWriter = schedulingWriter(home.clientId);
    const reply = await asWriter(ownWriter, CREATE_ORDER, { i: { ...input, patientId: ownPatient.id } });
    expect(codes(reply)).toEqual(['NOT_FOUND']);
    expect(argumentsOf(reply)).toEqual(['input.prescriberId']);
    await withDatabase(async (db) => expect(await count(db, 'select count(*) from scheduling.therapy_order where patient_id = any($1)', [[patient.id, ownPatient.id]])).toBe(0));
  });
});

import { AppError, badInput, conflict, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import type { CreatePatientInput, UpdatePatientInput } from './patient.input';
import { Patient } from './patient.entity';
import { PatientWeight } from './patient-weight.entity';
import { isLatestWeighing, normaliseAllergies, patientProblems, weighingProblem, type PatientRecord, type RuleProblem } from './patient.rules';

const today = (): string => new Date().toISOString().slice(0, 10);

function refuse(problem: RuleProblem | null | undefined): void {
  if (problem) throw badInput(problem.message, { argument: problem.argument });
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'UniqueConstraintViolationException';
}

/** Flushes, answering a second patient with the same MRN in the client as CONFLICT naming the field. */
async function flushPatient(ctx: RequestContext, mrn: string, argument: string): Promise<void> {
  try {
    await ctx.em.flush();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`Another patient of this client already has MRN ${mrn}`, { argument });
    throw error;
  }
}

/**
 * The site named, as facilities answers the caller: NOT_FOUND when the caller cannot see it (another
 * client's, outside a site-limited key, made up), alike in every case.
 */
async function requireSite(ctx: RequestContext, siteId: string, argument: string): Promise<{ id: string; clientId: string }> {
  return ctx.graph.require<{ id: string; clientId: string }>('facilities', 'Site', siteId, 'clientId', argument);
}

const recordOf = (p: Patient): PatientRecord => ({
  mrn: p.mrn,
  firstName: p.firstName,
  lastName: p.lastName,
  dateOfBirth: p.dateOfBirth,
  weightKg: p.weightKg,
  preferredLanguage: p.preferredLanguage,
  guardian: p.guardianName ? { name: p.guardianName, relationship: p.guardianRelationship ?? '', phone: p.guardianPhone ?? '' } : null,
  allergies: p.allergies,
});

function applyRecord(patient: Patient, record: PatientRecord): void {
  patient.mrn = record.mrn;
  patient.firstName = record.firstName.trim();
  patient.lastName = record.lastName.trim();
  patient.dateOfBirth = record.dateOfBirth;
  patient.preferredLanguage = record.preferredLanguage;
  patient.guardianName = record.guardian?.name.trim() ?? null;
  patient.guardianRelationship = record.guardian?.relationship.trim() ?? null;
  patient.guardianPhone = record.guardian?.phone.trim() ?? null;
  patient.allergies = normaliseAllergies(record.allergies);
}

/** Registers a patient at their home site; the patient belongs to the site's client. */
export async function createPatient(ctx: RequestContext, input: CreatePatientInput): Promise<Patient> {
  if (!isUuid(input.siteId)) throw badInput('`input.siteId` is not a valid id', { argument: 'input.siteId' });
  // Every id first: a site the caller cannot see is NOT_FOUND whatever else is wrong.
  const site = await requireSite(ctx, input.siteId, 'input.siteId');
  const record: PatientRecord = {
    mrn: input.mrn.trim(),
    firstName: input.firstName,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth,
    weightKg: input.weightKg,
    preferredLanguage: input.preferredLanguage ?? null,
    guardian: input.guardian ?? null,
    allergies: input.allergies ?? [],
  };
  const day = today();
  refuse(patientProblems(record, day)[0]);
  const weighedOn = input.weighedOn ?? day;
  refuse(weighingProblem(weighedOn, record.dateOfBirth, day));

  const patient = ctx.em.create(Patient, {
    clientId: site.clientId,
    siteId: site.id,
    mrn: record.mrn,
    firstName: record.firstName,
    lastName: record.lastName,
    dateOfBirth: record.dateOfBirth,
    sex: input.sex,
    weightKg: record.weightKg,
    preparationNotes: input.preparationNotes?.trim() || null,
  });
  applyRecord(patient, record);
  // The patient's row first: the ORM does not order inserts of tables without a mapped relation.
  await flushPatient(ctx, record.mrn, 'input.mrn');
  ctx.em.create(PatientWeight, { clientId: site.clientId, siteId: site.id, patientId: patient.id, weightKg: record.weightKg, measuredOn: weighedOn });
  await ctx.em.flush();
  return patient;
}

/**
 * Changes a patient record. The merged record is checked as a whole (a minor keeps a guardian); a
 * new weight joins the history and becomes the current weight unless an older weighing is entered.
 */
export async function updatePatient(ctx: RequestContext, input: UpdatePatientInput): Promise<Patient> {
  const patient = isUuid(input.id) ? await ctx.loaders.byId(Patient).load(input.id) : undefined;
  if (!patient) throw new AppError('NOT_FOUND', `Patient ${input.id} was not found`, { type: 'Patient', id: input.id, argument: 'input.id' });
  if (input.expectedVersion != null && input.expectedVersion !== patient.version) {
    throw conflict('The patient was changed by someone else; reload and try again', { version: patient.version });
  }
  // Every id first: a site the caller cannot see is NOT_FOUND whatever else is wrong.
  const site = input.siteId != null && input.siteId !== patient.siteId ? await requireSite(ctx, input.siteId, 'input.siteId') : null;
  const stored = recordOf(patient);
  const record: PatientRecord = {
    mrn: input.mrn?.trim() ?? stored.mrn,
    firstName: input.firstName ?? stored.firstName,
    lastName: input.lastName ?? stored.lastName,
    dateOfBirth: input.dateOfBirth ?? stored.dateOfBirth,
    weightKg: input.weightKg ?? stored.weightKg,
    preferredLanguage: input.preferredLanguage === undefined ? stored.preferredLanguage : input.preferredLanguage,
    guardian: input.guardian === undefined ? stored.guardian : input.guardian,
    allergies: input.allergies ?? stored.allergies,
  };
  const day = today();
  refuse(patientProblems(record, day)[0]);
  if (input.weighedOn != null && input.weightKg == null) throw badInput('Give the weight measured on `weighedOn`', { argument: 'input.weightKg' });

  if (site) {
    // An unrestricted ops user sees every client's sites: a patient never moves to another client.
    if (site.clientId !== patient.clientId) throw badInput('The site belongs to another client', { argument: 'input.siteId' });
    // Orders and weighings follow through their foreign keys (on update cascade).
    patient.siteId = site.id;
  }
  applyRecord(patient, record);
  if (input.sex != null) patient.sex = input.sex;
  if (input.preparationNotes !== undefined) patient.preparationNotes = input.preparationNotes?.trim() || null;

  if (input.weightKg != null) {
    const measuredOn = input.weighedOn ?? day;
    refuse(weighingProblem(measuredOn, record.dateOfBirth, day));
    // The patient's row first: a weighing's foreign key names the patient's (possibly new) site.
    await flushPatient(ctx, record.mrn, 'input.mrn');
    const latest = await ctx.em.findOne(PatientWeight, { patientId: patient.id }, { orderBy: { measuredOn: 'desc', createdAt: 'desc' } });
    ctx.em.create(PatientWeight, { clientId: patient.clientId, siteId: patient.siteId, patientId: patient.id, weightKg: input.weightKg, measuredOn });
    patient.weightKg = isLatestWeighing(measuredOn, latest?.measuredOn ?? null) ? input.weightKg : stored.weightKg;
  }
  await flushPatient(ctx, record.mrn, 'input.mrn');
  return patient;
}

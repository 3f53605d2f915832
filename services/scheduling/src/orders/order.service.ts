import { SUPERVISING_ROLES, THERAPY_REGIMENS, type TherapyRegimen } from '@infusion/domain-codes';
import { AppError, badInput, isUuid, type RequestContext } from '@infusion/subgraph-kit';
import { Patient } from '../patients/patient.entity';
import { Order } from './order.entity';
import type { CreateOrderInput } from './order.input';
import { MAX_DOSE_AMOUNT, doseAmountOf, normaliseDiagnosis, orderPlanProblems, planOf, referralProblems, type OrderPlan } from './order.rules';

const regimenNamed = (key: string): TherapyRegimen | undefined =>
  Object.hasOwn(THERAPY_REGIMENS, key) ? THERAPY_REGIMENS[key as keyof typeof THERAPY_REGIMENS] : undefined;

/** The regimen's plan with what the prescriber changed. */
function planFrom(regimen: TherapyRegimen, input: CreateOrderInput): OrderPlan {
  const plan = planOf(regimen);
  const pick = <K extends keyof OrderPlan>(key: K, value: OrderPlan[K] | null | undefined) => {
    if (value !== null && value !== undefined) plan[key] = value;
  };
  pick('inductionDays', input.inductionDays);
  pick('firstMaintenanceDay', input.firstMaintenanceDay);
  pick('intervalWeeks', input.maintenanceIntervalWeeks);
  pick('inductionWindowDays', input.inductionWindowDays);
  pick('maintenanceWindowDays', input.maintenanceWindowDays);
  pick('dosesPlanned', input.dosesPlanned);
  pick('premedMinutes', input.premedMinutes);
  pick('infusionMinutes', input.infusionMinutes);
  pick('observationMinutes', input.observationMinutes);
  if (input.noMaintenance) {
    plan.firstMaintenanceDay = null;
    plan.intervalWeeks = null;
  }
  if (plan.extendedFirstDoses > plan.dosesPlanned) plan.extendedFirstDoses = plan.dosesPlanned;
  return plan;
}

function refuse(problem: { argument: string; message: string } | undefined): void {
  if (problem) throw badInput(problem.message, { argument: problem.argument });
}

/**
 * Writes a therapy order from a referral. The patient is ours (tenant filter: another client's is
 * NOT_FOUND); the product is verified with inventory and a prescriber on staff with staffing, as the
 * caller. A weight-based dose is computed from the patient's latest weight, which the order keeps.
 */
export async function createOrder(ctx: RequestContext, input: CreateOrderInput): Promise<Order> {
  for (const argument of ['patientId', 'productId'] as const) {
    if (!isUuid(input[argument])) throw badInput(`\`input.${argument}\` is not a valid id`, { argument: `input.${argument}` });
  }
  if (input.prescriberId != null && !isUuid(input.prescriberId)) throw badInput('`input.prescriberId` is not a valid id', { argument: 'input.prescriberId' });
  // Every id first: what the caller cannot see is NOT_FOUND whatever else is wrong.
  const [patient, product, prescriber] = await Promise.all([
    ctx.loaders.byId(Patient).load(input.patientId),
    ctx.graph.require<{ id: string; kind: string; doseUnit: string }>('inventory', 'Product', input.productId, 'kind doseUnit', 'input.productId'),
    input.prescriberId
      ? ctx.graph.require<{ id: string; clientId: string; role: string; active: boolean }>('staffing', 'StaffMember', input.prescriberId, 'clientId role active', 'input.prescriberId')
      : null,
  ]);
  if (!patient) throw new AppError('NOT_FOUND', `Patient ${input.patientId} was not found`, { type: 'Patient', id: input.patientId, argument: 'input.patientId' });
  const regimen = regimenNamed(input.regimen);
  if (!regimen) throw badInput(`Unknown regimen "${input.regimen.slice(0, 64)}"; see \`therapyRegimens\``, { argument: 'input.regimen' });
  const diagnosisCode = normaliseDiagnosis(input.diagnosisCode);
  if (!diagnosisCode) throw badInput('Not an ICD-10-CM code (e.g. K50.90)', { argument: 'input.diagnosisCode' });
  if (!input.indication.trim()) throw badInput('Give the indication in words', { argument: 'input.indication' });
  refuse(referralProblems(input.prescriberId, input.referringProvider)[0]);
  if (Math.abs(Date.parse(input.startsOn) - Date.now()) > 366 * 86_400_000) throw badInput('The first dose is due within a year of today', { argument: 'input.startsOn' });
  const plan = planFrom(regimen, input);
  refuse(orderPlanProblems(plan)[0]);

  if (product.kind !== 'DRUG') throw badInput('The product is a supply, not a drug', { argument: 'input.productId' });
  if (product.doseUnit !== 'MG') throw badInput('Orders are dosed in mg; this product is not', { argument: 'input.productId' });
  if (prescriber) {
    if (prescriber.clientId !== patient.clientId) throw badInput('The prescriber works for another client', { argument: 'input.prescriberId' });
    if (!prescriber.active) throw badInput('The prescriber no longer works here', { argument: 'input.prescriberId' });
    if (!(SUPERVISING_ROLES as readonly string[]).includes(prescriber.role)) {
      throw badInput(`A ${prescriber.role} cannot prescribe; name a physician, NP or PA`, { argument: 'input.prescriberId' });
    }
  }

  const doseBasis = input.doseBasis ?? regimen.doseBasis;
  const dose = input.dose ?? regimen.dose;
  const doseAmount = doseAmountOf(doseBasis, dose, patient.weightKg);
  if (doseAmount > MAX_DOSE_AMOUNT) throw badInput(`A dose may be at most ${MAX_DOSE_AMOUNT} mg`, { argument: 'input.dose' });
  const inductionDoseAmount = input.inductionDose ?? regimen.inductionDose;

  const order = ctx.em.create(Order, {
    clientId: patient.clientId,
    siteId: patient.siteId,
    patientId: patient.id,
    productId: input.productId,
    prescriberId: input.prescriberId ?? null,
    referringProviderName: input.referringProvider?.name.trim() ?? null,
    referringProviderNpi: input.referringProvider?.npi ?? null,
    regimen: regimen.key,
    doseBasis,
    dosePerKg: doseBasis === 'PER_KG' ? dose : null,
    weightKgUsed: doseBasis === 'PER_KG' ? patient.weightKg : null,
    doseAmount,
    inductionDoseAmount: plan.inductionDays.length > 0 ? inductionDoseAmount : null,
    doseUnit: 'MG',
    indicationFamily: input.indicationFamily ?? regimen.indicationFamily,
    lineKind: input.lineKind ?? regimen.lineKind,
    diagnosisCode,
    indication: input.indication.trim(),
    remsProgram: regimen.remsProgram,
    startsOn: input.startsOn,
    inductionDays: plan.inductionDays,
    firstMaintenanceDay: plan.firstMaintenanceDay,
    intervalWeeks: plan.intervalWeeks,
    inductionWindowDays: plan.inductionWindowDays,
    maintenanceWindowDays: plan.maintenanceWindowDays,
    dosesPlanned: plan.dosesPlanned,
    premedMinutes: plan.premedMinutes,
    infusionMinutes: plan.infusionMinutes,
    observationMinutes: plan.observationMinutes,
    extendedFirstDoses: plan.extendedFirstDoses,
    firstDoseExtraMinutes: plan.firstDoseExtraMinutes,
    chairMinutes: plan.premedMinutes + plan.infusionMinutes + plan.observationMinutes,
  });
  await ctx.em.flush();
  return order;
}

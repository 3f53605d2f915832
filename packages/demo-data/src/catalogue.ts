import { THERAPY_REGIMENS, type NdcUnit, type RegimenKey, type StorageCondition } from '@infusion/domain-codes';

/** A drug or supply in the catalogue, with the facts billing needs (DOMAIN.md "Drugs, units and waste"). */
export interface CatalogueItem {
  key: string;
  kind: 'DRUG' | 'SUPPLY';
  name: string;
  genericName: string;
  ndc: string;
  hcpcsCode: string | null;
  /** Amount of drug one HCPCS billing unit stands for, in `doseUnit`. */
  hcpcsUnitAmount: number | null;
  doseUnit: 'MG' | 'ML' | 'EACH';
  /** Amount in one package (vial, bag, kit), in `doseUnit`. */
  packageAmount: number;
  ndcUnit: NdcUnit;
  container: 'SINGLE_DOSE' | 'MULTI_DOSE' | 'NOT_APPLICABLE';
  storage: StorageCondition;
  /** Competency a nurse needs to give it, if any. */
  requiredCompetency: string | null;
  /** Medically unlikely edit: most units billable per day, if known. */
  maxUnitsPerDay: number | null;
}

/** Real NDC/HCPCS pairs; amounts per DOMAIN.md. */
export const CATALOGUE: CatalogueItem[] = [
  { key: 'infliximab', kind: 'DRUG', name: 'Remicade 100 mg vial', genericName: 'infliximab', ndc: '57894-0030-01', hcpcsCode: 'J1745', hcpcsUnitAmount: 10, doseUnit: 'MG', packageAmount: 100, ndcUnit: 'UN', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: 'BIOTHERAPY', maxUnitsPerDay: 150 },
  { key: 'ocrelizumab', kind: 'DRUG', name: 'Ocrevus 300 mg/10 mL vial', genericName: 'ocrelizumab', ndc: '50242-0150-01', hcpcsCode: 'J2350', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 300, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: 'BIOTHERAPY', maxUnitsPerDay: 600 },
  { key: 'natalizumab', kind: 'DRUG', name: 'Tysabri 300 mg/15 mL vial', genericName: 'natalizumab', ndc: '64406-0008-01', hcpcsCode: 'J2323', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 300, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: 'TOUCH_REMS', maxUnitsPerDay: 300 },
  { key: 'vedolizumab', kind: 'DRUG', name: 'Entyvio 300 mg vial', genericName: 'vedolizumab', ndc: '64764-0300-20', hcpcsCode: 'J3380', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 300, ndcUnit: 'UN', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: 'BIOTHERAPY', maxUnitsPerDay: 300 },
  { key: 'ivig', kind: 'DRUG', name: 'Privigen 10 g/100 mL vial', genericName: 'immune globulin intravenous', ndc: '44206-0438-10', hcpcsCode: 'J1459', hcpcsUnitAmount: 500, doseUnit: 'MG', packageAmount: 10000, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'CONTROLLED_ROOM', requiredCompetency: null, maxUnitsPerDay: 300 },
  { key: 'zoledronic', kind: 'DRUG', name: 'Reclast 5 mg/100 mL bottle', genericName: 'zoledronic acid', ndc: '00078-0435-61', hcpcsCode: 'J3489', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 5, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'CONTROLLED_ROOM', requiredCompetency: null, maxUnitsPerDay: 5 },
  { key: 'iron-sucrose', kind: 'DRUG', name: 'Venofer 100 mg/5 mL vial', genericName: 'iron sucrose', ndc: '00517-2340-01', hcpcsCode: 'J1756', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 100, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'CONTROLLED_ROOM', requiredCompetency: null, maxUnitsPerDay: 1000 },
  { key: 'denosumab', kind: 'DRUG', name: 'Prolia 60 mg/mL syringe', genericName: 'denosumab', ndc: '55513-0710-01', hcpcsCode: 'J0897', hcpcsUnitAmount: 1, doseUnit: 'MG', packageAmount: 60, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: null, maxUnitsPerDay: 120 },
  { key: 'rituximab', kind: 'DRUG', name: 'Rituxan 100 mg/10 mL vial', genericName: 'rituximab', ndc: '50242-0051-21', hcpcsCode: 'J9312', hcpcsUnitAmount: 10, doseUnit: 'MG', packageAmount: 100, ndcUnit: 'ML', container: 'SINGLE_DOSE', storage: 'REFRIGERATED', requiredCompetency: 'CHEMOTHERAPY', maxUnitsPerDay: 200 },
  { key: 'saline-250', kind: 'SUPPLY', name: 'Sodium chloride 0.9% 250 mL bag', genericName: 'sodium chloride', ndc: '00338-0049-02', hcpcsCode: 'J7050', hcpcsUnitAmount: 250, doseUnit: 'ML', packageAmount: 250, ndcUnit: 'ML', container: 'NOT_APPLICABLE', storage: 'CONTROLLED_ROOM', requiredCompetency: null, maxUnitsPerDay: null },
  { key: 'infusion-set', kind: 'SUPPLY', name: 'Primary infusion set with 0.2 micron filter', genericName: 'infusion set', ndc: '00000-0000-00', hcpcsCode: null, hcpcsUnitAmount: null, doseUnit: 'EACH', packageAmount: 1, ndcUnit: 'UN', container: 'NOT_APPLICABLE', storage: 'CONTROLLED_ROOM', requiredCompetency: null, maxUnitsPerDay: null },
];

/**
 * A demo order's therapy: the plan's dose and chair time come from scheduling's therapy plans
 * (domain-codes THERAPY_REGIMENS); the diagnosis, and a maintenance interval compressed so that
 * every demo patient has doses inside the demo's four-month schedule, are the demo's own.
 */
export interface Regimen {
  /** The therapy plan this demo regimen follows. */
  plan: RegimenKey;
  drug: string;
  /** Fixed dose in mg, or mg per kg when `perKg`. */
  dose: number;
  perKg: boolean;
  /** Weeks between the demo's doses (demo-only; the plan's own interval is often longer). */
  intervalWeeks: 2 | 4 | 8;
  premedMinutes: number;
  infusionMinutes: number;
  observationMinutes: number;
  diagnosisCode: string;
  indication: string;
}

function demo(plan: RegimenKey, intervalWeeks: Regimen['intervalWeeks'], diagnosisCode: string, indication: string): Regimen {
  const r = THERAPY_REGIMENS[plan];
  return {
    plan, drug: r.drug, dose: r.dose, perKg: r.doseBasis === 'PER_KG', intervalWeeks,
    premedMinutes: r.premedMinutes, infusionMinutes: r.infusionMinutes, observationMinutes: r.observationMinutes, diagnosisCode, indication,
  };
}

export const REGIMENS: Record<string, Regimen> = {
  infliximabRA: demo('infliximabRA', 8, 'M05.79', 'Rheumatoid arthritis'),
  infliximabCrohn: demo('infliximabCrohn', 8, 'K50.90', "Crohn's disease"),
  vedolizumabUC: demo('vedolizumabUC', 8, 'K51.90', 'Ulcerative colitis'),
  ocrelizumabMS: demo('ocrelizumabMS', 8, 'G35', 'Multiple sclerosis'),
  natalizumabMS: demo('natalizumabMS', 4, 'G35', 'Multiple sclerosis'),
  ivigCIDP: demo('ivigCIDP', 4, 'G61.81', 'Chronic inflammatory demyelinating polyneuropathy'),
  rituximabNHL: demo('rituximabNHL', 4, 'C83.30', 'Diffuse large B-cell lymphoma'),
  ironSucroseIDA: demo('ironSucroseIDA', 2, 'D50.9', 'Iron deficiency anaemia'),
  denosumabOsteo: demo('denosumabOsteo', 8, 'M81.0', 'Osteoporosis'),
  zoledronicOsteo: demo('zoledronicOsteo', 8, 'M81.0', 'Osteoporosis'),
};

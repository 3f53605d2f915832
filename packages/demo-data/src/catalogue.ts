import type { NdcUnit, StorageCondition } from '@infusion/domain-codes';

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

/** How a therapy occupies a chair (DOMAIN.md "Therapies and chair time"). */
export interface Regimen {
  drug: string;
  /** Fixed dose in mg, or mg per kg when `perKg`. */
  dose: number;
  perKg: boolean;
  intervalWeeks: 2 | 4 | 8;
  premedMinutes: number;
  infusionMinutes: number;
  observationMinutes: number;
  diagnosisCode: string;
  indication: string;
}

export const REGIMENS: Record<string, Regimen> = {
  infliximabRA: { drug: 'infliximab', dose: 3, perKg: true, intervalWeeks: 8, premedMinutes: 15, infusionMinutes: 120, observationMinutes: 30, diagnosisCode: 'M05.79', indication: 'Rheumatoid arthritis' },
  infliximabCrohn: { drug: 'infliximab', dose: 5, perKg: true, intervalWeeks: 8, premedMinutes: 15, infusionMinutes: 120, observationMinutes: 30, diagnosisCode: 'K50.90', indication: "Crohn's disease" },
  vedolizumabUC: { drug: 'vedolizumab', dose: 300, perKg: false, intervalWeeks: 8, premedMinutes: 0, infusionMinutes: 30, observationMinutes: 60, diagnosisCode: 'K51.90', indication: 'Ulcerative colitis' },
  ocrelizumabMS: { drug: 'ocrelizumab', dose: 600, perKg: false, intervalWeeks: 8, premedMinutes: 30, infusionMinutes: 210, observationMinutes: 60, diagnosisCode: 'G35', indication: 'Multiple sclerosis' },
  natalizumabMS: { drug: 'natalizumab', dose: 300, perKg: false, intervalWeeks: 4, premedMinutes: 0, infusionMinutes: 60, observationMinutes: 60, diagnosisCode: 'G35', indication: 'Multiple sclerosis' },
  ivigCIDP: { drug: 'ivig', dose: 1000, perKg: true, intervalWeeks: 4, premedMinutes: 30, infusionMinutes: 240, observationMinutes: 0, diagnosisCode: 'G61.81', indication: 'Chronic inflammatory demyelinating polyneuropathy' },
  rituximabNHL: { drug: 'rituximab', dose: 700, /* 375 mg/m² at ~1.9 m² */ perKg: false, intervalWeeks: 4, premedMinutes: 30, infusionMinutes: 240, observationMinutes: 0, diagnosisCode: 'C83.30', indication: 'Diffuse large B-cell lymphoma' },
  ironSucroseIDA: { drug: 'iron-sucrose', dose: 200, perKg: false, intervalWeeks: 2, premedMinutes: 0, infusionMinutes: 15, observationMinutes: 30, diagnosisCode: 'D50.9', indication: 'Iron deficiency anaemia' },
  denosumabOsteo: { drug: 'denosumab', dose: 60, perKg: false, intervalWeeks: 8, premedMinutes: 0, infusionMinutes: 5, observationMinutes: 15, diagnosisCode: 'M81.0', indication: 'Osteoporosis' },
  zoledronicOsteo: { drug: 'zoledronic', dose: 5, perKg: false, intervalWeeks: 8, premedMinutes: 0, infusionMinutes: 20, observationMinutes: 30, diagnosisCode: 'M81.0', indication: 'Osteoporosis' },
};

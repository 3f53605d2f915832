/**
 * Standard therapy plans (DOMAIN.md "Therapies and chair time"): the dose, when each dose of a
 * series falls due, how far it may move, and how long it holds a chair. Owned by scheduling, which
 * generates series from them and offers them as an order's defaults; kept in this code-table
 * package because the demo world builds its orders from the same facts, and a package never
 * imports a service. An order copies its plan when it is written, so a prescriber's deviation
 * (and a later change of this table) never rewrites an order.
 */

/** Oncology or not: the same drug is coded 96413 for cancer and 96365 otherwise. */
export const INDICATION_FAMILIES = ['ONCOLOGY', 'NON_ONCOLOGY'] as const;
export type IndicationFamily = (typeof INDICATION_FAMILIES)[number];

/**
 * The administration family claim coding needs for the drug line: therapeutic infusion (96365…),
 * hydration (96360…), chemotherapy / highly complex biologic (96413…), push (96374).
 */
export const LINE_KINDS = ['THERAPEUTIC', 'HYDRATION', 'CHEMOTHERAPY', 'PUSH'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** How a dose is ordered: a fixed amount, or an amount per kilogram of the patient's latest weight. */
export const DOSE_BASES = ['FIXED', 'PER_KG'] as const;
export type DoseBasis = (typeof DOSE_BASES)[number];

export interface TherapyRegimen {
  key: string;
  /** Catalogue key of the drug (demo-data CATALOGUE), e.g. "infliximab". */
  drug: string;
  /** What a person reads, e.g. "Infliximab 5 mg/kg, weeks 0, 2, 6 then every 8 weeks". */
  label: string;
  doseBasis: DoseBasis;
  /** mg per dose, or mg/kg per dose when `doseBasis` is PER_KG (maintenance doses). */
  dose: number;
  /** A different dose for the induction doses (ocrelizumab 300 mg, then 600 mg), when there is one. */
  inductionDose: number | null;
  /** Days from the first dose of each induction dose (the first is always 0). */
  inductionDays: number[];
  /** Days from the first dose to the first maintenance dose; null when the plan has no maintenance. */
  firstMaintenanceDay: number | null;
  /** Weeks between maintenance doses; null when the plan has none. */
  maintenanceIntervalWeeks: number | null;
  /** How many days before or after its due date an induction dose may be given. */
  inductionWindowDays: number;
  /** How many days before or after its due date a maintenance dose may be given. */
  maintenanceWindowDays: number;
  /** Doses a typical order covers (an order states its own). */
  typicalDoses: number;
  premedMinutes: number;
  infusionMinutes: number;
  observationMinutes: number;
  /** The first doses hold the chair longer (slower rate, longer observation): how many, and by how much. */
  extendedFirstDoses: number;
  firstDoseExtraMinutes: number;
  indicationFamily: IndicationFamily;
  lineKind: LineKind;
  /** Risk programme the site and prescriber must be enrolled in (natalizumab: TOUCH), if any. */
  remsProgram: string | null;
}

type Plan = Omit<TherapyRegimen, 'key' | 'inductionDose' | 'extendedFirstDoses' | 'firstDoseExtraMinutes' | 'remsProgram'> &
  Partial<Pick<TherapyRegimen, 'inductionDose' | 'extendedFirstDoses' | 'firstDoseExtraMinutes' | 'remsProgram'>>;

const plan = (key: string, p: Plan): TherapyRegimen => ({
  key,
  inductionDose: null,
  extendedFirstDoses: 0,
  firstDoseExtraMinutes: 0,
  remsProgram: null,
  ...p,
});

const WEEK = 7;

/**
 * The plans of DOMAIN.md's table (plus rituximab, which the oncology demo practice gives). Windows
 * are common practice, not label text: uncertain, so they are data an order may override.
 */
export const THERAPY_REGIMENS = {
  infliximabRA: plan('infliximabRA', {
    drug: 'infliximab', label: 'Infliximab 3 mg/kg (RA), weeks 0, 2, 6 then every 8 weeks', doseBasis: 'PER_KG', dose: 3,
    inductionDays: [0, 2 * WEEK, 6 * WEEK], firstMaintenanceDay: 14 * WEEK, maintenanceIntervalWeeks: 8,
    inductionWindowDays: 3, maintenanceWindowDays: 7, typicalDoses: 9,
    premedMinutes: 15, infusionMinutes: 120, observationMinutes: 30, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  infliximabCrohn: plan('infliximabCrohn', {
    drug: 'infliximab', label: "Infliximab 5 mg/kg (Crohn's), weeks 0, 2, 6 then every 8 weeks", doseBasis: 'PER_KG', dose: 5,
    inductionDays: [0, 2 * WEEK, 6 * WEEK], firstMaintenanceDay: 14 * WEEK, maintenanceIntervalWeeks: 8,
    inductionWindowDays: 3, maintenanceWindowDays: 7, typicalDoses: 9,
    premedMinutes: 15, infusionMinutes: 120, observationMinutes: 30, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  ocrelizumabMS: plan('ocrelizumabMS', {
    drug: 'ocrelizumab', label: 'Ocrelizumab 300 mg twice 2 weeks apart, then 600 mg every 6 months', doseBasis: 'FIXED', dose: 600, inductionDose: 300,
    // The first 600 mg dose is due six months after the first 300 mg dose.
    inductionDays: [0, 2 * WEEK], firstMaintenanceDay: 26 * WEEK, maintenanceIntervalWeeks: 26,
    inductionWindowDays: 2, maintenanceWindowDays: 14, typicalDoses: 4,
    premedMinutes: 30, infusionMinutes: 210, observationMinutes: 60, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  natalizumabMS: plan('natalizumabMS', {
    drug: 'natalizumab', label: 'Natalizumab 300 mg every 4 weeks (TOUCH REMS)', doseBasis: 'FIXED', dose: 300,
    inductionDays: [], firstMaintenanceDay: 0, maintenanceIntervalWeeks: 4,
    inductionWindowDays: 0, maintenanceWindowDays: 5, typicalDoses: 13,
    premedMinutes: 0, infusionMinutes: 60, observationMinutes: 60, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC', remsProgram: 'TOUCH',
  }),
  vedolizumabUC: plan('vedolizumabUC', {
    drug: 'vedolizumab', label: 'Vedolizumab 300 mg, weeks 0, 2, 6 then every 8 weeks', doseBasis: 'FIXED', dose: 300,
    inductionDays: [0, 2 * WEEK, 6 * WEEK], firstMaintenanceDay: 14 * WEEK, maintenanceIntervalWeeks: 8,
    inductionWindowDays: 3, maintenanceWindowDays: 7, typicalDoses: 9,
    // Observe about two hours after doses 1 and 2, about one hour after later doses.
    premedMinutes: 0, infusionMinutes: 30, observationMinutes: 60, extendedFirstDoses: 2, firstDoseExtraMinutes: 60,
    indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  ivigCIDP: plan('ivigCIDP', {
    drug: 'ivig', label: 'IVIG 1 g/kg every 4 weeks, rate titrated', doseBasis: 'PER_KG', dose: 1000,
    inductionDays: [], firstMaintenanceDay: 0, maintenanceIntervalWeeks: 4,
    inductionWindowDays: 0, maintenanceWindowDays: 3, typicalDoses: 6,
    // The first infusion runs slower while the rate is titrated.
    premedMinutes: 30, infusionMinutes: 240, observationMinutes: 0, extendedFirstDoses: 1, firstDoseExtraMinutes: 60,
    indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  zoledronicOsteo: plan('zoledronicOsteo', {
    drug: 'zoledronic', label: 'Zoledronic acid 5 mg once a year, at least 15 minutes', doseBasis: 'FIXED', dose: 5,
    inductionDays: [], firstMaintenanceDay: 0, maintenanceIntervalWeeks: 52,
    inductionWindowDays: 0, maintenanceWindowDays: 30, typicalDoses: 3,
    premedMinutes: 0, infusionMinutes: 20, observationMinutes: 30, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  ironSucroseIDA: plan('ironSucroseIDA', {
    drug: 'iron-sucrose', label: 'Iron sucrose 200 mg × 5 over 14 days', doseBasis: 'FIXED', dose: 200,
    inductionDays: [0, 3, 7, 10, 14], firstMaintenanceDay: null, maintenanceIntervalWeeks: null,
    inductionWindowDays: 1, maintenanceWindowDays: 0, typicalDoses: 5,
    premedMinutes: 0, infusionMinutes: 15, observationMinutes: 30, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  denosumabOsteo: plan('denosumabOsteo', {
    // A subcutaneous injection; claim coding has no separate family in LINE_KINDS, so therapeutic.
    drug: 'denosumab', label: 'Denosumab 60 mg subcutaneous every 6 months', doseBasis: 'FIXED', dose: 60,
    inductionDays: [], firstMaintenanceDay: 0, maintenanceIntervalWeeks: 26,
    inductionWindowDays: 0, maintenanceWindowDays: 14, typicalDoses: 4,
    premedMinutes: 0, infusionMinutes: 5, observationMinutes: 15, indicationFamily: 'NON_ONCOLOGY', lineKind: 'THERAPEUTIC',
  }),
  rituximabNHL: plan('rituximabNHL', {
    drug: 'rituximab', label: 'Rituximab 375 mg/m² (≈700 mg) every 3 weeks', doseBasis: 'FIXED', dose: 700,
    inductionDays: [], firstMaintenanceDay: 0, maintenanceIntervalWeeks: 3,
    inductionWindowDays: 0, maintenanceWindowDays: 2, typicalDoses: 8,
    premedMinutes: 30, infusionMinutes: 240, observationMinutes: 0, extendedFirstDoses: 1, firstDoseExtraMinutes: 60,
    indicationFamily: 'ONCOLOGY', lineKind: 'CHEMOTHERAPY',
  }),
} as const satisfies Record<string, TherapyRegimen>;

export type RegimenKey = keyof typeof THERAPY_REGIMENS;

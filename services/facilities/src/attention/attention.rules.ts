import { daysBetween } from '@infusion/subgraph-kit';

export const ATTENTION_KINDS = ['CERTIFICATION_EXPIRY', 'EQUIPMENT_MAINTENANCE', 'REMS_ENROLMENT_EXPIRY', 'SITE_WITHOUT_ACTIVE_CHAIR'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export const ATTENTION_SEVERITIES = ['CRITICAL', 'WARNING', 'NOTICE'] as const;
export type AttentionSeverity = (typeof ATTENTION_SEVERITIES)[number];

/** Longest look-ahead `attention` accepts: a year. */
export const MAX_ATTENTION_DAYS = 366;

/** Within this many days a due date is a WARNING rather than a NOTICE. */
export const WARNING_DAYS = 14;

/** Overdue or lapsed is CRITICAL; due within two weeks a WARNING; later a NOTICE. */
export function severityOf(dueOn: string, today: string): AttentionSeverity {
  const days = daysBetween(today, dueOn);
  if (days < 0) return 'CRITICAL';
  return days <= WARNING_DAYS ? 'WARNING' : 'NOTICE';
}

export interface AttentionEntry {
  kind: AttentionKind;
  severity: AttentionSeverity;
  dueOn: string | null;
  clientId: string;
  siteId: string;
  entityType: string;
  entityId: string;
  message: string;
}

const RANK: Record<AttentionSeverity, number> = { CRITICAL: 0, WARNING: 1, NOTICE: 2 };

/** Most urgent first: severity, then due date (undated last within a severity), then kind. */
export function byUrgency(a: AttentionEntry, b: AttentionEntry): number {
  return RANK[a.severity] - RANK[b.severity] || (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999') || a.kind.localeCompare(b.kind) || a.entityId.localeCompare(b.entityId);
}

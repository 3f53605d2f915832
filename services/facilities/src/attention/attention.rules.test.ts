import { describe, expect, it } from 'vitest';
import { byUrgency, severityOf, type AttentionEntry } from './attention.rules';

describe('attention severity', () => {
  it('is critical when overdue, a warning within two weeks, a notice later', () => {
    expect(severityOf('2026-11-26', '2026-11-27')).toBe('CRITICAL');
    expect(severityOf('2026-11-27', '2026-11-27')).toBe('WARNING');
    expect(severityOf('2026-12-11', '2026-11-27')).toBe('WARNING');
    expect(severityOf('2026-12-12', '2026-11-27')).toBe('NOTICE');
  });

  it('orders the most urgent first', () => {
    const entry = (severity: AttentionEntry['severity'], dueOn: string | null, entityId: string): AttentionEntry =>
      ({ kind: 'CERTIFICATION_EXPIRY', severity, dueOn, clientId: 'c', siteId: 's', entityType: 'Certification', entityId, message: '' });
    const sorted = [entry('NOTICE', '2026-12-30', 'a'), entry('CRITICAL', null, 'b'), entry('WARNING', '2026-12-01', 'c'), entry('CRITICAL', '2026-11-01', 'd')].sort(byUrgency);
    expect(sorted.map((e) => e.entityId)).toEqual(['d', 'b', 'c', 'a']);
  });
});

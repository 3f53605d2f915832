import { describe, expect, it } from 'vitest';
import { equipmentStatusProblem, nextServiceDueAfter } from './equipment.rules';

const pump = { nextServiceDue: '2026-11-01', serviceIntervalDays: 180 };

describe('maintenance moves the next service date', () => {
  it('restarts the clock after preventive maintenance or calibration', () => {
    expect(nextServiceDueAfter({ servicedOn: '2026-11-20', kind: 'PREVENTIVE' }, pump)).toBe('2027-05-19');
    expect(nextServiceDueAfter({ servicedOn: '2026-11-20', kind: 'CALIBRATION' }, pump)).toBe('2027-05-19');
  });
  it('keeps the due date after a repair, and takes a date the technician gives', () => {
    expect(nextServiceDueAfter({ servicedOn: '2026-11-20', kind: 'REPAIR' }, pump)).toBe('2026-11-01');
    expect(nextServiceDueAfter({ servicedOn: '2026-11-20', kind: 'REPAIR', nextServiceDue: '2027-01-15' }, pump)).toBe('2027-01-15');
  });
  it('never brings retired equipment back', () => {
    expect(equipmentStatusProblem('RETIRED', 'IN_SERVICE')).toMatch(/stays retired/);
    expect(equipmentStatusProblem('OUT_OF_SERVICE', 'IN_SERVICE')).toBeNull();
  });
});

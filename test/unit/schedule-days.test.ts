import { describe, expect, it } from 'vitest';
import { daysLeft, jakartaDate, jakartaDateTime, stageEndOf } from '../../src/domain/schedule-days.ts';

describe('days left in a stage (Jakarta calendar days)', () => {
  it('counts from today in Jakarta, 0 on the last day, negative once overrun', () => {
    // 2026-09-07 17:30 UTC is already 2026-09-08 00:30 in Jakarta
    const lateEvening = new Date('2026-09-07T17:30:00Z');
    expect(jakartaDate(lateEvening)).toBe('2026-09-08');
    expect(daysLeft('2026-09-08', lateEvening)).toBe(0);
    expect(daysLeft('2026-09-30', lateEvening)).toBe(22);
    expect(daysLeft('2026-09-01', lateEvening)).toBe(-7);
    // 16:59 UTC is still the 7th in Jakarta
    expect(daysLeft('2026-09-08', new Date('2026-09-07T16:59:00Z'))).toBe(1);
  });

  it('crosses months and years by the calendar', () => {
    expect(daysLeft('2027-01-03', new Date('2026-12-04T01:00:00Z'))).toBe(30);
    expect(daysLeft('2028-03-01', new Date('2028-02-28T01:00:00Z'))).toBe(2);
  });

  it('reads the stage’s end from the schedule, or none', () => {
    const schedule = { saq: { start: '2026-08-01', end: '2026-09-07' }, verification: { start: '2026-09-08' } };
    expect(stageEndOf(schedule, 'saq')).toBe('2026-09-07');
    expect(stageEndOf(schedule, 'verification')).toBeNull();
    expect(stageEndOf(schedule, 'objection')).toBeNull();
    expect(stageEndOf({}, 'saq')).toBeNull();
    expect(stageEndOf(null, 'saq')).toBeNull();
    expect(stageEndOf({ saq: { end: 'tomorrow' } }, 'saq')).toBeNull();
  });

  it('writes an instant as Jakarta reads it', () => {
    expect(jakartaDateTime(new Date('2026-09-07T16:59:59.999Z'))).toBe('2026-09-07 23:59');
  });
});

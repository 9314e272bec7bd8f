import { describe, expect, it } from 'vitest';
import { isEarlyMove, jakartaDate, moveEffects, scheduledMoveDate } from '../../src/domain/stages.ts';

describe('the schedule of a stage move', () => {
  const schedule = {
    saq: { start: '2026-07-01', end: '2026-08-31' },
    verification: { start: '2026-08-31', end: '2026-09-30' },
  };

  it('is the target stage’s start, but never before the day after the current stage ends', () => {
    expect(scheduledMoveDate(schedule, 'draft', 'saq')).toBe('2026-07-01');
    // verification starts on the SAQ's last day: closing the SAQ then would cut that day short
    expect(scheduledMoveDate(schedule, 'saq', 'verification')).toBe('2026-09-01');
    // no objection start: the day after verification ends
    expect(scheduledMoveDate(schedule, 'verification', 'objection')).toBe('2026-10-01');
    expect(scheduledMoveDate({}, 'objection', 'presentation')).toBeNull();
  });

  it('is early before that day in Asia/Jakarta, whatever the UTC date', () => {
    // 2026-06-30 17:00 UTC is already 1 July in Jakarta
    expect(jakartaDate(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07-01');
    expect(isEarlyMove('2026-07-01', new Date('2026-06-30T16:59:59Z'))).toBe(true);
    expect(isEarlyMove('2026-07-01', new Date('2026-06-30T17:00:00Z'))).toBe(false);
    expect(isEarlyMove(null, new Date('2000-01-01T00:00:00Z'))).toBe(false);
  });

  it('names what each move does beyond the stage', () => {
    expect(moveEffects('saq', 'verification')).toEqual(['drafts_locked', 'extensions_continue']);
    expect(moveEffects('verification', 'objection')).toEqual([
      'extensions_end',
      'drafts_locked',
      'verification_released',
    ]);
    expect(moveEffects('objection', 'presentation')).toEqual(['objections_must_be_decided', 'gate_marked']);
  });
});

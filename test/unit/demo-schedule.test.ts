import { describe, expect, it } from 'vitest';
import { deadlineOf, editable } from '../../src/domain/saq-window.ts';
import { validateSchedule } from '../../src/domain/stages.ts';
import { demoSchedule } from '../../src/modules/demo/demo.service.ts';

describe('the demo schedule', () => {
  it('keeps the SAQ open around the day the demo is seeded, in stage order', () => {
    const today = new Date('2026-11-25T10:00:00Z');
    const schedule = demoSchedule(today);
    expect(validateSchedule(schedule)).toEqual([]);
    expect(schedule.saq).toEqual({ start: '2026-10-26', end: '2026-12-25' });
    expect(deadlineOf(schedule, null)?.toISOString()).toBe('2026-12-25T16:59:59.999Z');
    expect(editable({ status: 'draft', stage: 'saq', deadlineOverride: null }, schedule, today)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { deadlineOf, editable } from '../../src/domain/saq-window.ts';

const schedule = { saq: { start: '2027-01-04', end: '2027-01-31' } };
// the schedule's last day ends at midnight in Asia/Jakarta (UTC+7)
const lastMoment = new Date('2027-01-31T16:59:59.999Z');
const draft = { status: 'draft', stage: 'saq', deadlineOverride: null };

describe('deadlineOf', () => {
  it('is the end of the schedule’s last SAQ day in Jakarta', () => {
    expect(deadlineOf(schedule, null)).toEqual(lastMoment);
  });

  it('is a body’s own extension when that is later, and the schedule when the extension is earlier', () => {
    const later = new Date('2027-02-10T00:00:00Z');
    expect(deadlineOf(schedule, later)).toEqual(later);
    expect(deadlineOf(schedule, new Date('2027-01-10T00:00:00Z'))).toEqual(lastMoment);
  });

  it('is the extension alone, or none, when the schedule has no SAQ end', () => {
    const until = new Date('2027-03-01T00:00:00Z');
    expect(deadlineOf({}, until)).toEqual(until);
    expect(deadlineOf(null, null)).toBeNull();
    expect(deadlineOf({ saq: { start: '2027-01-04' } }, null)).toBeNull();
  });
});

describe('editable', () => {
  it('lets a draft in the SAQ stage change up to the last moment of its deadline, not after', () => {
    expect(editable(draft, schedule, lastMoment)).toBe(true);
    expect(editable(draft, schedule, new Date(lastMoment.getTime() + 1))).toBe(false);
  });

  it('never lets a submitted or locked SAQ change, whatever its deadline', () => {
    const at = new Date('2027-01-10T00:00:00Z');
    expect(editable({ ...draft, status: 'submitted' }, schedule, at)).toBe(false);
    expect(editable({ ...draft, status: 'locked', deadlineOverride: new Date('2027-12-31') }, schedule, at)).toBe(
      false,
    );
  });

  it('keeps a draft with a running extension open after the SAQ stage has moved on', () => {
    const at = new Date('2027-02-05T00:00:00Z');
    const extended = { status: 'draft', stage: 'verification', deadlineOverride: new Date('2027-02-10T00:00:00Z') };
    expect(editable(extended, schedule, at)).toBe(true);
    expect(editable(extended, schedule, new Date('2027-02-11T00:00:00Z'))).toBe(false);
    expect(editable({ ...extended, deadlineOverride: null }, schedule, at)).toBe(false);
  });

  it('has no deadline to pass when the schedule names none', () => {
    expect(editable(draft, {}, new Date('2999-01-01T00:00:00Z'))).toBe(true);
  });
});

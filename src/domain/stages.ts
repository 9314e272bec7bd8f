/** The stage machine of a period (API.md): forward only, one step at a time; `published` only by publishing. */
export const STAGES = ['draft', 'saq', 'verification', 'objection', 'presentation', 'results', 'published'] as const;
export type Stage = (typeof STAGES)[number];

/** Stages a commission admin moves to with POST /periods/:pid/stage. */
export const MOVABLE_STAGES = ['saq', 'verification', 'objection', 'presentation', 'results'] as const;
export type MovableStage = (typeof MOVABLE_STAGES)[number];

/** Why a move is refused, or null when it is allowed. */
export function stageMoveProblem(from: Stage, to: MovableStage): string | null {
  const i = STAGES.indexOf(from);
  const j = STAGES.indexOf(to);
  if (from === 'published') return 'A published period has no further stage.';
  if (j <= i) return `The period is already at ${from}; stages only move forward.`;
  if (j !== i + 1) return `From ${from} the next stage is ${STAGES[i + 1]}, not ${to}.`;
  return null;
}

/** The schedule: a date range (YYYY-MM-DD, Asia/Jakarta) per stage. */
export type Schedule = Partial<Record<MovableStage, { start: string; end: string }>>;

export function validateSchedule(schedule: Schedule): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  let previousEnd: string | undefined;
  let previousStage: string | undefined;
  for (const stage of MOVABLE_STAGES) {
    const range = schedule[stage];
    if (!range) continue;
    if (range.start > range.end) issues.push({ path: `schedule.${stage}`, message: 'The start is after the end' });
    if (previousEnd && range.start < previousEnd) {
      issues.push({ path: `schedule.${stage}.start`, message: `Starts before ${previousStage} ends` });
    }
    previousEnd = range.end;
    previousStage = stage;
  }
  return issues;
}

/** Asia/Jakarta (UTC+7, no daylight saving): the schedule's dates are its calendar days. */
const JAKARTA_OFFSET_MS = 7 * 3600_000;

/** The calendar day (YYYY-MM-DD) in Asia/Jakarta at `at`. */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day after `date` (YYYY-MM-DD). */
function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
}

/**
 * The first day on which the move from `from` to `to` is on schedule: the target stage's start, and not before the day
 * after the current stage's scheduled end (closing the SAQ on its last day would cut that day short). Null when the
 * schedule says neither.
 */
export function scheduledMoveDate(schedule: Schedule, from: Stage, to: MovableStage): string | null {
  const start = schedule[to]?.start;
  const currentEnd = (MOVABLE_STAGES as readonly string[]).includes(from)
    ? schedule[from as MovableStage]?.end
    : undefined;
  const afterEnd = currentEnd ? dayAfter(currentEnd) : undefined;
  // ISO dates sort as text: the later of the two
  const dates = [start, afterEnd].filter((d): d is string => d !== undefined).sort();
  return dates.at(-1) ?? null;
}

/** Whether a move at `at` comes before its scheduled date (a Jakarta calendar day). */
export function isEarlyMove(scheduledDate: string | null, at: Date): boolean {
  return scheduledDate !== null && jakartaDate(at) < scheduledDate;
}

/**
 * What entering `to` from `from` does beyond the stage itself (src/modules/review/stage-hooks.ts and the SAQ's lock in
 * the periods service), as keys the client words in both languages.
 */
export type MoveEffect =
  | 'saq_opens'
  | 'questionnaires_freeze'
  | 'drafts_locked'
  | 'extensions_continue'
  | 'extensions_end'
  | 'verification_released'
  | 'objections_must_be_decided'
  | 'gate_marked'
  | 'results_computed';

export function moveEffects(from: Stage, to: MovableStage): MoveEffect[] {
  const effects: MoveEffect[] = [];
  if (to === 'saq') effects.push('saq_opens', 'questionnaires_freeze');
  if (from === 'saq') effects.push('drafts_locked', 'extensions_continue');
  if (from === 'verification') effects.push('extensions_end', 'drafts_locked');
  if (to === 'objection') effects.push('verification_released');
  if (from === 'objection') effects.push('objections_must_be_decided');
  if (to === 'presentation') effects.push('gate_marked');
  if (to === 'results') effects.push('results_computed');
  return effects;
}

/**
 * What the admin must type to confirm a move that is early or ends extensions: the period's year, the same word in
 * both languages and the one fact that tells two open periods apart (2026 closed instead of 2027 opened).
 */
export function confirmationWord(year: number): string {
  return String(year);
}

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

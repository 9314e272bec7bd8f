/**
 * Days left in a stage, as the commission counts them: by calendar days in Asia/Jakarta (UTC+7, no daylight saving),
 * against the schedule's last day of the stage (YYYY-MM-DD), which runs to its end. Pure.
 */

const JAKARTA_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The scheduled last day (YYYY-MM-DD) of a stage, or null when the schedule has none. */
export function stageEndOf(schedule: unknown, stage: string): string | null {
  const end = (schedule as Record<string, { end?: unknown } | undefined> | null)?.[stage]?.end;
  return typeof end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(end) ? end : null;
}

/** The day (YYYY-MM-DD) in Jakarta of an instant. */
export function jakartaDate(at: Date): string {
  return new Date(at.getTime() + JAKARTA_MS).toISOString().slice(0, 10);
}

/**
 * Whole days from today (in Jakarta) to the stage's last day: 0 on the last day itself, negative once it has passed
 * (the stage overran its schedule).
 */
export function daysLeft(end: string, now: Date): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${jakartaDate(now)}T00:00:00Z`)) / DAY_MS);
}

/** An instant as people in Jakarta read it in a table: `2026-09-07 23:59`. */
export function jakartaDateTime(at: Date): string {
  return new Date(at.getTime() + JAKARTA_MS).toISOString().slice(0, 16).replace('T', ' ');
}

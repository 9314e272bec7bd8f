/**
 * The SAQ window of one body: until when it may change its answers. Pure rules over a submission's state and its
 * period's schedule; the autosave writers repeat them in SQL (`editableAt` in autosave.repository.ts), never looser.
 */

/** The end of the SAQ for this body: the schedule's last day (Asia/Jakarta, UTC+7) or its own extension if later. */
export function deadlineOf(schedule: unknown, deadlineOverride: Date | null): Date | null {
  const end = (schedule as { saq?: { end?: string } } | null)?.saq?.end;
  const scheduled = end ? new Date(`${end}T23:59:59.999+07:00`) : null;
  if (deadlineOverride && (!scheduled || deadlineOverride > scheduled)) return deadlineOverride;
  return scheduled;
}

/** Whether the body may still change its answers: a draft, in the SAQ stage before its deadline, or extended. */
export function editable(
  row: { status: string; stage: string; deadlineOverride: Date | null },
  schedule: unknown,
  at: Date,
): boolean {
  if (row.status !== 'draft') return false;
  if (row.deadlineOverride && row.deadlineOverride > at) return true;
  if (row.stage !== 'saq') return false;
  const deadline = deadlineOf(schedule, row.deadlineOverride);
  return !deadline || at <= deadline;
}

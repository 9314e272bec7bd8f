import type { Db } from '../../db/database.ts';
import type { AppDeps } from '../../http/context.ts';

/**
 * The review's notices (issue 22, item 8), each queued through the outbox in the transaction of its cause: a notice
 * goes out only if its cause is committed. Owned by the notifications work; the other review services only call these.
 * Bodies are reached at their operators' e-mails and the body's PPID e-mail; evaluators at their account's e-mail.
 */

export type NoticeDeps = Pick<AppDeps, 'publicUrl'>;

/** Submissions newly assigned to one evaluator (one notice for the batch). */
export async function noticeAssigned(
  _db: Db,
  _deps: NoticeDeps,
  _input: { commissionId: string; periodId: string; evaluatorId: string; submissionIds: string[] },
): Promise<void> {}

/** An evaluator asked the body about one item. */
export async function noticeClarificationAsked(
  _db: Db,
  _deps: NoticeDeps,
  _input: { clarificationId: string },
): Promise<void> {}

/** The body answered a clarification: its asker is told. */
export async function noticeClarificationAnswered(
  _db: Db,
  _deps: NoticeDeps,
  _input: { clarificationId: string },
): Promise<void> {}

/** The period entered the objection stage: every body with a submission sees its verification. */
export async function noticeVerificationReleased(
  _db: Db,
  _deps: NoticeDeps,
  _input: { periodId: string },
): Promise<void> {}

/** An objection was accepted or rejected: the body is told. */
export async function noticeObjectionDecided(
  _db: Db,
  _deps: NoticeDeps,
  _input: { objectionId: string },
): Promise<void> {}

/** The daily reminder: open clarifications due within REMINDER_DAYS, at most one notice a day each. Returns how many. */
export async function queueDueReminders(_db: Db, _deps: NoticeDeps, _now: Date): Promise<number> {
  return 0;
}

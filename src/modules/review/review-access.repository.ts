import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Which submissions an evaluator (one who is nothing wider in the commission) may see: those assigned to them and,
 * as a member of the period's panel, the bodies that proceed to the presentation. Used by every reader of a
 * submission (the submissions module's `readable`, file downloads, the staff list), so the rule is written once.
 */
/** The rule, over a submission `s`: assigned to the user, or proceeding in a period whose panel has the user. */
const sees = (userId: string) =>
  sql<boolean>`exists (select 1 from assignments a where a.submission_id = s.id and a.evaluator_id = ${userId})
    or (s.proceeds is true and exists (
      select 1 from panel_members pm where pm.period_id = s.period_id and pm.user_id = ${userId}))`;

export async function evaluatorSees(db: Db, userId: string, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submissions as s')
    .select(sees(userId).as('sees'))
    .where('s.id', '=', submissionId)
    .executeTakeFirst();
  return row?.sees === true;
}

/** The ids of a period's submissions an evaluator may see (the same rule, for lists). */
export async function submissionsEvaluatorSees(db: Db, userId: string, periodId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('submissions as s')
    .select('s.id')
    .where('s.periodId', '=', periodId)
    .where(sees(userId))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Whether the submission is assigned to this evaluator (a juror who sees it through the panel is not). */
export async function evaluatorAssigned(db: Db, userId: string, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .select('id')
    .where('submissionId', '=', submissionId)
    .where('evaluatorId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

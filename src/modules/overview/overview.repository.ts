import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The admin's overview (issue 25, item 5): the commission's open periods and, per period, set-based counts of its
 * submissions by state and of the bodies that have not opened the SAQ; and what a reminder mail needs.
 */

/** The commission's periods that are running: past the draft, not yet published; newest year first. */
export async function openPeriods(db: Db, commissionId: string) {
  return db
    .selectFrom('periods')
    .select(['id', 'year', 'title', 'stage', 'schedule'])
    .where('commissionId', '=', commissionId)
    .where('stage', 'not in', ['draft', 'published'])
    .orderBy('year', 'desc')
    .execute();
}

/**
 * Per period: drafts (in progress, an open extension included), submitted, locked without a submission, and drafts
 * whose own extension runs past `now` (extended). One statement for every period.
 */
export async function submissionCounts(db: Db, periodIds: readonly string[], now: Date) {
  if (periodIds.length === 0) return [];
  return db
    .selectFrom('submissions')
    .select([
      'periodId',
      sql<number>`(count(*) filter (where status = 'draft'))::int`.as('inProgress'),
      sql<number>`(count(*) filter (where status = 'submitted'))::int`.as('submitted'),
      sql<number>`(count(*) filter (where status = 'locked'))::int`.as('locked'),
      sql<number>`(count(*) filter (where status = 'draft' and deadline_override > ${now}))::int`.as('extended'),
    ])
    .where('periodId', 'in', [...periodIds])
    .groupBy('periodId')
    .execute();
}

/** Per period: the bodies whose category has a questionnaire and that have not opened the SAQ. One statement. */
export async function notStartedCounts(db: Db, commissionId: string, periodIds: readonly string[]) {
  if (periodIds.length === 0) return [];
  return db
    .selectFrom('questionnaires as q')
    .innerJoin('bodies as b', 'b.categoryId', 'q.categoryId')
    .leftJoin('submissions as s', (j) => j.onRef('s.bodyId', '=', 'b.id').onRef('s.periodId', '=', 'q.periodId'))
    .select(['q.periodId', sql<number>`count(*)::int`.as('n')])
    .where('q.periodId', 'in', [...periodIds])
    .where('b.commissionId', '=', commissionId)
    .where('s.id', 'is', null)
    .groupBy('q.periodId')
    .execute();
}

/** The commission's name, for the reminder's text. */
export async function commissionName(db: Db, commissionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('commissions').select('name').where('id', '=', commissionId).executeTakeFirst();
  return row?.name;
}

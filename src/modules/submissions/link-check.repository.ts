import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Links never checked first, then the oldest checks (re-checked after a day). */
export async function dueLinks(db: Db, limit: number, olderThan: Date) {
  return db
    .selectFrom('linkChecks')
    .select('url')
    .where((eb) => eb.or([eb('checkedAt', 'is', null), eb('checkedAt', '<', olderThan)]))
    .orderBy(sql`checked_at nulls first`)
    .limit(limit)
    .execute();
}

export async function recordLinkCheck(db: Db, url: string, result: { status: number | null; error: string | null }) {
  await db
    .updateTable('linkChecks')
    .set({ status: result.status, error: result.error, checkedAt: sql`now()` })
    .where('url', '=', url)
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * Takes pending mails for delivery, other than those already tried in this run; `skip locked` lets several senders run
 * without sending one mail twice.
 */
export async function claimPending(db: Db, limit: number, triedIds: readonly number[] = []) {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'body', 'attempts'])
    .where('sentAt', 'is', null)
    .where('attempts', '<', 10);
  if (triedIds.length > 0) q = q.where('id', 'not in', [...triedIds]);
  return q.orderBy('id').limit(limit).forUpdate().skipLocked().execute();
}

export async function markSent(db: Db, id: number) {
  await db
    .updateTable('outbox')
    .set({ sentAt: sql`now()`, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set({ attempts: sql`attempts + 1`, lastError: error.slice(0, 1000) })
    .where('id', '=', id)
    .execute();
}

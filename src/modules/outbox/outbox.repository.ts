import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';

/** Attempts before a mail is given up (about three hours of back-off in all). */
const MAX_ATTEMPTS = 10;

/**
 * Takes pending mails that are due (never tried, or past their back-off), other than those already tried in this run;
 * `skip locked` lets several senders run without sending one mail twice.
 */
export async function claimPending(db: Db, limit: number, triedIds: readonly number[] = []) {
  let q = db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'body', 'attempts'])
    .where('sentAt', 'is', null)
    .where('attempts', '<', MAX_ATTEMPTS)
    .where((eb) => eb.or([eb('nextAttemptAt', 'is', null), eb('nextAttemptAt', '<=', sql<Date>`now()`)]));
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

/**
 * Counts a failed delivery and puts the next try off: 30 s after the first failure, twice as long after each next one,
 * at most an hour (`attempts` here is the count before this failure).
 */
export async function markFailed(db: Db, id: number, error: string) {
  await db
    .updateTable('outbox')
    .set({
      attempts: sql`attempts + 1`,
      lastError: error.slice(0, 1000),
      nextAttemptAt: sql`now() + least(interval '30 seconds' * power(2, attempts), interval '1 hour')`,
    })
    .where('id', '=', id)
    .execute();
}

export interface NewMail {
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  payload: Record<string, unknown>;
}

export async function insertMail(db: Db, mail: NewMail) {
  await db
    .insertInto('outbox')
    .values({ ...mail, payload: jsonb(mail.payload) })
    .execute();
}

import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';

/** Attempts before a mail is given up (about three hours of back-off in all): a mail that reached it has failed. */
export const MAX_ATTEMPTS = 10;

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
  /** What the mail is about; `commissionId` lets the commission's admins list it (GET /commissions/{cid}/outbox). */
  payload: { commissionId?: string } & Record<string, unknown>;
  /** A key of the notice's cause: a second mail with the same key is not queued. */
  dedupeKey?: string | undefined;
}

/** Queues one mail; a mail whose dedupe key is already in the outbox is skipped. Whether it was queued. */
export async function insertMail(db: Db, mail: NewMail): Promise<boolean> {
  const { dedupeKey, ...rest } = mail;
  const inserted = await db
    .insertInto('outbox')
    .values({ ...rest, payload: jsonb(mail.payload), ...(dedupeKey ? { dedupeKey } : {}) })
    // the unique index on dedupe_key is partial (keys only): the conflict target names its predicate
    .onConflict((oc) => oc.column('dedupeKey').where('dedupeKey', 'is not', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

/** The columns of the outbox list, without the body (which may carry an invitation link). */
const LIST_COLUMNS = [
  'id',
  'kind',
  'recipient',
  'subject',
  'createdAt',
  'attempts',
  'sentAt',
  'lastError',
  'nextAttemptAt',
] as const;

/**
 * A commission's mails (by the payload's commissionId; null: the mails of no commission), newest first, at most `limit`, before the id `before` when
 * given (the next page). `failed`: not sent and out of attempts; `queued`: not sent, attempts left.
 */
export async function listMails(
  db: Db,
  filter: { commissionId: string | null; status?: MailStatus | undefined; before?: number | undefined; limit: number },
) {
  let q = db.selectFrom('outbox').select(LIST_COLUMNS);
  // null: the platform's own mails, of no commission (a platform admin's password reset)
  q =
    filter.commissionId === null
      ? q.where(sql<string>`payload->>'commissionId'`, 'is', null)
      : q.where(sql<string>`payload->>'commissionId'`, '=', filter.commissionId);
  if (filter.status === 'sent') q = q.where('sentAt', 'is not', null);
  if (filter.status === 'failed') q = q.where('sentAt', 'is', null).where('attempts', '>=', MAX_ATTEMPTS);
  if (filter.status === 'queued') q = q.where('sentAt', 'is', null).where('attempts', '<', MAX_ATTEMPTS);
  if (filter.before !== undefined) q = q.where('id', '<', filter.before);
  return q.orderBy('id', 'desc').limit(filter.limit).execute();
}

/** One mail with its body and the commission it belongs to (null: none, as for a platform-wide mail). */
export async function findMail(db: Db, id: number) {
  return db
    .selectFrom('outbox')
    .select([...LIST_COLUMNS, 'body', sql<string | null>`payload->>'commissionId'`.as('commissionId')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether the commission exists (a platform admin's list of an unknown commission is a 404). */
export async function commissionExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('commissions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

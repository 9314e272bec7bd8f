import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** Failures of one kind and key since a moment: how many, and when the latest was (the back-off runs from it). */
export async function failureStreak(db: Db, kind: string, key: string, since: Date) {
  const row = await db
    .selectFrom('authFailures')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`max(at)`.as('latest')])
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: row.count, latest: row.latest ? new Date(row.latest) : null };
}

/** Which of these places (by kind and key hash) the account signed in from since `since` (a device, an address). */
export async function knownPlaces(
  db: Db,
  userId: string,
  places: { kind: 'device' | 'address'; keyHash: string; since: Date }[],
) {
  if (places.length === 0) return [];
  const rows = await db
    .selectFrom('knownLogins')
    .select(['kind', 'keyHash'])
    .where('userId', '=', userId)
    .where((eb) =>
      eb.or(
        places.map((p) =>
          eb.and([eb('kind', '=', p.kind), eb('keyHash', '=', p.keyHash), eb('lastUsedAt', '>', p.since)]),
        ),
      ),
    )
    .execute();
  return rows;
}

/** Remembers (or refreshes) the places of a successful sign-in. */
export async function rememberPlaces(
  db: Db,
  userId: string,
  places: { kind: 'device' | 'address'; keyHash: string }[],
  at: Date,
) {
  if (places.length === 0) return;
  await db
    .insertInto('knownLogins')
    .values(places.map((p) => ({ userId, kind: p.kind, keyHash: p.keyHash, createdAt: at, lastUsedAt: at })))
    .onConflict((oc) => oc.columns(['userId', 'kind', 'keyHash']).doUpdateSet({ lastUsedAt: at }))
    .execute();
}

/**
 * Serialises attempts on these keys until the transaction ends: a transaction-scoped advisory lock per key, taken in
 * one order so that two attempts sharing keys never wait on each other crosswise.
 */
export async function lockFailureKeys(db: Db, keys: { kind: string; key: string }[]) {
  const names = [...new Set(keys.map((k) => `${k.kind}:${k.key}`))].sort();
  for (const name of names) await sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`.execute(db);
}

/** Counts these failures now; their ids, so that an attempt that succeeds can take its own back. */
export async function insertFailures(db: Db, failures: { kind: string; key: string; at: Date }[]): Promise<number[]> {
  if (failures.length === 0) return [];
  const rows = await db.insertInto('authFailures').values(failures).returning('id').execute();
  return rows.map((r) => Number(r.id));
}

export async function deleteFailures(db: Db, ids: number[]) {
  if (ids.length > 0) await db.deleteFrom('authFailures').where('id', 'in', ids).execute();
}

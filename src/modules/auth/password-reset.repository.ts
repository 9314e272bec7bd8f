import type { Db } from '../../db/database.ts';

/** Deletes the account's unused reset links (a newer request supersedes them; a reset ends them all). */
export async function deleteUnusedResets(db: Db, userId: string) {
  await db.deleteFrom('passwordResets').where('userId', '=', userId).where('usedAt', 'is', null).execute();
}

export async function insertReset(db: Db, reset: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insertInto('passwordResets').values(reset).execute();
}

/** A reset link by its token's hash, with what decides whether it still works. */
export async function findResetByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('passwordResets as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['r.id', 'r.userId', 'r.expiresAt', 'r.usedAt', 'u.email', 'u.disabledAt'])
    .where('r.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a link used if it still is unused; false when another request used it first. */
export async function useReset(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('passwordResets')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Ends every session of the account; the tokens' hashes, for the session cache. */
export async function deleteSessionsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.deleteFrom('sessions').where('userId', '=', userId).returning('tokenHash').execute();
  return rows.map((r) => r.tokenHash);
}

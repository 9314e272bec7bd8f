import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function countCommissions(db: Db): Promise<number> {
  const row = await db.selectFrom('commissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

export async function insertUsers(db: Db, users: { email: string; name: string; passwordHash: string }[]) {
  if (users.length === 0) return [];
  return db.insertInto('users').values(users).returning(['id', 'email']).execute();
}

export async function insertMemberships(
  db: Db,
  memberships: { userId: string; role: string; commissionId: string | null; bodyId: string | null }[],
) {
  if (memberships.length > 0) await db.insertInto('memberships').values(memberships).execute();
}

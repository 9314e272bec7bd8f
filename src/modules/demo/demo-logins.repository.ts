import type { Db } from '../../db/database.ts';

/** The active accounts of the demo's domain (`*.demo`) that can sign in with a password, with their roles. */
export function activeDemoAccounts(db: Db) {
  return db
    .selectFrom('users')
    .innerJoin('memberships', 'memberships.userId', 'users.id')
    .select(['users.email', 'users.passwordHash', 'memberships.role'])
    .where('users.email', 'like', '%.demo')
    .where('users.disabledAt', 'is', null)
    .where('users.passwordHash', 'is not', null)
    .orderBy('users.email')
    .execute();
}

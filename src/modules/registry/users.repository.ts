import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'disabledAt', sql<boolean>`password_hash is not null`.as('hasPassword')])
    .where('email', '=', email)
    .executeTakeFirst();
}

export async function insertUser(db: Db, values: { email: string; name: string }) {
  return db
    .insertInto('users')
    .values(values)
    .returning(['id', 'email', 'name', 'disabledAt', sql<boolean>`false`.as('hasPassword')])
    .executeTakeFirstOrThrow();
}

export async function findMembership(
  db: Db,
  m: { userId: string; role: string; commissionId: string; bodyId: string | null },
) {
  let q = db
    .selectFrom('memberships')
    .select('id')
    .where('userId', '=', m.userId)
    .where('role', '=', m.role)
    .where('commissionId', '=', m.commissionId);
  q = m.bodyId === null ? q.where('bodyId', 'is', null) : q.where('bodyId', '=', m.bodyId);
  return q.executeTakeFirst();
}

export async function insertInvitation(
  db: Db,
  values: {
    tokenHash: string;
    commissionId: string;
    userId: string;
    role: string;
    bodyId: string | null;
    conflictReason: string | null;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  return db.insertInto('invitations').values(values).returning(['id']).executeTakeFirstOrThrow();
}

/** A live invitation (not used, not cancelled, not expired) of this user to exactly this role. */
export async function findPendingInvitation(
  db: Db,
  m: { userId: string; role: string; commissionId: string; bodyId: string | null },
  now: Date,
) {
  let q = db
    .selectFrom('invitations')
    .select('id')
    .where('userId', '=', m.userId)
    .where('role', '=', m.role)
    .where('commissionId', '=', m.commissionId)
    .where('usedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .where('expiresAt', '>', now);
  q = m.bodyId === null ? q.where('bodyId', 'is', null) : q.where('bodyId', '=', m.bodyId);
  return q.executeTakeFirst();
}

/**
 * The roles a person holds in the commission and those live invitations offer them there, with the body's name:
 * what the conflict-of-interest rule looks at before one more is offered.
 */
export async function heldAndOfferedRoles(db: Db, userId: string, commissionId: string, now: Date) {
  const held = db
    .selectFrom('memberships as m')
    .leftJoin('bodies as b', 'b.id', 'm.bodyId')
    .select(['m.role', 'b.name as bodyName'])
    .where('m.userId', '=', userId)
    .where('m.commissionId', '=', commissionId);
  const offered = db
    .selectFrom('invitations as i')
    .leftJoin('bodies as b', 'b.id', 'i.bodyId')
    .select(['i.role', 'b.name as bodyName'])
    .where('i.userId', '=', userId)
    .where('i.commissionId', '=', commissionId)
    .where('i.usedAt', 'is', null)
    .where('i.cancelledAt', 'is', null)
    .where('i.expiresAt', '>', now);
  return held.unionAll(offered).execute();
}

/** The roles a person holds in one commission (what the invitation answer reports). */
export async function rolesInCommission(db: Db, userId: string, commissionId: string) {
  return db
    .selectFrom('memberships')
    .select(['role', 'commissionId', 'bodyId'])
    .where('userId', '=', userId)
    .where('commissionId', '=', commissionId)
    .orderBy('createdAt')
    .execute();
}

export async function findInvitation(db: Db, id: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.userId')
    .innerJoin('commissions as c', 'c.id', 'i.commissionId')
    .leftJoin('bodies as b', 'b.id', 'i.bodyId')
    .select([
      'i.id',
      'i.commissionId',
      'i.userId',
      'i.role',
      'i.bodyId',
      'i.usedAt',
      'i.cancelledAt',
      'u.email',
      'u.name',
      sql<boolean>`u.password_hash is not null`.as('hasPassword'),
      'c.name as commissionName',
      'b.name as bodyName',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** Gives a pending invitation a new token and expiry (the old token dies); false when it was used or cancelled. */
export async function reissueInvitation(db: Db, id: string, tokenHash: string, expiresAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ tokenHash, expiresAt })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function cancelInvitation(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ cancelledAt: at })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .where('cancelledAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function findMembershipById(db: Db, id: string) {
  return db
    .selectFrom('memberships')
    .select(['id', 'userId', 'role', 'commissionId', 'bodyId', 'conflictReason'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Deletes a membership; the invitation that granted it keeps its row, no longer pointing at it. */
export async function deleteMembership(db: Db, id: string): Promise<boolean> {
  await db.updateTable('invitations').set({ membershipId: null }).where('membershipId', '=', id).execute();
  const result = await db.deleteFrom('memberships').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** An account as the people page acts on it: its state and where it holds roles. */
export async function findAccount(db: Db, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'disabledAt'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const memberships = await db
    .selectFrom('memberships')
    .select(['role', 'commissionId'])
    .where('userId', '=', userId)
    .execute();
  return { ...user, memberships };
}

export async function setDisabled(db: Db, userId: string, disabledAt: Date | null) {
  await db.updateTable('users').set({ disabledAt }).where('id', '=', userId).execute();
}

/** Users holding any role in the commission, with those roles and whether they have set a password. */
export async function listCommissionUsers(db: Db, commissionId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .leftJoin('bodies as b', 'b.id', 'm.bodyId')
    .select([
      'u.id',
      'u.email',
      'u.name',
      sql<boolean>`u.password_hash is not null and u.disabled_at is null`.as('active'),
      sql<boolean>`u.disabled_at is not null`.as('disabled'),
      sql<boolean>`exists (select 1 from memberships o where o.user_id = u.id
        and (o.commission_id is null or o.commission_id <> m.commission_id))`.as('rolesElsewhere'),
      'm.id as membershipId',
      'm.role',
      'm.bodyId',
      'm.conflictReason',
      'b.name as bodyName',
    ])
    .where('m.commissionId', '=', commissionId)
    .orderBy('u.name')
    .orderBy('u.email')
    .execute();
}

export async function listInvitations(db: Db, commissionId: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.userId')
    .leftJoin('bodies as b', 'b.id', 'i.bodyId')
    .select([
      'i.id',
      'u.email',
      'u.name',
      'i.role',
      'i.bodyId',
      'b.name as bodyName',
      'i.createdAt',
      'i.expiresAt',
      'i.usedAt',
      'i.cancelledAt',
      'i.conflictReason',
    ])
    .where('i.commissionId', '=', commissionId)
    .orderBy('i.createdAt', 'desc')
    .limit(500)
    .execute();
}

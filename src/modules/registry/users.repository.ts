import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Db, values: { email: string; name: string }) {
  return db.insertInto('users').values(values).returning(['id', 'email', 'name']).executeTakeFirstOrThrow();
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

export async function insertMembership(
  db: Db,
  m: { userId: string; role: string; commissionId: string; bodyId: string | null },
) {
  return db.insertInto('memberships').values(m).returning('id').executeTakeFirstOrThrow();
}

export async function insertInvitation(
  db: Db,
  values: {
    tokenHash: string;
    commissionId: string;
    userId: string;
    membershipId: string;
    invitedBy: string;
    expiresAt: Date;
  },
) {
  return db.insertInto('invitations').values(values).returning(['id']).executeTakeFirstOrThrow();
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
      'm.role',
      'm.bodyId',
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
    .innerJoin('memberships as m', 'm.id', 'i.membershipId')
    .leftJoin('bodies as b', 'b.id', 'm.bodyId')
    .select([
      'i.id',
      'u.email',
      'u.name',
      'm.role',
      'm.bodyId',
      'b.name as bodyName',
      'i.createdAt',
      'i.expiresAt',
      'i.usedAt',
    ])
    .where('i.commissionId', '=', commissionId)
    .orderBy('i.createdAt', 'desc')
    .limit(500)
    .execute();
}

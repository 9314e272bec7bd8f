import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Membership, Role } from '../../domain/access.ts';

export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Memberships with the names the client shows beside them. */
export async function membershipsOf(db: Db, userId: string) {
  const rows = await db
    .selectFrom('memberships as m')
    .leftJoin('commissions as c', 'c.id', 'm.commissionId')
    .leftJoin('bodies as b', 'b.id', 'm.bodyId')
    .select([
      'm.role',
      'm.commissionId',
      'm.bodyId',
      'c.code as commissionCode',
      'c.name as commissionName',
      'b.name as bodyName',
    ])
    .where('m.userId', '=', userId)
    .orderBy('m.createdAt')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

export async function insertSession(db: Db, session: { tokenHash: string; userId: string; expiresAt: Date }) {
  await db.insertInto('sessions').values(session).execute();
}

/** The user behind a live session, with the memberships that make up the actor. */
export async function findSessionUser(db: Db, tokenHash: string, now: Date) {
  // one round trip on every authenticated request the cache does not cover: the user and its memberships together
  return (await findSessionUsers(db, [tokenHash], now)).get(tokenHash);
}

/** The live sessions among these token hashes (not expired, user not disabled), with their users and memberships. */
export async function findSessionUsers(db: Db, tokenHashes: string[], now: Date) {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.userId')
    .select([
      's.tokenHash',
      'u.id',
      'u.email',
      'u.name',
      's.expiresAt',
      sql<
        Membership[]
      >`coalesce((select json_agg(json_build_object('role', m.role, 'commissionId', m.commission_id, 'bodyId', m.body_id) order by m.role, m.commission_id, m.body_id) from memberships m where m.user_id = u.id), '[]'::json)`.as(
        'memberships',
      ),
    ])
    .where(sql<boolean>`s.token_hash = any(${tokenHashes}::text[])`)
    .where('s.expiresAt', '>', now)
    .where('u.disabledAt', 'is', null)
    .execute();
  return new Map(
    rows.map((row) => {
      const memberships = (
        typeof row.memberships === 'string' ? JSON.parse(row.memberships) : row.memberships
      ) as Membership[];
      return [
        row.tokenHash,
        {
          id: row.id,
          email: row.email,
          name: row.name,
          expiresAt: new Date(row.expiresAt),
          memberships: memberships.map((m) => ({ ...m, role: m.role as Role })),
        },
      ] as const;
    }),
  );
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('sessions').where('tokenHash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Db, userId: string) {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
}

/** Failures of one kind and key since a moment, with the oldest (for Retry-After). */
export async function failuresSince(db: Db, kind: string, key: string, since: Date) {
  const row = await db
    .selectFrom('authFailures')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(at)`.as('oldest')])
    .where('kind', '=', kind)
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: row.count, oldest: row.oldest ? new Date(row.oldest) : null };
}

export async function recordFailures(db: Db, failures: { kind: string; key: string; at: Date }[]) {
  if (failures.length > 0) await db.insertInto('authFailures').values(failures).execute();
}

export async function clearFailures(db: Db, kind: string, key: string) {
  await db.deleteFrom('authFailures').where('kind', '=', kind).where('key', '=', key).execute();
}

export async function findInvitationByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.userId')
    .innerJoin('commissions as c', 'c.id', 'i.commissionId')
    .leftJoin('bodies as b', 'b.id', 'i.bodyId')
    .select([
      'i.id',
      'i.userId',
      'i.commissionId',
      'i.expiresAt',
      'i.usedAt',
      'i.cancelledAt',
      'i.role',
      'i.bodyId',
      'i.conflictReason',
      'u.email',
      'u.name',
      'u.passwordHash',
      'u.disabledAt',
      'c.name as commissionName',
      'b.name as bodyName',
    ])
    .where('i.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** The roles an account holds in one commission (the conflict-of-interest check at acceptance). */
export async function rolesIn(db: Db, userId: string, commissionId: string) {
  return db
    .selectFrom('memberships as m')
    .leftJoin('bodies as b', 'b.id', 'm.bodyId')
    .select(['m.role', 'b.name as bodyName'])
    .where('m.userId', '=', userId)
    .where('m.commissionId', '=', commissionId)
    .execute();
}

/**
 * Grants the role an invitation offers (its membership, unless the account holds it already) and links the two.
 */
export async function grantInvitedRole(
  db: Db,
  invitation: {
    id: string;
    userId: string;
    role: string;
    commissionId: string;
    bodyId: string | null;
    conflictReason: string | null;
  },
) {
  let existing = db
    .selectFrom('memberships')
    .select('id')
    .where('userId', '=', invitation.userId)
    .where('role', '=', invitation.role)
    .where('commissionId', '=', invitation.commissionId);
  existing =
    invitation.bodyId === null
      ? existing.where('bodyId', 'is', null)
      : existing.where('bodyId', '=', invitation.bodyId);
  const membership =
    (await existing.executeTakeFirst()) ??
    (await db
      .insertInto('memberships')
      .values({
        userId: invitation.userId,
        role: invitation.role,
        commissionId: invitation.commissionId,
        bodyId: invitation.bodyId,
        conflictReason: invitation.conflictReason,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  await db.updateTable('invitations').set({ membershipId: membership.id }).where('id', '=', invitation.id).execute();
  return membership.id;
}

/** Marks an invitation used if it still is unused; false when another request used it first. */
export async function useInvitation(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.updateTable('users').set({ passwordHash }).where('id', '=', userId).execute();
}

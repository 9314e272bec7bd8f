import type { Db } from '../../db/database.ts';

/** What the review's notices read: who a body or an evaluator is reached at, and the facts each notice tells. */

/** The body's e-mail addresses: its PPID operators' (active accounts) and the body's own PPID address. */
export async function bodyAddresses(db: Db, bodyIds: readonly string[]): Promise<Map<string, string[]>> {
  const byBody = new Map<string, string[]>();
  if (bodyIds.length === 0) return byBody;
  // one after the other: `db` is usually the notice's cause's transaction, one connection
  const operators = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .select(['m.bodyId', 'u.email'])
    .where('m.role', '=', 'body_operator')
    .where('m.bodyId', 'in', [...bodyIds])
    .where('u.disabledAt', 'is', null)
    .orderBy('u.email')
    .execute();
  const bodies = await db
    .selectFrom('bodies')
    .select(['id', 'ppidEmail'])
    .where('id', 'in', [...bodyIds])
    .execute();
  const add = (bodyId: string | null, email: string | null) => {
    if (!bodyId || !email?.trim()) return;
    const list = byBody.get(bodyId) ?? [];
    // one mail per address, however it is spelled
    if (!list.some((e) => e.toLowerCase() === email.trim().toLowerCase())) list.push(email.trim());
    byBody.set(bodyId, list);
  };
  for (const o of operators) add(o.bodyId, o.email);
  for (const b of bodies) add(b.id, b.ppidEmail);
  return byBody;
}

/** An active user's address and name (an evaluator, a clarification's asker). */
export async function userAddress(db: Db, userId: string) {
  return db
    .selectFrom('users')
    .select(['email', 'name'])
    .where('id', '=', userId)
    .where('disabledAt', 'is', null)
    .executeTakeFirst();
}

/** The submissions named, with their body, period and commission, for an assignment notice. */
export async function submissionsForNotice(db: Db, submissionIds: readonly string[]) {
  if (submissionIds.length === 0) return [];
  return db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('commissions as c', 'c.id', 's.commissionId')
    .select(['s.id', 's.bodyId', 'b.name as bodyName', 'p.title as periodTitle', 'c.name as commissionName'])
    .where('s.id', 'in', [...submissionIds])
    .orderBy('b.name')
    .execute();
}

/** The period's title and commission. */
export async function periodForNotice(db: Db, periodId: string) {
  return db
    .selectFrom('periods as p')
    .innerJoin('commissions as c', 'c.id', 'p.commissionId')
    .select(['p.id', 'p.commissionId', 'p.title', 'c.name as commissionName'])
    .where('p.id', '=', periodId)
    .executeTakeFirst();
}

/** The period's submissions that were submitted once (those have a verification to see). */
export async function submittedOfPeriod(db: Db, periodId: string) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .select(['s.id', 's.bodyId', 'b.name as bodyName'])
    .where('s.periodId', '=', periodId)
    .where((eb) => eb.or([eb('s.submittedAt', 'is not', null), eb('s.firstSubmittedAt', 'is not', null)]))
    .orderBy('b.name')
    .execute();
}

/** A clarification with its submission's body, period and commission, its asker and its latest message. */
export async function clarificationForNotice(db: Db, clarificationId: string) {
  return db
    .selectFrom('clarifications as k')
    .innerJoin('submissions as s', 's.id', 'k.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('commissions as c', 'c.id', 'k.commissionId')
    .select((eb) => [
      'k.id',
      'k.commissionId',
      'k.submissionId',
      'k.questionCode',
      'k.message',
      'k.dueAt',
      'k.askedBy',
      's.periodId',
      's.bodyId',
      'b.name as bodyName',
      'p.title as periodTitle',
      'c.name as commissionName',
      eb
        .selectFrom('clarificationMessages as m')
        .select('m.id')
        .whereRef('m.clarificationId', '=', 'k.id')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('lastMessageId'),
      eb
        .selectFrom('clarificationMessages as m')
        .select('m.message')
        .whereRef('m.clarificationId', '=', 'k.id')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('lastMessage'),
    ])
    .where('k.id', '=', clarificationId)
    .executeTakeFirst();
}

/** A decided objection with its submission's body, period and commission. */
export async function objectionForNotice(db: Db, objectionId: string) {
  return db
    .selectFrom('objections as o')
    .innerJoin('submissions as s', 's.id', 'o.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('commissions as c', 'c.id', 'o.commissionId')
    .select([
      'o.id',
      'o.commissionId',
      'o.submissionId',
      'o.questionCode',
      'o.status',
      'o.decisionReason',
      's.periodId',
      's.bodyId',
      'b.name as bodyName',
      'p.title as periodTitle',
      'c.name as commissionName',
    ])
    .where('o.id', '=', objectionId)
    .executeTakeFirst();
}

/**
 * Open clarifications due after `now` and no later than `until` that had no reminder on `day`, with their body,
 * locked so that two reminder runs never both queue and mark one (`skip locked`: the other run leaves it).
 */
export async function dueClarifications(db: Db, now: Date, until: Date, day: string) {
  return db
    .selectFrom('clarifications as k')
    .innerJoin('submissions as s', 's.id', 'k.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('commissions as c', 'c.id', 'k.commissionId')
    .select([
      'k.id',
      'k.commissionId',
      'k.submissionId',
      'k.questionCode',
      'k.message',
      'k.dueAt',
      's.bodyId',
      'b.name as bodyName',
      'c.name as commissionName',
    ])
    .where('k.status', '=', 'open')
    .where('k.dueAt', '>', now)
    .where('k.dueAt', '<=', until)
    .where((eb) => eb.or([eb('k.remindedOn', 'is', null), eb('k.remindedOn', '<>', day)]))
    .orderBy('k.dueAt')
    .orderBy('k.id')
    .forUpdate('k')
    .skipLocked()
    .execute();
}

/** Records that these clarifications were in the reminder of `day`. */
export async function markReminded(db: Db, clarificationIds: readonly string[], day: string) {
  if (clarificationIds.length === 0) return;
  await db
    .updateTable('clarifications')
    .set({ remindedOn: day })
    .where('id', 'in', [...clarificationIds])
    .execute();
}

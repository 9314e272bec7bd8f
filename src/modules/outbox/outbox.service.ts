import type { Db } from '../../db/database.ts';
import { type Actor, isPlatformAdmin } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { MailSender } from '../../lib/mail.ts';
import { iso } from '../../lib/time.ts';
import * as repo from './outbox.repository.ts';

export type { NewMail } from './outbox.repository.ts';

/**
 * Queues a mail for delivery. Call it inside the transaction of its cause (an invitation, say): the mail goes out only
 * if the cause is committed, and is never lost once it is.
 */
export async function queueMail(db: Db, mail: repo.NewMail): Promise<boolean> {
  return repo.insertMail(db, mail);
}

/** A page of the outbox list. */
export const OUTBOX_PAGE = 200;

type ListedMail = Awaited<ReturnType<typeof repo.listMails>>[number];

function mailView(m: ListedMail) {
  const status: repo.MailStatus = m.sentAt ? 'sent' : m.attempts >= repo.MAX_ATTEMPTS ? 'failed' : 'queued';
  return {
    // a bigint identity: postgres.js reads int8 as a string, PGlite as a number
    id: Number(m.id),
    kind: m.kind,
    recipient: m.recipient,
    subject: m.subject,
    createdAt: iso(m.createdAt),
    attempts: m.attempts,
    sentAt: m.sentAt ? iso(m.sentAt) : null,
    lastError: m.lastError,
    // the back-off's next try, for a mail still waiting; none once sent or given up
    nextAttemptAt: status === 'queued' && m.nextAttemptAt ? iso(m.nextAttemptAt) : null,
    status,
  };
}

/**
 * The commission's mails, newest first, a page of 200 (`before`: the last id of the previous page): invitations and
 * notices, so a small deployment or the demo can see what went out and what failed (commission admins; platform admins
 * for any commission).
 */
export async function listOutbox(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  commissionId: string,
  query: { status?: repo.MailStatus | undefined; before?: number | undefined },
) {
  authorize(actor, 'outbox.read', { commissionId }, 'commission');
  if (!(await repo.commissionExists(deps.db, commissionId))) throw new AppError('NOT_FOUND', 'No such commission.');
  const rows = await repo.listMails(deps.db, { commissionId, ...query, limit: OUTBOX_PAGE + 1 });
  const mails = rows.slice(0, OUTBOX_PAGE).map(mailView);
  return { mails, nextBefore: rows.length > OUTBOX_PAGE ? (mails.at(-1)?.id ?? null) : null };
}

/**
 * The platform's own mails, of no commission (a platform admin's password reset, issue 25), newest first, a page of
 * 200: the platform admins', who see them as a commission's admins see theirs (others: 403).
 */
export async function listPlatformOutbox(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  query: { status?: repo.MailStatus | undefined; before?: number | undefined },
) {
  if (!isPlatformAdmin(actor)) throw new AppError('FORBIDDEN', 'Only a platform admin reads the platform’s mails.');
  const rows = await repo.listMails(deps.db, { commissionId: null, ...query, limit: OUTBOX_PAGE + 1 });
  const mails = rows.slice(0, OUTBOX_PAGE).map(mailView);
  return { mails, nextBefore: rows.length > OUTBOX_PAGE ? (mails.at(-1)?.id ?? null) : null };
}

/**
 * One mail with its body, for the admin of its commission (or a platform admin): a small deployment without SMTP
 * copies an invitation link from here. A mail of no commission is the platform admins' alone.
 */
export async function getOutboxMail(deps: Pick<AppDeps, 'db'>, actor: Actor, id: number) {
  const mail = await repo.findMail(deps.db, id);
  if (!mail) throw new AppError('NOT_FOUND', 'No such mail.');
  if (mail.commissionId) authorize(actor, 'outbox.read', { commissionId: mail.commissionId }, 'mail');
  else if (!isPlatformAdmin(actor)) throw new AppError('NOT_FOUND', 'No such mail.');
  return { ...mailView(mail), body: mail.body };
}

/**
 * Delivers up to `limit` pending mails, each in its own transaction with its row locked: a mail is marked sent only
 * after the sender accepted it; a failure is counted and retried on a later run once its back-off has passed (30 s,
 * then twice as long each time, at most an hour; at most 10 attempts), so a mail the sender refuses neither spends its
 * attempts in one outage nor holds back the mails behind it.
 */
export async function deliverPending(db: Db, sender: MailSender, logger: Logger, limit = 20): Promise<number> {
  let sent = 0;
  const tried: number[] = [];
  for (let i = 0; i < limit; i++) {
    const delivered = await db.transaction().execute(async (trx) => {
      const [mail] = await repo.claimPending(trx, 1, tried);
      if (!mail) return null;
      tried.push(mail.id);
      try {
        await sender.send(mail);
        await repo.markSent(trx, mail.id);
        return true;
      } catch (error) {
        logger.warn('mail.failed', { outboxId: mail.id, error: String(error) });
        await repo.markFailed(trx, mail.id, String(error));
        return false;
      }
    });
    if (delivered === null) break;
    if (delivered) sent++;
  }
  return sent;
}

import type { Db } from '../../db/database.ts';
import type { Logger } from '../../lib/logger.ts';
import type { MailSender } from '../../lib/mail.ts';
import * as repo from './outbox.repository.ts';

export type { NewMail } from './outbox.repository.ts';

/**
 * Queues a mail for delivery. Call it inside the transaction of its cause (an invitation, say): the mail goes out only
 * if the cause is committed, and is never lost once it is.
 */
export async function queueMail(db: Db, mail: repo.NewMail): Promise<void> {
  await repo.insertMail(db, mail);
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

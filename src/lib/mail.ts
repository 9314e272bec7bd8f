import type { Logger } from './logger.ts';

export interface OutgoingMail {
  id: number;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
}

/** Delivers e-mails taken from the outbox. Pluggable: the default only logs that a mail would go out. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
}

/** Logs the envelope (recipient, kind, subject), never the body: bodies carry invitation links. */
export function createLogMailSender(logger: Logger): MailSender {
  return {
    async send(mail) {
      logger.info('mail.sent', {
        outboxId: mail.id,
        kind: mail.kind,
        recipient: mail.recipient,
        subject: mail.subject,
      });
    },
  };
}

import { createTransport } from 'nodemailer';
import type { MailSender } from './mail.ts';

/** Options of the SMTP sender: where to send (an smtp:// or smtps:// URL, credentials in it) and from whom. */
export interface SmtpOptions {
  url: string;
  from: string;
  /** Per connection step (connect, greeting, socket idle), so a hung server fails the mail and the outbox retries it. */
  timeoutMs?: number;
}

/**
 * Sends the outbox's mails over SMTP through nodemailer (docs/decisions/010-mail.md): plain text, UTF-8, one
 * recipient each. A refusal or a lost connection rejects, and the outbox counts the failure and tries again later.
 * One pooled connection at most: the outbox sends one mail at a time anyway.
 */
export function createSmtpMailSender(options: SmtpOptions): MailSender & { close(): void } {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = createTransport(
    {
      url: options.url,
      pool: true,
      maxConnections: 1,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    },
    { from: options.from },
  );
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        // lets a mail server or a reader tie a message to its outbox row (and spot a retry)
        headers: { 'X-Informatif-Outbox-Id': String(mail.id), 'X-Informatif-Kind': mail.kind },
      });
    },
    close() {
      transport.close();
    },
  };
}

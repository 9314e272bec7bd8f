/** The outbox's API for the admins' page (issue 22): types from the server's schemas, imported type-only. */
import type { MailStatus, OutboxList, OutboxMailBody } from '../../../src/modules/outbox/outbox.schemas.ts';
import { request } from '../api.ts';

export type { MailStatus, OutboxList, OutboxMail, OutboxMailBody } from '../../../src/modules/outbox/outbox.schemas.ts';

export const MAIL_STATUS_OPTIONS: readonly MailStatus[] = ['queued', 'sent', 'failed'];

export const outboxApi = {
  /** The commission's mails, newest first, 200 a page; `before`: the previous page's `nextBefore`. */
  list: (cid: string, query: { status?: MailStatus | undefined; before?: number | undefined }, signal?: AbortSignal) =>
    request<OutboxList>(`/commissions/${encodeURIComponent(cid)}/outbox`, { query, signal }),
  /** The platform's own mails, of no commission (platform admins). */
  listPlatform: (query: { status?: MailStatus | undefined; before?: number | undefined }, signal?: AbortSignal) =>
    request<OutboxList>('/outbox', { query, signal }),
  /** One mail with its body. */
  mail: (id: number, signal?: AbortSignal) => request<OutboxMailBody>(`/outbox/${id}`, { signal }),
};

import { z } from '@hono/zod-openapi';
import { LIMIT } from '../../http/openapi.ts';

export const MAIL_STATUSES = ['queued', 'sent', 'failed'] as const;

export const OutboxMailSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    recipient: z.string().max(LIMIT.email),
    subject: z.string(),
    createdAt: z.string(),
    attempts: z.number().int(),
    sentAt: z.string().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    status: z.enum(MAIL_STATUSES),
  })
  .openapi('OutboxMail');

export const OutboxListSchema = z.object({
  mails: z.array(OutboxMailSchema),
  /** The id to pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.number().int().nullable(),
});

export const OutboxMailBodySchema = z.object({ mail: OutboxMailSchema.extend({ body: z.string() }) });

export const OutboxQuerySchema = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

export type OutboxMail = z.infer<typeof OutboxMailSchema>;
export type OutboxList = z.infer<typeof OutboxListSchema>;
export type OutboxMailBody = z.infer<typeof OutboxMailBodySchema>;
export type MailStatus = (typeof MAIL_STATUSES)[number];

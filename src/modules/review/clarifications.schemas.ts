import { z } from '@hono/zod-openapi';
import { CLARIFICATION_STATUSES, OBJECTION_STATUSES } from '../../domain/review.ts';
import { LIMIT } from '../../http/openapi.ts';
import { AnswerValueSchema, EvidenceInputSchema } from '../submissions/submissions.schemas.ts';

/**
 * The contracts of an item's threads (issue 22): clarifications (an evaluator's question, the body's replies with
 * evidence for that item) and objections (sanggah: the body contests one item's verification, staff decide).
 */

/** A thread message or an objection's reason: long enough for a paragraph of explanation, never a document. */
const TEXT = 4000;
const FILE_NAME = 255;

const PersonSchema = z.object({ id: z.string().max(LIMIT.id), name: z.string().max(LIMIT.name) });

/** Evidence as a message or an objection keeps it: a link, or an uploaded file with its name. */
export const ThreadEvidenceSchema = z.union([
  z.object({ url: z.string().max(LIMIT.url) }),
  z.object({ fileId: z.string().max(LIMIT.id), name: z.string().max(FILE_NAME) }),
]);

const message = z.string().trim().min(1).max(TEXT);
const reason = z.string().trim().min(3).max(TEXT);

export const ClarificationMessageSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    author: PersonSchema.nullable(),
    message: z.string().max(TEXT),
    evidence: z.array(ThreadEvidenceSchema).max(20),
    createdAt: z.string(),
  })
  .openapi('ClarificationMessage');

export const ClarificationSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    submissionId: z.string().max(LIMIT.id),
    questionCode: z.string().max(LIMIT.code),
    status: z.enum(CLARIFICATION_STATUSES),
    dueAt: z.string(),
    askedBy: PersonSchema.nullable(),
    createdAt: z.string(),
    // the question is the first message, then the replies, oldest first
    messages: z.array(ClarificationMessageSchema),
  })
  .openapi('Clarification');

/** A clarification in the caller's list (GET /clarifications): where it is, without its thread. */
export const ClarificationSummarySchema = z
  .object({
    id: z.string().max(LIMIT.id),
    submissionId: z.string().max(LIMIT.id),
    periodId: z.string().max(LIMIT.id),
    year: z.number().int(),
    bodyId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    questionCode: z.string().max(LIMIT.code),
    status: z.enum(CLARIFICATION_STATUSES),
    dueAt: z.string(),
    askedBy: PersonSchema.nullable(),
    createdAt: z.string(),
    /** The question (the thread's first message). */
    message: z.string().max(TEXT),
    replies: z.number().int(),
    lastMessageAt: z.string(),
  })
  .openapi('ClarificationSummary');

export const AskClarificationSchema = z
  .object({
    questionCode: z.string().min(1).max(LIMIT.code),
    message,
    dueAt: z.iso.datetime({ offset: true }),
  })
  .openapi('AskClarification');

export const ReplyClarificationSchema = z
  .object({ message, evidence: z.array(EvidenceInputSchema).max(20).optional() })
  .openapi('ReplyClarification');

export const UpdateClarificationSchema = z.object({ status: z.enum(['closed']) }).openapi('UpdateClarification');

export const ClarificationListQuerySchema = z.object({ status: z.enum(CLARIFICATION_STATUSES).optional() });

export const ObjectionSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    submissionId: z.string().max(LIMIT.id),
    bodyId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    questionCode: z.string().max(LIMIT.code),
    reason: z.string().max(TEXT),
    evidence: z.array(ThreadEvidenceSchema).max(20),
    filedBy: PersonSchema.nullable(),
    createdAt: z.string(),
    status: z.enum(OBJECTION_STATUSES),
    decidedBy: PersonSchema.nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().max(TEXT).nullable(),
    // the verified value that counted before the decision, and after it (the same when rejected)
    before: AnswerValueSchema.optional(),
    after: AnswerValueSchema.optional(),
  })
  .openapi('Objection');

export const FileObjectionSchema = z
  .object({
    questionCode: z.string().min(1).max(LIMIT.code),
    reason,
    evidence: z.array(EvidenceInputSchema).max(20).optional(),
  })
  .openapi('FileObjection');

export const DecideObjectionSchema = z
  .object({
    decision: z.enum(['accepted', 'rejected']),
    reason,
    // required when accepted: the new verified value, checked against the question
    value: AnswerValueSchema.optional(),
  })
  .openapi('DecideObjection');

export const ObjectionListQuerySchema = z.object({ status: z.enum(OBJECTION_STATUSES).optional() });

// The types the web client takes from these contracts (web/src/review/threads-api.ts imports them type-only).
export type ThreadEvidence = z.infer<typeof ThreadEvidenceSchema>;
export type ClarificationMessage = z.infer<typeof ClarificationMessageSchema>;
export type Clarification = z.infer<typeof ClarificationSchema>;
export type ClarificationSummary = z.infer<typeof ClarificationSummarySchema>;
export type AskClarificationInput = z.input<typeof AskClarificationSchema>;
export type ReplyClarificationInput = z.input<typeof ReplyClarificationSchema>;
export type Objection = z.infer<typeof ObjectionSchema>;
export type FileObjectionInput = z.input<typeof FileObjectionSchema>;
export type DecideObjectionInput = z.input<typeof DecideObjectionSchema>;

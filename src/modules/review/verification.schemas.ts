import { z } from '@hono/zod-openapi';
import { VERIFICATION_STATES } from '../../domain/review.ts';
import { LIMIT } from '../../http/openapi.ts';
import { AnswerValueSchema, ScoresSchema } from '../submissions/submissions.schemas.ts';

/** The verification's contracts (API.md "Verification and panel"): item-level verified values and completion. */

/** A verification reason: as long as the other reasons of the trail (reopen, extension). */
const REASON = 2000;

export const VerificationItemSchema = z.object({
  questionCode: z.string().min(1).max(LIMIT.code),
  // the verified value, of the question's own type (checked against the questionnaire by the service)
  value: AnswerValueSchema,
  // required (at least 3 characters) when the value differs from the body's answer; ignored (stored null) when equal
  reason: z.string().max(REASON).nullable().optional(),
});

export const SaveVerificationSchema = z
  .object({ items: z.array(VerificationItemSchema).min(1).max(200) })
  .openapi('SaveVerification');

export const VerificationStateSchema = z.enum(VERIFICATION_STATES);

export const VerificationResultSchema = z
  .object({
    verificationState: VerificationStateSchema,
    progress: z.object({ verified: z.number().int(), total: z.number().int() }),
    scores: ScoresSchema,
  })
  .openapi('VerificationResult');

export const VerificationCompletedSchema = z
  .object({ verificationState: VerificationStateSchema })
  .openapi('VerificationCompleted');

// The types the web client takes from these contracts (web/src/review/verification-api.ts imports them type-only).
export type VerificationItem = z.infer<typeof VerificationItemSchema>;
export type SaveVerification = z.infer<typeof SaveVerificationSchema>;
export type VerificationResult = z.infer<typeof VerificationResultSchema>;
export type VerificationCompleted = z.infer<typeof VerificationCompletedSchema>;

import { z } from '@hono/zod-openapi';
import { VERIFICATION_STATES } from '../../domain/review.ts';
import { LIMIT } from '../../http/openapi.ts';
import { httpUrl } from '../registry/registry.schemas.ts';

/** This module's own limits, for requests and answers alike (the shared ones are http/openapi.ts's LIMIT). */
const NOTE = 4000;
/** Content types are the sniffer's own few (lib/file-types.ts), never the client's. */
const CONTENT_TYPE = 200;
/** Stored file names are cut to 200 characters (evidence-files.service.ts); 255 leaves room for a later rule. */
const FILE_NAME = 255;

export const AnswerValueSchema = z.union([
  z.boolean(),
  z.string().min(1).max(40),
  z.array(z.string().min(1).max(40)).max(50),
  z.null(),
]);

export const EvidenceInputSchema = z.union([
  z.object({ url: httpUrl }).strict(),
  z.object({ fileId: z.string().min(1).max(LIMIT.id) }).strict(),
]);

/** One answer as a client sends it: the one declaration of this shape, for the route, the services and the web. */
export const AnswerInputItemSchema = z.object({
  questionCode: z.string().min(1).max(LIMIT.code),
  value: AnswerValueSchema,
  evidence: z.array(EvidenceInputSchema).max(20).optional(),
  note: z.string().max(NOTE).nullable().optional(),
});

export const SaveAnswersSchema = z
  .object({ answers: z.array(AnswerInputItemSchema).min(1).max(200) })
  .openapi('SaveAnswers');

const EvidenceViewSchema = z.union([
  z.object({
    url: z.string().max(LIMIT.url),
    linkStatus: z.number().int().nullable(),
    linkCheckedAt: z.string().nullable(),
  }),
  z.object({
    fileId: z.string().max(LIMIT.id),
    name: z.string().max(FILE_NAME),
    size: z.number().int(),
    contentType: z.string().max(CONTENT_TYPE),
  }),
]);

export const AnswerViewSchema = z
  .object({
    questionCode: z.string().max(LIMIT.code),
    value: AnswerValueSchema,
    note: z.string().max(NOTE).nullable(),
    // as many as a save may send
    evidence: z.array(EvidenceViewSchema).max(20),
    carried: z.boolean(),
    changedVersion: z.number().int(),
    updatedAt: z.string(),
    updatedBy: z.object({ id: z.string().max(LIMIT.id), name: z.string().max(LIMIT.name) }).nullable(),
  })
  .openapi('Answer');

const IndicatorScoreSchema = z.object({
  code: z.string(),
  title: z.string(),
  weight: z.number(),
  earned: z.number(),
  possible: z.number(),
  score: z.number(),
});

export const ScoresSchema = z
  .object({ self: z.number(), indicators: z.array(IndicatorScoreSchema), verified: z.number().optional() })
  .openapi('SubmissionScores');

export const SubmissionSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    periodId: z.string().max(LIMIT.id),
    year: z.number().int(),
    bodyId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    categoryCode: z.string().max(LIMIT.code),
    status: z.enum(['draft', 'submitted', 'locked']),
    version: z.number().int(),
    submittedAt: z.string().nullable(),
    deadline: z.string().nullable(),
    editable: z.boolean(),
    carryForward: z.object({ available: z.boolean(), fromYear: z.number().int().nullable() }),
    reopened: z
      .object({
        kind: z.enum(['reopened', 'extended']),
        reason: z.string().max(2000),
        at: z.string(),
        until: z.string().nullable(),
      })
      .nullable(),
    answers: z.array(AnswerViewSchema),
    scores: ScoresSchema,
    verification: z
      .array(
        z.object({
          questionCode: z.string().max(LIMIT.code),
          value: AnswerValueSchema,
          reason: z.string().nullable(),
          // when the evaluator set it (null only for a value recorded before verification had its own time)
          verifiedAt: z.string().nullable(),
          // who set it: shown to commission staff only
          verifiedBy: z
            .object({ id: z.string().max(LIMIT.id), name: z.string().max(LIMIT.name) })
            .nullable()
            .optional(),
        }),
      )
      .optional(),
    // the verification's own state beside the status (commission staff only)
    verificationState: z.enum(VERIFICATION_STATES).optional(),
    progress: z.object({
      answered: z.number().int(),
      total: z.number().int(),
      missing: z.array(z.string().max(LIMIT.code)),
    }),
  })
  .openapi('Submission');

export const SubmissionRowSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    bodyId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    categoryCode: z.string().max(LIMIT.code),
    status: z.string().max(LIMIT.code),
    verificationState: z.enum(VERIFICATION_STATES),
    version: z.number().int(),
    answered: z.number().int(),
    submittedAt: z.string().nullable(),
    deadline: z.string().nullable(),
    updatedAt: z.string(),
    // the questions of the category's questionnaire (progress is answered of these)
    questions: z.number().int(),
    ppidEmail: z.string().max(LIMIT.email).nullable(),
    // the admin's latest reopening or extension, with its reason, while the body may edit because of it
    reopening: z
      .object({
        event: z.enum(['reopened', 'extended']),
        reason: z.string(),
        at: z.string(),
        until: z.string().nullable(),
      })
      .nullable(),
  })
  .openapi('SubmissionRow');

export const HistoryEntrySchema = z
  .object({
    at: z.string(),
    actor: z.object({ id: z.string().max(LIMIT.id), name: z.string().max(LIMIT.name) }).nullable(),
    event: z.string(),
    questionCode: z.string().max(LIMIT.code).optional(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().optional(),
  })
  .openapi('HistoryEntry');

export const SaveAnswersResultSchema = z.object({ version: z.number().int(), scores: ScoresSchema });

export const SubmissionListSchema = z.object({
  submissions: z.array(SubmissionRowSchema),
  // how many submissions match the filters (the page holds `limit` of them)
  total: z.number().int(),
  // bodies expected to fill (their category has a questionnaire) that have not opened the SAQ, with their PPID contact
  notStarted: z.array(
    z.object({
      bodyId: z.string().max(LIMIT.id),
      bodyName: z.string().max(LIMIT.bodyName),
      categoryCode: z.string().max(LIMIT.code),
      ppidEmail: z.string().max(LIMIT.email).nullable(),
      operators: z.array(z.object({ name: z.string().max(LIMIT.name), email: z.string().max(LIMIT.email) })),
    }),
  ),
});

/** The list's filters, shared by the JSON list and its CSV export (which ignores the page). */
export const SubmissionListFilterSchema = z.object({
  category: z.string().max(LIMIT.code).optional(),
  q: z.string().max(LIMIT.bodyName).optional(),
  status: z.enum(['draft', 'submitted', 'locked', 'not_started']).optional(),
  sort: z.enum(['name', 'status', 'progress', 'updated', 'submitted']).optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export const SubmissionListQuerySchema = SubmissionListFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const CarryForwardResultSchema = z.object({
  carried: z.number().int(),
  fromYear: z.number().int(),
  submission: SubmissionSchema,
});

export const ConfirmCarriedSchema = z
  .object({ questionCodes: z.array(z.string().min(1).max(LIMIT.code)).min(1).max(200) })
  .openapi('ConfirmCarried');

export const ConfirmCarriedResultSchema = z.object({
  confirmed: z.array(z.string().max(LIMIT.code)),
  submission: SubmissionSchema,
});

export const SubmitSchema = z
  .object({
    // the body confirms, as part of the submit, every carried answer it has not confirmed one by one
    confirmCarried: z.boolean().optional(),
  })
  .openapi('SubmitRequest');

export const ReceiptSchema = z
  .object({
    submissionId: z.string().max(LIMIT.id),
    periodId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    commissionName: z.string().max(LIMIT.name),
    periodTitle: z.string().max(200),
    year: z.number().int(),
    submittedAt: z.string(),
    answered: z.number().int(),
    total: z.number().int(),
    evidence: z.number().int(),
    algorithm: z.literal('SHA-256'),
    fingerprint: z.string().length(64),
    // the same, in groups of four for reading
    fingerprintLines: z.array(z.string().max(80)).max(4),
  })
  .openapi('Receipt');

export const FileInfoSchema = z
  .object({
    fileId: z.string().max(LIMIT.id),
    name: z.string().max(FILE_NAME),
    size: z.number().int(),
    contentType: z.string().max(CONTENT_TYPE),
    sha256: z.string().length(64),
  })
  .openapi('FileInfo');

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
export type EvidenceInput = z.infer<typeof EvidenceInputSchema>;
export type AnswerInputItem = z.infer<typeof AnswerInputItemSchema>;
export type EvidenceView = z.infer<typeof EvidenceViewSchema>;
export type AnswerView = z.infer<typeof AnswerViewSchema>;
export type IndicatorScore = z.infer<typeof IndicatorScoreSchema>;
export type Scores = z.infer<typeof ScoresSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;
export type SubmissionStatus = Submission['status'];
export type SubmissionRow = z.infer<typeof SubmissionRowSchema>;
export type SubmissionList = z.infer<typeof SubmissionListSchema>;
export type SubmissionListQuery = z.infer<typeof SubmissionListQuerySchema>;
export type SaveAnswersResult = z.infer<typeof SaveAnswersResultSchema>;
export type CarryForwardResult = z.infer<typeof CarryForwardResultSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export type FileInfo = z.infer<typeof FileInfoSchema>;
export type ConfirmCarriedResult = z.infer<typeof ConfirmCarriedResultSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;

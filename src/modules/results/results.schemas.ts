import { z } from '@hono/zod-openapi';
import { MethodologySchema } from '../periods/periods.schemas.ts';

const OutcomeSchema = z.object({ final: z.number(), band: z.string(), rank: z.number().int() });

export const WhatIfRequestSchema = z.object({ methodology: MethodologySchema });

export const WhatIfRowSchema = z.object({
  bodyId: z.string(),
  bodyName: z.string(),
  categoryCode: z.string(),
  current: OutcomeSchema,
  proposed: OutcomeSchema,
});

export const WhatIfResultSchema = z.object({ rows: z.array(WhatIfRowSchema) });

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type Outcome = z.infer<typeof OutcomeSchema>;
export type WhatIfInput = z.input<typeof WhatIfRequestSchema>;
export type WhatIfRow = z.infer<typeof WhatIfRowSchema>;
export type WhatIfResult = z.infer<typeof WhatIfResultSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Results, publication, versions, diffs, corrections, certificates (issue 23; API.md "Results")

/** A calendar date that exists, YYYY-MM-DD. */
const decreeDate = z.iso.date({ message: 'Use YYYY-MM-DD, a date that exists' }).max(10);

export const ResultRowSchema = z
  .object({
    rank: z.number().int(),
    bodyId: z.string(),
    bodyName: z.string(),
    categoryCode: z.string(),
    /** Each methodology component's score, rounded at `decimals`; null: no panel score (or withheld by the gate). */
    components: z.record(z.string(), z.number().nullable()),
    final: z.number(),
    band: z.string(),
    /** A generated figure (the demo's earlier years without a decree's figure), to be shown as an example. */
    example: z.boolean().optional(),
  })
  .openapi('ResultRow');

export const ResultsQuerySchema = z.object({
  category: z.string().max(40).optional(),
  /** A published version (1, 2, ...); without it: the latest published one, or the preview before publication. */
  version: z.coerce.number().int().min(1).max(100_000).optional(),
});

const ComponentInfoSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number(),
  source: z.enum(['questionnaire', 'panel']),
});
const BandInfoSchema = z.object({ label: z.string(), min: z.number(), certificate: z.boolean() });

export const ResultsSchema = z
  .object({
    /** False: a preview computed now from the period's data (results stage, admin and leadership only). */
    published: z.boolean(),
    /** The published version shown; null for a preview. */
    version: z.number().int().nullable(),
    /** The latest published version (null before the first publication). */
    latestVersion: z.number().int().nullable(),
    decreeNumber: z.string().nullable(),
    decreeDate: z.string().nullable(),
    publishedAt: z.string().nullable(),
    /** Corrections made since the latest publication (they reach published results only through the next one). */
    pendingCorrections: z.number().int(),
    decimals: z.number().int(),
    components: z.array(ComponentInfoSchema),
    bands: z.array(BandInfoSchema),
    categories: z.array(z.object({ code: z.string(), name: z.string() })),
    rows: z.array(ResultRowSchema),
  })
  .openapi('Results');

export const PublishRequestSchema = z.object({
  decreeNumber: z.string().trim().min(1).max(100),
  decreeDate,
});
export const PublishResultSchema = z.object({
  version: z.number().int(),
  /** Bodies whose final, band or rank differ from the previous version (0 for version 1). */
  changed: z.number().int(),
});

export const ResultVersionSchema = z
  .object({
    version: z.number().int(),
    decreeNumber: z.string(),
    decreeDate: z.string(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    changed: z.number().int(),
    source: z.enum(['computed', 'imported']),
    example: z.boolean(),
  })
  .openapi('ResultVersion');
/** API.md: a bare array. */
export const ResultVersionsSchema = z.array(ResultVersionSchema);

const OutcomeOrNullSchema = OutcomeSchema.nullable();
export const DiffReasonSchema = z.object({
  kind: z.enum(['verified_value', 'panel_score']),
  questionCode: z.string().nullable(),
  component: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string(),
  at: z.string(),
  actor: z.string().nullable(),
});
export const DiffSchema = z
  .object({
    version: z.number().int(),
    previousVersion: z.number().int(),
    decreeNumber: z.string(),
    rows: z.array(
      z.object({
        bodyId: z.string(),
        bodyName: z.string(),
        categoryCode: z.string(),
        before: OutcomeOrNullSchema,
        after: OutcomeOrNullSchema,
        reasons: z.array(DiffReasonSchema),
      }),
    ),
  })
  .openapi('ResultDiff');

export const CorrectionRequestSchema = z.union([
  z.object({
    questionCode: z.string().min(1).max(40),
    /** As an answer's value: boolean, option code, array of item codes; null: unanswered (0). */
    value: z.union([z.boolean(), z.string().max(40), z.array(z.string().max(40)).max(200), z.null()]),
    reason: z.string().trim().min(1).max(2000),
  }),
  z.object({
    component: z.string().min(1).max(40),
    score: z.number().min(0).max(100),
    reason: z.string().trim().min(1).max(2000),
  }),
]);

export const CorrectionSchema = z
  .object({
    id: z.string(),
    submissionId: z.string(),
    bodyId: z.string(),
    bodyName: z.string(),
    kind: z.enum(['verified_value', 'panel_score']),
    questionCode: z.string().nullable(),
    component: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string(),
    at: z.string(),
    actor: z.string().nullable(),
    /** The first published version that carries it; null until the next publication. */
    publishedIn: z.number().int().nullable(),
  })
  .openapi('Correction');
export const CorrectionResultSchema = z.object({ correction: CorrectionSchema });
export const CorrectionsListSchema = z.object({ corrections: z.array(CorrectionSchema) });

export const CertificateSummarySchema = z
  .object({
    code: z.string(),
    bodyId: z.string(),
    bodyName: z.string(),
    band: z.string(),
    final: z.number(),
    version: z.number().int(),
    issuedAt: z.string(),
    revoked: z.boolean(),
    replacedBy: z.string().nullable(),
    /** The body's submission in the period (its certificate PDF's address); null for a body without one. */
    submissionId: z.string().nullable(),
  })
  .openapi('CertificateSummary');
export const CertificatesListSchema = z.object({ certificates: z.array(CertificateSummarySchema) });

export type ResultRowView = z.infer<typeof ResultRowSchema>;
export type ResultsView = z.infer<typeof ResultsSchema>;
export type ResultsQuery = z.infer<typeof ResultsQuerySchema>;
export type PublishInput = z.infer<typeof PublishRequestSchema>;
export type PublishResult = z.infer<typeof PublishResultSchema>;
export type ResultVersion = z.infer<typeof ResultVersionSchema>;
export type ResultDiff = z.infer<typeof DiffSchema>;
export type DiffReason = z.infer<typeof DiffReasonSchema>;
export type CorrectionInput = z.infer<typeof CorrectionRequestSchema>;
export type Correction = z.infer<typeof CorrectionSchema>;
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

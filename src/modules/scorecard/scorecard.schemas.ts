import { z } from '@hono/zod-openapi';

// The scorecard of one body in one period (issue 23, API.md `GET /submissions/:sid/scorecard`). Every number is as
// shown: rounded half-up at the methodology's decimals, each on its own from the exact value.

const ScorecardComponentSchema = z.object({
  key: z.string(),
  label: z.string(),
  weight: z.number(),
  source: z.enum(['questionnaire', 'panel']),
  /** null: no panel score (or withheld by the gate). */
  score: z.number().nullable(),
});

const ScorecardResultSchema = z.object({
  /** False: a preview computed now from the period's data (staff only, from the results stage on). */
  published: z.boolean(),
  /** The published version read (the latest); null for a preview. */
  version: z.number().int().nullable(),
  decreeNumber: z.string().nullable(),
  decreeDate: z.string().nullable(),
  /** A generated figure (an imported example year). */
  example: z.boolean(),
  components: z.array(ScorecardComponentSchema),
  final: z.number(),
  band: z.string(),
  /** The band's position in the methodology's bands (0 = the highest). */
  bandIndex: z.number().int(),
  /** The methodology's bands, highest first. */
  bands: z.array(z.string()),
  rank: z.number().int(),
  /** Bodies ranked in the category. */
  of: z.number().int(),
});

const ScorecardIndicatorSchema = z.object({
  code: z.string(),
  title: z.string(),
  weight: z.number(),
  self: z.number(),
  /** null until verification is released to the reader. */
  verified: z.number().nullable(),
});

const PreviousSchema = z.object({
  periodId: z.string(),
  year: z.number().int(),
  version: z.number().int(),
  final: z.number(),
  band: z.string(),
  bandIndex: z.number().int(),
  rank: z.number().int(),
  of: z.number().int(),
  example: z.boolean(),
});

const ChangeSchema = z.object({
  /** This year's final minus last year's. */
  final: z.number(),
  /** Last year's rank minus this year's: positive is a move up. */
  rank: z.number().int(),
  band: z.enum(['up', 'down', 'same']),
});

const RecommendationSchema = z.object({
  questionCode: z.string(),
  questionText: z.string(),
  indicator: z.string(),
  status: z.enum(['unanswered', 'partial', 'corrected']),
  /** Points the final would gain with this question verified at full (the gate counted; can be negative). */
  gain: z.number(),
  /** Points the questionnaire score would gain. */
  saqGain: z.number(),
});

export const ScorecardSchema = z
  .object({
    period: z.object({ id: z.string(), year: z.number().int(), title: z.string(), stage: z.string() }),
    body: z.object({ id: z.string(), name: z.string(), categoryCode: z.string(), categoryName: z.string() }),
    submission: z.object({ id: z.string(), status: z.string() }),
    decimals: z.number().int(),
    /** Whether the verified figures are shown (staff always; the body from the objection stage on). */
    verifiedVisible: z.boolean(),
    saq: z.object({ self: z.number(), verified: z.number().nullable() }),
    indicators: z.array(ScorecardIndicatorSchema),
    /** Components, final, band and rank: published (latest version), or the preview for staff; null: none to show. */
    result: ScorecardResultSchema.nullable(),
    /** The body's result in the latest published version of the commission's most recent earlier year. */
    previous: PreviousSchema.nullable(),
    /** Against `previous`; null when either is missing. */
    change: ChangeSchema.nullable(),
    /** What the recommendations are computed from: the verified values, or the answers before release. */
    recommendationsBasis: z.enum(['verified', 'self']),
    /** The items that would raise the final most: at most 10, by gain, then code. */
    recommendations: z.array(RecommendationSchema),
    /** How many items are below full in all. */
    recommendationsTotal: z.number().int(),
    /** The next band above the shown final; null at the top band, or when no final is shown. */
    nextBand: z.object({ label: z.string(), min: z.number(), pointsNeeded: z.number() }).nullable(),
    /**
     * The body's certificate in force for the period (issue 24): its code and the public address that checks it;
     * null before publication, or when the published band earns none.
     */
    certificate: z.object({ code: z.string(), verifyUrl: z.string() }).nullable(),
  })
  .openapi('Scorecard');

export type Scorecard = z.infer<typeof ScorecardSchema>;
export type ScorecardRecommendation = z.infer<typeof RecommendationSchema>;
export type ScorecardResult = z.infer<typeof ScorecardResultSchema>;

import { z } from '@hono/zod-openapi';
import { LIMIT } from '../../http/openapi.ts';

/** The leadership dashboard (issue 23, item 6): one answer with every chart's figures for one period. */

const count = z.number().int().nonnegative();

export const DashboardQuerySchema = z.object({
  /** The period shown; default: the latest at the results or published stage, else the latest. */
  periodId: z.string().min(1).max(LIMIT.id).optional(),
  /** A category code: the trend, the band distribution, the indicators and the movers keep to it. */
  category: z.string().min(1).max(LIMIT.code).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const PeriodOptionSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  title: z.string(),
  stage: z.string(),
});

const BandDistributionSchema = z.object({
  /** False: a preview computed now (the period is not published yet). */
  published: z.boolean(),
  version: z.number().int().nullable(),
  /** Bodies per band, in the order of `bands`. */
  categories: z.array(z.object({ code: z.string(), name: z.string(), total: count, counts: z.array(count) })),
});

const TrendPointSchema = z.object({
  periodId: z.string(),
  year: z.number().int(),
  title: z.string(),
  /** False: the chosen period's preview, not a published decree. */
  published: z.boolean(),
  version: z.number().int().nullable(),
  /** Generated figures (the demo's earlier years), to be shown as examples. */
  example: z.boolean(),
  bodies: count,
  /** The mean of the published (rounded) finals, rounded at the period's decimals; null without bodies. */
  averageFinal: z.number().nullable(),
  /** The share (0-1) of bodies in the first band (Informatif); null without bodies. */
  topBandShare: z.number().nullable(),
});

const IndicatorAverageSchema = z.object({
  code: z.string(),
  title: z.string(),
  /** The commission-wide mean of the verified indicator score (0-100) over submitted submissions. */
  commission: z.number().nullable(),
  byCategory: z.array(z.object({ categoryCode: z.string(), average: z.number().nullable() })),
});

const MoverSchema = z.object({
  bodyId: z.string(),
  bodyName: z.string(),
  categoryCode: z.string(),
  before: z.number(),
  after: z.number(),
  change: z.number(),
});

const MoversSchema = z.object({
  /** The previous year's period whose latest published version the finals are compared with. */
  against: z.object({ periodId: z.string(), year: z.number().int(), title: z.string(), version: z.number().int() }),
  /** At most 10 each way, the largest change first. */
  up: z.array(MoverSchema),
  down: z.array(MoverSchema),
  /** Bodies left out because they never submitted this period's SAQ (their 0 is no change in performance). */
  notSubmitted: count,
});

const ParticipationSchema = z.object({
  /** Bodies in a category that has a questionnaire in the period. */
  registered: count,
  /** Submitted at least once. */
  submitted: count,
  /** Verification complete. */
  verified: count,
  /** Went on to the presentation (passed the gate) or hold panel scores. */
  presented: count,
  /** Rows of the latest published version; null before publication. */
  published: count.nullable(),
});

const EvaluatorProgressSchema = z.object({
  evaluatorId: z.string(),
  name: z.string().max(LIMIT.name),
  assigned: count,
  complete: count,
  inProgress: count,
  notStarted: count,
  verifiedQuestions: count,
  totalQuestions: count,
});

export const DashboardSchema = z
  .object({
    periods: z.array(PeriodOptionSchema),
    /** The period shown (null: the commission has none). */
    period: PeriodOptionSchema.nullable(),
    categories: z.array(z.object({ code: z.string(), name: z.string() })),
    category: z.string().nullable(),
    /** The chosen period's methodology: band labels (highest first) and decimals. */
    bands: z.array(z.string()),
    decimals: z.number().int(),
    /** Null before the results stage. */
    bandDistribution: BandDistributionSchema.nullable(),
    trend: z.array(TrendPointSchema),
    indicators: z.array(IndicatorAverageSchema),
    /** Null before the results stage, or without a previous year's published result. */
    movers: MoversSchema.nullable(),
    participation: ParticipationSchema.nullable(),
    evaluators: z.array(EvaluatorProgressSchema),
  })
  .openapi('Dashboard');
export type Dashboard = z.infer<typeof DashboardSchema>;

import { z } from '@hono/zod-openapi';
import { STAGES } from '../../domain/stages.ts';
import { LIMIT } from '../../http/openapi.ts';

/** The presentation panel's contracts: its jurors, their scores, and the admin's divergence and calibration review. */

const MAX_JURORS = 100;

export const PanelMemberSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    name: z.string().max(LIMIT.name),
    email: z.string().max(LIMIT.email),
  })
  .openapi('PanelMember');

export const PanelComponentSchema = z
  .object({ key: z.string().max(LIMIT.code), label: z.string().max(100) })
  .openapi('PanelComponent');

export const SetPanelSchema = z
  .object({ evaluatorIds: z.array(z.string().min(1).max(LIMIT.id)).max(MAX_JURORS) })
  .openapi('SetPanel');

export const PanelMembersSchema = z.object({ members: z.array(PanelMemberSchema) }).openapi('PanelMembers');

export const PanelSchema = z
  .object({
    members: z.array(PanelMemberSchema),
    /** The methodology's components scored by the panel. */
    components: z.array(PanelComponentSchema),
    /** The spread of one body's juror scores above which the admin is warned (settings.panel.divergence). */
    divergence: z.number(),
  })
  .openapi('Panel');

/** A score from 0 to 100 with at most two decimals (as jurors write them on their forms). */
export const JurorScoreValue = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Number(v.toFixed(2)) === v, { message: 'Use at most two decimals' });

export const SetPanelScoreSchema = z
  .object({
    score: JurorScoreValue,
    /** The methodology component's key; required only when the period has more than one panel component. */
    component: z.string().min(1).max(LIMIT.code).optional(),
  })
  .openapi('SetPanelScore');

export const JurorScoreSchema = z
  .object({
    jurorId: z.string().max(LIMIT.id),
    jurorName: z.string().max(LIMIT.name),
    component: z.string().max(LIMIT.code),
    score: z.number(),
  })
  .openapi('JurorScore');

export const SavedPanelScoreSchema = z
  .object({
    submissionId: z.string().max(LIMIT.id),
    component: z.string().max(LIMIT.code),
    score: z.number(),
    /** The juror's earlier score for this body and component (null: the first one). */
    before: z.number().nullable(),
  })
  .openapi('SavedPanelScore');

/** A panel component's mean per key, rounded at the methodology's decimals (null: no juror has scored it). */
const MeansSchema = z.record(z.string(), z.number().nullable());

export const PanelScoresSchema = z
  .object({
    scores: z.array(JurorScoreSchema),
    /** Absent for a juror before the results stage: the mean would reveal the other jurors' scores. */
    means: MeansSchema.optional(),
  })
  .openapi('PanelScores');

const IndicatorSummarySchema = z.object({
  code: z.string().max(LIMIT.code),
  title: z.string().max(300),
  weight: z.number(),
  score: z.number(),
});

const BodyBaseSchema = z.object({
  submissionId: z.string().max(LIMIT.id),
  bodyId: z.string().max(LIMIT.id),
  bodyName: z.string().max(LIMIT.bodyName),
  categoryCode: z.string().max(LIMIT.code),
  /** The verified SAQ, rounded at the methodology's decimals. */
  saq: z.number(),
});

export const PanelBodySchema = BodyBaseSchema.extend({
  indicators: z.array(IndicatorSummarySchema),
  /** The caller's own scores per panel component (null: not scored yet). */
  mine: z.record(z.string(), z.number().nullable()),
  /** Every juror's scores and the means: for a juror only from the results stage on (absent before). */
  scores: z.array(JurorScoreSchema).optional(),
  means: MeansSchema.optional(),
}).openapi('PanelBody');

export const PanelBodiesSchema = z
  .object({
    period: z.object({
      id: z.string().max(LIMIT.id),
      title: z.string().max(200),
      year: z.number().int(),
      stage: z.enum(STAGES),
      decimals: z.number().int(),
    }),
    components: z.array(PanelComponentSchema),
    /** Whether the caller is one of the period's jurors (only they score). */
    juror: z.boolean(),
    /** Whether other jurors' scores are shown (admins and leadership always; jurors from the results stage on). */
    othersVisible: z.boolean(),
    gate: z.object({ component: z.string().max(LIMIT.code), label: z.string().max(100), min: z.number() }).nullable(),
    bodies: z.array(PanelBodySchema),
    /** Bodies marked at the presentation stage as below the gate: listed, never scored. */
    notProceeding: z.array(BodyBaseSchema),
  })
  .openapi('PanelBodies');

export const DivergentSchema = z
  .object({
    submissionId: z.string().max(LIMIT.id),
    bodyName: z.string().max(LIMIT.bodyName),
    component: z.string().max(LIMIT.code),
    scores: z.array(
      z.object({ jurorId: z.string().max(LIMIT.id), name: z.string().max(LIMIT.name), score: z.number() }),
    ),
    /** The highest juror score minus the lowest. */
    spread: z.number(),
    mean: z.number(),
  })
  .openapi('PanelDivergence');

export const CalibrationSchema = z
  .object({
    jurorId: z.string().max(LIMIT.id),
    name: z.string().max(LIMIT.name),
    /** How many scores the juror gave (one per body and panel component). */
    count: z.number().int(),
    /** The juror's own mean (null when the juror gave no score). */
    mean: z.number().nullable(),
    /** The mean of the panel's means over the same bodies and components. */
    panelMean: z.number().nullable(),
    /** mean - panelMean: positive for a lenient juror, negative for a strict one. */
    difference: z.number().nullable(),
  })
  .openapi('PanelCalibration');

export const PanelReviewSchema = z
  .object({
    threshold: z.number(),
    divergent: z.array(DivergentSchema),
    calibration: z.array(CalibrationSchema),
  })
  .openapi('PanelReview');

export const MyPanelsSchema = z
  .object({
    panels: z.array(
      z.object({
        periodId: z.string().max(LIMIT.id),
        commissionId: z.string().max(LIMIT.id),
        title: z.string().max(200),
        year: z.number().int(),
        stage: z.enum(STAGES),
      }),
    ),
  })
  .openapi('MyPanels');

// The types the web client takes from these contracts (web/src/review/panel-api.ts imports them type-only).
export type PanelMember = z.infer<typeof PanelMemberSchema>;
export type Panel = z.infer<typeof PanelSchema>;
export type SetPanelInput = z.input<typeof SetPanelSchema>;
export type SetPanelScoreInput = z.input<typeof SetPanelScoreSchema>;
export type SavedPanelScore = z.infer<typeof SavedPanelScoreSchema>;
export type JurorScore = z.infer<typeof JurorScoreSchema>;
export type PanelScores = z.infer<typeof PanelScoresSchema>;
export type PanelBody = z.infer<typeof PanelBodySchema>;
export type PanelBodies = z.infer<typeof PanelBodiesSchema>;
export type PanelReview = z.infer<typeof PanelReviewSchema>;
export type Divergent = z.infer<typeof DivergentSchema>;
export type Calibration = z.infer<typeof CalibrationSchema>;
export type MyPanels = z.infer<typeof MyPanelsSchema>;

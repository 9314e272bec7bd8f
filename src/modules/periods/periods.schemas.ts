import { z } from '@hono/zod-openapi';
import { MOVABLE_STAGES, type MoveEffect, STAGES } from '../../domain/stages.ts';
import { LIMIT } from '../../http/openapi.ts';

/** This module's own limits, for requests and answers alike (the shared ones are http/openapi.ts's LIMIT). */
const TITLE = 200;
const SOURCE = 100;
const STAGE_REASON = 1000;

const key = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');

export const MethodologySchema = z
  .object({
    components: z
      .array(
        z.object({
          key,
          label: z.string().trim().min(1).max(100),
          weight: z.number().finite(),
          source: z.enum(['questionnaire', 'panel']),
        }),
      )
      .max(10),
    gate: z
      .object({ component: key, min: z.number().finite(), below: z.enum(['weighted', 'questionnaire_only']) })
      .optional(),
    bands: z
      .array(
        z.object({
          label: z.string().trim().min(1).max(100),
          min: z.number().finite(),
          certificate: z.boolean().optional(),
        }),
      )
      .max(10),
    decimals: z.number().int(),
  })
  .openapi('Methodology');

// a calendar date that exists (2024-02-30 is refused: a deadline built from it would be no time at all)
const isoDate = z.iso.date({ message: 'Use YYYY-MM-DD, a date that exists' }).max(10);
export const ScheduleSchema = z
  .object(Object.fromEntries(MOVABLE_STAGES.map((s) => [s, z.object({ start: isoDate, end: isoDate }).optional()])))
  .strict()
  .openapi('Schedule');

export const SettingsSchema = z
  .object({
    signatory: z
      .object({ name: z.string().trim().min(1).max(200), title: z.string().trim().min(1).max(200) })
      .optional(),
    // the presentation panel: the spread of one body's juror scores above which the admin is warned
    // (default DEFAULT_PANEL_DIVERGENCE in src/domain/review.ts)
    panel: z.object({ divergence: z.number().min(0).max(100).optional() }).optional(),
  })
  .openapi('PeriodSettings');

export const PeriodSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    commissionId: z.string().max(LIMIT.id),
    year: z.number().int(),
    title: z.string().max(TITLE),
    stage: z.enum(STAGES),
    methodology: MethodologySchema,
    schedule: ScheduleSchema,
    settings: SettingsSchema,
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    questionnaires: z.array(
      z.object({
        categoryCode: z.string().max(LIMIT.code),
        categoryName: z.string().max(LIMIT.name),
        questions: z.number().int(),
      }),
    ),
  })
  .openapi('Period');

export const CreatePeriodSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: z.string().trim().min(3).max(TITLE),
    methodology: MethodologySchema,
    schedule: ScheduleSchema.optional(),
    settings: SettingsSchema.optional(),
  })
  .openapi('CreatePeriod');

export const UpdatePeriodSchema = z
  .object({
    title: z.string().trim().min(3).max(TITLE),
    methodology: MethodologySchema,
    schedule: ScheduleSchema,
    settings: SettingsSchema,
  })
  .partial()
  .openapi('UpdatePeriod');

export const StageMoveSchema = z
  .object({
    to: z.enum(MOVABLE_STAGES),
    reason: z.string().trim().max(STAGE_REASON).optional(),
    /** The typed confirmation of a move that is early or ends extensions: the period's year (see the preview). */
    confirm: z.string().trim().max(20).optional(),
  })
  .openapi('StageMove');

const count = z.number().int();
const BodyProgressSchema = z.object({
  bodies: count,
  notStarted: count,
  inProgress: count,
  submitted: count,
  locked: count,
});

/** The figures a move's confirmation showed, stored with its stage event. */
export const StageMoveFiguresSchema = BodyProgressSchema.extend({
  extensionsEnded: count,
  scheduledDate: z.string().max(10).nullable(),
  early: z.boolean(),
}).openapi('StageMoveFigures');

const MOVE_EFFECTS = [
  'saq_opens',
  'questionnaires_freeze',
  'drafts_locked',
  'extensions_continue',
  'extensions_end',
  'verification_released',
  'objections_must_be_decided',
  'gate_marked',
  'results_computed',
] as const satisfies readonly MoveEffect[];

export const StagePreviewQuery = z.object({
  to: z.enum(MOVABLE_STAGES).openapi({ param: { name: 'to', in: 'query' } }),
});

export const StagePreviewSchema = z
  .object({
    from: z.enum(STAGES),
    to: z.enum(MOVABLE_STAGES),
    /** Today in Asia/Jakarta, and the first day on which the move is on schedule (null: the schedule says nothing). */
    today: z.string().max(10),
    scheduledDate: z.string().max(10).nullable(),
    early: z.boolean(),
    totals: BodyProgressSchema,
    categories: z.array(
      BodyProgressSchema.extend({
        categoryCode: z.string().max(LIMIT.code),
        categoryName: z.string().max(LIMIT.name),
        hasQuestionnaire: z.boolean(),
      }),
    ),
    /** Extensions running now; `ends`: this move ends it (the draft is locked). */
    extensions: z.array(
      z.object({
        submissionId: z.string().max(LIMIT.id),
        bodyName: z.string().max(LIMIT.name),
        categoryCode: z.string().max(LIMIT.code),
        until: z.string(),
        reason: z.string().max(STAGE_REASON).nullable(),
        ends: z.boolean(),
      }),
    ),
    effects: z.array(z.enum(MOVE_EFFECTS)),
    /** Drafts this move locks (never submitted: scored as not submitted; reopened: as submitted with their answers). */
    draftsLocked: count,
    /** What refuses the move now: categories with bodies but no questionnaire (SAQ), objections not decided. */
    missingQuestionnaires: z.array(z.string().max(LIMIT.code)),
    pendingObjections: count,
    needsReason: z.boolean(),
    needsConfirmation: z.boolean(),
    confirmWord: z.string().max(20),
  })
  .openapi('StagePreview');

const code = z.string().trim().min(1).max(LIMIT.code);
export const QuestionnaireSchema = z
  .object({
    indicators: z
      .array(
        z.object({
          code,
          title: z.string().trim().min(1).max(300),
          weight: z.number().finite(),
          questions: z
            .array(
              z.object({
                code,
                text: z.string().trim().min(1).max(2000),
                guidance: z.string().trim().max(4000).optional(),
                type: z.enum(['boolean', 'choice', 'checklist']),
                weight: z.number().finite(),
                evidence: z.enum(['none', 'optional', 'required']),
                options: z
                  .array(z.object({ code, label: z.string().trim().min(1).max(500), score: z.number().finite() }))
                  .max(20)
                  .optional(),
                items: z
                  .array(z.object({ code, label: z.string().trim().min(1).max(500), points: z.number().finite() }))
                  .max(50)
                  .optional(),
              }),
            )
            .max(500),
        }),
      )
      .max(50),
  })
  .openapi('Questionnaire');

export const PutQuestionnaireSchema = QuestionnaireSchema.extend({
  /** Where the questionnaire came from, kept beside it (e.g. `preset:ki-pusat-2025`, a file name). */
  source: z.string().trim().min(1).max(SOURCE).optional(),
}).openapi('PutQuestionnaire');

export const QuestionnaireViewSchema = QuestionnaireSchema.extend({
  categoryCode: z.string().max(LIMIT.code),
  categoryName: z.string().max(LIMIT.name),
  source: z.string().max(SOURCE).nullable(),
  updatedAt: z.string(),
  /** Moves on with every change; PATCH of a question takes it as If-Match. */
  version: z.number().int(),
}).openapi('QuestionnaireView');

export const CopyQuestionnaireSchema = z
  .object({ fromPeriodId: z.string().min(1).max(LIMIT.id) })
  .openapi('CopyQuestionnaire');

export const CopyAllQuestionnairesSchema = z
  .object({
    /** Copy every category's questionnaire from this period of the commission... */
    fromPeriodId: z.string().min(1).max(LIMIT.id).optional(),
    /** ...or apply this questionnaire edition (GET /presets) to every category. */
    presetKey: z.string().min(1).max(100).optional(),
    /** Categories that already have one: `skip` keeps theirs, `replace` overwrites it. */
    existing: z.enum(['skip', 'replace']),
  })
  .refine((v) => (v.fromPeriodId === undefined) !== (v.presetKey === undefined), {
    message: 'Give either fromPeriodId or presetKey',
    path: ['fromPeriodId'],
  })
  .openapi('CopyAllQuestionnaires');

export const CopyAllResultSchema = z
  .object({
    copied: z.array(z.string().max(LIMIT.code)),
    replaced: z.array(z.string().max(LIMIT.code)),
    skipped: z.array(z.string().max(LIMIT.code)),
    /** Categories the source has no questionnaire for (a period copied from), left as they were. */
    unavailable: z.array(z.string().max(LIMIT.code)),
  })
  .openapi('CopyAllResult');

export const QuestionEditSchema = z
  .object({
    text: z.string().trim().min(1).max(2000),
    guidance: z.string().trim().max(4000),
    weight: z.number().finite(),
  })
  .partial()
  .openapi('QuestionEdit');

export const PresetsSchema = z
  .object({
    methodologies: z.array(
      z.object({
        key: z.string(),
        name: z.string(),
        description: z.string().optional(),
        methodology: MethodologySchema,
      }),
    ),
    questionnaires: z.array(
      z.object({ key: z.string(), name: z.string(), description: z.string().optional(), questions: z.number().int() }),
    ),
  })
  .openapi('Presets');

export const PresetQuestionnaireSchema = QuestionnaireSchema.extend({ key: z.string(), name: z.string() });

export const StageEventSchema = z.object({
  from: z.string(),
  to: z.string(),
  at: z.string(),
  actorId: z.string().max(LIMIT.id).nullable(),
  actorName: z.string().max(LIMIT.name).nullable(),
  reason: z.string().max(STAGE_REASON).nullable(),
  /** The consequences shown when the move was confirmed; null for moves recorded before they were kept. */
  figures: StageMoveFiguresSchema.nullable(),
});

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type PeriodSettings = z.infer<typeof SettingsSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type PeriodInput = z.input<typeof CreatePeriodSchema>;
export type PeriodPatch = z.input<typeof UpdatePeriodSchema>;
export type StageMoveInput = z.input<typeof StageMoveSchema>;
export type QuestionnaireInput = z.input<typeof PutQuestionnaireSchema>;
export type QuestionnaireView = z.infer<typeof QuestionnaireViewSchema>;
export type CopyQuestionnaireInput = z.input<typeof CopyQuestionnaireSchema>;
export type Presets = z.infer<typeof PresetsSchema>;
export type MethodologyPreset = Presets['methodologies'][number];
export type QuestionnairePresetInfo = Presets['questionnaires'][number];
export type PresetQuestionnaire = z.infer<typeof PresetQuestionnaireSchema>;
export type StageEvent = z.infer<typeof StageEventSchema>;
export type StagePreview = z.infer<typeof StagePreviewSchema>;
export type StageMoveFigures = z.infer<typeof StageMoveFiguresSchema>;
export type CopyAllQuestionnairesInput = z.input<typeof CopyAllQuestionnairesSchema>;
export type CopyAllResult = z.infer<typeof CopyAllResultSchema>;
export type QuestionEditInput = z.input<typeof QuestionEditSchema>;

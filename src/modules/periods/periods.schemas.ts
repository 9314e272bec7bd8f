import { z } from '@hono/zod-openapi';
import { MOVABLE_STAGES, STAGES } from '../../domain/stages.ts';
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
  .object({ to: z.enum(MOVABLE_STAGES), reason: z.string().trim().max(STAGE_REASON).optional() })
  .openapi('StageMove');

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
}).openapi('QuestionnaireView');

export const CopyQuestionnaireSchema = z
  .object({ fromPeriodId: z.string().min(1).max(LIMIT.id) })
  .openapi('CopyQuestionnaire');

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

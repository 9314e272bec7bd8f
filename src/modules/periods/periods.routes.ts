import { createRoute, z } from '@hono/zod-openapi';
import {
  IdParam,
  IF_MATCH_PARAMETER,
  jsonBody,
  jsonContent,
  problems,
  READ_ERRORS,
  SESSION,
  WRITE_ERRORS,
} from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { parseIfMatch } from '../../lib/if-match.ts';
import {
  CopyAllQuestionnairesSchema,
  CopyAllResultSchema,
  CopyQuestionnaireSchema,
  CreatePeriodSchema,
  PeriodSchema,
  PresetQuestionnaireSchema,
  PresetsSchema,
  PutQuestionnaireSchema,
  QuestionEditSchema,
  QuestionnaireViewSchema,
  StageEventSchema,
  StageMoveSchema,
  StagePreviewQuery,
  StagePreviewSchema,
  UpdatePeriodSchema,
} from './periods.schemas.ts';
import * as service from './periods.service.ts';

const tags = ['periods'];
const Cid = z.object({ cid: IdParam('cid') });
const Pid = z.object({ pid: IdParam('pid') });
const PidCategory = Pid.extend({
  categoryCode: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'categoryCode', in: 'path' } }),
});
const PidCategoryQuestion = PidCategory.extend({
  questionCode: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'questionCode', in: 'path' } }),
});
const READ = problems(...READ_ERRORS);
const WRITE = problems(...WRITE_ERRORS);
const PeriodEnvelope = z.object({ period: PeriodSchema });

const presetsRoute = createRoute({
  method: 'get',
  path: '/presets',
  operationId: 'listPresets',
  tags,
  security: SESSION,
  summary: 'Methodology presets and questionnaire editions',
  responses: { 200: jsonContent(PresetsSchema, 'Presets'), ...problems(401) },
});

const presetQuestionnaireRoute = createRoute({
  method: 'get',
  path: '/presets/questionnaires/{key}',
  operationId: 'getPresetQuestionnaire',
  tags,
  security: SESSION,
  summary: 'One questionnaire edition, in the shape PUT /periods/:pid/questionnaires/:categoryCode takes',
  request: {
    params: z.object({
      key: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'key', in: 'path' } }),
    }),
  },
  responses: {
    200: jsonContent(PresetQuestionnaireSchema, 'The questionnaire'),
    ...problems(401, 404, 422),
  },
});

const listPeriodsRoute = createRoute({
  method: 'get',
  path: '/commissions/{cid}/periods',
  operationId: 'listPeriods',
  tags,
  security: SESSION,
  summary: 'Periods of a commission, newest first',
  request: { params: Cid },
  responses: { 200: jsonContent(z.object({ periods: z.array(PeriodSchema) }), 'Periods'), ...READ },
});

const createPeriodRoute = createRoute({
  method: 'post',
  path: '/commissions/{cid}/periods',
  operationId: 'createPeriod',
  tags,
  security: SESSION,
  summary: 'Create a period in draft (commission admin); the methodology is checked with every problem listed',
  request: { params: Cid, body: jsonBody(CreatePeriodSchema) },
  responses: { 201: jsonContent(PeriodEnvelope, 'Created'), ...WRITE },
});

const getPeriodRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}',
  operationId: 'getPeriod',
  tags,
  security: SESSION,
  summary: 'One period with its methodology, schedule, stage and questionnaires',
  request: { params: Pid },
  responses: { 200: jsonContent(PeriodEnvelope, 'The period'), ...READ },
});

const patchPeriodRoute = createRoute({
  method: 'patch',
  path: '/periods/{pid}',
  operationId: 'updatePeriod',
  tags,
  security: SESSION,
  summary: 'Edit a period (methodology only in draft); with If-Match a stale version is a 409',
  parameters: [IF_MATCH_PARAMETER],
  request: {
    params: Pid,
    body: jsonBody(UpdatePeriodSchema),
  },
  responses: { 200: jsonContent(PeriodEnvelope, 'Updated'), ...WRITE },
});

const stageRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/stage',
  operationId: 'moveStage',
  tags,
  security: SESSION,
  summary:
    'Move the period one stage forward (draft → saq → verification → objection → presentation → results); a move ' +
    'before its scheduled date or one that ends extensions needs `reason` and `confirm` (the period’s year); the SAQ ' +
    'opens only when every category with bodies has a questionnaire',
  request: { params: Pid, body: jsonBody(StageMoveSchema) },
  responses: { 200: jsonContent(PeriodEnvelope, 'Moved'), ...WRITE },
});

const stagePreviewRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/stage/preview',
  operationId: 'previewStageMove',
  tags,
  security: SESSION,
  summary:
    'What moving the period to `to` would do (commission admin): bodies by progress, extensions it ends, the ' +
    'schedule’s date, other effects, what refuses it, and whether a reason and typed confirmation are needed',
  request: { params: Pid, query: StagePreviewQuery },
  responses: { 200: jsonContent(StagePreviewSchema, 'The preview'), ...problems(...READ_ERRORS, 409) },
});

const stageHistoryRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/stage-events',
  operationId: 'listStageEvents',
  tags,
  security: SESSION,
  summary: 'Every stage move of the period, oldest first',
  request: { params: Pid },
  responses: {
    200: jsonContent(z.object({ events: z.array(StageEventSchema) }), 'Stage events'),
    ...READ,
  },
});

const getQuestionnaireRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/questionnaires/{categoryCode}',
  operationId: 'getQuestionnaire',
  tags,
  security: SESSION,
  summary: 'The questionnaire of one category, as a body will see it',
  request: { params: PidCategory },
  responses: { 200: jsonContent(QuestionnaireViewSchema, 'The questionnaire'), ...READ },
});

const putQuestionnaireRoute = createRoute({
  method: 'put',
  path: '/periods/{pid}/questionnaires/{categoryCode}',
  operationId: 'putQuestionnaire',
  tags,
  security: SESSION,
  summary: 'Set (import) a category’s questionnaire; only before the SAQ opens; every problem listed',
  request: { params: PidCategory, body: jsonBody(PutQuestionnaireSchema) },
  responses: { 200: jsonContent(QuestionnaireViewSchema, 'Saved'), ...WRITE },
});

const copyQuestionnaireRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/questionnaires/{categoryCode}/copy',
  operationId: 'copyQuestionnaire',
  tags,
  security: SESSION,
  summary: 'Copy the category’s questionnaire from another period of the commission',
  request: { params: PidCategory, body: jsonBody(CopyQuestionnaireSchema) },
  responses: { 200: jsonContent(QuestionnaireViewSchema, 'Copied'), ...WRITE },
});

const copyAllQuestionnairesRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/questionnaires/copy',
  operationId: 'copyAllQuestionnaires',
  tags,
  security: SESSION,
  summary:
    'Set every category’s questionnaire in one step, from another period of the commission or a questionnaire ' +
    'edition; categories that have one are skipped or replaced (`existing`); draft only',
  request: { params: Pid, body: jsonBody(CopyAllQuestionnairesSchema) },
  responses: { 200: jsonContent(CopyAllResultSchema, 'What was set, replaced and skipped'), ...WRITE },
});

const editQuestionRoute = createRoute({
  method: 'patch',
  path: '/periods/{pid}/questionnaires/{categoryCode}/questions/{questionCode}',
  operationId: 'editQuestion',
  tags,
  security: SESSION,
  summary:
    'Edit one question’s wording, guidance or weight while the period is a draft; with If-Match (the ' +
    'questionnaire’s version) a stale edit is a 409',
  parameters: [IF_MATCH_PARAMETER],
  request: { params: PidCategoryQuestion, body: jsonBody(QuestionEditSchema) },
  responses: { 200: jsonContent(QuestionnaireViewSchema, 'The questionnaire'), ...WRITE },
});

export const periodsRoutes = createRouter()
  .openapi(presetsRoute, (c) => {
    requireActor(c);
    return c.json(service.listPresets(), 200);
  })
  .openapi(presetQuestionnaireRoute, (c) => {
    requireActor(c);
    return c.json(service.presetQuestionnaire(c.req.valid('param').key), 200);
  })
  .openapi(listPeriodsRoute, async (c) => {
    return c.json(
      { periods: await service.listPeriods(c.get('deps'), requireActor(c), c.req.valid('param').cid) },
      200,
    );
  })
  .openapi(createPeriodRoute, async (c) => {
    const period = await service.createPeriod(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json({ period }, 201);
  })
  .openapi(getPeriodRoute, async (c) => {
    return c.json({ period: await service.getPeriod(c.get('deps'), requireActor(c), c.req.valid('param').pid) }, 200);
  })
  .openapi(patchPeriodRoute, async (c) => {
    const actor = requireActor(c);
    const version = parseIfMatch(c.req.header('if-match'));
    const period = await service.updatePeriod(
      c.get('deps'),
      actor,
      c.req.valid('param').pid,
      c.req.valid('json'),
      version,
    );
    c.header('ETag', `"${period.version}"`);
    return c.json({ period }, 200);
  })
  .openapi(stageRoute, async (c) => {
    const period = await service.moveStage(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('json'),
    );
    return c.json({ period }, 200);
  })
  .openapi(stagePreviewRoute, async (c) => {
    return c.json(
      await service.stagePreview(c.get('deps'), requireActor(c), c.req.valid('param').pid, c.req.valid('query').to),
      200,
    );
  })
  .openapi(stageHistoryRoute, async (c) => {
    return c.json(
      { events: await service.stageHistory(c.get('deps'), requireActor(c), c.req.valid('param').pid) },
      200,
    );
  })
  .openapi(getQuestionnaireRoute, async (c) => {
    const { pid, categoryCode } = c.req.valid('param');
    return c.json(await service.getQuestionnaire(c.get('deps'), requireActor(c), pid, categoryCode), 200);
  })
  .openapi(putQuestionnaireRoute, async (c) => {
    const { pid, categoryCode } = c.req.valid('param');
    const { source, ...questionnaire } = c.req.valid('json');
    return c.json(
      await service.putQuestionnaire(c.get('deps'), requireActor(c), pid, categoryCode, questionnaire, source ?? null),
      200,
    );
  })
  .openapi(copyQuestionnaireRoute, async (c) => {
    const { pid, categoryCode } = c.req.valid('param');
    const result = await service.copyQuestionnaire(
      c.get('deps'),
      requireActor(c),
      pid,
      categoryCode,
      c.req.valid('json').fromPeriodId,
    );
    return c.json(result, 200);
  })
  .openapi(copyAllQuestionnairesRoute, async (c) => {
    const result = await service.copyAllQuestionnaires(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  })
  .openapi(editQuestionRoute, async (c) => {
    const actor = requireActor(c);
    const version = parseIfMatch(c.req.header('if-match'));
    const { pid, categoryCode, questionCode } = c.req.valid('param');
    const questionnaire = await service.editQuestion(
      c.get('deps'),
      actor,
      pid,
      categoryCode,
      questionCode,
      c.req.valid('json'),
      version,
    );
    c.header('ETag', `"${questionnaire.version}"`);
    return c.json(questionnaire, 200);
  });

import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, READ_ERRORS, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import {
  MyPanelsSchema,
  PanelBodiesSchema,
  PanelMembersSchema,
  PanelReviewSchema,
  PanelSchema,
  PanelScoresSchema,
  SavedPanelScoreSchema,
  SetPanelSchema,
  SetPanelScoreSchema,
} from './panel.schemas.ts';
import * as service from './panel.service.ts';

const tags = ['panel'];
const Pid = z.object({ pid: IdParam('pid') });
const Sid = z.object({ sid: IdParam('sid') });

const getPanelRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/panel',
  operationId: 'getPanel',
  tags,
  security: SESSION,
  summary: 'The period’s jurors, its panel components and the divergence threshold (commission staff)',
  request: { params: Pid },
  responses: { 200: jsonContent(PanelSchema, 'The panel'), ...problems(...READ_ERRORS) },
});

const setPanelRoute = createRoute({
  method: 'put',
  path: '/periods/{pid}/panel',
  operationId: 'setPanel',
  tags,
  security: SESSION,
  summary: 'Set the period’s jurors, evaluators of the commission (commission admin; audited)',
  request: { params: Pid, body: jsonBody(SetPanelSchema) },
  responses: { 200: jsonContent(PanelMembersSchema, 'The panel’s members'), ...problems(...WRITE_ERRORS) },
});

const bodiesRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/panel/bodies',
  operationId: 'listPanelBodies',
  tags,
  security: SESSION,
  summary:
    'The proceeding bodies with their verified summary and the caller’s scores; other jurors’ scores from the results stage on',
  request: { params: Pid },
  responses: { 200: jsonContent(PanelBodiesSchema, 'The bodies before the panel'), ...problems(...READ_ERRORS) },
});

const reviewRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/panel/review',
  operationId: 'reviewPanel',
  tags,
  security: SESSION,
  summary: 'Bodies whose juror scores diverge beyond the threshold, and each juror’s calibration (admin, leadership)',
  request: { params: Pid },
  responses: { 200: jsonContent(PanelReviewSchema, 'Divergence and calibration'), ...problems(...READ_ERRORS) },
});

const myPanelsRoute = createRoute({
  method: 'get',
  path: '/panels/mine',
  operationId: 'listMyPanels',
  tags,
  security: SESSION,
  summary: 'The periods whose panel the caller sits on',
  responses: { 200: jsonContent(MyPanelsSchema, 'The caller’s panels'), ...problems(401) },
});

const setScoreRoute = createRoute({
  method: 'put',
  path: '/submissions/{sid}/panel-scores',
  operationId: 'setPanelScore',
  tags,
  security: SESSION,
  summary: 'A juror’s 0-100 score of a proceeding body for one panel component, at the presentation stage',
  request: { params: Sid, body: jsonBody(SetPanelScoreSchema) },
  responses: { 200: jsonContent(SavedPanelScoreSchema, 'The score saved'), ...problems(...WRITE_ERRORS) },
});

const getScoresRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/panel-scores',
  operationId: 'getPanelScores',
  tags,
  security: SESSION,
  summary: 'One body’s panel scores: all for admins and leadership; a juror’s own before the results stage',
  request: { params: Sid },
  responses: { 200: jsonContent(PanelScoresSchema, 'The scores and means'), ...problems(...READ_ERRORS) },
});

export const panelRoutes = createRouter()
  .openapi(getPanelRoute, async (c) =>
    c.json(await service.getPanel(c.get('deps'), requireActor(c), c.req.valid('param').pid), 200),
  )
  .openapi(setPanelRoute, async (c) =>
    c.json(
      await service.setPanel(
        c.get('deps'),
        requireActor(c),
        c.req.valid('param').pid,
        c.req.valid('json').evaluatorIds,
      ),
      200,
    ),
  )
  .openapi(bodiesRoute, async (c) =>
    c.json(await service.panelBodies(c.get('deps'), requireActor(c), c.req.valid('param').pid), 200),
  )
  .openapi(reviewRoute, async (c) =>
    c.json(await service.panelReview(c.get('deps'), requireActor(c), c.req.valid('param').pid), 200),
  )
  .openapi(myPanelsRoute, async (c) => c.json(await service.myPanels(c.get('deps'), requireActor(c)), 200))
  .openapi(setScoreRoute, async (c) =>
    c.json(await service.scoreBody(c.get('deps'), requireActor(c), c.req.valid('param').sid, c.req.valid('json')), 200),
  )
  .openapi(getScoresRoute, async (c) =>
    c.json(await service.submissionScores(c.get('deps'), requireActor(c), c.req.valid('param').sid), 200),
  );

import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, READ_ERRORS, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import {
  AskClarificationSchema,
  ClarificationListQuerySchema,
  ClarificationSchema,
  ClarificationSummarySchema,
  ReplyClarificationSchema,
  UpdateClarificationSchema,
} from './clarifications.schemas.ts';
import * as service from './clarifications.service.ts';

const tags = ['review'];
const Sid = z.object({ sid: IdParam('sid') });
const Id = z.object({ id: IdParam('id') });
const Envelope = z.object({ clarification: ClarificationSchema });
const WRITE = problems(...WRITE_ERRORS);

const askRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/clarifications',
  operationId: 'askClarification',
  tags,
  security: SESSION,
  summary:
    'Ask the body about one item, with a due date (the assigned evaluator or the admin; verification and objection stages)',
  request: { params: Sid, body: jsonBody(AskClarificationSchema) },
  responses: { 201: jsonContent(Envelope, 'Asked: the thread, its question first'), ...WRITE },
});

const listForSubmissionRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/clarifications',
  operationId: 'listSubmissionClarifications',
  tags,
  security: SESSION,
  summary: 'The submission’s clarification threads (staff who see it, and the body)',
  request: { params: Sid },
  responses: {
    200: jsonContent(z.object({ clarifications: z.array(ClarificationSchema) }), 'Threads, oldest first'),
    ...problems(...READ_ERRORS),
  },
});

const listMineRoute = createRoute({
  method: 'get',
  path: '/clarifications',
  operationId: 'listMyClarifications',
  tags,
  security: SESSION,
  summary:
    'The caller’s clarifications, soonest due first: a body’s, an evaluator’s assigned submissions’, the commission’s for its admin',
  request: { query: ClarificationListQuerySchema },
  responses: {
    200: jsonContent(z.object({ clarifications: z.array(ClarificationSummarySchema) }), 'Clarifications'),
    ...problems(401, 422),
  },
});

const replyRoute = createRoute({
  method: 'post',
  path: '/clarifications/{id}/replies',
  operationId: 'replyClarification',
  tags,
  security: SESSION,
  summary:
    'Reply to a clarification: the body until the due date, with evidence added to that item; staff with a message only',
  request: { params: Id, body: jsonBody(ReplyClarificationSchema) },
  responses: { 201: jsonContent(Envelope, 'Replied: the thread'), ...WRITE },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/clarifications/{id}',
  operationId: 'updateClarification',
  tags,
  security: SESSION,
  summary: 'Close a clarification (staff who may ask)',
  request: { params: Id, body: jsonBody(UpdateClarificationSchema) },
  responses: { 200: jsonContent(Envelope, 'The thread'), ...WRITE },
});

export const clarificationsRoutes = createRouter()
  .openapi(askRoute, async (c) => {
    const clarification = await service.ask(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('json'),
    );
    return c.json({ clarification }, 201);
  })
  .openapi(listForSubmissionRoute, async (c) => {
    const clarifications = await service.listForSubmission(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
    );
    return c.json({ clarifications }, 200);
  })
  .openapi(listMineRoute, async (c) => {
    const clarifications = await service.listMine(c.get('submissions'), requireActor(c), c.req.valid('query').status);
    return c.json({ clarifications }, 200);
  })
  .openapi(replyRoute, async (c) => {
    const clarification = await service.reply(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json({ clarification }, 201);
  })
  .openapi(updateRoute, async (c) => {
    const clarification = await service.close(c.get('submissions'), requireActor(c), c.req.valid('param').id);
    return c.json({ clarification }, 200);
  });

import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, READ_ERRORS, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import {
  DecideObjectionSchema,
  FileObjectionSchema,
  ObjectionListQuerySchema,
  ObjectionSchema,
} from './clarifications.schemas.ts';
import * as service from './objections.service.ts';

const tags = ['review'];
const Sid = z.object({ sid: IdParam('sid') });
const Pid = z.object({ pid: IdParam('pid') });
const Id = z.object({ id: IdParam('id') });
const Envelope = z.object({ objection: ObjectionSchema });
const List = z.object({ objections: z.array(ObjectionSchema) });
const WRITE = problems(...WRITE_ERRORS);

const fileRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/objections',
  operationId: 'fileObjection',
  tags,
  security: SESSION,
  summary: 'Object to one item’s verification (the body, in the objection stage; one pending objection per item)',
  request: { params: Sid, body: jsonBody(FileObjectionSchema) },
  responses: { 201: jsonContent(Envelope, 'Filed'), ...WRITE },
});

const listForSubmissionRoute = createRoute({
  method: 'get',
  path: '/submissions/{sid}/objections',
  operationId: 'listSubmissionObjections',
  tags,
  security: SESSION,
  summary: 'The submission’s objections (the body and the staff who see it)',
  request: { params: Sid },
  responses: { 200: jsonContent(List, 'Objections, oldest first'), ...problems(...READ_ERRORS) },
});

const listForPeriodRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/objections',
  operationId: 'listPeriodObjections',
  tags,
  security: SESSION,
  summary:
    'The period’s objections, pending first (admin and leadership: all; an evaluator: their assigned submissions’)',
  request: { params: Pid, query: ObjectionListQuerySchema },
  responses: { 200: jsonContent(List, 'Objections'), ...problems(...READ_ERRORS) },
});

const decideRoute = createRoute({
  method: 'patch',
  path: '/objections/{id}',
  operationId: 'decideObjection',
  tags,
  security: SESSION,
  summary:
    'Accept (with the new verified value) or reject an objection, with a reason (the assigned evaluator or the admin)',
  request: { params: Id, body: jsonBody(DecideObjectionSchema) },
  responses: { 200: jsonContent(Envelope, 'Decided'), ...WRITE },
});

export const objectionsRoutes = createRouter()
  .openapi(fileRoute, async (c) => {
    const objection = await service.file(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('json'),
    );
    return c.json({ objection }, 201);
  })
  .openapi(listForSubmissionRoute, async (c) => {
    const objections = await service.listForSubmission(c.get('submissions'), requireActor(c), c.req.valid('param').sid);
    return c.json({ objections }, 200);
  })
  .openapi(listForPeriodRoute, async (c) => {
    const objections = await service.listForPeriod(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('query').status,
    );
    return c.json({ objections }, 200);
  })
  .openapi(decideRoute, async (c) => {
    const objection = await service.decideObjection(
      c.get('submissions'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
    );
    return c.json({ objection }, 200);
  });

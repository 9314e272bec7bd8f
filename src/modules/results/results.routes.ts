import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import * as corrections from './corrections.service.ts';
import * as publication from './publication.service.ts';
import {
  CertificatesListSchema,
  CorrectionRequestSchema,
  CorrectionResultSchema,
  CorrectionsListSchema,
  DiffSchema,
  PublishRequestSchema,
  PublishResultSchema,
  ResultsQuerySchema,
  ResultsSchema,
  ResultVersionsSchema,
  WhatIfRequestSchema,
  WhatIfResultSchema,
} from './results.schemas.ts';
import * as service from './results.service.ts';

const tags = ['results'];
const Pid = z.object({ pid: IdParam('pid') });

const whatIfRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/whatif',
  operationId: 'whatIf',
  tags: ['results'],
  security: SESSION,
  summary: 'Apply another methodology to the period’s current data and compare; nothing is saved',
  request: { params: z.object({ pid: IdParam('pid') }), body: jsonBody(WhatIfRequestSchema) },
  responses: {
    200: jsonContent(WhatIfResultSchema, 'Current and proposed outcome per body'),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

const readRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/results',
  operationId: 'getResults',
  tags,
  security: SESSION,
  summary:
    'The period’s results: a published version (any role of the commission), else the preview (admin and leadership, from the results stage on)',
  request: { params: Pid, query: ResultsQuerySchema },
  responses: {
    200: jsonContent(
      ResultsSchema,
      'Rows in listing order (category, rank, name), rounded at the methodology’s decimals',
    ),
    ...problems(401, 403, 404, 409, 422),
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/results/publish',
  operationId: 'publishResults',
  tags,
  security: SESSION,
  summary:
    'Publish the results as the next version with its decree (commission admin, from the results stage on); a later one is an amendment with its diff',
  request: { params: Pid, body: jsonBody(PublishRequestSchema) },
  responses: {
    201: jsonContent(
      PublishResultSchema,
      'Published: the version and how many bodies changed against the previous one',
    ),
    ...problems(...WRITE_ERRORS),
  },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/results/versions',
  operationId: 'listResultVersions',
  tags,
  security: SESSION,
  summary: 'The published versions of the period’s results, oldest first',
  request: { params: Pid },
  responses: { 200: jsonContent(ResultVersionsSchema, 'Versions'), ...problems(401, 403, 404) },
});

const diffRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/results/versions/{n}/diff',
  operationId: 'getResultDiff',
  tags,
  security: SESSION,
  summary: 'An amendment’s changes against the previous version, with the reasons (version 1 has none: 404)',
  request: {
    params: z.object({
      pid: IdParam('pid'),
      n: z.coerce
        .number()
        .int()
        .min(1)
        .max(100_000)
        .openapi({ param: { name: 'n', in: 'path' }, example: 2 }),
    }),
  },
  responses: { 200: jsonContent(DiffSchema, 'The diff'), ...problems(401, 403, 404, 422) },
});

const correctRoute = createRoute({
  method: 'post',
  path: '/submissions/{sid}/corrections',
  operationId: 'createCorrection',
  tags,
  security: SESSION,
  summary:
    'Correct a verified value or replace a panel component’s score, with a reason (commission admin, from the results stage on); reaches published results only through the next publication',
  request: { params: z.object({ sid: IdParam('sid') }), body: jsonBody(CorrectionRequestSchema) },
  responses: { 201: jsonContent(CorrectionResultSchema, 'The correction'), ...problems(...WRITE_ERRORS) },
});

const correctionsRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/corrections',
  operationId: 'listCorrections',
  tags,
  security: SESSION,
  summary: 'The period’s corrections, oldest first, each with the version that first carries it (admin, leadership)',
  request: { params: Pid },
  responses: { 200: jsonContent(CorrectionsListSchema, 'Corrections'), ...problems(401, 403, 404) },
});

const certificatesRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/certificates',
  operationId: 'listCertificates',
  tags,
  security: SESSION,
  summary: 'The certificates issued for the period’s published versions, revoked ones included (admin, leadership)',
  request: { params: Pid },
  responses: { 200: jsonContent(CertificatesListSchema, 'Certificates'), ...problems(401, 403, 404) },
});

export const resultsRoutes = createRouter();

resultsRoutes
  .openapi(readRoute, async (c) => {
    const result = await publication.readResults(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('query'),
    );
    return c.json(result, 200);
  })
  .openapi(publishRoute, async (c) => {
    const result = await publication.publish(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('json'),
    );
    return c.json(result, 201);
  })
  .openapi(versionsRoute, async (c) => {
    const versions = await publication.listVersions(c.get('deps'), requireActor(c), c.req.valid('param').pid);
    return c.json(versions, 200);
  })
  .openapi(diffRoute, async (c) => {
    const { pid, n } = c.req.valid('param');
    return c.json(await publication.versionDiff(c.get('deps'), requireActor(c), pid, n), 200);
  })
  .openapi(correctRoute, async (c) => {
    const correction = await corrections.createCorrection(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').sid,
      c.req.valid('json'),
    );
    return c.json({ correction }, 201);
  })
  .openapi(correctionsRoute, async (c) => {
    const list = await corrections.listCorrections(c.get('deps'), requireActor(c), c.req.valid('param').pid);
    return c.json({ corrections: list }, 200);
  })
  .openapi(certificatesRoute, async (c) => {
    const list = await publication.listCertificates(c.get('deps'), requireActor(c), c.req.valid('param').pid);
    return c.json({ certificates: list }, 200);
  });

resultsRoutes.openapi(whatIfRoute, async (c) => {
  const rows = await service.whatIf(
    c.get('deps'),
    requireActor(c),
    c.req.valid('param').pid,
    c.req.valid('json').methodology,
  );
  return c.json({ rows }, 200);
});

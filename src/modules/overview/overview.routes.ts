import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, READ_ERRORS, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { SubmissionListFilterSchema } from '../submissions/submissions.schemas.ts';
import { OverviewSchema, RemindersResultSchema, RemindersSchema } from './overview.schemas.ts';
import * as service from './overview.service.ts';

// the home's figures beside the dashboard's; the list's export and the reminders beside the submissions
const tags = ['submissions'];
const Pid = z.object({ pid: IdParam('pid') });

const overviewRoute = createRoute({
  method: 'get',
  path: '/commissions/{cid}/overview',
  operationId: 'getCommissionOverview',
  tags: ['dashboard'],
  security: SESSION,
  summary:
    'The admin’s home: each running period (not draft, not published) with its stage, the days left to the stage’s ' +
    'scheduled end, and the counts of bodies not started, in progress, submitted and extended (admin, leadership)',
  request: { params: z.object({ cid: IdParam('cid') }) },
  responses: { 200: jsonContent(OverviewSchema, 'The overview'), ...problems(...READ_ERRORS) },
});

const csvRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/submissions.csv',
  operationId: 'exportSubmissionsCsv',
  tags,
  security: SESSION,
  summary:
    'The submissions list as CSV with the list’s filters and order, every row, then the bodies not started: ' +
    '`;`-separated (Excel in an Indonesian locale), UTF-8 with a BOM, Indonesian headers, formula-like cells neutralised',
  request: { params: Pid, query: SubmissionListFilterSchema },
  responses: {
    200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } },
    ...problems(...READ_ERRORS),
  },
});

const remindersRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/reminders',
  operationId: 'sendSaqReminders',
  tags,
  security: SESSION,
  summary:
    'Mail the SAQ reminder to the bodies that have not opened it (all, or `bodyIds`), at their PPID and operators’ ' +
    'addresses, once per body per day; only during the SAQ stage (commission admin)',
  request: { params: Pid, body: jsonBody(RemindersSchema) },
  responses: { 200: jsonContent(RemindersResultSchema, 'Queued and skipped bodies'), ...problems(...WRITE_ERRORS) },
});

export const overviewRoutes = createRouter()
  .openapi(overviewRoute, async (c) => {
    return c.json(await service.commissionOverview(c.get('deps'), requireActor(c), c.req.valid('param').cid), 200);
  })
  .openapi(csvRoute, async (c) => {
    const { csv, fileName } = await service.submissionsCsv(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('query'),
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    }) as never;
  })
  .openapi(remindersRoute, async (c) => {
    const { bodyIds } = c.req.valid('json');
    return c.json(await service.sendReminders(c.get('deps'), requireActor(c), c.req.valid('param').pid, bodyIds), 200);
  });

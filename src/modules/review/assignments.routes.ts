import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonBody, jsonContent, problems, READ_ERRORS, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import {
  AssignmentListSchema,
  AssignmentSchema,
  AutoAssignResultSchema,
  AutoAssignSchema,
  CreateAssignmentSchema,
  CreateExclusionSchema,
  EvaluationListSchema,
  ExclusionSchema,
  ReassignSchema,
  WorkloadSchema,
} from './assignments.schemas.ts';
import * as service from './assignments.service.ts';

const tags = ['review'];
const Pid = z.object({ pid: IdParam('pid') });
const Cid = z.object({ cid: IdParam('cid') });
const READ = problems(...READ_ERRORS);
const WRITE = problems(...WRITE_ERRORS);
const Envelope = z.object({ assignment: AssignmentSchema });

const listRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/assignments',
  operationId: 'listAssignments',
  tags,
  security: SESSION,
  summary: 'The period’s assignments with progress, and the submitted submissions nobody holds (admin, leadership)',
  request: { params: Pid },
  responses: { 200: jsonContent(AssignmentListSchema, 'Assignments'), ...READ },
});

const createAssignmentRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/assignments',
  operationId: 'createAssignment',
  tags,
  security: SESSION,
  summary:
    'Assign a submitted submission to an evaluator of the commission (admin); 409 for a draft or one already assigned, 422 for an excluded evaluator',
  request: { params: Pid, body: jsonBody(CreateAssignmentSchema) },
  responses: { 201: jsonContent(Envelope, 'Assigned'), ...WRITE },
});

const autoRoute = createRoute({
  method: 'post',
  path: '/periods/{pid}/assignments/auto',
  operationId: 'autoAssign',
  tags,
  security: SESSION,
  summary:
    'Assign every submitted, unassigned submission, balanced by questions within each category, never to an excluded evaluator (admin)',
  request: {
    params: Pid,
    body: { required: false, content: { 'application/json': { schema: AutoAssignSchema } } },
  },
  responses: { 200: jsonContent(AutoAssignResultSchema, 'Assigned'), ...WRITE },
});

const reassignRoute = createRoute({
  method: 'patch',
  path: '/assignments/{id}',
  operationId: 'reassign',
  tags,
  security: SESSION,
  summary: 'Hand an assignment to another evaluator (admin); the verification done so far is kept',
  request: { params: z.object({ id: IdParam('id') }), body: jsonBody(ReassignSchema) },
  responses: { 200: jsonContent(Envelope, 'Reassigned'), ...WRITE },
});

const workloadRoute = createRoute({
  method: 'get',
  path: '/periods/{pid}/workload',
  operationId: 'getWorkload',
  tags,
  security: SESSION,
  summary: 'Per evaluator: assigned, not started, in progress, complete and overdue, with the verification deadline',
  request: { params: Pid },
  responses: { 200: jsonContent(WorkloadSchema, 'Workload'), ...READ },
});

const evaluationsRoute = createRoute({
  method: 'get',
  path: '/evaluations',
  operationId: 'listMyEvaluations',
  tags,
  security: SESSION,
  summary: 'The caller’s assigned submissions across periods, with progress (empty for anyone not assigned)',
  responses: { 200: jsonContent(EvaluationListSchema, 'The queue'), ...problems(401) },
});

const listExclusionsRoute = createRoute({
  method: 'get',
  path: '/commissions/{cid}/exclusions',
  operationId: 'listExclusions',
  tags,
  security: SESSION,
  summary: 'Conflicts of interest: evaluators who never get a body’s submissions (admin, leadership)',
  request: { params: Cid },
  responses: { 200: jsonContent(z.object({ exclusions: z.array(ExclusionSchema) }), 'Exclusions'), ...READ },
});

const createExclusionRoute = createRoute({
  method: 'post',
  path: '/commissions/{cid}/exclusions',
  operationId: 'createExclusion',
  tags,
  security: SESSION,
  summary:
    'Exclude an evaluator from a body, with a reason (admin; audited); 409 while they hold its submission in an unpublished period',
  request: { params: Cid, body: jsonBody(CreateExclusionSchema) },
  responses: { 201: jsonContent(z.object({ exclusion: ExclusionSchema }), 'Excluded'), ...WRITE },
});

const deleteExclusionRoute = createRoute({
  method: 'delete',
  path: '/exclusions/{id}',
  operationId: 'deleteExclusion',
  tags,
  security: SESSION,
  summary: 'Lift a conflict of interest (admin; audited)',
  request: { params: z.object({ id: IdParam('id') }) },
  responses: { 204: { description: 'Lifted' }, ...problems(401, 403, 404, 413, 422) },
});

export const assignmentsRoutes = createRouter();

assignmentsRoutes
  .openapi(listRoute, async (c) => {
    return c.json(await service.listAssignments(c.get('deps'), requireActor(c), c.req.valid('param').pid), 200);
  })
  .openapi(createAssignmentRoute, async (c) => {
    const assignment = await service.assign(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').pid,
      c.req.valid('json'),
    );
    return c.json({ assignment }, 201);
  })
  .openapi(autoRoute, async (c) => {
    const body = c.req.valid('json') as { evaluatorIds?: string[] } | undefined;
    return c.json(
      await service.autoAssign(c.get('deps'), requireActor(c), c.req.valid('param').pid, body?.evaluatorIds),
      200,
    );
  })
  .openapi(reassignRoute, async (c) => {
    const assignment = await service.reassign(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json').evaluatorId,
    );
    return c.json({ assignment }, 200);
  })
  .openapi(workloadRoute, async (c) => {
    return c.json(await service.workload(c.get('deps'), requireActor(c), c.req.valid('param').pid), 200);
  })
  .openapi(evaluationsRoute, async (c) => {
    return c.json(await service.myEvaluations(c.get('deps'), requireActor(c)), 200);
  })
  .openapi(listExclusionsRoute, async (c) => {
    const exclusions = await service.listExclusions(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    return c.json({ exclusions }, 200);
  })
  .openapi(createExclusionRoute, async (c) => {
    const exclusion = await service.createExclusion(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json({ exclusion }, 201);
  })
  .openapi(deleteExclusionRoute, async (c) => {
    await service.deleteExclusion(c.get('deps'), requireActor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });

import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../http/errors.ts';
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
import * as bodyImport from './body-import.service.ts';
import {
  ApplyCategoryPresetSchema,
  BodyInvitationsResultSchema,
  BodyListQuerySchema,
  BodySchema,
  CategoryListQuerySchema,
  CategoryPresetInfoSchema,
  CategoryPresetResultSchema,
  CategorySchema,
  CommissionSchema,
  CommissionUserSchema,
  CreateBodySchema,
  CreateCategorySchema,
  CreateCommissionSchema,
  ImportResultSchema,
  InvitationRowSchema,
  InviteBodyOperatorsSchema,
  InvitedSchema,
  InviteUserSchema,
  RenameCategorySchema,
  RetiredCategorySchema,
  UpdateBodySchema,
} from './registry.schemas.ts';
import * as service from './registry.service.ts';
import * as people from './users.service.ts';

const Cid = z.object({ cid: IdParam('cid') });
const Bid = z.object({ bid: IdParam('bid') });
const CategoryId = z.object({ id: IdParam('id') });
const tags = ['registry'];
const READ = problems(...READ_ERRORS);
const WRITE = problems(...WRITE_ERRORS);

const listCommissions = createRoute({
  method: 'get',
  path: '/commissions',
  operationId: 'listCommissions',
  tags,
  security: SESSION,
  summary: 'Commissions the caller can see',
  responses: {
    200: jsonContent(z.object({ commissions: z.array(CommissionSchema) }), 'Commissions'),
    ...problems(401),
  },
});

const createCommission = createRoute({
  method: 'post',
  path: '/commissions',
  operationId: 'createCommission',
  tags,
  security: SESSION,
  summary: 'Create a commission (platform admin)',
  request: { body: jsonBody(CreateCommissionSchema) },
  responses: { 201: jsonContent(z.object({ commission: CommissionSchema }), 'Created'), ...WRITE },
});

const getCommission = createRoute({
  method: 'get',
  path: '/commissions/{cid}',
  operationId: 'getCommission',
  tags,
  security: SESSION,
  summary: 'One commission',
  request: { params: Cid },
  responses: { 200: jsonContent(z.object({ commission: CommissionSchema }), 'The commission'), ...READ },
});

const listCategories = createRoute({
  method: 'get',
  path: '/commissions/{cid}/categories',
  operationId: 'listCategories',
  tags,
  security: SESSION,
  summary:
    'Categories of bodies in a commission, each with its number of bodies; `retired=true` adds the retired ones ' +
    '(kept for the history of earlier periods, hidden from new bodies)',
  request: { params: Cid, query: CategoryListQuerySchema },
  responses: { 200: jsonContent(z.object({ categories: z.array(CategorySchema) }), 'Categories'), ...READ },
});

const createCategory = createRoute({
  method: 'post',
  path: '/commissions/{cid}/categories',
  operationId: 'createCategory',
  tags,
  security: SESSION,
  summary: 'Add a category (commission admin)',
  request: { params: Cid, body: jsonBody(CreateCategorySchema) },
  responses: { 201: jsonContent(z.object({ category: CategorySchema }), 'Created'), ...WRITE },
});

const renameCategory = createRoute({
  method: 'patch',
  path: '/categories/{id}',
  operationId: 'renameCategory',
  tags,
  security: SESSION,
  summary:
    'Rename a category (commission admin); its code stays, and published results keep the name they had. With ' +
    'If-Match, a category changed since that version answers 409 with `current`',
  parameters: [IF_MATCH_PARAMETER],
  request: { params: CategoryId, body: jsonBody(RenameCategorySchema) },
  responses: { 200: jsonContent(z.object({ category: CategorySchema }), 'Renamed'), ...WRITE },
});

const retireCategory = createRoute({
  method: 'delete',
  path: '/categories/{id}',
  operationId: 'retireCategory',
  tags,
  security: SESSION,
  summary:
    'Retire a category that has no bodies (commission admin): deleted when nothing refers to it, else kept for ' +
    'history (a questionnaire refers to it) and hidden from choices. With bodies: 409 with `bodies` (their number)',
  request: { params: CategoryId },
  responses: { 200: jsonContent(RetiredCategorySchema, 'Retired or deleted'), ...WRITE },
});

const listCategoryPresets = createRoute({
  method: 'get',
  path: '/commissions/{cid}/categories/presets',
  operationId: 'listCategoryPresets',
  tags,
  security: SESSION,
  summary: 'Category presets a commission can apply (KI Pusat’s categories)',
  request: { params: Cid },
  responses: {
    200: jsonContent(z.object({ presets: z.array(CategoryPresetInfoSchema) }), 'Presets'),
    ...READ,
  },
});

const applyCategoryPreset = createRoute({
  method: 'post',
  path: '/commissions/{cid}/categories/preset',
  operationId: 'applyCategoryPreset',
  tags,
  security: SESSION,
  summary:
    'Add a preset’s categories in one step (commission admin): codes already in use are skipped, retired ones restored',
  request: { params: Cid, body: jsonBody(ApplyCategoryPresetSchema) },
  responses: { 200: jsonContent(CategoryPresetResultSchema, 'Applied'), ...WRITE },
});

const importTemplate = createRoute({
  method: 'get',
  path: '/commissions/{cid}/bodies/import/template',
  operationId: 'getBodyImportTemplate',
  tags,
  security: SESSION,
  summary: 'A CSV template for the body import (commission admin): Indonesian headers, `;` separated, one example line',
  request: { params: Cid },
  responses: {
    200: { description: 'The template', content: { 'text/csv': { schema: z.string() } } },
    ...READ,
  },
});

const inviteBodyOperators = createRoute({
  method: 'post',
  path: '/commissions/{cid}/invitations/bodies',
  operationId: 'inviteBodyOperators',
  tags,
  security: SESSION,
  summary:
    'Invite each body’s PPID address as its operator in one step (commission admin); bodies without an address, ' +
    'with an operator or one already invited are skipped and listed',
  request: { params: Cid, body: jsonBody(InviteBodyOperatorsSchema) },
  responses: { 200: jsonContent(BodyInvitationsResultSchema, 'Invited and skipped'), ...WRITE },
});

const listBodies = createRoute({
  method: 'get',
  path: '/commissions/{cid}/bodies',
  operationId: 'listBodies',
  tags,
  security: SESSION,
  summary: 'Public bodies of a commission, filtered by category and searched by name',
  request: { params: Cid, query: BodyListQuerySchema },
  responses: {
    200: jsonContent(z.object({ bodies: z.array(BodySchema), total: z.number().int() }), 'Bodies'),
    ...problems(401, 403, 404, 422),
  },
});

const createBody = createRoute({
  method: 'post',
  path: '/commissions/{cid}/bodies',
  operationId: 'createBody',
  tags,
  security: SESSION,
  summary: 'Register a public body (commission admin)',
  request: { params: Cid, body: jsonBody(CreateBodySchema) },
  responses: { 201: jsonContent(z.object({ body: BodySchema }), 'Created'), ...WRITE },
});

const importBodies = createRoute({
  method: 'post',
  path: '/commissions/{cid}/bodies/import',
  operationId: 'importBodies',
  tags,
  security: SESSION,
  summary: 'Import bodies from CSV (name,categoryCode,province,website,ppidEmail); any bad line imports nothing',
  request: {
    params: Cid,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: jsonContent(ImportResultSchema, 'Imported'),
    ...WRITE,
  },
});

const getBody = createRoute({
  method: 'get',
  path: '/bodies/{bid}',
  operationId: 'getBody',
  tags,
  security: SESSION,
  summary: 'One public body',
  request: { params: Bid },
  responses: { 200: jsonContent(z.object({ body: BodySchema }), 'The body'), ...READ },
});

const patchBody = createRoute({
  method: 'patch',
  path: '/bodies/{bid}',
  operationId: 'updateBody',
  tags,
  security: SESSION,
  summary: 'Edit a public body; with If-Match, a body changed since that version answers 409 with `current`',
  parameters: [IF_MATCH_PARAMETER],
  request: {
    params: Bid,
    body: jsonBody(UpdateBodySchema),
  },
  responses: { 200: jsonContent(z.object({ body: BodySchema }), 'Updated'), ...WRITE },
});

const inviteUser = createRoute({
  method: 'post',
  path: '/commissions/{cid}/users',
  operationId: 'inviteUser',
  tags,
  security: SESSION,
  summary:
    'Invite a person to a role in the commission (commission admin); the role is granted only when the invitation is ' +
    'accepted. An operator and evaluator of one commission is a conflict of interest: 409 unless `conflictReason` confirms it',
  request: { params: Cid, body: jsonBody(InviteUserSchema) },
  responses: {
    201: jsonContent(InvitedSchema, 'Invited'),
    ...WRITE,
  },
});

const listUsers = createRoute({
  method: 'get',
  path: '/commissions/{cid}/users',
  operationId: 'listUsers',
  tags,
  security: SESSION,
  summary: 'People holding a role in the commission',
  request: { params: Cid },
  responses: { 200: jsonContent(z.object({ users: z.array(CommissionUserSchema) }), 'Users'), ...READ },
});

const listInvitations = createRoute({
  method: 'get',
  path: '/commissions/{cid}/invitations',
  operationId: 'listInvitations',
  tags,
  security: SESSION,
  summary: 'Invitations of the commission, newest first',
  request: { params: Cid },
  responses: { 200: jsonContent(z.object({ invitations: z.array(InvitationRowSchema) }), 'Invitations'), ...READ },
});

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

export const registryRoutes = createRouter()
  .openapi(listCommissions, async (c) => {
    return c.json({ commissions: await service.listCommissions(c.get('deps'), requireActor(c)) }, 200);
  })
  .openapi(createCommission, async (c) => {
    const commission = await service.createCommission(c.get('deps'), requireActor(c), c.req.valid('json'));
    return c.json({ commission }, 201);
  })
  .openapi(getCommission, async (c) => {
    const commission = await service.getCommission(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    return c.json({ commission }, 200);
  })
  .openapi(listCategories, async (c) => {
    const categories = await service.listCategories(c.get('deps'), requireActor(c), c.req.valid('param').cid, {
      includeRetired: c.req.valid('query').retired === 'true',
    });
    return c.json({ categories }, 200);
  })
  .openapi(renameCategory, async (c) => {
    const version = parseIfMatch(c.req.header('if-match'));
    const category = await service.renameCategory(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      version,
    );
    c.header('ETag', `"${category.version}"`);
    return c.json({ category }, 200);
  })
  .openapi(retireCategory, async (c) => {
    return c.json(await service.retireCategory(c.get('deps'), requireActor(c), c.req.valid('param').id), 200);
  })
  .openapi(listCategoryPresets, async (c) => {
    const presets = await service.categoryPresets(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    return c.json({ presets }, 200);
  })
  .openapi(applyCategoryPreset, async (c) => {
    const result = await service.applyCategoryPreset(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json(result, 200);
  })
  .openapi(importTemplate, async (c) => {
    const csv = await bodyImport.importTemplate(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    c.header('Content-Disposition', 'attachment; filename="templat-impor-badan-publik.csv"');
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8' }) as never;
  })
  .openapi(inviteBodyOperators, async (c) => {
    const result = await bodyImport.inviteBodyOperators(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json').bodyIds,
    );
    return c.json(result, 200);
  })
  .openapi(createCategory, async (c) => {
    const category = await service.createCategory(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json({ category }, 201);
  })
  .openapi(listBodies, async (c) => {
    const result = await service.listBodies(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('query'),
    );
    return c.json(result, 200);
  })
  .openapi(createBody, async (c) => {
    const body = await service.createBody(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json({ body }, 201);
  })
  .openapi(importBodies, async (c) => {
    const actor = requireActor(c);
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!CSV_TYPES.includes(type)) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as text/csv.');
    }
    const result = await bodyImport.importBodies(c.get('deps'), actor, c.req.valid('param').cid, await c.req.text());
    return c.json(result, 200);
  })
  .openapi(getBody, async (c) => {
    const body = await service.getBody(c.get('deps'), requireActor(c), c.req.valid('param').bid);
    return c.json({ body }, 200);
  })
  .openapi(patchBody, async (c) => {
    const actor = requireActor(c);
    const version = parseIfMatch(c.req.header('if-match'));
    const body = await service.updateBody(c.get('deps'), actor, c.req.valid('param').bid, c.req.valid('json'), version);
    c.header('ETag', `"${body.version}"`);
    return c.json({ body }, 200);
  })
  .openapi(inviteUser, async (c) => {
    const result = await people.inviteUser(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('json'),
    );
    return c.json(result, 201);
  })
  .openapi(listUsers, async (c) => {
    const users = await people.listUsers(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    return c.json({ users }, 200);
  })
  .openapi(listInvitations, async (c) => {
    const invitations = await people.listInvitations(c.get('deps'), requireActor(c), c.req.valid('param').cid);
    return c.json({ invitations }, 200);
  });

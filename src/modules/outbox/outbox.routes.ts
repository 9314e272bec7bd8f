import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonContent, problems, READ_ERRORS, SESSION } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { OutboxListSchema, OutboxMailBodySchema, OutboxQuerySchema } from './outbox.schemas.ts';
import * as service from './outbox.service.ts';

const tags = ['notifications'];

const listRoute = createRoute({
  method: 'get',
  path: '/commissions/{cid}/outbox',
  operationId: 'listOutbox',
  tags,
  security: SESSION,
  summary: 'The commission’s e-mails (invitations, notices), newest first, 200 a page: queued, sent or failed',
  request: { params: z.object({ cid: IdParam('cid') }), query: OutboxQuerySchema },
  responses: { 200: jsonContent(OutboxListSchema, 'Mails'), ...problems(...READ_ERRORS) },
});

const getRoute = createRoute({
  method: 'get',
  path: '/outbox/{id}',
  operationId: 'getOutboxMail',
  tags,
  security: SESSION,
  summary: 'One e-mail with its body (its commission’s admin), e.g. to copy an invitation link without SMTP',
  request: {
    params: z.object({
      id: z.coerce
        .number()
        .int()
        .min(1)
        .max(2_147_483_647)
        .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
    }),
  },
  responses: { 200: jsonContent(OutboxMailBodySchema, 'The mail'), ...problems(...READ_ERRORS) },
});

const platformListRoute = createRoute({
  method: 'get',
  path: '/outbox',
  operationId: 'listPlatformOutbox',
  tags,
  security: SESSION,
  summary:
    'The platform’s own e-mails, of no commission (a platform admin’s password reset), newest first: platform admins',
  request: { query: OutboxQuerySchema },
  responses: { 200: jsonContent(OutboxListSchema, 'Mails'), ...problems(...READ_ERRORS) },
});

export const outboxRoutes = createRouter()
  .openapi(listRoute, async (c) => {
    const result = await service.listOutbox(
      c.get('deps'),
      requireActor(c),
      c.req.valid('param').cid,
      c.req.valid('query'),
    );
    return c.json(result, 200);
  })
  .openapi(platformListRoute, async (c) => {
    return c.json(await service.listPlatformOutbox(c.get('deps'), requireActor(c), c.req.valid('query')), 200);
  })
  .openapi(getRoute, async (c) => {
    const mail = await service.getOutboxMail(c.get('deps'), requireActor(c), c.req.valid('param').id);
    return c.json({ mail }, 200);
  });

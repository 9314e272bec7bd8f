import { createRoute, z } from '@hono/zod-openapi';
import { IdParam, jsonContent, problems, SESSION, WRITE_ERRORS } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { AccountStateSchema, InvitationSchema } from './registry.schemas.ts';
import * as people from './users.service.ts';

// The people page's actions (issue 25 item 2): revoke a role, deactivate and reactivate an account, resend, cancel or
// re-issue an invitation's link. Inviting and the lists stay in registry.routes.ts.

const tags = ['registry'];
const WRITE = problems(...WRITE_ERRORS);
const Membership = z.object({ cid: IdParam('cid'), mid: IdParam('mid') });
const Person = z.object({ cid: IdParam('cid'), uid: IdParam('uid') });
const Invitation = z.object({ cid: IdParam('cid'), iid: IdParam('iid') });

const revokeMembership = createRoute({
  method: 'delete',
  path: '/commissions/{cid}/memberships/{mid}',
  operationId: 'revokeMembership',
  tags,
  security: SESSION,
  summary: 'Revoke one role of a person in the commission (not one’s own admin role)',
  request: { params: Membership },
  responses: { 204: { description: 'Revoked' }, ...WRITE },
});

const accountRoute = (active: boolean) =>
  createRoute({
    method: 'post',
    path: `/commissions/{cid}/users/{uid}/${active ? 'reactivate' : 'deactivate'}`,
    operationId: active ? 'reactivateUser' : 'deactivateUser',
    tags,
    security: SESSION,
    summary: active
      ? 'Reactivate a deactivated account (with the roles it holds)'
      : 'Deactivate an account: it cannot sign in and its sessions end at once. An account with roles outside the ' +
        'commission is the platform admin’s to deactivate',
    request: { params: Person },
    responses: { 200: jsonContent(z.object({ user: AccountStateSchema }), 'The account'), ...WRITE },
  });
const deactivateUser = accountRoute(false);
const reactivateUser = accountRoute(true);

const linkRoute = (mail: boolean) =>
  createRoute({
    method: 'post',
    path: `/commissions/{cid}/invitations/{iid}/${mail ? 'resend' : 'link'}`,
    operationId: mail ? 'resendInvitation' : 'reissueInvitationLink',
    tags,
    security: SESSION,
    summary: mail
      ? 'Send a pending or expired invitation again with a new link (the old link stops working)'
      : 'A new link for a pending or expired invitation, to pass on by hand: links are stored hashed, so the earlier ' +
        'one cannot be shown again and stops working',
    request: { params: Invitation },
    responses: { 200: jsonContent(z.object({ invitation: InvitationSchema }), 'The new link'), ...WRITE },
  });
const resendInvitation = linkRoute(true);
const reissueLink = linkRoute(false);

const cancelInvitation = createRoute({
  method: 'delete',
  path: '/commissions/{cid}/invitations/{iid}',
  operationId: 'cancelInvitation',
  tags,
  security: SESSION,
  summary: 'Cancel a pending invitation: its link stops working and it grants nothing',
  request: { params: Invitation },
  responses: { 204: { description: 'Cancelled' }, ...WRITE },
});

export const usersRoutes = createRouter()
  .openapi(revokeMembership, async (c) => {
    const { cid, mid } = c.req.valid('param');
    await people.revokeMembership(c.get('auth'), requireActor(c), cid, mid);
    return c.body(null, 204);
  })
  .openapi(deactivateUser, async (c) => {
    const { cid, uid } = c.req.valid('param');
    return c.json({ user: await people.setAccountActive(c.get('auth'), requireActor(c), cid, uid, false) }, 200);
  })
  .openapi(reactivateUser, async (c) => {
    const { cid, uid } = c.req.valid('param');
    return c.json({ user: await people.setAccountActive(c.get('auth'), requireActor(c), cid, uid, true) }, 200);
  })
  .openapi(resendInvitation, async (c) => {
    const { cid, iid } = c.req.valid('param');
    return c.json({ invitation: await people.reissueInvitation(c.get('deps'), requireActor(c), cid, iid, true) }, 200);
  })
  .openapi(reissueLink, async (c) => {
    const { cid, iid } = c.req.valid('param');
    return c.json({ invitation: await people.reissueInvitation(c.get('deps'), requireActor(c), cid, iid, false) }, 200);
  })
  .openapi(cancelInvitation, async (c) => {
    const { cid, iid } = c.req.valid('param');
    await people.cancelInvitation(c.get('deps'), requireActor(c), cid, iid);
    return c.body(null, 204);
  });

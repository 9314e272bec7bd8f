/**
 * The people page's actions (issue 25 item 2): revoke a role, deactivate or reactivate an account, resend, re-link or
 * cancel an invitation. Types come from the server's route schemas, imported type-only, as in web/src/api.ts.
 */

import type { AccountState, InvitationLink } from '../../src/modules/registry/registry.schemas.ts';
import { request } from './api.ts';

export type { AccountState };

const enc = encodeURIComponent;
const base = (cid: string) => `/commissions/${enc(cid)}`;

export const peopleApi = {
  revokeRole: (cid: string, membershipId: string) =>
    request<void>(`${base(cid)}/memberships/${enc(membershipId)}`, { method: 'DELETE' }),
  setActive: (cid: string, userId: string, active: boolean) =>
    request<{ user: AccountState }>(`${base(cid)}/users/${enc(userId)}/${active ? 'reactivate' : 'deactivate'}`, {
      method: 'POST',
    }),
  resendInvitation: (cid: string, invitationId: string) =>
    request<{ invitation: InvitationLink }>(`${base(cid)}/invitations/${enc(invitationId)}/resend`, {
      method: 'POST',
    }),
  newInvitationLink: (cid: string, invitationId: string) =>
    request<{ invitation: InvitationLink }>(`${base(cid)}/invitations/${enc(invitationId)}/link`, { method: 'POST' }),
  cancelInvitation: (cid: string, invitationId: string) =>
    request<void>(`${base(cid)}/invitations/${enc(invitationId)}`, { method: 'DELETE' }),
};

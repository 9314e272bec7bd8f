-- People (issue 25 item 2): an invitation carries the role it offers and grants it only when accepted, so the
-- membership is created at acceptance (membership_id is set then). An invitation can be cancelled; an accepted one
-- whose membership is later revoked keeps its row (membership_id null) for the history. A conflict of interest
-- (a body's PPID operator who is also an evaluator of the same commission) needs a reason, kept with the invitation
-- and with the membership it grants.
alter table invitations alter column membership_id drop not null;
alter table invitations add column role text;
alter table invitations add column body_id text references bodies(id);
alter table invitations add column conflict_reason text;
alter table invitations add column cancelled_at timestamptz;
update invitations i set role = m.role, body_id = m.body_id from memberships m where m.id = i.membership_id;
alter table invitations alter column role set not null;
alter table invitations add constraint invitations_role_check
  check (role in ('commission_admin', 'evaluator', 'leadership', 'body_operator'));
alter table invitations add constraint invitations_body_check
  check ((role = 'body_operator') = (body_id is not null));
create index invitations_user_idx on invitations (user_id);
alter table memberships add column conflict_reason text;

-- Foundation: the commission registry, accounts, sessions, invitations, the e-mail outbox and the audit trail.
-- Later stages of the cycle (periods, questionnaires, submissions, verification, results, certificates) add their own
-- migrations; every tenant row carries commission_id so that tenancy is one column away in every query.

create table commissions (
  id text primary key default gen_random_uuid()::text,
  code text not null unique,
  name text not null,
  province text,
  created_at timestamptz not null default now()
);

create table categories (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  code text not null,
  name text not null,
  created_at timestamptz not null default now(),
  unique (commission_id, code)
);

create table bodies (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  category_id text not null references categories(id),
  name text not null,
  -- the name folded for matching: lower case, runs of white space collapsed (history import, duplicate check)
  name_key text not null,
  slug text not null,
  province text,
  website text,
  ppid_email text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (commission_id, name_key)
);
create index bodies_commission_category_idx on bodies (commission_id, category_id, name);

create table users (
  id text primary key default gen_random_uuid()::text,
  email text not null unique,
  name text not null,
  password_hash text,
  created_at timestamptz not null default now(),
  disabled_at timestamptz
);

create table memberships (
  id text primary key default gen_random_uuid()::text,
  user_id text not null references users(id),
  role text not null check (role in ('platform_admin', 'commission_admin', 'evaluator', 'leadership', 'body_operator')),
  commission_id text references commissions(id),
  body_id text references bodies(id),
  created_at timestamptz not null default now(),
  check (
    (role = 'platform_admin' and commission_id is null and body_id is null)
    or (role in ('commission_admin', 'evaluator', 'leadership') and commission_id is not null and body_id is null)
    or (role = 'body_operator' and commission_id is not null and body_id is not null)
  )
);
create unique index memberships_unique_idx
  on memberships (user_id, role, coalesce(commission_id, ''), coalesce(body_id, ''));
create index memberships_commission_idx on memberships (commission_id);

create table sessions (
  id text primary key default gen_random_uuid()::text,
  token_hash text not null unique,
  user_id text not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index sessions_user_idx on sessions (user_id);

create table invitations (
  id text primary key default gen_random_uuid()::text,
  token_hash text not null unique,
  commission_id text not null references commissions(id),
  user_id text not null references users(id),
  membership_id text not null references memberships(id),
  invited_by text references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index invitations_commission_idx on invitations (commission_id, created_at);

-- Throttling of login and invitation acceptance: one row per failed attempt, keyed by account and by client address.
create table auth_failures (
  id bigint generated always as identity primary key,
  kind text not null,
  key text not null,
  at timestamptz not null default now()
);
create index auth_failures_key_idx on auth_failures (kind, key, at);

-- E-mails go through an outbox written in the same transaction as the change that causes them; a sender delivers them.
create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  recipient text not null,
  subject text not null,
  body text not null,
  payload jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  sent_at timestamptz,
  last_error text
);
create index outbox_pending_idx on outbox (id) where sent_at is null;

-- The audit trail is append-only: a trigger refuses every UPDATE and DELETE.
create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id text references users(id),
  commission_id text references commissions(id),
  event text not null,
  subject_type text not null,
  subject_id text not null,
  before jsonb,
  after jsonb,
  reason text
);
create index audit_events_subject_idx on audit_events (subject_type, subject_id, at);
create index audit_events_commission_idx on audit_events (commission_id, at);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end;
$$;
create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();

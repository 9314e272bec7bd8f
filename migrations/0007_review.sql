-- Review: assignment of submissions to evaluators (with conflicts of interest), item-level verification, clarification
-- threads, objections (sanggah), the panel's gate, and the notices they send. Every score-affecting event goes to the
-- append-only submission_history (0003) with who, when, before, after and the reason; this migration adds no second
-- trail.

-- The verification of a submission is a state of its own beside its status (draft / submitted / locked).
alter table submissions
  add column verification_state text not null default 'not_started'
    check (verification_state in ('not_started', 'in_progress', 'complete')),
  add column verification_completed_at timestamptz,
  add column verification_completed_by text references users(id),
  -- set when the period enters the presentation stage: whether the rounded verified SAQ reached the methodology's gate
  -- (null before that stage, and for a period without a gate: everyone proceeds)
  add column proceeds boolean,
  -- the first submission's time, kept through reopenings: a reopened SAQ left unsubmitted when its extension ends is
  -- locked as submitted (DOMAIN.md); only a body that never submitted is scored as not submitted
  add column first_submitted_at timestamptz;
update submissions set first_submitted_at = submitted_at where submitted_at is not null;

-- When an evaluator last set this answer's verified value (null: not verified yet). Accepting the answer sets the
-- verified value equal to it, so "verified" is verified_at is not null.
alter table answers add column verified_at timestamptz;

-- One evaluator per submission; reassignment changes the evaluator and keeps the verification done so far.
create table assignments (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  submission_id text not null unique references submissions(id),
  evaluator_id text not null references users(id),
  assigned_by text references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index assignments_evaluator_idx on assignments (evaluator_id, period_id);
create index assignments_period_idx on assignments (period_id);

-- A conflict of interest: this evaluator never gets this body's submissions (in any period of the commission).
create table evaluator_exclusions (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  body_id text not null references bodies(id),
  evaluator_id text not null references users(id),
  reason text not null,
  created_by text references users(id),
  created_at timestamptz not null default now(),
  unique (body_id, evaluator_id)
);

-- An evaluator's question about one item, answered by the body (with evidence for that item only) until due_at.
create table clarifications (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  submission_id text not null references submissions(id),
  question_code text not null,
  asked_by text references users(id),
  message text not null,
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'answered', 'closed')),
  -- the day (Asia/Jakarta, YYYY-MM-DD) of the last reminder queued for it: at most one a day
  reminded_on text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index clarifications_submission_idx on clarifications (submission_id, question_code);
create index clarifications_due_idx on clarifications (due_at) where status = 'open';

-- The thread of a clarification: the question is the first message, then replies; evidence lists what a reply added
-- to the item ([{url} | {fileId, name}]).
create table clarification_messages (
  id bigint generated always as identity primary key,
  clarification_id text not null references clarifications(id),
  author_id text references users(id),
  message text not null,
  evidence jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now()
);
create index clarification_messages_idx on clarification_messages (clarification_id, id);

-- A body's objection to one item's verification, filed in the objection stage and decided by an evaluator or the admin.
create table objections (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  submission_id text not null references submissions(id),
  question_code text not null,
  reason text not null,
  evidence jsonb not null default '[]'::jsonb,
  filed_by text references users(id),
  created_at timestamptz not null default now(),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'rejected')),
  decided_by text references users(id),
  decided_at timestamptz,
  decision_reason text,
  -- the verified value before and after the decision (after = before when rejected)
  before_value jsonb,
  after_value jsonb
);
create index objections_submission_idx on objections (submission_id, question_code);
-- one pending objection per item at a time
create unique index objections_pending_idx on objections (submission_id, question_code) where status = 'pending';

alter table panel_scores add column created_at timestamptz not null default now();

-- Notices are deduplicated by a key of their cause (for example the daily reminder of one clarification on one day).
alter table outbox add column dedupe_key text;
create unique index outbox_dedupe_idx on outbox (dedupe_key) where dedupe_key is not null;

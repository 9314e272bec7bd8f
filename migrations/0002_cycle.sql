-- The annual cycle: periods with their methodology and stage, the normalised questionnaire per period and category,
-- and the filling tables the scoring engine reads (submissions, answers with stored fractions, panel scores).
-- Stored fractions: a questionnaire is frozen once the SAQ opens, so each answer's fraction is computed once when it
-- is saved (and again when an evaluator sets a verified value); results are then set-based sums (shared/DESIGN.md).
-- A fraction is kept exact as points over the question's max_points (checked points / all points, an option's score
-- over 1, yes 1 / no 0 over 1): 2 of 3 checklist points stays 2/3, never 0.666..., so sums divide once at the end.

create table periods (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  year integer not null check (year between 2000 and 2100),
  title text not null,
  stage text not null default 'draft'
    check (stage in ('draft', 'saq', 'verification', 'objection', 'presentation', 'results', 'published')),
  methodology jsonb not null,
  schedule jsonb not null default '{}'::jsonb,
  settings jsonb not null default '{}'::jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (commission_id, year)
);

create table stage_events (
  id bigint generated always as identity primary key,
  period_id text not null references periods(id),
  from_stage text not null,
  to_stage text not null,
  actor_id text references users(id),
  at timestamptz not null default now(),
  reason text
);
create index stage_events_period_idx on stage_events (period_id, at);

create table questionnaires (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  category_id text not null references categories(id),
  source text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (period_id, category_id)
);

create table indicators (
  id text primary key default gen_random_uuid()::text,
  questionnaire_id text not null references questionnaires(id) on delete cascade,
  code text not null,
  title text not null,
  weight numeric not null check (weight > 0),
  position integer not null,
  unique (questionnaire_id, code)
);

create table questions (
  id text primary key default gen_random_uuid()::text,
  questionnaire_id text not null references questionnaires(id) on delete cascade,
  indicator_id text not null references indicators(id) on delete cascade,
  code text not null,
  text text not null,
  guidance text,
  type text not null check (type in ('boolean', 'choice', 'checklist')),
  weight numeric not null check (weight > 0),
  evidence text not null check (evidence in ('none', 'optional', 'required')),
  -- the denominator of the question's fraction: the sum of a checklist's points, else 1
  max_points numeric not null default 1 check (max_points > 0),
  position integer not null,
  unique (questionnaire_id, code)
);
create index questions_indicator_idx on questions (indicator_id);

create table question_options (
  question_id text not null references questions(id) on delete cascade,
  code text not null,
  label text not null,
  score numeric not null check (score >= 0 and score <= 1),
  position integer not null,
  primary key (question_id, code)
);

create table question_items (
  question_id text not null references questions(id) on delete cascade,
  code text not null,
  label text not null,
  points numeric not null check (points > 0),
  position integer not null,
  primary key (question_id, code)
);

create table submissions (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  body_id text not null references bodies(id),
  status text not null default 'draft' check (status in ('draft', 'submitted', 'locked')),
  version integer not null default 0,
  submitted_at timestamptz,
  deadline_override timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (period_id, body_id)
);
create index submissions_commission_period_idx on submissions (commission_id, period_id);

create table answers (
  submission_id text not null references submissions(id),
  question_id text not null references questions(id),
  question_code text not null,
  value jsonb,
  note text,
  -- the fraction's numerator over questions.max_points
  self_points numeric not null default 0,
  verified_value jsonb,
  verified_points numeric,
  verified_reason text,
  verified_by text references users(id),
  changed_version integer not null default 0,
  carried boolean not null default false,
  updated_by text references users(id),
  updated_at timestamptz not null default now(),
  primary key (submission_id, question_code)
);

create table panel_members (
  period_id text not null references periods(id),
  user_id text not null references users(id),
  primary key (period_id, user_id)
);

create table panel_scores (
  submission_id text not null references submissions(id),
  juror_id text not null references users(id),
  component text not null,
  score numeric not null check (score >= 0 and score <= 100),
  updated_at timestamptz not null default now(),
  primary key (submission_id, juror_id, component)
);

-- Filling the SAQ: evidence (links and files), link checks, and the append-only history of every submission change.

create table files (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  submission_id text not null references submissions(id),
  name text not null,
  size bigint not null check (size >= 0),
  content_type text not null,
  sha256 text not null,
  storage_key text not null,
  uploaded_by text references users(id),
  created_at timestamptz not null default now()
);
create index files_submission_idx on files (submission_id);

create table evidence (
  id bigint generated always as identity primary key,
  submission_id text not null,
  question_code text not null,
  position integer not null,
  url text,
  file_id text references files(id),
  foreign key (submission_id, question_code) references answers (submission_id, question_code) on delete cascade,
  check ((url is not null and file_id is null) or (url is null and file_id is not null))
);
create index evidence_answer_idx on evidence (submission_id, question_code, position);

-- One row per distinct link: the background checker records what the link answered, for the evaluator.
create table link_checks (
  url text primary key,
  status integer,
  error text,
  checked_at timestamptz,
  first_seen_at timestamptz not null default now()
);
create index link_checks_due_idx on link_checks (checked_at nulls first);

-- Who changed what and when: answers (question_code set), submission, reopening, extension (question_code null).
create table submission_history (
  id bigint generated always as identity primary key,
  submission_id text not null references submissions(id),
  question_code text,
  at timestamptz not null default now(),
  actor_id text references users(id),
  event text not null,
  before jsonb,
  after jsonb,
  reason text
);
create index submission_history_idx on submission_history (submission_id, question_code, id);

create function append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger submission_history_no_update before update or delete on submission_history
  for each row execute function append_only();

-- Results: corrections after the results stage, published versions (a decree each) with their rows and the diff of
-- every amendment, certificates issued at publication, and imported years of earlier decrees. Everything published is
-- immutable: result_versions, result_rows and result_diffs refuse UPDATE and DELETE (append_only, 0003); a certificate
-- may only be revoked once (its other columns never change). Stored rows do not depend on questionnaires, so imported
-- years (no questionnaire, no submission) are read the same way as computed ones.

-- An admin's correction from the results stage on (API.md): a verified value of one question, or a panel component's
-- score that replaces the jurors' mean (their scores stay on record). Append-only; the latest panel correction of a
-- (submission, component) is the one in force. It reaches published results only through the next publication.
create table corrections (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  submission_id text not null references submissions(id),
  kind text not null check (kind in ('verified_value', 'panel_score')),
  question_code text,
  component text,
  -- the value before and after: a verified value ({value, points}) or a component's score ({score})
  before jsonb,
  after jsonb not null,
  -- the panel score in force after a panel correction (null for a verified value)
  score numeric check (score >= 0 and score <= 100),
  reason text not null,
  actor_id text references users(id),
  created_at timestamptz not null default now(),
  check ((kind = 'verified_value' and question_code is not null and component is null)
      or (kind = 'panel_score' and component is not null and question_code is null and score is not null))
);
create index corrections_period_idx on corrections (period_id, created_at);
create index corrections_submission_idx on corrections (submission_id, component, created_at);
create trigger corrections_no_update before update or delete on corrections
  for each row execute function append_only();

-- One publication (a decree) of a period's results: version 1 is the first, each later one an amendment.
create table result_versions (
  id text primary key default gen_random_uuid()::text,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  version integer not null check (version >= 1),
  decree_number text not null,
  decree_date date not null,
  published_at timestamptz not null default now(),
  published_by text references users(id),
  -- the methodology the rows were computed with (components, gate, bands, decimals), as it was
  methodology jsonb not null,
  -- computed from the period's data, or imported from an earlier decree (POST /commissions/:cid/history/import)
  source text not null default 'computed' check (source in ('computed', 'imported')),
  -- generated figures (the demo's years without published ones), marked as examples wherever they are shown
  example boolean not null default false,
  -- how many bodies' final, band or rank differ from the previous version (0 for version 1)
  changed integer not null default 0,
  unique (period_id, version)
);
create index result_versions_commission_idx on result_versions (commission_id, period_id);
create trigger result_versions_no_update before update or delete on result_versions
  for each row execute function append_only();

-- One body's published result in one version. Values are as shown: rounded at the methodology's decimals.
create table result_rows (
  version_id text not null references result_versions(id),
  period_id text not null references periods(id),
  body_id text not null references bodies(id),
  -- the name and category at publication (a later rename does not change a decree)
  body_name text not null,
  category_code text not null,
  -- the submission scored (null: the body never submitted, or an imported year)
  submission_id text,
  -- {componentKey: number | null}, rounded; {} for an imported year
  components jsonb not null default '{}'::jsonb,
  final numeric not null,
  band text not null,
  -- the band's position in the methodology's bands (0 = the highest)
  band_index integer not null,
  rank integer not null check (rank >= 1),
  -- the listing order inside the version: category, rank, then name (lower, collate "C") and id
  position integer not null,
  -- a generated figure (the demo's earlier years where no decree's figure exists), shown as an example
  example boolean not null default false,
  primary key (version_id, body_id)
);
create index result_rows_position_idx on result_rows (version_id, position);
create index result_rows_body_idx on result_rows (body_id, period_id);
create trigger result_rows_no_update before update or delete on result_rows
  for each row execute function append_only();

-- An amendment's changes against the previous version, per body whose final, band or rank moved, with the reasons
-- (the corrections made between the two publications).
create table result_diffs (
  version_id text not null references result_versions(id),
  body_id text not null references bodies(id),
  body_name text not null,
  category_code text not null,
  -- {final, band, rank}; null when the body was not in that version
  before jsonb,
  after jsonb,
  -- [{kind, questionCode?, component?, before, after, reason, at, actor}]
  reasons jsonb not null default '[]'::jsonb,
  primary key (version_id, body_id)
);
create trigger result_diffs_no_update before update or delete on result_diffs
  for each row execute function append_only();

-- A certificate (piagam) issued at publication to a body whose band earns one. The code is 128 random bits
-- (base32, unguessable). A later publication that changes the body's band or final revokes it and issues a new one
-- (replaced_by); the others keep theirs.
create table certificates (
  code text primary key,
  commission_id text not null references commissions(id),
  period_id text not null references periods(id),
  version_id text not null references result_versions(id),
  body_id text not null references bodies(id),
  body_name text not null,
  band text not null,
  final numeric not null,
  issued_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by_version_id text references result_versions(id),
  replaced_by text references certificates(code)
);
create index certificates_period_idx on certificates (period_id, body_id);

create function certificates_revoke_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'certificates are never deleted';
  end if;
  if old.revoked_at is not null
     or (new.code, new.commission_id, new.period_id, new.version_id, new.body_id, new.body_name, new.band, new.final,
         new.issued_at)
        is distinct from
        (old.code, old.commission_id, old.period_id, old.version_id, old.body_id, old.body_name, old.band, old.final,
         old.issued_at) then
    raise exception 'a certificate can only be revoked, once';
  end if;
  return new;
end;
$$;
create trigger certificates_revoke_only before update or delete on certificates
  for each row execute function certificates_revoke_only();

import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/**
 * The autosave's statements (decision 007): one read for the full path, and two writers, the full path's (`writeSave`)
 * and the group-commit batch (`writeFastSaves`). Each writer is one statement, atomic without an explicit transaction,
 * and keeps the three rules below, written once here:
 * - MOVES THE VERSION (`MOVES_VERSION`, `stillAt`): a write of answers moves its submission's version one up, and
 *   applies only while the submission is still a draft at the version the writer read. Every other writer of answers
 *   (carry forward, submit, reopen, extension, the lock at the SAQ's close) moves the version too, so "still at the
 *   version read" means that the answers the writer read are those of that version.
 * - THE SAQ WINDOW (`editableAt`): the submission may be changed at the save's time, by the rule of `editable` in
 *   src/domain/saq-window.ts, never looser.
 * - THE CONFLICT CLAUSE (`noConflict`): none of the save's questions changed after the version the client last saw
 *   (If-Match).
 * A save that breaks any of them writes nothing; the service then reads again and answers precisely.
 */

/** What the full path reads of a question being saved. */
export interface SavedAnswer {
  code: string;
  points: string;
  version: number;
  value: unknown;
  note: string | null;
}

/** What the autosave checks, read in one round trip. */
export interface SaveState {
  id: string;
  commissionId: string;
  bodyId: string;
  status: string;
  version: number;
  deadlineOverride: Date | null;
  stage: string;
  schedule: unknown;
  methodology: unknown;
  questionnaireId: string | null;
  requested: SavedAnswer[];
  /** Every answer's points, or null when the caller already holds them for this version. */
  points: { code: string; points: string }[] | null;
}

/** Rule "moves the version": the submission `s` moves one version up (see the rules above). */
const MOVES_VERSION = sql`version = s.version + 1, updated_at = now()`;

/** Rule "moves the version", its guard: the submission `s` is still a draft at the version the writer read. */
function stillAt(fromVersion: unknown) {
  return sql`s.version = ${fromVersion} and s.status = 'draft'`;
}

/**
 * Rule "the SAQ window": the SQL twin of `editable` (src/domain/saq-window.ts) for a draft `s` of period `p` at the time
 * `at`: within its extension, or in the SAQ stage up to its deadline (`deadlineOf`: the schedule's last day in
 * Asia/Jakarta, or the extension if later).
 */
function editableAt(at: unknown) {
  return sql`(s.deadline_override > ${at}
    or (p.stage = 'saq' and ${at} <= coalesce(greatest(
      cast((p.schedule #>> '{saq,end}') || 'T23:59:59.999+07:00' as timestamptz), s.deadline_override), 'infinity')))`;
}

/** Rule "the conflict clause": no question of `codes` of the submission changed after `ifMatch`. */
function noConflict(submissionId: unknown, codes: unknown, ifMatch: unknown) {
  return sql`not exists (
    select 1 from answers a
    where a.submission_id = ${submissionId} and a.question_code = any(${codes}) and a.changed_version > ${ifMatch})`;
}

// the answer upsert of every autosave writer: the operator's own answer (not carried), stamped with its version
const INSERT_ANSWER = sql`insert into answers (submission_id, question_id, question_code, value, note, self_points,
  changed_version, carried, updated_by, updated_at)`;
const UPSERT_ANSWER = sql`on conflict (submission_id, question_code) do update set value = excluded.value,
  note = excluded.note, self_points = excluded.self_points, changed_version = excluded.changed_version, carried = false,
  updated_by = excluded.updated_by, updated_at = now()`;

/**
 * What the autosave checks, read in one round trip without locking: tenancy, stage, schedule, questionnaire, the
 * questions being saved (version stamps, values, notes, points), and every answer's points unless the caller already
 * holds them for the current version (`knownVersion`: the app's autosave state).
 */
export async function readForSave(
  db: Db,
  id: string,
  codes: string[],
  knownVersion: number | null,
): Promise<SaveState | undefined> {
  const result = await sql<
    Omit<SaveState, 'requested' | 'points'> & {
      requested: SavedAnswer[] | string;
      points: { code: string; points: string }[] | string | null;
    }
  >`
    select s.id, s.commission_id, s.body_id, s.status, s.version, s.deadline_override, p.stage, p.schedule,
      p.methodology, q.id as questionnaire_id,
      coalesce((select json_agg(json_build_object('code', a.question_code, 'points', a.self_points::text,
        'version', a.changed_version, 'value', a.value, 'note', a.note))
        from answers a where a.submission_id = s.id and a.question_code = any(${codes}::text[])), '[]'::json) as requested,
      case when s.version = ${knownVersion ?? -1} then null else
        coalesce((select json_agg(json_build_object('code', a.question_code, 'points', a.self_points::text))
        from answers a where a.submission_id = s.id), '[]'::json) end as points
    from submissions s
    join periods p on p.id = s.period_id
    join bodies b on b.id = s.body_id
    left join questionnaires q on q.period_id = s.period_id and q.category_id = b.category_id
    where s.id = ${id}`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const parse = <T>(v: T | string) => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  return {
    ...row,
    requested: parse(row.requested),
    points: row.points === null ? null : parse(row.points),
  };
}

export interface FullSave {
  submissionId: string;
  /** The version read: the save applies only if the submission is still there. */
  fromVersion: number;
  ifMatch: number;
  actorId: string;
  /** The save's time, for the SAQ window. */
  at: Date;
  answers: { questionId: string; questionCode: string; value: unknown; note: string | null; selfPoints: string }[];
  evidence: { questionCode: string; position: number; url: string | null; fileId: string | null }[];
  evidenceCodes: string[];
  history: { questionCode: string; before: unknown; after: unknown }[];
}

/**
 * The full path's writer: one save as a single statement. Keeps the rules above (MOVES THE VERSION, THE SAQ WINDOW,
 * THE CONFLICT CLAUSE); only then are the answers upserted, evidence replaced (for questions that send it) and history
 * appended. Returns false when the save did not apply (the caller reads again and re-checks).
 */
export async function writeSave(db: Db, save: FullSave): Promise<boolean> {
  const version = save.fromVersion + 1;
  const codes = save.answers.map((a) => a.questionCode);
  const answers = JSON.stringify(
    save.answers.map((a) => ({
      question_id: a.questionId,
      question_code: a.questionCode,
      value: a.value,
      note: a.note,
      self_points: a.selfPoints,
    })),
  );
  const history = JSON.stringify(
    save.history.map((h) => ({ question_code: h.questionCode, before: h.before, after: h.after })),
  );
  const evidence = JSON.stringify(
    save.evidence.map((e) => ({ question_code: e.questionCode, position: e.position, url: e.url, file_id: e.fileId })),
  );
  // evidence is rare on the autosave path: its statements are part of the query only when some question sends it
  const evidencePart =
    save.evidenceCodes.length === 0
      ? sql``
      : sql`, removed as (
      delete from evidence e using bumped b
      where e.submission_id = b.id
        and e.question_code in (select jsonb_array_elements_text(cast(${JSON.stringify(save.evidenceCodes)} as text)::jsonb))
      returning e.id
    ), attached as (
      insert into evidence (submission_id, question_code, position, url, file_id)
      select b.id, x.question_code, x.position, x.url, x.file_id
      from jsonb_to_recordset(cast(${evidence} as text)::jsonb) as x(question_code text, position int, url text, file_id text)
      cross join bumped b
      -- the answer row must exist first: evidence of a question answered for the first time waits for upserted
      where x.question_code in (select question_code from upserted)
      returning url
    ), links as (
      insert into link_checks (url) select distinct url from attached where url is not null on conflict (url) do nothing
      returning url
    )`;
  const result = await sql<{ bumped: number }>`
    with bumped as (
      update submissions s set ${MOVES_VERSION}
      from periods p
      where s.id = ${save.submissionId} and ${stillAt(save.fromVersion)}
        and p.id = s.period_id and ${editableAt(sql`cast(${save.at.toISOString()} as timestamptz)`)}
        and ${noConflict(save.submissionId, sql`cast(${codes} as text[])`, save.ifMatch)}
      returning s.id
    ), input as (
      select * from jsonb_to_recordset(cast(${answers} as text)::jsonb)
        as x(question_id text, question_code text, value jsonb, note text, self_points numeric)
    ), upserted as (
      ${INSERT_ANSWER}
      select b.id, i.question_id, i.question_code, i.value, i.note, i.self_points, ${version}, false, ${save.actorId}, now()
      from input i cross join bumped b
      ${UPSERT_ANSWER}
      returning question_code
    )${evidencePart}, logged as (
      insert into submission_history (submission_id, question_code, actor_id, event, before, after)
      select b.id, h.question_code, ${save.actorId}, 'answer.saved', h.before, h.after
      from jsonb_to_recordset(cast(${history} as text)::jsonb) as h(question_code text, before jsonb, after jsonb)
      cross join bumped b
      returning 1
    )
    select (select count(*) from bumped)::int as bumped`.execute(db);
  return (result.rows[0]?.bumped ?? 0) > 0;
}

export interface FastSave {
  submissionId: string;
  /** The version this app last wrote or read: the save applies only if the submission is still there. */
  fromVersion: number;
  ifMatch: number;
  actorId: string;
  /** The save's time, for the SAQ window. */
  at: Date;
  answers: { questionId: string; questionCode: string; value: unknown; note?: string | null; selfPoints: string }[];
}

// the history row of an autosaved answer `t` (`value`, `note`, `has_note`) over its previous state `p` (`existed`,
// `value`, `note`): the note is in "after" only when the save sent one
const HISTORY_BEFORE = sql`case when p.existed then jsonb_build_object('value', p.value, 'note', p.note) end`;
const HISTORY_AFTER = sql`jsonb_build_object('value', t.value)
  || case when t.has_note then jsonb_build_object('note', t.note) else '{}'::jsonb end`;

/**
 * The fast path's writer: the autosaves of many submissions (one or more) as one statement (group commit). Each save
 * keeps the rules above (MOVES THE VERSION from its `fromVersion`, THE SAQ WINDOW at its `at`, THE CONFLICT CLAUSE
 * against its If-Match); then its answers are upserted (a note not sent is kept), and its history rows appended. The
 * answers read for the conflict check and the history's "before" are exactly those of `fromVersion`, as nobody
 * changes answers without moving the version. Returns the new version of each save, or null where it did not apply
 * (the caller reads and decides on its full path why: conflict, locked, closed or just moved on).
 */
export async function writeFastSaves(db: Db, saves: FastSave[]): Promise<(number | null)[]> {
  const input = JSON.stringify(
    saves.map((s) => ({
      sid: s.submissionId,
      from_version: s.fromVersion,
      if_match: s.ifMatch,
      actor: s.actorId,
      at: s.at.toISOString(),
      codes: s.answers.map((a) => a.questionCode),
    })),
  );
  const items = JSON.stringify(
    saves.flatMap((s) =>
      s.answers.map((a) => ({
        sid: s.submissionId,
        question_id: a.questionId,
        question_code: a.questionCode,
        value: a.value,
        note: a.note ?? null,
        has_note: a.note !== undefined,
        self_points: a.selfPoints,
      })),
    ),
  );
  // every lookup goes through a primary key (lateral joins, row ids), so a batch costs its own rows at any size
  const result = await sql<{ id: string; version: number }>`
    with input as (
      select * from jsonb_to_recordset(cast(${input} as text)::jsonb)
        as x(sid text, from_version int, if_match int, actor text, at timestamptz, codes text[])
    ), item as (
      select * from jsonb_to_recordset(cast(${items} as text)::jsonb)
        as x(sid text, question_id text, question_code text, value jsonb, note text, has_note boolean, self_points numeric)
    ), target as materialized (
      -- found by primary key one by one (offset 0 keeps the lookup from being flattened into a scan), whatever the
      -- planner thinks of the table's size
      select s.ctid as tid, s.id, i.actor
      from input i
      cross join lateral (select ctid, * from submissions where id = i.sid offset 0) s
      join periods p on p.id = s.period_id
      where ${stillAt(sql`i.from_version`)} and ${editableAt(sql`i.at`)}
        and ${noConflict(sql`s.id`, sql`i.codes`, sql`i.if_match`)}
    ), bumped as (
      -- a row changed since the snapshot is a new row version with another ctid: it is left alone (the caller falls
      -- back to its full path), so the checks above always held for the version written
      update submissions s set ${MOVES_VERSION}
      from target t
      where s.ctid = t.tid and s.id = t.id and s.status = 'draft'
      returning s.id, s.version, t.actor
    ), prev as (
      select t.sid, t.question_code, a.value, a.note, a.submission_id is not null as existed
      from item t left join lateral (
        select a.submission_id, a.value, a.note from answers a
        where a.submission_id = t.sid and a.question_code = t.question_code
        offset 0
      ) a on true
    ), upserted as (
      ${INSERT_ANSWER}
      select b.id, t.question_id, t.question_code, t.value, case when t.has_note then t.note else p.note end,
        t.self_points, b.version, false, b.actor, now()
      from item t join bumped b on b.id = t.sid
      join prev p on p.sid = t.sid and p.question_code = t.question_code
      ${UPSERT_ANSWER}
      returning 1
    ), logged as (
      insert into submission_history (submission_id, question_code, actor_id, event, before, after)
      select b.id, t.question_code, b.actor, 'answer.saved', ${HISTORY_BEFORE}, ${HISTORY_AFTER}
      from item t join bumped b on b.id = t.sid
      join prev p on p.sid = t.sid and p.question_code = t.question_code
      returning 1
    )
    select id, version from bumped`.execute(db);
  const applied = new Map(result.rows.map((r) => [r.id, Number(r.version)]));
  return saves.map((s) => applied.get(s.submissionId) ?? null);
}

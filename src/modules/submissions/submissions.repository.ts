import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';

/** The operator's bodies in a commission (a person may run the PPID of more than one body). */
export async function operatedBodies(db: Db, userId: string, commissionId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('bodies as b', 'b.id', 'm.bodyId')
    .select(['b.id', 'b.name', 'b.categoryId'])
    .where('m.userId', '=', userId)
    .where('m.role', '=', 'body_operator')
    .where('m.commissionId', '=', commissionId)
    .orderBy('b.name')
    .execute();
}

/** A submission with what every check needs: its body, category, period stage and schedule, questionnaire id. */
export async function findSubmission(db: Db, id: string) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .leftJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select([
      's.id',
      's.commissionId',
      's.periodId',
      's.bodyId',
      's.status',
      's.version',
      's.submittedAt',
      's.deadlineOverride',
      's.createdAt',
      's.updatedAt',
      'p.stage',
      'p.schedule',
      'p.methodology',
      'p.year',
      'b.name as bodyName',
      'c.code as categoryCode',
      'q.id as questionnaireId',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function findSubmissionOf(db: Db, periodId: string, bodyId: string) {
  return db
    .selectFrom('submissions')
    .select('id')
    .where('periodId', '=', periodId)
    .where('bodyId', '=', bodyId)
    .executeTakeFirst();
}

/** Creates the body's submission once; a concurrent first open finds the row the other made. */
export async function ensureSubmission(db: Db, values: { commissionId: string; periodId: string; bodyId: string }) {
  await db
    .insertInto('submissions')
    .values(values)
    .onConflict((oc) => oc.columns(['periodId', 'bodyId']).doNothing())
    .execute();
  return findSubmissionOf(db, values.periodId, values.bodyId);
}

/** Locks the submission row for a change: saves of one body serialise, other bodies never wait. */
export async function lockSubmission(db: Db, id: string) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .select(['s.id', 's.status', 's.version', 's.deadlineOverride', 'p.stage'])
    .where('s.id', '=', id)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function answersOf(db: Db, submissionId: string, codes?: string[]) {
  let q = db
    .selectFrom('answers as a')
    .leftJoin('users as u', 'u.id', 'a.updatedBy')
    .select([
      'a.questionCode',
      'a.value',
      'a.note',
      'a.selfPoints',
      'a.verifiedValue',
      'a.verifiedPoints',
      'a.verifiedReason',
      'a.changedVersion',
      'a.carried',
      'a.updatedAt',
      'a.updatedBy',
      'u.name as updatedByName',
    ])
    .where('a.submissionId', '=', submissionId);
  if (codes) {
    if (codes.length === 0) return [];
    q = q.where('a.questionCode', 'in', codes);
  }
  return q.orderBy('a.questionCode').execute();
}

export async function evidenceOf(db: Db, submissionId: string, codes?: string[]) {
  let q = db
    .selectFrom('evidence as e')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .leftJoin('linkChecks as l', 'l.url', 'e.url')
    .select([
      'e.questionCode',
      'e.position',
      'e.url',
      'e.fileId',
      'f.name as fileName',
      'f.size as fileSize',
      'f.contentType as fileType',
      'l.status as linkStatus',
      'l.checkedAt as linkCheckedAt',
    ])
    .where('e.submissionId', '=', submissionId);
  if (codes) {
    if (codes.length === 0) return [];
    q = q.where('e.questionCode', 'in', codes);
  }
  return q.orderBy('e.questionCode').orderBy('e.position').execute();
}

export interface AnswerWrite {
  questionId: string;
  questionCode: string;
  value: unknown;
  note: string | null;
  selfPoints: string;
}

/** Upserts answers in one statement, stamping the submission version that changed them. */
export async function upsertAnswers(
  db: Db,
  submissionId: string,
  version: number,
  actorId: string,
  rows: AnswerWrite[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('answers')
    .values(
      rows.map((r) => ({
        submissionId,
        questionId: r.questionId,
        questionCode: r.questionCode,
        value: jsonb(r.value),
        note: r.note,
        selfPoints: r.selfPoints,
        changedVersion: version,
        carried: false,
        updatedBy: actorId,
        updatedAt: sql`now()`,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['submissionId', 'questionCode']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        note: eb.ref('excluded.note'),
        selfPoints: eb.ref('excluded.selfPoints'),
        changedVersion: eb.ref('excluded.changedVersion'),
        carried: false,
        updatedBy: eb.ref('excluded.updatedBy'),
        updatedAt: sql`now()`,
      })),
    )
    .execute();
}

export async function replaceEvidence(
  db: Db,
  submissionId: string,
  items: { questionCode: string; evidence: ({ url: string } | { fileId: string })[] }[],
) {
  if (items.length === 0) return;
  await db
    .deleteFrom('evidence')
    .where('submissionId', '=', submissionId)
    .where(
      'questionCode',
      'in',
      items.map((i) => i.questionCode),
    )
    .execute();
  const rows = items.flatMap((i) =>
    i.evidence.map((e, position) => ({
      submissionId,
      questionCode: i.questionCode,
      position,
      url: 'url' in e ? e.url : null,
      fileId: 'fileId' in e ? e.fileId : null,
    })),
  );
  if (rows.length > 0) await db.insertInto('evidence').values(rows).execute();
  const urls = [...new Set(rows.flatMap((r) => (r.url ? [r.url] : [])))];
  if (urls.length > 0) {
    await db
      .insertInto('linkChecks')
      .values(urls.map((url) => ({ url })))
      .onConflict((oc) => oc.column('url').doNothing())
      .execute();
  }
}

export async function setSubmissionState(
  db: Db,
  id: string,
  changes: { version?: number; status?: string; submittedAt?: Date | null; deadlineOverride?: Date | null },
) {
  await db
    .updateTable('submissions')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function appendHistory(
  db: Db,
  rows: {
    submissionId: string;
    questionCode: string | null;
    actorId: string | null;
    event: string;
    before: unknown;
    after: unknown;
    reason?: string | null;
  }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('submissionHistory')
    .values(
      rows.map((r) => ({
        submissionId: r.submissionId,
        questionCode: r.questionCode,
        actorId: r.actorId,
        event: r.event,
        before: r.before === undefined ? null : jsonb(r.before),
        after: r.after === undefined ? null : jsonb(r.after),
        reason: r.reason ?? null,
      })),
    )
    .execute();
}

export async function history(db: Db, submissionId: string, questionCode?: string) {
  let q = db
    .selectFrom('submissionHistory as h')
    .leftJoin('users as u', 'u.id', 'h.actorId')
    .select([
      'h.at',
      'h.event',
      'h.questionCode',
      'h.before',
      'h.after',
      'h.reason',
      'u.id as actorId',
      'u.name as actorName',
    ])
    .where('h.submissionId', '=', submissionId);
  if (questionCode) q = q.where('h.questionCode', '=', questionCode);
  return q.orderBy('h.id').execute();
}

export async function filesOf(db: Db, submissionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id'])
    .where('submissionId', '=', submissionId)
    .where('id', 'in', ids)
    .execute();
}

export async function questionIds(db: Db, questionnaireId: string) {
  return db.selectFrom('questions').select(['id', 'code']).where('questionnaireId', '=', questionnaireId).execute();
}

/** The commission's submissions of a period with progress counts, for admins and evaluators. */
export async function listForPeriod(db: Db, periodId: string, categoryCode?: string) {
  let q = db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .select([
      's.id',
      's.bodyId',
      'b.name as bodyName',
      'c.code as categoryCode',
      's.status',
      's.version',
      's.submittedAt',
      's.deadlineOverride',
      's.updatedAt',
      (eb) =>
        eb
          .selectFrom('answers as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.submissionId', '=', 's.id')
          .where('a.value', 'is not', null)
          .where(sql<boolean>`a.value <> 'null'::jsonb`)
          .as('answered'),
    ])
    .where('s.periodId', '=', periodId);
  if (categoryCode) q = q.where('c.code', '=', categoryCode);
  return q.orderBy('c.code').orderBy('b.name').execute();
}

/** Bodies of the period's commission whose category has a questionnaire but who have not opened the SAQ yet. */
export async function notStartedForPeriod(db: Db, periodId: string, commissionId: string, categoryCode?: string) {
  let q = db
    .selectFrom('bodies as b')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .innerJoin('questionnaires as q', (join) =>
      join.onRef('q.categoryId', '=', 'b.categoryId').on('q.periodId', '=', periodId),
    )
    .leftJoin('submissions as s', (join) => join.onRef('s.bodyId', '=', 'b.id').on('s.periodId', '=', periodId))
    .select(['b.id as bodyId', 'b.name as bodyName', 'c.code as categoryCode'])
    .where('b.commissionId', '=', commissionId)
    .where('s.id', 'is', null);
  if (categoryCode) q = q.where('c.code', '=', categoryCode);
  return q.orderBy('c.code').orderBy('b.name').execute();
}

/** The body's submission of the latest earlier period that has one (carry forward). */
export async function previousSubmission(db: Db, bodyId: string, year: number) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .select(['s.id', 'p.year'])
    .where('s.bodyId', '=', bodyId)
    .where('p.year', '<', year)
    .orderBy('p.year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Copies answers (value, note, evidence links and files) of matching codes, flagged `carried`. */
export async function carryAnswers(
  db: Db,
  target: { submissionId: string; version: number; actorId: string },
  rows: { questionId: string; questionCode: string; value: unknown; note: string | null; selfPoints: string }[],
) {
  if (rows.length === 0) return;
  await upsertAnswers(db, target.submissionId, target.version, target.actorId, rows);
  await db
    .updateTable('answers')
    .set({ carried: true })
    .where('submissionId', '=', target.submissionId)
    .where(
      'questionCode',
      'in',
      rows.map((r) => r.questionCode),
    )
    .execute();
}

export async function copyFileRecord(db: Db, fileId: string, target: { submissionId: string; commissionId: string }) {
  return db
    .insertInto('files')
    .columns(['commissionId', 'submissionId', 'name', 'size', 'contentType', 'sha256', 'storageKey', 'uploadedBy'])
    .expression((eb) =>
      eb
        .selectFrom('files')
        .select([
          eb.val(target.commissionId).as('commissionId'),
          eb.val(target.submissionId).as('submissionId'),
          'name',
          'size',
          'contentType',
          'sha256',
          'storageKey',
          'uploadedBy',
        ])
        .where('id', '=', fileId),
    )
    .returning('id')
    .executeTakeFirst();
}

/** When the SAQ closes: drafts without a running extension are locked (scored as not submitted), with history. */
export async function lockDraftsAtClose(db: Db, periodId: string, actorId: string, at: Date) {
  const locked = await db
    .updateTable('submissions')
    .set({ status: 'locked', version: sql`version + 1`, updatedAt: sql`now()` })
    .where('periodId', '=', periodId)
    .where('status', '=', 'draft')
    .where((eb) => eb.or([eb('deadlineOverride', 'is', null), eb('deadlineOverride', '<=', at)]))
    .returning('id')
    .execute();
  await appendHistory(
    db,
    locked.map((s) => ({
      submissionId: s.id,
      questionCode: null,
      actorId,
      event: 'submission.locked',
      before: { status: 'draft' },
      after: { status: 'locked' },
      reason: 'SAQ closed',
    })),
  );
  return locked.length;
}

export async function insertFile(
  db: Db,
  values: {
    commissionId: string;
    submissionId: string;
    name: string;
    size: number;
    contentType: string;
    sha256: string;
    storageKey: string;
    uploadedBy: string;
  },
) {
  return db
    .insertInto('files')
    .values(values)
    .returning(['id', 'name', 'size', 'contentType', 'sha256'])
    .executeTakeFirstOrThrow();
}

export async function findFile(db: Db, id: string) {
  return db
    .selectFrom('files as f')
    .innerJoin('submissions as s', 's.id', 'f.submissionId')
    .select([
      'f.id',
      'f.name',
      'f.size',
      'f.contentType',
      'f.storageKey',
      'f.sha256',
      's.commissionId',
      's.bodyId',
      's.id as submissionId',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/**
 * What the autosave checks, read in one round trip without locking: tenancy, stage, schedule, questionnaire, the
 * questions being saved (version stamps, values, notes, points), and every answer's points unless the caller already
 * holds them for the current version (`knownVersion`: the points cache of the service).
 */
export async function readForSave(db: Db, id: string, codes: string[], knownVersion: number | null) {
  const result = await sql<{
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
    requested: SavedAnswer[] | string;
    points: { code: string; points: string }[] | string | null;
  }>`
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
    requested: parse(row.requested) as SavedAnswer[],
    points: row.points === null ? null : (parse(row.points) as { code: string; points: string }[]),
  };
}

export interface SavedAnswer {
  code: string;
  points: string;
  version: number;
  value: unknown;
  note: string | null;
}

// the answer upsert of every autosave writer: the operator's own answer (not carried), stamped with its version
const INSERT_ANSWER = sql`insert into answers (submission_id, question_id, question_code, value, note, self_points,
  changed_version, carried, updated_by, updated_at)`;
const UPSERT_ANSWER = sql`on conflict (submission_id, question_code) do update set value = excluded.value,
  note = excluded.note, self_points = excluded.self_points, changed_version = excluded.changed_version, carried = false,
  updated_by = excluded.updated_by, updated_at = now()`;

// the history row of an autosaved answer `t` (`value`, `note`, `has_note`) over its previous state `p` (`existed`,
// `value`, `note`): the note is in "after" only when the save sent one
const HISTORY_BEFORE = sql`case when p.existed then jsonb_build_object('value', p.value, 'note', p.note) end`;
const HISTORY_AFTER = sql`jsonb_build_object('value', t.value)
  || case when t.has_note then jsonb_build_object('note', t.note) else '{}'::jsonb end`;

/**
 * The SQL twin of `editable` in the service, for a draft `s` of period `p` at the time `at`: within its extension, or in
 * the SAQ stage up to its deadline (`deadlineOf`: the schedule's last day in Asia/Jakarta, or the extension if later).
 */
function editableAt(at: RawBuilder<unknown>) {
  return sql`(s.deadline_override > ${at}
    or (p.stage = 'saq' and ${at} <= coalesce(greatest(
      cast((p.schedule #>> '{saq,end}') || 'T23:59:59.999+07:00' as timestamptz), s.deadline_override), 'infinity')))`;
}

/**
 * Writes one save as a single statement, so it is atomic without an explicit transaction: the submission's version
 * moves from `fromVersion` to `fromVersion + 1` only if it is still a draft at `fromVersion`; only then are the
 * answers upserted, evidence replaced (for questions that send it) and history appended. Returns false when the
 * submission changed since it was read (the caller reads again and re-checks).
 */
export async function writeSave(
  db: Db,
  save: {
    submissionId: string;
    fromVersion: number;
    actorId: string;
    answers: { questionId: string; questionCode: string; value: unknown; note: string | null; selfPoints: string }[];
    evidence: { questionCode: string; position: number; url: string | null; fileId: string | null }[];
    evidenceCodes: string[];
    history: { questionCode: string; before: unknown; after: unknown }[];
  },
): Promise<boolean> {
  const version = save.fromVersion + 1;
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
      update submissions set version = ${version}, updated_at = now()
      where id = ${save.submissionId} and version = ${save.fromVersion} and status = 'draft'
      returning id
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
  /** The version this process last wrote or read: the save applies only if the submission is still there. */
  fromVersion: number;
  ifMatch: number;
  actorId: string;
  answers: { questionId: string; questionCode: string; value: unknown; note?: string | null; selfPoints: string }[];
}

/**
 * Writes one autosave as one statement, with the rules of `writeFastSaves` (which says them). Cheaper for the database
 * than the batch statement with one save (decision 007): plain parameters, rows found by key without the batch's
 * row-id joins. The group-commit queue sends it every batch of one. Returns the new version, or null where the save
 * did not apply. `test/api/fast-save-writers.test.ts` holds the two writers to the same rows and refusals.
 */
export async function writeFastSave(db: Db, save: FastSave & { at: Date }): Promise<number | null> {
  const codes = save.answers.map((a) => a.questionCode);
  const at = save.at.toISOString();
  // PostgreSQL checks the version again on the newest row version (read committed), so a write that came between
  // leaves this one undone; the answers read ("prev") are then never used
  const result = await sql<{ version: number }>`
    with bumped as (
      update submissions s set version = s.version + 1, updated_at = now()
      from periods p
      where s.id = ${save.submissionId} and s.version = ${save.fromVersion} and s.status = 'draft'
        and p.id = s.period_id and ${editableAt(sql`cast(${at} as timestamptz)`)}
        and not exists (
          select 1 from answers a
          where a.submission_id = ${save.submissionId} and a.question_code = any(cast(${codes} as text[]))
            and a.changed_version > ${save.ifMatch})
      returning s.version
    ), item as (
      -- every array goes as text[] (the drivers' serializers of jsonb[] and boolean[] arrays would re-encode the
      -- values or take arrays for dimensions) and is cast here, element by element
      select x.question_code, x.question_id, cast(x.value as jsonb) as value, x.note,
        cast(x.has_note as boolean) as has_note, cast(x.self_points as numeric) as self_points
      from unnest(cast(${codes} as text[]), cast(${save.answers.map((a) => a.questionId)} as text[]),
        cast(${save.answers.map((a) => JSON.stringify(a.value))} as text[]),
        cast(${save.answers.map((a) => a.note ?? null)} as text[]),
        cast(${save.answers.map((a) => String(a.note !== undefined))} as text[]),
        cast(${save.answers.map((a) => a.selfPoints)} as text[]))
        as x(question_code, question_id, value, note, has_note, self_points)
    ), prev as (
      select a.question_code, a.value, a.note, true as existed from answers a
      where a.submission_id = ${save.submissionId} and a.question_code = any(cast(${codes} as text[]))
    ), upserted as (
      ${INSERT_ANSWER}
      select ${save.submissionId}, t.question_id, t.question_code, t.value,
        case when t.has_note then t.note else p.note end, t.self_points, b.version, false, ${save.actorId}, now()
      from item t cross join bumped b left join prev p on p.question_code = t.question_code
      ${UPSERT_ANSWER}
      returning 1
    ), logged as (
      insert into submission_history (submission_id, question_code, actor_id, event, before, after)
      select ${save.submissionId}, t.question_code, ${save.actorId}, 'answer.saved', ${HISTORY_BEFORE}, ${HISTORY_AFTER}
      from item t cross join bumped b left join prev p on p.question_code = t.question_code
      returning 1
    )
    select version from bumped`.execute(db);
  const row = result.rows[0];
  return row ? Number(row.version) : null;
}

/**
 * Writes the autosaves of many submissions as one statement (group commit). Each save applies only where its
 * submission is still at `fromVersion`, a draft that may be edited at its `at` (the stage and deadline rule of `editable`
 * in the service, never looser) and none of its questions changed after its If-Match; then its answers are upserted
 * (a note not sent is kept), its version moves one up and its history rows are appended. Those versions are exact:
 * the answers read for the conflict check and the history's "before" are those of `fromVersion`, as nobody changes
 * answers without moving the version. Returns the new version of each save, or null where it did not apply (the
 * caller reads and decides on its slow path why: conflict, locked, closed or just moved on).
 */
export async function writeFastSaves(db: Db, saves: (FastSave & { at: Date })[]): Promise<(number | null)[]> {
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
      where s.version = i.from_version and s.status = 'draft' and ${editableAt(sql`i.at`)}
        and not exists (
          select 1 from answers a
          where a.submission_id = s.id and a.question_code = any(i.codes) and a.changed_version > i.if_match)
    ), bumped as (
      -- a row changed since the snapshot is a new row version with another ctid: it is left alone (the caller falls
      -- back to its full path), so the checks above always held for the version written
      update submissions s set version = s.version + 1, updated_at = now()
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

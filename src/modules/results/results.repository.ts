import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { AnswersTable, PanelScoresTable } from '../../db/schema.ts';

export interface BodyInScope {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  questionnaireId: string;
}

/** A submitted answer's stored points (numerators over the question's max points). */
export type AnswerFraction = Pick<
  Selectable<AnswersTable>,
  'submissionId' | 'questionCode' | 'selfPoints' | 'verifiedPoints'
>;

export type PanelScoreRow = Pick<Selectable<PanelScoresTable>, 'submissionId' | 'component' | 'score'>;

/** Every body of the commission in a category that has a questionnaire in the period (submitted or not). */
export async function bodiesInScope(db: Db, periodId: string): Promise<BodyInScope[]> {
  return db
    .selectFrom('questionnaires as q')
    .innerJoin('categories as c', 'c.id', 'q.categoryId')
    .innerJoin('bodies as b', (join) =>
      join.onRef('b.categoryId', '=', 'c.id').onRef('b.commissionId', '=', 'q.commissionId'),
    )
    .select(['b.id as bodyId', 'b.name as bodyName', 'c.code as categoryCode', 'q.id as questionnaireId'])
    .where('q.periodId', '=', periodId)
    .execute();
}

/**
 * Submissions that were submitted once (a draft never submitted scores as not submitted). A reopened one counts with
 * its answers as they are: once its extension ends it is locked as submitted with them (DOMAIN.md), and until the
 * periodic lock runs it must already read the same.
 */
export async function submittedSubmissions(db: Db, periodId: string): Promise<{ id: string; bodyId: string }[]> {
  return db
    .selectFrom('submissions')
    .select(['id', 'bodyId'])
    .where('periodId', '=', periodId)
    .where((eb) => eb.or([eb('submittedAt', 'is not', null), eb('firstSubmittedAt', 'is not', null)]))
    .execute();
}

/** Stored fraction numerators (points over the question's max points) of the period's submitted answers. */
export async function answerFractions(db: Db, periodId: string): Promise<AnswerFraction[]> {
  return db
    .selectFrom('answers as a')
    .innerJoin('submissions as s', 's.id', 'a.submissionId')
    .select(['a.submissionId', 'a.questionCode', 'a.selfPoints', 'a.verifiedPoints'])
    .where('s.periodId', '=', periodId)
    .where((eb) => eb.or([eb('s.submittedAt', 'is not', null), eb('s.firstSubmittedAt', 'is not', null)]))
    .execute();
}

export async function panelScores(db: Db, periodId: string): Promise<PanelScoreRow[]> {
  return db
    .selectFrom('panelScores as p')
    .innerJoin('submissions as s', 's.id', 'p.submissionId')
    .select(['p.submissionId', 'p.component', 'p.score'])
    .where('s.periodId', '=', periodId)
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Publication, versions, diffs, corrections, certificates (issue 23)

export async function panelCorrections(
  db: Db,
  periodId: string,
): Promise<{ submissionId: string; component: string; score: string }[]> {
  const rows = await db
    .selectFrom('corrections')
    .select(['submissionId', 'component', 'score', 'createdAt', 'id'])
    .where('periodId', '=', periodId)
    .where('kind', '=', 'panel_score')
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ submissionId: r.submissionId, component: r.component ?? '', score: String(r.score) }));
}

export interface VersionRow {
  id: string;
  version: number;
  decreeNumber: string;
  decreeDate: string;
  publishedAt: Date;
  publishedBy: string | null;
  changed: number;
  source: 'computed' | 'imported';
  example: boolean;
  methodology: unknown;
}

/** The period's published versions, oldest first, with the publisher's name. */
export async function listVersions(db: Db, periodId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('resultVersions as v')
    .leftJoin('users as u', 'u.id', 'v.publishedBy')
    .select([
      'v.id',
      'v.version',
      'v.decreeNumber',
      sql<string>`to_char(v.decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
      'v.publishedAt',
      'u.name as publishedBy',
      'v.changed',
      'v.source',
      'v.example',
      'v.methodology',
    ])
    .where('v.periodId', '=', periodId)
    .orderBy('v.version')
    .execute() as Promise<VersionRow[]>;
}

/** Corrections of the period made since its latest publication (all of them before the first). */
export async function countPendingCorrections(db: Db, periodId: string): Promise<number> {
  const row = await db
    .selectFrom('corrections as c')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.periodId', '=', periodId)
    .where(
      sql<boolean>`c.created_at > coalesce((select max(v.published_at) from result_versions v
        where v.period_id = c.period_id), '-infinity'::timestamptz)`,
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The categories a period's results cover: those with a questionnaire, and those of any published row. */
export async function resultCategories(db: Db, periodId: string): Promise<{ code: string; name: string }[]> {
  const { rows } = await sql<{ code: string; name: string }>`
    select c.code, c.name from categories c
    where c.id in (select category_id from questionnaires where period_id = ${periodId})
       or (c.commission_id = (select commission_id from periods where id = ${periodId})
           and c.code in (select distinct category_code from result_rows where period_id = ${periodId}))
    order by c.code collate "C"`.execute(db);
  return rows;
}

export async function versionRows(db: Db, versionId: string) {
  return db
    .selectFrom('resultRows')
    .select(['rank', 'bodyId', 'bodyName', 'categoryCode', 'components', 'final', 'band', 'bandIndex', 'example'])
    .where('versionId', '=', versionId)
    .orderBy('position')
    .execute();
}

export async function diffRows(db: Db, versionId: string) {
  return db
    .selectFrom('resultDiffs')
    .select(['bodyId', 'bodyName', 'categoryCode', 'before', 'after', 'reasons'])
    .where('versionId', '=', versionId)
    .orderBy(sql`category_code collate "C"`)
    .orderBy(sql`lower(body_name) collate "C"`)
    .orderBy('bodyId')
    .execute();
}

/** Next version number and the previous version (for its rows and date), with the period row already locked. */
export async function latestVersion(db: Db, periodId: string) {
  return db
    .selectFrom('resultVersions')
    .select(['id', 'version', 'publishedAt'])
    .where('periodId', '=', periodId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function setPeriodStage(db: Db, periodId: string, stage: string): Promise<void> {
  await db
    .updateTable('periods')
    .set({ stage, version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', periodId)
    .execute();
}

/** The period's move to `published`, as the stage module records moves (stage_events). */
export async function insertStageEvent(
  db: Db,
  event: { periodId: string; fromStage: string; toStage: string; actorId: string | null; reason: string; at?: Date },
): Promise<void> {
  await db.insertInto('stageEvents').values(event).execute();
}

export interface ValidCertificate {
  code: string;
  bodyId: string;
  band: string;
  final: string;
}

export async function validCertificates(db: Db, periodId: string): Promise<ValidCertificate[]> {
  const rows = await db
    .selectFrom('certificates')
    .select(['code', 'bodyId', 'band', 'final'])
    .where('periodId', '=', periodId)
    .where('revokedAt', 'is', null)
    .execute();
  return rows.map((r) => ({ ...r, final: String(r.final) }));
}

export async function insertCertificates(
  db: Db,
  rows: {
    code: string;
    commissionId: string;
    periodId: string;
    versionId: string;
    bodyId: string;
    bodyName: string;
    band: string;
    final: string;
    issuedAt?: Date;
  }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await db
      .insertInto('certificates')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}

export async function revokeCertificates(
  db: Db,
  versionId: string,
  revoked: { code: string; replacedBy: string | null }[],
  at?: Date,
): Promise<void> {
  for (let i = 0; i < revoked.length; i += 1000) {
    const chunk = revoked.slice(i, i + 1000);
    await sql`
      update certificates c set revoked_at = coalesce(cast(${at ? at.toISOString() : null} as timestamptz), clock_timestamp()),
        revoked_by_version_id = ${versionId},
        replaced_by = x.replaced_by
      from (select * from jsonb_to_recordset(cast(${JSON.stringify(
        chunk.map((r) => ({ code: r.code, replaced_by: r.replacedBy })),
      )} as text)::jsonb) as t(code text, replaced_by text)) x
      where c.code = x.code`.execute(db);
  }
}

/** Rows of a version with the fields the certificates need. */
export async function rowsForCertificates(db: Db, versionId: string) {
  const rows = await db
    .selectFrom('resultRows')
    .select(['bodyId', 'bodyName', 'band', 'bandIndex', 'final'])
    .where('versionId', '=', versionId)
    .execute();
  return rows.map((r) => ({ ...r, final: String(r.final) }));
}

/** The corrections of a period, oldest first, with the body, the actor and the first version that carries each. */
/** The period's corrections, oldest first (or only `correctionId`), with the version that first carried each. */
export async function listCorrections(db: Db, periodId: string, correctionId?: string) {
  let query = db
    .selectFrom('corrections as c')
    .innerJoin('submissions as s', 's.id', 'c.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .leftJoin('users as u', 'u.id', 'c.actorId')
    .select([
      'c.id',
      'c.submissionId',
      's.bodyId',
      'b.name as bodyName',
      'c.kind',
      'c.questionCode',
      'c.component',
      'c.before',
      'c.after',
      'c.reason',
      'c.createdAt',
      'u.name as actor',
      sql<number | null>`(select min(v.version) from result_versions v
        where v.period_id = c.period_id and v.published_at > c.created_at and v.source = 'computed')`.as('publishedIn'),
    ])
    .where('c.periodId', '=', periodId)
    .orderBy('c.createdAt')
    .orderBy('c.id');
  if (correctionId !== undefined) query = query.where('c.id', '=', correctionId);
  return query.execute();
}

/** What a correction works on: the submission with its period, body and questionnaire (share-locks the period). */
export async function correctionTarget(db: Db, submissionId: string) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('periods as p', 'p.id', 's.periodId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .leftJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select([
      's.id',
      's.commissionId',
      's.periodId',
      's.bodyId',
      'b.name as bodyName',
      's.submittedAt',
      's.firstSubmittedAt',
      'p.stage',
      'p.methodology',
      'q.id as questionnaireId',
    ])
    .where('s.id', '=', submissionId)
    .forShare('p')
    .executeTakeFirst();
}

export async function lockSubmission(db: Db, submissionId: string): Promise<void> {
  await db.selectFrom('submissions').select('id').where('id', '=', submissionId).forUpdate().executeTakeFirst();
}

export async function submissionAnswers(db: Db, submissionId: string) {
  return db
    .selectFrom('answers')
    .select(['questionCode', 'selfPoints', 'verifiedPoints', 'value', 'verifiedValue'])
    .where('submissionId', '=', submissionId)
    .execute();
}

export async function submissionPanelScores(db: Db, submissionId: string) {
  return db.selectFrom('panelScores').select(['component', 'score']).where('submissionId', '=', submissionId).execute();
}

export async function questionId(db: Db, questionnaireId: string, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('questions')
    .select('id')
    .where('questionnaireId', '=', questionnaireId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.id;
}

export async function insertCorrection(
  db: Db,
  input: {
    commissionId: string;
    periodId: string;
    submissionId: string;
    kind: 'verified_value' | 'panel_score';
    questionCode: string | null;
    component: string | null;
    before: unknown;
    after: unknown;
    score: string | null;
    reason: string;
    actorId: string;
    /** Default: the statement's own clock. */
    createdAt?: Date | undefined;
  },
): Promise<string> {
  const { createdAt, ...values } = input;
  const row = await db
    .insertInto('corrections')
    .values({
      ...values,
      before: input.before === null ? null : jsonb(input.before),
      after: jsonb(input.after),
      createdAt: createdAt ?? sql`clock_timestamp()`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The latest panel correction of a submission's component (its score in force), if any. */
export async function latestPanelCorrection(db: Db, submissionId: string, component: string) {
  return db
    .selectFrom('corrections')
    .select(['score'])
    .where('submissionId', '=', submissionId)
    .where('kind', '=', 'panel_score')
    .where('component', '=', component)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

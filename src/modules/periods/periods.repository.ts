import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { PeriodsTable } from '../../db/schema.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { maxPoints } from '../../domain/scoring.ts';

export type PeriodRow = Selectable<PeriodsTable>;

export async function insertPeriod(
  db: Db,
  values: {
    commissionId: string;
    year: number;
    title: string;
    methodology: unknown;
    schedule: unknown;
    settings: unknown;
  },
): Promise<PeriodRow> {
  return db
    .insertInto('periods')
    .values({
      ...values,
      methodology: jsonb(values.methodology),
      schedule: jsonb(values.schedule),
      settings: jsonb(values.settings),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findPeriod(db: Db, id: string): Promise<PeriodRow | undefined> {
  return db.selectFrom('periods').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The period row locked for a change (stage move, edit): concurrent moves of one period serialise. */
export async function lockPeriod(db: Db, id: string): Promise<PeriodRow | undefined> {
  return db.selectFrom('periods').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listPeriods(db: Db, commissionId: string) {
  return db
    .selectFrom('periods')
    .selectAll()
    .where('commissionId', '=', commissionId)
    .orderBy('year', 'desc')
    .execute();
}

export async function updatePeriod(
  db: Db,
  id: string,
  changes: { title?: string; methodology?: unknown; schedule?: unknown; settings?: unknown; stage?: string },
): Promise<PeriodRow> {
  const set: Record<string, unknown> = { version: sql`version + 1`, updatedAt: sql`now()` };
  if (changes.title !== undefined) set.title = changes.title;
  if (changes.stage !== undefined) set.stage = changes.stage;
  for (const k of ['methodology', 'schedule', 'settings'] as const) {
    if (changes[k] !== undefined) set[k] = jsonb(changes[k]);
  }
  return db.updateTable('periods').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function insertStageEvent(
  db: Db,
  event: {
    periodId: string;
    fromStage: string;
    toStage: string;
    actorId: string;
    reason: string | null;
    figures: unknown;
  },
) {
  await db
    .insertInto('stageEvents')
    .values({ ...event, figures: jsonb(event.figures) })
    .execute();
}

export async function listStageEvents(db: Db, periodId: string) {
  return db
    .selectFrom('stageEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .select(['e.fromStage', 'e.toStage', 'e.at', 'e.actorId', 'e.reason', 'e.figures', 'u.name as actorName'])
    .where('e.periodId', '=', periodId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** Per category that has a questionnaire in the period: its code, name and number of questions. */
export async function questionnaireSummaries(db: Db, periodId: string) {
  return db
    .selectFrom('questionnaires as q')
    .innerJoin('categories as c', 'c.id', 'q.categoryId')
    .select([
      'c.code as categoryCode',
      'c.name as categoryName',
      (eb) =>
        eb
          .selectFrom('questions')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('questions.questionnaireId', '=', 'q.id')
          .as('questions'),
    ])
    .where('q.periodId', '=', periodId)
    .orderBy('c.code')
    .execute();
}

export async function findCategory(db: Db, commissionId: string, code: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name'])
    .where('commissionId', '=', commissionId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function findQuestionnaire(db: Db, periodId: string, categoryId: string) {
  return db
    .selectFrom('questionnaires')
    .selectAll()
    .where('periodId', '=', periodId)
    .where('categoryId', '=', categoryId)
    .executeTakeFirst();
}

/** The whole questionnaire of one row, in position order, as the API shape (numbers from exact numerics). */
export async function loadQuestionnaire(db: Db, questionnaireId: string): Promise<Questionnaire> {
  const [indicators, questions, options, items] = await Promise.all([
    db
      .selectFrom('indicators')
      .selectAll()
      .where('questionnaireId', '=', questionnaireId)
      .orderBy('position')
      .execute(),
    db.selectFrom('questions').selectAll().where('questionnaireId', '=', questionnaireId).orderBy('position').execute(),
    db
      .selectFrom('questionOptions as o')
      .innerJoin('questions as q', 'q.id', 'o.questionId')
      .select(['o.questionId', 'o.code', 'o.label', 'o.score'])
      .where('q.questionnaireId', '=', questionnaireId)
      .orderBy('o.position')
      .execute(),
    db
      .selectFrom('questionItems as i')
      .innerJoin('questions as q', 'q.id', 'i.questionId')
      .select(['i.questionId', 'i.code', 'i.label', 'i.points'])
      .where('q.questionnaireId', '=', questionnaireId)
      .orderBy('i.position')
      .execute(),
  ]);
  const group = <T extends { questionId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) map.set(r.questionId, [...(map.get(r.questionId) ?? []), r]);
    return map;
  };
  const optionsBy = group(options);
  const itemsBy = group(items);
  return {
    indicators: indicators.map((ind) => ({
      code: ind.code,
      title: ind.title,
      weight: Number(ind.weight),
      questions: questions
        .filter((q) => q.indicatorId === ind.id)
        .map((q) => ({
          code: q.code,
          text: q.text,
          ...(q.guidance ? { guidance: q.guidance } : {}),
          type: q.type as 'boolean' | 'choice' | 'checklist',
          weight: Number(q.weight),
          evidence: q.evidence as 'none' | 'optional' | 'required',
          ...(q.type === 'choice'
            ? {
                options: (optionsBy.get(q.id) ?? []).map((o) => ({
                  code: o.code,
                  label: o.label,
                  score: Number(o.score),
                })),
              }
            : {}),
          ...(q.type === 'checklist'
            ? {
                items: (itemsBy.get(q.id) ?? []).map((i) => ({
                  code: i.code,
                  label: i.label,
                  points: Number(i.points),
                })),
              }
            : {}),
        })),
    })),
  };
}

/** Replaces the questionnaire of a period and category with `q` (rows deleted and written anew; a draft-only action). */
export async function replaceQuestionnaire(
  db: Db,
  target: { commissionId: string; periodId: string; categoryId: string; source: string | null },
  q: Questionnaire,
) {
  const existing = await findQuestionnaire(db, target.periodId, target.categoryId);
  let questionnaireId: string;
  if (existing) {
    await db.deleteFrom('indicators').where('questionnaireId', '=', existing.id).execute();
    await db
      .updateTable('questionnaires')
      .set({ source: target.source, version: sql`version + 1`, updatedAt: sql`now()` })
      .where('id', '=', existing.id)
      .execute();
    questionnaireId = existing.id;
  } else {
    questionnaireId = (await db.insertInto('questionnaires').values(target).returning('id').executeTakeFirstOrThrow())
      .id;
  }
  const indicatorRows = await db
    .insertInto('indicators')
    .values(
      q.indicators.map((ind, i) => ({
        questionnaireId,
        code: ind.code,
        title: ind.title,
        weight: ind.weight,
        position: i,
      })),
    )
    .returning(['id', 'code'])
    .execute();
  const indicatorIds = new Map(indicatorRows.map((r) => [r.code, r.id]));
  const questionValues = q.indicators.flatMap((ind) =>
    ind.questions.map((question) => ({
      questionnaireId,
      indicatorId: indicatorIds.get(ind.code) as string,
      code: question.code,
      text: question.text,
      guidance: question.guidance ?? null,
      type: question.type,
      weight: question.weight,
      evidence: question.evidence,
      maxPoints: maxPoints(question).toDecimal(),
    })),
  );
  const questionRows =
    questionValues.length === 0
      ? []
      : await db
          .insertInto('questions')
          .values(questionValues.map((v, position) => ({ ...v, position })))
          .returning(['id', 'code'])
          .execute();
  const questionIds = new Map(questionRows.map((r) => [r.code, r.id]));
  const all = q.indicators.flatMap((ind) => ind.questions);
  const optionValues = all.flatMap((question) =>
    (question.options ?? []).map((o, position) => ({
      questionId: questionIds.get(question.code) as string,
      code: o.code,
      label: o.label,
      score: o.score,
      position,
    })),
  );
  const itemValues = all.flatMap((question) =>
    (question.items ?? []).map((it, position) => ({
      questionId: questionIds.get(question.code) as string,
      code: it.code,
      label: it.label,
      points: it.points,
      position,
    })),
  );
  if (optionValues.length > 0) await db.insertInto('questionOptions').values(optionValues).execute();
  if (itemValues.length > 0) await db.insertInto('questionItems').values(itemValues).execute();
  return questionnaireId;
}

// The stage move's preview reads submissions and their history here, read-only: the submissions module belongs to
// other work today, and these figures are the period's (what a move would do to it), computed where the move is.

/**
 * Per category of the commission: its bodies, whether the period has its questionnaire, and how far its bodies have
 * come (not started: no submission or nothing answered yet; in progress: a draft with an answer; submitted; locked).
 */
export async function bodyProgressByCategory(db: Db, periodId: string, commissionId: string) {
  const answered = sql<boolean>`exists (
    select 1 from answers a where a.submission_id = s.id and a.value is not null and a.value <> 'null'::jsonb
  )`;
  return db
    .selectFrom('categories as c')
    .leftJoin('bodies as b', 'b.categoryId', 'c.id')
    .leftJoin('submissions as s', (join) => join.onRef('s.bodyId', '=', 'b.id').on('s.periodId', '=', periodId))
    .leftJoin('questionnaires as q', (join) => join.onRef('q.categoryId', '=', 'c.id').on('q.periodId', '=', periodId))
    .select([
      'c.code as categoryCode',
      'c.name as categoryName',
      sql<boolean>`bool_or(q.id is not null)`.as('hasQuestionnaire'),
      sql<number>`count(b.id)::int`.as('bodies'),
      sql<number>`(count(b.id) filter (where s.id is null or (s.status = 'draft' and not ${answered})))::int`.as(
        'notStarted',
      ),
      sql<number>`(count(s.id) filter (where s.status = 'draft' and ${answered}))::int`.as('inProgress'),
      sql<number>`(count(s.id) filter (where s.status = 'submitted'))::int`.as('submitted'),
      sql<number>`(count(s.id) filter (where s.status = 'locked'))::int`.as('locked'),
    ])
    .where('c.commissionId', '=', commissionId)
    .groupBy(['c.id', 'c.code', 'c.name'])
    .orderBy('c.code')
    .execute();
}

/**
 * The period's drafts with an extension still running at `at` (the body may edit until `until`), with the reason of
 * the latest extension from the submission's history.
 */
export async function runningExtensions(db: Db, periodId: string, at: Date) {
  return db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('categories as c', 'c.id', 'b.categoryId')
    .select([
      's.id as submissionId',
      'b.name as bodyName',
      'c.code as categoryCode',
      's.deadlineOverride as until',
      (eb) =>
        eb
          .selectFrom('submissionHistory as h')
          .select('h.reason')
          .whereRef('h.submissionId', '=', 's.id')
          .where('h.event', '=', 'submission.extended')
          .orderBy('h.id', 'desc')
          .limit(1)
          .as('reason'),
    ])
    .where('s.periodId', '=', periodId)
    .where('s.status', '=', 'draft')
    .where('s.deadlineOverride', '>', at)
    .orderBy('s.deadlineOverride')
    .orderBy('b.name')
    .execute();
}

/** How many of the period's drafts have no extension running at `at` (those the SAQ's close locks). */
export async function draftsWithoutExtension(db: Db, periodId: string, at: Date): Promise<number> {
  const row = await db
    .selectFrom('submissions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('periodId', '=', periodId)
    .where('status', '=', 'draft')
    .where((eb) => eb.or([eb('deadlineOverride', 'is', null), eb('deadlineOverride', '<=', at)]))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The period's drafts (all of them lock when verification ends). */
export async function draftCount(db: Db, periodId: string): Promise<number> {
  const row = await db
    .selectFrom('submissions')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('periodId', '=', periodId)
    .where('status', '=', 'draft')
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The questionnaire's row of a period and category, locked for an edit of one question. */
export async function lockQuestionnaire(db: Db, periodId: string, categoryId: string) {
  return db
    .selectFrom('questionnaires')
    .selectAll()
    .where('periodId', '=', periodId)
    .where('categoryId', '=', categoryId)
    .forUpdate()
    .executeTakeFirst();
}

/** Rewrites one question's wording, guidance and weight in place (draft only: no answer refers to it yet). */
export async function updateQuestion(
  db: Db,
  questionnaireId: string,
  code: string,
  values: { text: string; guidance: string | null; weight: number },
) {
  await db
    .updateTable('questions')
    .set(values)
    .where('questionnaireId', '=', questionnaireId)
    .where('code', '=', code)
    .execute();
  await db
    .updateTable('questionnaires')
    .set({ version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', questionnaireId)
    .execute();
}

/** The commission's categories, in code order. */
/** A commission's categories in use (not retired), by code. */
export async function listCategories(db: Db, commissionId: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name'])
    .where('commissionId', '=', commissionId)
    .where('retiredAt', 'is', null)
    .orderBy('code')
    .execute();
}

/** The period's questionnaires with their category (id, code) and row id. */
export async function questionnairesOf(db: Db, periodId: string) {
  return db
    .selectFrom('questionnaires as q')
    .innerJoin('categories as c', 'c.id', 'q.categoryId')
    .select(['q.id', 'q.categoryId', 'c.code as categoryCode'])
    .where('q.periodId', '=', periodId)
    .orderBy('c.code')
    .execute();
}

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
  event: { periodId: string; fromStage: string; toStage: string; actorId: string; reason: string | null },
) {
  await db.insertInto('stageEvents').values(event).execute();
}

export async function listStageEvents(db: Db, periodId: string) {
  return db
    .selectFrom('stageEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .select(['e.fromStage', 'e.toStage', 'e.at', 'e.actorId', 'e.reason', 'u.name as actorName'])
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

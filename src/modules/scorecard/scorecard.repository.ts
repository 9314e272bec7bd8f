import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The period's title and the body's category name, beside the submission row already read. */
export async function headerOf(db: Db, periodId: string, categoryCode: string, commissionId: string) {
  const [period, category] = await Promise.all([
    db.selectFrom('periods').select(['title']).where('id', '=', periodId).executeTakeFirst(),
    db
      .selectFrom('categories')
      .select(['name'])
      .where('commissionId', '=', commissionId)
      .where('code', '=', categoryCode)
      .executeTakeFirst(),
  ]);
  return { title: period?.title ?? '', categoryName: category?.name ?? categoryCode };
}

/** One submission's answers as the scorecard reads them: whether answered, and the stored points. */
export async function answerPoints(db: Db, submissionId: string) {
  return db
    .selectFrom('answers')
    .select(['questionCode', 'value', 'selfPoints', 'verifiedPoints'])
    .where('submissionId', '=', submissionId)
    .execute();
}

/** The jurors' scores of one submission, per component. */
export async function panelScoresOf(db: Db, submissionId: string) {
  return db.selectFrom('panelScores').select(['component', 'score']).where('submissionId', '=', submissionId).execute();
}

/** The panel corrections in force for one submission: the latest per component. */
export async function panelOverridesOf(db: Db, submissionId: string) {
  return db
    .selectFrom('corrections')
    .select(['component', 'score'])
    .distinctOn('component')
    .where('submissionId', '=', submissionId)
    .where('kind', '=', 'panel_score')
    .orderBy('component')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A published version of a period (its decree and the methodology it was computed with). */
export async function versionOf(db: Db, periodId: string, version: number) {
  return db
    .selectFrom('resultVersions')
    .select([
      'version',
      'decreeNumber',
      sql<string>`to_char(decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
      'publishedAt',
      'methodology',
      'example',
    ])
    .where('periodId', '=', periodId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * The body's row in the latest published version of the most recent earlier year of the commission that has one,
 * with the number of bodies of its category in that version.
 */
export async function previousResult(db: Db, commissionId: string, bodyId: string, year: number) {
  return db
    .selectFrom('resultRows as rr')
    .innerJoin('resultVersions as rv', 'rv.id', 'rr.versionId')
    .innerJoin('periods as p', 'p.id', 'rv.periodId')
    .select([
      'p.id as periodId',
      'p.year',
      'rv.version',
      'rr.final',
      'rr.band',
      'rr.bandIndex',
      'rr.rank',
      'rr.example',
      (eb) =>
        eb
          .selectFrom('resultRows as o')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('o.versionId', '=', 'rr.versionId')
          .whereRef('o.categoryCode', '=', 'rr.categoryCode')
          .as('of'),
    ])
    .where('p.commissionId', '=', commissionId)
    .where('p.year', '<', year)
    .where('rr.bodyId', '=', bodyId)
    .where(({ eb, selectFrom }) =>
      eb(
        'rv.version',
        '=',
        selectFrom('resultVersions as lv')
          .select((e) => e.fn.max('lv.version').as('v'))
          .whereRef('lv.periodId', '=', 'rv.periodId'),
      ),
    )
    .orderBy('p.year', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The report PDF's own reads: the commission's name and the indicator weights of each category's questionnaire. */
import type { Db } from '../../db/database.ts';

export async function commissionName(db: Db, commissionId: string): Promise<string> {
  const row = await db.selectFrom('commissions').select('name').where('id', '=', commissionId).executeTakeFirst();
  return row?.name ?? '';
}

export interface IndicatorWeightRow {
  categoryCode: string;
  code: string;
  title: string;
  /** numeric as text: exact. */
  weight: string;
}

/** Every indicator of the period's questionnaires with its weight, by category code, then the indicator's position. */
export async function indicatorWeights(db: Db, periodId: string): Promise<IndicatorWeightRow[]> {
  const rows = await db
    .selectFrom('indicators as i')
    .innerJoin('questionnaires as q', 'q.id', 'i.questionnaireId')
    .innerJoin('categories as c', 'c.id', 'q.categoryId')
    .select(['c.code as categoryCode', 'i.code', 'i.title', 'i.weight'])
    .where('q.periodId', '=', periodId)
    .orderBy('c.code')
    .orderBy('i.position')
    .execute();
  return rows.map((r) => ({ ...r, weight: String(r.weight) }));
}

import type { Db } from '../../db/database.ts';

/** The name of the commission a period belongs to: the scorecard PDF prints it, the scorecard's JSON does not carry it. */
export async function commissionNameOfPeriod(db: Db, periodId: string): Promise<string> {
  const row = await db
    .selectFrom('periods as p')
    .innerJoin('commissions as m', 'm.id', 'p.commissionId')
    .select('m.name')
    .where('p.id', '=', periodId)
    .executeTakeFirstOrThrow();
  return row.name;
}

import type { Db } from '../../db/database.ts';

/**
 * At the presentation stage, marks each submission of the period as proceeding or not (`submissions.proceeds`):
 * a body whose rounded verified SAQ is below the methodology's gate does not proceed and gets no panel score.
 * Owned by the panel work.
 */
export async function markProceeding(_db: Db, _periodId: string): Promise<void> {}

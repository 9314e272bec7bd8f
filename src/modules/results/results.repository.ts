import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
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

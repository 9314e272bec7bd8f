import type { Db } from '../../db/database.ts';
import { type Actor, evaluatorOnlyIn, isCommissionStaff } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import { deadlineOf, editable } from '../../domain/saq-window.ts';
import { type AnswerValue, aggregateFractions, pointsToFractions, questionPoints } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
// the review module's repository, not a service: the visibility rule is one query that every reader of a submission
// needs, and the review services themselves read submissions through this module
import { evaluatorSees } from '../review/review-access.repository.ts';
// and its verification's repository: who verified each item when, and the state, read beside the answers for staff
import { verificationDetails } from '../review/verification.repository.ts';
import { answersOf, type EvidenceRow, evidenceOf } from './answers.repository.ts';
import { questionnaireOf, type SubmissionsDeps } from './autosave-state.ts';
import { scoreView } from './score-view.ts';
import { carrySource, findSubmission, openReopening, type SubmissionRow } from './submissions.repository.ts';

/**
 * The submission view: what a reader sees of one submission (answers with evidence, live scores, progress, what is
 * missing, verification for those allowed). A pure read: it changes no state of the app or the database.
 */

/** Self and verified scores from stored points (numerators over each question's max points). */
export function scoresOfPoints(
  questionnaire: Questionnaire,
  points: Map<string, { self: Rational; verified: Rational }>,
  decimals: number,
) {
  const result = aggregateFractions(questionnaire.indicators, (q) => pointsToFractions(q, points.get(q.code)));
  return { self: scoreView(result.self, decimals), verified: scoreView(result.verified, decimals) };
}

/**
 * Questions still blocking submission: unanswered, or claiming points without the required evidence (an answer that
 * earns nothing, "tidak ada", needs no proof).
 */
function missingOf(
  questionnaire: Questionnaire,
  answers: Map<string, { value: unknown }>,
  evidenceCount: Map<string, number>,
) {
  return questionnaire.indicators
    .flatMap((i) => i.questions)
    .filter((q) => {
      const value = answers.get(q.code)?.value;
      if (value === null || value === undefined) return true;
      const earns = !questionPoints(q, value as AnswerValue).isZero();
      return q.evidence === 'required' && earns && (evidenceCount.get(q.code) ?? 0) === 0;
    })
    .map((q) => q.code);
}

/** The stages from which a body sees its verification (API.md: released when the period enters the objection stage). */
export const VERIFICATION_RELEASED: readonly string[] = ['objection', 'presentation', 'results', 'published'];

/** Staff see verification as it happens; the body once it is released, when the period enters the objection stage. */
function canSeeVerification(actor: Actor, row: SubmissionRow): boolean {
  return isCommissionStaff(actor, row.commissionId) || VERIFICATION_RELEASED.includes(row.stage);
}

function evidenceView(e: EvidenceRow) {
  return e.url !== null
    ? { url: e.url, linkStatus: e.linkStatus, linkCheckedAt: e.linkCheckedAt ? iso(e.linkCheckedAt) : null }
    : {
        fileId: e.fileId as string,
        name: e.fileName ?? '',
        size: Number(e.fileSize ?? 0),
        contentType: e.fileType ?? '',
      };
}

/**
 * The full view of a submission for the actor: answers with evidence, live scores, progress and what is missing.
 * `db` is a transaction when the caller reads inside one (submit).
 */
export async function submissionView(deps: SubmissionsDeps, actor: Actor, row: SubmissionRow, db: Db = deps.db) {
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questionnaire } = await questionnaireOf(deps.autosave, db, row.questionnaireId);
  const seeVerification = canSeeVerification(actor, row);
  const staff = isCommissionStaff(actor, row.commissionId);
  const draft = row.status === 'draft';
  const [answers, evidence, details, source, reopening] = await Promise.all([
    answersOf(db, row.id),
    evidenceOf(db, row.id),
    seeVerification ? verificationDetails(db, row.id) : undefined,
    // only a draft can take last year's answers, or be open again
    draft ? carrySource(db, row.bodyId, row.year) : undefined,
    draft ? openReopening(db, row.id) : undefined,
  ]);
  const decimals = (row.methodology as Methodology).decimals;
  const evidenceBy = new Map<string, EvidenceRow[]>();
  for (const e of evidence) evidenceBy.set(e.questionCode, [...(evidenceBy.get(e.questionCode) ?? []), e]);
  const points = new Map(
    answers.map((a) => {
      const self = Rational.of(a.selfPoints);
      return [a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) }];
    }),
  );
  const scores = scoresOfPoints(questionnaire, points, decimals);
  const verifiedBy = new Map((details?.items ?? []).map((i) => [i.questionCode, i]));
  const missing = missingOf(
    questionnaire,
    new Map(answers.map((a) => [a.questionCode, { value: a.value }])),
    new Map([...evidenceBy].map(([k, v]) => [k, v.length])),
  );
  const total = questionnaire.indicators.reduce((n, i) => n + i.questions.length, 0);
  const deadline = deadlineOf(row.schedule, row.deadlineOverride);
  return {
    id: row.id,
    periodId: row.periodId,
    year: row.year,
    bodyId: row.bodyId,
    bodyName: row.bodyName,
    categoryCode: row.categoryCode,
    status: row.status as 'draft' | 'submitted' | 'locked',
    version: row.version,
    submittedAt: row.submittedAt ? iso(row.submittedAt) : null,
    deadline: deadline ? iso(deadline) : null,
    editable: editable(row, row.schedule, nowOf(deps)),
    // whether last year's answers can be copied in (issue 25, item 6): a draft with an earlier answered submission
    carryForward: { available: source !== undefined, fromYear: source?.year ?? null },
    // why the body may edit again, and until when (issue 25, item 5): the admin's latest reopening or extension
    reopened: reopening
      ? {
          kind: reopening.event === 'submission.extended' ? ('extended' as const) : ('reopened' as const),
          reason: reopening.reason ?? '',
          at: iso(reopening.at),
          until: deadline ? iso(deadline) : null,
        }
      : null,
    answers: answers.map((a) => ({
      questionCode: a.questionCode,
      value: a.value as AnswerValue,
      note: a.note,
      evidence: (evidenceBy.get(a.questionCode) ?? []).map(evidenceView),
      carried: a.carried,
      changedVersion: a.changedVersion,
      updatedAt: iso(a.updatedAt),
      // who saved it last (a conflict shows whose answer won)
      updatedBy: a.updatedBy ? { id: a.updatedBy, name: a.updatedByName ?? '' } : null,
    })),
    scores: {
      self: scores.self.score,
      indicators: scores.self.indicators,
      ...(seeVerification ? { verified: scores.verified.score } : {}),
    },
    ...(seeVerification
      ? {
          // an item is verified once an evaluator set its value (verified_at); accepting an unanswered question
          // verifies it as null. Staff also see who verified it; the body (after release) sees when.
          verification: answers
            .filter((a) => verifiedBy.has(a.questionCode) || a.verifiedValue !== null)
            .map((a) => {
              const by = verifiedBy.get(a.questionCode);
              return {
                questionCode: a.questionCode,
                value: (a.verifiedValue ?? null) as AnswerValue,
                reason: a.verifiedReason,
                verifiedAt: by ? iso(by.verifiedAt) : null,
                ...(staff
                  ? { verifiedBy: by?.verifiedBy ? { id: by.verifiedBy, name: by.verifiedByName ?? '' } : null }
                  : {}),
              };
            }),
        }
      : {}),
    ...(staff && details ? { verificationState: details.verificationState } : {}),
    progress: { answered: answers.filter((a) => a.value !== null).length, total, missing },
  };
}

/** The submission, if the actor may read it (others: 404). */
export async function readable(deps: AppDeps, actor: Actor, submissionId: string): Promise<SubmissionRow> {
  // an evaluator's visibility is asked beside the row rather than after it (one round trip less on the verification
  // screen's open); who is an evaluator only in the row's commission is decided once the row is known
  const evaluator = actor.memberships.some((m) => m.role === 'evaluator');
  const [row, sees] = await Promise.all([
    findSubmission(deps.db, submissionId),
    evaluator ? evaluatorSees(deps.db, actor.userId, submissionId) : false,
  ]);
  if (!row) throw new AppError('NOT_FOUND', 'No such submission.');
  authorize(actor, 'submission.read', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (evaluatorOnlyIn(actor, row.commissionId) && !sees) throw new AppError('NOT_FOUND', 'No such submission.');
  return row;
}

/** One submission as the actor may see it. */
export async function getSubmission(deps: SubmissionsDeps, actor: Actor, submissionId: string) {
  return submissionView(deps, actor, await readable(deps, actor, submissionId));
}

import type { Db } from '../../db/database.ts';
import { type Actor, evaluatorOnlyIn } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { answerFits } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import type { VerificationState } from '../../domain/review.ts';
import { type AnswerValue, questionPoints } from '../../domain/scoring.ts';
import { MIN_VERIFICATION_REASON, reasonMissing, sameAnswer } from '../../domain/verification.ts';
import { authorize } from '../../http/authorize.ts';
import { nowOf } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { type QuestionnaireEntry, questionnaireOf, type SubmissionsDeps } from '../submissions/autosave-state.ts';
import { scoresOfPoints } from '../submissions/submission-view.service.ts';
// the submissions module's repository, not a service: submission_history is one append-only trail with one writer
// function, which every score-affecting event uses inside the transaction of its cause
import { appendHistory } from '../submissions/submissions.repository.ts';
import * as repo from './verification.repository.ts';
import type { VerificationItem } from './verification.schemas.ts';

/**
 * Item-level verification (issue 22, item 2): the assigned evaluator or the commission admin accepts each answer or
 * sets a verified value (with a reason when it differs), while the period is in the verification stage; then completes
 * the submission's verification once every question is verified. Later changes go through objections and corrections.
 */

/** What a verification write works on, once the actor is allowed and the period and submission rows are locked. */
interface OpenVerification {
  target: repo.VerificationTarget & { questionnaireId: string };
  state: VerificationState;
}

/**
 * Opens a verification write in the transaction: the submission must be visible to the actor as a reader (another
 * tenant, another body: 404) and, for an evaluator, assigned to them (others: 404, as for reading it); the role must
 * verify (leadership, the body: 403); then the period must be in the verification stage (409 STAGE_CLOSED: later
 * changes go through objections and corrections) and the SAQ submitted or locked (a draft: 409).
 */
async function openVerification(trx: Db, actor: Actor, submissionId: string): Promise<OpenVerification> {
  const target = await repo.targetForVerification(trx, submissionId, actor.userId);
  if (!target) throw new AppError('NOT_FOUND', 'No such submission.');
  const scope = { commissionId: target.commissionId, bodyId: target.bodyId };
  authorize(actor, 'submission.read', scope, 'submission');
  if (evaluatorOnlyIn(actor, target.commissionId) && !target.assigned)
    throw new AppError('NOT_FOUND', 'No such submission.');
  authorize(actor, 'verification.write', scope, 'submission');
  const { questionnaireId } = target;
  if (!questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const lock = await repo.lockForVerification(trx, submissionId);
  if (!lock) throw new AppError('NOT_FOUND', 'No such submission.');
  if (target.stage !== 'verification') {
    throw new AppError(
      'STAGE_CLOSED',
      'Verification is open only in the verification stage; later changes go through objections and corrections.',
    );
  }
  if (lock.status === 'draft') throw new AppError('CONFLICT', 'A draft self-assessment is not verified.');
  return { target: { ...target, questionnaireId }, state: lock.verificationState };
}

/** Progress and live scores (self and verified) from every answer's stored points. */
function liveFigures(entry: QuestionnaireEntry, answers: repo.VerifiedAnswer[], decimals: number) {
  const points = new Map(
    answers.map((a) => {
      const self = Rational.of(a.selfPoints);
      return [a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) }];
    }),
  );
  const verified = answers.filter((a) => a.verified && entry.questions.has(a.questionCode)).length;
  const scores = scoresOfPoints(entry.questionnaire, points, decimals);
  return {
    progress: { verified, total: entry.questions.size },
    // as the submission view shows them to staff
    scores: { self: scores.self.score, indicators: scores.self.indicators, verified: scores.verified.score },
  };
}

/**
 * Sets verified values. Each value must fit its question (422 listing every bad item); a value that differs from the
 * body's answer needs a reason (422); accepting keeps no reason. Stores the exact verified points, who and when; moves
 * the state to in progress (a complete verification changed again is in progress again) and appends each changed item
 * to the submission's history, all in one transaction on the locked submission.
 */
export async function saveVerification(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  items: VerificationItem[],
) {
  return deps.db.transaction().execute(async (trx) => {
    const { target, state: before } = await openVerification(trx, actor, submissionId);
    const entry = await questionnaireOf(deps.autosave, trx, target.questionnaireId);
    const { questions } = entry;
    const shapeIssues: ProblemDetail[] = [];
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const question = questions.get(item.questionCode);
      if (!question) shapeIssues.push({ path: `items.${i}.questionCode`, message: 'No such question in the SAQ' });
      else if (!answerFits(question, item.value))
        shapeIssues.push({ path: `items.${i}.value`, message: `Not a valid value for a ${question.type} question` });
      if (seen.has(item.questionCode))
        shapeIssues.push({ path: `items.${i}.questionCode`, message: 'The same question twice in one request' });
      seen.add(item.questionCode);
    });
    if (shapeIssues.length > 0) throw validationFailed(shapeIssues);
    const answers = await repo.answersToVerify(trx, submissionId);
    const current = new Map(answers.map((a) => [a.questionCode, a] as const));
    const reasonIssues: ProblemDetail[] = [];
    const writes: repo.VerifiedWrite[] = [];
    const history: Parameters<typeof appendHistory>[1] = [];
    items.forEach((item, i) => {
      const question = questions.get(item.questionCode) as NonNullable<ReturnType<typeof questions.get>>;
      const was = current.get(item.questionCode);
      const answer = (was?.value ?? null) as AnswerValue;
      if (reasonMissing(answer, item.value, item.reason)) {
        reasonIssues.push({
          path: `items.${i}.reason`,
          message: `A reason of at least ${MIN_VERIFICATION_REASON} characters is required when the verified value differs from the answer`,
        });
        return;
      }
      // accepting the answer keeps no reason: the trail says the value was the body's own
      const reason = sameAnswer(answer, item.value) ? null : (item.reason ?? '').trim();
      const wasVerified = was?.verified === true;
      const unchanged =
        wasVerified &&
        sameAnswer(was?.verifiedValue as AnswerValue, item.value) &&
        (was?.verifiedReason ?? null) === reason;
      if (unchanged) return;
      writes.push({
        questionId: question.id,
        questionCode: question.code,
        value: item.value,
        points: questionPoints(question, item.value).toDecimal(),
        reason,
      });
      history.push({
        submissionId,
        questionCode: question.code,
        actorId: actor.userId,
        event: 'verification.set',
        before: wasVerified ? { value: was?.verifiedValue ?? null } : null,
        after: { value: item.value },
        reason,
      });
    });
    if (reasonIssues.length > 0) throw validationFailed(reasonIssues);
    let state: VerificationState = before;
    if (writes.length > 0) {
      await repo.writeVerified(trx, submissionId, actor.userId, nowOf(deps), writes);
      await appendHistory(trx, history);
      if (state !== 'in_progress') {
        await repo.setVerificationState(trx, submissionId, 'in_progress', null);
        state = 'in_progress';
      }
    }
    // the figures after the write, from the rows read before it and what was written
    const after = new Map(current);
    for (const w of writes) {
      const old = after.get(w.questionCode);
      after.set(w.questionCode, {
        questionCode: w.questionCode,
        value: old?.value ?? null,
        verifiedValue: w.value,
        verifiedReason: w.reason,
        verified: true,
        selfPoints: old?.selfPoints ?? '0',
        verifiedPoints: w.points,
      });
    }
    const decimals = (target.methodology as Methodology).decimals;
    return { verificationState: state, ...liveFigures(entry, [...after.values()], decimals) };
  });
}

/**
 * Completes the submission's verification: 422 with `missing` (the codes) unless every question has been verified.
 * Completing a complete verification again changes nothing.
 */
export async function completeVerification(deps: SubmissionsDeps, actor: Actor, submissionId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const { target, state } = await openVerification(trx, actor, submissionId);
    const { questionnaire } = await questionnaireOf(deps.autosave, trx, target.questionnaireId);
    if (state === 'complete') return { verificationState: 'complete' as const };
    const verified = new Set(
      (await repo.answersToVerify(trx, submissionId)).filter((a) => a.verified).map((a) => a.questionCode),
    );
    const missing = questionnaire.indicators
      .flatMap((i) => i.questions.map((q) => q.code))
      .filter((c) => !verified.has(c));
    if (missing.length > 0) {
      throw new AppError('INCOMPLETE_SUBMISSION', `${missing.length} question(s) are not verified yet.`, { missing });
    }
    const at = nowOf(deps);
    await repo.setVerificationState(trx, submissionId, 'complete', { at, by: actor.userId });
    await appendHistory(trx, [
      {
        submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'verification.completed',
        before: { verificationState: state },
        after: { verificationState: 'complete' },
        reason: null,
      },
    ]);
    return { verificationState: 'complete' as const };
  });
}

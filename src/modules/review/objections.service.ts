import { type Actor, evaluatorOnlyIn } from '../../domain/access.ts';
import { answerFits } from '../../domain/questionnaire.ts';
import type { ObjectionStatus } from '../../domain/review.ts';
import { type AnswerValue, questionPoints } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import { nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { getPeriodRow } from '../periods/periods.service.ts';
import type { SubmissionsDeps } from '../submissions/autosave-state.ts';
import { readable } from '../submissions/submission-view.service.ts';
// the submissions' repository, not a service: the history row is written in this service's own transaction, beside
// the change it records (the submission was read and authorized through the submissions' service above)
import { appendHistory } from '../submissions/submissions.repository.ts';
import type { Objection } from './clarifications.schemas.ts';
import { evidenceView, questionOf, storedEvidence } from './clarifications.service.ts';
import { noticeObjectionDecided } from './notices.ts';
import * as repo from './objections.repository.ts';

/**
 * Objections (sanggah, issue 22, item 4): in the objection stage the body sees its verification and may contest one
 * item at a time, with a reason and evidence; the assigned evaluator or the admin accepts (setting a new verified
 * value) or rejects it, with a reason. Filing and deciding are score-affecting events: both go to the history.
 */

const OBJECTION_STAGE = 'objection';

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** A stored jsonb value (`{value}`) back as an answer value; absent when the objection is undecided. */
function storedValue(stored: unknown): AnswerValue | undefined {
  if (stored && typeof stored === 'object' && 'value' in stored) return (stored as { value: AnswerValue }).value;
  return undefined;
}

function objectionView(r: repo.ObjectionRow): Objection {
  const before = storedValue(r.beforeValue);
  const after = storedValue(r.afterValue);
  return {
    id: r.id,
    submissionId: r.submissionId,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    questionCode: r.questionCode,
    reason: r.reason,
    evidence: evidenceView(r.evidence),
    filedBy: person(r.filedById, r.filedByName),
    createdAt: iso(r.createdAt),
    status: r.status as ObjectionStatus,
    decidedBy: person(r.decidedById, r.decidedByName),
    decidedAt: r.decidedAt ? iso(r.decidedAt) : null,
    decisionReason: r.decisionReason,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}

async function oneObjection(deps: SubmissionsDeps, id: string): Promise<Objection> {
  const row = await repo.findObjection(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such objection.');
  return objectionView(row);
}

/** Files an objection to one item: the body, in the objection stage, one pending objection per item. */
export async function file(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  input: { questionCode: string; reason: string; evidence?: ({ url: string } | { fileId: string })[] | undefined },
): Promise<Objection> {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'objection.file', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (row.stage !== OBJECTION_STAGE) {
    throw new AppError('STAGE_CLOSED', 'Objections are filed during the objection stage.', { stage: row.stage });
  }
  await questionOf(deps, row, input.questionCode);
  const evidence = await storedEvidence(deps.db, row.id, input.evidence ?? []);
  if (await repo.hasPendingObjection(deps.db, row.id, input.questionCode)) {
    throw new AppError('CONFLICT', 'This item already has an objection waiting for a decision.');
  }
  const id = await deps.db.transaction().execute(async (trx) => {
    const stage = await repo.lockedStage(trx, row.id);
    if (stage !== OBJECTION_STAGE) {
      throw new AppError('STAGE_CLOSED', 'Objections are filed during the objection stage.', { stage });
    }
    const created = await repo.insertObjection(trx, {
      commissionId: row.commissionId,
      submissionId: row.id,
      questionCode: input.questionCode,
      reason: input.reason,
      evidence,
      filedBy: actor.userId,
    });
    if (!created) throw new AppError('CONFLICT', 'This item already has an objection waiting for a decision.');
    await appendHistory(trx, [
      {
        submissionId: row.id,
        questionCode: input.questionCode,
        actorId: actor.userId,
        event: 'objection.filed',
        before: null,
        after: { objectionId: created, evidence },
        reason: input.reason,
      },
    ]);
    return created;
  });
  return oneObjection(deps, id);
}

/** The submission's objections: the body and the staff who see the submission. */
export async function listForSubmission(deps: SubmissionsDeps, actor: Actor, submissionId: string) {
  const row = await readable(deps, actor, submissionId);
  return (await repo.objectionsOf(deps.db, row.id)).map(objectionView);
}

/**
 * A period's objections, pending first: the admin and leadership see all of them, an evaluator those of the
 * submissions assigned to them. Bodies use their submission's list.
 */
export async function listForPeriod(
  deps: SubmissionsDeps,
  actor: Actor,
  periodId: string,
  status: ObjectionStatus | undefined,
) {
  const period = await getPeriodRow(deps, actor, periodId);
  // the commission's staff read (admins, evaluators, leadership); a body operator is refused here
  authorize(actor, 'registry.read', { commissionId: period.commissionId }, 'period');
  const evaluatorId = evaluatorOnlyIn(actor, period.commissionId) ? actor.userId : undefined;
  return (await repo.objectionsOfPeriod(deps.db, periodId, { status, evaluatorId })).map(objectionView);
}

/**
 * Decides a pending objection (the assigned evaluator or the admin, in the objection stage). Accepted: `value`
 * becomes the item's verified value, with its points and the decision's reason. Rejected: the verified value stays.
 * Either way the objection keeps the value before and after, and the history says who, when, what and why.
 */
export async function decideObjection(
  deps: SubmissionsDeps,
  actor: Actor,
  id: string,
  input: { decision: 'accepted' | 'rejected'; reason: string; value?: AnswerValue | undefined },
): Promise<Objection> {
  const objection = await repo.findObjection(deps.db, id);
  if (!objection) throw new AppError('NOT_FOUND', 'No such objection.');
  const row = await readable(deps, actor, objection.submissionId);
  authorize(actor, 'objection.decide', { commissionId: row.commissionId }, 'objection');
  if (row.stage !== OBJECTION_STAGE) {
    throw new AppError('STAGE_CLOSED', 'Objections are decided during the objection stage.', { stage: row.stage });
  }
  if (objection.status !== 'pending') throw new AppError('CONFLICT', 'This objection is already decided.');
  const question = await questionOf(deps, row, objection.questionCode);
  const accepted = input.decision === 'accepted';
  if (accepted) {
    if (input.value === undefined || input.value === null) {
      throw validationFailed([{ path: 'value', message: 'An accepted objection sets the new verified value' }]);
    }
    if (!answerFits(question, input.value)) {
      throw validationFailed([{ path: 'value', message: `Not an answer to a ${question.type} question` }]);
    }
  }
  const at = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    // the stage again with the period locked: a move to the presentation (which marks who proceeds on the verified
    // values) waits for the decision, or the decision sees the stage moved on
    const stage = await repo.lockedStage(trx, row.id);
    if (stage !== OBJECTION_STAGE) {
      throw new AppError('STAGE_CLOSED', 'Objections are decided during the objection stage.', { stage });
    }
    const item = await repo.itemOf(trx, row.id, objection.questionCode);
    // what counted before: the verified value where one is set, else the body's own answer
    const before = (item?.verifiedValue ?? item?.value ?? null) as AnswerValue;
    const after = accepted ? (input.value as AnswerValue) : before;
    const decided = await repo.decideObjection(trx, id, {
      status: input.decision,
      decidedBy: actor.userId,
      decisionReason: input.reason,
      beforeValue: { value: before },
      afterValue: { value: after },
    });
    if (!decided) throw new AppError('CONFLICT', 'This objection is already decided.');
    if (accepted) {
      await repo.setVerified(trx, {
        submissionId: row.id,
        questionId: question.id,
        questionCode: objection.questionCode,
        value: after,
        points: questionPoints(question, after).toDecimal(),
        reason: input.reason,
        by: actor.userId,
        at,
      });
    }
    await appendHistory(trx, [
      {
        submissionId: row.id,
        questionCode: objection.questionCode,
        actorId: actor.userId,
        event: accepted ? 'objection.accepted' : 'objection.rejected',
        before: { value: before },
        after: { value: after },
        reason: input.reason,
      },
    ]);
    await noticeObjectionDecided(trx, deps, { objectionId: id });
  });
  return oneObjection(deps, id);
}

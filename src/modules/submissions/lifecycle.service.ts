import { type Actor, evaluatorOnlyIn, isCommissionStaff } from '../../domain/access.ts';
import { answerFits, type Question } from '../../domain/questionnaire.ts';
import { editable } from '../../domain/saq-window.ts';
import { type AnswerValue, questionPoints } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import { nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import * as periods from '../periods/periods.repository.ts';
import * as periodService from '../periods/periods.service.ts';
import * as answers from './answers.repository.ts';
import { questionnaireOf, type SubmissionsDeps } from './autosave-state.ts';
import { copyFileRecords } from './evidence-files.repository.ts';
import { mailReceipt } from './receipt.service.ts';
import { getSubmission, readable, submissionView, VERIFICATION_RELEASED } from './submission-view.service.ts';
import * as repo from './submissions.repository.ts';

/**
 * The SAQ's lifecycle: a body's submission opened (created on first open), listed for staff, submitted, reopened,
 * extended, carried forward from the year before, and its history. Every change here moves the submission's version,
 * as the autosave's rules require (autosave.repository.ts).
 */

/**
 * The operator's submission for the period; during the SAQ stage the first call creates it. An operator of several
 * bodies of the commission names one with `bodyId`.
 */
export async function mine(deps: SubmissionsDeps, actor: Actor, periodId: string, bodyId?: string) {
  const period = await periodService.getPeriodRow(deps, actor, periodId);
  const bodies = await repo.operatedBodies(deps.db, actor.userId, period.commissionId);
  const body = bodyId ? bodies.find((b) => b.id === bodyId) : bodies.length === 1 ? bodies[0] : undefined;
  if (!body) {
    if (bodies.length > 1 && !bodyId) {
      throw validationFailed([{ path: 'query.bodyId', message: 'You run several bodies: choose one with bodyId' }]);
    }
    throw new AppError(
      bodies.length === 0 ? 'FORBIDDEN' : 'NOT_FOUND',
      'Only a PPID operator of a body has a submission.',
    );
  }
  let existing = await repo.findSubmissionOf(deps.db, periodId, body.id);
  if (!existing) {
    if (period.stage !== 'saq')
      throw new AppError('NOT_FOUND', 'The self-assessment is not open; there is no submission.');
    // the periods' repository, not its service: whether a questionnaire exists, with no view of it to build (the
    // actor may read the period, checked above)
    if (!(await periods.findQuestionnaire(deps.db, periodId, body.categoryId))) {
      throw new AppError('NOT_FOUND', 'Your category has no questionnaire in this period.');
    }
    existing = await repo.ensureSubmission(deps.db, { commissionId: period.commissionId, periodId, bodyId: body.id });
  }
  const row = await repo.findSubmission(deps.db, (existing as { id: string }).id);
  return submissionView(deps, actor, row as repo.SubmissionRow);
}

/** Stages in which an admin may still reopen a submission or extend its deadline (DOMAIN.md: until verification ends). */
const CHANGEABLE_STAGES: readonly string[] = ['draft', 'saq', 'verification'];

/** Stages from which the body sees the panel's events: its jurors see one another's scores only from then on. */
const PANEL_RELEASED: readonly string[] = ['results', 'published'];

/**
 * Whether the body (a reader who is not the commission's staff) sees this history event now: the review's events only
 * once released, with the period at the objection stage or later (verification, objection decisions, assignment), and
 * the panel's once the period's results are computed, as a juror sees the other jurors' scores. Its own events
 * (answers, submission, clarification evidence, objections filed) always.
 */
function bodySeesEvent(event: string, stage: string): boolean {
  if (event.startsWith('panel.')) return PANEL_RELEASED.includes(stage);
  if (
    event.startsWith('verification.') ||
    event.startsWith('assignment.') ||
    event === 'objection.accepted' ||
    event === 'objection.rejected'
  ) {
    return VERIFICATION_RELEASED.includes(stage);
  }
  return true;
}

/**
 * The submission's audit trail, oldest first, optionally of one question: who, when, the event, before, after, the
 * reason. Its evaluators, the commission's staff and platform admins see every event; the body sees the review's
 * events only once released (bodySeesEvent).
 */
export async function submissionHistory(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  questionCode?: string,
) {
  const row = await readable(deps, actor, submissionId);
  const staff = isCommissionStaff(actor, row.commissionId);
  // a juror (an evaluator, nothing wider) sees the other jurors' scores only from the results stage on, as on the panel
  const othersScoresHidden = evaluatorOnlyIn(actor, row.commissionId) && !PANEL_RELEASED.includes(row.stage);
  return (await repo.history(deps.db, submissionId, questionCode))
    .filter((h) => staff || bodySeesEvent(h.event, row.stage))
    .filter((h) => !(othersScoresHidden && h.event === 'panel.scored' && h.actorId !== actor.userId))
    .map((h) => ({
      at: iso(h.at),
      actor: h.actorId ? { id: h.actorId, name: h.actorName ?? '' } : null,
      event: h.event,
      ...(h.questionCode ? { questionCode: h.questionCode } : {}),
      before: h.before,
      after: h.after,
      ...(h.reason ? { reason: h.reason } : {}),
    }));
}

/**
 * The periodic lock (issue 22, item 6): reopened submissions whose extension has ended without a new submission are
 * locked as submitted with their last answers, each with a history row. Returns how many. A system job: no actor.
 */
export async function lockExpiredReopened(deps: Pick<SubmissionsDeps, 'db'>, at: Date): Promise<number> {
  return deps.db.transaction().execute((trx) => repo.lockExpiredReopened(trx, at));
}

/**
 * Submits the SAQ: 422 with `missing` unless every question is answered and required evidence is there; 409
 * `CARRIED_UNCONFIRMED` with `carried` while answers copied from last year are unconfirmed, unless the request confirms
 * them (`confirmCarried`), which it then does in the same transaction, in the history. Then locked, and the receipt
 * (its fingerprint in the history) mailed to the body.
 */
export async function submit(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  options: { confirmCarried?: boolean | undefined } = {},
) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  return deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was already submitted.');
    if (!editable(locked, row.schedule, nowOf(deps)))
      throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');
    const view = await submissionView(deps, actor, { ...row, version: locked.version }, trx);
    if (view.progress.missing.length > 0) {
      throw new AppError(
        'INCOMPLETE_SUBMISSION',
        `${view.progress.missing.length} question(s) still need an answer or evidence.`,
        {
          missing: view.progress.missing,
        },
      );
    }
    const carried = view.answers.filter((a) => a.carried).map((a) => a.questionCode);
    if (carried.length > 0 && options.confirmCarried !== true) {
      throw new AppError(
        'CARRIED_UNCONFIRMED',
        `${carried.length} answer(s) copied from last year are not confirmed yet.`,
        { carried },
      );
    }
    const at = nowOf(deps);
    const version = locked.version + 1;
    await repo.confirmCarried(trx, { submissionId, version, actorId: actor.userId }, carried);
    await repo.setSubmissionState(trx, submissionId, { status: 'submitted', submittedAt: at, version });
    const submitted = { ...row, status: 'submitted', submittedAt: at, version };
    const receipt = await mailReceipt(deps, trx, submitted);
    await repo.appendHistory(trx, [
      ...carried.map((questionCode) => ({
        submissionId,
        questionCode,
        actorId: actor.userId,
        event: CARRIED_CONFIRMED,
        before: { carried: true },
        after: { carried: false, onSubmit: true },
      })),
      {
        submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'submission.submitted',
        before: { status: 'draft' },
        after: { status: 'submitted', fingerprint: receipt.fingerprint, answered: receipt.answered },
      },
    ]);
    return submissionView(deps, actor, submitted, trx);
  });
}

/** The history event of a carried answer confirmed as the body's own, its value unchanged. */
export const CARRIED_CONFIRMED = 'answer.carried_confirmed';

/**
 * Confirms carried answers without changing them (issue 25, item 6). `ifMatch` is the version the page last saw: a
 * named answer that changed after it is a 409 with `current` (as the autosave's). Codes of the questionnaire that are
 * not carried (already confirmed or saved) are skipped; codes outside it are a 422. Returns the codes confirmed.
 */
export async function confirmCarriedAnswers(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  questionCodes: string[],
) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (ifMatch === undefined) {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the version you last saw.', {
      version: row.version,
    });
  }
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questions } = await questionnaireOf(deps.autosave, deps.db, row.questionnaireId);
  const codes = [...new Set(questionCodes)];
  const unknown = questionCodes.flatMap((code, i) =>
    questions.has(code) ? [] : [{ path: `questionCodes.${i}`, message: `No question ${code} in this questionnaire` }],
  );
  if (unknown.length > 0) throw validationFailed(unknown);
  const confirmed = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
    if (!editable(locked, row.schedule, nowOf(deps)))
      throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');
    const current = await answers.answersOf(trx, submissionId, codes);
    const changed = current.filter((a) => a.changedVersion > ifMatch).map((a) => a.questionCode);
    if (changed.length > 0) {
      const view = await submissionView(deps, actor, { ...row, version: locked.version }, trx);
      throw new AppError('VERSION_CONFLICT', 'Someone else changed these questions since you loaded them.', {
        conflicts: changed,
        current: { version: view.version, answers: view.answers.filter((a) => changed.includes(a.questionCode)) },
      });
    }
    const toConfirm = current.filter((a) => a.carried).map((a) => a.questionCode);
    if (toConfirm.length === 0) return [];
    const version = locked.version + 1;
    await repo.confirmCarried(trx, { submissionId, version, actorId: actor.userId }, toConfirm);
    await repo.setSubmissionState(trx, submissionId, { version });
    await repo.appendHistory(
      trx,
      toConfirm.map((questionCode) => ({
        submissionId,
        questionCode,
        actorId: actor.userId,
        event: CARRIED_CONFIRMED,
        before: { carried: true },
        after: { carried: false },
      })),
    );
    return toConfirm;
  });
  return { confirmed, submission: await getSubmission(deps, actor, submissionId) };
}

/**
 * A commission admin's change to one submission's state (reopen, extension): authorised, applied to the locked row
 * with the version moved on, and recorded in the history with its reason, in one transaction.
 */
async function adminChange(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  change: (locked: repo.LockedSubmission) => {
    state: { status: string; submittedAt?: Date | null; deadlineOverride?: Date | null };
    event: string;
    before: unknown;
    after: unknown;
    reason: string;
  },
) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.manage', { commissionId: row.commissionId }, 'submission');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    // once verification is over, the scores rest on the answers as they are: no reopening, no extension (DOMAIN.md)
    if (!CHANGEABLE_STAGES.includes(locked.stage)) {
      throw new AppError('STAGE_CLOSED', 'The period has left verification: no reopening or extension any more.', {
        stage: locked.stage,
      });
    }
    const { state, event, before, after, reason } = change(locked);
    await repo.setSubmissionState(trx, submissionId, { ...state, version: locked.version + 1 });
    await repo.appendHistory(trx, [
      { submissionId, questionCode: null, actorId: actor.userId, event, before, after, reason },
    ]);
  });
  return getSubmission(deps, actor, submissionId);
}

/** Reopens a submitted (or locked) SAQ for the body to edit again (commission admin, with a reason; audited). */
export async function reopen(deps: SubmissionsDeps, actor: Actor, submissionId: string, reason: string) {
  return adminChange(deps, actor, submissionId, (locked) => {
    if (locked.status === 'draft') throw new AppError('CONFLICT', 'The self-assessment is already open.');
    return {
      state: { status: 'draft', submittedAt: null },
      event: 'submission.reopened',
      before: { status: locked.status },
      after: { status: 'draft' },
      reason,
    };
  });
}

/** Extends one body's deadline (commission admin, with a reason; audited); a locked draft becomes editable again. */
export async function extend(deps: SubmissionsDeps, actor: Actor, submissionId: string, until: Date, reason: string) {
  if (until.getTime() <= nowOf(deps).getTime()) {
    // authorisation first: neither a stranger nor a role that may not extend learns anything from the validation
    const row = await readable(deps, actor, submissionId);
    authorize(actor, 'submission.manage', { commissionId: row.commissionId }, 'submission');
    throw validationFailed([{ path: 'until', message: 'The new deadline must be in the future' }]);
  }
  return adminChange(deps, actor, submissionId, (locked) => {
    if (locked.status === 'submitted')
      throw new AppError('LOCKED', 'The self-assessment was submitted; reopen it first.');
    return {
      state: { status: 'draft', deadlineOverride: until },
      event: 'submission.extended',
      before: { status: locked.status, deadline: locked.deadlineOverride ? iso(locked.deadlineOverride) : null },
      after: { status: 'draft', deadline: iso(until) },
      reason,
    };
  });
}

/**
 * Copies the answers and evidence of questions with the same code from the body's previous period; each stays
 * `carried` until saved again. Answers already given in this period are kept.
 */
export async function carryForward(deps: SubmissionsDeps, actor: Actor, submissionId: string) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const previous = await repo.carrySource(deps.db, row.bodyId, row.year);
  if (!previous) {
    throw new AppError(
      'NOT_FOUND',
      'There is no earlier year to carry forward: the body answered no earlier self-assessment.',
    );
  }
  const { questions } = await questionnaireOf(deps.autosave, deps.db, row.questionnaireId);
  const result = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
    if (!editable(locked, row.schedule, nowOf(deps)))
      throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');
    const current = new Set(
      (await answers.answersOf(trx, submissionId)).filter((a) => a.value !== null).map((a) => a.questionCode),
    );
    const old = await answers.answersOf(trx, previous.id);
    const oldEvidence = await answers.evidenceOf(trx, previous.id);
    const version = locked.version + 1;
    const carried = old.filter((a) => {
      const q = questions.get(a.questionCode);
      return q && !current.has(a.questionCode) && a.value !== null && answerFits(q, a.value);
    });
    if (carried.length === 0) {
      throw new AppError(
        'CONFLICT',
        `Nothing to carry forward from ${previous.year}: every question answered then is answered already, or is no longer asked.`,
      );
    }
    await answers.carryAnswers(
      trx,
      { submissionId, version, actorId: actor.userId },
      carried.map((a) => {
        const q = questions.get(a.questionCode) as Question & { id: string };
        return {
          questionId: q.id,
          questionCode: a.questionCode,
          value: a.value,
          note: a.note,
          selfPoints: questionPoints(q, a.value as AnswerValue).toDecimal(),
        };
      }),
    );
    const carriedCodes = new Set(carried.map((a) => a.questionCode));
    const carriedEvidence = oldEvidence.filter((e) => carriedCodes.has(e.questionCode));
    // a record of its own for every file reference carried, all in one statement
    const fileRefs = carriedEvidence.filter((e) => !e.url && e.fileId);
    const copies = await copyFileRecords(
      trx,
      fileRefs.map((e) => e.fileId as string),
      { submissionId, commissionId: row.commissionId },
    );
    const copyOf = new Map(fileRefs.map((e, i) => [e, copies[i]]));
    const evidence: { questionCode: string; evidence: answers.EvidenceItem[] }[] = [];
    for (const a of carried) {
      const items: answers.EvidenceItem[] = [];
      for (const e of carriedEvidence.filter((x) => x.questionCode === a.questionCode)) {
        const copy = copyOf.get(e);
        if (e.url) items.push({ url: e.url });
        else if (copy) items.push({ fileId: copy });
      }
      if (items.length > 0) evidence.push({ questionCode: a.questionCode, evidence: items });
    }
    await answers.replaceEvidence(trx, submissionId, evidence);
    await repo.setSubmissionState(trx, submissionId, { version });
    await repo.appendHistory(
      trx,
      carried.map((a) => ({
        submissionId,
        questionCode: a.questionCode,
        actorId: actor.userId,
        event: 'answer.carried',
        before: null,
        after: { value: a.value, fromYear: previous.year },
      })),
    );
    return { carried: carried.length, fromYear: previous.year };
  });
  return { ...result, submission: await getSubmission(deps, actor, submissionId) };
}

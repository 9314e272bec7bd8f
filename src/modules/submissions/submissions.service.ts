import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { answerFits, type Question, type Questionnaire } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import { type AnswerValue, aggregateFractions, pointsToFractions, questionPoints } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import * as periods from '../periods/periods.repository.ts';
import * as repo from './submissions.repository.ts';

type SubmissionRow = NonNullable<Awaited<ReturnType<typeof repo.findSubmission>>>;
export type EvidenceInput = { url: string } | { fileId: string };
export interface AnswerInputItem {
  questionCode: string;
  value: AnswerValue;
  evidence?: EvidenceInput[] | undefined;
  note?: string | null | undefined;
}

const now = (deps: AppDeps) => deps.now?.() ?? new Date();
const iso = (d: Date | string) => new Date(d).toISOString();

// Questionnaires are frozen once the SAQ opens, so a loaded one can be kept (bounded; keyed by its row id + version).
const questionnaireCache = new Map<
  string,
  { questionnaire: Questionnaire; questions: Map<string, Question & { id: string }> }
>();

async function questionnaireOf(db: Db, questionnaireId: string) {
  const cached = questionnaireCache.get(questionnaireId);
  if (cached) return cached;
  const [questionnaire, ids] = await Promise.all([
    periods.loadQuestionnaire(db, questionnaireId),
    repo.questionIds(db, questionnaireId),
  ]);
  const idOf = new Map(ids.map((q) => [q.code, q.id]));
  const questions = new Map(
    questionnaire.indicators.flatMap((i) => i.questions).map((q) => [q.code, { ...q, id: idOf.get(q.code) as string }]),
  );
  const entry = { questionnaire, questions };
  if (questionnaireCache.size >= 500) questionnaireCache.delete(questionnaireCache.keys().next().value as string);
  questionnaireCache.set(questionnaireId, entry);
  return entry;
}

/** Forget a questionnaire that changed (only possible in draft, before anyone answers). */
export function forgetQuestionnaire(questionnaireId: string) {
  questionnaireCache.delete(questionnaireId);
}

/** The end of the SAQ for this body: the schedule's last day (Asia/Jakarta, UTC+7) or its own extension if later. */
export function deadlineOf(schedule: unknown, deadlineOverride: Date | null): Date | null {
  const end = (schedule as { saq?: { end?: string } } | null)?.saq?.end;
  const scheduled = end ? new Date(`${end}T23:59:59.999+07:00`) : null;
  if (deadlineOverride && (!scheduled || deadlineOverride > scheduled)) return deadlineOverride;
  return scheduled;
}

/** Whether the body may still change its answers: a draft, in the SAQ stage before its deadline, or extended. */
export function editable(
  row: { status: string; stage: string; deadlineOverride: Date | null },
  schedule: unknown,
  at: Date,
): boolean {
  if (row.status !== 'draft') return false;
  if (row.deadlineOverride && row.deadlineOverride > at) return true;
  if (row.stage !== 'saq') return false;
  const deadline = deadlineOf(schedule, row.deadlineOverride);
  return !deadline || at <= deadline;
}

/** Self and verified scores from stored points (numerators over each question's max points). */
function scoresView(
  questionnaire: Questionnaire,
  points: Map<string, { self: Rational; verified: Rational }>,
  decimals: number,
) {
  const result = aggregateFractions(questionnaire.indicators, (q) => pointsToFractions(q, points.get(q.code)));
  const view = (part: typeof result.self) => ({
    score: Number(part.score.toFixed(decimals)),
    indicators: part.indicators.map((i) => ({
      code: i.code,
      title: i.title,
      weight: i.weight,
      earned: Number(i.earned.toFixed(4)),
      possible: Number(i.possible.toFixed(4)),
      score: Number(i.score.toFixed(decimals)),
    })),
  });
  return { self: view(result.self), verified: view(result.verified) };
}

/** Questions still blocking submission: unanswered, or required evidence missing. */
function missingOf(
  questionnaire: Questionnaire,
  answers: Map<string, { value: unknown }>,
  evidenceCount: Map<string, number>,
) {
  return questionnaire.indicators
    .flatMap((i) => i.questions)
    .filter((q) => {
      const answer = answers.get(q.code);
      if (answer?.value === null || answer?.value === undefined) return true;
      return q.evidence === 'required' && (evidenceCount.get(q.code) ?? 0) === 0;
    })
    .map((q) => q.code);
}

function canSeeVerification(actor: Actor, row: SubmissionRow): boolean {
  const staff = actor.memberships.some(
    (m) =>
      m.role === 'platform_admin' ||
      (m.commissionId === row.commissionId && (m.role === 'commission_admin' || m.role === 'evaluator')),
  );
  return staff || ['objection', 'presentation', 'results', 'published'].includes(row.stage);
}

/** The full view of a submission for the actor: answers with evidence, live scores, progress and what is missing. */
export async function submissionView(deps: AppDeps, actor: Actor, row: SubmissionRow, db: Db = deps.db) {
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questionnaire } = await questionnaireOf(db, row.questionnaireId);
  const [answers, evidence] = await Promise.all([repo.answersOf(db, row.id), repo.evidenceOf(db, row.id)]);
  const decimals = (row.methodology as Methodology).decimals;
  const evidenceBy = new Map<string, typeof evidence>();
  for (const e of evidence) evidenceBy.set(e.questionCode, [...(evidenceBy.get(e.questionCode) ?? []), e]);
  const points = new Map(
    answers.map((a) => {
      const self = Rational.of(a.selfPoints);
      return [a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) }];
    }),
  );
  const scores = scoresView(questionnaire, points, decimals);
  const seeVerification = canSeeVerification(actor, row);
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
    editable: editable(row, row.schedule, now(deps)),
    answers: answers.map((a) => ({
      questionCode: a.questionCode,
      value: a.value as AnswerValue,
      note: a.note,
      evidence: (evidenceBy.get(a.questionCode) ?? []).map((e) =>
        e.url !== null
          ? { url: e.url, linkStatus: e.linkStatus, linkCheckedAt: e.linkCheckedAt ? iso(e.linkCheckedAt) : null }
          : {
              fileId: e.fileId as string,
              name: e.fileName ?? '',
              size: Number(e.fileSize ?? 0),
              contentType: e.fileType ?? '',
            },
      ),
      carried: a.carried,
      changedVersion: a.changedVersion,
      updatedAt: iso(a.updatedAt),
    })),
    scores: {
      self: scores.self.score,
      indicators: scores.self.indicators,
      ...(seeVerification ? { verified: scores.verified.score } : {}),
    },
    ...(seeVerification
      ? {
          verification: answers
            .filter((a) => a.verifiedValue !== null)
            .map((a) => ({
              questionCode: a.questionCode,
              value: a.verifiedValue as AnswerValue,
              reason: a.verifiedReason,
            })),
        }
      : {}),
    progress: { answered: answers.filter((a) => a.value !== null).length, total, missing },
  };
}

async function readable(deps: AppDeps, actor: Actor, submissionId: string) {
  const row = await repo.findSubmission(deps.db, submissionId);
  if (!row) throw new AppError('NOT_FOUND', 'No such submission.');
  authorize(actor, 'submission.read', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  return row;
}

/**
 * The operator's submission for the period; during the SAQ stage the first call creates it. An operator of several
 * bodies of the commission names one with `bodyId`.
 */
export async function mine(deps: AppDeps, actor: Actor, periodId: string, bodyId?: string) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'period.read', { commissionId: period.commissionId }, 'period');
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
    if (!(await periods.findQuestionnaire(deps.db, periodId, body.categoryId))) {
      throw new AppError('NOT_FOUND', 'Your category has no questionnaire in this period.');
    }
    existing = await repo.ensureSubmission(deps.db, { commissionId: period.commissionId, periodId, bodyId: body.id });
  }
  const row = await repo.findSubmission(deps.db, (existing as { id: string }).id);
  return submissionView(deps, actor, row as SubmissionRow);
}

export async function getSubmission(deps: AppDeps, actor: Actor, submissionId: string) {
  return submissionView(deps, actor, await readable(deps, actor, submissionId));
}

/**
 * Autosave: merges the answers of the request into the submission. `ifMatch` is the version the client last saw; a
 * question of the request that changed after that version is a conflict (409 with the current answers), any other
 * change since is merged. One transaction: lock the submission, check, upsert, bump the version, append history.
 */
export async function saveAnswers(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  items: AnswerInputItem[],
) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (ifMatch === undefined) {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the version you last saw.', {
      version: row.version,
    });
  }
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questionnaire, questions } = await questionnaireOf(deps.db, row.questionnaireId);
  const errors: ProblemDetail[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const question = questions.get(item.questionCode);
    if (!question)
      errors.push({
        path: `answers.${i}.questionCode`,
        message: `No question ${item.questionCode} in this questionnaire`,
      });
    else if (!answerFits(question, item.value)) {
      errors.push({ path: `answers.${i}.value`, message: `Not an answer to a ${question.type} question` });
    }
    if (seen.has(item.questionCode))
      errors.push({ path: `answers.${i}.questionCode`, message: 'The same question twice' });
    seen.add(item.questionCode);
  });
  const fileIds = items.flatMap((i) => (i.evidence ?? []).flatMap((e) => ('fileId' in e ? [e.fileId] : [])));
  const known = new Set((await repo.filesOf(deps.db, submissionId, fileIds)).map((f) => f.id));
  for (const [i, item] of items.entries()) {
    for (const [j, e] of (item.evidence ?? []).entries()) {
      if ('fileId' in e && !known.has(e.fileId)) {
        errors.push({ path: `answers.${i}.evidence.${j}.fileId`, message: 'No such file in this submission' });
      }
    }
  }
  if (errors.length > 0) throw validationFailed(errors);

  const at = now(deps);
  return deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
    if (!editable(locked, row.schedule, at))
      throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');
    const codes = items.map((i) => i.questionCode);
    const before = await repo.answersOf(trx, submissionId, codes);
    const conflicts = before.filter((a) => a.changedVersion > ifMatch);
    if (conflicts.length > 0) {
      const view = await submissionView(deps, actor, { ...row, version: locked.version }, trx);
      const conflicting = new Set(conflicts.map((c) => c.questionCode));
      throw new AppError('VERSION_CONFLICT', 'Someone else changed these questions since you loaded them.', {
        conflicts: [...conflicting],
        current: { version: locked.version, answers: view.answers.filter((a) => conflicting.has(a.questionCode)) },
      });
    }
    const beforeEvidence = await repo.evidenceOf(trx, submissionId, codes);
    const version = locked.version + 1;
    const previous = new Map(before.map((a) => [a.questionCode, a]));
    await repo.upsertAnswers(
      trx,
      submissionId,
      version,
      actor.userId,
      items.map((item) => {
        const question = questions.get(item.questionCode) as Question & { id: string };
        const note = item.note !== undefined ? item.note : (previous.get(item.questionCode)?.note ?? null);
        return {
          questionId: question.id,
          questionCode: item.questionCode,
          value: item.value,
          note,
          selfPoints: questionPoints(question, item.value).toDecimal(),
        };
      }),
    );
    await repo.replaceEvidence(
      trx,
      submissionId,
      items
        .filter((i) => i.evidence !== undefined)
        .map((i) => ({ questionCode: i.questionCode, evidence: i.evidence ?? [] })),
    );
    await repo.setSubmissionState(trx, submissionId, { version });
    await repo.appendHistory(
      trx,
      items.map((item) => {
        const old = previous.get(item.questionCode);
        return {
          submissionId,
          questionCode: item.questionCode,
          actorId: actor.userId,
          event: 'answer.saved',
          before: old
            ? {
                value: old.value,
                note: old.note,
                evidence: beforeEvidence
                  .filter((e) => e.questionCode === item.questionCode)
                  .map((e) => (e.url ? { url: e.url } : { fileId: e.fileId })),
              }
            : null,
          after: {
            value: item.value,
            ...(item.note !== undefined ? { note: item.note } : {}),
            ...(item.evidence ? { evidence: item.evidence } : {}),
          },
        };
      }),
    );
    const all = await repo.answersOf(trx, submissionId);
    const points = new Map(
      all.map((a) => {
        const self = Rational.of(a.selfPoints);
        return [a.questionCode, { self, verified: self }];
      }),
    );
    const scores = scoresView(questionnaire, points, (row.methodology as Methodology).decimals);
    return { version, scores: { self: scores.self.score, indicators: scores.self.indicators } };
  });
}

export async function submissionHistory(deps: AppDeps, actor: Actor, submissionId: string, questionCode?: string) {
  await readable(deps, actor, submissionId);
  return (await repo.history(deps.db, submissionId, questionCode)).map((h) => ({
    at: iso(h.at),
    actor: h.actorId ? { id: h.actorId, name: h.actorName ?? '' } : null,
    event: h.event,
    ...(h.questionCode ? { questionCode: h.questionCode } : {}),
    before: h.before,
    after: h.after,
    ...(h.reason ? { reason: h.reason } : {}),
  }));
}

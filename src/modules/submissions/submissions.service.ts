import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { answerFits, type Question, type Questionnaire } from '../../domain/questionnaire.ts';
import { canonical, Rational } from '../../domain/rational.ts';
import {
  type AnswerValue,
  aggregateFractions,
  earnedOf,
  moveEarned,
  pointsToFractions,
  questionPoints,
  type ScoreWeights,
  scoreWeights,
} from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { type Batcher, createBatcher } from '../../lib/batcher.ts';
import { sniffFileType } from '../../lib/file-types.ts';
import * as periods from '../periods/periods.repository.ts';
import { scoreView, selfScoreView } from './score-view.ts';
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
  { questionnaire: Questionnaire; questions: Map<string, Question & { id: string }>; weights: ScoreWeights }
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
  const entry = { questionnaire, questions, weights: scoreWeights(questionnaire.indicators) };
  if (questionnaireCache.size >= 500) questionnaireCache.delete(questionnaireCache.keys().next().value as string);
  questionnaireCache.set(questionnaireId, entry);
  return entry;
}

/**
 * What this process knows of a submission at one version, kept after each save: the points of every answer and each
 * indicator's earned sum (so the next save reads only what it changes and scores only what it changes), and what never
 * changes for a submission (tenant, questionnaire, decimals). A save that trusts it is guarded by that version in the
 * database: any other writer (another instance, carry forward, reopen, lock) moves the version and the entry is not
 * used.
 */
interface KnownSubmission {
  version: number;
  points: Map<string, Rational>;
  earned: Map<string, Rational>;
  commissionId: string;
  bodyId: string;
  questionnaireId: string;
  decimals: number;
}
const known = new Map<string, KnownSubmission>();
const KNOWN_SIZE = 20_000;

function remember(submissionId: string, entry: KnownSubmission) {
  const current = known.get(submissionId);
  // an entry brought forward in place is already there (eviction goes by first arrival: a busy submission that is
  // evicted costs one read on its next save)
  if (current === entry) return;
  // two saves finishing out of order must not leave the older one behind
  if (current && current.version > entry.version) return;
  known.delete(submissionId);
  if (known.size >= KNOWN_SIZE) known.delete(known.keys().next().value as string);
  known.set(submissionId, entry);
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

function canSeeVerification(actor: Actor, row: SubmissionRow): boolean {
  const staff = actor.memberships.some(
    (m) =>
      m.role === 'platform_admin' ||
      (m.commissionId === row.commissionId && (m.role === 'commission_admin' || m.role === 'evaluator')),
  );
  return staff || ['objection', 'presentation', 'results', 'published'].includes(row.stage);
}

/** The full view of a submission for the actor: answers with evidence, live scores, progress and what is missing. */
export async function submissionView(
  deps: AppDeps,
  actor: Actor,
  row: SubmissionRow,
  db: Db = deps.db,
  options: { learn?: boolean } = {},
) {
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questionnaire, weights } = await questionnaireOf(db, row.questionnaireId);
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
  // a committed read (never one inside a transaction) lets the first autosave of an opened page skip its read
  if (options.learn && row.status === 'draft') {
    const self = new Map([...points].map(([code, p]) => [code, p.self]));
    remember(row.id, {
      version: row.version,
      points: self,
      earned: earnedOf(weights, self),
      commissionId: row.commissionId,
      bodyId: row.bodyId,
      questionnaireId: row.questionnaireId,
      decimals,
    });
  }
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
  return submissionView(deps, actor, row as SubmissionRow, deps.db, { learn: true });
}

export async function getSubmission(deps: AppDeps, actor: Actor, submissionId: string) {
  return submissionView(deps, actor, await readable(deps, actor, submissionId), deps.db, { learn: true });
}

/**
 * Autosave: merges the answers of the request into the submission. `ifMatch` is the version the client last saw; a
 * question of the request that changed after that version is a conflict (409 with the current answers), any other
 * change since is merged. Two round trips: one read with everything the checks need, one atomic write that applies
 * only if the submission is still at the version read (else read again, at most a few times).
 */
export async function saveAnswers(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  items: AnswerInputItem[],
) {
  const fast = await tryFastSave(deps, actor, submissionId, ifMatch, items);
  if (fast) return fast;
  for (let attempt = 0; attempt < 5; attempt++) {
    const saved = await trySave(deps, actor, submissionId, ifMatch, items);
    if (saved) return saved;
  }
  throw new AppError('CONFLICT', 'The submission is changing too fast; try again.');
}

/** The problems of a save's items against the questionnaire: unknown questions, values that do not fit, repeats. */
function itemProblems(questions: Map<string, Question>, items: AnswerInputItem[]): ProblemDetail[] {
  const errors: ProblemDetail[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const question = questions.get(item.questionCode);
    if (!question) {
      errors.push({
        path: `answers.${i}.questionCode`,
        message: `No question ${item.questionCode} in this questionnaire`,
      });
    } else if (!answerFits(question, item.value)) {
      errors.push({ path: `answers.${i}.value`, message: `Not an answer to a ${question.type} question` });
    }
    if (seen.has(item.questionCode))
      errors.push({ path: `answers.${i}.questionCode`, message: 'The same question twice' });
    seen.add(item.questionCode);
  });
  return errors;
}

/** Who may save: someone who may read the submission (else 404) and fill it (else 403). */
function authorizeFill(actor: Actor, scope: { commissionId: string; bodyId: string }) {
  authorize(actor, 'submission.read', scope, 'submission');
  authorize(actor, 'submission.fill', scope, 'submission');
}

/** Each item with its question and the points it earns (the items were checked against the questionnaire). */
function scored(questions: Map<string, Question & { id: string }>, items: AnswerInputItem[]) {
  return items.map((item) => {
    const question = questions.get(item.questionCode) as Question & { id: string };
    return { item, question, points: questionPoints(question, item.value) };
  });
}

/** The response of a save: the new version and the live self scores. */
function savedView(version: number, weights: ScoreWeights, earned: Map<string, Rational>, decimals: number) {
  const self = selfScoreView(weights, earned, decimals);
  return { version, scores: { self: self.score, indicators: self.indicators } };
}

// one group-commit queue per database handle (on Workers every request has its own handle: batches of one)
const batchers = new WeakMap<Db, Batcher<repo.FastSave & { at: Date }, number | null>>();

function batcherOf(db: Db) {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = createBatcher({
      name: 'fast-saves',
      key: (save) => save.submissionId,
      // a batch of one (any save when the database keeps up) takes the cheaper one-save statement
      run: async (saves) =>
        saves.length === 1 && saves[0] ? [await repo.writeFastSave(db, saves[0])] : repo.writeFastSaves(db, saves),
      // one batch in flight: saves arriving meanwhile wait for it and go together (bigger batches, fewer commits)
      slots: 1,
      gatherMs: 2,
    });
    batchers.set(db, batcher);
  }
  return batcher;
}

/**
 * The autosave's fast path, for the common case: this process wrote or read the submission last, and the save sends
 * no evidence. No read: one guarded write, grouped with other bodies' saves (group commit). Anything unusual (no
 * If-Match, unknown submission, invalid items, a conflict, a locked or closed SAQ, someone else's write) returns
 * null and takes the full path, which reads and answers precisely.
 */
async function tryFastSave(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  items: AnswerInputItem[],
) {
  const entry = known.get(submissionId);
  if (!entry || ifMatch === undefined || items.some((i) => i.evidence !== undefined)) return null;
  const scope = { commissionId: entry.commissionId, bodyId: entry.bodyId };
  authorizeFill(actor, scope);
  const { questions, weights } = await questionnaireOf(deps.db, entry.questionnaireId);
  if (itemProblems(questions, items).length > 0) return null;
  const written = scored(questions, items);
  const version = await batcherOf(deps.db).submit({
    submissionId,
    fromVersion: entry.version,
    ifMatch,
    actorId: actor.userId,
    at: now(deps),
    answers: written.map((w) => ({
      questionId: w.question.id,
      questionCode: w.item.questionCode,
      value: w.item.value,
      ...(w.item.note !== undefined ? { note: w.item.note } : {}),
      selfPoints: w.points.toDecimal(),
    })),
  });
  if (version === null || version === undefined) return null;
  return afterSave(submissionId, entry, version, weights, written);
}

/** Records what a save left (points, earned sums at the new version) and answers with the new scores. */
function afterSave(
  submissionId: string,
  base: KnownSubmission,
  version: number,
  weights: ScoreWeights,
  written: { item: AnswerInputItem; points: Rational }[],
) {
  // the state at the version read plus this save is the state at `version`: no other write came between (the
  // database checked the version), so the entry is brought forward in place rather than copied for every save, and
  // what it keeps are shared instances (`canonical`): nothing of a save outlives the young generation
  moveEarned(
    weights,
    base.earned,
    written.map((w) => ({ code: w.item.questionCode, before: base.points.get(w.item.questionCode), after: w.points })),
  );
  for (const w of written) base.points.set(w.item.questionCode, canonical(w.points));
  base.version = version;
  remember(submissionId, base);
  return savedView(version, weights, base.earned, base.decimals);
}

async function trySave(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  items: AnswerInputItem[],
) {
  const db = deps.db;
  const cached = known.get(submissionId);
  const state = await repo.readForSave(
    db,
    submissionId,
    items.map((i) => i.questionCode),
    cached?.version ?? null,
  );
  if (!state) throw new AppError('NOT_FOUND', 'No such submission.');
  const scope = { commissionId: state.commissionId, bodyId: state.bodyId };
  authorizeFill(actor, scope);
  if (ifMatch === undefined) {
    throw new AppError('PRECONDITION_REQUIRED', 'Send If-Match with the version you last saw.', {
      version: state.version,
    });
  }
  if (!state.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questions, weights } = await questionnaireOf(db, state.questionnaireId);
  const errors = itemProblems(questions, items);
  const fileIds = items.flatMap((i) => (i.evidence ?? []).flatMap((e) => ('fileId' in e ? [e.fileId] : [])));
  if (fileIds.length > 0) {
    const existing = new Set((await repo.filesOf(db, submissionId, fileIds)).map((f) => f.id));
    for (const [i, item] of items.entries()) {
      for (const [j, e] of (item.evidence ?? []).entries()) {
        if ('fileId' in e && !existing.has(e.fileId)) {
          errors.push({ path: `answers.${i}.evidence.${j}.fileId`, message: 'No such file in this submission' });
        }
      }
    }
  }
  if (errors.length > 0) throw validationFailed(errors);
  if (state.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
  if (!editable(state, state.schedule, now(deps)))
    throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');

  const previous = new Map(state.requested.map((a) => [a.code, a]));
  const conflicting = new Set(
    items.filter((i) => (previous.get(i.questionCode)?.version ?? 0) > ifMatch).map((i) => i.questionCode),
  );
  if (conflicting.size > 0) {
    const row = await repo.findSubmission(db, submissionId);
    const view = await submissionView(deps, actor, row as SubmissionRow);
    throw new AppError('VERSION_CONFLICT', 'Someone else changed these questions since you loaded them.', {
      conflicts: [...conflicting],
      current: { version: view.version, answers: view.answers.filter((a) => conflicting.has(a.questionCode)) },
    });
  }
  const withEvidence = items.filter((i) => i.evidence !== undefined);
  const beforeEvidence =
    withEvidence.length > 0
      ? await repo.evidenceOf(
          db,
          submissionId,
          withEvidence.map((i) => i.questionCode),
        )
      : [];
  const written = scored(questions, items);
  const applied = await repo.writeSave(db, {
    submissionId,
    fromVersion: state.version,
    actorId: actor.userId,
    answers: written.map((w) => ({
      questionId: w.question.id,
      questionCode: w.item.questionCode,
      value: w.item.value,
      note: w.item.note !== undefined ? w.item.note : (previous.get(w.item.questionCode)?.note ?? null),
      selfPoints: w.points.toDecimal(),
    })),
    evidenceCodes: withEvidence.map((i) => i.questionCode),
    evidence: withEvidence.flatMap((i) =>
      (i.evidence ?? []).map((e, position) => ({
        questionCode: i.questionCode,
        position,
        url: 'url' in e ? e.url : null,
        fileId: 'fileId' in e ? e.fileId : null,
      })),
    ),
    history: items.map((item) => {
      const old = previous.get(item.questionCode);
      return {
        questionCode: item.questionCode,
        before: old
          ? {
              value: old.value,
              note: old.note,
              ...(item.evidence
                ? {
                    evidence: beforeEvidence
                      .filter((e) => e.questionCode === item.questionCode)
                      .map((e) => (e.url ? { url: e.url } : { fileId: e.fileId })),
                  }
                : {}),
            }
          : null,
        after: {
          value: item.value,
          ...(item.note !== undefined ? { note: item.note } : {}),
          ...(item.evidence ? { evidence: item.evidence } : {}),
        },
      };
    }),
  });
  if (!applied) {
    known.delete(submissionId);
    return null;
  }
  // the state read: every answer's points (or those this process knew at the version read)
  const base: KnownSubmission =
    state.points === null && cached
      ? cached
      : (() => {
          const points = new Map((state.points ?? []).map((p) => [p.code, Rational.of(p.points)] as const));
          return {
            version: state.version,
            points,
            earned: earnedOf(weights, points),
            commissionId: state.commissionId,
            bodyId: state.bodyId,
            questionnaireId: state.questionnaireId,
            decimals: (state.methodology as Methodology).decimals,
          };
        })();
  return afterSave(submissionId, base, state.version + 1, weights, written);
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

/** The commission's submissions of a period (admins and evaluators), with how far each has come. */
export async function listSubmissions(deps: AppDeps, actor: Actor, periodId: string, categoryCode?: string) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'registry.read', { commissionId: period.commissionId }, 'period');
  const [rows, notStarted] = await Promise.all([
    repo.listForPeriod(deps.db, periodId, categoryCode),
    period.stage === 'draft' ? [] : repo.notStartedForPeriod(deps.db, periodId, period.commissionId, categoryCode),
  ]);
  const submissions = rows.map((r) => ({
    id: r.id,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    categoryCode: r.categoryCode,
    status: r.status,
    version: r.version,
    answered: r.answered ?? 0,
    submittedAt: r.submittedAt ? iso(r.submittedAt) : null,
    deadline: (() => {
      const d = deadlineOf(period.schedule, r.deadlineOverride);
      return d ? iso(d) : null;
    })(),
    updatedAt: iso(r.updatedAt),
  }));
  return { submissions, notStarted };
}

/** Submits the SAQ: 422 with `missing` unless every question is answered and required evidence is there; then locked. */
export async function submit(deps: AppDeps, actor: Actor, submissionId: string) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  return deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was already submitted.');
    if (!editable(locked, row.schedule, now(deps)))
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
    const at = now(deps);
    await repo.setSubmissionState(trx, submissionId, {
      status: 'submitted',
      submittedAt: at,
      version: locked.version + 1,
    });
    await repo.appendHistory(trx, [
      {
        submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'submission.submitted',
        before: { status: 'draft' },
        after: { status: 'submitted' },
      },
    ]);
    return submissionView(
      deps,
      actor,
      { ...row, status: 'submitted', submittedAt: at, version: locked.version + 1 },
      trx,
    );
  });
}

type LockedSubmission = NonNullable<Awaited<ReturnType<typeof repo.lockSubmission>>>;

/**
 * A commission admin's change to one submission's state (reopen, extension): authorised, applied to the locked row
 * with the version moved on, and recorded in the history with its reason, in one transaction.
 */
async function adminChange(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  change: (locked: LockedSubmission) => {
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
    const { state, event, before, after, reason } = change(locked);
    await repo.setSubmissionState(trx, submissionId, { ...state, version: locked.version + 1 });
    await repo.appendHistory(trx, [
      { submissionId, questionCode: null, actorId: actor.userId, event, before, after, reason },
    ]);
  });
  return getSubmission(deps, actor, submissionId);
}

/** Reopens a submitted (or locked) SAQ for the body to edit again (commission admin, with a reason; audited). */
export async function reopen(deps: AppDeps, actor: Actor, submissionId: string, reason: string) {
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
export async function extend(deps: AppDeps, actor: Actor, submissionId: string, until: Date, reason: string) {
  if (until.getTime() <= now(deps).getTime()) {
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
export async function carryForward(deps: AppDeps, actor: Actor, submissionId: string) {
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const previous = await repo.previousSubmission(deps.db, row.bodyId, row.year);
  if (!previous) throw new AppError('NOT_FOUND', 'The body has no earlier self-assessment to carry forward.');
  const { questions } = await questionnaireOf(deps.db, row.questionnaireId);
  const result = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockSubmission(trx, submissionId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such submission.');
    if (locked.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
    if (!editable(locked, row.schedule, now(deps)))
      throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');
    const current = new Set(
      (await repo.answersOf(trx, submissionId)).filter((a) => a.value !== null).map((a) => a.questionCode),
    );
    const old = await repo.answersOf(trx, previous.id);
    const oldEvidence = await repo.evidenceOf(trx, previous.id);
    const version = locked.version + 1;
    const carried = old.filter((a) => {
      const q = questions.get(a.questionCode);
      return q && !current.has(a.questionCode) && a.value !== null && answerFits(q, a.value);
    });
    await repo.carryAnswers(
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
    const evidence: { questionCode: string; evidence: EvidenceInput[] }[] = [];
    for (const a of carried) {
      const items: EvidenceInput[] = [];
      for (const e of oldEvidence.filter((x) => x.questionCode === a.questionCode)) {
        if (e.url) items.push({ url: e.url });
        else if (e.fileId) {
          const copy = await repo.copyFileRecord(trx, e.fileId, { submissionId, commissionId: row.commissionId });
          if (copy) items.push({ fileId: copy.id });
        }
      }
      if (items.length > 0) evidence.push({ questionCode: a.questionCode, evidence: items });
    }
    await repo.replaceEvidence(trx, submissionId, evidence);
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

function filesConfig(deps: AppDeps) {
  if (!deps.files) throw new AppError('NOT_FOUND', 'File uploads are not configured on this server.');
  return deps.files;
}

/**
 * Stores an evidence file for the submission: streamed to temporary storage (size limit: 413), recognised by its
 * bytes (PDF, images, office documents; anything else 415), hashed, then moved into the file store.
 */
export async function uploadFile(deps: AppDeps, actor: Actor, submissionId: string, request: Request) {
  const files = filesConfig(deps);
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  if (row.status !== 'draft' || !editable(row, row.schedule, now(deps))) {
    throw new AppError(
      row.status === 'draft' ? 'STAGE_CLOSED' : 'LOCKED',
      'The self-assessment is not open for changes.',
    );
  }
  const upload = await files.receive(request, files.limit);
  const type = sniffFileType(upload.head, upload.name);
  if (!type) {
    await files.discard(upload.tempPath);
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Only PDF, images (PNG, JPEG, GIF, WebP) and office documents are accepted.',
    );
  }
  const name = cleanFileName(upload.name, type.extension);
  const storageKey = `${row.commissionId}/${row.id}/${crypto.randomUUID()}.${type.extension}`;
  await files.storage.putFile(storageKey, upload.tempPath, upload.size, type.contentType);
  const file = await repo.insertFile(deps.db, {
    commissionId: row.commissionId,
    submissionId: row.id,
    name,
    size: upload.size,
    contentType: type.contentType,
    sha256: upload.sha256,
    storageKey,
    uploadedBy: actor.userId,
  });
  return {
    fileId: file.id,
    name: file.name,
    size: Number(file.size),
    contentType: file.contentType,
    sha256: file.sha256,
  };
}

/** A file name safe to show and to send back: no path, no control characters, the real type's extension. */
function cleanFileName(name: string, extension: string): string {
  const base = (name.split(/[\\/]/).pop() ?? 'file')
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && ch !== '"')
    .join('')
    .trim()
    .slice(0, 200);
  const stem = base.replace(/\.[^.]*$/, '') || 'file';
  return `${stem}.${extension}`;
}

/** An evidence file, only for those who may see its submission (others: 404). */
export async function getFile(deps: AppDeps, actor: Actor, fileId: string) {
  const files = filesConfig(deps);
  const file = await repo.findFile(deps.db, fileId);
  if (!file) throw new AppError('NOT_FOUND', 'No such file.');
  authorize(actor, 'submission.read', { commissionId: file.commissionId, bodyId: file.bodyId }, 'file');
  const stream = await files.storage.get(file.storageKey);
  if (!stream) throw new AppError('NOT_FOUND', 'The file’s bytes are missing from the store.');
  return { stream, name: file.name, size: Number(file.size), contentType: file.contentType, sha256: file.sha256 };
}

import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { answerFits, type Question } from '../../domain/questionnaire.ts';
import { canonical, Rational } from '../../domain/rational.ts';
import { editable } from '../../domain/saq-window.ts';
import { earnedOf, moveEarned, questionPoints, type ScoreWeights } from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import { nowOf } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { evidenceOf } from './answers.repository.ts';
import { readForSave, writeSave } from './autosave.repository.ts';
import { type KnownSubmission, questionnaireOf, remember, type SubmissionsDeps } from './autosave-state.ts';
import { filesOf } from './evidence-files.repository.ts';
import { selfScoreView } from './score-view.ts';
import { submissionView } from './submission-view.service.ts';
import { findSubmission, type SubmissionRow } from './submissions.repository.ts';
import type { AnswerInputItem } from './submissions.schemas.ts';

/**
 * Autosave (decision 007): a fast path that writes without reading when the app knows the submission, grouped with
 * other bodies' saves (group commit), and a full path that reads once and writes once. Both writers keep the same
 * rules (autosave.repository.ts).
 */

type QuestionWithId = Question & { id: string };

/** One autosave request: who saves, which submission, the version the page last saw, the answers. */
interface SaveRequest {
  actor: Actor;
  submissionId: string;
  ifMatch: number | undefined;
  items: AnswerInputItem[];
}

/**
 * Autosave: merges the answers of the request into the submission. `ifMatch` is the version the client last saw; a
 * question of the request that changed after that version is a conflict (409 with the current answers), any other
 * change since is merged. Two round trips: one read with everything the checks need, one atomic write that applies
 * only if the submission is still at the version read (else read again, at most a few times).
 */
export async function saveAnswers(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  ifMatch: number | undefined,
  items: AnswerInputItem[],
) {
  const save = { actor, submissionId, ifMatch, items };
  const fast = await tryFastSave(deps, save);
  if (fast) return fast;
  for (let attempt = 0; attempt < 5; attempt++) {
    const saved = await trySave(deps, save);
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
function scored(questions: Map<string, QuestionWithId>, items: AnswerInputItem[]) {
  return items.map((item) => {
    const question = questions.get(item.questionCode) as QuestionWithId;
    return { item, question, points: questionPoints(question, item.value) };
  });
}

/**
 * The autosave's fast path, for the common case: this app wrote the submission last, and the save sends no evidence.
 * No read: one guarded write, grouped with other bodies' saves (group commit). Anything unusual (no If-Match, unknown
 * submission, invalid items, a conflict, a locked or closed SAQ, someone else's write) returns null and takes the full
 * path, which reads and answers precisely.
 */
async function tryFastSave(deps: SubmissionsDeps, { actor, submissionId, ifMatch, items }: SaveRequest) {
  const state = deps.autosave;
  const entry = state.known.get(submissionId);
  if (!entry || ifMatch === undefined || items.some((i) => i.evidence !== undefined)) return null;
  const scope = { commissionId: entry.commissionId, bodyId: entry.bodyId };
  authorizeFill(actor, scope);
  const { questions, weights } = await questionnaireOf(state, deps.db, entry.questionnaireId);
  if (itemProblems(questions, items).length > 0) return null;
  const written = scored(questions, items);
  state.counts.fastTried++;
  const version = await state.batcher.submit({
    submissionId,
    fromVersion: entry.version,
    ifMatch,
    actorId: actor.userId,
    at: nowOf(deps),
    answers: written.map((w) => ({
      questionId: w.question.id,
      questionCode: w.item.questionCode,
      value: w.item.value,
      ...(w.item.note !== undefined ? { note: w.item.note } : {}),
      selfPoints: w.points.toDecimal(),
    })),
  });
  if (version === null || version === undefined) return null;
  state.counts.fastApplied++;
  return afterSave(deps, submissionId, entry, version, weights, written);
}

/** Records what a save left (points, earned sums at the new version) and answers with the new scores. */
function afterSave(
  deps: SubmissionsDeps,
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
  remember(deps.autosave, submissionId, base);
  const self = selfScoreView(weights, base.earned, base.decimals, deps.autosave.scoreViews);
  return { version, scores: { self: self.score, indicators: self.indicators } };
}

/** The problems of the evidence files a save attaches: each must be a file of this submission. */
async function fileProblems(deps: SubmissionsDeps, submissionId: string, items: AnswerInputItem[]) {
  const fileIds = items.flatMap((i) => (i.evidence ?? []).flatMap((e) => ('fileId' in e ? [e.fileId] : [])));
  if (fileIds.length === 0) return [];
  const existing = new Set((await filesOf(deps.db, submissionId, fileIds)).map((f) => f.id));
  const errors: ProblemDetail[] = [];
  for (const [i, item] of items.entries()) {
    for (const [j, e] of (item.evidence ?? []).entries()) {
      if ('fileId' in e && !existing.has(e.fileId)) {
        errors.push({ path: `answers.${i}.evidence.${j}.fileId`, message: 'No such file in this submission' });
      }
    }
  }
  return errors;
}

/** The full path: one read with everything the checks need, then one guarded write; null when the write did not apply. */
async function trySave(deps: SubmissionsDeps, { actor, submissionId, ifMatch, items }: SaveRequest) {
  const db = deps.db;
  const cached = deps.autosave.known.get(submissionId);
  deps.autosave.counts.fullReads++;
  const state = await readForSave(
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
  const { questions, weights } = await questionnaireOf(deps.autosave, db, state.questionnaireId);
  const errors = [...itemProblems(questions, items), ...(await fileProblems(deps, submissionId, items))];
  if (errors.length > 0) throw validationFailed(errors);
  if (state.status !== 'draft') throw new AppError('LOCKED', 'The self-assessment was submitted; it is locked.');
  const at = nowOf(deps);
  if (!editable(state, state.schedule, at))
    throw new AppError('STAGE_CLOSED', 'The self-assessment is closed for this body.');

  const previous = new Map(state.requested.map((a) => [a.code, a]));
  const conflicting = new Set(
    items.filter((i) => (previous.get(i.questionCode)?.version ?? 0) > ifMatch).map((i) => i.questionCode),
  );
  if (conflicting.size > 0) {
    const row = await findSubmission(db, submissionId);
    const view = await submissionView(deps, actor, row as SubmissionRow);
    throw new AppError('VERSION_CONFLICT', 'Someone else changed these questions since you loaded them.', {
      conflicts: [...conflicting],
      current: { version: view.version, answers: view.answers.filter((a) => conflicting.has(a.questionCode)) },
    });
  }
  const withEvidence = items.filter((i) => i.evidence !== undefined);
  const beforeEvidence =
    withEvidence.length > 0
      ? await evidenceOf(
          db,
          submissionId,
          withEvidence.map((i) => i.questionCode),
        )
      : [];
  const written = scored(questions, items);
  const applied = await writeSave(db, {
    submissionId,
    fromVersion: state.version,
    ifMatch,
    actorId: actor.userId,
    at,
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
    deps.autosave.known.delete(submissionId);
    return null;
  }
  // the state read: every answer's points (or those this app knew at the version read)
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
  return afterSave(deps, submissionId, base, state.version + 1, weights, written);
}

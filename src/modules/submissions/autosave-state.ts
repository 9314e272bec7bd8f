import type { Db } from '../../db/database.ts';
import type { Question, Questionnaire } from '../../domain/questionnaire.ts';
import type { Rational } from '../../domain/rational.ts';
import { type ScoreWeights, scoreWeights } from '../../domain/scoring.ts';
import type { AppDeps } from '../../http/context.ts';
import { type Batcher, createBatcher } from '../../lib/batcher.ts';
import * as periods from '../periods/periods.repository.ts';
import { questionIds } from './answers.repository.ts';
import { type FastSave, writeFastSaves } from './autosave.repository.ts';
import { createScoreViewMemo, type ScoreViewMemo } from './score-view.ts';

/** A questionnaire as the autosave uses it: its questions by code (with their row ids) and its score weights. */
export interface QuestionnaireEntry {
  questionnaire: Questionnaire;
  questions: Map<string, Question & { id: string }>;
  weights: ScoreWeights;
}

/**
 * What the app knows of a submission at one version, kept after each save: the points of every answer and each
 * indicator's earned sum (so the next save reads only what it changes and scores only what it changes), and what never
 * changes for a submission (tenant, questionnaire, decimals). A save that trusts it is guarded by that version in the
 * database: any other writer (another instance, carry forward, reopen, lock) moves the version and the entry is not
 * used.
 */
export interface KnownSubmission {
  version: number;
  points: Map<string, Rational>;
  earned: Map<string, Rational>;
  commissionId: string;
  bodyId: string;
  questionnaireId: string;
  decimals: number;
}

/**
 * The submissions' state that lives across requests, built once per app by createApp (src/app.ts) from its database,
 * so that two apps in one process share nothing: the questionnaires loaded, what the app knows of each submission, the
 * group-commit queue of the fast path, the memo of indicator views, and counts of the paths saves took.
 */
export interface AutosaveState {
  /** Frozen once the SAQ opens, so a loaded one can be kept (bounded; keyed by its row id). */
  questionnaires: Map<string, QuestionnaireEntry>;
  /** What the app knows of each submission, after its saves (bounded; see `remember`). */
  known: Map<string, KnownSubmission>;
  /** The group-commit queue: one batch in flight over the app's database handle. */
  batcher: Batcher<FastSave, number | null>;
  scoreViews: ScoreViewMemo;
  /**
   * Which path the saves took: fast writes tried and applied (no read), and the full path's reads. For diagnostics
   * and for the tests that show the fast path ran.
   */
  counts: { fastTried: number; fastApplied: number; fullReads: number };
}

/** The app's dependencies with the submissions' state: what the submissions' services take. */
export interface SubmissionsDeps extends AppDeps {
  autosave: AutosaveState;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by createApp for every request: the app's dependencies with the submissions' state. */
    submissions: SubmissionsDeps;
  }
}

const QUESTIONNAIRES = 500;
const KNOWN = 20_000;

export function createAutosaveState(db: Db): AutosaveState {
  return {
    questionnaires: new Map(),
    known: new Map(),
    batcher: createBatcher({
      name: 'fast-saves',
      key: (save) => save.submissionId,
      run: (saves) => writeFastSaves(db, saves),
      // one batch in flight: saves arriving meanwhile wait for it and go together (bigger batches, fewer commits)
      slots: 1,
      gatherMs: 2,
    }),
    scoreViews: createScoreViewMemo(),
    counts: { fastTried: 0, fastApplied: 0, fullReads: 0 },
  };
}

/** The questionnaire with its questions' row ids and score weights, from the app's state or loaded once. */
export async function questionnaireOf(state: AutosaveState, db: Db, questionnaireId: string) {
  const cached = state.questionnaires.get(questionnaireId);
  if (cached) return cached;
  // the periods' repository, not its service: the questionnaire as stored, loaded inside the caller's transaction when
  // there is one, for a submission the caller has already authorised
  const [questionnaire, ids] = await Promise.all([
    periods.loadQuestionnaire(db, questionnaireId),
    questionIds(db, questionnaireId),
  ]);
  const idOf = new Map(ids.map((q) => [q.code, q.id]));
  const questions = new Map(
    questionnaire.indicators.flatMap((i) => i.questions).map((q) => [q.code, { ...q, id: idOf.get(q.code) as string }]),
  );
  const entry = { questionnaire, questions, weights: scoreWeights(questionnaire.indicators) };
  if (state.questionnaires.size >= QUESTIONNAIRES) {
    state.questionnaires.delete(state.questionnaires.keys().next().value as string);
  }
  state.questionnaires.set(questionnaireId, entry);
  return entry;
}

/** Keeps what a save left of a submission (bounded: a busy submission that is evicted costs one read next time). */
export function remember(state: AutosaveState, submissionId: string, entry: KnownSubmission) {
  const current = state.known.get(submissionId);
  // an entry brought forward in place is already there (eviction goes by first arrival)
  if (current === entry) return;
  // two saves finishing out of order must not leave the older one behind
  if (current && current.version > entry.version) return;
  state.known.delete(submissionId);
  if (state.known.size >= KNOWN) state.known.delete(state.known.keys().next().value as string);
  state.known.set(submissionId, entry);
}

import type { Question } from '../../../src/domain/questionnaire.ts';
import type {
  AskClarificationInput,
  Clarification,
  ClarificationSummary,
  DecideObjectionInput,
  FileObjectionInput,
  Objection,
  ReplyClarificationInput,
} from '../../../src/modules/review/clarifications.schemas.ts';
import { api, type Period, request, type Submission } from '../api.ts';

export type {
  AskClarificationInput,
  Clarification,
  ClarificationSummary,
  DecideObjectionInput,
  FileObjectionInput,
  Objection,
  ReplyClarificationInput,
};

const enc = encodeURIComponent;

/** The item threads' API (issue 22): clarifications and objections. */
export const threadsApi = {
  clarificationsOf: (sid: string, signal?: AbortSignal) =>
    request<{ clarifications: Clarification[] }>(`/submissions/${enc(sid)}/clarifications`, { signal }),
  myClarifications: (status?: string, signal?: AbortSignal) =>
    request<{ clarifications: ClarificationSummary[] }>('/clarifications', { query: { status }, signal }),
  ask: (sid: string, input: AskClarificationInput) =>
    request<{ clarification: Clarification }>(`/submissions/${enc(sid)}/clarifications`, {
      method: 'POST',
      json: input,
    }),
  reply: (id: string, input: ReplyClarificationInput) =>
    request<{ clarification: Clarification }>(`/clarifications/${enc(id)}/replies`, { method: 'POST', json: input }),
  close: (id: string) =>
    request<{ clarification: Clarification }>(`/clarifications/${enc(id)}`, {
      method: 'PATCH',
      json: { status: 'closed' },
    }),
  objectionsOf: (sid: string, signal?: AbortSignal) =>
    request<{ objections: Objection[] }>(`/submissions/${enc(sid)}/objections`, { signal }),
  periodObjections: (pid: string, status?: string, signal?: AbortSignal) =>
    request<{ objections: Objection[] }>(`/periods/${enc(pid)}/objections`, { query: { status }, signal }),
  fileObjection: (sid: string, input: FileObjectionInput) =>
    request<{ objection: Objection }>(`/submissions/${enc(sid)}/objections`, { method: 'POST', json: input }),
  decide: (id: string, input: DecideObjectionInput) =>
    request<{ objection: Objection }>(`/objections/${enc(id)}`, { method: 'PATCH', json: input }),
};

/** What the threads of one submission need around them: the submission, its period (stage) and its questions. */
export interface ThreadContext {
  submission: Submission;
  period: Period;
  questions: Map<string, Question>;
  clarifications: Clarification[];
  objections: Objection[];
}

/**
 * One load per submission shared by all its items' threads (a page shows one ItemThreads per question: one request
 * each would be 2 x 69). A change (a reply, a decision) reloads the submission's entry and tells every listener.
 */
const entries = new Map<string, { promise: Promise<ThreadContext>; at: number }>();
/** A page opened later than this after the last load reads afresh (staff may have answered or decided meanwhile). */
const FRESH_MS = 15_000;
const listeners = new Map<string, Set<() => void>>();

async function loadContext(sid: string): Promise<ThreadContext> {
  const [{ submission }, { clarifications }, { objections }] = await Promise.all([
    api.submission(sid),
    threadsApi.clarificationsOf(sid),
    threadsApi.objectionsOf(sid),
  ]);
  const [{ period }, questionnaire] = await Promise.all([
    api.period(submission.periodId),
    api.questionnaire(submission.periodId, submission.categoryCode),
  ]);
  const questions = new Map(questionnaire.indicators.flatMap((i) => i.questions).map((q) => [q.code, q] as const));
  return { submission, period, questions, clarifications, objections };
}

export function threadContext(sid: string): Promise<ThreadContext> {
  const entry = entries.get(sid);
  if (entry && Date.now() - entry.at < FRESH_MS) return entry.promise;
  const promise = loadContext(sid);
  const fresh = { promise, at: Date.now() };
  entries.set(sid, fresh);
  // a failed load is not kept: the next reader tries again
  promise.catch(() => {
    if (entries.get(sid) === fresh) entries.delete(sid);
  });
  return promise;
}

/** Forgets the submission's threads and tells its readers to load them again. */
export function refreshThreads(sid: string) {
  entries.delete(sid);
  for (const listener of listeners.get(sid) ?? []) listener();
}

export function onThreadsChanged(sid: string, listener: () => void): () => void {
  const set = listeners.get(sid) ?? new Set();
  set.add(listener);
  listeners.set(sid, set);
  return () => set.delete(listener);
}

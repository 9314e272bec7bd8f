/**
 * The SAQ autosave: a queue of answer changes that never loses work.
 *
 * - A change is kept per question (its latest full state: value, note, evidence) and saved about a second after the
 *   operator stops typing or clicking. One PATCH is in flight at a time; it carries every pending question.
 * - If-Match is the latest version this page knows. After a 200 the returned version is the new one; a version that
 *   jumped by more than one means colleagues saved in between, and the page is told to fetch their answers.
 * - A network error, a 5xx/503 or a 429 keeps the changes and retries with backoff (1 s, 2 s, 4 s … at most 30 s);
 *   `retryNow()` (the browser came back online, or the person asked) tries at once.
 * - 409 VERSION_CONFLICT: each conflicting question keeps both answers (mine, and the one a colleague saved) until the
 *   person chooses; the other questions of the batch are sent again at once with the server's version.
 * - 409 LOCKED / STAGE_CLOSED: saving stops; the unsaved changes stay in memory and in storage, to be copied.
 * - Every unsaved change is mirrored in localStorage (keyed by submission) after each change, so a reload or a crash
 *   loses nothing: `load()` merges the stored changes back and sends them again. A stored change whose question a
 *   colleague saved since the change began (`base`) becomes a conflict instead of silently overwriting theirs.
 *
 * Plain TypeScript apart from one hook: the page subscribes to snapshots (useSyncExternalStore).
 */
import { useSyncExternalStore } from 'react';
import {
  type AnswerInputItem,
  type AnswerValue,
  type AnswerView,
  ApiError,
  type EvidenceView,
  type LinkEvidence,
  NETWORK_ERROR,
  type Scores,
  UNEXPECTED_RESPONSE,
} from '../api.ts';

export type EvidenceDraft = { url: string } | { fileId: string; name: string; size: number; contentType: string };

/** A question's whole state as the operator left it. */
export interface AnswerDraft {
  value: AnswerValue;
  note: string | null;
  evidence: EvidenceDraft[];
  /** The saved answer's `changedVersion` this change started from (0: there was none). */
  base: number;
}

export interface Conflict {
  mine: AnswerDraft;
  /** What a colleague saved meanwhile (null: the answer is gone). */
  theirs: AnswerView | null;
}

export type SaveState =
  | { kind: 'saved' }
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'retrying'; at: number; attempt: number; error: unknown }
  | { kind: 'conflict'; count: number }
  | { kind: 'invalid'; count: number }
  | { kind: 'stopped'; code: string; error: unknown };

export interface Snapshot {
  version: number;
  /** The saved answers, as far as this page knows. */
  server: ReadonlyMap<string, AnswerView>;
  /** Every change not saved yet (waiting, in flight, refused, in conflict), the newest per question. */
  drafts: ReadonlyMap<string, AnswerDraft>;
  conflicts: ReadonlyMap<string, Conflict>;
  /** Questions the server refused (422), with its message; sent again once changed. */
  invalid: ReadonlyMap<string, string>;
  inflight: ReadonlySet<string>;
  state: SaveState;
  /** When the last save succeeded (ms), or when the loaded answers were saved. */
  savedAt: number | null;
  /** The scores of the last save's answer. */
  scores: Scores | null;
}

export interface SaveTransport {
  save(version: number, answers: AnswerInputItem[]): Promise<{ version: number; scores: Scores }>;
}

export interface DraftStore {
  read(): Record<string, AnswerDraft>;
  /** Writes `drafts` and forgets `released` (saved since), leaving other codes (another tab's) alone. */
  write(drafts: Record<string, AnswerDraft>, released: readonly string[]): void;
}

export const DEBOUNCE_MS = 1000;
/** Someone who never pauses (a long note typed without stopping) is still saved this often. */
export const MAX_WAIT_MS = 10_000;
export const MAX_BACKOFF_MS = 30_000;

const isLink = (e: EvidenceDraft | EvidenceView): e is { url: string } => 'url' in e;

/** A saved answer as a draft (the state a change starts from). */
export function draftOf(answer: AnswerView | undefined): AnswerDraft {
  return {
    value: answer?.value ?? null,
    note: answer?.note ?? null,
    evidence: (answer?.evidence ?? []).map((e) =>
      isLink(e) ? { url: e.url } : { fileId: e.fileId, name: e.name, size: e.size, contentType: e.contentType },
    ),
    base: answer?.changedVersion ?? 0,
  };
}

const sameValue = (a: AnswerValue, b: AnswerValue): boolean => {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const sorted = [...b].sort();
    return [...a].sort().every((x, i) => x === sorted[i]);
  }
  return a === b;
};

const evidenceKey = (e: EvidenceDraft | EvidenceView) => (isLink(e) ? `u:${e.url}` : `f:${e.fileId}`);

/** Whether a change says the same as a saved answer (nothing to save, nothing to choose). */
export function sameAnswer(draft: AnswerDraft, answer: AnswerView | null | undefined): boolean {
  const saved = answer ?? undefined;
  return (
    sameValue(draft.value, saved?.value ?? null) &&
    (draft.note || null) === (saved?.note || null) &&
    draft.evidence.map(evidenceKey).join('\n') === (saved?.evidence ?? []).map(evidenceKey).join('\n')
  );
}

export function toInput(questionCode: string, d: AnswerDraft): AnswerInputItem {
  const note = d.note?.trim() ? d.note : null;
  return {
    questionCode,
    value: d.value,
    note,
    evidence: d.evidence.map((e) => (isLink(e) ? { url: e.url } : { fileId: e.fileId })),
  };
}

/** The saved answer a successful save leaves (link statuses of links kept from before). */
function savedView(code: string, d: AnswerDraft, version: number, before: AnswerView | undefined): AnswerView {
  const links = new Map(
    (before?.evidence ?? []).filter((e): e is LinkEvidence => 'url' in e).map((e) => [e.url, e] as const),
  );
  return {
    questionCode: code,
    value: d.value,
    note: d.note?.trim() ? d.note : null,
    evidence: d.evidence.map((e) =>
      isLink(e) ? (links.get(e.url) ?? { url: e.url, linkStatus: null, linkCheckedAt: null }) : { ...e },
    ),
    carried: false,
    changedVersion: version,
    updatedAt: new Date().toISOString(),
    // saved from this page: only conflicts (answers from the server) need to say who saved them
    updatedBy: null,
  };
}

const retryable = (error: unknown): boolean => {
  if (!(error instanceof ApiError)) return true;
  return (
    error.code === NETWORK_ERROR ||
    error.code === UNEXPECTED_RESPONSE ||
    error.code === 'CONFLICT' ||
    error.code === 'DATABASE_UNAVAILABLE' ||
    error.status >= 500 ||
    error.status === 408 ||
    error.status === 429
  );
};

/** Drafts in localStorage under one key per submission; tabs share it, each writing only its own questions. */
export class LocalDraftStore implements DraftStore {
  constructor(private readonly key: string) {}

  read(): Record<string, AnswerDraft> {
    try {
      const text = window.localStorage.getItem(this.key);
      const parsed = text ? (JSON.parse(text) as { drafts?: Record<string, AnswerDraft> }) : undefined;
      return parsed?.drafts && typeof parsed.drafts === 'object' ? parsed.drafts : {};
    } catch {
      return {};
    }
  }

  write(drafts: Record<string, AnswerDraft>, released: readonly string[]): void {
    try {
      const all = this.read();
      for (const code of released) delete all[code];
      Object.assign(all, drafts);
      if (Object.keys(all).length === 0) window.localStorage.removeItem(this.key);
      else window.localStorage.setItem(this.key, JSON.stringify({ drafts: all, at: new Date().toISOString() }));
    } catch {
      // storage full or disabled: the changes still live in memory and the save goes on
    }
  }
}

export const draftKey = (sid: string) => `informatif.saq.drafts.${sid}`;

export class SaveQueue {
  private version = 0;
  private server = new Map<string, AnswerView>();
  private pending = new Map<string, AnswerDraft>();
  private inflight: Map<string, AnswerDraft> | null = null;
  private conflicts = new Map<string, Conflict>();
  private invalid = new Map<string, { draft: AnswerDraft; message: string }>();
  private attempt = 0;
  private debounce: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest change still waiting for the pause was made (MAX_WAIT_MS counts from it). */
  private waitingSince: number | null = null;
  private retry: { timer: ReturnType<typeof setTimeout>; at: number; error: unknown } | undefined;
  private stopped: { code: string; error: unknown } | undefined;
  private savedAt: number | null = null;
  private scores: Scores | null = null;
  private persisted = new Set<string>();
  private storeRead = false;
  private listeners = new Set<() => void>();
  private snapshot: Snapshot;
  private idleWaiters: ((ok: boolean) => void)[] = [];
  /** Called when a save shows that colleagues saved too (the page fetches the submission and calls load()). */
  onRemoteChanges: (() => void) | undefined;

  constructor(
    private readonly transport: SaveTransport,
    private readonly store: DraftStore,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {
    this.snapshot = this.build();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): Snapshot => this.snapshot;

  /**
   * Takes the submission as the server shows it (first load, reload, after carry-forward or a colleague's save).
   * The first time, the changes kept in storage come back: unsaved ones are sent again, already saved ones are
   * dropped, and those a colleague has changed since become conflicts. `editable: false` stops saving.
   */
  load(view: { version: number; answers: AnswerView[]; editable: boolean; status: string }): void {
    for (const answer of view.answers) {
      // a read that left before one of my saves answered must not bring the older answer back
      const known = this.server.get(answer.questionCode);
      if (!known || answer.changedVersion >= known.changedVersion) this.server.set(answer.questionCode, answer);
    }
    this.version = Math.max(this.version, view.version);
    if (this.savedAt === null) {
      const times = view.answers.map((a) => Date.parse(a.updatedAt)).filter((n) => Number.isFinite(n));
      if (times.length > 0) this.savedAt = Math.max(...times);
    }
    if (!this.storeRead) {
      this.storeRead = true;
      for (const [code, draft] of Object.entries(this.store.read())) {
        if (this.pending.has(code) || this.conflicts.has(code)) continue;
        this.persisted.add(code);
        this.reconcile(code, draft);
      }
    } else {
      for (const [code, draft] of [...this.pending]) {
        this.pending.delete(code);
        this.reconcile(code, draft);
      }
    }
    if (view.editable) {
      // the server has just answered this session with an open SAQ: whatever stopped saving (closed, signed out) is over
      this.stopped = undefined;
    } else {
      this.stopped = { code: view.status === 'draft' ? 'STAGE_CLOSED' : 'LOCKED', error: undefined };
      this.clearTimers();
    }
    this.persist();
    this.emit();
    if (this.pending.size > 0) void this.flush();
  }

  /** A stored or pending change against the saved answer: drop it (already saved), keep it, or a conflict. */
  private reconcile(code: string, draft: AnswerDraft) {
    const saved = this.server.get(code);
    if (sameAnswer(draft, saved)) return;
    if ((saved?.changedVersion ?? 0) > draft.base) this.conflicts.set(code, { mine: draft, theirs: saved ?? null });
    else this.pending.set(code, draft);
  }

  /** What a question shows: the newest unsaved change, else the saved answer. */
  current(code: string): AnswerDraft {
    return (
      this.pending.get(code) ??
      this.inflight?.get(code) ??
      this.invalid.get(code)?.draft ??
      this.conflicts.get(code)?.mine ??
      draftOf(this.server.get(code))
    );
  }

  /** Records a change of one question and saves it after the pause (DEBOUNCE_MS). */
  change(code: string, update: (before: AnswerDraft) => AnswerDraft): void {
    const next = update(this.current(code));
    const conflict = this.conflicts.get(code);
    if (conflict) {
      // still undecided: the change is kept as "mine" until the person chooses
      this.conflicts.set(code, { ...conflict, mine: next });
    } else {
      this.invalid.delete(code);
      this.pending.set(code, next);
    }
    this.persist();
    this.emit();
    if (!conflict && !this.retry && !this.stopped) this.schedule(this.debounceMs);
  }

  /** Keeps my answer (sent again with the latest version) or takes the saved one. */
  resolve(code: string, choice: 'mine' | 'theirs'): void {
    const conflict = this.conflicts.get(code);
    if (!conflict) return;
    this.conflicts.delete(code);
    if (choice === 'mine') {
      this.pending.set(code, { ...conflict.mine, base: conflict.theirs?.changedVersion ?? this.version });
    } else if (conflict.theirs) {
      this.server.set(code, conflict.theirs);
    }
    this.persist();
    this.emit();
    if (choice === 'mine' && !this.stopped) void this.flush();
  }

  /** Tries at once: back online, the "try now" button, leaving the page, before submitting. */
  retryNow(): void {
    if (this.stopped) return;
    void this.flush();
  }

  /** Saves everything now and resolves true once nothing is left unsaved; false when saving is blocked. */
  whenIdle(): Promise<boolean> {
    if (this.idle()) return Promise.resolve(true);
    const done = new Promise<boolean>((resolve) => this.idleWaiters.push(resolve));
    this.retryNow();
    this.settleWaiters();
    return done;
  }

  /** Forgets every change not in flight (the person copied them after saving stopped, and lets them go). */
  discardAll(): void {
    this.pending.clear();
    this.conflicts.clear();
    this.invalid.clear();
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    this.persist();
    this.emit();
  }

  hasUnsaved(): boolean {
    return this.snapshot.drafts.size > 0;
  }

  private idle(): boolean {
    return (
      this.pending.size === 0 && !this.inflight && this.conflicts.size === 0 && this.invalid.size === 0 && !this.retry
    );
  }

  private settleWaiters() {
    if (this.idleWaiters.length === 0) return;
    const blocked = this.stopped || this.retry || this.conflicts.size > 0 || this.invalid.size > 0;
    // changes held by a stop never leave, so they do not keep the waiters waiting (the page would hang on submit)
    const busy = this.inflight || (this.pending.size > 0 && !this.stopped);
    if (this.idle() || (blocked && !busy)) {
      const ok = this.idle();
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve(ok);
    }
  }

  private schedule(ms: number) {
    if (this.debounce) clearTimeout(this.debounce);
    const now = Date.now();
    if (this.waitingSince === null) this.waitingSince = now;
    const delay = Math.max(0, Math.min(ms, this.waitingSince + MAX_WAIT_MS - now));
    this.debounce = setTimeout(() => {
      this.debounce = undefined;
      void this.flush();
    }, delay);
  }

  private clearTimers() {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = undefined;
  }

  private async flush(): Promise<void> {
    if (this.inflight || this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = undefined;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = undefined;
    if (this.pending.size === 0) {
      this.emit();
      return;
    }
    const batch = new Map(this.pending);
    this.pending.clear();
    this.waitingSince = null;
    this.inflight = batch;
    const sentVersion = this.version;
    this.emit();
    try {
      const result = await this.transport.save(
        sentVersion,
        [...batch].map(([code, draft]) => toInput(code, draft)),
      );
      this.succeeded(batch, sentVersion, result);
    } catch (error) {
      this.failed(batch, error);
    }
  }

  private succeeded(batch: Map<string, AnswerDraft>, sentVersion: number, result: { version: number; scores: Scores }) {
    this.inflight = null;
    for (const [code, draft] of batch) {
      this.server.set(code, savedView(code, draft, result.version, this.server.get(code)));
      const newer = this.pending.get(code);
      if (newer) this.pending.set(code, { ...newer, base: result.version });
    }
    const othersSaved = result.version > sentVersion + 1;
    this.version = Math.max(this.version, result.version);
    this.scores = result.scores;
    this.attempt = 0;
    this.savedAt = Date.now();
    this.persist();
    this.emit();
    if (othersSaved) this.onRemoteChanges?.();
    if (this.pending.size > 0 && !this.debounce) void this.flush();
  }

  private failed(batch: Map<string, AnswerDraft>, error: unknown) {
    this.inflight = null;
    // back to pending; a newer change of the same question, made while this one was in flight, wins
    for (const [code, draft] of batch) if (!this.pending.has(code)) this.pending.set(code, draft);
    let again = false;
    if (retryable(error)) {
      this.attempt += 1;
      let delay = Math.min(1000 * 2 ** (this.attempt - 1), MAX_BACKOFF_MS);
      const retryAfter = error instanceof ApiError ? Number(error.problem.retryAfter) : Number.NaN;
      if (Number.isFinite(retryAfter) && retryAfter > 0) {
        delay = Math.min(Math.max(delay, retryAfter * 1000), MAX_BACKOFF_MS);
      }
      const at = Date.now() + delay;
      this.retry = {
        at,
        error,
        timer: setTimeout(() => {
          if (this.retry) this.retry = undefined;
          void this.flush();
        }, delay),
      };
    } else if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') {
      again = this.conflicted(error);
    } else if (error instanceof ApiError && error.status === 422) {
      again = this.refused(batch, error);
    } else {
      // LOCKED, STAGE_CLOSED, and anything that trying again will not fix (401, 403, 404, 428)
      this.stopped = { code: error instanceof ApiError ? error.code : 'UNKNOWN', error };
      this.clearTimers();
    }
    this.persist();
    this.emit();
    if (again) void this.flush();
  }

  /** 409 VERSION_CONFLICT: conflicting questions wait for a choice; the others go again at once. */
  private conflicted(error: ApiError): boolean {
    const current = error.problem.current as { version?: number; answers?: AnswerView[] } | undefined;
    const codes = Array.isArray(error.problem.conflicts) ? (error.problem.conflicts as string[]) : [];
    if (typeof current?.version === 'number') this.version = Math.max(this.version, current.version);
    for (const code of codes) {
      const mine = this.pending.get(code);
      if (!mine) continue;
      this.pending.delete(code);
      const theirs = current?.answers?.find((a) => a.questionCode === code) ?? null;
      if (theirs) this.server.set(code, theirs);
      // a colleague saved the very same answer: nothing to choose
      if (!sameAnswer(mine, theirs)) this.conflicts.set(code, { mine, theirs });
    }
    this.attempt = 0;
    this.onRemoteChanges?.();
    return codes.length > 0 && this.pending.size > 0;
  }

  /** 422: the questions the server named are held back with its message; the others go again. */
  private refused(batch: Map<string, AnswerDraft>, error: ApiError): boolean {
    const codes = [...batch.keys()];
    const named = new Map<string, string>();
    for (const e of error.problem.errors ?? []) {
      const index = /^answers\.(\d+)/.exec(e.path ?? '')?.[1];
      const code = index === undefined ? undefined : codes[Number(index)];
      if (code && !named.has(code)) named.set(code, e.message);
    }
    // nothing named: every question of the batch is held back, so the same request is not sent forever
    const held = named.size > 0 ? named : new Map(codes.map((c) => [c, error.problem.detail]));
    for (const [code, message] of held) {
      const draft = this.pending.get(code);
      if (!draft) continue;
      this.pending.delete(code);
      this.invalid.set(code, { draft, message });
    }
    return this.pending.size > 0;
  }

  private persist() {
    const drafts: Record<string, AnswerDraft> = {};
    for (const [code, c] of this.conflicts) drafts[code] = c.mine;
    for (const [code, i] of this.invalid) drafts[code] = i.draft;
    for (const [code, d] of this.inflight ?? []) drafts[code] = d;
    for (const [code, d] of this.pending) drafts[code] = d;
    const released = [...this.persisted].filter((code) => !(code in drafts));
    this.store.write(drafts, released);
    this.persisted = new Set(Object.keys(drafts));
  }

  private state(): SaveState {
    if (this.stopped) return { kind: 'stopped', code: this.stopped.code, error: this.stopped.error };
    if (this.conflicts.size > 0) return { kind: 'conflict', count: this.conflicts.size };
    if (this.retry) return { kind: 'retrying', at: this.retry.at, attempt: this.attempt, error: this.retry.error };
    if (this.inflight) return { kind: 'saving' };
    if (this.pending.size > 0) return { kind: 'waiting' };
    if (this.invalid.size > 0) return { kind: 'invalid', count: this.invalid.size };
    return { kind: 'saved' };
  }

  private build(): Snapshot {
    const drafts = new Map<string, AnswerDraft>();
    for (const [code, c] of this.conflicts) drafts.set(code, c.mine);
    for (const [code, i] of this.invalid) drafts.set(code, i.draft);
    for (const [code, d] of this.inflight ?? []) drafts.set(code, d);
    for (const [code, d] of this.pending) drafts.set(code, d);
    return {
      version: this.version,
      server: new Map(this.server),
      drafts,
      conflicts: new Map(this.conflicts),
      invalid: new Map([...this.invalid].map(([code, i]) => [code, i.message])),
      inflight: new Set(this.inflight?.keys() ?? []),
      state: this.state(),
      savedAt: this.savedAt,
      scores: this.scores,
    };
  }

  private emit() {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
    this.settleWaiters();
  }
}

/** One queue per submission for the life of the page: leaving the form and coming back keeps saving. */
const queues = new Map<string, SaveQueue>();

export function queueFor(sid: string, transport: SaveTransport): SaveQueue {
  let queue = queues.get(sid);
  if (!queue) {
    queue = new SaveQueue(transport, new LocalDraftStore(draftKey(sid)));
    queues.set(sid, queue);
  }
  return queue;
}

/** The queue of a submission when this page has one (the form was opened in this visit). */
export function existingQueue(sid: string): SaveQueue | undefined {
  return queues.get(sid);
}

const noQueue = () => () => undefined;

/** How many questions hold changes not saved yet: live from the queue when there is one, else from storage. */
export function useUnsavedCount(sid: string | undefined): number {
  const queue = sid ? queues.get(sid) : undefined;
  const live = useSyncExternalStore(queue?.subscribe ?? noQueue, () => queue?.getSnapshot().drafts.size);
  if (live !== undefined) return live;
  return sid ? Object.keys(new LocalDraftStore(draftKey(sid)).read()).length : 0;
}

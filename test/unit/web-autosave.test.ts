import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AnswerInputItem, type AnswerView, ApiError, NETWORK_ERROR, type Scores } from '../../web/src/api.ts';
import {
  type AnswerDraft,
  DEBOUNCE_MS,
  draftKey,
  LocalDraftStore,
  MAX_BACKOFF_MS,
  MAX_WAIT_MS,
  SaveQueue,
} from '../../web/src/saq/autosave.ts';

/**
 * The SAQ page's autosave queue (web/src/saq/autosave.ts), driven with fake timers. The boundaries are stand-ins: a
 * transport whose answers each test scripts (the PATCH), and an in-memory localStorage under the real LocalDraftStore,
 * so that what survives a reload is what the browser would keep.
 */

const SID = 'sub-1';
const SCORES: Scores = { self: 1.5, indicators: [] };

/** localStorage as the browser has it, in memory. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

interface Sent {
  at: number;
  version: number;
  answers: AnswerInputItem[];
}

type Reply = (sent: Sent) => { version: number; scores: Scores } | Error;

/** A PATCH stand-in: records every call and answers with the next scripted reply (a success by default). */
function transport() {
  const calls: Sent[] = [];
  const replies: Reply[] = [];
  return {
    calls,
    replies,
    save: async (version: number, answers: AnswerInputItem[]) => {
      const sent = { at: Date.now(), version, answers };
      calls.push(sent);
      const reply = replies.shift() ?? ((s: Sent) => ({ version: s.version + 1, scores: SCORES }));
      const result = reply(sent);
      if (result instanceof Error) throw result;
      return result;
    },
  };
}

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError({ type: 'about:blank', title: code, status, detail: `${code} detail`, code, ...extra });

const answer = (code: string, value: string, changedVersion: number): AnswerView => ({
  questionCode: code,
  value,
  note: null,
  evidence: [],
  carried: false,
  changedVersion,
  updatedAt: '2026-07-01T02:00:00.000Z',
  updatedBy: { id: 'u2', name: 'Rekan' },
});

const set =
  (value: string) =>
  (before: AnswerDraft): AnswerDraft => ({ ...before, value });

let storage: MemoryStorage;

beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse('2026-07-01T03:00:00.000Z') });
  storage = new MemoryStorage();
  vi.stubGlobal('window', { localStorage: storage });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A queue on a draft SAQ at `version` with `answers` saved, as the page builds it. */
function open(t = transport(), version = 3, answers: AnswerView[] = []) {
  const queue = new SaveQueue(t, new LocalDraftStore(draftKey(SID)));
  queue.load({ version, answers, editable: true, status: 'draft' });
  return queue;
}

const stored = () => {
  const text = storage.getItem(draftKey(SID));
  return text ? (JSON.parse(text) as { drafts: Record<string, AnswerDraft> }).drafts : {};
};

describe('debounce', () => {
  it('coalesces the changes made before the pause into one save of each question’s latest state', async () => {
    const t = transport();
    const queue = open(t);
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(500);
    queue.change('1.1', set('b'));
    await vi.advanceTimersByTimeAsync(400);
    queue.change('1.2', set('x'));
    expect(queue.getSnapshot().state.kind).toBe('waiting');
    // the pause counts from the last change
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    expect(t.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.calls).toHaveLength(1);
    expect(t.calls[0]?.version).toBe(3);
    expect(t.calls[0]?.answers.map((a) => [a.questionCode, a.value])).toEqual([
      ['1.1', 'b'],
      ['1.2', 'x'],
    ]);
    const after = queue.getSnapshot();
    expect(after.state.kind).toBe('saved');
    expect(after.version).toBe(4);
    expect(after.scores).toEqual(SCORES);
    expect(after.server.get('1.1')?.value).toBe('b');
  });

  it('saves someone who never pauses at least every MAX_WAIT_MS', async () => {
    const t = transport();
    const queue = open(t);
    for (let i = 0; i < 30; i++) {
      queue.change('1.1', set(`v${i}`));
      await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 2);
    }
    // 15 s of typing without a pause: one save at 10 s, not none
    expect(t.calls).toHaveLength(1);
    expect((t.calls[0]?.at ?? 0) - Date.parse('2026-07-01T03:00:00.000Z')).toBe(MAX_WAIT_MS);
  });
});

describe('retry with back-off', () => {
  it('keeps the changes after a network error and retries after 1, 2, 4 s until a save passes', async () => {
    const t = transport();
    const offline = () => problem(0, NETWORK_ERROR);
    t.replies.push(offline, offline, offline);
    const queue = open(t);
    const start = Date.now();
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(queue.getSnapshot().state).toMatchObject({ kind: 'retrying', attempt: 1, at: Date.now() + 1000 });
    // a change made while retrying waits for the retry instead of starting its own timer
    queue.change('1.2', set('x'));
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
    expect(t.calls.map((c) => c.at - start)).toEqual([1000, 2000, 4000, 8000]);
    expect(t.calls[3]?.answers.map((a) => a.questionCode)).toEqual(['1.1', '1.2']);
    expect(queue.getSnapshot().state.kind).toBe('saved');
    expect(queue.getSnapshot().drafts.size).toBe(0);

    // a success resets the back-off: the next failure waits 1 s again
    t.replies.push(offline);
    queue.change('1.1', set('b'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(queue.getSnapshot().state).toMatchObject({ kind: 'retrying', attempt: 1, at: Date.now() + 1000 });
  });

  it('grows the delay up to MAX_BACKOFF_MS and no further; a 503 asking for longer is waited out', async () => {
    const t = transport();
    const down = () => problem(503, 'DATABASE_UNAVAILABLE');
    for (let i = 0; i < 8; i++) t.replies.push(down);
    const queue = open(t);
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 16_000 + 30_000 + 30_000);
    const gaps = t.calls.slice(1).map((c, i) => c.at - (t.calls[i]?.at ?? 0));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16_000, MAX_BACKOFF_MS, MAX_BACKOFF_MS]);

    const busy = transport();
    busy.replies.push(() => problem(429, 'RATE_LIMITED', { retryAfter: 5 }));
    const other = new SaveQueue(busy, new LocalDraftStore(draftKey('sub-2')));
    other.load({ version: 1, answers: [], editable: true, status: 'draft' });
    other.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    await vi.advanceTimersByTimeAsync(4999);
    expect(busy.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(busy.calls).toHaveLength(2);
  });

  it('retryNow() tries at once instead of waiting for the back-off', async () => {
    const t = transport();
    t.replies.push(() => new TypeError('Failed to fetch'));
    const queue = open(t);
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(queue.getSnapshot().state.kind).toBe('retrying');
    queue.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls).toHaveLength(2);
    expect(queue.getSnapshot().state.kind).toBe('saved');
  });
});

describe('conflicts and refusals', () => {
  it('a 409 VERSION_CONFLICT holds the conflicting question with the server’s answer and sends the others again', async () => {
    const t = transport();
    const theirs = answer('1.1', 'theirs', 5);
    t.replies.push(() =>
      problem(409, 'VERSION_CONFLICT', { conflicts: ['1.1'], current: { version: 5, answers: [theirs] } }),
    );
    const queue = open(t);
    const remote = vi.fn();
    queue.onRemoteChanges = remote;
    queue.change('1.1', set('mine'));
    queue.change('1.2', set('x'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);

    expect(t.calls).toHaveLength(2);
    // the other question went again at once, with the server's version
    expect(t.calls[1]?.version).toBe(5);
    expect(t.calls[1]?.answers.map((a) => a.questionCode)).toEqual(['1.2']);
    const snapshot = queue.getSnapshot();
    expect(snapshot.state).toEqual({ kind: 'conflict', count: 1 });
    expect(snapshot.conflicts.get('1.1')?.mine.value).toBe('mine');
    expect(snapshot.conflicts.get('1.1')?.theirs).toEqual(theirs);
    expect(snapshot.server.get('1.1')?.value).toBe('theirs');
    expect(remote).toHaveBeenCalled();
    // the undecided change is kept on the device too, and changing it does not send it
    expect(stored()['1.1']?.value).toBe('mine');
    queue.change('1.1', set('mine, edited'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 3);
    expect(t.calls).toHaveLength(2);

    // keeping mine sends it on top of their version
    queue.resolve('1.1', 'mine');
    await vi.advanceTimersByTimeAsync(0);
    expect(t.calls).toHaveLength(3);
    expect(t.calls[2]?.answers).toEqual([{ questionCode: '1.1', value: 'mine, edited', note: null, evidence: [] }]);
    expect(queue.getSnapshot().state.kind).toBe('saved');
    expect(stored()).toEqual({});
  });

  it('taking their answer drops mine without a save', async () => {
    const t = transport();
    const theirs = answer('1.1', 'theirs', 5);
    t.replies.push(() =>
      problem(409, 'VERSION_CONFLICT', { conflicts: ['1.1'], current: { version: 5, answers: [theirs] } }),
    );
    const queue = open(t);
    queue.change('1.1', set('mine'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    queue.resolve('1.1', 'theirs');
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(t.calls).toHaveLength(1);
    expect(queue.current('1.1').value).toBe('theirs');
    expect(queue.getSnapshot().state.kind).toBe('saved');
    expect(stored()).toEqual({});
  });

  it('a save whose version jumped by more than one tells the page that colleagues saved', async () => {
    const t = transport();
    t.replies.push(() => ({ version: 9, scores: SCORES }));
    const queue = open(t);
    const remote = vi.fn();
    queue.onRemoteChanges = remote;
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(remote).toHaveBeenCalledOnce();
    expect(queue.getSnapshot().version).toBe(9);
  });

  it('a 422 holds back the question it names, with its message, and saves the rest', async () => {
    const t = transport();
    t.replies.push(() =>
      problem(422, 'VALIDATION_FAILED', { errors: [{ path: 'answers.1.value', message: 'Bukan opsi.' }] }),
    );
    const queue = open(t);
    queue.change('1.1', set('a'));
    queue.change('1.2', set('bad'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(t.calls.map((c) => c.answers.map((a) => a.questionCode))).toEqual([['1.1', '1.2'], ['1.1']]);
    expect(queue.getSnapshot().invalid).toEqual(new Map([['1.2', 'Bukan opsi.']]));
    expect(queue.getSnapshot().state).toEqual({ kind: 'invalid', count: 1 });
    // changed again, it is sent again
    queue.change('1.2', set('good'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(t.calls[2]?.answers.map((a) => [a.questionCode, a.value])).toEqual([['1.2', 'good']]);
    expect(queue.getSnapshot().state.kind).toBe('saved');
  });

  it('LOCKED stops saving and keeps the unsaved changes in memory and on the device', async () => {
    const t = transport();
    t.replies.push(() => problem(409, 'LOCKED'));
    const queue = open(t);
    queue.change('1.1', set('a'));
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(queue.getSnapshot().state).toMatchObject({ kind: 'stopped', code: 'LOCKED' });
    queue.change('1.2', set('b'));
    queue.retryNow();
    await vi.advanceTimersByTimeAsync(MAX_BACKOFF_MS);
    expect(t.calls).toHaveLength(1);
    expect(Object.keys(stored()).sort()).toEqual(['1.1', '1.2']);
    expect(await queue.whenIdle()).toBe(false);
  });
});

describe('the local copy', () => {
  it('is written on each change, survives a reload, is sent again, and is cleared once saved', async () => {
    const t = transport();
    t.replies.push(() => problem(0, NETWORK_ERROR));
    const first = open(t);
    first.change('1.1', set('typed offline'));
    expect(stored()['1.1']).toMatchObject({ value: 'typed offline', base: 0 });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(first.getSnapshot().state.kind).toBe('retrying');

    // the page reloads: a new queue on the same storage finds the change and sends it without waiting
    const after = transport();
    const second = new SaveQueue(after, new LocalDraftStore(draftKey(SID)));
    second.load({ version: 3, answers: [], editable: true, status: 'draft' });
    expect(second.current('1.1').value).toBe('typed offline');
    await vi.advanceTimersByTimeAsync(0);
    expect(after.calls).toHaveLength(1);
    expect(after.calls[0]?.answers[0]).toMatchObject({ questionCode: '1.1', value: 'typed offline' });
    expect(storage.getItem(draftKey(SID))).toBeNull();
  });

  it('a stored change a colleague has overtaken since becomes a conflict; one already saved is dropped', async () => {
    storage.setItem(
      draftKey(SID),
      JSON.stringify({
        drafts: {
          '1.1': { value: 'mine', note: null, evidence: [], base: 2 },
          '1.2': { value: 'same', note: null, evidence: [], base: 2 },
        },
      }),
    );
    const t = transport();
    const queue = open(t, 6, [answer('1.1', 'theirs', 5), answer('1.2', 'same', 6)]);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(t.calls).toHaveLength(0);
    expect(queue.getSnapshot().conflicts.get('1.1')?.theirs?.value).toBe('theirs');
    expect(Object.keys(stored())).toEqual(['1.1']);
  });

  it('leaves the stored changes of questions another tab holds alone', async () => {
    storage.setItem(
      draftKey(SID),
      JSON.stringify({ drafts: { '9.9': { value: 'other tab', note: null, evidence: [], base: 0 } } }),
    );
    const t = transport();
    t.replies.push(() => problem(0, NETWORK_ERROR));
    const queue = open(t);
    // the stored change of 9.9 is this queue's now (sent again); a second tab's later write of 8.8 stays
    await vi.advanceTimersByTimeAsync(0);
    const raw = JSON.parse(storage.getItem(draftKey(SID)) ?? '{}') as { drafts: Record<string, AnswerDraft> };
    raw.drafts['8.8'] = { value: 'second tab', note: null, evidence: [], base: 0 };
    storage.setItem(draftKey(SID), JSON.stringify(raw));
    queue.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(stored()).toEqual({ '8.8': { value: 'second tab', note: null, evidence: [], base: 0 } });
  });

  it('a closed SAQ stops saving on load but keeps the stored changes to be copied', async () => {
    storage.setItem(
      draftKey(SID),
      JSON.stringify({ drafts: { '1.1': { value: 'late', note: null, evidence: [], base: 0 } } }),
    );
    const t = transport();
    const queue = new SaveQueue(t, new LocalDraftStore(draftKey(SID)));
    queue.load({ version: 3, answers: [], editable: false, status: 'draft' });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(t.calls).toHaveLength(0);
    expect(queue.getSnapshot().state).toMatchObject({ kind: 'stopped', code: 'STAGE_CLOSED' });
    expect(queue.hasUnsaved()).toBe(true);
    queue.discardAll();
    expect(storage.getItem(draftKey(SID))).toBeNull();
  });
});

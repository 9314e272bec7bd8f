import { type KeyboardEvent, memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { questionPoints } from '../../../src/domain/scoring.ts';
import {
  type AnswerValue,
  type AnswerView,
  ApiError,
  api,
  fileUrl,
  type HistoryEntry,
  type LinkEvidence,
  NETWORK_ERROR,
  uploadEvidence,
} from '../api.ts';
import { problemHeadline } from '../components/ErrorAlert.tsx';
import { AnswerControls, EvidenceBadge } from '../components/QuestionParts.tsx';
import { formatBytes } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { type AnswerDraft, type Conflict, draftOf, type EvidenceDraft } from './autosave.ts';
import { answerText, isAnswered, linkCheck, normaliseUrl } from './format.ts';

/** The server's limits (submissions.schemas.ts, the upload receiver's default). */
export const MAX_EVIDENCE = 20;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const MAX_NOTE = 4000;

export const questionAnchor = (code: string) => `q-${code}`;

/** Why a question keeps the SAQ from being sent: unanswered, or points claimed without the required evidence. */
export function blockingReason(q: Question, d: AnswerDraft): 'unanswered' | 'evidence' | null {
  if (!isAnswered(d.value)) return 'unanswered';
  const earns = !questionPoints(q, d.value).isZero();
  if (q.evidence === 'required' && earns && d.evidence.length === 0) return 'evidence';
  return null;
}

/** Moves to a question: scrolled into view and the focus on its first control (or its heading when read-only). */
export function jumpToQuestion(code: string) {
  const element = document.getElementById(questionAnchor(code));
  if (!element) return;
  element.scrollIntoView({ block: 'start' });
  const control =
    element.querySelector<HTMLElement>('input:not([disabled]), textarea') ??
    element.querySelector<HTMLElement>('.sq-legend-focus');
  control?.focus({ preventScroll: true });
}

export interface QuestionActions {
  change: (code: string, update: (before: AnswerDraft) => AnswerDraft) => void;
  resolve: (code: string, choice: 'mine' | 'theirs') => void;
  /** Uploads in progress on the page (the leave warning counts them). */
  uploading: (delta: number) => void;
  /** Confirms a carried answer as the body's own, its value unchanged. */
  confirmCarried?: (code: string) => void;
  /** An answer cleared or an evidence item removed: the page offers to undo it (`undo` rebuilds the draft). */
  removed?: (notice: RemovedNotice) => void;
}

/** What was just removed from a question, and how to put it back through the autosave. */
export interface RemovedNotice {
  code: string;
  text: string;
  undo: (current: AnswerDraft) => AnswerDraft;
}

/** Whether two evidence items are the same link or the same file. */
const sameEvidence = (a: EvidenceDraft, b: EvidenceDraft) =>
  'url' in a ? 'url' in b && b.url === a.url : 'fileId' in b && b.fileId === a.fileId;

/** The evidence with `item` back at `position` (unless it is there again already). */
function restoreEvidence(list: EvidenceDraft[], item: EvidenceDraft, position: number): EvidenceDraft[] {
  if (list.some((x) => sameEvidence(item, x))) return list;
  const at = Math.min(position, list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}

interface Props {
  question: Question;
  sid: string;
  saved: AnswerView | undefined;
  draft: AnswerDraft | undefined;
  editable: boolean;
  saving: boolean;
  conflict: Conflict | undefined;
  invalid: string | undefined;
  highlighted: boolean;
  carriedYear: number | null;
  actions: QuestionActions | undefined;
}

/** One question of the SAQ: the answer, a note, evidence links and files, its history, and a conflict when any. */
export const SaqQuestion = memo(function SaqQuestion({
  question: q,
  sid,
  saved,
  draft,
  editable,
  saving,
  conflict,
  invalid,
  highlighted,
  carriedYear,
  actions,
}: Props) {
  const { t, formatNumber, formatDate } = useI18n();
  const shown = useMemo(() => draft ?? draftOf(saved), [draft, saved]);
  const code = q.code;
  const unsaved = draft !== undefined && !conflict;
  const reason = highlighted ? blockingReason(q, shown) : null;
  const canEdit = editable && actions !== undefined;
  const change = (update: (before: AnswerDraft) => AnswerDraft) => actions?.change(code, update);
  const answer = (value: AnswerValue) => change((d) => ({ ...d, value }));

  return (
    <li
      className={`pq sq ${highlighted && reason ? 'sq-missing' : ''} ${conflict ? 'sq-conflicted' : ''}`}
      id={questionAnchor(code)}
    >
      <fieldset className="pq-fieldset">
        <legend className="pq-legend">
          <span className="pq-code">{code}</span> <span className="pq-text">{q.text}</span>
        </legend>
        <div className="pq-meta">
          <EvidenceBadge rule={q.evidence} />
          <span className="badge badge-muted">{t('preview.weight', { weight: formatNumber(q.weight) })}</span>
          {saved?.carried && !draft && (
            <span className="badge badge-carried">
              {canEdit
                ? carriedYear
                  ? t('saq.carriedConfirmBadgeYear', { year: carriedYear })
                  : t('saq.carriedConfirmBadge')
                : carriedYear
                  ? t('saq.carriedFrom', { year: carriedYear })
                  : t('saq.carried')}
            </span>
          )}
          {saved?.carried && !draft && canEdit && actions?.confirmCarried && (
            <button
              type="button"
              className="btn-link sq-confirm-carried"
              onClick={() => actions.confirmCarried?.(code)}
            >
              {t('saq.carriedConfirm')}
              <span className="sr-only"> {code}</span>
            </button>
          )}
          {saving ? (
            <span className="badge badge-muted">{t('saq.q.saving')}</span>
          ) : unsaved ? (
            <span className="badge badge-warn">{t('saq.q.unsaved')}</span>
          ) : null}
          {canEdit && isAnswered(shown.value) && (
            <button
              type="button"
              className="btn-link pq-clear"
              onClick={() => {
                const before = shown.value;
                answer(null);
                actions?.removed?.({
                  code,
                  text: t('saq.undo.cleared', { code }),
                  undo: (d) => ({ ...d, value: before }),
                });
              }}
            >
              {t('preview.clear')}
              <span className="sr-only"> {code}</span>
            </button>
          )}
        </div>
        {reason && (
          <p className="sq-reason">{reason === 'unanswered' ? t('saq.reason.unanswered') : t('saq.reason.evidence')}</p>
        )}
        {q.guidance && (
          <details className="pq-guidance">
            <summary className="pq-guidance-toggle">{t('preview.guidance')}</summary>
            <p>{q.guidance}</p>
          </details>
        )}
        {conflict && actions && (
          <ConflictPanel question={q} conflict={conflict} onResolve={(c) => actions.resolve(code, c)} />
        )}
        <AnswerControls question={q} value={shown.value} name={`a-${code}`} disabled={!canEdit} onAnswer={answer} />
        {invalid && (
          <p className="field-error" role="alert">
            {t('saq.q.refused', { message: invalid })}
          </p>
        )}
        <NoteField
          code={code}
          note={shown.note}
          editable={canEdit}
          onChange={(note) => change((d) => ({ ...d, note }))}
        />
        <Evidence question={q} sid={sid} evidence={shown.evidence} saved={saved} editable={canEdit} actions={actions} />
        <HistoryToggle sid={sid} question={q} evidence={shown.evidence} />
        {saved && !draft && (
          <p className="sq-updated hint">{t('saq.q.updated', { when: formatDate(saved.updatedAt, true) })}</p>
        )}
      </fieldset>
    </li>
  );
});

function NoteField({
  code,
  note,
  editable,
  onChange,
}: {
  code: string;
  note: string | null;
  editable: boolean;
  onChange: (note: string | null) => void;
}) {
  const { t } = useI18n();
  const id = `note-${code}`;
  if (!editable && !note) return null;
  return (
    <div className="field sq-note">
      <label htmlFor={id}>
        {t('saq.note')}
        {editable && <span className="optional"> ({t('common.optional')})</span>}
      </label>
      <textarea
        id={id}
        rows={2}
        maxLength={MAX_NOTE}
        readOnly={!editable}
        value={note ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
    </div>
  );
}

interface Upload {
  key: string;
  name: string;
  progress: number;
  error?: string;
  controller: AbortController;
}

let uploadCounter = 0;

/** Evidence of one question: links (added with a check that they are web addresses) and uploaded files. */
function Evidence({
  question: q,
  sid,
  evidence,
  saved,
  editable,
  actions,
}: {
  question: Question;
  sid: string;
  evidence: EvidenceDraft[];
  saved: AnswerView | undefined;
  editable: boolean;
  actions: QuestionActions | undefined;
}) {
  const { t, lang } = useI18n();
  const code = q.code;
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const fileInput = useRef<HTMLInputElement>(null);
  const checks = new Map(
    (saved?.evidence ?? []).filter((e): e is LinkEvidence => 'url' in e).map((e) => [e.url, e] as const),
  );
  const full = evidence.length >= MAX_EVIDENCE;
  const urlId = `url-${code}`;
  const fileId = `file-${code}`;

  if (!editable && evidence.length === 0) {
    return (
      <div className="sq-evidence">
        <p className="sq-label">{t('saq.evidence')}</p>
        <p className="hint">{t('saq.evidence.none')}</p>
      </div>
    );
  }

  const change = (update: (before: EvidenceDraft[]) => EvidenceDraft[]) =>
    actions?.change(code, (d) => ({ ...d, evidence: update(d.evidence) }));
  // removed from the list, with a way back (the page's undo notice) at the same place
  const remove = (item: EvidenceDraft, position: number, name: string) => {
    change((before) => before.filter((x) => !sameEvidence(item, x)));
    actions?.removed?.({
      code,
      text: t('saq.undo.evidenceRemoved', { name, code }),
      undo: (d) => ({ ...d, evidence: restoreEvidence(d.evidence, item, position) }),
    });
  };

  const addLink = () => {
    const normal = normaliseUrl(url);
    if (!normal) {
      setUrlError(t('saq.url.invalid'));
      return;
    }
    if (evidence.some((e) => 'url' in e && e.url === normal)) {
      setUrlError(t('saq.url.duplicate'));
      return;
    }
    setUrlError(null);
    setUrl('');
    change((before) => [...before, { url: normal }]);
  };

  const onUrlKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addLink();
    }
  };

  const uploadOne = async (file: File) => {
    uploadCounter += 1;
    const key = `u${uploadCounter}`;
    const set = (patch: Partial<Upload>) =>
      setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...patch } : u)));
    const controller = new AbortController();
    setUploads((list) => [...list, { key, name: file.name, progress: 0, controller }]);
    if (file.size > MAX_UPLOAD_BYTES) {
      set({ error: t('saq.upload.tooLarge', { size: formatBytes(file.size, lang) }) });
      return;
    }
    actions?.uploading(1);
    try {
      const stored = await uploadEvidence(sid, file, (progress) => set({ progress }), controller.signal);
      change((before) => [
        ...before,
        { fileId: stored.fileId, name: stored.name, size: stored.size, contentType: stored.contentType },
      ]);
      setUploads((list) => list.filter((u) => u.key !== key));
    } catch (error) {
      if (controller.signal.aborted) {
        setUploads((list) => list.filter((u) => u.key !== key));
        return;
      }
      let message = problemHeadline(t, error);
      if (error instanceof ApiError) {
        if (error.status === 413) message = t('saq.upload.tooLarge', { size: formatBytes(file.size, lang) });
        else if (error.status === 415) message = t('saq.upload.type');
        else if (error.code === NETWORK_ERROR) message = t('saq.upload.offline');
      }
      set({ error: message });
    } finally {
      actions?.uploading(-1);
    }
  };

  const onFiles = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    if (fileInput.current) fileInput.current.value = '';
    for (const file of list.slice(0, Math.max(0, MAX_EVIDENCE - evidence.length))) await uploadOne(file);
  };

  return (
    <div className="sq-evidence">
      <p className="sq-label">{t('saq.evidence')}</p>
      {evidence.length > 0 && (
        <ul className="ev-list">
          {evidence.map((e, position) =>
            'url' in e ? (
              <li key={`u:${e.url}`} className="ev-item">
                <span className="ev-kind">{t('saq.evidence.link')}</span>
                <a className="ev-url" href={e.url} target="_blank" rel="noopener noreferrer">
                  {e.url}
                </a>
                <LinkBadge check={checks.get(e.url)} />
                {editable && (
                  <button type="button" className="btn-link ev-remove" onClick={() => remove(e, position, e.url)}>
                    {t('saq.remove')}
                    <span className="sr-only"> {e.url}</span>
                  </button>
                )}
              </li>
            ) : (
              <li key={`f:${e.fileId}`} className="ev-item">
                <span className="ev-kind">{t('saq.evidence.file')}</span>
                <a className="ev-url" href={fileUrl(e.fileId)} download={e.name}>
                  {e.name}
                </a>
                <span className="ev-size">{formatBytes(e.size, lang)}</span>
                {editable && (
                  <button type="button" className="btn-link ev-remove" onClick={() => remove(e, position, e.name)}>
                    {t('saq.remove')}
                    <span className="sr-only"> {e.name}</span>
                  </button>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {uploads.length > 0 && (
        <ul className="ev-list ev-uploads">
          {uploads.map((u) => (
            <li key={u.key} className={`ev-item ${u.error ? 'ev-failed' : ''}`}>
              <span className="ev-url">{u.name}</span>
              {u.error ? (
                <>
                  <span className="field-error" role="alert">
                    {u.error}
                  </span>
                  <button
                    type="button"
                    className="btn-link ev-remove"
                    onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}
                  >
                    {t('common.dismiss')}
                  </button>
                </>
              ) : (
                <>
                  <progress max={1} value={u.progress} aria-label={t('saq.upload.progress', { name: u.name })} />
                  <span className="ev-size">{Math.round(u.progress * 100)} %</span>
                  <button type="button" className="btn-link ev-remove" onClick={() => u.controller.abort()}>
                    {t('common.cancel')}
                    <span className="sr-only"> {u.name}</span>
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && !full && (
        <div className="ev-add">
          <div className={`field ev-url-field ${urlError ? 'field-invalid' : ''}`}>
            <label htmlFor={urlId}>{t('saq.url.label')}</label>
            <div className="ev-url-row">
              <input
                id={urlId}
                type="url"
                inputMode="url"
                autoComplete="off"
                placeholder="https://"
                value={url}
                aria-invalid={urlError ? true : undefined}
                aria-describedby={urlError ? `${urlId}-error` : undefined}
                onChange={(e) => {
                  setUrl(e.target.value);
                  if (urlError) setUrlError(null);
                }}
                onKeyDown={onUrlKey}
              />
              <button type="button" className="btn btn-secondary btn-small" onClick={addLink}>
                {t('saq.url.add')}
                <span className="sr-only"> {code}</span>
              </button>
            </div>
            {urlError && (
              <p className="field-error" id={`${urlId}-error`}>
                {urlError}
              </p>
            )}
          </div>
          <div className="field ev-file-field">
            <input
              ref={fileInput}
              id={fileId}
              className="file-input"
              type="file"
              multiple
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,application/pdf,image/*"
              aria-describedby={`${fileId}-hint`}
              onChange={(e) => void onFiles(e.target.files)}
            />
            <label htmlFor={fileId} className="btn btn-secondary btn-small file-button">
              {t('saq.upload.label')}
            </label>
            <p className="hint" id={`${fileId}-hint`}>
              {t('saq.upload.hint')}
            </p>
          </div>
        </div>
      )}
      {editable && full && <p className="hint">{t('saq.evidence.full', { max: MAX_EVIDENCE })}</p>}
    </div>
  );
}

/** The last check of a saved link (a link added but not saved yet has none). */
function LinkBadge({ check }: { check: LinkEvidence | undefined }) {
  const { t, formatDate } = useI18n();
  if (!check) return null;
  const { tone, text } = linkCheck(check, t);
  const cls =
    tone === 'ok' ? 'badge-ok' : tone === 'warn' ? 'badge-warn' : tone === 'bad' ? 'badge-bad' : 'badge-muted';
  return (
    <span
      className={`badge ${cls}`}
      title={check.linkCheckedAt ? t('saq.link.checkedAt', { when: formatDate(check.linkCheckedAt, true) }) : undefined}
    >
      {text}
    </span>
  );
}

/** Both answers side by side, and the choice between them. */
function ConflictPanel({
  question,
  conflict,
  onResolve,
}: {
  question: Question;
  conflict: Conflict;
  onResolve: (choice: 'mine' | 'theirs') => void;
}) {
  const { t, formatDate } = useI18n();
  return (
    <section className="alert alert-warning sq-conflict" aria-label={t('saq.conflict.label', { code: question.code })}>
      <p className="alert-title">{t('saq.conflict.title')}</p>
      <div className="conflict-cols">
        <div className="conflict-col">
          <p className="conflict-head">{t('saq.conflict.mine')}</p>
          <AnswerSummary question={question} draft={conflict.mine} />
        </div>
        <div className="conflict-col">
          <p className="conflict-head">{t('saq.conflict.theirs')}</p>
          <AnswerSummary question={question} draft={draftOf(conflict.theirs ?? undefined)} />
          {conflict.theirs && (
            <p className="hint">
              {conflict.theirs.updatedBy
                ? t('saq.conflict.savedBy', {
                    name: conflict.theirs.updatedBy.name,
                    when: formatDate(conflict.theirs.updatedAt, true),
                  })
                : t('saq.conflict.savedAt', { when: formatDate(conflict.theirs.updatedAt, true) })}
            </p>
          )}
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="btn btn-primary" onClick={() => onResolve('mine')}>
          {t('saq.conflict.useMine')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => onResolve('theirs')}>
          {t('saq.conflict.useTheirs')}
        </button>
      </div>
    </section>
  );
}

export function AnswerSummary({ question, draft }: { question: Question | undefined; draft: AnswerDraft }) {
  const { t } = useI18n();
  return (
    <dl className="answer-summary">
      <div>
        <dt className="answer-term">{t('saq.summary.answer')}</dt>
        <dd className="answer-desc">{answerText(question, draft.value, t)}</dd>
      </div>
      {draft.note && (
        <div>
          <dt className="answer-term">{t('saq.note')}</dt>
          <dd className="answer-desc pre-wrap">{draft.note}</dd>
        </div>
      )}
      <div>
        <dt className="answer-term">{t('saq.evidence')}</dt>
        <dd className="answer-desc">
          {draft.evidence.length === 0
            ? t('saq.evidence.none')
            : draft.evidence.map((e) => ('url' in e ? e.url : e.name)).join(', ')}
        </dd>
      </div>
    </dl>
  );
}

/** "Riwayat": who changed this answer when, from what to what (loaded when opened). */
function HistoryToggle({ sid, question, evidence }: { sid: string; question: Question; evidence: EvidenceDraft[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="sq-history">
      <button
        type="button"
        className="btn-link sq-history-toggle"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('saq.history')}
        <span className="sr-only"> {question.code}</span>
      </button>
      <div id={panelId} hidden={!open}>
        {open && <HistoryPanel sid={sid} question={question} evidence={evidence} />}
      </div>
    </div>
  );
}

type Snap = {
  value?: AnswerValue;
  note?: string | null;
  evidence?: ({ url: string } | { fileId: string })[];
  fromYear?: number;
};

function HistoryPanel({ sid, question, evidence }: { sid: string; question: Question; evidence: EvidenceDraft[] }) {
  const { t, formatDate } = useI18n();
  const [state, setState] = useState<{ entries?: HistoryEntry[]; error?: unknown }>({});
  useEffect(() => {
    const controller = new AbortController();
    api
      .history(sid, question.code, controller.signal)
      .then(({ history }) => setState({ entries: history }))
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setState({ error });
      });
    return () => controller.abort();
  }, [sid, question.code]);
  const names = new Map(evidence.flatMap((e) => ('fileId' in e ? [[e.fileId, e.name] as const] : [])));
  const evidenceText = (list: Snap['evidence']) =>
    (list ?? []).length === 0
      ? t('saq.history.noEvidence')
      : (list ?? []).map((e) => ('url' in e ? e.url : (names.get(e.fileId) ?? t('saq.history.file')))).join(', ');

  if (state.error) return <p className="field-error">{problemHeadline(t, state.error)}</p>;
  if (!state.entries) return <p className="hint">{t('common.loading')}</p>;
  if (state.entries.length === 0) return <p className="hint">{t('saq.history.empty')}</p>;
  return (
    <ol className="history-list">
      {[...state.entries].reverse().map((h, i) => {
        const before = (h.before ?? null) as Snap | null;
        const after = (h.after ?? {}) as Snap;
        const lines: string[] = [];
        if (h.event === 'answer.carried') {
          lines.push(t('saq.history.carried', { year: after.fromYear ?? '' }));
          lines.push(`${t('saq.summary.answer')}: ${answerText(question, after.value ?? null, t)}`);
        } else if (h.event === 'answer.carried_confirmed') {
          lines.push(t('history.event.answer.carried_confirmed'));
        } else {
          const was = before?.value ?? null;
          const now = after.value ?? null;
          if (JSON.stringify(was) !== JSON.stringify(now) || !before) {
            lines.push(`${t('saq.summary.answer')}: ${answerText(question, was, t)} → ${answerText(question, now, t)}`);
          }
          if ('note' in after && (before?.note ?? null) !== (after.note ?? null)) {
            lines.push(`${t('saq.note')}: «${before?.note ?? '—'}» → «${after.note ?? '—'}»`);
          }
          if (after.evidence && JSON.stringify(before?.evidence ?? []) !== JSON.stringify(after.evidence)) {
            lines.push(`${t('saq.evidence')}: ${evidenceText(before?.evidence)} → ${evidenceText(after.evidence)}`);
          }
          if (lines.length === 0) lines.push(t('saq.history.same'));
        }
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are append-only and never reordered
          <li key={`${h.at}-${i}`}>
            <p className="history-who">
              <time dateTime={h.at}>{formatDate(h.at, true)}</time> · {h.actor?.name ?? t('saq.history.system')}
            </p>
            <ul className="history-changes">
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            {h.reason && <p className="hint">{t('saq.history.reason', { reason: h.reason })}</p>}
          </li>
        );
      })}
    </ol>
  );
}

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { type AnswerValue, ApiError, fileUrl, type User, uploadEvidence } from '../api.ts';
import { ErrorAlert, problemHeadline } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading } from '../components/Page.tsx';
import { AnswerControls } from '../components/QuestionParts.tsx';
import { useI18n } from '../i18n/index.tsx';
import { isPlatformAdmin } from '../permissions.ts';
import { answerText } from '../saq/format.ts';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import {
  type Clarification,
  type Objection,
  onThreadsChanged,
  refreshThreads,
  type ThreadContext,
  threadContext,
  threadsApi,
} from './threads-api.ts';

/**
 * The clarifications and objections of one item (question) of a submission, with the actions the viewer may take:
 * staff ask and decide, the body answers and objects. Embedded in the verification screen and the body's review page.
 * Owned by the clarifications and objections work.
 */
export interface ItemThreadsProps {
  submissionId: string;
  questionCode: string;
  viewer: 'staff' | 'body';
}

/** Stages in which staff ask (the server's rule, clarifications.service.ts); objections live in the objection stage. */
const ASKING_STAGES: readonly string[] = ['verification', 'objection'];
const MAX_TEXT = 4000;

type Evidence = { url: string } | { fileId: string; name: string };

/** The submission's thread context, shared by all its items and reloaded when one of them changes it. */
export function useThreadContext(sid: string) {
  const [state, setState] = useState<{ data?: ThreadContext; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    const load = () =>
      threadContext(sid).then(
        (data) => live && setState({ data }),
        (error: unknown) => live && setState((s) => ({ ...s, error })),
      );
    void load();
    const off = onThreadsChanged(sid, () => void load());
    return () => {
      live = false;
      off();
    };
  }, [sid]);
  return state;
}

/** Whether the user may ask and decide on this commission's items: its admin or an evaluator (or a platform admin). */
export function canReview(user: User | null | undefined, commissionId: string): boolean {
  if (!user) return false;
  return (
    isPlatformAdmin(user) ||
    user.roles.some((r) => r.commissionId === commissionId && (r.role === 'commission_admin' || r.role === 'evaluator'))
  );
}

export function ItemThreads({ submissionId, questionCode, viewer }: ItemThreadsProps) {
  const { t } = useI18n();
  const { user } = useSession();
  const { data, error } = useThreadContext(submissionId);
  const headingId = useId();
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const question = data.questions.get(questionCode);
  const clarifications = data.clarifications.filter((c) => c.questionCode === questionCode);
  const objections = data.objections.filter((o) => o.questionCode === questionCode);
  const stage = data.period.stage;
  const reviewer = viewer === 'staff' && canReview(user, data.period.commissionId);
  const pending = objections.some((o) => o.status === 'pending');
  return (
    <section className="threads" aria-labelledby={headingId}>
      <h3 id={headingId} className="threads-title">
        {t('threads.title', { code: questionCode })}
      </h3>
      {clarifications.length === 0 && objections.length === 0 && <p className="hint">{t('threads.none')}</p>}
      {clarifications.length > 0 && (
        <ul className="thread-list">
          {clarifications.map((c) => (
            <li key={c.id}>
              <ClarificationThread sid={submissionId} clarification={c} viewer={viewer} reviewer={reviewer} />
            </li>
          ))}
        </ul>
      )}
      {objections.length > 0 && (
        <ul className="thread-list">
          {objections.map((o) => (
            <li key={o.id}>
              <ObjectionCard
                objection={o}
                question={question}
                canDecide={reviewer && stage === 'objection'}
                onDecided={() => refreshThreads(submissionId)}
              />
            </li>
          ))}
        </ul>
      )}
      {reviewer && ASKING_STAGES.includes(stage) && <AskForm sid={submissionId} questionCode={questionCode} />}
      {viewer === 'body' && stage === 'objection' && !pending && (
        <ObjectionForm sid={submissionId} questionCode={questionCode} />
      )}
    </section>
  );
}

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useI18n();
  if (evidence.length === 0) return null;
  return (
    <ul className="thread-evidence" aria-label={t('threads.evidence')}>
      {evidence.map((e) => (
        <li key={'url' in e ? e.url : e.fileId}>
          {'url' in e ? (
            <a href={e.url} target="_blank" rel="noopener noreferrer">
              {e.url}
              <span className="sr-only"> {t('threads.newTab')}</span>
            </a>
          ) : (
            <a href={fileUrl(e.fileId)}>{e.name}</a>
          )}
        </li>
      ))}
    </ul>
  );
}

function ClarificationStatus({ status }: { status: Clarification['status'] }) {
  const { t } = useI18n();
  const tone = status === 'open' ? 'badge-warn' : status === 'answered' ? 'badge-ok' : 'badge-muted';
  return <span className={`badge ${tone}`}>{t(`threads.clarification.${status}`)}</span>;
}

function ClarificationThread({
  sid,
  clarification: c,
  viewer,
  reviewer,
}: {
  sid: string;
  clarification: Clarification;
  viewer: 'staff' | 'body';
  reviewer: boolean;
}) {
  const { t, formatDate } = useI18n();
  const { announce } = useStatus();
  const { error, busy: closing, send } = useSending();
  const overdue = new Date(c.dueAt).getTime() <= Date.now();
  const open = c.status !== 'closed';
  const close = () =>
    send(async () => {
      await threadsApi.close(c.id);
      announce(t('threads.closed'));
      refreshThreads(sid);
    });
  return (
    <article className="thread">
      <header className="thread-head">
        <span className="thread-kind">{t('threads.clarification')}</span>
        <ClarificationStatus status={c.status} />
        <span className={`thread-due ${overdue && open ? 'thread-overdue' : ''}`}>
          {t('threads.dueAt', { when: formatDate(c.dueAt, true) })}
        </span>
      </header>
      <ol className="thread-messages">
        {c.messages.map((m) => (
          <li key={m.id} className="thread-message">
            <p className="thread-meta">
              <strong>{m.author?.name ?? t('threads.someone')}</strong> · {formatDate(m.createdAt, true)}
            </p>
            <p className="pre-wrap">{m.message}</p>
            <EvidenceList evidence={m.evidence} />
          </li>
        ))}
      </ol>
      {viewer === 'body' && open && !overdue && <ReplyForm sid={sid} id={c.id} withEvidence />}
      {viewer === 'body' && open && overdue && <p className="hint">{t('threads.pastDue')}</p>}
      {reviewer && open && (
        <>
          <ReplyForm sid={sid} id={c.id} withEvidence={false} />
          <div className="button-row">
            <button type="button" className="btn btn-secondary btn-small" onClick={close} disabled={closing}>
              {t('threads.close')}
            </button>
          </div>
        </>
      )}
      <ErrorAlert error={error} />
    </article>
  );
}

/** Files and links the body adds to a reply or an objection: uploaded at once, sent with the message. */
function EvidencePicker({
  sid,
  evidence,
  onChange,
}: {
  sid: string;
  evidence: Evidence[];
  onChange: (next: Evidence[]) => void;
}) {
  const { t } = useI18n();
  const fileId = useId();
  const urlId = useId();
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | undefined>();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const onFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (!file) return;
    setUploading(true);
    setUploadError(undefined);
    try {
      const stored = await uploadEvidence(sid, file, () => {});
      onChange([...evidence, { fileId: stored.fileId, name: stored.name }]);
    } catch (e) {
      setUploadError(e instanceof ApiError && e.status === 415 ? t('saq.upload.type') : problemHeadline(t, e));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };
  const addUrl = () => {
    const value = url.trim();
    let ok = false;
    try {
      const parsed = new URL(value);
      ok = parsed.protocol === 'http:' || parsed.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) {
      setUrlError(t('threads.badUrl'));
      return;
    }
    setUrlError(undefined);
    onChange([...evidence, { url: value }]);
    setUrl('');
  };
  return (
    <div className="thread-picker">
      <Field id={fileId} label={t('threads.file')} optional={t('common.optional')} error={uploadError}>
        {(control) => (
          <input
            {...control}
            ref={input}
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
            disabled={uploading}
            onChange={(e) => void onFile(e.target.files)}
          />
        )}
      </Field>
      {uploading && <p className="hint">{t('threads.uploading')}</p>}
      <Field id={urlId} label={t('threads.link')} optional={t('common.optional')} error={urlError}>
        {(control) => (
          <div className="inline-input">
            <input
              {...control}
              type="url"
              inputMode="url"
              value={url}
              placeholder="https://"
              onChange={(e) => setUrl(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  addUrl();
                }
              }}
            />
            <button type="button" className="btn btn-secondary btn-small" onClick={addUrl} disabled={!url.trim()}>
              {t('threads.addLink')}
            </button>
          </div>
        )}
      </Field>
      {evidence.length > 0 && (
        <ul className="thread-evidence" aria-label={t('threads.attached')}>
          {evidence.map((e, i) => (
            <li key={'url' in e ? e.url : e.fileId}>
              {'url' in e ? e.url : e.name}{' '}
              <button type="button" className="btn-link" onClick={() => onChange(evidence.filter((_, j) => j !== i))}>
                {t('threads.remove')}
                <span className="sr-only"> {'url' in e ? e.url : e.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const toInput = (e: Evidence) => ('url' in e ? { url: e.url } : { fileId: e.fileId });

/** A thread form's request state: `send` runs the request, keeping busy while it runs and its error if it fails. */
function useSending() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (request: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await request();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, send };
}

/** The thread forms' required free-text field (message, answer, reason). */
function TextField({
  id,
  label,
  hint,
  rows,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  rows: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          maxLength={MAX_TEXT}
          required
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** The thread forms' foot: the request's error, then the submit button. */
function SubmitRow({ error, disabled, label }: { error: unknown; disabled: boolean; label: string }) {
  return (
    <>
      <ErrorAlert error={error} />
      <div className="button-row">
        <button type="submit" className="btn btn-primary btn-small" disabled={disabled}>
          {label}
        </button>
      </div>
    </>
  );
}

function ReplyForm({ sid, id, withEvidence }: { sid: string; id: string; withEvidence: boolean }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const messageId = useId();
  const [message, setMessage] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const { error, busy, send } = useSending();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await threadsApi.reply(id, {
        message,
        ...(withEvidence && evidence.length > 0 ? { evidence: evidence.map(toInput) } : {}),
      });
      setMessage('');
      setEvidence([]);
      announce(t('threads.replied'));
      refreshThreads(sid);
    });
  };
  return (
    <form className="thread-form" onSubmit={submit}>
      <TextField
        id={messageId}
        label={withEvidence ? t('threads.answer') : t('threads.reply')}
        rows={3}
        value={message}
        onChange={setMessage}
      />
      {withEvidence && <EvidencePicker sid={sid} evidence={evidence} onChange={setEvidence} />}
      <SubmitRow
        error={error}
        disabled={busy || !message.trim()}
        label={withEvidence ? t('threads.sendAnswer') : t('threads.sendReply')}
      />
    </form>
  );
}

/** Three days ahead at 16:00 local time, as a `datetime-local` value (the ask form's default). */
function defaultDue(): string {
  const d = new Date(Date.now() + 3 * 86400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T16:00`;
}

function AskForm({ sid, questionCode }: { sid: string; questionCode: string }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const messageId = useId();
  const dueId = useId();
  const [message, setMessage] = useState('');
  const [due, setDue] = useState(defaultDue);
  const [dueError, setDueError] = useState<string | undefined>();
  const { error, busy, send } = useSending();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const dueAt = new Date(due);
    if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() <= Date.now()) {
      setDueError(t('threads.badDue'));
      return;
    }
    setDueError(undefined);
    void send(async () => {
      await threadsApi.ask(sid, { questionCode, message, dueAt: dueAt.toISOString() });
      setMessage('');
      announce(t('threads.asked'));
      refreshThreads(sid);
    });
  };
  return (
    <form className="thread-form" onSubmit={submit} aria-label={t('threads.askLabel', { code: questionCode })}>
      <TextField id={messageId} label={t('threads.askMessage')} rows={3} value={message} onChange={setMessage} />
      <Field id={dueId} label={t('threads.due')} error={dueError}>
        {(control) => (
          <input {...control} type="datetime-local" required value={due} onChange={(e) => setDue(e.target.value)} />
        )}
      </Field>
      <SubmitRow error={error} disabled={busy || !message.trim()} label={t('threads.ask')} />
    </form>
  );
}

export function ObjectionStatus({ status }: { status: Objection['status'] }) {
  const { t } = useI18n();
  const tone = status === 'pending' ? 'badge-warn' : status === 'accepted' ? 'badge-ok' : 'badge-muted';
  return <span className={`badge ${tone}`}>{t(`threads.objection.${status}`)}</span>;
}

export function ObjectionCard({
  objection: o,
  question,
  canDecide,
  onDecided,
  heading,
}: {
  objection: Objection;
  question: Question | undefined;
  canDecide: boolean;
  onDecided: () => void;
  heading?: string;
}) {
  const { t, formatDate } = useI18n();
  return (
    <article className="thread">
      <header className="thread-head">
        <span className="thread-kind">{heading ?? t('threads.objection')}</span>
        <ObjectionStatus status={o.status} />
      </header>
      <p className="thread-meta">
        <strong>{o.filedBy?.name ?? o.bodyName}</strong> · {formatDate(o.createdAt, true)}
      </p>
      <p className="pre-wrap">{o.reason}</p>
      <EvidenceList evidence={o.evidence} />
      {o.status !== 'pending' && (
        <div className="thread-decision">
          <p className="thread-meta">
            <strong>{o.decidedBy?.name ?? t('threads.someone')}</strong>
            {o.decidedAt ? ` · ${formatDate(o.decidedAt, true)}` : ''}
          </p>
          {o.before !== undefined && o.after !== undefined && o.status === 'accepted' && (
            <p>
              {t('threads.changed', {
                before: answerText(question, o.before, t),
                after: answerText(question, o.after, t),
              })}
            </p>
          )}
          {o.decisionReason && <p className="pre-wrap">{o.decisionReason}</p>}
        </div>
      )}
      {canDecide && o.status === 'pending' && question && (
        <DecideForm objection={o} question={question} onDone={onDecided} />
      )}
    </article>
  );
}

/** Accept (with the new verified value) or reject an objection, with a reason. */
export function DecideForm({
  objection: o,
  question,
  onDone,
}: {
  objection: Objection;
  question: Question;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const base = useId();
  const [decision, setDecision] = useState<'accepted' | 'rejected'>('rejected');
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  const [reason, setReason] = useState('');
  const { error, busy, send } = useSending();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await threadsApi.decide(o.id, {
        decision,
        reason,
        ...(decision === 'accepted' && value !== undefined ? { value } : {}),
      });
      announce(decision === 'accepted' ? t('threads.acceptedDone') : t('threads.rejectedDone'));
      onDone();
    });
  };
  return (
    <form className="thread-form" onSubmit={submit} aria-label={t('threads.decideLabel', { code: o.questionCode })}>
      <fieldset className="choice-group">
        <legend>{t('threads.decision')}</legend>
        <label className="choice">
          <input
            type="radio"
            name={`${base}-decision`}
            checked={decision === 'accepted'}
            onChange={() => setDecision('accepted')}
          />
          <span>{t('threads.accept')}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${base}-decision`}
            checked={decision === 'rejected'}
            onChange={() => setDecision('rejected')}
          />
          <span>{t('threads.reject')}</span>
        </label>
      </fieldset>
      {decision === 'accepted' && (
        <fieldset className="choice-group">
          <legend>{t('threads.newValue')}</legend>
          <AnswerControls question={question} value={value} name={`${base}-value`} onAnswer={setValue} />
        </fieldset>
      )}
      <TextField id={`${base}-reason`} label={t('threads.reason')} rows={2} value={reason} onChange={setReason} />
      <SubmitRow
        error={error}
        disabled={busy || reason.trim().length < 3 || (decision === 'accepted' && value === undefined)}
        label={t('threads.decide')}
      />
    </form>
  );
}

function ObjectionForm({ sid, questionCode }: { sid: string; questionCode: string }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [open, setOpen] = useState(false);
  const reasonId = useId();
  const panelId = useId();
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState<Evidence[]>([]);
  const { error, busy, send } = useSending();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(async () => {
      await threadsApi.fileObjection(sid, {
        questionCode,
        reason,
        ...(evidence.length > 0 ? { evidence: evidence.map(toInput) } : {}),
      });
      announce(t('threads.objected'));
      setOpen(false);
      refreshThreads(sid);
    });
  };
  return (
    <div className="thread-object">
      <button
        type="button"
        className="btn btn-secondary btn-small"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        {t('threads.object')}
        <span className="sr-only"> {questionCode}</span>
      </button>
      <div id={panelId} hidden={!open}>
        {open && (
          <form className="thread-form" onSubmit={submit}>
            <TextField
              id={reasonId}
              label={t('threads.objectReason')}
              hint={t('threads.objectHint')}
              rows={3}
              value={reason}
              onChange={setReason}
            />
            <EvidencePicker sid={sid} evidence={evidence} onChange={setEvidence} />
            <SubmitRow error={error} disabled={busy || reason.trim().length < 3} label={t('threads.sendObjection')} />
          </form>
        )}
      </div>
    </div>
  );
}

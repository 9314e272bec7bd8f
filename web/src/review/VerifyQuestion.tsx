import { type FormEvent, memo, useEffect, useRef, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { MIN_VERIFICATION_REASON, reasonMissing, sameAnswer } from '../../../src/domain/verification.ts';
import { type AnswerValue, type AnswerView, type EvidenceView, fileUrl, type LinkEvidence } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AnswerControls, EvidenceBadge } from '../components/QuestionParts.tsx';
import { formatBytes } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { answerText, linkCheck } from '../saq/format.ts';
import { ItemThreads } from './ItemThreads.tsx';
import { canPreview, previewUrl } from './verification-api.ts';

/** One item's verification as the screen keeps it: the verified value, its reason, who set it and when. */
export interface VerifiedItem {
  value: AnswerValue;
  reason: string | null;
  verifiedAt: string | null;
  verifiedBy?: { id: string; name: string } | null | undefined;
}

/** Where a question stands: accepted as answered, corrected (a value that differs), or not verified yet. */
export type ItemState = 'verified' | 'changed' | 'unverified';

export function itemState(answer: AnswerValue | undefined, verified: VerifiedItem | undefined): ItemState {
  if (!verified) return 'unverified';
  return sameAnswer(answer, verified.value) ? 'verified' : 'changed';
}

export const verifyAnchor = (code: string) => `v-${code}`;
export const correctionAnchor = (code: string) => `v-${code}-value`;

interface Props {
  question: Question;
  sid: string;
  answer: AnswerView | undefined;
  verified: VerifiedItem | undefined;
  /** The question the keyboard acts on: its previewable evidence is shown beside it. */
  current: boolean;
  /** The correction form is open (the `c` shortcut opens it from the page). */
  correcting: boolean;
  writable: boolean;
  busy: boolean;
  error: unknown;
  onAccept: (code: string) => void;
  onCorrect: (code: string, open: boolean) => void;
  onSave: (code: string, value: AnswerValue, reason: string | null) => Promise<boolean>;
  onFocusQuestion: (code: string) => void;
}

/** One question on the verification screen: the body's answer, note and evidence, the verification, its actions. */
export const VerifyQuestion = memo(function VerifyQuestion({
  question: q,
  sid,
  answer,
  verified,
  current,
  correcting,
  writable,
  busy,
  error,
  onAccept,
  onCorrect,
  onSave,
  onFocusQuestion,
}: Props) {
  const { t, formatNumber, formatDate } = useI18n();
  const code = q.code;
  const value = answer?.value ?? null;
  const state = itemState(value, verified);
  const headingId = `${verifyAnchor(code)}-title`;
  const files = (answer?.evidence ?? []).filter(
    (e): e is Extract<EvidenceView, { fileId: string }> => 'fileId' in e && canPreview(e.contentType),
  );

  return (
    <li
      className={`vq vq-${state} ${current ? 'vq-current' : ''}`}
      id={verifyAnchor(code)}
      aria-labelledby={headingId}
      onFocusCapture={() => onFocusQuestion(code)}
    >
      <div className="vq-main">
        <h3 className="vq-title" id={headingId} tabIndex={-1}>
          <span className="pq-code">{code}</span> <span className="pq-text">{q.text}</span>
        </h3>
        <div className="pq-meta">
          <StateBadge state={state} />
          <EvidenceBadge rule={q.evidence} />
          <span className="badge badge-muted">{t('preview.weight', { weight: formatNumber(q.weight) })}</span>
        </div>
        <dl className="vq-values">
          <div className="vq-row">
            <dt className="vq-term">{t('verify.answer')}</dt>
            <dd className="vq-desc">{answerText(q, value, t)}</dd>
          </div>
          <div className="vq-row">
            <dt className="vq-term">{t('verify.verifiedValue')}</dt>
            <dd className="vq-desc">
              {verified ? (
                answerText(q, verified.value, t)
              ) : (
                <span className="muted">{t('verify.item.unverified')}</span>
              )}
              {verified?.reason && (
                <span className="vq-reason">
                  {' '}
                  · {t('verify.reason')}: {verified.reason}
                </span>
              )}
              {verified?.verifiedAt && (
                <span className="hint vq-by">
                  {' '}
                  {verified.verifiedBy
                    ? t('verify.verifiedBy', {
                        name: verified.verifiedBy.name,
                        when: formatDate(verified.verifiedAt, true),
                      })
                    : t('verify.verifiedAt', { when: formatDate(verified.verifiedAt, true) })}
                </span>
              )}
            </dd>
          </div>
          {answer?.note && (
            <div className="vq-row">
              <dt className="vq-term">{t('verify.note')}</dt>
              <dd className="vq-desc vq-note">{answer.note}</dd>
            </div>
          )}
        </dl>
        <EvidenceList evidence={answer?.evidence ?? []} />
        {writable && !correcting && (
          <div className="vq-actions">
            <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => onAccept(code)}>
              {t('verify.accept')}
              <span className="sr-only"> {code}</span>
            </button>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              disabled={busy}
              onClick={() => onCorrect(code, true)}
            >
              {t('verify.correct')}
              <span className="sr-only"> {code}</span>
            </button>
          </div>
        )}
        {writable && correcting && (
          <CorrectionForm
            question={q}
            answer={value}
            initial={verified?.value ?? value}
            initialReason={verified?.reason ?? ''}
            busy={busy}
            onCancel={() => onCorrect(code, false)}
            onSave={(v, reason) => onSave(code, v, reason)}
          />
        )}
        <ErrorAlert error={error} inlinePaths={['items.0.reason']} />
        <ItemThreads submissionId={sid} questionCode={code} viewer="staff" />
        <p className="vq-history">
          <Link to={`/submissions/${encodeURIComponent(sid)}/history?questionCode=${encodeURIComponent(code)}`}>
            {t('verify.history', { code })}
          </Link>
        </p>
      </div>
      {current && files.length > 0 && <Preview files={files} />}
    </li>
  );
});

function StateBadge({ state }: { state: ItemState }) {
  const { t } = useI18n();
  if (state === 'verified') return <span className="badge badge-ok">{t('verify.item.verified')}</span>;
  if (state === 'changed') return <span className="badge badge-warn">{t('verify.item.changed')}</span>;
  return <span className="badge badge-muted">{t('verify.item.unverified')}</span>;
}

/** The body's evidence: links (their last check, opening in a new tab) and files (previewable ones beside, others downloaded). */
function EvidenceList({ evidence }: { evidence: EvidenceView[] }) {
  const { t, lang, formatDate } = useI18n();
  if (evidence.length === 0) return <p className="hint">{t('verify.noEvidence')}</p>;
  return (
    <div className="sq-evidence">
      <p className="sq-label">{t('verify.evidence')}</p>
      <ul className="ev-list">
        {evidence.map((e) =>
          'url' in e ? (
            <li key={`u:${e.url}`} className="ev-item">
              <span className="ev-kind">{t('saq.evidence.link')}</span>
              <a className="ev-url" href={e.url} target="_blank" rel="noopener noreferrer">
                {e.url}
                <span className="sr-only"> {t('verify.newTab')}</span>
              </a>
              <LinkStatus check={e} formatDate={formatDate} />
            </li>
          ) : (
            <li key={`f:${e.fileId}`} className="ev-item">
              <span className="ev-kind">{t('saq.evidence.file')}</span>
              {canPreview(e.contentType) ? (
                <a className="ev-url" href={previewUrl(e.fileId)} target="_blank" rel="noopener noreferrer">
                  {e.name}
                  <span className="sr-only"> {t('verify.newTab')}</span>
                </a>
              ) : (
                <a className="ev-url" href={fileUrl(e.fileId)} download={e.name}>
                  {e.name}
                </a>
              )}
              <span className="ev-size">{formatBytes(e.size, lang)}</span>
              {!canPreview(e.contentType) && <span className="badge badge-muted">{t('verify.download')}</span>}
            </li>
          ),
        )}
      </ul>
    </div>
  );
}

function LinkStatus({
  check,
  formatDate,
}: {
  check: LinkEvidence;
  formatDate: (iso: string, time?: boolean) => string;
}) {
  const { t } = useI18n();
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

/** PDFs and images of the current question, shown beside it (one at a time, chosen by tabs when several). */
function Preview({ files }: { files: Extract<EvidenceView, { fileId: string }>[] }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(0);
  const file = files[Math.min(shown, files.length - 1)] as (typeof files)[number];
  return (
    <aside className="vq-preview" aria-label={t('verify.preview')}>
      {files.length > 1 && (
        <div className="vq-preview-files">
          {files.map((f, i) => (
            <button
              key={f.fileId}
              type="button"
              className={`btn btn-small ${i === shown ? 'btn-primary' : 'btn-secondary'}`}
              aria-pressed={i === shown}
              onClick={() => setShown(i)}
            >
              {f.name}
            </button>
          ))}
        </div>
      )}
      {file.contentType === 'application/pdf' ? (
        <iframe
          key={file.fileId}
          className="vq-preview-frame"
          src={previewUrl(file.fileId)}
          title={t('verify.previewOf', { name: file.name })}
        />
      ) : (
        <img
          key={file.fileId}
          className="vq-preview-image"
          src={previewUrl(file.fileId)}
          alt={t('verify.previewOf', { name: file.name })}
        />
      )}
    </aside>
  );
}

/** The correction: a value control like the SAQ's, and the reason, required when the value differs from the answer. */
function CorrectionForm({
  question: q,
  answer,
  initial,
  initialReason,
  busy,
  onCancel,
  onSave,
}: {
  question: Question;
  answer: AnswerValue;
  initial: AnswerValue;
  initialReason: string;
  busy: boolean;
  onCancel: () => void;
  onSave: (value: AnswerValue, reason: string | null) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const [value, setValue] = useState<AnswerValue>(initial);
  const [reason, setReason] = useState(initialReason);
  const [problem, setProblem] = useState<string | null>(null);
  const group = useRef<HTMLFieldSetElement>(null);
  const code = q.code;
  const reasonId = `v-${code}-reason`;
  const differs = !sameAnswer(answer, value);

  // opened by the `c` shortcut or the button: the focus goes to the value control
  useEffect(() => {
    const first =
      group.current?.querySelector<HTMLInputElement>('input:checked') ?? group.current?.querySelector('input');
    first?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (reasonMissing(answer, value, reason)) {
      setProblem(t('verify.reasonRequired', { min: MIN_VERIFICATION_REASON }));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setProblem(null);
    await onSave(value, differs ? reason.trim() : null);
  };

  return (
    <form
      className="vq-correct"
      onSubmit={submit}
      noValidate
      onKeyDown={(event) => {
        // Escape leaves the correction unsaved, as the Cancel button does
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <fieldset className="pq-fieldset" ref={group} id={correctionAnchor(code)}>
        <legend className="sq-label">{t('verify.verifiedValue')}</legend>
        <AnswerControls question={q} value={value} name={`v-${code}`} onAnswer={setValue} />
      </fieldset>
      {q.type !== 'checklist' && value !== null && (
        <button type="button" className="btn-link" onClick={() => setValue(null)}>
          {t('verify.clearValue')}
        </button>
      )}
      <div className={`field ${problem ? 'field-invalid' : ''}`}>
        <label htmlFor={reasonId}>
          {t('verify.reason')}
          {!differs && <span className="optional"> ({t('common.optional')})</span>}
        </label>
        <p className="hint" id={`${reasonId}-hint`}>
          {t('verify.reasonHint')}
        </p>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={2000}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${reasonId}-hint ${reasonId}-error` : `${reasonId}-hint`}
          onChange={(e) => setReason(e.target.value)}
        />
        {problem && (
          <p className="field-error" id={`${reasonId}-error`} role="alert">
            {problem}
          </p>
        )}
      </div>
      <div className="vq-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? t('common.saving') : t('verify.saveCorrection')}
          <span className="sr-only"> {code}</span>
        </button>
        <button type="button" className="btn btn-secondary btn-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import type { VerificationState } from '../../../src/domain/review.ts';
import { type AnswerValue, api, type Period, type QuestionnaireView, type Submission } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource, useTitle } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage, isEvaluator, isPlatformAdmin } from '../permissions.ts';
import { VerificationStateBadge } from '../review/assignment-parts.tsx';
import { itemState, type VerifiedItem, VerifyQuestion, verifyAnchor } from '../review/VerifyQuestion.tsx';
import { verificationApi } from '../review/verification-api.ts';
import { Link } from '../router.tsx';
import { SubmissionStatusBadge } from '../saq/parts.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

interface Loaded {
  submission: Submission;
  period: Period;
  questionnaire: QuestionnaireView;
}

/** Keys typed into a field are text, never shortcuts. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Moves to a question: scrolled into view, the focus on its heading (so the shortcuts act on it). */
function focusQuestion(code: string) {
  const heading = document.getElementById(`${verifyAnchor(code)}-title`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

/**
 * The verification screen (`/verification/:sid`): every question with the body's answer, note and evidence (PDFs and images
 * previewed beside the current question), accepted or corrected item by item with live progress and scores, then
 * completed. Keyboard: a = accept and next, c = correct, n = next unverified (not while typing in a field).
 */
export function VerificationPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatNumber, formatScore } = useI18n();
  const { user } = useSession();
  const { announce } = useStatus();
  const data = useResource<Loaded>(
    async (signal) => {
      const { submission } = await api.submission(sid, signal);
      const [{ period }, questionnaire] = await Promise.all([
        api.period(submission.periodId),
        api.questionnaire(submission.periodId, submission.categoryCode),
      ]);
      return { submission, period, questionnaire };
    },
    [sid],
  );
  useTitle(data.data ? `${t('verify.title')} · ${data.data.submission.bodyName}` : t('verify.title'));

  const [verified, setVerified] = useState<Map<string, VerifiedItem>>(new Map());
  const [state, setState] = useState<VerificationState>('not_started');
  const [scores, setScores] = useState<{ self: number; verified: number | undefined }>({ self: 0, verified: 0 });
  const [current, setCurrent] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<Map<string, unknown>>(new Map());
  const [completeError, setCompleteError] = useState<unknown>(null);

  const verifiedRef = useRef(verified);
  const submission = data.data?.submission;
  useEffect(() => {
    if (!submission) return;
    verifiedRef.current = new Map(
      (submission.verification ?? []).map((v) => [
        v.questionCode,
        { value: v.value, reason: v.reason, verifiedAt: v.verifiedAt, verifiedBy: v.verifiedBy },
      ]),
    );
    setVerified(verifiedRef.current);
    setState(submission.verificationState ?? 'not_started');
    setScores({ self: submission.scores.self, verified: submission.scores.verified });
  }, [submission]);

  const questions = useMemo<Question[]>(
    () => (data.data?.questionnaire.indicators ?? []).flatMap((i) => i.questions),
    [data.data],
  );
  const answers = useMemo(() => new Map((submission?.answers ?? []).map((a) => [a.questionCode, a])), [submission]);
  const total = questions.length;
  const done = questions.filter((q) => verified.has(q.code)).length;

  // the first question not yet verified is the current one when the page opens
  useEffect(() => {
    if (current !== null || questions.length === 0 || !submission) return;
    const first = questions.find((q) => !(submission.verification ?? []).some((v) => v.questionCode === q.code));
    setCurrent((first ?? questions[0])?.code ?? null);
  }, [questions, submission, current]);

  const period = data.data?.period;
  const cid = period?.commissionId ?? '';
  const stageOpen = period?.stage === 'verification';
  // evaluators reach this page only for their assignments (the server answers 404 otherwise); leadership reads only
  const mayWrite =
    !!user &&
    (isPlatformAdmin(user) ||
      canManage(user, cid) ||
      user.roles.some((r) => r.commissionId === cid && r.role === 'evaluator'));
  const writable = stageOpen && mayWrite && submission?.status !== 'draft';

  const nextAfter = useCallback(
    (code: string | null, onlyUnverified: boolean, known = verified) => {
      if (questions.length === 0) return null;
      const start = code ? questions.findIndex((q) => q.code === code) : -1;
      for (let step = 1; step <= questions.length; step++) {
        const q = questions[(start + step) % questions.length] as Question;
        if (!onlyUnverified || !known.has(q.code)) return q.code;
      }
      return null;
    },
    [questions, verified],
  );

  const save = useCallback(
    async (code: string, value: AnswerValue, reason: string | null): Promise<Map<string, VerifiedItem> | null> => {
      setBusy(code);
      setErrors((m) => new Map(m).set(code, null));
      try {
        const result = await verificationApi.save(sid, [{ questionCode: code, value, reason }]);
        setState(result.verificationState);
        setScores({ self: result.scores.self, verified: result.scores.verified });
        const item: VerifiedItem = {
          value,
          reason,
          verifiedAt: new Date().toISOString(),
          verifiedBy: user ? { id: user.id, name: user.name } : null,
        };
        // worked out from the latest map now (not in an updater, which React may run later): accept moves on with it
        const next = new Map(verifiedRef.current).set(code, item);
        verifiedRef.current = next;
        setVerified(next);
        announce(t('verify.saved', { code }));
        return next;
      } catch (error) {
        setErrors((m) => new Map(m).set(code, error));
        return null;
      } finally {
        setBusy(null);
      }
    },
    [sid, user, announce, t],
  );

  const accept = useCallback(
    async (code: string) => {
      const known = await save(code, answers.get(code)?.value ?? null, null);
      if (!known) return;
      // accepting leaves a correction of the same question unsaved
      setCorrecting((open) => (open === code ? null : open));
      const next = nextAfter(code, false, known);
      if (next && next !== code) {
        setCurrent(next);
        focusQuestion(next);
      }
    },
    [answers, save, nextAfter],
  );

  const openCorrection = useCallback((code: string, open: boolean) => {
    setCorrecting(open ? code : null);
    if (!open) window.setTimeout(() => focusQuestion(code), 0);
  }, []);

  const saveCorrection = useCallback(
    async (code: string, value: AnswerValue, reason: string | null) => {
      const known = await save(code, value, reason);
      if (!known) return false;
      setCorrecting(null);
      window.setTimeout(() => focusQuestion(code), 0);
      return true;
    },
    [save],
  );

  // the shortcuts: on the page, never while typing in a field or with a modifier
  const keys = useRef({ writable, current, busy, accept, openCorrection, nextAfter });
  keys.current = { writable, current, busy, accept, openCorrection, nextAfter };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      if (typing(event.target)) return;
      const k = keys.current;
      const key = event.key.toLowerCase();
      if (key === 'n') {
        const next = k.nextAfter(k.current, true);
        if (!next) {
          announce(t('verify.allDone'), 'info');
          return;
        }
        event.preventDefault();
        setCurrent(next);
        focusQuestion(next);
        return;
      }
      if (!k.writable || !k.current || k.busy) return;
      if (key === 'a') {
        event.preventDefault();
        void k.accept(k.current);
      } else if (key === 'c') {
        event.preventDefault();
        // the correction form focuses its value control as it opens (which scrolls it into view)
        k.openCorrection(k.current, true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [announce, t]);

  const complete = async () => {
    setCompleteError(null);
    try {
      const result = await verificationApi.complete(sid);
      setState(result.verificationState);
      announce(t('verify.completed'));
    } catch (error) {
      setCompleteError(error);
    }
  };

  if (!data.data || !submission || !period) {
    return (
      <>
        <PageHeader title={data.error ? t('verify.notFound') : t('common.loading')} />
        <ErrorAlert error={data.error} />
        {data.loading && <Loading />}
      </>
    );
  }
  const decimals = period.methodology.decimals;
  const changed = questions.filter(
    (q) => itemState(answers.get(q.code)?.value ?? null, verified.get(q.code)) === 'changed',
  ).length;

  return (
    <div className="verify-page">
      <p className="breadcrumb">
        {user && !isEvaluator(user) ? (
          <Link
            to={`/c/${encodeURIComponent(period.commissionId)}/periods/${encodeURIComponent(period.id)}/submissions`}
          >
            ← {t('saq.list.title')}
          </Link>
        ) : (
          <Link to="/evaluations">← {t('verify.back')}</Link>
        )}
      </p>
      <PageHeader
        title={submission.bodyName}
        lead={t('verify.lead', { title: period.title })}
        actions={
          <>
            <Link to={`/submissions/${encodeURIComponent(submission.id)}/history`} className="btn btn-secondary">
              {t('history.title')}
            </Link>
            {writable && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={done < total || state === 'complete'}
                aria-describedby="verify-complete-hint"
                onClick={complete}
              >
                {t('verify.complete')}
              </button>
            )}
          </>
        }
      />
      <section className="card verify-summary" aria-labelledby="verify-summary-title">
        <h2 id="verify-summary-title" className="sr-only">
          {t('verify.summary')}
        </h2>
        <dl className="facts facts-inline">
          <Fact label={t('saq.statusLabel')}>
            <SubmissionStatusBadge status={submission.status} />
          </Fact>
          <Fact label={t('verify.stateLabel')}>
            <VerificationStateBadge state={state} />
          </Fact>
          <Fact label={t('verify.progressLabel')} wide>
            <span id="verify-progress" aria-live="polite">
              {t('verify.progress', { verified: formatNumber(done), total: formatNumber(total) })}
            </span>{' '}
            <progress max={Math.max(1, total)} value={done} aria-labelledby="verify-progress" />
          </Fact>
          <Fact label={t('verify.changedLabel')}>{formatNumber(changed)}</Fact>
          <Fact label={t('saq.selfScore')} valueClass="num">
            {formatScore(scores.self, decimals)}
          </Fact>
          <Fact label={t('saq.verifiedScore')} valueClass="num">
            <span id="verify-score" aria-live="polite">
              {formatScore(scores.verified, decimals)}
            </span>
          </Fact>
        </dl>
        <p className="hint" id="verify-complete-hint">
          {state === 'complete' ? t('verify.completed') : t('verify.completeHint')}
        </p>
        <ErrorAlert error={completeError} />
        {!stageOpen && <p className="notice-inline">{t('verify.readOnly.stage')}</p>}
        {stageOpen && !mayWrite && <p className="notice-inline">{t('verify.readOnly.role')}</p>}
      </section>
      {writable && (
        <section className="verify-keys" aria-labelledby="verify-keys-title">
          <h2 id="verify-keys-title">{t('verify.shortcuts.title')}</h2>
          <ul>
            <li>
              <kbd>a</kbd> {t('verify.shortcuts.accept')}
            </li>
            <li>
              <kbd>c</kbd> {t('verify.shortcuts.correct')}
            </li>
            <li>
              <kbd>n</kbd> {t('verify.shortcuts.next')}
            </li>
          </ul>
          <p className="hint">{t('verify.shortcuts.note')}</p>
        </section>
      )}
      {data.data.questionnaire.indicators.map((indicator) => (
        <section key={indicator.code} className="card verify-indicator" aria-labelledby={`vi-${indicator.code}`}>
          <h2 id={`vi-${indicator.code}`}>
            {indicator.code}. {indicator.title}
          </h2>
          <ol className="pq-list">
            {indicator.questions.map((q) => (
              <VerifyQuestion
                key={q.code}
                question={q}
                sid={sid}
                answer={answers.get(q.code)}
                verified={verified.get(q.code)}
                current={current === q.code}
                correcting={correcting === q.code}
                writable={writable}
                busy={busy === q.code}
                error={errors.get(q.code)}
                onAccept={accept}
                onCorrect={openCorrection}
                onSave={saveCorrection}
                onFocusQuestion={setCurrent}
              />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

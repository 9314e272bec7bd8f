import { type MouseEvent, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { ApiError, api, type Period, type QuestionnaireView, type Submission } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert, problemHeadline } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useFocusAfterRender, useResource } from '../hooks.ts';
import { formatTime } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link, useLocation } from '../router.tsx';
import { type AnswerDraft, draftOf, queueFor, type SaveQueue, type Snapshot } from '../saq/autosave.ts';
import { answerText } from '../saq/format.ts';
import { Deadline, SubmissionStatusBadge, useNow } from '../saq/parts.tsx';
import {
  blockingReason,
  jumpToQuestion,
  type QuestionActions,
  questionAnchor,
  type RemovedNotice,
} from '../saq/SaqQuestion.tsx';
import { SaqSheet } from '../saq/SaqSheet.tsx';
import { saqApi } from '../saq/saq-api.ts';
import { UndoToast } from '../saq/UndoToast.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

interface Loaded {
  submission: Submission;
  period: Period;
  questionnaire: QuestionnaireView;
}

const storage = {
  get(key: string): string | null {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key: string, value: string) {
    try {
      window.localStorage.setItem(key, value);
    } catch {
      // not kept: the page still works for this visit
    }
  },
};

/** The operator's SAQ for a period: `/saq/:pid` (`?body=` for an operator of several bodies). */
export function SaqPage({ params }: PageProps) {
  const pid = params.pid ?? '';
  const location = useLocation();
  const bodyId = location.search.get('body') ?? undefined;
  const { t } = useI18n();
  const data = useResource<Loaded>(
    async (signal) => {
      const [{ submission }, { period }] = await Promise.all([api.mySubmission(pid, bodyId, signal), api.period(pid)]);
      const questionnaire = await api.questionnaire(pid, submission.categoryCode);
      return { submission, period, questionnaire };
    },
    [pid, bodyId],
  );

  if (!data.data) {
    const notOpen = data.error instanceof ApiError && data.error.status === 404;
    return (
      <>
        <p className="breadcrumb">
          <Link to="/">← {t('nav.home')}</Link>
        </p>
        <PageHeader title={data.error ? (notOpen ? t('saq.notOpen') : t('saq.title')) : t('common.loading')} />
        {notOpen ? <p className="notice-inline">{t('saq.notOpenText')}</p> : <ErrorAlert error={data.error} />}
        {data.error && !notOpen && (
          <button type="button" className="btn btn-primary" onClick={data.reload}>
            {t('common.retry')}
          </button>
        )}
        {data.loading && <Loading />}
      </>
    );
  }
  return <SaqFill key={data.data.submission.id} loaded={data.data} />;
}

/** The unsaved changes in words, to copy when saving has stopped. */
function unsavedText(snap: Snapshot, questions: Map<string, Question>, t: ReturnType<typeof useI18n>['t']): string {
  return [...snap.drafts]
    .map(([code, d]) => {
      const q = questions.get(code);
      const lines = [`${code} ${q?.text ?? ''}`.trim(), `${t('saq.summary.answer')}: ${answerText(q, d.value, t)}`];
      if (d.note) lines.push(`${t('saq.note')}: ${d.note}`);
      for (const e of d.evidence) lines.push(`${t('saq.evidence')}: ${'url' in e ? e.url : e.name}`);
      return lines.join('\n');
    })
    .join('\n\n');
}

function SaveStatus({ snap, queue, submission }: { snap: Snapshot; queue: SaveQueue; submission: Submission }) {
  const { t, lang, formatDate } = useI18n();
  const state = snap.state;
  const now = useNow(250, state.kind === 'retrying');
  let text: string;
  let tone: string = state.kind;
  switch (state.kind) {
    case 'saved':
      text = snap.savedAt ? t('saq.save.savedAt', { time: formatTime(snap.savedAt, lang) }) : t('saq.save.saved');
      break;
    case 'waiting':
      text = t('saq.save.waiting');
      break;
    case 'saving':
      text = t('saq.save.saving');
      break;
    case 'retrying':
      text = t('saq.save.retrying', { n: Math.max(0, Math.ceil((state.at - now) / 1000)) });
      break;
    case 'conflict':
      text = t('saq.save.conflict', { count: state.count });
      break;
    case 'invalid':
      text = t('saq.save.invalid', { count: state.count });
      break;
    case 'stopped':
      if (snap.drafts.size > 0) {
        text = t('saq.save.stopped');
      } else {
        tone = 'readonly';
        text =
          submission.status === 'submitted' && submission.submittedAt
            ? t('saq.submittedAt', { when: formatDate(submission.submittedAt, true) })
            : t('saq.save.readonly');
      }
      break;
  }
  // the live region says what changed, not every tick of the countdown
  const spoken = state.kind === 'retrying' ? t('saq.save.retryingSpoken') : state.kind === 'saving' ? '' : (text ?? '');
  return (
    <div className={`save-status save-${tone}`}>
      <span className="save-dot" aria-hidden="true" />
      <span className="save-text" id="save-status" aria-hidden={state.kind === 'retrying' ? true : undefined}>
        {text}
      </span>
      <span className="sr-only" role="status">
        {spoken}
      </span>
      {state.kind === 'retrying' && (
        <button type="button" className="btn-link save-retry" onClick={() => queue.retryNow()}>
          {t('saq.save.tryNow')}
        </button>
      )}
    </div>
  );
}

function SaqFill({ loaded }: { loaded: Loaded }) {
  const { t, formatDate } = useI18n();
  const { announce } = useStatus();
  const focusAfterRender = useFocusAfterRender();
  const { period, questionnaire } = loaded;
  const [submission, setSubmission] = useState(loaded.submission);
  const sid = submission.id;
  const queue = useMemo(
    // a save that hangs on a dead connection is given up after a while and retried (the queue keeps the changes)
    () => queueFor(sid, { save: (v, answers) => api.saveAnswers(sid, v, answers, AbortSignal.timeout(45_000)) }),
    [sid],
  );
  // the first render already shows the answers: the queue takes the loaded submission before it (idempotent)
  const loadedRef = useRef<Submission | null>(null);
  if (loadedRef.current !== loaded.submission) {
    loadedRef.current = loaded.submission;
    queue.load(loaded.submission);
  }
  const snap = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  const uploads = useRef(0);
  const decimals = period.methodology.decimals;
  const indicators = questionnaire.indicators;
  const questions = useMemo(
    () => new Map(indicators.flatMap((i) => i.questions).map((q) => [q.code, q] as const)),
    [indicators],
  );
  const snapStopped = snap.state.kind === 'stopped' ? snap.state.code : null;
  // the server said the SAQ is closed or locked: nothing more can be saved, so nothing more is asked
  const editable =
    submission.editable && submission.status === 'draft' && snapStopped !== 'LOCKED' && snapStopped !== 'STAGE_CLOSED';

  // colleagues saved too: fetch their answers (questions I am changing stay mine, or become conflicts)
  const refreshing = useRef(false);
  const refresh = useCallback(async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    try {
      const { submission: fresh } = await api.submission(sid);
      queue.load(fresh);
      setSubmission(fresh);
    } catch {
      // the next save tries again; nothing is lost
    } finally {
      refreshing.current = false;
    }
  }, [sid, queue]);

  useEffect(() => {
    queue.onRemoteChanges = () => void refresh();
    const online = () => queue.retryNow();
    const beforeUnload = (event: BeforeUnloadEvent) => {
      if (queue.hasUnsaved() || uploads.current > 0) {
        event.preventDefault();
        event.returnValue = '';
      }
    };
    window.addEventListener('online', online);
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      queue.onRemoteChanges = undefined;
      window.removeEventListener('online', online);
      window.removeEventListener('beforeunload', beforeUnload);
      // leaving for another page of the app: what waits for the pause goes now (the queue outlives the page)
      queue.retryNow();
    };
  }, [queue, refresh]);

  // a link from the home page to one question (#q-1.2.3)
  useEffect(() => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.startsWith('q-')) window.setTimeout(() => jumpToQuestion(hash.slice(2)), 0);
    else if (hash) document.getElementById(hash)?.scrollIntoView({ block: 'start' });
  }, []);

  // carried answers not confirmed yet, in the questionnaire's order (a changed one is confirmed by its save)
  const carriedCodes = [...questions.keys()].filter((code) => snap.server.get(code)?.carried && !snap.drafts.has(code));
  const [confirmBusy, setConfirmBusy] = useState(false);
  const [confirmError, setConfirmError] = useState<unknown>(null);
  const confirmCarried = async (codes: string[]) => {
    setConfirmBusy(true);
    setConfirmError(null);
    try {
      if (!(await queue.whenIdle())) {
        setConfirmError(t('saq.submit.unsaved'));
        return;
      }
      const result = await saqApi.confirmCarried(sid, queue.getSnapshot().version, codes);
      queue.load(result.submission);
      setSubmission(result.submission);
      announce(t('saq.carriedPanel.done', { count: result.confirmed.length }));
    } catch (error) {
      // someone changed one of them meanwhile: show theirs, and let the person look again
      if (error instanceof ApiError && error.code === 'VERSION_CONFLICT') void refresh();
      setConfirmError(error);
    } finally {
      setConfirmBusy(false);
    }
  };
  const confirmRef = useRef(confirmCarried);
  confirmRef.current = confirmCarried;

  // an answer cleared or an evidence item removed can be undone for a while ("Urungkan")
  const [undo, setUndo] = useState<RemovedNotice | null>(null);
  const dismissUndo = useCallback(() => setUndo(null), []);
  const undoRemoval = () => {
    if (!undo) return;
    queue.change(undo.code, undo.undo);
    announce(t('saq.undo.done', { code: undo.code }), 'info');
    setUndo(null);
  };

  const actions = useMemo<QuestionActions>(
    () => ({
      change: (code, update) => queue.change(code, update),
      resolve: (code, choice) => queue.resolve(code, choice),
      uploading: (delta) => {
        uploads.current += delta;
      },
      confirmCarried: (code) => void confirmRef.current([code]),
      removed: (notice) => setUndo(notice),
    }),
    [queue],
  );

  // carried answers: the year they came from (kept from the carry-forward, else asked of the history once)
  const carriedKey = `informatif.saq.carriedYear.${sid}`;
  const [carriedYear, setCarriedYear] = useState<number | null>(() => Number(storage.get(carriedKey)) || null);
  const firstCarried = [...snap.server.values()].find((a) => a.carried)?.questionCode;
  useEffect(() => {
    if (carriedYear || !firstCarried) return;
    let live = true;
    api
      .history(sid, firstCarried)
      .then(({ history }) => {
        const year = (history.find((h) => h.event === 'answer.carried')?.after as { fromYear?: number } | undefined)
          ?.fromYear;
        if (live && year) {
          setCarriedYear(year);
          storage.set(carriedKey, String(year));
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [sid, firstCarried, carriedYear, carriedKey]);

  // submit
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [submitBusy, setSubmitBusy] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[] | null>(null);
  // what the server said is carried and unconfirmed when it refused the submit (the page's own list may be older)
  const [refusedCarried, setRefusedCarried] = useState<string[]>([]);
  const submitCarried = [...new Set([...carriedCodes, ...refusedCarried])].filter(
    (code) => !snap.drafts.has(code) && snap.server.get(code)?.carried !== false,
  );
  const highlighted = useMemo(() => new Set(missing ?? []), [missing]);
  const shownOf = (code: string): AnswerDraft => snap.drafts.get(code) ?? draftOf(snap.server.get(code));
  const localMissing = indicators
    .flatMap((i) => i.questions)
    .filter((q) => blockingReason(q, shownOf(q.code)) !== null).length;

  const submit = async () => {
    setSubmitBusy(true);
    setSubmitError(null);
    try {
      if (!(await queue.whenIdle())) {
        setSubmitError(t('saq.submit.unsaved'));
        return;
      }
      const { submission: done } = await saqApi.submit(sid, submitCarried.length > 0);
      queue.load(done);
      setSubmission(done);
      setMissing(null);
      setRefusedCarried([]);
      setConfirmSubmit(false);
      announce(t('saq.submit.done'));
      focusAfterRender('saq-banner');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CARRIED_UNCONFIRMED') {
        // the dialog stays open, listing them: the next click confirms them with the submit
        setRefusedCarried(Array.isArray(error.problem.carried) ? (error.problem.carried as string[]) : []);
        void refresh();
      } else if (error instanceof ApiError && error.code === 'INCOMPLETE_SUBMISSION') {
        setMissing(Array.isArray(error.problem.missing) ? (error.problem.missing as string[]) : []);
        setConfirmSubmit(false);
        focusAfterRender('saq-missing');
      } else if (error instanceof ApiError && (error.code === 'LOCKED' || error.code === 'STAGE_CLOSED')) {
        setConfirmSubmit(false);
        void refresh();
        setSubmitError(error);
      } else {
        setSubmitError(error);
      }
    } finally {
      setSubmitBusy(false);
    }
  };

  // carry forward
  const noCarryKey = `informatif.saq.noCarry.${sid}`;
  const [carryHidden, setCarryHidden] = useState(() => storage.get(noCarryKey) === '1');
  const [confirmCarry, setConfirmCarry] = useState(false);
  const [carryBusy, setCarryBusy] = useState(false);
  const [carryError, setCarryError] = useState<unknown>(null);
  const [carried, setCarried] = useState<{ carried: number; fromYear: number } | null>(null);
  const carry = async () => {
    setCarryBusy(true);
    setCarryError(null);
    try {
      if (!(await queue.whenIdle())) {
        setCarryError(t('saq.submit.unsaved'));
        return;
      }
      const result = await api.carryForward(sid);
      queue.load(result.submission);
      setSubmission(result.submission);
      setCarried({ carried: result.carried, fromYear: result.fromYear });
      setCarriedYear(result.fromYear);
      storage.set(carriedKey, String(result.fromYear));
      setConfirmCarry(false);
      focusAfterRender('saq-carried');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        setCarryHidden(true);
        storage.set(noCarryKey, '1');
        setConfirmCarry(false);
        announce(t('saq.carry.none'), 'info');
      } else {
        setCarryError(error);
      }
    } finally {
      setCarryBusy(false);
    }
  };

  const jump = (event: MouseEvent<HTMLAnchorElement>, code: string) => {
    event.preventDefault();
    jumpToQuestion(code);
  };
  const stillMissing = (missing ?? []).filter((code) => {
    const q = questions.get(code);
    return q !== undefined && blockingReason(q, shownOf(code)) !== null;
  });
  const conflictCodes = [...snap.conflicts.keys()];
  const invalidCodes = [...snap.invalid.keys()];
  const stopped = snap.state.kind === 'stopped' ? snap.state : null;
  const answeredAll = localMissing === 0;
  const errorText = (e: unknown) => (typeof e === 'string' ? e : null);

  return (
    <div className="saq-page">
      <p className="breadcrumb">
        <Link to="/">← {t('nav.home')}</Link>
        <span className="history-link">
          <Link to={`/submissions/${encodeURIComponent(submission.id)}/history`}>{t('history.link')}</Link>
        </span>
      </p>
      <PageHeader
        title={t('saq.title')}
        lead={
          <>
            <strong>{submission.bodyName}</strong> · {period.title}
          </>
        }
        actions={
          editable && submission.carryForward.available && !carryHidden ? (
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() => {
                setCarryError(null);
                setConfirmCarry(true);
              }}
            >
              {t('saq.carry.button')}
            </button>
          ) : undefined
        }
      />
      <dl className="facts facts-inline saq-facts">
        <Fact label={t('saq.deadline')}>
          <Deadline submission={{ ...submission, editable }} />
        </Fact>
        <Fact label={t('saq.statusLabel')}>
          <SubmissionStatusBadge status={submission.status} editable={submission.editable} />
        </Fact>
      </dl>

      <div id="saq-banner" tabIndex={-1} className="form-feedback">
        {submission.status === 'submitted' && (
          <div className="alert alert-success saq-locked-banner">
            <p className="alert-title">
              {submission.submittedAt
                ? t('saq.submittedAt', { when: formatDate(submission.submittedAt, true) })
                : t('saq.status.submitted')}
            </p>
            <p>
              {/* the commission reopens a submitted SAQ until verification ends; after that it is final */}
              {period.stage === 'saq' || period.stage === 'verification'
                ? t('saq.submittedText')
                : t('saq.submittedFinalText')}
            </p>
            <p>
              <Link to={`/submissions/${encodeURIComponent(sid)}/receipt`} className="saq-receipt-link">
                {t('saq.submit.receiptLink')}
              </Link>
            </p>
          </div>
        )}
        {submission.status === 'draft' && submission.reopened && (
          <div className="alert alert-info saq-reopened">
            <p className="alert-title">{t('saq.reopened.title')}</p>
            <p>
              {submission.reopened.until
                ? t(submission.reopened.kind === 'extended' ? 'saq.reopened.extended' : 'saq.reopened.reopened', {
                    reason: submission.reopened.reason,
                    until: formatDate(submission.reopened.until, true),
                  })
                : t('saq.reopened.reopenedOpen', { reason: submission.reopened.reason })}
            </p>
          </div>
        )}
        {submission.status === 'locked' && (
          <div className="alert alert-info saq-locked-banner">
            <p className="alert-title">{t('saq.lockedTitle')}</p>
            <p>{t('saq.lockedText')}</p>
          </div>
        )}
        {submission.status === 'draft' && !submission.editable && (
          <div className="alert alert-warning saq-locked-banner">
            <p className="alert-title">{t('saq.closedTitle')}</p>
            <p>{t('saq.closedText')}</p>
          </div>
        )}
      </div>

      {stopped && snap.drafts.size > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">
            {stopped.code === 'LOCKED'
              ? t('saq.stopped.locked')
              : stopped.code === 'STAGE_CLOSED'
                ? t('saq.stopped.closed')
                : stopped.error
                  ? problemHeadline(t, stopped.error)
                  : t('saq.save.stopped')}
          </p>
          <p>{t('saq.stopped.copy', { count: snap.drafts.size })}</p>
          <label className="sr-only" htmlFor="saq-unsaved-text">
            {t('saq.stopped.textLabel')}
          </label>
          <textarea
            id="saq-unsaved-text"
            className="unsaved-text"
            readOnly
            rows={Math.min(12, snap.drafts.size * 4)}
            value={unsavedText(snap, questions, t)}
            onFocus={(e) => e.currentTarget.select()}
          />
          <div className="button-row">
            <button
              type="button"
              className="btn btn-secondary"
              onClick={() =>
                void navigator.clipboard?.writeText(unsavedText(snap, questions, t)).catch(() => undefined)
              }
            >
              {t('saq.stopped.copyButton')}
            </button>
            {(stopped.code === 'LOCKED' || stopped.code === 'STAGE_CLOSED') && (
              <button type="button" className="btn btn-secondary" onClick={() => queue.discardAll()}>
                {t('saq.stopped.discard')}
              </button>
            )}
          </div>
        </div>
      )}

      {conflictCodes.length > 0 && (
        <div className="alert alert-warning" role="alert">
          <p className="alert-title">{t('saq.conflicts.title', { count: conflictCodes.length })}</p>
          <p>{t('saq.conflicts.text')}</p>
          <ul className="missing-list">
            {conflictCodes.map((code) => (
              <li key={code}>
                <a href={`#${questionAnchor(code)}`} onClick={(e) => jump(e, code)}>
                  {code}
                </a>{' '}
                {questions.get(code)?.text}
              </li>
            ))}
          </ul>
        </div>
      )}

      {invalidCodes.length > 0 && (
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('saq.invalid.title', { count: invalidCodes.length })}</p>
          <ul className="missing-list">
            {invalidCodes.map((code) => (
              <li key={code}>
                <a href={`#${questionAnchor(code)}`} onClick={(e) => jump(e, code)}>
                  {code}
                </a>{' '}
                {snap.invalid.get(code)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {carried && (
        <div id="saq-carried" tabIndex={-1} className="alert alert-success">
          <p className="alert-title">{t('saq.carry.done', { count: carried.carried, year: carried.fromYear })}</p>
          <p>{t('saq.carry.doneText')}</p>
        </div>
      )}

      {editable && carriedCodes.length > 0 && (
        <div className="alert alert-warning saq-carried-panel" id="saq-carried-panel">
          <p className="alert-title">{t('saq.carriedPanel.title', { count: carriedCodes.length })}</p>
          <p>{t('saq.carriedPanel.text')}</p>
          <ul className="missing-list missing-scroll">
            {carriedCodes.map((code) => (
              <li key={code}>
                <a href={`#${questionAnchor(code)}`} onClick={(e) => jump(e, code)}>
                  {code}
                </a>{' '}
                <span className="missing-text">{questions.get(code)?.text}</span>
              </li>
            ))}
          </ul>
          {confirmError && !confirmSubmit ? (
            errorText(confirmError) ? (
              <p className="alert alert-error" role="alert">
                {errorText(confirmError)}
              </p>
            ) : (
              <ErrorAlert error={confirmError} />
            )
          ) : null}
          <div className="button-row">
            <button
              type="button"
              className="btn btn-secondary"
              disabled={confirmBusy}
              onClick={() => void confirmCarried(carriedCodes)}
            >
              {confirmBusy
                ? t('saq.carriedPanel.busy')
                : t('saq.carriedPanel.confirmAll', { count: carriedCodes.length })}
            </button>
          </div>
        </div>
      )}

      {missing && editable && (
        <div id="saq-missing" tabIndex={-1} className="alert alert-warning saq-missing" role="alert">
          {stillMissing.length > 0 ? (
            <>
              <p className="alert-title">{t('saq.missing.title', { count: stillMissing.length })}</p>
              <p>{t('saq.missing.text')}</p>
              <ul className="missing-list missing-scroll">
                {stillMissing.map((code) => {
                  const q = questions.get(code);
                  const reason = q ? blockingReason(q, shownOf(code)) : null;
                  return (
                    <li key={code}>
                      <a href={`#${questionAnchor(code)}`} onClick={(e) => jump(e, code)}>
                        {code}
                      </a>{' '}
                      <span className="missing-text">{q?.text}</span>{' '}
                      <span className="missing-why">
                        ({reason === 'evidence' ? t('saq.reason.evidenceShort') : t('saq.reason.unansweredShort')})
                      </span>
                    </li>
                  );
                })}
              </ul>
            </>
          ) : (
            <p className="alert-title">{t('saq.missing.fixed')}</p>
          )}
        </div>
      )}

      <SaqSheet
        sid={sid}
        indicators={indicators}
        decimals={decimals}
        sheet={snap}
        editable={editable}
        highlighted={highlighted}
        carriedYear={carriedYear}
        actions={editable ? actions : undefined}
        status={<SaveStatus snap={snap} queue={queue} submission={submission} />}
        barActions={
          editable ? (
            <button
              type="button"
              className="btn btn-primary saq-submit"
              onClick={() => {
                setSubmitError(null);
                setConfirmSubmit(true);
              }}
            >
              {t('saq.submit.button')}
            </button>
          ) : undefined
        }
      />

      <ConfirmDialog open={confirmSubmit} title={t('saq.submit.confirmTitle')} onClose={() => setConfirmSubmit(false)}>
        <p>{t('saq.submit.confirmText')}</p>
        {!answeredAll && <p className="alert alert-warning">{t('saq.submit.stillMissing', { count: localMissing })}</p>}
        {submitCarried.length > 0 && (
          <div className="alert alert-warning saq-submit-carried">
            <p className="alert-title">{t('saq.submit.carriedTitle', { count: submitCarried.length })}</p>
            <p>{t('saq.submit.carriedText')}</p>
            <ul className="missing-list missing-scroll">
              {submitCarried.map((code) => (
                <li key={code}>
                  <a
                    href={`#${questionAnchor(code)}`}
                    onClick={(e) => {
                      setConfirmSubmit(false);
                      jump(e, code);
                    }}
                  >
                    {code}
                  </a>{' '}
                  <span className="missing-text">{questions.get(code)?.text}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {submitError ? (
          errorText(submitError) ? (
            <p className="alert alert-error" role="alert">
              {errorText(submitError)}
            </p>
          ) : (
            <ErrorAlert error={submitError} />
          )
        ) : null}
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setConfirmSubmit(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={submitBusy} onClick={() => void submit()}>
            {submitBusy
              ? t('saq.submit.busy')
              : submitCarried.length > 0
                ? t('saq.submit.confirmCarried', { count: submitCarried.length })
                : t('saq.submit.confirm')}
          </button>
        </div>
      </ConfirmDialog>

      <UndoToast text={undo?.text ?? null} onUndo={undoRemoval} onDismiss={dismissUndo} />

      <ConfirmDialog open={confirmCarry} title={t('saq.carry.confirmTitle')} onClose={() => setConfirmCarry(false)}>
        <p>{t('saq.carry.confirmText')}</p>
        {carryError ? (
          errorText(carryError) ? (
            <p className="alert alert-error" role="alert">
              {errorText(carryError)}
            </p>
          ) : (
            <ErrorAlert error={carryError} />
          )
        ) : null}
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setConfirmCarry(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={carryBusy} onClick={() => void carry()}>
            {carryBusy ? t('saq.carry.busy') : t('saq.carry.confirm')}
          </button>
        </div>
      </ConfirmDialog>
    </div>
  );
}

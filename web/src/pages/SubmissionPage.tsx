import { type FormEvent, useMemo, useState } from 'react';
import { api, fieldErrors, type Period, type QuestionnaireView, type Submission } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ReopeningNote } from '../overview/ReopeningNote.tsx';
import { canManage, canReadPeriods } from '../permissions.ts';
import { Link } from '../router.tsx';
import { Deadline, SubmissionStatusBadge } from '../saq/parts.tsx';
import { EMPTY_SHEET, SaqSheet, type SheetState } from '../saq/SaqSheet.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

interface Loaded {
  submission: Submission;
  period: Period;
  questionnaire: QuestionnaireView;
}

/** An ISO instant as the value of a datetime-local input, in Asia/Jakarta (UTC+7, no daylight saving). */
export function toJakartaInput(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 16);
}

/** A datetime-local value read as Asia/Jakarta time, as the API takes it ("2026-09-07T23:59:00+07:00"). */
export function fromJakartaInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const iso = `${value}:00+07:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Reopen (with a reason) and extend the deadline (date-time and reason): the commission admin's two levers. */
function AdminActions({ submission, onChanged }: { submission: Submission; onChanged: (s: Submission) => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [reopenReason, setReopenReason] = useState('');
  const [reopenError, setReopenError] = useState<unknown>(null);
  const [reopenLocal, setReopenLocal] = useState<string | null>(null);
  const [busy, setBusy] = useState<'reopen' | 'extend' | null>(null);
  const start = Math.max(Date.now(), submission.deadline ? Date.parse(submission.deadline) : 0) + 7 * 86_400_000;
  const [until, setUntil] = useState(() => `${toJakartaInput(start).slice(0, 10)}T23:59`);
  const [extendReason, setExtendReason] = useState('');
  const [extendError, setExtendError] = useState<unknown>(null);
  const [extendLocal, setExtendLocal] = useState<{ until?: string; reason?: string }>({});

  const reopen = async (event: FormEvent) => {
    event.preventDefault();
    if (reopenReason.trim().length < 3) {
      setReopenLocal(t('saq.admin.reasonShort'));
      return;
    }
    setReopenLocal(null);
    setBusy('reopen');
    setReopenError(null);
    try {
      const { submission: s } = await api.reopen(submission.id, reopenReason.trim());
      onChanged(s);
      setReopenReason('');
      announce(t('saq.admin.reopened'));
    } catch (error) {
      setReopenError(error);
    } finally {
      setBusy(null);
    }
  };

  const extend = async (event: FormEvent) => {
    event.preventDefault();
    const iso = fromJakartaInput(until);
    const problems: { until?: string; reason?: string } = {};
    if (!iso) problems.until = t('saq.admin.untilInvalid');
    else if (Date.parse(iso) <= Date.now()) problems.until = t('saq.admin.untilPast');
    if (extendReason.trim().length < 3) problems.reason = t('saq.admin.reasonShort');
    setExtendLocal(problems);
    if (!iso || problems.until || problems.reason) return;
    setBusy('extend');
    setExtendError(null);
    try {
      const { submission: s } = await api.extend(submission.id, iso, extendReason.trim());
      onChanged(s);
      setExtendReason('');
      announce(t('saq.admin.extended'));
    } catch (error) {
      setExtendError(error);
    } finally {
      setBusy(null);
    }
  };

  const extendServer = fieldErrors(extendError);
  return (
    <section className="card panel saq-admin" aria-labelledby="saq-admin-title">
      <h2 id="saq-admin-title">{t('saq.admin.title')}</h2>
      <div className="saq-admin-grid">
        {submission.status !== 'draft' ? (
          <form onSubmit={reopen} noValidate>
            <h3>{t('saq.admin.reopenTitle')}</h3>
            <p className="hint">{t('saq.admin.reopenHint')}</p>
            <ErrorAlert error={reopenError} inlinePaths={['reason']} />
            <Field
              id="reopen-reason"
              label={t('saq.admin.reason')}
              error={reopenLocal ?? fieldErrors(reopenError).reason}
            >
              {(a11y) => (
                <textarea
                  {...a11y}
                  rows={2}
                  maxLength={2000}
                  value={reopenReason}
                  onChange={(e) => setReopenReason(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy !== null}>
              {busy === 'reopen' ? t('common.saving') : t('saq.admin.reopen')}
            </button>
          </form>
        ) : (
          <div>
            <h3>{t('saq.admin.reopenTitle')}</h3>
            <p className="hint">{t('saq.admin.alreadyOpen')}</p>
          </div>
        )}
        {submission.status === 'submitted' ? (
          <div>
            <h3>{t('saq.admin.extendTitle')}</h3>
            <p className="hint">{t('saq.admin.extendSubmitted')}</p>
          </div>
        ) : (
          <form onSubmit={extend} noValidate>
            <h3>{t('saq.admin.extendTitle')}</h3>
            <p className="hint">{t('saq.admin.extendHint')}</p>
            <ErrorAlert error={extendError} inlinePaths={['until', 'reason']} />
            <Field
              id="extend-until"
              label={t('saq.admin.until')}
              hint={t('saq.admin.untilHint')}
              error={extendLocal.until ?? extendServer.until}
            >
              {(a11y) => (
                <input {...a11y} type="datetime-local" value={until} onChange={(e) => setUntil(e.target.value)} />
              )}
            </Field>
            <Field id="extend-reason" label={t('saq.admin.reason')} error={extendLocal.reason ?? extendServer.reason}>
              {(a11y) => (
                <textarea
                  {...a11y}
                  rows={2}
                  maxLength={2000}
                  value={extendReason}
                  onChange={(e) => setExtendReason(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="btn btn-primary" disabled={busy !== null}>
              {busy === 'extend' ? t('common.saving') : t('saq.admin.extend')}
            </button>
          </form>
        )}
      </div>
    </section>
  );
}

/**
 * Why the body may edit again: the admin's latest reopening or extension with its reason and until when, read from the
 * submission's history (issue 25, item 5); shown while the submission is a draft because of it.
 */
function StaffReopening({ submission }: { submission: Submission }) {
  const history = useResource(
    (signal) => api.history(submission.id, undefined, signal),
    [submission.id, submission.version],
  );
  const last = (history.data?.history ?? [])
    .filter((h) => h.event === 'submission.reopened' || h.event === 'submission.extended')
    .at(-1);
  if (!last || submission.status !== 'draft') return null;
  return (
    <ReopeningNote
      className="alert alert-info"
      reopening={{
        event: last.event === 'submission.extended' ? 'extended' : 'reopened',
        reason: last.reason ?? '',
        at: last.at,
        until: submission.deadline,
      }}
    />
  );
}

/** A body's SAQ for commission staff: `/submissions/:sid`, read-only, with evidence link checks and history. */
export function SubmissionPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatDate, formatNumber, formatScore } = useI18n();
  const { user } = useSession();
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
  const [changed, setChanged] = useState<Submission | null>(null);
  const submission = changed ?? data.data?.submission;
  const sheet = useMemo<SheetState>(
    () => ({ ...EMPTY_SHEET, server: new Map((submission?.answers ?? []).map((a) => [a.questionCode, a])) }),
    [submission],
  );
  const highlighted = useMemo(() => new Set<string>(), []);

  if (!data.data || !submission) {
    return (
      <>
        <PageHeader title={data.error ? t('saq.staff.notFound') : t('common.loading')} />
        <ErrorAlert error={data.error} />
        {data.loading && <Loading />}
      </>
    );
  }
  const { period, questionnaire } = data.data;
  const cid = period.commissionId;
  const manage = user ? canManage(user, cid) : false;
  const staff = user ? canReadPeriods(user, cid) : false;
  // the verification screen opens for the commission's admins and leadership (evaluators reach it from their queue)
  const reviewer = !!user && (manage || user.roles.some((r) => r.commissionId === cid && r.role === 'leadership'));
  const listPath = `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(period.id)}/submissions`;

  return (
    <div className="saq-page">
      <p className="breadcrumb">
        {staff ? <Link to={listPath}>← {t('saq.list.title')}</Link> : <Link to="/">← {t('nav.home')}</Link>}
      </p>
      <PageHeader title={submission.bodyName} lead={t('saq.staff.lead', { title: period.title })} />
      {staff && <StaffReopening submission={submission} />}
      <dl className="facts facts-inline saq-facts">
        <Fact label={t('saq.statusLabel')}>
          <SubmissionStatusBadge status={submission.status} editable={submission.editable} />
        </Fact>
        <Fact label={t('body.category')}>{questionnaire.categoryName}</Fact>
        <Fact label={t('saq.deadline')} wide>
          <Deadline submission={submission} />
        </Fact>
        <Fact label={t('saq.submittedLabel')}>
          {submission.submittedAt ? formatDate(submission.submittedAt, true) : '—'}
        </Fact>
        <Fact label={t('saq.answeredLabel')}>
          {formatNumber(submission.progress.answered)} / {formatNumber(submission.progress.total)}
        </Fact>
        <Fact label={t('saq.selfScore')} valueClass="num">
          {formatScore(submission.scores.self, period.methodology.decimals)}
        </Fact>
        {submission.scores.verified !== undefined && (submission.verification?.length ?? 0) > 0 && (
          <Fact label={t('saq.verifiedScore')} valueClass="num">
            {formatScore(submission.scores.verified, period.methodology.decimals)}
          </Fact>
        )}
      </dl>
      <p className="notice-inline">{t('saq.staff.readOnly')}</p>
      <p className="history-link">
        <Link to={`/submissions/${encodeURIComponent(submission.id)}/history`}>{t('history.link')}</Link>
        {' · '}
        <Link to={`/submissions/${encodeURIComponent(submission.id)}/scorecard`}>{t('scorecard.link')}</Link>
        {reviewer && (submission.verification?.length ?? 0) > 0 && (
          <>
            {' · '}
            <Link to={`/verification/${encodeURIComponent(submission.id)}`}>{t('verify.title')}</Link>
          </>
        )}
      </p>
      {manage && <AdminActions submission={submission} onChanged={setChanged} />}
      <SaqSheet
        sid={submission.id}
        indicators={questionnaire.indicators}
        decimals={period.methodology.decimals}
        sheet={sheet}
        editable={false}
        highlighted={highlighted}
        carriedYear={null}
        actions={undefined}
        status={
          <div className="save-status save-readonly">
            <span className="save-dot" aria-hidden="true" />
            <span className="save-text">{t('saq.save.readonly')}</span>
          </div>
        }
      />
    </div>
  );
}

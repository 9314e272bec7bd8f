import { api, type HistoryEntry } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { type MessageKey, type Translate, useI18n } from '../i18n/index.tsx';
import { isPlatformAdmin } from '../permissions.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/** The events of the trail in words; an event not listed here is shown by its name. */
const EVENT_KEYS: Record<string, MessageKey> = {
  'answer.saved': 'history.event.answer.saved',
  'answer.carried': 'history.event.answer.carried',
  'submission.submitted': 'history.event.submission.submitted',
  'submission.reopened': 'history.event.submission.reopened',
  'submission.extended': 'history.event.submission.extended',
  'submission.locked': 'history.event.submission.locked',
  'submission.locked_after_extension': 'history.event.submission.locked_after_extension',
  'verification.set': 'history.event.verification.set',
  'verification.completed': 'history.event.verification.completed',
  'clarification.evidence_added': 'history.event.clarification.evidence_added',
  'objection.filed': 'history.event.objection.filed',
  'objection.accepted': 'history.event.objection.accepted',
  'objection.rejected': 'history.event.objection.rejected',
  'panel.scored': 'history.event.panel.scored',
  'panel.gate': 'history.event.panel.gate',
  'assignment.set': 'history.event.assignment.set',
  'assignment.changed': 'history.event.assignment.changed',
  'correction.verified_value': 'history.event.correction.verified_value',
  'correction.panel_score': 'history.event.correction.panel_score',
  'answer.carried_confirmed': 'history.event.answer.carried_confirmed',
};

/** Names of the fields that before/after values carry, in words. */
const FIELD_KEYS: Record<string, MessageKey> = {
  value: 'history.field.value',
  status: 'history.field.status',
  deadline: 'history.field.deadline',
  evaluator: 'history.field.evaluator',
  score: 'history.field.score',
  component: 'history.field.component',
  evidence: 'history.field.evidence',
  proceeds: 'history.field.proceeds',
  saq: 'history.field.saq',
  state: 'history.field.state',
  note: 'history.field.note',
  fromYear: 'history.field.fromYear',
  submittedAt: 'history.field.submittedAt',
  points: 'history.field.points',
  carried: 'history.field.carried',
  fingerprint: 'history.field.fingerprint',
};

/** Until when an extension runs (issue 25, item 5): the new deadline it recorded. */
function untilOf(h: HistoryEntry): string | null {
  const deadline = (h.after as { deadline?: unknown } | null)?.deadline;
  return h.event === 'submission.extended' && typeof deadline === 'string' ? deadline : null;
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/**
 * A recorded value made readable: yes/no, times in the reader's format, lists joined, a person or a file by its name,
 * a link by its address, an object as "field: value" pairs.
 */
function readable(value: unknown, t: Translate, formatDate: (iso: string, withTime?: boolean) => string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (typeof value === 'string') return ISO_TIME.test(value) ? formatDate(value, true) : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => readable(v, t, formatDate)).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.url === 'string') return o.url;
    if (typeof o.name === 'string' && Object.keys(o).every((k) => k === 'name' || k === 'id' || k === 'fileId')) {
      return o.name;
    }
    const entries = Object.entries(o);
    if (entries.length === 1 && entries[0]?.[0] === 'value') return readable(entries[0][1], t, formatDate);
    return entries
      .map(([k, v]) => {
        const key = FIELD_KEYS[k];
        return `${key ? t(key) : k}: ${readable(v, t, formatDate)}`;
      })
      .join('; ');
  }
  return String(value);
}

/**
 * The audit trail of one submission: `/submissions/:sid/history?questionCode=`. Who, when, the event in words, before
 * and after, the reason; filtered by question. The server decides what the reader sees (a body: the review's records
 * once released).
 */
export function HistoryPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatDate, formatNumber } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const questionCode = location.search.get('questionCode') ?? '';
  const context = useResource(
    async (signal) => {
      const { submission } = await api.submission(sid, signal);
      const questionnaire = await api.questionnaire(submission.periodId, submission.categoryCode);
      return { submission, questionnaire };
    },
    [sid],
  );
  const trail = useResource((signal) => api.history(sid, questionCode || undefined, signal), [sid, questionCode]);

  const submission = context.data?.submission;
  const questions = (context.data?.questionnaire.indicators ?? []).flatMap((i) => i.questions);
  // the body's own operator reads the trail as the body; everyone else who may open it is staff
  const staff =
    user && submission
      ? isPlatformAdmin(user) || !user.roles.some((r) => r.role === 'body_operator' && r.bodyId === submission.bodyId)
      : false;
  const back = submission
    ? staff
      ? `/submissions/${encodeURIComponent(sid)}`
      : `/saq/${encodeURIComponent(submission.periodId)}`
    : '/';
  const entries: HistoryEntry[] = trail.data?.history ?? [];
  const choose = (code: string) =>
    navigate(
      `/submissions/${encodeURIComponent(sid)}/history${code ? `?questionCode=${encodeURIComponent(code)}` : ''}`,
      {
        replace: true,
      },
    );

  return (
    <>
      <p className="breadcrumb">
        <Link to={back}>← {t('history.back')}</Link>
      </p>
      <PageHeader
        title={t('history.title')}
        lead={submission ? t('history.lead', { name: submission.bodyName }) : undefined}
      />
      <ErrorAlert error={context.error ?? trail.error} />
      {submission && !staff && <p className="hint">{t('history.bodyNote')}</p>}
      <div className="filters filters-compact">
        <div className="field">
          <label htmlFor="history-question">{t('history.question')}</label>
          <select id="history-question" value={questionCode} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('history.allQuestions')}</option>
            {questions.map((q) => (
              <option key={q.code} value={q.code}>
                {q.code} — {q.text.length > 80 ? `${q.text.slice(0, 79)}…` : q.text}
              </option>
            ))}
            {questionCode && !questions.some((q) => q.code === questionCode) && (
              <option value={questionCode}>{questionCode}</option>
            )}
          </select>
        </div>
      </div>
      <p className="count" aria-live="polite">
        {trail.data ? t('history.count', { count: formatNumber(entries.length) }) : ''}
      </p>
      {trail.loading && !trail.data && <Loading />}
      {trail.data && entries.length === 0 && <p className="empty">{t('history.empty')}</p>}
      {entries.length > 0 && (
        <TableWrap label={t('history.tableLabel')}>
          <table className="table table-stack history-table">
            <thead>
              <tr>
                <th scope="col">{t('history.at')}</th>
                <th scope="col">{t('history.event')}</th>
                <th scope="col">{t('history.question')}</th>
                <th scope="col">{t('history.who')}</th>
                <th scope="col">{t('history.before')}</th>
                <th scope="col">{t('history.after')}</th>
                <th scope="col">{t('history.reason')}</th>
                <th scope="col">{t('history.until')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((h, i) => {
                const key = EVENT_KEYS[h.event];
                return (
                  // the trail is append-only and ordered: a row's place is its identity
                  // biome-ignore lint/suspicious/noArrayIndexKey: entries carry no id of their own
                  <tr key={i}>
                    <td data-label={t('history.at')} className="nowrap">
                      {formatDate(h.at, true)}
                    </td>
                    <th scope="row" className="cell-name">
                      {key ? t(key) : h.event}
                    </th>
                    <td data-label={t('history.question')}>{h.questionCode ?? t('history.wholeSubmission')}</td>
                    <td data-label={t('history.who')}>{h.actor?.name || t('history.system')}</td>
                    <td data-label={t('history.before')} className="history-value">
                      {readable(h.before, t, formatDate)}
                    </td>
                    <td data-label={t('history.after')} className="history-value">
                      {readable(h.after, t, formatDate)}
                    </td>
                    <td data-label={t('history.reason')}>{h.reason ?? '—'}</td>
                    <td data-label={t('history.until')} className="nowrap">
                      {untilOf(h) ? formatDate(untilOf(h) as string, true) : '—'}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

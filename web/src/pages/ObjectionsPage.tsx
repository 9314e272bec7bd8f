import { useState } from 'react';
import type { Period } from '../api.ts';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canReview, ObjectionCard, useThreadContext } from '../review/ItemThreads.tsx';
import { type Objection, refreshThreads, threadsApi } from '../review/threads-api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

const FILTERS = ['all', 'pending', 'accepted', 'rejected'] as const;
type Filter = (typeof FILTERS)[number];

/** The period's objections (issue 22, item 4), pending first, decided in place by the admin or the evaluator. */
export function ObjectionsPage({ params }: PageProps) {
  const pid = params.pid ?? '';
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const period = useResource(() => api.period(pid), [pid]);
  const list = useResource(
    (signal) => threadsApi.periodObjections(pid, filter === 'all' ? undefined : filter, signal),
    [pid, filter],
  );
  const p = period.data?.period;
  const rows = list.data?.objections ?? [];
  const pending = rows.filter((o) => o.status === 'pending').length;
  return (
    <>
      <PageHeader
        title={t('objections.title')}
        lead={
          p && (filter === 'all' || filter === 'pending') ? t('objections.lead', { title: p.title, pending }) : p?.title
        }
        actions={
          p ? (
            <Link
              to={`/c/${encodeURIComponent(p.commissionId)}/periods/${encodeURIComponent(p.id)}`}
              className="btn btn-secondary"
            >
              {t('objections.backToPeriod')}
            </Link>
          ) : undefined
        }
      />
      <ErrorAlert error={period.error ?? list.error} />
      {p && p.stage !== 'objection' && <p className="notice-inline">{t('objections.notStage')}</p>}
      <div className="field threads-filter">
        <label htmlFor="objection-filter">{t('objections.filter')}</label>
        <select id="objection-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`objections.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      {list.loading && !list.data && <Loading />}
      {list.data && rows.length === 0 && <p>{t('objections.empty')}</p>}
      <ul className="review-items">
        {rows.map((o) => (
          <li key={o.id} className="card">
            {p && <PeriodObjection objection={o} period={p} onDecided={list.reload} />}
          </li>
        ))}
      </ul>
    </>
  );
}

function PeriodObjection({
  objection: o,
  period,
  onDecided,
}: {
  objection: Objection;
  period: Period;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const context = useThreadContext(o.submissionId);
  const question = context.data?.questions.get(o.questionCode);
  return (
    <>
      <p className="eyebrow">{o.bodyName}</p>
      <h2 className="review-item-title">
        <span className="review-code">{o.questionCode}</span> {question?.text ?? ''}
      </h2>
      <ObjectionCard
        objection={o}
        question={question}
        heading={t('threads.objection')}
        canDecide={period.stage === 'objection' && canReview(user, period.commissionId)}
        onDecided={() => {
          refreshThreads(o.submissionId);
          onDecided();
        }}
      />
      <p>
        <Link to={`/verification/${encodeURIComponent(o.submissionId)}`}>{t('clarifications.toVerify')}</Link>
      </p>
    </>
  );
}

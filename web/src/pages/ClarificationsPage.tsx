import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ItemThreads } from '../review/ItemThreads.tsx';
import { type ClarificationSummary, threadsApi } from '../review/threads-api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

const FILTERS = ['open', 'answered', 'closed', 'all'] as const;
type Filter = (typeof FILTERS)[number];

/**
 * The caller's clarifications (issue 22, item 3): a body's requests to answer, an evaluator's questions on their
 * submissions, the commission's for its admin. Each opens its thread in place, with the way to the whole submission.
 */
export function ClarificationsPage(_props: PageProps) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('open');
  const list = useResource(
    (signal) => threadsApi.myClarifications(filter === 'all' ? undefined : filter, signal),
    [filter],
  );
  const rows = list.data?.clarifications ?? [];
  return (
    <>
      <PageHeader title={t('clarifications.title')} lead={t('clarifications.lead')} />
      <div className="field threads-filter">
        <label htmlFor="clarification-filter">{t('clarifications.filter')}</label>
        <select id="clarification-filter" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
          {FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`clarifications.filter.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && rows.length === 0 && (
        <p>
          {t('clarifications.empty')}{' '}
          {filter !== 'all' && (
            <button type="button" className="btn-link" onClick={() => setFilter('all')}>
              {t('clarifications.showAll')}
            </button>
          )}
        </p>
      )}
      <ul className="review-items">
        {rows.map((c) => (
          <li key={c.id} className="card">
            <ClarificationRow clarification={c} />
          </li>
        ))}
      </ul>
    </>
  );
}

function ClarificationRow({ clarification: c }: { clarification: ClarificationSummary }) {
  const { t, formatDate, formatNumber } = useI18n();
  const { user } = useSession();
  const isBody = user?.roles.some((r) => r.role === 'body_operator' && r.bodyId === c.bodyId) ?? false;
  const target = isBody
    ? `/submissions/${encodeURIComponent(c.submissionId)}/review`
    : `/verification/${encodeURIComponent(c.submissionId)}`;
  const overdue = c.status !== 'closed' && new Date(c.dueAt).getTime() <= Date.now();
  return (
    <article>
      <p className="eyebrow">
        {c.bodyName} · {c.year}
      </p>
      <h2 className="review-item-title">
        {t('clarifications.item', { code: c.questionCode })}{' '}
        <span
          className={`badge ${c.status === 'open' ? 'badge-warn' : c.status === 'answered' ? 'badge-ok' : 'badge-muted'}`}
        >
          {t(`threads.clarification.${c.status}`)}
        </span>
      </h2>
      <p className="pre-wrap">{c.message}</p>
      <p className={`thread-due ${overdue ? 'thread-overdue' : ''}`}>
        {t('threads.dueAt', { when: formatDate(c.dueAt, true) })} ·{' '}
        {t('clarifications.replies', { count: formatNumber(c.replies) })}
      </p>
      <details className="disclosure">
        <summary>{t('clarifications.openThread')}</summary>
        <ItemThreads submissionId={c.submissionId} questionCode={c.questionCode} viewer={isBody ? 'body' : 'staff'} />
      </details>
      <p>
        <Link to={target}>{isBody ? t('clarifications.toReview') : t('clarifications.toVerify')}</Link>
      </p>
    </article>
  );
}

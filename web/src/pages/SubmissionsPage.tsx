import { useState } from 'react';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { canReadPeriods, canReadSubmissions } from '../permissions.ts';
import { Link } from '../router.tsx';
import { SubmissionStatusBadge } from '../saq/parts.tsx';
import { ProgressBar } from '../saq/SaqSheet.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/** The period's submissions for commission staff: `/c/:cid/periods/:pid/submissions`. */
export function SubmissionsPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const { t, lang, formatDate, formatNumber } = useI18n();
  const { user } = useSession();
  const read = user ? canReadPeriods(user, cid) : false;
  const open = user ? canReadSubmissions(user, cid) : false;
  const [category, setCategory] = useState('');
  const period = useResource(() => api.period(pid), [pid]);
  const rows = useResource(() => api.submissions(pid, category || undefined), [pid, category]);
  const periodPath = `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('saq.list.title')} />
        <div className="alert alert-info">{t('periods.noAccess')}</div>
      </>
    );
  }

  const p = period.data?.period;
  const totals = new Map((p?.questionnaires ?? []).map((q) => [q.categoryCode, q] as const));
  const list = rows.data?.submissions ?? [];
  const notStarted = rows.data?.notStarted ?? [];
  return (
    <>
      <p className="breadcrumb">
        <Link to={periodPath}>← {p?.title ?? t('periods.title')}</Link>
      </p>
      <PageHeader title={t('saq.list.title')} lead={p ? t('saq.list.lead', { title: p.title }) : undefined} />
      <ErrorAlert error={period.error ?? rows.error} />
      <div className="filters filters-compact">
        <div className="field">
          <label htmlFor="saq-list-category">{t('body.category')}</label>
          <select id="saq-list-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('saq.list.allCategories')}</option>
            {(p?.questionnaires ?? []).map((q) => (
              <option key={q.categoryCode} value={q.categoryCode}>
                {q.categoryName}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="count" aria-live="polite">
        {rows.data ? t('saq.list.count', { count: formatNumber(list.length) }) : ''}
      </p>
      <p className="hint">{t('saq.list.hint')}</p>
      {rows.loading && !rows.data && <Loading />}
      {rows.data && list.length === 0 && <p className="empty">{t('saq.list.empty')}</p>}
      {list.length > 0 && (
        <TableWrap label={t('saq.list.tableLabel')}>
          <table className="table table-stack saq-table">
            <thead>
              <tr>
                <th scope="col">{t('saq.list.body')}</th>
                <th scope="col">{t('body.category')}</th>
                <th scope="col">{t('saq.statusLabel')}</th>
                <th scope="col">{t('saq.answeredLabel')}</th>
                <th scope="col">{t('saq.deadline')}</th>
                <th scope="col">{t('saq.list.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => {
                const q = totals.get(r.categoryCode);
                const total = q?.questions ?? 0;
                return (
                  <tr key={r.id}>
                    <th scope="row" className="cell-name">
                      {open ? <Link to={`/submissions/${encodeURIComponent(r.id)}`}>{r.bodyName}</Link> : r.bodyName}
                    </th>
                    <td data-label={t('body.category')}>{q?.categoryName ?? r.categoryCode}</td>
                    <td data-label={t('saq.statusLabel')}>
                      <SubmissionStatusBadge
                        status={r.status}
                        editable={r.status === 'draft' && r.deadline ? Date.parse(r.deadline) > Date.now() : true}
                      />
                    </td>
                    <td data-label={t('saq.answeredLabel')} className="num">
                      <span className="saq-table-progress">
                        {formatNumber(r.answered)} / {formatNumber(total)}
                        <ProgressBar
                          value={r.answered}
                          total={total}
                          label={t('saq.list.progressOf', { name: r.bodyName })}
                        />
                      </span>
                    </td>
                    <td data-label={t('saq.deadline')}>{r.deadline ? formatDeadline(r.deadline, lang) : '—'}</td>
                    <td data-label={t('saq.list.updated')} className="nowrap">
                      {formatDate(r.updatedAt, true)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {rows.data && p && p.stage !== 'draft' && (
        <section className="section" aria-labelledby="saq-not-started">
          <h2 id="saq-not-started">{t('saq.list.notStartedTitle', { count: formatNumber(notStarted.length) })}</h2>
          {notStarted.length === 0 ? (
            <p className="empty">{t('saq.list.notStartedNone')}</p>
          ) : (
            <>
              <p className="hint">{t('saq.list.notStartedLead')}</p>
              <ul className="plain-list columns" data-testid="not-started">
                {notStarted.map((b) => (
                  <li key={b.bodyId}>
                    {b.bodyName}{' '}
                    <span className="muted">· {totals.get(b.categoryCode)?.categoryName ?? b.categoryCode}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </>
  );
}

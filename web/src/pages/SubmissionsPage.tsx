import { type FormEvent, useState } from 'react';
import { api } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useDebounced, useResource } from '../hooks.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import {
  type NotStartedBody,
  overviewApi,
  type RemindersResult,
  type SubmissionListQuery,
} from '../overview/overview-api.ts';
import { ReopeningNote } from '../overview/ReopeningNote.tsx';
import { canManage, canReadPeriods, canReadSubmissions } from '../permissions.ts';
import { downloadFile, saveBlob } from '../results/download.ts';
import { Link } from '../router.tsx';
import { SubmissionStatusBadge } from '../saq/parts.tsx';
import { ProgressBar } from '../saq/SaqSheet.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

/** Rows per page of the list. */
const PAGE = 50;
const STATUSES = ['draft', 'submitted', 'locked', 'not_started'] as const;
const SORTS = ['name', 'status', 'progress', 'updated', 'submitted'] as const;
type Status = (typeof STATUSES)[number];
type Sort = (typeof SORTS)[number];

/** The bodies that have not opened the SAQ, with their PPID contact, and the admin's reminder (SAQ stage only). */
function NotStarted({
  cid,
  pid,
  bodies,
  categoryName,
  canRemind,
}: {
  cid: string;
  pid: string;
  bodies: NotStartedBody[];
  categoryName: (code: string) => string;
  canRemind: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  // the bodies the dialog asks about: the chosen ones, or every one (null)
  const [asking, setAsking] = useState<string[] | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<RemindersResult | null>(null);
  const visible = bodies.filter((b) => chosen.has(b.bodyId)).map((b) => b.bodyId);
  const allChosen = bodies.length > 0 && visible.length === bodies.length;
  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const count = asking === null ? bodies.length : (asking?.length ?? 0);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const done = await overviewApi.remind(pid, asking ?? undefined);
      setResult(done);
      setAsking(undefined);
      setChosen(new Set());
      announce(t('saq.list.remindDone', { queued: formatNumber(done.queued), skipped: formatNumber(done.skipped) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {canRemind && <p className="hint">{t('saq.list.remindHint')}</p>}
      <TableWrap label={t('saq.list.notStartedTable')}>
        <table className="table table-stack" data-testid="not-started">
          <thead>
            <tr>
              {canRemind && (
                <th scope="col" className="cell-check">
                  <input
                    type="checkbox"
                    aria-label={t('saq.list.selectAll')}
                    checked={allChosen}
                    onChange={(e) => setChosen(e.target.checked ? new Set(bodies.map((b) => b.bodyId)) : new Set())}
                  />
                </th>
              )}
              <th scope="col">{t('saq.list.body')}</th>
              <th scope="col">{t('body.category')}</th>
              <th scope="col">{t('saq.list.ppid')}</th>
            </tr>
          </thead>
          <tbody>
            {bodies.map((b) => {
              // the PPID address once: an operator whose account is that address is shown by name beside it
              const operatorEmails = new Set(b.operators.map((o) => o.email.toLowerCase()));
              const contacts = [
                ...(b.ppidEmail && !operatorEmails.has(b.ppidEmail.toLowerCase()) ? [b.ppidEmail] : []),
                ...b.operators.map((o) => `${o.name} <${o.email}>`),
              ];
              return (
                <tr key={b.bodyId}>
                  {canRemind && (
                    <td className="cell-check">
                      <input
                        type="checkbox"
                        aria-label={t('saq.list.select', { name: b.bodyName })}
                        checked={chosen.has(b.bodyId)}
                        onChange={(e) => toggle(b.bodyId, e.target.checked)}
                      />
                    </td>
                  )}
                  <th scope="row" className="cell-name">
                    {b.bodyName}
                  </th>
                  <td data-label={t('body.category')}>{categoryName(b.categoryCode)}</td>
                  <td data-label={t('saq.list.ppid')}>
                    {contacts.length > 0 ? (
                      contacts.join(', ')
                    ) : (
                      <span className="muted">{t('saq.list.noContact')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {canRemind && (
        <div className="button-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={visible.length === 0}
            onClick={() => {
              setError(null);
              setAsking(visible);
            }}
          >
            {t('saq.list.remindChosen', { count: formatNumber(visible.length) })}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() => {
              setError(null);
              setAsking(null);
            }}
          >
            {t('saq.list.remindAll', { count: formatNumber(bodies.length) })}
          </button>
        </div>
      )}
      {result && (
        <div className="alert alert-success" data-testid="reminder-result">
          {t('saq.list.remindDone', { queued: formatNumber(result.queued), skipped: formatNumber(result.skipped) })}{' '}
          <Link to={`/c/${encodeURIComponent(cid)}/outbox`}>{t('saq.list.remindOutbox')}</Link>
        </div>
      )}
      <ConfirmDialog open={asking !== undefined} title={t('saq.list.remindTitle')} onClose={() => setAsking(undefined)}>
        <form onSubmit={send}>
          <p>{t('saq.list.remindConfirm', { count: formatNumber(count) })}</p>
          <ErrorAlert error={error} />
          <div className="form-actions dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setAsking(undefined)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('saq.list.remindSending') : t('saq.list.remindSend')}
            </button>
          </div>
        </form>
      </ConfirmDialog>
    </>
  );
}

/** The period's submissions for commission staff: `/c/:cid/periods/:pid/submissions`. */
export function SubmissionsPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const { t, lang, formatDate, formatNumber } = useI18n();
  const { user } = useSession();
  const read = user ? canReadPeriods(user, cid) : false;
  const open = user ? canReadSubmissions(user, cid) : false;
  const manage = user ? canManage(user, cid) : false;
  const [category, setCategory] = useState('');
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [sort, setSort] = useState<Sort>('name');
  const [order, setOrder] = useState<'asc' | 'desc'>('asc');
  const [page, setPage] = useState(0);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<unknown>(null);
  const search = useDebounced(q.trim(), 300);
  const filters: SubmissionListQuery = {
    category: category || undefined,
    q: search || undefined,
    status: status || undefined,
    sort,
    order,
  };
  const period = useResource(() => api.period(pid), [pid]);
  const rows = useResource(
    (signal) => overviewApi.submissions(pid, { ...filters, limit: PAGE, offset: page * PAGE }, signal),
    [pid, category, search, status, sort, order, page],
  );
  const periodPath = `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;
  // a new filter starts again at the first page
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(0);
    };

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('saq.list.title')} />
        <div className="alert alert-info">{t('periods.noAccess')}</div>
      </>
    );
  }

  const p = period.data?.period;
  const totals = new Map((p?.questionnaires ?? []).map((qn) => [qn.categoryCode, qn] as const));
  const categoryName = (code: string) => totals.get(code)?.categoryName ?? code;
  const list = rows.data?.submissions ?? [];
  const total = rows.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const notStarted = rows.data?.notStarted ?? [];

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, fileName } = await downloadFile(overviewApi.csvUrl(pid, filters), 'pengisian-saq.csv');
      saveBlob(blob, fileName);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to={periodPath}>← {p?.title ?? t('periods.title')}</Link>
      </p>
      <PageHeader
        title={t('saq.list.title')}
        lead={p ? t('saq.list.lead', { title: p.title }) : undefined}
        actions={
          <button type="button" className="btn btn-secondary" onClick={exportCsv} disabled={exporting}>
            {exporting ? t('saq.list.exporting') : t('saq.list.export')}
          </button>
        }
      />
      <ErrorAlert error={period.error ?? rows.error ?? exportError} />
      <search className="filters" aria-label={t('saq.list.filtersLabel')}>
        <div className="field">
          <label htmlFor="saq-list-q">{t('saq.list.search')}</label>
          <input
            id="saq-list-q"
            type="search"
            value={q}
            maxLength={300}
            placeholder={t('saq.list.searchPlaceholder')}
            onChange={(e) => refilter(setQ)(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="saq-list-status">{t('saq.statusLabel')}</label>
          <select
            id="saq-list-status"
            value={status}
            onChange={(e) => refilter(setStatus)(e.target.value as Status | '')}
          >
            <option value="">{t('saq.list.allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s === 'not_started' ? t('saq.list.status.not_started') : t(`saq.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="saq-list-category">{t('body.category')}</label>
          <select id="saq-list-category" value={category} onChange={(e) => refilter(setCategory)(e.target.value)}>
            <option value="">{t('saq.list.allCategories')}</option>
            {(p?.questionnaires ?? []).map((qn) => (
              <option key={qn.categoryCode} value={qn.categoryCode}>
                {qn.categoryName}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="saq-list-sort">{t('saq.list.sort')}</label>
          <select id="saq-list-sort" value={sort} onChange={(e) => refilter(setSort)(e.target.value as Sort)}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`saq.list.sort.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="saq-list-order">{t('saq.list.order')}</label>
          <select
            id="saq-list-order"
            value={order}
            onChange={(e) => refilter(setOrder)(e.target.value as 'asc' | 'desc')}
          >
            <option value="asc">{t('saq.list.order.asc')}</option>
            <option value="desc">{t('saq.list.order.desc')}</option>
          </select>
        </div>
      </search>
      <p className="count" aria-live="polite">
        {rows.data ? t('saq.list.count', { count: formatNumber(total) }) : ''}
      </p>
      <p className="hint">{t('saq.list.hint')}</p>
      {rows.loading && !rows.data && <Loading />}
      {rows.data && list.length === 0 && status !== 'not_started' && <p className="empty">{t('saq.list.empty')}</p>}
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
                <th scope="col">{t('saq.list.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="cell-name">
                    {open ? <Link to={`/submissions/${encodeURIComponent(r.id)}`}>{r.bodyName}</Link> : r.bodyName}
                    <ReopeningNote reopening={r.reopening} />
                  </th>
                  <td data-label={t('body.category')}>{categoryName(r.categoryCode)}</td>
                  <td data-label={t('saq.statusLabel')}>
                    <SubmissionStatusBadge
                      status={r.status}
                      editable={r.status === 'draft' && r.deadline ? Date.parse(r.deadline) > Date.now() : true}
                    />
                  </td>
                  <td data-label={t('saq.answeredLabel')} className="num">
                    <span className="saq-table-progress">
                      {formatNumber(r.answered)} / {formatNumber(r.questions)}
                      <ProgressBar
                        value={r.answered}
                        total={r.questions}
                        label={t('saq.list.progressOf', { name: r.bodyName })}
                      />
                    </span>
                  </td>
                  <td data-label={t('saq.deadline')}>{r.deadline ? formatDeadline(r.deadline, lang) : '—'}</td>
                  <td data-label={t('saq.list.updated')} className="nowrap">
                    {formatDate(r.updatedAt, true)}
                  </td>
                  <td data-label={t('saq.list.submittedAt')} className="nowrap">
                    {r.submittedAt ? formatDate(r.submittedAt, true) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 && (
        <nav className="pager button-row" aria-label={t('saq.list.pagination')}>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={page === 0}
            onClick={() => setPage((n) => Math.max(0, n - 1))}
          >
            {t('saq.list.prev')}
          </button>
          <span>{t('saq.list.page', { page: formatNumber(page + 1), pages: formatNumber(pages) })}</span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={page + 1 >= pages}
            onClick={() => setPage((n) => n + 1)}
          >
            {t('saq.list.next')}
          </button>
        </nav>
      )}
      {rows.data && p && p.stage !== 'draft' && (
        <section className="section" aria-labelledby="saq-not-started">
          <h2 id="saq-not-started">{t('saq.list.notStartedTitle', { count: formatNumber(notStarted.length) })}</h2>
          {notStarted.length === 0 ? (
            <p className="empty">{t('saq.list.notStartedNone')}</p>
          ) : (
            <>
              <p className="hint">{t('saq.list.notStartedLead')}</p>
              <NotStarted
                // a new list of bodies (another filter) starts with nothing chosen
                key={`${category}|${search}`}
                cid={cid}
                pid={pid}
                bodies={notStarted}
                categoryName={categoryName}
                canRemind={manage && p.stage === 'saq'}
              />
            </>
          )}
        </section>
      )}
    </>
  );
}

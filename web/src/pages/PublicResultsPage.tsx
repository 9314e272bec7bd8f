import { useId, useMemo, useState } from 'react';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { SearchFilters } from '../components/SearchFilters.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { openDataUrl, publicApi } from '../results/public-api.ts';
import { Link, useLocation } from '../router.tsx';
import type { PageProps } from './page-props.ts';

/** Names compared as people type them: case, accents and spacing aside. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * `/public/:code/:year`: the latest published version of a year (no login): its decree, a search by name and a
 * category filter over the table, the open-data downloads (CSV, JSON: the API's files, filtered as the table is).
 */
export function PublicResultsPage({ params }: PageProps) {
  const code = params.code ?? '';
  const year = params.year ?? '';
  const { t, formatDate, formatNumber, formatScore } = useI18n();
  const location = useLocation();
  const id = useId();
  const results = useResource((signal) => publicApi.results(code, year, signal), [code, year]);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState(location.search.get('category') ?? '');
  const data = results.data;

  const rows = useMemo(() => {
    if (!data) return [];
    const needle = fold(q);
    return data.rows.filter(
      (r) => (!category || r.categoryCode === category) && (!needle || fold(r.bodyName).includes(needle)),
    );
  }, [data, q, category]);

  if (!data) {
    const notFound = results.error instanceof ApiError && results.error.status === 404;
    return (
      <>
        <PageHeader title={t('public.title')} />
        {notFound ? (
          <div className="alert alert-info">{t('public.notPublished')}</div>
        ) : (
          <ErrorAlert error={results.error} />
        )}
        {results.loading && <Loading />}
        <p>
          <Link to="/public">{t('public.back')}</Link>
        </p>
      </>
    );
  }

  const categoryName = new Map(data.categories.map((c) => [c.code, c.name]));
  const selected = data.categories.some((c) => c.code === category) ? category : '';
  const anyExample = data.example || data.rows.some((r) => r.example);
  return (
    <>
      <PageHeader
        title={t('public.results.title', { year: data.year, commission: data.commission.name })}
        lead={data.title}
        actions={
          <Link to="/public" className="btn btn-secondary">
            {t('public.back')}
          </Link>
        }
      />
      <dl className="facts public-facts">
        <Fact label={t('public.decreeNumber')}>{data.decreeNumber}</Fact>
        <Fact label={t('public.decreeDate')}>{formatDate(data.decreeDate)}</Fact>
        <Fact label={t('public.version')}>
          {data.version > 1 ? t('public.versionAmended', { version: data.version }) : data.version}
        </Fact>
        <Fact label={t('public.publishedAt')}>{formatDate(data.publishedAt, true)}</Fact>
        <Fact label={t('public.source')}>
          {data.source === 'imported' ? t('public.source.imported') : t('public.source.computed')}
        </Fact>
      </dl>
      {anyExample && (
        <div className="alert alert-warning public-example" role="note">
          <p className="alert-title">{t('public.exampleTitle')}</p>
          <p>{t('public.example')}</p>
        </div>
      )}
      <nav className="public-links" aria-label={t('public.downloadsLabel')}>
        <a
          className="btn btn-secondary"
          href={openDataUrl(data.commission.code, String(data.year), 'csv', selected)}
          download
        >
          {t('public.downloadCsv')}
        </a>
        <a
          className="btn btn-secondary"
          href={openDataUrl(data.commission.code, String(data.year), 'json', selected)}
          download
        >
          {t('public.downloadJson')}
        </a>
        <Link to={`/public/${encodeURIComponent(data.commission.code)}/${data.year}/methodology`}>
          {t('public.methodologyLink')}
        </Link>
      </nav>

      <SearchFilters
        id={id}
        section="public"
        label={t('public.filtersLabel')}
        q={q}
        onSearch={setQ}
        category={selected}
        onCategory={setCategory}
        categories={data.categories}
      />

      <p className="count" aria-live="polite">
        {t('public.count', { shown: formatNumber(rows.length), total: formatNumber(data.rows.length) })}
      </p>
      {rows.length === 0 ? (
        <p className="empty">{t('public.noMatch')}</p>
      ) : (
        <TableWrap label={t('public.tableLabel')}>
          <table className="table public-results-table">
            <thead>
              <tr>
                <th scope="col">{t('public.col.rank')}</th>
                <th scope="col">{t('public.col.body')}</th>
                <th scope="col">{t('public.col.category')}</th>
                {data.components.map((c) => (
                  <th scope="col" key={c.key} className="num">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('public.col.final')}
                </th>
                <th scope="col">{t('public.col.band')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.bodyId}>
                  <td className="num">{r.rank}</td>
                  <th scope="row" className="cell-name">
                    <Link to={`/public/bodies/${encodeURIComponent(r.bodyId)}`}>{r.bodyName}</Link>
                    {r.example && <span className="badge public-example-badge">{t('public.exampleBadge')}</span>}
                  </th>
                  <td>
                    <span className="badge" title={categoryName.get(r.categoryCode)}>
                      {r.categoryCode}
                    </span>
                  </td>
                  {data.components.map((c) => {
                    const v = r.components[c.key];
                    return (
                      <td key={c.key} className="num">
                        {v === null || v === undefined ? '—' : formatScore(v, data.decimals)}
                      </td>
                    );
                  })}
                  <td className="num public-final">{formatScore(r.final, data.decimals)}</td>
                  <td>{r.band}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}

import { useMemo, useState } from 'react';
import { Field } from '../components/Field.tsx';
import { TableWrap } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { BandBadge } from './admin-parts.tsx';
import type { ResultsView, ResultVersion } from './results-api.ts';

/** The results table: rank, body, category, every component, final and band; a category filter and a name search. */
export function ResultsTable({
  results,
  versions,
  version,
  onVersion,
  submissionOf,
}: {
  results: ResultsView;
  versions: ResultVersion[];
  /** The version asked for; null: the latest (or the preview). */
  version: number | null;
  onVersion: (version: number | null) => void;
  /** The submission of a body, for the scorecard's link (unknown for bodies that never opened the SAQ). */
  submissionOf: (bodyId: string) => string | undefined;
}) {
  const { t, formatScore, formatNumber, formatDate } = useI18n();
  const [category, setCategory] = useState('');
  const [search, setSearch] = useState('');
  const categoryName = (code: string) => results.categories.find((c) => c.code === code)?.name ?? code;

  const rows = useMemo(() => {
    // categories in the commission's order, as the server lists them
    const place = new Map(results.categories.map((c, i) => [c.code, i]));
    const order = (code: string) => place.get(code) ?? place.size;
    const needle = search.trim().toLocaleLowerCase();
    return results.rows
      .filter(
        (r) => (category === '' || r.categoryCode === category) && r.bodyName.toLocaleLowerCase().includes(needle),
      )
      .sort(
        (a, b) =>
          order(a.categoryCode) - order(b.categoryCode) || a.rank - b.rank || a.bodyName.localeCompare(b.bodyName),
      );
  }, [results.rows, results.categories, category, search]);

  const caption = results.published
    ? t('results.table.captionVersion', { version: results.version ?? '', decree: results.decreeNumber ?? '' })
    : t('results.table.captionPreview');

  return (
    <section className="section" aria-labelledby="results-table-heading">
      <h2 id="results-table-heading" tabIndex={-1}>
        {t('results.table.title')}
      </h2>
      <div className="filters results-filters">
        <Field id="results-category" label={t('results.table.category')}>
          {(a11y) => (
            <select {...a11y} value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('results.table.allCategories')}</option>
              {results.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="results-search" label={t('results.table.search')}>
          {(a11y) => <input {...a11y} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />}
        </Field>
        {versions.length > 0 && (
          <Field id="results-version" label={t('results.table.version')}>
            {(a11y) => (
              <select
                {...a11y}
                value={version === null ? '' : String(version)}
                onChange={(e) => onVersion(e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">{t('results.table.latest')}</option>
                {[...versions]
                  .sort((a, b) => b.version - a.version)
                  .map((v) => (
                    <option key={v.version} value={String(v.version)}>
                      {t('results.table.versionOption', {
                        version: v.version,
                        decree: v.decreeNumber,
                        date: formatDate(v.decreeDate),
                      })}
                    </option>
                  ))}
              </select>
            )}
          </Field>
        )}
      </div>
      <p className="hint" aria-live="polite">
        {t('results.table.count', { shown: formatNumber(rows.length), total: formatNumber(results.rows.length) })}
      </p>
      {results.rows.length === 0 && <p className="empty">{t('results.table.noRows')}</p>}
      {results.rows.length > 0 && rows.length === 0 && <p className="empty">{t('results.table.noMatch')}</p>}
      {rows.length > 0 && (
        <TableWrap label={t('results.table.title')}>
          <table className="table table-compact results-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('results.rank')}
                </th>
                <th scope="col">{t('results.body')}</th>
                <th scope="col">{t('results.category')}</th>
                {results.components.map((c) => (
                  <th key={c.key} scope="col" className="num">
                    {c.label}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('results.final')}
                </th>
                <th scope="col">{t('results.band')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const sid = submissionOf(r.bodyId);
                return (
                  <tr key={r.bodyId}>
                    <td className="num">{r.rank}</td>
                    <th scope="row" className="cell-name">
                      {sid ? (
                        <Link to={`/submissions/${encodeURIComponent(sid)}/scorecard`}>{r.bodyName}</Link>
                      ) : (
                        r.bodyName
                      )}
                      {r.example && <span className="badge badge-muted results-example">{t('results.example')}</span>}
                    </th>
                    <td>{categoryName(r.categoryCode)}</td>
                    {results.components.map((c) => {
                      const score = r.components[c.key];
                      return (
                        <td key={c.key} className="num">
                          {score === null || score === undefined ? '—' : formatScore(score, results.decimals)}
                        </td>
                      );
                    })}
                    <td className="num results-final">{formatScore(r.final, results.decimals)}</td>
                    <td>
                      <BandBadge band={r.band} bands={results.bands} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

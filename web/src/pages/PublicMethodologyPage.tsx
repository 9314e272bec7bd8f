import { ApiError } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { publicApi } from '../results/public-api.ts';
import { Link } from '../router.tsx';
import type { PageProps } from './page-props.ts';

/** `/public/:code/:year/methodology`: how a published year was scored (no login). */
export function PublicMethodologyPage({ params }: PageProps) {
  const code = params.code ?? '';
  const year = params.year ?? '';
  const { t, formatNumber, formatScore } = useI18n();
  const method = useResource((signal) => publicApi.methodology(code, year, signal), [code, year]);
  const data = method.data;
  const back = `/public/${encodeURIComponent(code)}/${encodeURIComponent(year)}`;

  if (!data) {
    const notFound = method.error instanceof ApiError && method.error.status === 404;
    return (
      <>
        <PageHeader title={t('public.title')} />
        {notFound ? (
          <div className="alert alert-info">{t('public.notPublished')}</div>
        ) : (
          <ErrorAlert error={method.error} />
        )}
        {method.loading && <Loading />}
        <p>
          <Link to="/public">{t('public.back')}</Link>
        </p>
      </>
    );
  }

  const componentLabel = new Map(data.components.map((c) => [c.key, c.label]));
  return (
    <>
      <PageHeader
        title={t('public.method.title', { year: data.year, commission: data.commission.name })}
        actions={
          <Link to={back} className="btn btn-secondary">
            {t('public.method.back', { year: data.year })}
          </Link>
        }
      />
      <h2>{t('public.method.components')}</h2>
      <TableWrap label={t('public.method.components')}>
        <DataTable
          rows={data.components}
          rowKey={(c) => c.key}
          columns={[
            { key: 'component', label: t('public.method.col.component'), cell: (c) => c.label },
            {
              key: 'weight',
              label: t('public.method.col.weight'),
              numeric: true,
              cell: (c) => formatNumber(c.weight),
            },
            { key: 'source', label: t('public.method.col.source'), cell: (c) => t(`public.method.source.${c.source}`) },
          ]}
        />
      </TableWrap>
      <p>
        {data.gate
          ? t('public.method.gate', {
              component: componentLabel.get(data.gate.component) ?? data.gate.component,
              min: formatNumber(data.gate.min),
              below: t(`public.method.below.${data.gate.below}`),
            })
          : t('public.method.noGate')}
      </p>
      <p>{t('public.method.decimals', { decimals: data.decimals })}</p>

      <h2>{t('public.method.bands')}</h2>
      <TableWrap label={t('public.method.bands')}>
        <DataTable
          rows={data.bands}
          rowKey={(b) => b.label}
          columns={[
            { key: 'band', label: t('public.method.col.band'), cell: (b) => b.label },
            {
              key: 'min',
              label: t('public.method.col.min'),
              numeric: true,
              cell: (b) => formatScore(b.min, data.decimals),
            },
            {
              key: 'certificate',
              label: t('public.method.col.certificate'),
              cell: (b) => (b.certificate ? t('public.method.yes') : t('public.method.no')),
            },
          ]}
        />
      </TableWrap>

      <h2>{t('public.method.indicators')}</h2>
      {data.questionnaires.length === 0 && <p className="empty">{t('public.method.noQuestionnaire')}</p>}
      {data.questionnaires.map((q) => (
        <section key={q.categoryCode} aria-labelledby={`public-q-${q.categoryCode}`}>
          <h3 id={`public-q-${q.categoryCode}`}>{t('public.method.indicatorsOf', { name: q.categoryName })}</h3>
          <TableWrap label={t('public.method.indicatorsOf', { name: q.categoryName })}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('public.method.col.code')}</th>
                  <th scope="col">{t('public.method.col.indicator')}</th>
                  <th scope="col" className="num">
                    {t('public.method.col.weight')}
                  </th>
                  <th scope="col" className="num">
                    {t('public.method.col.questions')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {q.indicators.map((i) => (
                  <tr key={i.code}>
                    <td>{i.code}</td>
                    <th scope="row">{i.title}</th>
                    <td className="num">{formatNumber(i.weight)}</td>
                    <td className="num">{formatNumber(i.questions)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      ))}
    </>
  );
}

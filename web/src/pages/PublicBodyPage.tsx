import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { publicApi } from '../results/public-api.ts';
import { TrendLine } from '../results/public-parts.tsx';
import { Link } from '../router.tsx';
import type { PageProps } from './page-props.ts';

/** `/public/bodies/:bid`: a body's published results across years, with a small trend line (no login). */
export function PublicBodyPage({ params }: PageProps) {
  const bid = params.bid ?? '';
  const { t, formatScore } = useI18n();
  const history = useResource((signal) => publicApi.bodyHistory(bid, signal), [bid]);
  const data = history.data;

  if (!data) {
    const notFound = history.error instanceof ApiError && history.error.status === 404;
    return (
      <>
        <PageHeader title={t('public.title')} />
        {notFound ? (
          <div className="alert alert-info">{t('public.body.notFound')}</div>
        ) : (
          <ErrorAlert error={history.error} />
        )}
        {history.loading && <Loading />}
        <p>
          <Link to="/public">{t('public.back')}</Link>
        </p>
      </>
    );
  }

  const code = encodeURIComponent(data.commission.code);
  const trendLabel = t('public.body.trendLabel', {
    values: data.years.map((y) => `${y.year}: ${formatScore(y.final, y.decimals)}`).join('; '),
  });
  return (
    <>
      <PageHeader
        title={data.body.name}
        lead={t('public.body.lead', { commission: data.commission.name, category: data.body.categoryCode })}
        actions={
          <Link to="/public" className="btn btn-secondary">
            {t('public.back')}
          </Link>
        }
      />
      <h2>{t('public.body.years')}</h2>
      <TableWrap label={t('public.body.tableLabel')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('public.body.col.year')}</th>
              <th scope="col">{t('public.col.category')}</th>
              <th scope="col" className="num">
                {t('public.col.final')}
              </th>
              <th scope="col">{t('public.col.band')}</th>
              <th scope="col">{t('public.col.rank')}</th>
              <th scope="col">{t('public.body.col.decree')}</th>
            </tr>
          </thead>
          <tbody>
            {data.years.map((y) => (
              <tr key={y.year}>
                <th scope="row">
                  <Link to={`/public/${code}/${y.year}`}>{y.year}</Link>
                  {y.example && <span className="badge public-example-badge">{t('public.exampleBadge')}</span>}
                </th>
                <td>{y.categoryCode}</td>
                <td className="num">{formatScore(y.final, y.decimals)}</td>
                <td>{y.band}</td>
                <td className="nowrap">{t('public.body.rankOf', { rank: y.rank, of: y.of })}</td>
                <td>
                  {y.decreeNumber} ({y.version})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {data.years.length > 1 && (
        <section aria-labelledby="public-trend-title">
          <h2 id="public-trend-title">{t('public.body.trend')}</h2>
          <TrendLine points={data.years} label={trendLabel} />
        </section>
      )}
    </>
  );
}

import { lazy, Suspense } from 'react';
import type { Stage } from '../../../src/domain/stages.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canReadDashboard } from '../permissions.ts';
import { RESULT_STAGES } from '../results/admin-parts.tsx';
import { dashboardApi } from '../results/dashboard-api.ts';
import { ReportDownload } from '../results/documents.tsx';
import { navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

// chart.js comes in its own chunk, fetched by this page alone (and the what-if): no operator's page loads it
const DashboardCharts = lazy(() =>
  import('../charts/DashboardCharts.tsx').then((m) => ({ default: m.DashboardCharts })),
);

/**
 * The leadership dashboard, `/c/:cid/dashboard?periodId=&category=`: a period's bands per category, the trend over
 * the years, indicator averages, the biggest movers, participation and evaluator progress, each chart with its data
 * table and a PNG download. The filters live in the address, so a view can be shared and reloaded.
 */
export function DashboardPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, lang } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const periodId = location.search.get('periodId') ?? undefined;
  const category = location.search.get('category') ?? undefined;
  const allowed = user ? canReadDashboard(user, cid) : true;
  const dashboard = useResource(
    (signal) =>
      allowed
        ? dashboardApi.get(cid, { ...(periodId ? { periodId } : {}), ...(category ? { category } : {}) }, signal)
        : Promise.resolve(undefined),
    [cid, periodId, category, allowed],
  );
  const data = dashboard.data;

  if (!allowed) {
    return (
      <>
        <PageHeader title={t('dashboard.title')} />
        <div className="alert alert-info">{t('dashboard.noAccess')}</div>
      </>
    );
  }

  const setFilter = (key: 'periodId' | 'category', value: string) => {
    const query = new URLSearchParams(location.search);
    if (value) query.set(key, value);
    else query.delete(key);
    const qs = query.toString();
    navigate(`${location.pathname}${qs ? `?${qs}` : ''}`, { replace: true });
  };
  const stageOf = (stage: string) => t(`stage.${stage as Stage}`);
  const results = data?.bandDistribution;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        lead={data?.period ? t('dashboard.lead', { title: data.period.title }) : undefined}
      />
      <ErrorAlert error={dashboard.error} />
      {data && data.periods.length > 0 && (
        <search className="filters dash-filters" aria-label={t('dashboard.filters')}>
          <div className="field">
            <label htmlFor="dash-period">{t('dashboard.period')}</label>
            <select
              id="dash-period"
              value={data.period?.id ?? ''}
              onChange={(e) => setFilter('periodId', e.target.value)}
            >
              {data.periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} ({stageOf(p.stage)})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dash-category">{t('dashboard.category')}</label>
            <select
              id="dash-category"
              value={data.category ?? ''}
              onChange={(e) => setFilter('category', e.target.value)}
            >
              <option value="">{t('dashboard.allCategories')}</option>
              {data.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        </search>
      )}
      {dashboard.loading && !data && <Loading />}
      {data && data.periods.length === 0 && <p>{t('dashboard.noPeriods')}</p>}
      {data?.period && (
        <>
          {RESULT_STAGES.some((s) => s === data.period?.stage) && (
            <div className="dash-report">
              <p className="hint">{t('documents.dashboardReportHint')}</p>
              <ReportDownload
                key={`${data.period.id}:${data.category ?? ''}`}
                pid={data.period.id}
                lang={lang}
                category={data.category ?? undefined}
                fileName={`laporan-${data.period.year}.pdf`}
              />
            </div>
          )}
          {results && (
            <p className={`alert ${results.published ? 'alert-info' : 'alert-warning'}`}>
              {results.published
                ? t('dashboard.publishedVersion', { version: results.version ?? 1 })
                : t('dashboard.preview')}
            </p>
          )}
          <div aria-busy={dashboard.loading}>
            <Suspense fallback={<Loading />}>
              <DashboardCharts data={data} />
            </Suspense>
          </div>
        </>
      )}
    </>
  );
}

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Tooltip,
} from 'chart.js';
import { type ReactNode, useEffect, useMemo, useRef } from 'react';
import { DataTable, type DataTableProps } from '../components/DataTable.tsx';
import { TableWrap } from '../components/Page.tsx';
import { type Lang, type Translate, useI18n } from '../i18n/index.tsx';
import type { Dashboard } from '../results/dashboard-api.ts';

// the pieces the dashboard's bars, lines and radar need; this chunk is loaded by the dashboard (and the what-if) alone
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Filler,
  Legend,
  Tooltip,
);

// the palette of styles.css, best band first: green, teal, blue, amber, red; further bands in grays
const BAND_COLORS = ['#067647', '#0f766e', '#12508f', '#93370d', '#b42318', '#586574', '#8d99a6'];
const SERIES = ['#12508f', '#0f766e', '#93370d', '#067647', '#b42318', '#07264a', '#586574'];
const UP = '#067647';
const DOWN = '#b42318';
const COMMISSION = '#3e4b58';

const colorAt = (list: string[], i: number) => list[i % list.length] as string;
const short = (text: string, max = 24) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The chart as a PNG on white (a canvas is transparent where nothing is drawn), saved under `name`. */
function downloadPng(canvas: HTMLCanvasElement, name: string) {
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const g = out.getContext('2d');
  if (!g) return;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  g.drawImage(canvas, 0, 0);
  const link = document.createElement('a');
  link.href = out.toDataURL('image/png');
  link.download = `${name}.png`;
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * One chart of the dashboard: its heading, the canvas (an image whose name points to the table), a PNG download, and
 * beside it the data table with every figure (captioned with the title), the accessible form. No data: a sentence
 * instead of an empty canvas.
 */
function ChartPanel<Row>({
  id,
  title,
  fileName,
  config,
  empty,
  height = 280,
  note,
  table,
}: {
  id: string;
  title: string;
  fileName: string;
  config: ChartConfiguration | null;
  empty: string;
  height?: number;
  note?: ReactNode;
  table: Omit<DataTableProps<Row>, 'caption'>;
}) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current || !config) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <section className="dash-panel" aria-labelledby={`${id}-title`} data-chart={id}>
      <div className="dash-panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {config && (
          <button
            type="button"
            className="btn btn-secondary btn-small"
            onClick={() => canvas.current && downloadPng(canvas.current, fileName)}
          >
            {t('dashboard.downloadPng')}
            <span className="sr-only"> ({title})</span>
          </button>
        )}
      </div>
      {note}
      <div className="dash-panel-body">
        {config ? (
          <div className="dash-chart" style={{ height }}>
            <canvas ref={canvas} role="img" aria-label={t('dashboard.chartSummary', { title })} />
          </div>
        ) : (
          <p className="dash-empty">{empty}</p>
        )}
        {config && (
          <TableWrap label={`${t('dashboard.dataTable')}: ${title}`}>
            <div className="dash-table">
              <DataTable caption={title} {...table} />
            </div>
          </TableWrap>
        )}
      </div>
    </section>
  );
}

const base = {
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  plugins: { legend: { position: 'bottom' as const } },
};

type Evaluator = Dashboard['evaluators'][number];

/** The category codes the indicator averages cover, sorted. */
const categoriesOf = (data: Dashboard) =>
  [...new Set(data.indicators.flatMap((i) => i.byCategory.map((c) => c.categoryCode)))].sort();

/** Participation as steps of a funnel, from registered to published (null: not published yet). */
const stepsOf = (data: Dashboard) =>
  data.participation
    ? ([
        ['registered', data.participation.registered],
        ['submitted', data.participation.submitted],
        ['verified', data.participation.verified],
        ['presented', data.participation.presented],
        ['published', data.participation.published],
      ] as const)
    : [];

/** Every chart's chart.js configuration for one answer; null where there is nothing to draw. */
function chartConfigs(data: Dashboard, t: Translate, formatNumber: (n: number) => string, lang: Lang) {
  // tooltips format their numbers in the reader's language too (99,5 in Indonesian)
  const common = { ...base, locale: lang === 'id' ? 'id-ID' : 'en-GB' };
  const tick = (value: string | number) => formatNumber(Number(value));
  const categoryName = new Map(data.categories.map((c) => [c.code, c.name]));
  const topBand = data.bands[0] ?? '';

  // bands per category (stacked bars)
  const bandRows = data.bandDistribution?.categories ?? [];
  const bands: ChartConfiguration | null =
    bandRows.length === 0
      ? null
      : {
          type: 'bar',
          data: {
            labels: bandRows.map((c) => short(c.name)),
            datasets: data.bands.map((band, i) => ({
              label: band,
              data: bandRows.map((c) => c.counts[i] ?? 0),
              backgroundColor: colorAt(BAND_COLORS, i),
            })),
          },
          options: {
            ...common,
            scales: {
              x: { stacked: true },
              y: { stacked: true, beginAtZero: true, ticks: { precision: 0, callback: tick } },
            },
          },
        };

  // the trend over the years (lines on two axes: the average final, and the share of the first band in %)
  const trend: ChartConfiguration | null =
    data.trend.length === 0
      ? null
      : {
          type: 'line',
          data: {
            labels: data.trend.map((p) =>
              p.published ? String(p.year) : `${p.year} (${t('dashboard.trend.preview')})`,
            ),
            datasets: [
              {
                label: t('dashboard.trend.average'),
                data: data.trend.map((p) => p.averageFinal),
                borderColor: SERIES[0],
                backgroundColor: SERIES[0],
                pointRadius: 6,
                borderWidth: 3,
                yAxisID: 'y',
              },
              {
                label: t('dashboard.trend.share', { band: topBand }),
                data: data.trend.map((p) => (p.topBandShare === null ? null : p.topBandShare * 100)),
                borderColor: SERIES[1],
                backgroundColor: SERIES[1],
                borderDash: [6, 4],
                pointRadius: 6,
                pointStyle: 'rectRot',
                borderWidth: 3,
                yAxisID: 'y1',
              },
            ],
          },
          options: {
            ...common,
            scales: {
              // a single year stands in the middle, not on the axis
              x: { offset: true },
              y: {
                min: 0,
                max: 100,
                position: 'left',
                ticks: { callback: tick },
                title: { display: true, text: t('dashboard.trend.average') },
              },
              y1: {
                min: 0,
                max: 100,
                position: 'right',
                ticks: { callback: tick },
                grid: { drawOnChartArea: false },
                title: { display: true, text: '%' },
              },
            },
          },
        };

  // indicator averages per category against the commission (radar)
  const radar: ChartConfiguration | null =
    data.indicators.length === 0
      ? null
      : {
          type: 'radar',
          data: {
            labels: data.indicators.map((i) => short(i.title, 18)),
            datasets: [
              {
                label: t('dashboard.indicators.commission'),
                data: data.indicators.map((i) => i.commission),
                borderColor: COMMISSION,
                backgroundColor: 'rgba(62, 75, 88, 0.15)',
                borderDash: [6, 4],
                borderWidth: 3,
                pointRadius: 4,
                fill: true,
              },
              ...categoriesOf(data).map((code, n) => ({
                label: short(categoryName.get(code) ?? code),
                data: data.indicators.map((i) => i.byCategory.find((c) => c.categoryCode === code)?.average ?? null),
                borderColor: colorAt(SERIES, n),
                backgroundColor: colorAt(SERIES, n),
                borderWidth: 2,
                pointRadius: 3,
                fill: false,
              })),
            ],
          },
          options: { ...common, scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, callback: tick } } } },
        };

  // the biggest movers (horizontal bars, up then down)
  const moved = data.movers ? [...data.movers.up, ...data.movers.down] : [];
  const movers: ChartConfiguration | null =
    moved.length === 0
      ? null
      : {
          type: 'bar',
          data: {
            labels: moved.map((m) => short(m.bodyName, 28)),
            datasets: [
              {
                label: t('dashboard.movers.change'),
                data: moved.map((m) => m.change),
                backgroundColor: moved.map((m) => (m.change > 0 ? UP : DOWN)),
              },
            ],
          },
          options: {
            ...common,
            indexAxis: 'y',
            plugins: { legend: { display: false } },
            scales: { x: { ticks: { callback: tick } } },
          },
        };

  // participation (bars, a funnel from registered to published)
  const steps = stepsOf(data);
  const participation: ChartConfiguration | null =
    steps.length === 0
      ? null
      : {
          type: 'bar',
          data: {
            labels: steps.map(([key]) => t(`dashboard.participation.${key}`)),
            datasets: [
              {
                label: t('dashboard.participation.count'),
                data: steps.map(([, n]) => n),
                backgroundColor: steps.map((_, i) => colorAt(SERIES, i)),
              },
            ],
          },
          options: {
            ...common,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0, callback: tick } } },
          },
        };

  // evaluator progress (stacked horizontal bars)
  const series = [
    ['complete', UP, (e: Evaluator) => e.complete],
    ['inProgress', '#12508f', (e: Evaluator) => e.inProgress],
    ['notStarted', '#8d99a6', (e: Evaluator) => e.notStarted],
  ] as const;
  const evaluators: ChartConfiguration | null = !data.evaluators.some((e) => e.assigned > 0)
    ? null
    : {
        type: 'bar',
        data: {
          labels: data.evaluators.map((e) => short(e.name, 28)),
          datasets: series.map(([key, color, of]) => ({
            label: t(`dashboard.evaluators.${key}`),
            data: data.evaluators.map(of),
            backgroundColor: color,
          })),
        },
        options: {
          ...common,
          indexAxis: 'y',
          scales: {
            x: { stacked: true, beginAtZero: true, ticks: { precision: 0, callback: tick } },
            y: { stacked: true },
          },
        },
      };

  return { bands, trend, radar, movers, participation, evaluators };
}

/** Every chart of the dashboard for one answer of GET /commissions/:cid/dashboard. */
export function DashboardCharts({ data }: { data: Dashboard }) {
  const { t, lang, formatNumber, formatScore, formatPercent } = useI18n();
  const year = data.period?.year ?? '';
  const file = (name: string) => `${t('dashboard.title').toLowerCase().replace(/\s+/g, '-')}-${name}-${year}`;
  const d = data.decimals;
  const score = (n: number | null) => (n === null ? '—' : formatScore(n, d));
  const topBand = data.bands[0] ?? '';
  const categoryName = new Map(data.categories.map((c) => [c.code, c.name]));

  const bandRows = data.bandDistribution?.categories ?? [];
  const radarCategories = categoriesOf(data);
  const moved = data.movers ? [...data.movers.up, ...data.movers.down] : [];
  const steps = stepsOf(data);
  const configs = useMemo(() => chartConfigs(data, t, formatNumber, lang), [data, t, formatNumber, lang]);

  return (
    <div className="dash-grid">
      <ChartPanel
        id="dash-bands"
        title={t('dashboard.bands.title')}
        fileName={file('bands')}
        config={configs.bands}
        empty={data.bandDistribution ? t('dashboard.bands.empty') : t('dashboard.noResults')}
        table={{
          rows: bandRows,
          rowKey: (c) => c.code,
          columns: [
            { key: 'category', label: t('dashboard.category'), cell: (c) => c.name },
            ...data.bands.map((b, i) => ({
              key: `band-${b}`,
              label: b,
              numeric: true,
              cell: (c: (typeof bandRows)[number]) => formatNumber(c.counts[i] ?? 0),
            })),
            { key: 'total', label: t('dashboard.bands.total'), numeric: true, cell: (c) => formatNumber(c.total) },
          ],
        }}
      />
      <ChartPanel
        id="dash-trend"
        title={t('dashboard.trend.title', { band: topBand })}
        fileName={file('trend')}
        config={configs.trend}
        empty={t('dashboard.trend.empty')}
        table={{
          rows: data.trend,
          rowKey: (p) => p.periodId,
          columns: [
            { key: 'year', label: t('dashboard.trend.year'), cell: (p) => p.year },
            {
              key: 'status',
              label: t('dashboard.trend.status'),
              cell: (p) => (
                <>
                  {p.published
                    ? t('dashboard.trend.published', { version: formatNumber(p.version ?? 1) })
                    : t('dashboard.trend.preview')}
                  {p.example && <span className="badge dash-example">{t('dashboard.trend.example')}</span>}
                </>
              ),
            },
            { key: 'bodies', label: t('dashboard.trend.bodies'), numeric: true, cell: (p) => formatNumber(p.bodies) },
            { key: 'average', label: t('dashboard.trend.average'), numeric: true, cell: (p) => score(p.averageFinal) },
            {
              key: 'share',
              label: t('dashboard.trend.share', { band: topBand }),
              numeric: true,
              cell: (p) => formatPercent(p.topBandShare === null ? null : p.topBandShare * 100),
            },
          ],
        }}
      />
      <ChartPanel
        id="dash-indicators"
        title={t('dashboard.indicators.title')}
        fileName={file('indicators')}
        config={configs.radar}
        empty={t('dashboard.indicators.empty')}
        height={340}
        table={{
          rows: data.indicators,
          rowKey: (i) => i.code,
          columns: [
            { key: 'indicator', label: t('dashboard.indicators.indicator'), cell: (i) => `${i.code}. ${i.title}` },
            {
              key: 'commission',
              label: t('dashboard.indicators.commission'),
              numeric: true,
              cell: (i) => score(i.commission),
            },
            ...radarCategories.map((code) => ({
              key: `category-${code}`,
              label: categoryName.get(code) ?? code,
              numeric: true,
              cell: (i: Dashboard['indicators'][number]) =>
                score(i.byCategory.find((c) => c.categoryCode === code)?.average ?? null),
            })),
          ],
        }}
      />
      <ChartPanel
        id="dash-movers"
        title={
          data.movers
            ? t('dashboard.movers.title', { year: data.movers.against.year })
            : t('dashboard.movers.titleNone')
        }
        fileName={file('movers')}
        config={configs.movers}
        empty={data.movers ? t('dashboard.movers.noChange') : t('dashboard.movers.none')}
        note={
          data.movers && data.movers.notSubmitted > 0
            ? t('dashboard.movers.notSubmitted', { count: formatNumber(data.movers.notSubmitted) })
            : undefined
        }
        height={Math.max(220, moved.length * 26 + 60)}
        table={{
          rows: moved,
          rowKey: (m) => m.bodyId,
          columns: [
            { key: 'body', label: t('dashboard.movers.body'), cell: (m) => m.bodyName },
            {
              key: 'category',
              label: t('dashboard.category'),
              cell: (m) => categoryName.get(m.categoryCode) ?? m.categoryCode,
            },
            { key: 'before', label: data.movers?.against.year, numeric: true, cell: (m) => score(m.before) },
            { key: 'after', label: year, numeric: true, cell: (m) => score(m.after) },
            {
              key: 'change',
              label: t('dashboard.movers.change'),
              numeric: true,
              cellClass: (m) => (m.change > 0 ? 'dash-up' : 'dash-down'),
              cell: (m) => (
                <>
                  <span className="sr-only">
                    {m.change > 0 ? t('dashboard.movers.up') : t('dashboard.movers.down')}{' '}
                  </span>
                  {m.change > 0 ? '+' : ''}
                  {score(m.change)}
                </>
              ),
            },
          ],
        }}
      />
      <ChartPanel
        id="dash-participation"
        title={t('dashboard.participation.title')}
        fileName={file('participation')}
        config={configs.participation}
        empty={t('dashboard.noPeriods')}
        table={{
          rows: steps,
          rowKey: ([key]) => key,
          columns: [
            {
              key: 'step',
              label: t('dashboard.participation.step'),
              cell: ([key]) => t(`dashboard.participation.${key}`),
            },
            {
              key: 'count',
              label: t('dashboard.participation.count'),
              numeric: true,
              cell: ([, n]) => (n === null ? t('dashboard.participation.notYet') : formatNumber(n)),
            },
          ],
        }}
      />
      <ChartPanel
        id="dash-evaluators"
        title={t('dashboard.evaluators.title')}
        fileName={file('evaluators')}
        config={configs.evaluators}
        empty={t('dashboard.evaluators.empty')}
        height={Math.max(220, data.evaluators.length * 30 + 80)}
        table={{
          rows: data.evaluators,
          rowKey: (e) => e.evaluatorId,
          columns: [
            { key: 'evaluator', label: t('dashboard.evaluators.evaluator'), cell: (e) => e.name },
            ...(['assigned', 'complete', 'inProgress', 'notStarted'] as const).map((key) => ({
              key,
              label: t(`dashboard.evaluators.${key}`),
              numeric: true,
              cell: (e: Evaluator) => formatNumber(e[key]),
            })),
            {
              key: 'questions',
              label: t('dashboard.evaluators.questions'),
              numeric: true,
              cell: (e) =>
                t('dashboard.evaluators.questionsOf', {
                  verified: formatNumber(e.verifiedQuestions),
                  total: formatNumber(e.totalQuestions),
                }),
            },
          ],
        }}
      />
    </div>
  );
}

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';
import type { BandCount } from './band-counts.ts';

// only the pieces a bar chart needs: chart.js is tree-shaken, and this chunk is loaded by staff pages alone
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// the palette of styles.css (--teal-700, --amber-800): teal for what is, amber for what is proposed
const CURRENT = '#0f766e';
const PROPOSED = '#93370d';

/**
 * Bodies per band, now beside the proposal, drawn with chart.js. The canvas is an image whose label says the same
 * in words, and the table under it carries every figure for those who do not see the chart.
 */
export function BandChart({ counts, proposedName }: { counts: BandCount[]; proposedName: string }) {
  const { t, formatNumber } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const currentLabel = t('whatif.current');
  const proposedLabel = t('whatif.proposed');

  useEffect(() => {
    if (!canvas.current) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: counts.map((c) => c.band),
        datasets: [
          { label: currentLabel, data: counts.map((c) => c.current), backgroundColor: CURRENT },
          { label: proposedLabel, data: counts.map((c) => c.proposed), backgroundColor: PROPOSED },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [counts, currentLabel, proposedLabel]);

  const summary = t('whatif.chartSummary', {
    bands: counts
      .map((c) =>
        t('whatif.chartBand', { band: c.band, current: formatNumber(c.current), proposed: formatNumber(c.proposed) }),
      )
      .join('; '),
  });

  return (
    <figure className="band-chart">
      <figcaption>{t('whatif.chartTitle', { name: proposedName })}</figcaption>
      <div className="band-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <table className="table table-compact band-chart-table">
        <caption className="sr-only">{t('whatif.chartTitle', { name: proposedName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('whatif.band')}</th>
            <th scope="col" className="num">
              {currentLabel}
            </th>
            <th scope="col" className="num">
              {proposedLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.band}>
              <th scope="row">{c.band}</th>
              <td className="num">{formatNumber(c.current)}</td>
              <td className="num">{formatNumber(c.proposed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

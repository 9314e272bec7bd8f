import { TableWrap } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { Scorecard, ScorecardRecommendation } from './scorecard-api.ts';

/** A signed score: "+1,23", "−0,50", "0,00". */
export function useSigned() {
  const { formatScore } = useI18n();
  return (n: number, decimals: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatScore(Math.abs(n), decimals)}`;
}

/** The band badge: the top band green, the lowest red, the others amber. */
export function BandBadge({ band, index, of }: { band: string; index: number; of: number }) {
  const tone = index === 0 ? 'badge-ok' : index >= of - 1 ? 'badge-bad' : 'badge-warn';
  return <span className={`badge ${tone} sc-band`}>{band}</span>;
}

/** A score out of 100 drawn as a bar (decoration beside the figure, hidden from screen readers). */
function Bar({ value, tone }: { value: number; tone: 'self' | 'verified' }) {
  const width = Math.max(0, Math.min(100, value));
  return (
    <span className="sc-bar" aria-hidden="true">
      <span className={`sc-bar-fill sc-bar-${tone}`} style={{ width: `${width}%` }} />
    </span>
  );
}

/** Indicators, self against verified, each with its bar. */
export function IndicatorsTable({ card }: { card: Scorecard }) {
  const { t, formatScore, formatNumber } = useI18n();
  const d = card.decimals;
  return (
    <TableWrap label={t('scorecard.indicator')}>
      <table className="table table-compact sc-indicators">
        <thead>
          <tr>
            <th scope="col">{t('scorecard.indicator')}</th>
            <th scope="col" className="num">
              {t('scorecard.weight')}
            </th>
            <th scope="col">{t('scorecard.self')}</th>
            <th scope="col">{t('scorecard.verified')}</th>
          </tr>
        </thead>
        <tbody>
          {card.indicators.map((i) => (
            <tr key={i.code}>
              <th scope="row">
                {i.code}. {i.title}
              </th>
              <td className="num">{formatNumber(i.weight)}</td>
              <td>
                <span className="sc-cell">
                  <Bar value={i.self} tone="self" />
                  <span className="num">{formatScore(i.self, d)}</span>
                </span>
              </td>
              <td>
                {i.verified === null ? (
                  <span className="muted">{t('scorecard.notReleased')}</span>
                ) : (
                  <span className="sc-cell">
                    <Bar value={i.verified} tone="verified" />
                    <span className="num">{formatScore(i.verified, d)}</span>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('scorecard.saq')}</th>
            <td />
            <td className="num">{formatScore(card.saq.self, d)}</td>
            <td className="num">{card.saq.verified === null ? '—' : formatScore(card.saq.verified, d)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** The change against last year: the arrow, the figures, and last year's outcome. */
export function ChangeSection({ card }: { card: Scorecard }) {
  const { t, formatScore, formatNumber } = useI18n();
  const signed = useSigned();
  const previous = card.previous;
  const d = card.decimals;
  return (
    <section className="card sc-section" aria-labelledby="sc-change">
      <h2 id="sc-change">{t('scorecard.change')}</h2>
      {!previous ? (
        <p className="muted">{t('scorecard.noPrevious')}</p>
      ) : (
        <>
          <p>
            {t('scorecard.previousLine', {
              year: previous.year,
              final: formatScore(previous.final, d),
              band: previous.band,
              rank: formatNumber(previous.rank),
              of: formatNumber(previous.of),
            })}{' '}
            {previous.example && <span className="badge badge-muted">{t('scorecard.example')}</span>}
          </p>
          {card.change ? (
            <p
              className={`sc-change sc-change-${card.change.final > 0 ? 'up' : card.change.final < 0 ? 'down' : 'same'}`}
            >
              <span className="sc-arrow" aria-hidden="true">
                {card.change.final > 0 ? '▲' : card.change.final < 0 ? '▼' : '■'}
              </span>{' '}
              <strong className="num">{t('scorecard.points', { n: signed(card.change.final, d) })}</strong>{' '}
              {card.change.rank !== 0
                ? t(card.change.rank > 0 ? 'scorecard.rankUp' : 'scorecard.rankDown', {
                    n: formatNumber(Math.abs(card.change.rank)),
                  })
                : t('scorecard.rankSame')}
              {' · '}
              {t(`scorecard.band.${card.change.band}`)}
            </p>
          ) : (
            <p className="muted">{t('scorecard.changeLater')}</p>
          )}
        </>
      )}
    </section>
  );
}

const STATUS_TONE: Record<ScorecardRecommendation['status'], string> = {
  unanswered: 'badge-bad',
  partial: 'badge-warn',
  corrected: 'badge-muted',
};

/** The items that would raise the score most, and how far the next band is. */
export function RecommendationsSection({ card }: { card: Scorecard }) {
  const { t, formatScore, formatNumber } = useI18n();
  const signed = useSigned();
  const d = card.decimals;
  return (
    <section className="card sc-section" aria-labelledby="sc-recommendations">
      <h2 id="sc-recommendations">{t('scorecard.recommendations')}</h2>
      {card.nextBand ? (
        <p className="sc-next">
          {t('scorecard.nextBand', {
            n: formatScore(card.nextBand.pointsNeeded, d),
            band: card.nextBand.label,
          })}
        </p>
      ) : (
        card.result && <p className="sc-next">{t('scorecard.topBand')}</p>
      )}
      {card.recommendations.length === 0 ? (
        <p className="muted">{t('scorecard.noRecommendations')}</p>
      ) : (
        <>
          <p className="hint">
            {t(card.recommendationsBasis === 'verified' ? 'scorecard.basisVerified' : 'scorecard.basisSelf')}{' '}
            {t('scorecard.shownOf', {
              n: formatNumber(card.recommendations.length),
              total: formatNumber(card.recommendationsTotal),
            })}
          </p>
          <ol className="sc-recommendations">
            {card.recommendations.map((r) => (
              <li key={r.questionCode}>
                <span className="sc-gain num">{t('scorecard.points', { n: signed(r.gain, d) })}</span>
                <span className="sc-item">
                  <strong>{r.questionCode}</strong> {r.questionText}{' '}
                  <span className={`badge ${STATUS_TONE[r.status]}`}>{t(`scorecard.status.${r.status}`)}</span>
                  <span className="sc-saq hint">{t('scorecard.saqGain', { n: signed(r.saqGain, d) })}</span>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

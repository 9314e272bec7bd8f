import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ScorecardDownloads } from '../results/ScorecardDownloads.tsx';
import { BandBadge, ChangeSection, IndicatorsTable, RecommendationsSection } from '../results/ScorecardParts.tsx';
import { type Scorecard, scorecardApi } from '../results/scorecard-api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/** The headline: band, final, rank of N, and whether it is published (which decree) or a preview. */
function Headline({ card }: { card: Scorecard }) {
  const { t, formatScore, formatNumber, formatDate } = useI18n();
  const result = card.result;
  if (!result) {
    return (
      <section className="card sc-headline" aria-labelledby="sc-result">
        <h2 id="sc-result">{t('scorecard.result')}</h2>
        <p className="muted">{t('scorecard.notPublished')}</p>
      </section>
    );
  }
  return (
    <section className="card sc-headline" aria-labelledby="sc-result">
      <h2 id="sc-result">{t('scorecard.result')}</h2>
      <div className="sc-figures">
        <div className="sc-final">
          <span className="sc-final-label">{t('scorecard.final')}</span>
          <strong className="sc-final-value num">{formatScore(result.final, card.decimals)}</strong>
        </div>
        <div>
          <BandBadge band={result.band} index={result.bandIndex} of={result.bands.length} />
        </div>
        <div className="sc-rank">
          {t('scorecard.rankOf', { rank: formatNumber(result.rank), of: formatNumber(result.of) })}
          <span className="hint"> · {card.body.categoryName}</span>
        </div>
      </div>
      <p className="hint">
        {result.published
          ? t('scorecard.publishedAs', {
              version: result.version ?? 1,
              decree: result.decreeNumber ?? '',
              date: result.decreeDate ? formatDate(result.decreeDate) : '',
            })
          : t('scorecard.preview')}{' '}
        {result.example && <span className="badge badge-muted">{t('scorecard.example')}</span>}
      </p>
    </section>
  );
}

function ComponentsTable({ card }: { card: Scorecard }) {
  const { t, formatScore, formatNumber } = useI18n();
  if (!card.result) return null;
  return (
    <section className="card sc-section" aria-labelledby="sc-components">
      <h2 id="sc-components">{t('scorecard.components')}</h2>
      <TableWrap label={t('scorecard.component')}>
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">{t('scorecard.component')}</th>
              <th scope="col" className="num">
                {t('scorecard.weight')}
              </th>
              <th scope="col" className="num">
                {t('scorecard.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            {card.result.components.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.label}</th>
                <td className="num">{formatNumber(c.weight)}</td>
                <td className="num">{c.score === null ? '—' : formatScore(c.score, card.decimals)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('scorecard.final')}</th>
              <td />
              <td className="num">{formatScore(card.result.final, card.decimals)}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </section>
  );
}

/** A body's one-page scorecard (issue 23): for the body itself, its commission's staff and leadership. */
export function ScorecardPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatScore } = useI18n();
  const { user } = useSession();
  const data = useResource((signal) => scorecardApi.scorecard(sid, signal), [sid]);
  const card = data.data;
  if (!card) {
    return (
      <>
        <PageHeader title={data.error ? t('scorecard.notFound') : t('scorecard.title')} />
        <ErrorAlert error={data.error} />
        {data.loading && <Loading />}
        {data.error ? (
          <p>
            <Link to="/">{t('notFound.home')}</Link>
          </p>
        ) : null}
      </>
    );
  }
  const operator = !!user?.roles.some((r) => r.role === 'body_operator' && r.bodyId === card.body.id);
  return (
    <div className="sc-page">
      <p className="breadcrumb">
        {operator ? (
          <Link to="/">← {t('nav.home')}</Link>
        ) : (
          <Link to={`/submissions/${encodeURIComponent(sid)}`}>← {t('scorecard.toSubmission')}</Link>
        )}
      </p>
      <PageHeader
        title={t('scorecard.heading', { name: card.body.name })}
        lead={t('scorecard.lead', { title: card.period.title, year: card.period.year })}
      />
      <ScorecardDownloads sid={sid} certificate={card.certificate} />
      <dl className="facts facts-inline">
        <Fact label={t('body.category')}>{card.body.categoryName}</Fact>
        <Fact label={t('saq.selfScore')} valueClass="num">
          {formatScore(card.saq.self, card.decimals)}
        </Fact>
        {card.saq.verified !== null && (
          <Fact label={t('saq.verifiedScore')} valueClass="num">
            {formatScore(card.saq.verified, card.decimals)}
          </Fact>
        )}
      </dl>
      <Headline card={card} />
      <div className="sc-grid">
        <ComponentsTable card={card} />
        <ChangeSection card={card} />
      </div>
      <section className="card sc-section" aria-labelledby="sc-indicators">
        <h2 id="sc-indicators">{t('scorecard.indicators')}</h2>
        {!card.verifiedVisible && <p className="hint">{t('scorecard.verifiedLater')}</p>}
        <IndicatorsTable card={card} />
      </section>
      <RecommendationsSection card={card} />
    </div>
  );
}

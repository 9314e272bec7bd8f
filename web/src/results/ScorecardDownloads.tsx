import { useState } from 'react';
import { api, type RoleGrant } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { documentsApi } from './documents-api.ts';
import { DownloadLink } from './file-download.tsx';
import { type Scorecard, scorecardApi } from './scorecard-api.ts';

/**
 * A body's documents (issue 24): its scorecard as a PDF and, when its band earned one, its certificate and the public
 * page that checks it, in the interface's language. Links to the files (an ordinary download on a click that opens a
 * tab or window), fetched on a plain click as the staff's downloads are, so that a refusal shows as its problem here.
 */
export function ScorecardDownloads({ sid, certificate }: { sid: string; certificate: Scorecard['certificate'] }) {
  const { t, lang } = useI18n();
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="sc-downloads">
      <div className="button-row">
        <DownloadLink
          className="btn btn-primary"
          url={documentsApi.scorecardUrl(sid, lang)}
          fallbackName="rapor.pdf"
          onError={setError}
          type="application/pdf"
          download
          label={t('pdf.scorecard')}
        />
        {certificate && (
          <>
            <DownloadLink
              className="btn btn-secondary"
              url={documentsApi.certificateUrl(sid, lang)}
              fallbackName="piagam.pdf"
              onError={setError}
              type="application/pdf"
              download
              label={t('pdf.certificate')}
            />
            <Link to={`/verify/${encodeURIComponent(certificate.code)}`} className="btn btn-link">
              {t('pdf.verify')}
            </Link>
          </>
        )}
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}

/** One published period on the operator's home: the body's outcome in a line, and its downloads. */
function PublishedPeriod({ sid, title }: { sid: string; title: string }) {
  const { t, formatScore, formatNumber } = useI18n();
  const card = useResource((signal) => scorecardApi.scorecard(sid, signal), [sid]);
  const c = card.data;
  const headingId = `results-${sid}`;
  return (
    <section className="operator-results" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('home.results.title', { title })}</h3>
      <ErrorAlert error={card.error} />
      {c?.result && (
        <p>
          {t('home.results.summary', {
            final: formatScore(c.result.final, c.decimals),
            band: c.result.band,
            rank: formatNumber(c.result.rank),
            of: formatNumber(c.result.of),
          })}
        </p>
      )}
      {c && <ScorecardDownloads sid={sid} certificate={c.certificate} />}
      {c?.result && !c.certificate && <p className="hint">{t('home.results.noCertificate')}</p>}
    </section>
  );
}

/** The body's published periods (newest first), each with its scorecard and certificate downloads. */
export function OperatorResults({ grant }: { grant: RoleGrant & { bodyId: string } }) {
  const cid = grant.commissionId;
  const published = useResource(async () => {
    if (!cid) return [];
    const { periods } = await api.periods(cid);
    // an imported earlier year has no questionnaire and no submission: the body has no scorecard there
    const shown = periods
      .filter((p) => p.stage === 'published' && p.questionnaires.length > 0)
      .sort((a, b) => b.year - a.year);
    const found = await Promise.all(
      shown.map((p) =>
        api.mySubmission(p.id, grant.bodyId).then(
          ({ submission }) => ({ title: p.title, sid: submission.id }),
          () => undefined,
        ),
      ),
    );
    return found.filter((f) => f !== undefined);
  }, [cid, grant.bodyId]);
  return (
    <>
      {(published.data ?? []).map((p) => (
        <PublishedPeriod key={p.sid} sid={p.sid} title={p.title} />
      ))}
    </>
  );
}

import { api, type RoleGrant } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { type Scorecard, scorecardApi } from './scorecard-api.ts';

/**
 * A body's documents (issue 24): its scorecard as a PDF and, when its band earned one, its certificate and the public
 * page that checks it. Plain links: the server names the files (Content-Disposition) and the browser downloads them;
 * the documents come in the interface's language.
 */
export function ScorecardDownloads({ sid, certificate }: { sid: string; certificate: Scorecard['certificate'] }) {
  const { t, lang } = useI18n();
  const base = `/api/submissions/${encodeURIComponent(sid)}`;
  return (
    <div className="button-row sc-downloads">
      <a className="btn btn-primary" href={`${base}/scorecard.pdf?lang=${lang}`} type="application/pdf" download>
        {t('pdf.scorecard')}
      </a>
      {certificate && (
        <>
          <a
            className="btn btn-secondary"
            href={`${base}/certificate.pdf?lang=${lang}`}
            type="application/pdf"
            download
          >
            {t('pdf.certificate')}
          </a>
          <Link to={`/verify/${encodeURIComponent(certificate.code)}`} className="btn btn-link">
            {t('pdf.verify')}
          </Link>
        </>
      )}
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
    const shown = periods.filter((p) => p.stage === 'published').sort((a, b) => b.year - a.year);
    // an imported earlier year has no submission: the body has no scorecard there
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

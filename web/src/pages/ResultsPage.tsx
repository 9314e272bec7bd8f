import { useMemo, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { StageBadge } from '../components/Stage.tsx';
import { useFocusAfterRender, useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage, canReadDashboard } from '../permissions.ts';
import { CertificatesList } from '../results/admin-certificates.tsx';
import { CorrectionForm, CorrectionsList } from '../results/admin-corrections.tsx';
import { RESULT_STAGES } from '../results/admin-parts.tsx';
import { PublishForm } from '../results/admin-publish.tsx';
import { ResultsTable } from '../results/admin-table.tsx';
import { DiffView, VersionsList } from '../results/admin-versions.tsx';
import { type PublishResult, type ResultsView, resultsApi } from '../results/results-api.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/** A list the reader may not see (leadership and the corrections, say): shown as absent rather than as an error. */
const forbidden = (error: unknown) => error instanceof ApiError && (error.status === 403 || error.status === 404);

/** Where the results stand: the version shown and its decree, an older version's mark, or the preview's. */
function ResultsStatus({ results, onLatest }: { results: ResultsView; onLatest: () => void }) {
  const { t, formatDate, formatNumber } = useI18n();
  const old = results.published && results.version !== null && results.version !== results.latestVersion;
  return (
    <div className="results-status">
      {!results.published && (
        <p className="results-state">
          <span className="badge badge-warn">{t('results.status.preview')}</span> {t('results.status.previewLead')}
        </p>
      )}
      {results.published && (
        <p className="results-state">
          <span className={`badge ${old ? 'badge-muted' : 'badge-ok'}`}>
            {t('results.status.version', { version: results.version ?? '' })}
          </span>{' '}
          {t('results.status.published', {
            decree: results.decreeNumber ?? '—',
            date: results.decreeDate ? formatDate(results.decreeDate) : '—',
            at: results.publishedAt ? formatDate(results.publishedAt, true) : '—',
          })}
        </p>
      )}
      {old && (
        <div className="alert alert-warning results-old" role="note">
          <p className="alert-title">{t('results.status.oldTitle')}</p>
          <p>{t('results.status.old', { version: results.version ?? '', latest: results.latestVersion ?? '' })}</p>
          <div className="button-row">
            <button type="button" className="btn btn-secondary" onClick={onLatest}>
              {t('results.status.toLatest')}
            </button>
          </div>
        </div>
      )}
      {results.pendingCorrections > 0 && (
        <div className="alert alert-info results-pending">
          {t('results.status.pending', { count: formatNumber(results.pendingCorrections) })}
        </div>
      )}
    </div>
  );
}

/** A period's results for its admin (preview, publication, versions, diffs, corrections, certificates); leadership reads. */
export function ResultsPage({ params }: PageProps) {
  const { t, formatNumber } = useI18n();
  const { user } = useSession();
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const read = !!user && canReadDashboard(user, cid);
  const manage = !!user && canManage(user, cid);
  const [version, setVersion] = useState<number | null>(null);
  const [openDiff, setOpenDiff] = useState<number | null>(null);
  const [published, setPublished] = useState<PublishResult | null>(null);
  const [tick, setTick] = useState(0);
  const focusAfterRender = useFocusAfterRender();

  const period = useResource(() => (read ? api.period(pid) : Promise.resolve(undefined)), [pid, read, tick]);
  const stage = period.data?.period.stage;
  const ready = read && !!stage && (RESULT_STAGES as readonly string[]).includes(stage);
  const results = useResource(
    (signal) =>
      ready ? resultsApi.results(pid, version === null ? {} : { version }, signal) : Promise.resolve(undefined),
    [pid, ready, version, tick],
  );
  const versions = useResource(
    (signal) => (ready ? resultsApi.versions(pid, signal) : Promise.resolve(undefined)),
    [pid, ready, tick],
  );
  const corrections = useResource(
    (signal) => (ready ? resultsApi.corrections(pid, signal) : Promise.resolve(undefined)),
    [pid, ready, tick],
  );
  const certificates = useResource(
    (signal) => (ready ? resultsApi.certificates(pid, signal) : Promise.resolve(undefined)),
    [pid, ready, tick],
  );
  const submissions = useResource(
    () => (ready ? api.submissions(pid) : Promise.resolve(undefined)),
    [pid, ready, tick],
  );
  const submissionOf = useMemo(
    () => new Map((submissions.data?.submissions ?? []).map((s) => [s.bodyId, s.id])),
    [submissions.data],
  );

  const reload = () => setTick((n) => n + 1);
  const data = results.data;
  const viewingOld = !!data && data.published && data.version !== null && data.version !== data.latestVersion;
  const versionList = versions.data ?? [];

  const back = (
    <p className="breadcrumb">
      <Link to={`/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`}>
        ← {period.data?.period.title ?? t('results.backToPeriod')}
      </Link>
    </p>
  );

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('results.title')} />
        <div className="alert alert-info">{t('results.noAccess')}</div>
      </>
    );
  }

  const showVersion = (v: number | null) => {
    const latest = versionList.reduce((m, x) => Math.max(m, x.version), 0);
    setVersion(v === null || v === latest ? null : v);
    focusAfterRender('results-table-heading');
  };

  return (
    <>
      {back}
      <PageHeader
        title={period.data ? t('results.pageTitle', { title: period.data.period.title }) : t('results.title')}
        lead={
          period.data ? (
            <span className="period-lead">
              {t('results.lead', { year: period.data.period.year })} <StageBadge stage={period.data.period.stage} />
            </span>
          ) : undefined
        }
      />
      <ErrorAlert error={period.error} />
      {period.loading && !period.data && <Loading />}
      {period.data && !ready && <div className="alert alert-info">{t('results.notYet')}</div>}
      {ready && (
        <>
          <ErrorAlert error={results.error} />
          {results.loading && !data && <Loading />}
          {published && (
            <div className="alert alert-success results-published" role="status">
              <p className="alert-title">{t('results.publish.doneTitle', { version: published.version })}</p>
              {published.version > 1 && (
                <p>{t('results.publish.changed', { count: formatNumber(published.changed) })}</p>
              )}
            </div>
          )}
          {data && <ResultsStatus results={data} onLatest={() => showVersion(null)} />}
          {manage && data && !viewingOld && (
            <PublishForm
              pid={pid}
              latestVersion={data.latestVersion}
              pendingCorrections={data.pendingCorrections}
              onPublished={(result) => {
                setPublished(result);
                setVersion(null);
                setOpenDiff(result.version > 1 ? result.version : null);
                reload();
                focusAfterRender(result.version > 1 ? 'results-diff-heading' : 'results-versions-heading');
              }}
            />
          )}
          {data && (
            <ResultsTable
              results={data}
              versions={versionList}
              version={version}
              onVersion={showVersion}
              submissionOf={(bodyId) => submissionOf.get(bodyId)}
            />
          )}

          <ErrorAlert error={versions.error} />
          {versions.data && (
            <VersionsList
              versions={versionList}
              shown={version}
              openDiff={openDiff}
              onShow={showVersion}
              onOpenDiff={(v) => {
                setOpenDiff(v);
                if (v !== null) focusAfterRender('results-diff-heading');
              }}
            />
          )}
          {openDiff !== null && (
            <DiffView
              key={`${openDiff}:${tick}`}
              pid={pid}
              version={openDiff}
              decimals={data?.decimals ?? 2}
              components={data?.components}
            />
          )}

          {/* leadership reads the corrections; only the admin files them */}
          {(corrections.data || manage) && (
            <section className="section" aria-labelledby="results-corrections-heading">
              <h2 id="results-corrections-heading">{t('results.corrections.title')}</h2>
              {!forbidden(corrections.error) && <ErrorAlert error={corrections.error} />}
              {corrections.data && (
                <CorrectionsList corrections={corrections.data.corrections} components={data?.components} />
              )}
              {manage && data && !viewingOld && (
                <CorrectionForm pid={pid} results={data} submissions={submissionOf} onFiled={reload} />
              )}
              {manage && viewingOld && <p className="notice-inline">{t('results.correct.oldVersion')}</p>}
            </section>
          )}

          {(certificates.data || (certificates.error && !forbidden(certificates.error))) && (
            <section className="section" aria-labelledby="results-certificates-heading">
              <h2 id="results-certificates-heading">{t('results.certificates.title')}</h2>
              <ErrorAlert error={certificates.error} />
              {certificates.data && (
                <CertificatesList certificates={certificates.data.certificates} decimals={data?.decimals ?? 2} />
              )}
            </section>
          )}
        </>
      )}
    </>
  );
}

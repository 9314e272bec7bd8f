import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Period } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useResource } from '../hooks.ts';
import type { Lang } from '../i18n/format.ts';
import { LanguageOptions, langOfOption, useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useStatus } from '../status.tsx';
import { documentsApi } from './documents-api.ts';
import { isAbort, saveBlob } from './download.ts';
import { downloadZip, type ZipProgress } from './download-zip.ts';
import { DownloadLink, useFileDownload } from './file-download.tsx';
import { resultsApi } from './results-api.ts';

/** The ranking report's button: the PDF of a period (a category, a version) in a language; its failure under it. */
export function ReportDownload({
  pid,
  lang,
  category,
  version,
  fileName,
}: {
  pid: string;
  lang: Lang;
  category?: string | undefined;
  version?: number | undefined;
  /** The name to save under when the server gives none. */
  fileName: string;
}) {
  const { t } = useI18n();
  const download = useFileDownload();
  const url = documentsApi.reportUrl(pid, { lang, category, version });
  return (
    <div className="doc-action">
      <button
        type="button"
        className="btn btn-primary"
        aria-busy={download.busy}
        disabled={download.busy}
        onClick={() => void download.run(url, fileName)}
      >
        {download.busy ? t('documents.downloading') : t('documents.downloadReport')}
      </button>
      <ErrorAlert error={download.error} />
    </div>
  );
}

/** A certificate's PDF as a link to its address; a refusal goes to `onError` (the list shows it once). */
export function CertificatePdfLink({
  sid,
  bodyName,
  onError,
}: {
  sid: string;
  bodyName: string;
  onError: (error: unknown) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <DownloadLink
      url={documentsApi.certificateUrl(sid, lang)}
      fallbackName="piagam.pdf"
      onError={onError}
      className="doc-link"
      hiddenLabel={t('documents.certificatePdfOf', { body: bodyName })}
      label="PDF"
    />
  );
}

/**
 * The certificates' ZIP with its progress ("12 dari 56 piagam", counted from the entries as they arrive), a cancel
 * button while it runs, then the file saved. The last progress stays shown once it is done.
 */
function CertificatesZip({ pid, lang }: { pid: string; lang: Lang }) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const [progress, setProgress] = useState<ZipProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    const current = new AbortController();
    controller.current = current;
    setRunning(true);
    setError(null);
    setSaved(null);
    setProgress(null);
    try {
      const zip = await downloadZip(documentsApi.certificatesZipUrl(pid, lang), setProgress, {
        signal: current.signal,
      });
      saveBlob(zip.blob, zip.fileName);
      const message = t('documents.zipSaved', { count: formatNumber(zip.entries), name: zip.fileName });
      setSaved(message);
      announce(message);
    } catch (e) {
      if (isAbort(e)) {
        setProgress(null);
        announce(t('documents.cancelled'), 'info');
      } else {
        setError(e);
      }
    } finally {
      controller.current = null;
      setRunning(false);
    }
  };

  const text = progress
    ? progress.total === null
      ? t('documents.zipProgressOpen', { done: formatNumber(progress.entries) })
      : t('documents.zipProgress', { done: formatNumber(progress.entries), total: formatNumber(progress.total) })
    : '';
  return (
    <div className="doc-action">
      <div className="button-row">
        <button
          type="button"
          className="btn btn-primary"
          disabled={running}
          aria-busy={running}
          onClick={() => void start()}
        >
          {running ? t('documents.downloading') : t('documents.downloadZip')}
        </button>
        {running && (
          <button type="button" className="btn btn-secondary" onClick={() => controller.current?.abort()}>
            {t('documents.cancel')}
          </button>
        )}
      </div>
      {(running || progress) && (
        <div className="doc-progress">
          <progress
            id={`doc-zip-progress-${pid}`}
            aria-label={t('documents.zipProgressLabel')}
            aria-valuetext={text || undefined}
            // no announced count: an indeterminate bar (no value)
            max={Math.max(1, progress?.total ?? 1)}
            value={progress && progress.total !== null ? progress.entries : undefined}
          />
          <span className="doc-progress-text">{text}</span>
        </div>
      )}
      {saved && !running && <p className="hint doc-saved">{saved}</p>}
      <ErrorAlert error={error} />
    </div>
  );
}

/**
 * The period page's "Dokumen" section for the commission's admins and leadership, from the results stage on: the
 * ranking report (a language, every category or one, a published version or the preview before publication) and,
 * once published, every valid certificate as one ZIP; each body's certificate is on the results page's list.
 */
export function PeriodDocuments({ period }: { period: Period }) {
  const { t, lang: uiLang } = useI18n();
  const published = period.stage === 'published';
  const versions = useResource(
    (signal) => (published ? resultsApi.versions(period.id, signal) : Promise.resolve(undefined)),
    [period.id, published],
  );
  const certificates = useResource(
    (signal) => (published ? resultsApi.certificates(period.id, signal) : Promise.resolve(undefined)),
    [period.id, published],
  );
  const [lang, setLang] = useState<Lang>(uiLang);
  const [category, setCategory] = useState('');
  const [version, setVersion] = useState('');
  const sortedVersions = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  const valid = (certificates.data?.certificates ?? []).filter((c) => !c.revoked).length;
  const ids = `period-doc-${period.id}`;
  const noSubmit = (event: FormEvent) => event.preventDefault();

  return (
    <section className="card doc-section" aria-labelledby="period-documents-heading">
      <h2 id="period-documents-heading">{t('documents.title')}</h2>
      <p className="hint">{published ? t('documents.lead') : t('documents.previewLead')}</p>
      <form className="doc-fields" onSubmit={noSubmit}>
        <Field id={`${ids}-lang`} label={t('documents.lang')}>
          {(a11y) => (
            <select {...a11y} value={lang} onChange={(e) => setLang(langOfOption(e.target.value))}>
              <LanguageOptions />
            </select>
          )}
        </Field>
      </form>

      <div className="doc-block">
        <h3>{t('documents.report')}</h3>
        <p className="hint">{t('documents.reportLead')}</p>
        <form className="doc-fields" onSubmit={noSubmit}>
          <Field id={`${ids}-category`} label={t('documents.category')}>
            {(a11y) => (
              <select {...a11y} value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">{t('documents.allCategories')}</option>
                {period.questionnaires.map((q) => (
                  <option key={q.categoryCode} value={q.categoryCode}>
                    {q.categoryName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={`${ids}-version`} label={t('documents.version')} className="doc-field-wide">
            {(a11y) => (
              <select {...a11y} value={version} disabled={!published} onChange={(e) => setVersion(e.target.value)}>
                {!published && <option value="">{t('documents.previewOnly')}</option>}
                {sortedVersions.map((v, i) => (
                  <option key={v.version} value={i === 0 ? '' : String(v.version)}>
                    {t(i === 0 ? 'documents.versionLatest' : 'documents.versionOption', {
                      version: v.version,
                      decree: v.decreeNumber,
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </form>
        <ErrorAlert error={versions.error} />
        <ReportDownload
          pid={period.id}
          lang={lang}
          category={category || undefined}
          version={version ? Number(version) : undefined}
          fileName={`laporan-${period.year}.pdf`}
        />
      </div>

      {published && (
        <div className="doc-block">
          <h3>{t('documents.certificates')}</h3>
          <ErrorAlert error={certificates.error} />
          {certificates.data && valid === 0 && <p className="empty">{t('documents.noCertificates')}</p>}
          {certificates.data && valid > 0 && (
            <>
              <p className="hint">{t('documents.certificatesLead', { count: valid })}</p>
              <CertificatesZip pid={period.id} lang={lang} />
              <p className="hint">
                {t('documents.certificatesEach')}{' '}
                <Link
                  to={`/c/${encodeURIComponent(period.commissionId)}/periods/${encodeURIComponent(period.id)}/results`}
                >
                  {t('documents.certificatesList')}
                </Link>
              </p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

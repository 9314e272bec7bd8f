import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { TableWrap } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { CertificatePdfLink } from './documents.tsx';
import type { CertificateSummary } from './results-api.ts';

/**
 * The certificates issued by the publications: body, band, final, version, valid or revoked (and its successor), the
 * PDF of each one in force (in the interface's language) and its public verification page.
 */
export function CertificatesList({ certificates, decimals }: { certificates: CertificateSummary[]; decimals: number }) {
  const { t, formatScore, formatDate } = useI18n();
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (certificates.length === 0) return <p className="empty">{t('results.certificates.none')}</p>;
  const sorted = [...certificates].sort(
    (a, b) => a.bodyName.localeCompare(b.bodyName) || b.version - a.version || a.code.localeCompare(b.code),
  );
  return (
    <>
      <ErrorAlert error={downloadError} />
      <TableWrap label={t('results.certificates.title')}>
        <table className="table table-compact table-stack results-certificates">
          <caption className="sr-only">{t('results.certificates.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.body')}</th>
              <th scope="col">{t('results.band')}</th>
              <th scope="col" className="num">
                {t('results.final')}
              </th>
              <th scope="col" className="num">
                {t('results.versions.version')}
              </th>
              <th scope="col">{t('results.certificates.issued')}</th>
              <th scope="col">{t('results.certificates.state')}</th>
              <th scope="col">{t('results.certificates.code')}</th>
              <th scope="col">{t('documents.certificatePdf')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.code} className={c.revoked ? 'results-revoked' : undefined}>
                <th scope="row" className="cell-name">
                  {c.bodyName}
                </th>
                <td data-label={t('results.band')}>{c.band}</td>
                <td data-label={t('results.final')} className="num">
                  {formatScore(c.final, decimals)}
                </td>
                <td data-label={t('results.versions.version')} className="num">
                  {c.version}
                </td>
                <td data-label={t('results.certificates.issued')} className="nowrap">
                  {formatDate(c.issuedAt, true)}
                </td>
                <td data-label={t('results.certificates.state')}>
                  {c.revoked ? (
                    <>
                      <span className="badge badge-bad">{t('results.certificates.revoked')}</span>
                      {c.replacedBy && (
                        <>
                          {' '}
                          {t('results.certificates.replacedBy')}{' '}
                          <Link to={`/verify/${encodeURIComponent(c.replacedBy)}`}>
                            <code>{c.replacedBy}</code>
                          </Link>
                        </>
                      )}
                    </>
                  ) : (
                    <span className="badge badge-ok">{t('results.certificates.valid')}</span>
                  )}
                </td>
                <td data-label={t('results.certificates.code')}>
                  <Link
                    to={`/verify/${encodeURIComponent(c.code)}`}
                    aria-label={`${t('documents.verifyOf', { body: c.bodyName })}: ${c.code}`}
                  >
                    <code>{c.code}</code>
                  </Link>
                </td>
                <td data-label={t('documents.certificatePdf')}>
                  {/* a revoked certificate's PDF is its successor's (the route gives the one in force): none here */}
                  {!c.revoked && c.submissionId ? (
                    <CertificatePdfLink sid={c.submissionId} bodyName={c.bodyName} onError={setDownloadError} />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

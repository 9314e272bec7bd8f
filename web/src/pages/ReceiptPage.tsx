import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { saqApi } from '../saq/saq-api.ts';
import type { PageProps } from './page-props.ts';

/**
 * The receipt of a submitted SAQ: `/submissions/:sid/receipt` (issue 25, item 7). Body, period, time, counts and the
 * fingerprint of the submitted answers, in groups of four for reading; printable. The same was mailed to the PPID.
 */
export function ReceiptPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatDate, formatNumber } = useI18n();
  const receipt = useResource((signal) => saqApi.receipt(sid, signal), [sid]);
  const r = receipt.data;
  const notSubmitted = receipt.error instanceof ApiError && receipt.error.status === 409;

  return (
    <div className="receipt-page">
      <p className="breadcrumb">
        <Link to="/">← {t('nav.home')}</Link>
      </p>
      <PageHeader
        title={t('receipt.title')}
        lead={t('receipt.lead')}
        actions={
          r ? (
            <button type="button" className="btn btn-secondary" onClick={() => window.print()}>
              {t('receipt.print')}
            </button>
          ) : undefined
        }
      />
      {receipt.loading && <Loading />}
      {notSubmitted ? (
        <p className="notice-inline">{t('receipt.notSubmitted')}</p>
      ) : (
        <ErrorAlert error={receipt.error} />
      )}
      {r && (
        <section className="card receipt-card" aria-labelledby="receipt-fingerprint-title">
          <dl className="facts">
            <Fact label={t('receipt.body')}>{r.bodyName}</Fact>
            <Fact label={t('receipt.commission')}>{r.commissionName}</Fact>
            <Fact label={t('receipt.period')}>{r.periodTitle}</Fact>
            <Fact label={t('receipt.submittedAt')}>
              <span id="receipt-submitted-at">{formatDate(r.submittedAt, true)}</span>
            </Fact>
            <Fact label={t('receipt.answers')}>
              <span id="receipt-answers">
                {t('receipt.answersValue', { answered: formatNumber(r.answered), total: formatNumber(r.total) })}
              </span>
            </Fact>
            <Fact label={t('receipt.evidence')}>{formatNumber(r.evidence)}</Fact>
          </dl>
          <h2 id="receipt-fingerprint-title" className="receipt-fingerprint-title">
            {t('receipt.fingerprint')}
          </h2>
          <pre className="receipt-fingerprint" id="receipt-fingerprint" data-fingerprint={r.fingerprint}>
            {r.fingerprintLines.join('\n')}
          </pre>
          <p className="hint">{t('receipt.fingerprintHint')}</p>
        </section>
      )}
      {r && (
        <p className="receipt-back">
          <Link to={`/saq/${encodeURIComponent(r.periodId)}`}>{t('receipt.back')}</Link>
        </p>
      )}
    </div>
  );
}

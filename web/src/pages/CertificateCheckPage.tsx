import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { publicApi } from '../results/public-api.ts';
import { CertificateCheckForm } from '../results/public-parts.tsx';
import { Link } from '../router.tsx';
import type { PageProps } from './page-props.ts';

/** `/verify/:code` (the certificate's QR code): valid, revoked (with the replacing one), or unknown. No login. */
export function CertificateCheckPage({ params }: PageProps) {
  const code = params.code ?? '';
  const { t, formatDate, formatScore } = useI18n();
  const check = useResource((signal) => publicApi.certificate(code, signal), [code]);
  const c = check.data;
  const unknown = !c && check.error instanceof ApiError && check.error.status === 404;
  return (
    <>
      <PageHeader title={t('public.cert.title')} />
      {check.loading && !c && !check.error && <Loading />}
      {unknown && (
        <div className="alert alert-error public-cert public-cert-unknown">
          <p className="alert-title">{t('public.cert.unknown')}</p>
          <p>{t('public.cert.unknownText', { code })}</p>
        </div>
      )}
      {!c && !unknown && <ErrorAlert error={check.error} />}
      {c && (
        <div className={`alert ${c.valid ? 'alert-success' : 'alert-warning'} public-cert`}>
          <p className="alert-title">{c.valid ? t('public.cert.valid') : t('public.cert.revoked')}</p>
          <p>
            {c.valid
              ? t('public.cert.validText')
              : t('public.cert.revokedText', { date: c.revokedAt ? formatDate(c.revokedAt) : '—' })}
          </p>
          {c.replacedBy && (
            <p>
              <Link to={`/verify/${encodeURIComponent(c.replacedBy)}`}>{t('public.cert.replacedBy')}</Link>
            </p>
          )}
        </div>
      )}
      {c && (
        <dl className="facts public-facts">
          <Fact label={t('public.cert.code')} valueClass="public-cert-code">
            {code}
          </Fact>
          <Fact label={t('public.cert.body')}>{c.bodyName}</Fact>
          {c.category && <Fact label={t('public.cert.category')}>{c.category.name}</Fact>}
          <Fact label={t('public.cert.band')}>{c.band}</Fact>
          <Fact label={t('public.cert.final')}>{formatScore(c.final, c.decimals)}</Fact>
          <Fact label={t('public.cert.year')}>{c.year}</Fact>
          <Fact label={t('public.cert.commission')}>{c.commission}</Fact>
          <Fact label={t('public.cert.decree')}>
            {c.decreeNumber} ({t('public.version')} {c.version})
          </Fact>
          <Fact label={t('public.cert.decreeDate')}>{formatDate(c.decreeDate)}</Fact>
          <Fact label={t('public.cert.issuedAt')}>{formatDate(c.issuedAt)}</Fact>
        </dl>
      )}
      <section className="public-check-section" aria-labelledby="public-check-again">
        <h2 id="public-check-again">{t('public.cert.checkAnother')}</h2>
        <CertificateCheckForm key={code} />
      </section>
    </>
  );
}

import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { publicApi } from '../results/public-api.ts';
import { CertificateCheckForm } from '../results/public-parts.tsx';
import { Link } from '../router.tsx';
import type { PageProps } from './page-props.ts';

/** `/public`: every commission with published results and its years; the certificate check. No login. */
export function PublicHomePage(_props: PageProps) {
  const { t } = useI18n();
  const list = useResource((signal) => publicApi.commissions(signal), []);
  return (
    <>
      <PageHeader title={t('public.title')} lead={t('public.lead')} />
      <ErrorAlert error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.commissions.length === 0 && <p className="empty">{t('public.none')}</p>}
      {list.data && list.data.commissions.length > 0 && (
        <div className="card-grid public-commissions">
          {list.data.commissions.map((c) => (
            <section key={c.code} className="card" aria-labelledby={`public-${c.code}`}>
              <h2 className="card-title" id={`public-${c.code}`}>
                {c.name}
              </h2>
              {c.province && <p className="card-text">{c.province}</p>}
              <ul className="public-years" aria-label={t('public.yearsLabel', { commission: c.name })}>
                {c.years.map((year) => (
                  <li key={year}>
                    <Link to={`/public/${encodeURIComponent(c.code)}/${year}`} className="btn btn-small btn-secondary">
                      {t('public.yearLink', { year })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      <section className="public-check-section" aria-labelledby="public-check-title">
        <h2 id="public-check-title">{t('public.check.title')}</h2>
        <CertificateCheckForm />
      </section>
    </>
  );
}

import type { Period } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

/** The period's review pages, for its commission's admin: one card on the period's overview. */
export function ReviewLinks({ period }: { period: Period }) {
  const { t } = useI18n();
  const base = `/c/${encodeURIComponent(period.commissionId)}/periods/${encodeURIComponent(period.id)}`;
  return (
    <section className="card" aria-labelledby="period-review-heading">
      <h2 id="period-review-heading">{t('reviewLinks.title')}</h2>
      <ul className="link-list">
        <li>
          <Link to={`${base}/assignments`}>{t('assign.title')}</Link>
        </li>
        <li>
          <Link to={`${base}/objections`}>{t('objections.title')}</Link>
        </li>
        <li>
          <Link to={`${base}/panel`}>{t('panelAdmin.title')}</Link>
        </li>
      </ul>
    </section>
  );
}

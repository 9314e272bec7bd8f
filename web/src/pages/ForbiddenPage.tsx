import { PageHeader } from '../components/Page.tsx';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';

/** A page the signed-in user's roles may not open: said so (not "not found", which is for unknown addresses). */
export function ForbiddenPage({ reason }: { reason?: MessageKey | undefined }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('forbidden.title')} lead={t('forbidden.lead')} />
      {reason && <div className="alert alert-info">{t(reason)}</div>}
      <p>
        <Link to="/">{t('forbidden.home')}</Link>
      </p>
    </>
  );
}

import { PageHeader } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { PageProps } from './page-props.ts';

export function VerificationPage(_props: PageProps) {
  const { t } = useI18n();
  return <PageHeader title={t('verify.title')} />;
}

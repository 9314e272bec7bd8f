import { PageHeader } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import type { PageProps } from './page-props.ts';

// SKELETON (issue 23): the page lands here.
export function ResultsPage(_props: PageProps) {
  const { t } = useI18n();
  return <PageHeader title={t('results.title')} />;
}

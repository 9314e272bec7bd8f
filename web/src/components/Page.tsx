import type { ReactNode } from 'react';
import { useTitle } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';

/** The top of every page: its h1 (focused after navigation, see Shell), an optional lead and actions. */
export function PageHeader({ title, lead, actions }: { title: string; lead?: ReactNode; actions?: ReactNode }) {
  useTitle(title);
  return (
    <div className="page-header">
      <div>
        <h1 tabIndex={-1}>{title}</h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard and named for screen readers. */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** One label and value of a facts list (`<dl className="facts">`); `wide` takes a whole row. */
export function Fact({
  label,
  wide,
  valueClass,
  children,
}: {
  label: string;
  wide?: boolean;
  valueClass?: string;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'fact-wide' : undefined}>
      <dt>{label}</dt>
      <dd className={valueClass}>{children}</dd>
    </div>
  );
}

import { useI18n } from '../i18n/index.tsx';
import type { ResultsView } from './results-api.ts';

/** A band as a badge: the top band green, the lowest red, the one above it amber, the others plain. */
export function BandBadge({ band, bands }: { band: string; bands: ResultsView['bands'] }) {
  const order = [...bands].sort((a, b) => b.min - a.min).map((b) => b.label);
  const index = order.indexOf(band);
  const tone =
    index === 0
      ? 'badge-ok'
      : index === order.length - 1
        ? 'badge-bad'
        : index === order.length - 2
          ? 'badge-warn'
          : '';
  return <span className={`badge results-band ${tone}`}>{band}</span>;
}

/** A correction's or a diff reason's value for people: yes/no, "unanswered", a list of items, a score, a code. */
export function useFormatValue() {
  const { t, formatNumber } = useI18n();
  const format = (value: unknown): string => {
    if (value === null || value === undefined) return t('results.value.unanswered');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.length === 0 ? t('results.value.none') : value.map(String).join(', ');
    // a panel score kept as { score } or any other recorded shape: its score when there is one, else as sent
    if (typeof value === 'object' && 'score' in value && typeof (value as { score: unknown }).score === 'number') {
      return formatNumber((value as { score: number }).score);
    }
    // a verified value kept as { value, points }: the value as the body would read it
    if (typeof value === 'object' && 'value' in value) return format((value as { value: unknown }).value);
    return JSON.stringify(value);
  };
  return format;
}

/** What a correction or a reason changed: "question 1.2" or the component's label. */
export function useWhat(components: ResultsView['components'] | undefined) {
  const { t } = useI18n();
  return (r: { kind: 'verified_value' | 'panel_score'; questionCode: string | null; component: string | null }) => {
    if (r.kind === 'verified_value') return t('results.what.question', { code: r.questionCode ?? '—' });
    const label = components?.find((c) => c.key === r.component)?.label ?? r.component ?? '—';
    return t('results.what.component', { component: label });
  };
}

/** The stages from which results exist (preview, then published versions). */
export const RESULT_STAGES = ['results', 'published'] as const;

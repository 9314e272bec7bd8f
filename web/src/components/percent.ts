import { useI18n } from '../i18n/index.tsx';

/**
 * A percentage for people: one decimal at most, in the reader's number format; '—' when there is none. Its own
 * module, so that the operator's SAQ sheet can use it without downloading the staff's methodology editor.
 */
export function usePercent() {
  return useI18n().formatPercent;
}

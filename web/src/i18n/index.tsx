import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ROLES, type Role } from '../../../src/domain/access.ts';
import { en } from './en.ts';
import type { Lang } from './format.ts';
import * as format from './format.ts';
import { type Dictionary, id, type MessageKey } from './id.ts';

// the interface's languages are declared with the formats that follow them (format.ts)
export type { Lang, MessageKey };

const DICTIONARIES: Record<Lang, Dictionary> = { id, en };
const STORAGE_KEY = 'informatif.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * A role's name for people. The server's contract types roles in lists as plain strings (the column is text), so a
 * role this client does not know is shown as sent rather than as a missing message.
 */
export function roleLabel(t: Translate, role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`role.${role as Role}`) : role;
}

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** A date (and time) in the reader's language, in Asia/Jakarta as the commission works in it: 2 Januari 2027. */
  formatDate: (iso: string, withTime?: boolean) => string;
  /** A count or plain number: 1.234 (id), 1,234 (en). */
  formatNumber: (n: number) => string;
  /** A score at the methodology's decimals: 3,64 (id), 3.64 (en). */
  formatScore: (n: format.ScoreValue | undefined, decimals: number) => string;
  /** A share in percent, one decimal at most: 33,3 % (id). */
  formatPercent: (share: number | null) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function initialLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'id' || stored === 'en') return stored;
  } catch {
    // storage may be disabled; the default language then
  }
  return 'id';
}

function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not persisted; the choice still holds for this visit
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[lang];
    return {
      lang,
      setLang,
      t: (key, params) => interpolate(dictionary[key], params),
      formatDate: (iso, withTime = false) => format.formatDate(iso, lang, withTime),
      formatNumber: (n) => format.formatNumber(n, lang),
      formatScore: (n, decimals) => format.formatScore(n, decimals, lang),
      formatPercent: (share) => format.formatPercent(share, lang),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The languages as a select's options, each named in itself (and marked so, for screen readers). */
export function LanguageOptions() {
  return (
    <>
      <option value="id" lang="id">
        Bahasa Indonesia
      </option>
      <option value="en" lang="en">
        English
      </option>
    </>
  );
}

/** The language a select of `LanguageOptions` chose. */
export const langOfOption = (value: string): Lang => (value === 'en' ? 'en' : 'id');

/** The language switch of the header: a labelled select, so it is reachable and named for screen readers. */
export function LanguageSwitch({ id: controlId = 'language' }: { id?: string }) {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch">
      <label htmlFor={controlId}>{t('lang.label')}</label>
      <select id={controlId} value={lang} onChange={(e) => setLang(langOfOption(e.target.value))}>
        <LanguageOptions />
      </select>
    </div>
  );
}

/** How the SAQ pages say dates, sizes, answers and link checks, in the reader's language. */
import type { Question } from '../../../src/domain/questionnaire.ts';
import type { AnswerValue, LinkEvidence } from '../api.ts';
import type { Translate } from '../i18n/index.tsx';

const DAY = 86_400_000;

/** What is left until the deadline: "30 hari lagi", "5 jam lagi", or that it has passed. */
export function timeLeft(
  iso: string,
  t: Translate,
  now = Date.now(),
): { text: string; urgent: boolean; over: boolean } {
  const left = Date.parse(iso) - now;
  if (!Number.isFinite(left)) return { text: '', urgent: false, over: false };
  if (left <= 0) return { text: t('saq.deadlinePassed'), urgent: true, over: true };
  if (left < DAY) {
    const hours = Math.max(1, Math.floor(left / 3_600_000));
    return { text: t('saq.hoursLeft', { n: hours }), urgent: true, over: false };
  }
  const days = Math.floor(left / DAY);
  return { text: t('saq.daysLeft', { n: days }), urgent: days < 3, over: false };
}

export const isAnswered = (value: AnswerValue | undefined): boolean => value !== null && value !== undefined;

/** An answer in words: "Ya, ada", "B. Sebagian …", "a, c (2 dari 4 butir)", or "belum dijawab". */
export function answerText(question: Question | undefined, value: AnswerValue | undefined, t: Translate): string {
  if (!isAnswered(value)) return t('saq.unanswered');
  if (typeof value === 'boolean') return value ? t('preview.yes') : t('preview.no');
  if (typeof value === 'string') {
    const option = question?.options?.find((o) => o.code === value);
    return option ? `${option.code}. ${option.label}` : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return t('saq.noneChecked');
    const items = question?.items ?? [];
    const labels = value.map((code) => {
      const item = items.find((i) => i.code === code);
      return item ? `${item.code}. ${item.label}` : code;
    });
    return `${labels.join('; ')} ${t('saq.checkedOf', { n: value.length, total: items.length || value.length })}`;
  }
  return String(value);
}

export type Tone = 'ok' | 'warn' | 'bad' | 'muted';

/** A link's last background check, as a badge: its HTTP status, unreachable, or not checked yet. */
export function linkCheck(e: LinkEvidence, t: Translate): { tone: Tone; text: string } {
  if (e.linkStatus === null) {
    return e.linkCheckedAt
      ? { tone: 'bad', text: t('saq.link.unreachable') }
      : { tone: 'muted', text: t('saq.link.unchecked') };
  }
  const s = e.linkStatus;
  if (s >= 200 && s < 300) return { tone: 'ok', text: t('saq.link.status', { status: s }) };
  if (s >= 300 && s < 400) return { tone: 'warn', text: t('saq.link.redirect', { status: s }) };
  return { tone: 'bad', text: t('saq.link.broken', { status: s }) };
}

/** A URL as typed, made absolute: "www.x.go.id/dip" becomes "https://www.x.go.id/dip"; null when not a web address. */
export function normaliseUrl(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  if (/^(javascript|data|mailto|file|ftp|tel):/i.test(trimmed)) return null;
  const withScheme = trimmed.includes('://') ? trimmed : `https://${trimmed.replace(/^\/+/, '')}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (!url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    // the server keeps at most 500 characters
    return url.href.length > 500 ? null : url.href;
  } catch {
    return null;
  }
}

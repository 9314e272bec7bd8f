/**
 * The server's user-facing texts in both languages (issue 25, item 8). A problem's `detail` and each `errors[].message`
 * is written in English where it is thrown; the answer to a request in Indonesian carries the `id` text of the entry
 * whose `en` template matches. In a template, `{name}` stands for any text, which the `id` text repeats where it says
 * `{name}`. Add an entry beside every new message a user can meet.
 */
export interface MessageEntry {
  en: string;
  id: string;
}

export const MESSAGES: MessageEntry[] = [
  // entries: one per line or block, appended; keep them grouped by module with a comment line
  // auth: login, throttling, password reset (issue 25, item 3)
  { en: 'The e-mail or the password is wrong.', id: 'E-mail atau kata sandi salah.' },
  { en: 'Too many failed attempts. Try again later.', id: 'Terlalu banyak percobaan gagal. Coba lagi nanti.' },
  {
    en: 'This reset link is unknown, used or expired.',
    id: 'Tautan atur ulang ini tidak dikenal, sudah dipakai, atau kedaluwarsa.',
  },
  { en: 'At least 10 characters', id: 'Paling sedikit 10 karakter' },
  // outbox: the platform's own mails
  {
    en: 'Only a platform admin reads the platform’s mails.',
    id: 'Hanya admin platform yang dapat membaca surel platform.',
  },
];

/**
 * Field labels, by the name of an input's field (a zod path's last non-numeric segment, or a CSV column), so that a
 * message names the field as the form labels it, not by its path.
 */
export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // name: { id: 'Nama', en: 'Name' },
  // auth (issue 25, item 3)
  email: { id: 'E-mail', en: 'E-mail' },
  password: { id: 'Kata sandi', en: 'Password' },
};

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
  // overview: the admin's overview, the submissions list and the SAQ reminders (issue 25, item 5)
  {
    en: 'Reminders are sent only while the SAQ is open.',
    id: 'Pengingat hanya dapat dikirim selama tahap SAQ berlangsung.',
  },
];

/**
 * Field labels, by the name of an input's field (a zod path's last non-numeric segment, or a CSV column), so that a
 * message names the field as the form labels it, not by its path.
 */
export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // name: { id: 'Nama', en: 'Name' },
  // overview (issue 25, item 5): the submissions list's new query fields and the reminders' body (q, status, limit
  // and offset are older fields of other lists)
  sort: { id: 'Urutkan', en: 'Sort by' },
  order: { id: 'Arah urutan', en: 'Order' },
  bodyIds: { id: 'Badan publik terpilih', en: 'Chosen bodies' },
};

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
  // registry: categories, the body import and the operators' invitation in one step (issue 25, items 1 and 9)
  { en: 'No such category.', id: 'Kategori tidak ditemukan.' },
  {
    en: 'Category {code} still has {count} bodies; move them to another category first.',
    id: 'Kategori {code} masih memiliki {count} badan publik; pindahkan dulu ke kategori lain.',
  },
  { en: 'Unknown preset {key}', id: 'Preset {key} tidak dikenal' },
  { en: 'No body {id} in this commission', id: 'Badan publik {id} tidak ada di komisi ini' },
  { en: 'Column “{name}” appears twice', id: 'Kolom “{name}” muncul dua kali' },
];

/**
 * Field labels, by the name of an input's field (a zod path's last non-numeric segment, or a CSV column), so that a
 * message names the field as the form labels it, not by its path.
 */
export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // name: { id: 'Nama', en: 'Name' },
  key: { id: 'Preset', en: 'Preset' },
  bodyIds: { id: 'Badan publik', en: 'Public bodies' },
};

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
  // periods: stage moves and questionnaires (issue 25, items 4 and 9)
  {
    en: 'Category {code} has bodies but no questionnaire.',
    id: 'Kategori {code} memiliki badan publik tetapi belum memiliki kuesioner.',
  },
  {
    en: 'A reason is required: the move comes before its scheduled date, {date}.',
    id: 'Alasan wajib diisi: perpindahan ini lebih awal dari tanggal jadwalnya, {date}.',
  },
  {
    en: 'A reason is required: the move ends {count} running extension(s).',
    id: 'Alasan wajib diisi: perpindahan ini mengakhiri {count} perpanjangan yang sedang berjalan.',
  },
  { en: 'Type {word} to confirm the move.', id: 'Ketik {word} untuk mengonfirmasi perpindahan.' },
  {
    en: 'The move needs more before it can go ahead; nothing was changed.',
    id: 'Perpindahan belum dapat dilakukan; tidak ada yang diubah.',
  },
  { en: 'Give either fromPeriodId or presetKey', id: 'Pilih salah satu: periode sumber atau kuesioner bawaan' },
  { en: 'No questionnaire preset {key}.', id: 'Tidak ada kuesioner bawaan {key}.' },
  {
    en: 'The questionnaire was changed by someone else since you opened it.',
    id: 'Kuesioner telah diubah orang lain sejak Anda membukanya.',
  },
  { en: 'No question {code} in this questionnaire.', id: 'Tidak ada pertanyaan {code} dalam kuesioner ini.' },
  {
    en: 'The question breaks one or more rules; nothing was saved.',
    id: 'Pertanyaan melanggar satu atau beberapa aturan; tidak ada yang disimpan.',
  },
];

/**
 * Field labels, by the name of an input's field (a zod path's last non-numeric segment, or a CSV column), so that a
 * message names the field as the form labels it, not by its path.
 */
export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // name: { id: 'Nama', en: 'Name' },
  // periods: stage moves and questionnaires
  confirm: { id: 'Konfirmasi', en: 'Confirmation' },
  presetKey: { id: 'Kuesioner bawaan', en: 'Preset questionnaire' },
  fromPeriodId: { id: 'Periode sumber', en: 'Source period' },
  existing: { id: 'Kategori yang sudah memiliki kuesioner', en: 'Categories that already have a questionnaire' },
  guidance: { id: 'Petunjuk', en: 'Guidance' },
};

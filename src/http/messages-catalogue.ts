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
  // submissions: carried answers, submit, carry forward, receipt (issue 25, items 6 and 7)
  {
    en: '{count} answer(s) copied from last year are not confirmed yet.',
    id: '{count} jawaban yang disalin dari tahun lalu belum dikonfirmasi.',
  },
  {
    en: 'There is no earlier year to carry forward: the body answered no earlier self-assessment.',
    id: 'Tidak ada tahun sebelumnya untuk disalin: badan publik ini belum pernah menjawab penilaian mandiri sebelumnya.',
  },
  {
    en: 'Nothing to carry forward from {year}: every question answered then is answered already, or is no longer asked.',
    id: 'Tidak ada yang dapat disalin dari {year}: setiap pertanyaan yang dijawab saat itu sudah terjawab, atau tidak lagi ditanyakan.',
  },
  {
    en: 'The self-assessment has not been submitted: there is no receipt yet.',
    id: 'Penilaian mandiri belum dikirim: belum ada tanda terima.',
  },
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
  // people and invitations (registry/users.service.ts, auth.service.ts acceptInvitation)
  {
    en: 'Conflict of interest: {email} would be both a PPID operator and an evaluator in this commission. Confirm with a reason to go on.',
    id: 'Konflik kepentingan: {email} akan menjadi operator PPID sekaligus evaluator di komisi ini. Konfirmasikan dengan alasan untuk melanjutkan.',
  },
  {
    en: 'Conflict of interest: this account would be both a PPID operator and an evaluator in this commission. Ask the commission to confirm the invitation with a reason.',
    id: 'Konflik kepentingan: akun ini akan menjadi operator PPID sekaligus evaluator di komisi ini. Mintalah komisi mengonfirmasi undangan dengan alasan.',
  },
  {
    en: '{email} is deactivated: reactivate the account before inviting it.',
    id: '{email} dinonaktifkan: aktifkan kembali akunnya sebelum mengundang.',
  },
  {
    en: '{email} already has a pending invitation to this role.',
    id: '{email} sudah memiliki undangan yang menunggu untuk peran ini.',
  },
  { en: 'No such invitation.', id: 'Undangan tidak ditemukan.' },
  {
    en: 'This invitation was already accepted or cancelled.',
    id: 'Undangan ini sudah diterima atau dibatalkan.',
  },
  { en: 'No such role.', id: 'Peran tidak ditemukan.' },
  { en: 'No such person.', id: 'Orang tidak ditemukan.' },
  {
    en: 'You cannot revoke your own admin role: another admin of the commission must do it.',
    id: 'Anda tidak dapat mencabut peran admin Anda sendiri: admin lain di komisi harus melakukannya.',
  },
  { en: 'You cannot deactivate your own account.', id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.' },
  {
    en: 'This account also has roles outside this commission: only the platform admin may deactivate it. Revoke this commission’s roles instead.',
    id: 'Akun ini juga memegang peran di luar komisi ini: hanya admin platform yang dapat menonaktifkannya. Cabut saja peran di komisi ini.',
  },
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
  key: { id: 'Preset', en: 'Preset' },
  bodyIds: { id: 'Badan publik', en: 'Public bodies' },
  questionCodes: { id: 'Kode pertanyaan', en: 'Question codes' },
  confirmCarried: { id: 'Konfirmasi jawaban salinan', en: 'Confirm carried answers' },
  // auth (issue 25, item 3)
  email: { id: 'E-mail', en: 'E-mail' },
  password: { id: 'Kata sandi', en: 'Password' },
  conflictReason: { id: 'Alasan konflik kepentingan', en: 'Reason for the conflict of interest' },
  // overview (issue 25, item 5): the submissions list's new query fields and the reminders' body (q, status, limit
  // and offset are older fields of other lists)
  sort: { id: 'Urutkan', en: 'Sort by' },
  order: { id: 'Arah urutan', en: 'Order' },
};

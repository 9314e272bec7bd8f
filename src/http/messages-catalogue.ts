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
  // http (app.ts, errors.ts, router.ts, session, authentication, authorization, text guard)
  { en: 'The input breaks one or more rules.', id: 'Isian melanggar satu atau beberapa aturan.' },
  { en: 'Sign in first.', id: 'Silakan masuk terlebih dahulu.' },
  { en: 'Your role may not do this.', id: 'Peran Anda tidak diizinkan melakukan ini.' },
  { en: 'No such resource.', id: 'Data tidak ditemukan.' },
  { en: 'No such {what}.', id: 'Data tidak ditemukan ({what}).' },
  { en: 'No route {method} {path}.', id: 'Tidak ada rute {method} {path}.' },
  {
    en: 'Writes must come from {origin}: open the application at that address.',
    id: 'Perubahan harus dikirim dari {origin}: buka aplikasi di alamat tersebut.',
  },
  { en: 'The input holds text that cannot be stored.', id: 'Isian memuat teks yang tidak dapat disimpan.' },
  { en: 'The key: {message}', id: 'Nama kolom: {message}' },
  {
    en: 'Text may not contain the NUL character (U+0000).',
    id: 'Teks tidak boleh memuat karakter NUL (U+0000).',
  },
  {
    en: 'Text may not contain a lone UTF-16 surrogate (it is not valid Unicode).',
    id: 'Teks tidak boleh memuat surrogate UTF-16 tunggal (bukan Unicode yang sah).',
  },
  {
    en: 'Text may not contain the NUL character (%00) or an encoded lone surrogate.',
    id: 'Teks tidak boleh memuat karakter NUL (%00) atau surrogate tunggal yang dienkode.',
  },
  { en: 'The request body is not valid JSON.', id: 'Isi permintaan bukan JSON yang sah.' },
  { en: 'Send the body as application/json.', id: 'Kirim isi permintaan sebagai application/json.' },
  { en: 'The request body is over {size} MB.', id: 'Isi permintaan melebihi {size} MB.' },
  { en: 'Body exceeds the limit.', id: 'Isi permintaan melebihi batas.' },
  { en: 'Bad request', id: 'Permintaan tidak valid' },
  { en: 'Malformed JSON in request body', id: 'Isi permintaan bukan JSON yang sah' },
  {
    en: 'The database does not answer; try again shortly.',
    id: 'Basis data tidak menjawab; coba lagi sebentar lagi.',
  },
  {
    en: 'Something went wrong on our side; it has been logged.',
    id: 'Terjadi kesalahan di pihak kami; kesalahan ini telah dicatat.',
  },
  {
    en: 'The API reference is served from the built web client (npm run build).',
    id: 'Rujukan API disajikan dari klien web yang sudah dibangun (npm run build).',
  },
  { en: 'The web client is not built (npm run build).', id: 'Klien web belum dibangun (npm run build).' },
  { en: 'Expected a version number', id: 'Diharapkan nomor versi' },
  { en: 'Required', id: 'Wajib diisi' },
  { en: 'If-Match must carry a version number.', id: 'If-Match harus memuat nomor versi.' },
  // lib: uploads and CSV as http/errors.ts answers them
  {
    en: 'Send the file as multipart/form-data in the field “file”.',
    id: 'Kirim berkas sebagai multipart/form-data pada kolom “file”.',
  },
  { en: 'The multipart body cannot be read.', id: 'Isi multipart tidak dapat dibaca.' },
  { en: 'A file may be at most {size} MB.', id: 'Ukuran berkas paling besar {size} MB.' },
  { en: 'No file in the field “file”.', id: 'Tidak ada berkas pada kolom “file”.' },
  { en: 'The CSV cannot be read: {message}', id: 'CSV tidak dapat dibaca: {message}' },
  {
    en: 'The quoted field of the record on line {line} is never closed',
    id: 'Kolom bertanda kutip pada baris {line} tidak pernah ditutup',
  },
  { en: 'malformed CSV', id: 'CSV rusak' },
  { en: 'Invalid Opening Quote: {rest}', id: 'Tanda kutip pembuka tidak valid: {rest}' },
  { en: 'Invalid Closing Quote: {rest}', id: 'Tanda kutip penutup tidak valid: {rest}' },
  { en: 'Quote Not Closed: {rest}', id: 'Tanda kutip tidak ditutup: {rest}' },
  { en: 'Invalid Record Length: {rest}', id: 'Panjang baris tidak valid: {rest}' },
  // zod schemas' own messages
  { en: 'Use YYYY-MM-DD, a date that exists', id: 'Gunakan format TTTT-BB-HH dengan tanggal yang ada' },
  { en: 'Use at most two decimals', id: 'Gunakan paling banyak dua angka desimal' },
  { en: 'Use letters, digits, - and _', id: 'Gunakan huruf, angka, - dan _ saja (tanpa spasi).' },
  // domain: methodology, questionnaire, schedule and stages
  { en: 'At least one component is needed', id: 'Perlu paling sedikit satu komponen.' },
  {
    en: 'Exactly one component must have source questionnaire (found {count})',
    id: 'Tepat satu komponen harus bersumber dari kuesioner (saat ini {count}).',
  },
  { en: 'Duplicate component key {key}', id: 'Kunci {key} dipakai lebih dari sekali.' },
  { en: 'Weight must be greater than 0', id: 'Bobot harus lebih dari 0.' },
  { en: 'At least one band is needed', id: 'Perlu paling sedikit satu kualifikasi.' },
  { en: 'Duplicate band {band}', id: 'Kualifikasi {band} muncul lebih dari sekali.' },
  { en: 'Band minimum must be within 0-100', id: 'Batas bawah harus antara 0 dan 100.' },
  {
    en: 'Bands must be strictly descending by min',
    id: 'Batas bawah harus lebih kecil dari kualifikasi di atasnya (urutan menurun).',
  },
  { en: 'The last band must start at 0', id: 'Kualifikasi terakhir harus dimulai dari 0.' },
  { en: 'No component {key}', id: 'Tidak ada komponen dengan kunci {key}.' },
  { en: 'Gate minimum must be within 0-100', id: 'Ambang harus antara 0 dan 100.' },
  {
    en: 'Decimals must be a whole number from 0 to 4',
    id: 'Jumlah desimal harus bilangan bulat 0 sampai 4.',
  },
  { en: 'At least one indicator is needed', id: 'Perlu paling sedikit satu indikator.' },
  { en: 'Duplicate indicator code {code}', id: 'Kode {code} dipakai lebih dari sekali.' },
  { en: 'An indicator needs at least one question', id: 'Indikator perlu paling sedikit satu pertanyaan.' },
  { en: 'Duplicate question code {code}', id: 'Kode {code} dipakai lebih dari sekali.' },
  {
    en: 'A choice question needs at least two options',
    id: 'Pertanyaan pilihan perlu paling sedikit dua opsi.',
  },
  { en: 'Options belong only to choice questions', id: 'Opsi hanya untuk pertanyaan pilihan.' },
  { en: 'A checklist needs at least one item', id: 'Daftar periksa perlu paling sedikit satu butir.' },
  { en: 'Items belong only to checklist questions', id: 'Butir hanya untuk pertanyaan daftar periksa.' },
  { en: 'Duplicate option {code}', id: 'Kode {code} dipakai lebih dari sekali.' },
  { en: 'An option score must be within 0 and 1', id: 'Skor opsi harus antara 0 dan 1.' },
  { en: 'Duplicate item {code}', id: 'Kode {code} dipakai lebih dari sekali.' },
  { en: 'Points must be greater than 0', id: 'Poin harus lebih dari 0.' },
  { en: 'The start is after the end', id: 'Tanggal mulai setelah tanggal selesai.' },
  { en: 'Starts before {stage} ends', id: 'Dimulai sebelum tahap {stage} selesai.' },
  { en: 'A published period has no further stage.', id: 'Periode yang sudah diumumkan tidak punya tahap berikutnya.' },
  {
    en: 'The period is already at {stage}; stages only move forward.',
    id: 'Periode sudah berada di tahap {stage}; tahap hanya bergerak maju.',
  },
  {
    en: 'From {stage} the next stage is {stage2}, not {stage3}.',
    id: 'Dari tahap {stage}, tahap berikutnya adalah {stage2}, bukan {stage3}.',
  },
  // auth
  { en: 'Too many failed attempts. Try again later.', id: 'Terlalu banyak percobaan gagal. Coba lagi nanti.' },
  { en: 'The e-mail or the password is wrong.', id: 'E-mail atau kata sandi salah.' },
  {
    en: 'This invitation is unknown, used or expired.',
    id: 'Undangan ini tidak dikenal, sudah dipakai, atau kedaluwarsa.',
  },
  {
    en: 'This account already has a password: give it to accept.',
    id: 'Akun ini sudah memiliki kata sandi: masukkan kata sandi itu untuk menerima.',
  },
  // registry: commissions, categories, bodies, users, the CSV import of bodies
  { en: 'Only a platform admin creates commissions.', id: 'Hanya admin platform yang dapat membuat komisi.' },
  { en: 'A commission with code {code} exists.', id: 'Komisi dengan kode {code} sudah ada.' },
  { en: 'Category {code} exists.', id: 'Kategori {code} sudah ada.' },
  { en: 'No such body.', id: 'Badan publik tidak ditemukan.' },
  { en: 'No such commission.', id: 'Komisi tidak ditemukan.' },
  { en: 'A body named “{name}” is already registered.', id: 'Badan publik bernama “{name}” sudah terdaftar.' },
  { en: 'A body with this name is already registered', id: 'Badan publik dengan nama ini sudah terdaftar' },
  { en: 'Unknown category {code}', id: 'Kategori {code} tidak dikenal' },
  {
    en: 'The body was changed by someone else since you opened it.',
    id: 'Badan publik ini telah diubah orang lain sejak Anda membukanya.',
  },
  {
    en: 'The category was changed by someone else since you opened it.',
    id: 'Kategori ini telah diubah orang lain sejak Anda membukanya.',
  },
  {
    en: 'A PPID operator needs a body of this commission',
    id: 'Operator PPID memerlukan badan publik dari komisi ini',
  },
  { en: 'Only a PPID operator is tied to a body', id: 'Hanya operator PPID yang terhubung ke badan publik' },
  { en: '{email} already has this role.', id: '{email} sudah memiliki peran ini.' },
  { en: 'Send the file as text/csv.', id: 'Kirim berkas sebagai text/csv.' },
  { en: 'The file is empty.', id: 'Berkas kosong.' },
  { en: 'No header line', id: 'Tidak ada baris judul kolom' },
  {
    en: '{count} line(s) hold text that cannot be stored; nothing was imported.',
    id: '{count} baris memuat teks yang tidak dapat disimpan; tidak ada yang diimpor.',
  },
  {
    en: 'Unknown column “{column}”; expected {columns}',
    id: 'Kolom “{column}” tidak dikenal; yang diharapkan {columns}',
  },
  { en: 'Missing column “{column}”', id: 'Kolom “{column}” tidak ada' },
  { en: 'The header line is wrong.', id: 'Baris judul kolom salah.' },
  { en: '{count} fields; the header has {columns}', id: '{count} kolom; baris judul memiliki {columns}' },
  { en: '{field}: required', id: '{field}: wajib diisi' },
  { en: 'categoryCode: unknown category {code}', id: 'Kategori: kategori {code} tidak dikenal' },
  { en: 'name: the same body as line {line}', id: 'Nama: badan publik yang sama dengan baris {line}' },
  {
    en: '{count} line(s) have problems; nothing was imported.',
    id: '{count} baris bermasalah; tidak ada yang diimpor.',
  },
  // periods: periods, stages, methodology, questionnaires
  { en: 'No such period.', id: 'Periode tidak ditemukan.' },
  { en: 'No questionnaire preset {key}.', id: 'Tidak ada preset kuesioner {key}.' },
  { en: 'The commission already has a period for {year}.', id: 'Komisi sudah memiliki periode untuk tahun {year}.' },
  { en: 'A period for this year exists', id: 'Periode untuk tahun ini sudah ada.' },
  {
    en: 'The period was changed by someone else since you opened it.',
    id: 'Periode ini telah diubah orang lain sejak Anda membukanya.',
  },
  {
    en: 'The methodology can change only while the period is in draft.',
    id: 'Metodologi hanya dapat diubah selama periode masih berupa draf.',
  },
  {
    en: 'Set at least one category’s questionnaire before opening the SAQ.',
    id: 'Tetapkan kuesioner sedikitnya satu kategori sebelum membuka SAQ.',
  },
  { en: 'No category {code} in this commission.', id: 'Tidak ada kategori {code} di komisi ini.' },
  { en: 'No category {code} in this commission', id: 'Tidak ada kategori {code} di komisi ini' },
  { en: 'No questionnaire for {code} in this period.', id: 'Tidak ada kuesioner untuk {code} pada periode ini.' },
  {
    en: 'The questionnaire breaks one or more rules; nothing was saved.',
    id: 'Kuesioner melanggar satu atau beberapa aturan; tidak ada yang disimpan.',
  },
  { en: 'Questionnaires are frozen once the SAQ stage opens.', id: 'Kuesioner dibekukan setelah tahap SAQ dibuka.' },
  { en: 'No such source period.', id: 'Periode sumber tidak ditemukan.' },
  {
    en: 'The source period has no questionnaire for {code}.',
    id: 'Periode sumber tidak memiliki kuesioner untuk {code}.',
  },
  // submissions: the SAQ, autosave, evidence files, lifecycle
  { en: 'No such submission.', id: 'Pengisian SAQ tidak ditemukan.' },
  { en: 'No such file.', id: 'Berkas tidak ditemukan.' },
  { en: 'No question {code} in this questionnaire', id: 'Tidak ada pertanyaan {code} di kuesioner ini' },
  { en: 'Not an answer to a {type} question', id: 'Bukan jawaban untuk pertanyaan {type}' },
  { en: 'The same question twice', id: 'Pertanyaan yang sama dua kali' },
  { en: 'No such file in this submission', id: 'Tidak ada berkas tersebut di pengisian ini' },
  { en: 'Send If-Match with the version you last saw.', id: 'Kirim If-Match dengan versi terakhir yang Anda lihat.' },
  { en: 'The self-assessment was submitted; it is locked.', id: 'Penilaian mandiri sudah dikirim; isinya terkunci.' },
  { en: 'The self-assessment is closed for this body.', id: 'Penilaian mandiri sudah ditutup untuk badan publik ini.' },
  {
    en: 'Someone else changed these questions since you loaded them.',
    id: 'Orang lain telah mengubah pertanyaan ini sejak Anda memuatnya.',
  },
  { en: 'The submission is changing too fast; try again.', id: 'Pengisian berubah terlalu cepat; coba lagi.' },
  { en: 'The file’s bytes are missing from the store.', id: 'Isi berkas tidak ada di penyimpanan.' },
  { en: 'File uploads are not configured on this server.', id: 'Unggah berkas belum dikonfigurasi di server ini.' },
  { en: 'The self-assessment is not open for changes.', id: 'Penilaian mandiri tidak terbuka untuk perubahan.' },
  {
    en: 'Only PDF, images (PNG, JPEG, GIF, WebP) and office documents are accepted.',
    id: 'Hanya PDF, gambar (PNG, JPEG, GIF, WebP) dan dokumen perkantoran yang diterima.',
  },
  { en: 'The self-assessment was already submitted.', id: 'Penilaian mandiri sudah dikirim.' },
  {
    en: '{count} question(s) still need an answer or evidence.',
    id: '{count} pertanyaan masih memerlukan jawaban atau bukti.',
  },
  {
    en: 'The period has left verification: no reopening or extension any more.',
    id: 'Periode sudah melewati verifikasi: tidak ada lagi pembukaan kembali atau perpanjangan.',
  },
  { en: 'The self-assessment is already open.', id: 'Penilaian mandiri sudah terbuka.' },
  { en: 'The new deadline must be in the future', id: 'Batas waktu baru harus di masa mendatang' },
  {
    en: 'The self-assessment was submitted; reopen it first.',
    id: 'Penilaian mandiri sudah dikirim; buka kembali dahulu.',
  },
  {
    en: 'The body has no earlier self-assessment to carry forward.',
    id: 'Badan publik tidak memiliki penilaian mandiri sebelumnya untuk disalin.',
  },
  {
    en: 'You run several bodies: choose one with bodyId',
    id: 'Anda mengelola beberapa badan publik: pilih satu dengan bodyId',
  },
  {
    en: 'Only a PPID operator of a body has a submission.',
    id: 'Hanya operator PPID suatu badan publik yang memiliki pengisian.',
  },
  {
    en: 'The self-assessment is not open; there is no submission.',
    id: 'Penilaian mandiri belum dibuka; belum ada pengisian.',
  },
  {
    en: 'Your category has no questionnaire in this period.',
    id: 'Kategori Anda tidak memiliki kuesioner pada periode ini.',
  },
  // review: assignments, verification, clarifications, objections
  { en: 'No such assignment.', id: 'Penugasan tidak ditemukan.' },
  { en: 'No such exclusion.', id: 'Pengecualian tidak ditemukan.' },
  { en: 'No such objection.', id: 'Sanggahan tidak ditemukan.' },
  { en: 'No such clarification.', id: 'Klarifikasi tidak ditemukan.' },
  { en: 'No such mail.', id: 'E-mail tidak ditemukan.' },
  {
    en: 'Submissions are assigned from the SAQ stage to the objection stage, not at {stage}.',
    id: 'Pengisian ditugaskan dari tahap SAQ sampai tahap sanggahan, bukan pada tahap {stage}.',
  },
  { en: 'Not an evaluator of this commission', id: 'Bukan evaluator komisi ini' },
  {
    en: '{evaluator} is excluded from {body} (conflict of interest): {reason}',
    id: '{evaluator} dikecualikan dari {body} (konflik kepentingan): {reason}',
  },
  { en: 'Excluded from {body}: {reason}', id: 'Dikecualikan dari {body}: {reason}' },
  { en: 'No such submission in this period', id: 'Tidak ada pengisian tersebut di periode ini' },
  { en: '{body} has not submitted its self-assessment.', id: '{body} belum mengirim penilaian mandirinya.' },
  {
    en: 'This submission is already assigned; reassign it instead.',
    id: 'Pengisian ini sudah ditugaskan; alihkan penugasannya saja.',
  },
  { en: 'The commission has no evaluator to assign to', id: 'Komisi tidak memiliki evaluator untuk ditugaskan' },
  { en: 'No such body in this commission', id: 'Tidak ada badan publik tersebut di komisi ini' },
  {
    en: "{evaluator} holds {body}'s submission in {period}; reassign it first.",
    id: '{evaluator} memegang pengisian {body} di {period}; alihkan penugasannya dahulu.',
  },
  { en: '{evaluator} is already excluded from {body}.', id: '{evaluator} sudah dikecualikan dari {body}.' },
  { en: 'The same question twice in one request', id: 'Pertanyaan yang sama dua kali dalam satu permintaan' },
  { en: 'No such question in the SAQ', id: 'Tidak ada pertanyaan tersebut di SAQ' },
  { en: 'Not a valid value for a {type} question', id: 'Bukan nilai yang sah untuk pertanyaan {type}' },
  {
    en: 'A reason of at least {count} characters is required when the verified value differs from the answer',
    id: 'Alasan sedikitnya {count} karakter wajib diisi bila nilai terverifikasi berbeda dari jawaban',
  },
  { en: '{count} question(s) are not verified yet.', id: '{count} pertanyaan belum diverifikasi.' },
  {
    en: 'Verification is open only in the verification stage; later changes go through objections and corrections.',
    id: 'Verifikasi hanya dibuka pada tahap verifikasi; perubahan sesudahnya melalui sanggahan dan koreksi.',
  },
  { en: 'A draft self-assessment is not verified.', id: 'Penilaian mandiri yang masih draf tidak diverifikasi.' },
  {
    en: 'Only the assigned evaluator or the commission’s admins act on clarifications.',
    id: 'Hanya evaluator yang ditugaskan atau admin komisi yang menangani klarifikasi.',
  },
  {
    en: 'Clarifications are asked during verification and the objection stage.',
    id: 'Klarifikasi diajukan selama tahap verifikasi dan tahap sanggahan.',
  },
  { en: 'The due date must be in the future', id: 'Tenggat harus di masa mendatang' },
  { en: 'No such file uploaded to this submission', id: 'Tidak ada berkas tersebut yang diunggah ke pengisian ini' },
  { en: 'Only the body adds evidence to its answers', id: 'Hanya badan publik yang menambahkan bukti pada jawabannya' },
  { en: 'This clarification is closed.', id: 'Klarifikasi ini sudah ditutup.' },
  {
    en: 'The review is over: clarifications are answered until the objection stage ends.',
    id: 'Penilaian sudah selesai: klarifikasi dijawab sampai tahap sanggahan berakhir.',
  },
  { en: 'The due date of this clarification has passed.', id: 'Tenggat klarifikasi ini sudah lewat.' },
  {
    en: 'An item keeps at most {max} evidence items (it has {count})',
    id: 'Satu butir menyimpan paling banyak {max} bukti (saat ini {count})',
  },
  { en: 'Objections are decided during the objection stage.', id: 'Sanggahan diputuskan selama tahap sanggahan.' },
  { en: 'This objection is already decided.', id: 'Sanggahan ini sudah diputuskan.' },
  {
    en: 'An accepted objection sets the new verified value',
    id: 'Sanggahan yang diterima menetapkan nilai terverifikasi yang baru',
  },
  { en: 'Objections are filed during the objection stage.', id: 'Sanggahan diajukan selama tahap sanggahan.' },
  {
    en: 'This item already has an objection waiting for a decision.',
    id: 'Butir ini sudah memiliki sanggahan yang menunggu keputusan.',
  },
  { en: '{count} objection(s) still wait for a decision.', id: '{count} sanggahan masih menunggu keputusan.' },
  // panel
  { en: 'Every juror must be an evaluator of the commission.', id: 'Setiap juri harus evaluator komisi ini.' },
  {
    en: 'The panel is fixed once the period reaches the results stage.',
    id: 'Panel tidak dapat diubah setelah periode mencapai tahap penetapan hasil.',
  },
  {
    en: 'These jurors have already scored bodies and stay on the panel: {names}.',
    id: 'Juri berikut sudah memberi nilai dan tetap di panel: {names}.',
  },
  { en: 'Only the period’s jurors score the presentation.', id: 'Hanya juri periode ini yang menilai presentasi.' },
  {
    en: 'Panel scores are given at the presentation stage only.',
    id: 'Nilai panel hanya diberikan pada tahap presentasi.',
  },
  {
    en: 'This body does not proceed to the presentation: its verified SAQ is below the gate (or it never submitted), so it gets no panel score.',
    id: 'Badan publik ini tidak lanjut ke presentasi: nilai SAQ terverifikasinya di bawah ambang (atau tidak pernah mengirim), sehingga tidak mendapat nilai panel.',
  },
  { en: 'The methodology has no panel component', id: 'Metodologi tidak memiliki komponen panel' },
  { en: 'Name the component: one of {keys}', id: 'Sebutkan komponennya: salah satu dari {keys}' },
  { en: 'Not a panel component: use one of {keys}', id: 'Bukan komponen panel: gunakan salah satu dari {keys}' },
  {
    en: 'Only the panel, the commission’s admins and leadership read panel scores.',
    id: 'Hanya panel, admin komisi, dan pimpinan yang dapat membaca nilai panel.',
  },
  {
    en: 'Only the panel, the commission’s admins and leadership.',
    id: 'Hanya panel, admin komisi, dan pimpinan.',
  },
  {
    en: 'Only the commission’s admins and leadership review the panel.',
    id: 'Hanya admin komisi dan pimpinan yang meninjau panel.',
  },
  // results: publication, corrections, public pages, history import
  {
    en: 'Results can be previewed from the results stage on.',
    id: 'Hasil dapat dipratinjau mulai tahap penetapan hasil.',
  },
  { en: 'No published version {version}.', id: 'Tidak ada versi terbit {version}.' },
  { en: 'Results are published from the results stage on.', id: 'Hasil diumumkan mulai tahap penetapan hasil.' },
  {
    en: 'Version 1 is the first publication: it has no diff.',
    id: 'Versi 1 adalah penerbitan pertama: tidak ada perbedaan.',
  },
  { en: 'Nothing is published for {commission} {year}.', id: 'Belum ada yang diumumkan untuk {commission} {year}.' },
  { en: 'Nothing is published for this body.', id: 'Belum ada hasil yang diumumkan untuk badan publik ini.' },
  { en: 'No certificate has this code.', id: 'Tidak ada piagam dengan kode ini.' },
  { en: 'Corrections are made from the results stage on.', id: 'Koreksi dilakukan mulai tahap penetapan hasil.' },
  {
    en: 'This self-assessment was never submitted: there is nothing to correct.',
    id: 'Penilaian mandiri ini tidak pernah dikirim: tidak ada yang perlu dikoreksi.',
  },
  {
    en: 'This category has no questionnaire in the period.',
    id: 'Kategori ini tidak memiliki kuesioner pada periode ini.',
  },
  { en: 'Not a panel component of the methodology', id: 'Bukan komponen panel dalam metodologi' },
  {
    en: 'This body did not pass the gate: it has no panel score to correct.',
    id: 'Badan publik ini tidak lolos ambang: tidak ada nilai panel untuk dikoreksi.',
  },
  {
    en: 'Give {count} band minimums, highest first (e.g. 90,80,60,40); got {got}',
    id: 'Berikan {count} batas bawah kualifikasi, dari yang tertinggi (mis. 90,80,60,40); diterima {got}',
  },
  {
    en: '“{value}” is not a number from 0 to 100 (at most 2 decimals)',
    id: '“{value}” bukan angka dari 0 sampai 100 (paling banyak 2 desimal)',
  },
  { en: 'Band minimums must be strictly descending', id: 'Batas bawah kualifikasi harus berurutan menurun' },
  {
    en: 'The lowest minimum must be above 0 (the last band starts at 0)',
    id: 'Batas bawah terendah harus di atas 0 (kualifikasi terakhir dimulai dari 0)',
  },
  { en: 'The band minimums are wrong.', id: 'Batas bawah kualifikasi salah.' },
  {
    en: 'No header line (year,bodyName,categoryCode,final)',
    id: 'Tidak ada baris judul kolom (year,bodyName,categoryCode,final)',
  },
  { en: 'Column “{column}” appears twice', id: 'Kolom “{column}” muncul dua kali' },
  { en: '{count} line(s); nothing was imported.', id: '{count} baris; tidak ada yang diimpor.' },
  {
    en: '{count} header problem(s); nothing was imported.',
    id: '{count} masalah pada baris judul; tidak ada yang diimpor.',
  },
  { en: 'year: “{value}” is not a year from 2000 to 2100', id: 'Tahun: “{value}” bukan tahun dari 2000 sampai 2100' },
  {
    en: 'year: the commission already has a period for {year}',
    id: 'Tahun: komisi sudah memiliki periode untuk tahun {year}',
  },
  { en: 'bodyName: must be 2 to {max} characters', id: 'Nama badan publik: harus 2 sampai {max} karakter' },
  {
    en: 'final: “{value}” is not a number from 0 to 100 with at most 2 decimals (a point as separator)',
    id: 'Nilai akhir: “{value}” bukan angka dari 0 sampai 100 dengan paling banyak 2 desimal (titik sebagai pemisah)',
  },
  {
    en: 'bodyName: the same body as line {line} in {year}',
    id: 'Nama badan publik: badan publik yang sama dengan baris {line} pada tahun {year}',
  },
  { en: 'decreeNumber: at most {max} characters', id: 'Nomor SK: paling banyak {max} karakter' },
  { en: 'decreeDate: “{value}” is not a date (YYYY-MM-DD)', id: 'Tanggal SK: “{value}” bukan tanggal (TTTT-BB-HH)' },
  {
    en: 'decreeNumber/decreeDate: differ from line {line}; one decree per year',
    id: 'Nomor/tanggal SK: berbeda dengan baris {line}; satu SK per tahun',
  },
  { en: 'The file has no line after the header', id: 'Berkas tidak memiliki baris setelah baris judul' },
  // dashboard, outbox, system
  { en: 'The database does not answer.', id: 'Basis data tidak menjawab.' },
  // pdf (issue 24)
  {
    en: 'This deployment does not render PDFs (docs/deploy.md).',
    id: 'Instalasi ini tidak membuat PDF (docs/deploy.md).',
  },
  { en: 'No category {code} in this period', id: 'Tidak ada kategori {code} pada periode ini' },
  {
    en: 'The results of {year} are not published yet: certificates are issued at publication.',
    id: 'Hasil {year} belum diumumkan: piagam diterbitkan saat pengumuman.',
  },
  {
    en: 'This body is not ranked in the published results of {year}.',
    id: 'Badan publik ini tidak diperingkat dalam hasil {year} yang diumumkan.',
  },
  {
    en: 'The band {band} earns no certificate (results of {year}, version {version}).',
    id: 'Kualifikasi {band} tidak mendapat piagam (hasil {year}, versi {version}).',
  },
  {
    en: 'The period’s results are not published: certificates are issued when they are, so there is nothing to download yet.',
    id: 'Hasil periode belum diumumkan: piagam diterbitkan saat hasil diumumkan, jadi belum ada yang dapat diunduh.',
  },
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

/** Words a message names by their code (`{stage}`, `{type}` in a template): stages (as the interface names them) and question types. */
export const TERMS: Record<string, { id: string; en: string }> = {
  draft: { id: 'Draf', en: 'draft' },
  saq: { id: 'Penilaian mandiri (SAQ)', en: 'SAQ' },
  verification: { id: 'Verifikasi', en: 'verification' },
  objection: { id: 'Klarifikasi dan sanggahan', en: 'objection' },
  presentation: { id: 'Presentasi / uji publik', en: 'presentation' },
  results: { id: 'Penetapan hasil', en: 'results' },
  published: { id: 'Diumumkan', en: 'published' },
  boolean: { id: 'ya/tidak', en: 'yes/no' },
  choice: { id: 'pilihan', en: 'choice' },
  checklist: { id: 'daftar periksa', en: 'checklist' },
};

/**
 * Field labels, by the name of an input's field (a zod path's last non-numeric segment, or a CSV column), so that a
 * message names the field as the form labels it, not by its path.
 */
export const FIELD_LABELS: Record<string, { id: string; en: string }> = {
  // name: { id: 'Nama', en: 'Name' },
  bodyIds: { id: 'Badan publik', en: 'Public bodies' },
  questionCodes: { id: 'Kode pertanyaan', en: 'Question codes' },
  confirmCarried: { id: 'Konfirmasi jawaban salinan', en: 'Confirm carried answers' },
  // auth (issue 25, item 3)
  conflictReason: { id: 'Alasan konflik kepentingan', en: 'Reason for the conflict of interest' },
  // overview (issue 25, item 5): the submissions list's new query fields and the reminders' body (q, status, limit
  // and offset are older fields of other lists)
  sort: { id: 'Urutkan', en: 'Sort by' },
  order: { id: 'Arah urutan', en: 'Order' },
  // registry
  name: { id: 'Nama', en: 'Name' },
  code: { id: 'Kode', en: 'Code' },
  categoryCode: { id: 'Kategori', en: 'Category' },
  category: { id: 'Kategori', en: 'Category' },
  province: { id: 'Provinsi', en: 'Province' },
  website: { id: 'Situs web', en: 'Website' },
  ppidEmail: { id: 'E-mail PPID', en: 'PPID e-mail' },
  email: { id: 'E-mail', en: 'E-mail' },
  password: { id: 'Kata sandi', en: 'Password' },
  role: { id: 'Peran', en: 'Role' },
  bodyId: { id: 'Badan publik', en: 'Public body' },
  bodyName: { id: 'Nama badan publik', en: 'Body name' },
  commissionId: { id: 'Komisi', en: 'Commission' },
  q: { id: 'Pencarian', en: 'Search' },
  limit: { id: 'Batas', en: 'Limit' },
  offset: { id: 'Mulai dari', en: 'Offset' },
  // periods: methodology, schedule, questionnaires
  year: { id: 'Tahun', en: 'Year' },
  title: { id: 'Judul', en: 'Title' },
  methodology: { id: 'Metodologi', en: 'Methodology' },
  components: { id: 'Komponen', en: 'Component' },
  key: { id: 'Kunci', en: 'Key' },
  label: { id: 'Nama', en: 'Label' },
  weight: { id: 'Bobot', en: 'Weight' },
  source: { id: 'Sumber nilai', en: 'Source' },
  gate: { id: 'Ambang', en: 'Gate' },
  component: { id: 'Komponen', en: 'Component' },
  min: { id: 'Batas bawah', en: 'Minimum' },
  below: { id: 'Jika di bawah ambang', en: 'Below the gate' },
  bands: { id: 'Kualifikasi', en: 'Band' },
  certificate: { id: 'Piagam', en: 'Certificate' },
  decimals: { id: 'Jumlah desimal', en: 'Decimals' },
  schedule: { id: 'Jadwal', en: 'Schedule' },
  start: { id: 'Mulai', en: 'Start' },
  end: { id: 'Selesai', en: 'End' },
  stage: { id: 'Tahap', en: 'Stage' },
  to: { id: 'Tahap tujuan', en: 'Target stage' },
  settings: { id: 'Pengaturan', en: 'Settings' },
  indicators: { id: 'Indikator', en: 'Indicator' },
  questions: { id: 'Pertanyaan', en: 'Question' },
  options: { id: 'Opsi', en: 'Option' },
  items: { id: 'Butir', en: 'Item' },
  text: { id: 'Teks', en: 'Text' },
  guidance: { id: 'Panduan', en: 'Guidance' },
  type: { id: 'Jenis', en: 'Type' },
  score: { id: 'Skor', en: 'Score' },
  points: { id: 'Poin', en: 'Points' },
  evidence: { id: 'Bukti', en: 'Evidence' },
  evidenceRule: { id: 'Aturan bukti', en: 'Evidence rule' },
  description: { id: 'Deskripsi', en: 'Description' },
  // submissions and review
  answers: { id: 'Jawaban', en: 'Answer' },
  questionCode: { id: 'Pertanyaan', en: 'Question' },
  value: { id: 'Nilai', en: 'Value' },
  fileId: { id: 'Berkas', en: 'File' },
  url: { id: 'Tautan', en: 'Link' },
  note: { id: 'Catatan', en: 'Note' },
  until: { id: 'Batas waktu baru', en: 'New deadline' },
  reason: { id: 'Alasan', en: 'Reason' },
  evaluatorId: { id: 'Evaluator', en: 'Evaluator' },
  evaluatorIds: { id: 'Evaluator', en: 'Evaluator' },
  submissionId: { id: 'Pengisian', en: 'Submission' },
  message: { id: 'Pesan', en: 'Message' },
  dueAt: { id: 'Tenggat', en: 'Due date' },
  decision: { id: 'Keputusan', en: 'Decision' },
  accept: { id: 'Terima', en: 'Accept' },
  verified: { id: 'Nilai terverifikasi', en: 'Verified value' },
  jurorIds: { id: 'Juri', en: 'Juror' },
  // results
  final: { id: 'Nilai akhir', en: 'Final score' },
  decreeNumber: { id: 'Nomor SK', en: 'Decree number' },
  decreeDate: { id: 'Tanggal SK', en: 'Decree date' },
  version: { id: 'Versi', en: 'Version' },
  periodId: { id: 'Periode', en: 'Period' },
  lang: { id: 'Bahasa', en: 'Language' },
  file: { id: 'Berkas', en: 'File' },
  // periods: stage moves and questionnaires
  confirm: { id: 'Konfirmasi', en: 'Confirmation' },
  presetKey: { id: 'Kuesioner bawaan', en: 'Preset questionnaire' },
  fromPeriodId: { id: 'Periode sumber', en: 'Source period' },
  existing: { id: 'Kategori yang sudah memiliki kuesioner', en: 'Categories that already have a questionnaire' },
};

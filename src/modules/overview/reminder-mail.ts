import { jakartaDateTime } from '../../domain/schedule-days.ts';

/**
 * The SAQ reminder to a body that has not opened its questionnaire (issue 25, item 5): Indonesian first, then English,
 * with the way in and the deadline.
 */
export function reminderMail(input: {
  publicUrl: string;
  commissionName: string;
  periodTitle: string;
  periodId: string;
  bodyName: string;
  /** The SAQ's scheduled end, if the schedule has one. */
  deadline: Date | null;
}): { subject: string; body: string } {
  const link = `${input.publicUrl}/saq/${encodeURIComponent(input.periodId)}`;
  const when = input.deadline ? `${jakartaDateTime(input.deadline)} WIB` : null;
  const id = [
    `Yth. PPID ${input.bodyName},`,
    '',
    `${input.commissionName} mengingatkan bahwa kuesioner penilaian mandiri (SAQ) ${input.periodTitle} belum Anda buka.`,
    when ? `Batas waktu pengisian: ${when}.` : 'Mohon segera mengisinya.',
    '',
    `Masuk dan isi kuesioner: ${link}`,
    'Belum punya akun? Hubungi admin komisi untuk undangan.',
  ];
  const en = [
    `Dear PPID of ${input.bodyName},`,
    '',
    `${input.commissionName} reminds you that you have not yet opened the self-assessment questionnaire (SAQ) of ${input.periodTitle}.`,
    when ? `The deadline is ${when} (Jakarta time).` : 'Please fill it in soon.',
    '',
    `Sign in and fill it in: ${link}`,
    'No account yet? Ask the commission’s admin for an invitation.',
  ];
  return {
    subject: `Pengingat: SAQ ${input.periodTitle} belum diisi / Reminder: SAQ not started — ${input.bodyName}`,
    body: [...id, '', '—', '', ...en, '', '—', 'Informatif (pesan otomatis / automatic message)'].join('\n'),
  };
}

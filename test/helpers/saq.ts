import type { Methodology } from '../../src/domain/methodology.ts';
import type { TestContext } from './test-app.ts';

/** A small questionnaire with one question of each type, two with required evidence. */
export const SMALL_SAQ = {
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: 40,
      questions: [
        { code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 2, evidence: 'required' },
        {
          code: '1.2',
          text: 'Seberapa lengkap informasi berkala?',
          type: 'choice',
          weight: 1,
          evidence: 'optional',
          options: [
            { code: 'A', label: 'Lengkap', score: 1 },
            { code: 'B', label: 'Sebagian', score: 0.5 },
            { code: 'C', label: 'Tidak ada', score: 0 },
          ],
        },
      ],
    },
    {
      code: '2',
      title: 'Digitalisasi',
      weight: 20,
      questions: [
        {
          code: '2.1',
          text: 'Kanal digital yang tersedia',
          type: 'checklist',
          weight: 3,
          evidence: 'required',
          items: [
            { code: 'a', label: 'Website', points: 1 },
            { code: 'b', label: 'Aplikasi', points: 1 },
            { code: 'c', label: 'Media sosial', points: 1 },
          ],
        },
      ],
    },
  ],
};

/** KI Pusat's methodology: SAQ 80 + presentation 20, the SAQ gate at 70, five bands, two decimals. */
export const KIP_METHODOLOGY = {
  components: [
    { key: 'saq', label: 'SAQ', weight: 80, source: 'questionnaire' },
    { key: 'presentation', label: 'Presentasi', weight: 20, source: 'panel' },
  ],
  gate: { component: 'saq', min: 70, below: 'weighted' },
  bands: [
    { label: 'Informatif', min: 90 },
    { label: 'Menuju Informatif', min: 80 },
    { label: 'Cukup Informatif', min: 60 },
    { label: 'Kurang Informatif', min: 40 },
    { label: 'Tidak Informatif', min: 0 },
  ],
  decimals: 2,
} satisfies Methodology;

/** A commission with a period in the SAQ stage (SMALL_SAQ for KEMENTERIAN), a body and its operator. */
export async function saqWorld(ctx: TestContext, options: { year?: number; schedule?: unknown } = {}) {
  const commission = await ctx.factory.commission(['KEMENTERIAN']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const body = await ctx.factory.body(commission.id, 'KEMENTERIAN');
  const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: body.id });
  const openPeriod = async (year: number) => {
    const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
      cookie: admin.cookie,
      body: {
        year,
        title: `Monev ${year}`,
        methodology: KIP_METHODOLOGY,
        ...(options.schedule ? { schedule: options.schedule } : {}),
      },
    });
    if (created.status !== 201) throw new Error(`period: ${created.status} ${created.text}`);
    const pid = created.json.period.id as string;
    await ctx.request('PUT', `/api/periods/${pid}/questionnaires/KEMENTERIAN`, {
      cookie: admin.cookie,
      body: SMALL_SAQ,
    });
    const moved = await ctx.request('POST', `/api/periods/${pid}/stage`, { cookie: admin.cookie, body: { to: 'saq' } });
    if (moved.status !== 200) throw new Error(`stage: ${moved.status} ${moved.text}`);
    return pid;
  };
  const periodId = await openPeriod(options.year ?? 2026);
  const mine = await ctx.request('GET', `/api/periods/${periodId}/submissions/mine`, { cookie: operator.cookie });
  if (mine.status !== 200) throw new Error(`mine: ${mine.status} ${mine.text}`);
  return {
    commission,
    admin,
    body,
    operator,
    periodId,
    openPeriod,
    submission: mine.json.submission as { id: string; version: number },
  };
}

/** Answers to SMALL_SAQ: 1.1 yes or no, 1.2 an option's code, 2.1 the codes of the items ticked. */
export type SmallSaqAnswers = { '1.1': boolean; '1.2': string; '2.1': string[] };

/** SMALL_SAQ answered in full: SAQ 100. */
export const ALL: SmallSaqAnswers = { '1.1': true, '1.2': 'A', '2.1': ['a', 'b', 'c'] };
/** 1.2 half: SAQ = (40 x 250/3 + 20 x 100) / 60 = 800/9 = 88.89. */
export const THIRDS: SmallSaqAnswers = { '1.1': true, '1.2': 'B', '2.1': ['a', 'b', 'c'] };
/** Nothing: SAQ 0, below any gate. */
export const NOTHING: SmallSaqAnswers = { '1.1': false, '1.2': 'C', '2.1': [] };

/** Evidence for the questions of SMALL_SAQ that require it. */
export const EVIDENCE = [{ url: 'https://ppid.example.go.id/bukti' }];

/** The operator answers SMALL_SAQ (with evidence where required) and submits it. */
export async function answerAndSubmit(
  ctx: TestContext,
  cookie: string,
  submission: { id: string; version: number },
  answers: SmallSaqAnswers,
) {
  const saved = await ctx.request('PATCH', `/api/submissions/${submission.id}/answers`, {
    cookie,
    headers: { 'if-match': `"${submission.version}"` },
    body: {
      answers: [
        { questionCode: '1.1', value: answers['1.1'], evidence: EVIDENCE },
        { questionCode: '1.2', value: answers['1.2'] },
        { questionCode: '2.1', value: answers['2.1'], evidence: EVIDENCE },
      ],
    },
  });
  if (saved.status !== 200) throw new Error(`answers: ${saved.status} ${saved.text}`);
  const submitted = await ctx.request('POST', `/api/submissions/${submission.id}/submit`, { cookie });
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
}

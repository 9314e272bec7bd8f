import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import { queueMail } from '../../src/modules/outbox/outbox.service.ts';
import { publishedPeriod, resultVersion } from '../helpers/results.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

const PRESET_METHODOLOGY = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets[0]
  .methodology;

/**
 * Every route x every role x own / other tenant. A route missing from CASES fails the coverage test, so a new route
 * cannot land without its row here.
 */
type Caller =
  | 'anonymous'
  | 'platform_admin'
  | 'commission_admin'
  | 'evaluator'
  | 'leadership'
  | 'body_operator'
  | 'other_operator'
  | 'other_admin';
const CALLERS: Caller[] = [
  'anonymous',
  'platform_admin',
  'commission_admin',
  'evaluator',
  'leadership',
  'body_operator',
  'other_operator',
  'other_admin',
];

interface World {
  cid: string;
  bodyId: string;
  /** A draft period with a KEMENTERIAN questionnaire, and another period to copy from. */
  periodId: string;
  sourcePeriodId: string;
  /** A fresh draft period with a questionnaire (for stage moves, which change the period). */
  freshPeriod: () => Promise<string>;
  /** A period in the SAQ stage (after an earlier one), and body X's submission in it. */
  saqPeriodId: string;
  submissionId: string;
  fileId: string;
}

interface Call {
  path: string;
  form?: FormData;
  body?: unknown;
  raw?: string;
  contentType?: string;
}

interface Case {
  method: string;
  path: string;
  /** Concrete path and body for one call; called afresh per caller so writes never collide. */
  build: (w: World) => Call | Promise<Call>;
  /** Status per caller; callers not named get `otherwise`. */
  expect: Partial<Record<Caller, number>>;
  otherwise: number;
  /** The call ends the session: each caller gets a session of its own for it. */
  endsSession?: boolean;
  headers?: Record<string, string>;
}

const staffRead = {
  platform_admin: 200,
  commission_admin: 200,
  evaluator: 200,
  leadership: 200,
  anonymous: 401,
  other_admin: 404,
};
const adminWrite = (ok: number) => ({ platform_admin: ok, commission_admin: ok, anonymous: 401, other_admin: 404 });

const allRoles = { anonymous: 401, other_admin: 404 };
const outsiders = { anonymous: 401, other_admin: 404, other_operator: 404 };
const submissionRead = {
  ...outsiders,
  platform_admin: 200,
  commission_admin: 200,
  evaluator: 200,
  leadership: 200,
  body_operator: 200,
};
let year = 2040;
const SMALL_QUESTIONNAIRE = {
  indicators: [
    {
      code: '1',
      title: 'Jenis Informasi',
      weight: 40,
      questions: [{ code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 1, evidence: 'required' }],
    },
  ],
};

const CASES: Case[] = [
  { method: 'GET', path: '/api/health', build: () => ({ path: '/api/health' }), expect: {}, otherwise: 200 },
  {
    method: 'GET',
    path: '/api/openapi.json',
    build: () => ({ path: '/api/openapi.json' }),
    expect: {},
    otherwise: 200,
  },
  // without a built web client (API tests) the reference page is a 404 for everyone; with it, a 200 for everyone
  { method: 'GET', path: '/api/docs', build: () => ({ path: '/api/docs' }), expect: {}, otherwise: 404 },
  {
    method: 'POST',
    path: '/api/auth/login',
    build: () => ({
      path: '/api/auth/login',
      body: { email: `${unique('nobody')}@x.example`, password: 'wrong-password' },
    }),
    expect: {},
    otherwise: 401,
  },
  {
    method: 'POST',
    path: '/api/auth/logout',
    build: () => ({ path: '/api/auth/logout' }),
    expect: {},
    otherwise: 204,
    endsSession: true,
  },
  { method: 'GET', path: '/api/me', build: () => ({ path: '/api/me' }), expect: { anonymous: 401 }, otherwise: 200 },
  {
    method: 'GET',
    path: '/api/auth/invitations/{token}',
    build: () => ({ path: `/api/auth/invitations/${unique('token-unknown-')}` }),
    expect: {},
    otherwise: 404,
  },
  {
    method: 'POST',
    path: '/api/auth/invitations/{token}/accept',
    build: () => ({
      path: `/api/auth/invitations/${unique('token-unknown-')}/accept`,
      body: { password: 'a-long-password' },
    }),
    expect: {},
    otherwise: 404,
  },
  {
    method: 'GET',
    path: '/api/commissions',
    build: () => ({ path: '/api/commissions' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    path: '/api/commissions',
    build: () => ({
      path: '/api/commissions',
      body: {
        code: unique('K')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, ''),
        name: 'Komisi Informasi Uji',
      },
    }),
    expect: { platform_admin: 201, anonymous: 401 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}',
    build: (w) => ({ path: `/api/commissions/${w.cid}` }),
    expect: { anonymous: 401, other_admin: 404 },
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/categories',
    build: (w) => ({ path: `/api/commissions/${w.cid}/categories` }),
    expect: { anonymous: 401, other_admin: 404 },
    otherwise: 200,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/categories',
    build: (w) => ({
      path: `/api/commissions/${w.cid}/categories`,
      body: {
        code: unique('CAT')
          .toUpperCase()
          .replace(/[^A-Z0-9]/g, ''),
        name: 'Kategori Uji',
      },
    }),
    expect: adminWrite(201),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/bodies',
    build: (w) => ({ path: `/api/commissions/${w.cid}/bodies` }),
    expect: staffRead,
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/bodies',
    build: (w) => ({
      path: `/api/commissions/${w.cid}/bodies`,
      body: { name: unique('Badan Uji '), categoryCode: 'KEMENTERIAN' },
    }),
    expect: adminWrite(201),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/bodies/import',
    build: (w) => ({
      path: `/api/commissions/${w.cid}/bodies/import`,
      raw: `name,categoryCode,province,website,ppidEmail\n${unique('Badan Impor ')},KEMENTERIAN,,,\n`,
      contentType: 'text/csv',
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  // category management, the import template and the operators' invitation in one step (issue 25, items 1 and 9)
  {
    method: 'PATCH',
    path: '/api/categories/{id}',
    build: async (w) => ({ path: `/api/categories/${await freshCategory(w)}`, body: { name: 'Kategori Baru' } }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'DELETE',
    path: '/api/categories/{id}',
    build: async (w) => ({ path: `/api/categories/${await freshCategory(w)}` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/categories/presets',
    build: (w) => ({ path: `/api/commissions/${w.cid}/categories/presets` }),
    expect: { anonymous: 401, other_admin: 404 },
    otherwise: 200,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/categories/preset',
    build: (w) => ({ path: `/api/commissions/${w.cid}/categories/preset`, body: { key: 'ki-pusat' } }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/bodies/import/template',
    build: (w) => ({ path: `/api/commissions/${w.cid}/bodies/import/template` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/invitations/bodies',
    build: async (w) => {
      const body = await ctx.factory.body(w.cid);
      await ctx.db
        .updateTable('bodies')
        .set({ ppidEmail: `${unique('ppid')}@x.example`.toLowerCase() })
        .where('id', '=', body.id)
        .execute();
      return { path: `/api/commissions/${w.cid}/invitations/bodies`, body: { bodyIds: [body.id] } };
    },
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/bodies/{bid}',
    build: (w) => ({ path: `/api/bodies/${w.bodyId}` }),
    expect: { ...staffRead, body_operator: 200, other_operator: 404 },
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/bodies/{bid}',
    build: (w) => ({ path: `/api/bodies/${w.bodyId}`, body: { website: 'https://example.go.id' } }),
    expect: { ...adminWrite(200), other_operator: 404 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/users',
    build: (w) => ({
      path: `/api/commissions/${w.cid}/users`,
      body: { email: `${unique('inv')}@x.example`.toLowerCase(), name: 'Calon Evaluator', role: 'evaluator' },
    }),
    expect: adminWrite(201),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/users',
    build: (w) => ({ path: `/api/commissions/${w.cid}/users` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/invitations',
    build: (w) => ({ path: `/api/commissions/${w.cid}/invitations` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/presets',
    build: () => ({ path: '/api/presets' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/presets/questionnaires/{key}',
    build: () => ({ path: '/api/presets/questionnaires/ki-pusat-2025' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/periods',
    build: (w) => ({ path: `/api/commissions/${w.cid}/periods` }),
    expect: allRoles,
    otherwise: 200,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/periods',
    build: (w) => ({
      path: `/api/commissions/${w.cid}/periods`,
      body: { year: year++, title: 'Monev Uji', methodology: PRESET_METHODOLOGY },
    }),
    expect: adminWrite(201),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}',
    build: (w) => ({ path: `/api/periods/${w.periodId}` }),
    expect: allRoles,
    otherwise: 200,
  },
  {
    method: 'PATCH',
    path: '/api/periods/{pid}',
    build: (w) => ({ path: `/api/periods/${w.periodId}`, body: { title: unique('Monev ') } }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/stage',
    build: async (w) => ({ path: `/api/periods/${await w.freshPeriod()}/stage`, body: { to: 'saq' } }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/stage/preview',
    build: (w) => ({ path: `/api/periods/${w.periodId}/stage/preview?to=saq` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/questionnaires/copy',
    build: (w) => ({
      path: `/api/periods/${w.periodId}/questionnaires/copy`,
      body: { fromPeriodId: w.sourcePeriodId, existing: 'replace' },
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/periods/{pid}/questionnaires/{categoryCode}/questions/{questionCode}',
    build: (w) => ({
      path: `/api/periods/${w.periodId}/questionnaires/KEMENTERIAN/questions/1.1`,
      body: { text: 'Apakah DIP tersedia dan mutakhir?' },
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/stage-events',
    build: (w) => ({ path: `/api/periods/${w.periodId}/stage-events` }),
    expect: allRoles,
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/questionnaires/{categoryCode}',
    build: (w) => ({ path: `/api/periods/${w.periodId}/questionnaires/KEMENTERIAN` }),
    expect: allRoles,
    otherwise: 200,
  },
  {
    method: 'PUT',
    path: '/api/periods/{pid}/questionnaires/{categoryCode}',
    build: (w) => ({ path: `/api/periods/${w.periodId}/questionnaires/KEMENTERIAN`, body: SMALL_QUESTIONNAIRE }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/questionnaires/{categoryCode}/copy',
    build: (w) => ({
      path: `/api/periods/${w.periodId}/questionnaires/KEMENTERIAN/copy`,
      body: { fromPeriodId: w.sourcePeriodId },
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/whatif',
    build: (w) => ({ path: `/api/periods/${w.periodId}/whatif`, body: { methodology: PRESET_METHODOLOGY } }),
    expect: { ...adminWrite(200), leadership: 200 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/submissions/mine',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/submissions/mine` }),
    // staff hold no body: forbidden; each operator gets its own body's submission
    expect: { ...allRoles, body_operator: 200, other_operator: 200 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/submissions',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/submissions` }),
    expect: staffRead,
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}` }),
    expect: submissionRead,
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}/history',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/history` }),
    expect: submissionRead,
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/submissions/{sid}/answers',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/answers`,
      body: { answers: [{ questionCode: '1.1', value: true }] },
    }),
    expect: { ...outsiders, body_operator: 200 },
    otherwise: 403,
    headers: { 'if-match': '999999999' },
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/submit',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/submit` }),
    // authorised, then refused as incomplete: the DIP is claimed without its required evidence
    expect: { ...outsiders, body_operator: 422 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/carry-forward',
    build: async (w) => {
      // 1.1 unanswered again (another row answers it), so that last year's answer has somewhere to go
      await ctx.request('PATCH', `/api/submissions/${w.submissionId}/answers`, {
        cookie: operatorXCookie,
        headers: { 'if-match': '999999999' },
        body: { answers: [{ questionCode: '1.1', value: null }] },
      });
      return { path: `/api/submissions/${w.submissionId}/carry-forward` };
    },
    expect: { ...outsiders, body_operator: 200 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/reopen',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/reopen`, body: { reason: 'Permintaan PPID' } }),
    // authorised, then refused: the SAQ is still open
    expect: { ...outsiders, platform_admin: 409, commission_admin: 409 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/extension',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/extension`,
      body: { until: new Date(Date.now() + 86400_000).toISOString(), reason: 'Gangguan sistem' },
    }),
    expect: { ...outsiders, platform_admin: 200, commission_admin: 200 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/files',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/files`, form: pdfForm() }),
    expect: { ...outsiders, body_operator: 201 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/files/{fileId}',
    build: (w) => ({ path: `/api/files/${w.fileId}` }),
    expect: submissionRead,
    otherwise: 403,
  },
  // assignment & workload & evaluator queue (issue 22)
  {
    method: 'GET',
    path: '/api/periods/{pid}/assignments',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/assignments` }),
    // the review's oversight reads: the commission's admins and leadership
    expect: { ...staffRead, evaluator: 403 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/assignments',
    build: async (w) => ({
      path: `/api/periods/${w.saqPeriodId}/assignments`,
      body: {
        submissionId: w.submissionId,
        evaluatorId: (await ctx.factory.user('evaluator', { commissionId: w.cid })).id,
      },
    }),
    // authorised, then refused: the world's submission is a draft
    expect: adminWrite(409),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/assignments/auto',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/assignments/auto`, body: {} }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/assignments/{id}',
    build: async (w) => {
      const a = await ctx.db
        .selectFrom('assignments')
        .select(['id', 'evaluatorId'])
        .where('submissionId', '=', w.submissionId)
        .executeTakeFirstOrThrow();
      // the same evaluator: allowed and changes nothing, so the matrix's evaluator keeps the submission
      return { path: `/api/assignments/${a.id}`, body: { evaluatorId: a.evaluatorId } };
    },
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/workload',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/workload` }),
    // the review's oversight reads: the commission's admins and leadership
    expect: { ...staffRead, evaluator: 403 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/evaluations',
    build: () => ({ path: '/api/evaluations' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/commissions/{cid}/exclusions',
    build: (w) => ({ path: `/api/commissions/${w.cid}/exclusions` }),
    // the review's oversight reads: the commission's admins and leadership
    expect: { ...staffRead, evaluator: 403 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/exclusions',
    build: async (w) => ({
      path: `/api/commissions/${w.cid}/exclusions`,
      body: {
        bodyId: w.bodyId,
        evaluatorId: (await ctx.factory.user('evaluator', { commissionId: w.cid })).id,
        reason: 'Konflik kepentingan',
      },
    }),
    expect: adminWrite(201),
    otherwise: 403,
  },
  {
    method: 'DELETE',
    path: '/api/exclusions/{id}',
    build: async (w) => {
      const row = await ctx.db
        .insertInto('evaluatorExclusions')
        .values({
          commissionId: w.cid,
          bodyId: w.bodyId,
          evaluatorId: (await ctx.factory.user('evaluator', { commissionId: w.cid })).id,
          reason: 'Konflik',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { path: `/api/exclusions/${row.id}` };
    },
    expect: adminWrite(204),
    otherwise: 403,
  },
  // verification screen (issue 22)
  {
    method: 'PATCH',
    path: '/api/submissions/{sid}/verification',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/verification`,
      body: { items: [{ questionCode: '1.1', value: true }] },
    }),
    // authorised (the assigned evaluator, the admins), then refused: the period is still in the SAQ stage
    expect: { ...outsiders, platform_admin: 409, commission_admin: 409, evaluator: 409 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/verification/complete',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/verification/complete` }),
    expect: { ...outsiders, platform_admin: 409, commission_admin: 409, evaluator: 409 },
    otherwise: 403,
  },
  // clarifications & objections (issue 22)
  {
    method: 'POST',
    path: '/api/submissions/{sid}/clarifications',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/clarifications`,
      body: { questionCode: '1.1', message: 'Mohon bukti DIP', dueAt: new Date(Date.now() + 86400_000).toISOString() },
    }),
    // authorised, then refused: the world's period is still at the SAQ stage
    expect: { ...outsiders, platform_admin: 409, commission_admin: 409, evaluator: 409 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}/clarifications',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/clarifications` }),
    expect: submissionRead,
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/clarifications',
    build: () => ({ path: '/api/clarifications?status=open' }),
    // everyone signed in has a list of their own (possibly empty)
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'POST',
    path: '/api/clarifications/{id}/replies',
    build: async (w) => ({
      path: `/api/clarifications/${await openClarification(w)}/replies`,
      body: { message: 'Baik' },
    }),
    expect: { ...outsiders, platform_admin: 201, commission_admin: 201, evaluator: 201, body_operator: 201 },
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/clarifications/{id}',
    build: async (w) => ({ path: `/api/clarifications/${await openClarification(w)}`, body: { status: 'closed' } }),
    expect: { ...outsiders, platform_admin: 200, commission_admin: 200, evaluator: 200 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/objections',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/objections`,
      body: { questionCode: '1.1', reason: 'DIP kami lengkap' },
    }),
    // only the body files, and only in the objection stage (the world is at the SAQ stage)
    expect: { ...outsiders, body_operator: 409 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}/objections',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/objections` }),
    expect: submissionRead,
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/objections',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/objections?status=pending` }),
    expect: staffRead,
    otherwise: 403,
  },
  {
    method: 'PATCH',
    path: '/api/objections/{id}',
    build: async (w) => ({
      path: `/api/objections/${await pendingObjection(w)}`,
      body: { decision: 'rejected', reason: 'Tidak ada bukti baru' },
    }),
    // authorised, then refused: objections are decided in the objection stage
    expect: { ...outsiders, platform_admin: 409, commission_admin: 409, evaluator: 409 },
    otherwise: 403,
  },
  // panel (issue 22)
  {
    method: 'GET',
    path: '/api/periods/{pid}/panel',
    build: (w) => ({ path: `/api/periods/${w.periodId}/panel` }),
    expect: staffRead,
    otherwise: 403,
  },
  {
    method: 'PUT',
    path: '/api/periods/{pid}/panel',
    build: (w) => ({ path: `/api/periods/${w.periodId}/panel`, body: { evaluatorIds: [] } }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/panel/bodies',
    build: (w) => ({ path: `/api/periods/${w.periodId}/panel/bodies` }),
    // the matrix's evaluator is not on the panel: jurors have their own tests
    expect: { ...staffRead, evaluator: 403 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/panel/review',
    build: (w) => ({ path: `/api/periods/${w.periodId}/panel/review` }),
    expect: { ...staffRead, evaluator: 403 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/panels/mine',
    build: () => ({ path: '/api/panels/mine' }),
    expect: { anonymous: 401 },
    otherwise: 200,
  },
  {
    method: 'PUT',
    path: '/api/submissions/{sid}/panel-scores',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/panel-scores`, body: { score: 80 } }),
    // nobody here sits on the panel: only jurors score (their tests: test/api/panel.test.ts)
    expect: outsiders,
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}/panel-scores',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/panel-scores` }),
    expect: { ...outsiders, platform_admin: 200, commission_admin: 200, leadership: 200 },
    otherwise: 403,
  },
  // notifications, outbox, history (issue 22)
  {
    method: 'GET',
    path: '/api/commissions/{cid}/outbox',
    build: (w) => ({ path: `/api/commissions/${w.cid}/outbox?status=queued` }),
    expect: { anonymous: 401, other_admin: 404, platform_admin: 200, commission_admin: 200 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/outbox/{id}',
    build: async (w) => {
      await queueMail(ctx.db, {
        kind: 'invitation',
        recipient: 'matrix@test.example',
        subject: 'Undangan',
        body: 'Tautan undangan',
        payload: { commissionId: w.cid },
      });
      const mail = await ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('recipient', '=', 'matrix@test.example')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return { path: `/api/outbox/${mail.id}` };
    },
    expect: { anonymous: 401, other_admin: 404, platform_admin: 200, commission_admin: 200 },
    otherwise: 403,
  }, // public pages (issue 23): no login; the same answer for every caller, signed in or not, of any commission
  {
    method: 'GET',
    path: '/api/public/commissions',
    build: () => ({ path: '/api/public/commissions' }),
    expect: {},
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/public/commissions/{code}/results/{year}',
    build: async () => ({ path: `/api/public/commissions/${(await publicFixture()).code}/results/2025.csv` }),
    expect: {},
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/public/commissions/{code}/results/{year}/methodology',
    build: async () => ({ path: `/api/public/commissions/${(await publicFixture()).code}/results/2025/methodology` }),
    expect: {},
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/public/bodies/{bid}/history',
    build: async () => ({ path: `/api/public/bodies/${(await publicFixture()).bodyId}/history` }),
    expect: {},
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/public/certificates/{code}',
    build: async () => ({ path: `/api/public/certificates/${(await publicFixture()).certificate}` }),
    expect: {},
    otherwise: 200,
  },
  // results (issue 23)
  {
    method: 'GET',
    path: '/api/periods/{pid}/results',
    build: (w) => ({ path: `/api/periods/${w.periodId}/results` }),
    // nothing published: the preview, for admin and leadership, refused before the results stage
    expect: { ...allRoles, platform_admin: 409, commission_admin: 409, leadership: 409 },
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/results/publish',
    build: (w) => ({
      path: `/api/periods/${w.periodId}/results/publish`,
      body: { decreeNumber: 'SK 1/KEP/2040', decreeDate: '2040-12-15' },
    }),
    expect: { ...adminWrite(409) },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/results/versions',
    build: (w) => ({ path: `/api/periods/${w.periodId}/results/versions` }),
    expect: { ...allRoles },
    otherwise: 200,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/results/versions/{n}/diff',
    build: (w) => ({ path: `/api/periods/${w.periodId}/results/versions/2/diff` }),
    expect: { ...allRoles },
    otherwise: 404,
  },
  {
    method: 'POST',
    path: '/api/submissions/{sid}/corrections',
    build: (w) => ({
      path: `/api/submissions/${w.submissionId}/corrections`,
      body: { questionCode: '1.1', value: true, reason: 'Bukti ditemukan' },
    }),
    expect: { ...adminWrite(409), other_operator: 404 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/corrections',
    build: (w) => ({ path: `/api/periods/${w.periodId}/corrections` }),
    expect: { ...adminWrite(200), leadership: 200 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/certificates',
    build: (w) => ({ path: `/api/periods/${w.periodId}/certificates` }),
    expect: { ...adminWrite(200), leadership: 200 },
    otherwise: 403,
  },
  // history import (issue 23)
  {
    method: 'POST',
    path: '/api/commissions/{cid}/history/import',
    // a year of its own per call: a year that already has a period is a bad line
    build: (w) => ({
      path: `/api/commissions/${w.cid}/history/import`,
      raw: `year,bodyName,categoryCode,final\n${year++},${unique('Badan Riwayat ')},KEMENTERIAN,91.5\n`,
      contentType: 'text/csv',
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  // scorecard (issue 23)
  {
    method: 'GET',
    path: '/api/submissions/{sid}/scorecard',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/scorecard` }),
    expect: submissionRead,
    otherwise: 403,
  },
  // dashboard (issue 23)
  {
    method: 'GET',
    path: '/api/commissions/{cid}/dashboard',
    build: (w) => ({ path: `/api/commissions/${w.cid}/dashboard` }),
    // the commission's admins and leadership (and the platform's)
    expect: { platform_admin: 200, commission_admin: 200, leadership: 200, anonymous: 401, other_admin: 404 },
    otherwise: 403,
  }, // the certificates' ZIP (issue 24): a published period of the world's commission with one certificate in force
  {
    method: 'GET',
    path: '/api/periods/{pid}/certificates.zip',
    build: async (w) => ({ path: `/api/periods/${await bulkFixture(w)}/certificates.zip` }),
    expect: { platform_admin: 200, commission_admin: 200, leadership: 200, anonymous: 401, other_admin: 404 },
    otherwise: 403,
  },
  // the report PDF (issue 24): the results' reading rules; nothing published in a draft, so the preview's refusals
  {
    method: 'GET',
    path: '/api/periods/{pid}/report.pdf',
    build: (w) => ({ path: `/api/periods/${w.periodId}/report.pdf` }),
    expect: { ...allRoles, platform_admin: 409, commission_admin: 409, leadership: 409 },
    otherwise: 403,
  },
  // certificate PDF (issue 24): the matrix's period is not published, so whoever may read the submission gets the
  // 404 that says so (rather than a PDF), and no role of the commission is refused with a 403
  {
    method: 'GET',
    path: '/api/submissions/{sid}/certificate.pdf',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/certificate.pdf` }),
    expect: { anonymous: 401 },
    otherwise: 404,
  },
  // the scorecard PDF (issue 24): whoever reads the scorecard
  {
    method: 'GET',
    path: '/api/submissions/{sid}/scorecard.pdf',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/scorecard.pdf` }),
    expect: submissionRead,
    otherwise: 403,
  },
  // issue 25 (the operator's SAQ): carried answers confirmed; the receipt of a submitted SAQ
  {
    method: 'POST',
    path: '/api/submissions/{sid}/carried/confirm',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/carried/confirm`, body: { questionCodes: ['1.1'] } }),
    expect: { ...outsiders, body_operator: 200 },
    otherwise: 403,
    headers: { 'if-match': '999999999' },
  },
  {
    method: 'GET',
    path: '/api/submissions/{sid}/receipt',
    build: (w) => ({ path: `/api/submissions/${w.submissionId}/receipt` }),
    // authorised, then refused: the world's SAQ is not submitted
    expect: {
      ...outsiders,
      platform_admin: 409,
      commission_admin: 409,
      evaluator: 409,
      leadership: 409,
      body_operator: 409,
    },
    otherwise: 403,
  },
  // passwords (issue 25, item 3): no login; the same answer whoever asks
  {
    method: 'POST',
    path: '/api/auth/password-reset',
    build: () => ({ path: '/api/auth/password-reset', body: { email: `${unique('nobody')}@x.example` } }),
    expect: {},
    otherwise: 202,
  },
  {
    method: 'POST',
    path: '/api/auth/password-reset/{token}',
    build: () => ({
      path: `/api/auth/password-reset/${unique('token-unknown-')}`,
      body: { password: 'a-long-password' },
    }),
    expect: {},
    otherwise: 404,
  },
  // the platform's own mails: platform admins only
  {
    method: 'GET',
    path: '/api/outbox',
    build: () => ({ path: '/api/outbox?status=queued' }),
    expect: { anonymous: 401, platform_admin: 200 },
    otherwise: 403,
  },
  // the people page's actions (issue 25 item 2)
  {
    method: 'DELETE',
    path: '/api/commissions/{cid}/memberships/{mid}',
    build: async (w) => ({ path: `/api/commissions/${w.cid}/memberships/${await freshMembership(w)}` }),
    expect: adminWrite(204),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/users/{uid}/deactivate',
    build: async (w) => ({
      path: `/api/commissions/${w.cid}/users/${(await ctx.factory.user('evaluator', { commissionId: w.cid })).id}/deactivate`,
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/users/{uid}/reactivate',
    build: async (w) => ({
      path: `/api/commissions/${w.cid}/users/${(await ctx.factory.user('evaluator', { commissionId: w.cid })).id}/reactivate`,
    }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/invitations/{iid}/resend',
    build: async (w) => ({ path: `/api/commissions/${w.cid}/invitations/${await freshInvitation(w)}/resend` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/commissions/{cid}/invitations/{iid}/link',
    build: async (w) => ({ path: `/api/commissions/${w.cid}/invitations/${await freshInvitation(w)}/link` }),
    expect: adminWrite(200),
    otherwise: 403,
  },
  {
    method: 'DELETE',
    path: '/api/commissions/{cid}/invitations/{iid}',
    build: async (w) => ({ path: `/api/commissions/${w.cid}/invitations/${await freshInvitation(w)}` }),
    expect: adminWrite(204),
    otherwise: 403,
  },
  // the admin's overview, the submissions' CSV and the SAQ reminders (issue 25, item 5)
  {
    method: 'GET',
    path: '/api/commissions/{cid}/overview',
    build: (w) => ({ path: `/api/commissions/${w.cid}/overview` }),
    expect: { platform_admin: 200, commission_admin: 200, leadership: 200, anonymous: 401, other_admin: 404 },
    otherwise: 403,
  },
  {
    method: 'GET',
    path: '/api/periods/{pid}/submissions.csv',
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/submissions.csv` }),
    expect: staffRead,
    otherwise: 403,
  },
  {
    method: 'POST',
    path: '/api/periods/{pid}/reminders',
    // body Y has not opened the SAQ (no address: skipped); the call is allowed and changes nothing twice
    build: (w) => ({ path: `/api/periods/${w.saqPeriodId}/reminders`, body: {} }),
    expect: adminWrite(200),
    otherwise: 403,
  },
];

/** A fresh evaluator's membership in the world's commission (revoking it changes it). */
async function freshMembership(w: World): Promise<string> {
  const user = await ctx.factory.user('evaluator', { commissionId: w.cid });
  const m = await ctx.db.selectFrom('memberships').select('id').where('userId', '=', user.id).executeTakeFirstOrThrow();
  return m.id;
}

/** A fresh pending invitation of the world's commission (resending, re-linking or cancelling changes it). */
async function freshInvitation(w: World): Promise<string> {
  const user = await ctx.db
    .insertInto('users')
    .values({ email: `${unique('pending')}@x.example`.toLowerCase(), name: 'Calon Pimpinan' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('invitations')
    .values({
      tokenHash: unique('hash-'),
      commissionId: w.cid,
      userId: user.id,
      role: 'leadership',
      bodyId: null,
      conflictReason: null,
      invitedBy: null,
      expiresAt: new Date(Date.now() + 86400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh open clarification on the world's submission (replies and closing change it). */
/** A category of its own in the world's commission, for a rename or a retirement. */
async function freshCategory(w: World): Promise<string> {
  const row = await ctx.db
    .insertInto('categories')
    .values({
      commissionId: w.cid,
      code: unique('CAT')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, ''),
      name: 'Kategori Uji',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function openClarification(w: World): Promise<string> {
  const s = await ctx.db
    .selectFrom('submissions')
    .select('commissionId')
    .where('id', '=', w.submissionId)
    .executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('clarifications')
    .values({
      commissionId: s.commissionId,
      submissionId: w.submissionId,
      questionCode: '1.1',
      askedBy: null,
      message: 'Mohon bukti DIP',
      dueAt: new Date(Date.now() + 86400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let objectionId: string | undefined;
/** One pending objection on the world's submission (every decision on it is refused, so one serves all callers). */
async function pendingObjection(w: World): Promise<string> {
  if (objectionId) return objectionId;
  const s = await ctx.db
    .selectFrom('submissions')
    .select('commissionId')
    .where('id', '=', w.submissionId)
    .executeTakeFirstOrThrow();
  const row = await ctx.db
    .insertInto('objections')
    .values({
      commissionId: s.commissionId,
      submissionId: w.submissionId,
      questionCode: '1.1',
      reason: 'DIP kami lengkap',
      evidence: jsonb([]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  objectionId = row.id;
  return row.id;
}

function pdfForm() {
  const form = new FormData();
  form.append(
    'file',
    new Blob([new TextEncoder().encode('%PDF-1.7\n%%EOF\n')], { type: 'application/pdf' }),
    'bukti.pdf',
  );
  return form;
}

let ctx: TestContext;
let world: World;
/** The world body's own operator, for rows whose build prepares the submission. */
let operatorXCookie: string;
const cookies = {} as Record<Caller, string | undefined>;
let makeCookies: () => Promise<Record<Caller, string | undefined>>;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await ctx.factory.commission();
  const b = await ctx.factory.commission();
  const x = await ctx.factory.body(a.id);
  const y = await ctx.factory.body(a.id);
  const admin = (await ctx.factory.user('commission_admin', { commissionId: a.id })).cookie;
  const makePeriod = async () => {
    const res = await ctx.request('POST', `/api/commissions/${a.id}/periods`, {
      cookie: admin,
      body: { year: year++, title: 'Monev Matriks', methodology: PRESET_METHODOLOGY },
    });
    const id = res.json.period.id as string;
    await ctx.request('PUT', `/api/periods/${id}/questionnaires/KEMENTERIAN`, {
      cookie: admin,
      body: SMALL_QUESTIONNAIRE,
    });
    return id;
  };
  const operatorX = (await ctx.factory.user('body_operator', { commissionId: a.id, bodyId: x.id })).cookie;
  const openSaq = async () => {
    const id = await makePeriod();
    await ctx.request('POST', `/api/periods/${id}/stage`, { cookie: admin, body: { to: 'saq' } });
    const mine = await ctx.request('GET', `/api/periods/${id}/submissions/mine`, { cookie: operatorX });
    if (mine.status !== 200) throw new Error(`mine ${mine.status} ${mine.text}`);
    return { id, submissionId: mine.json.submission.id as string };
  };
  // an earlier period, so that carry-forward has something to copy from
  const earlier = await openSaq();
  await ctx.request('PATCH', `/api/submissions/${earlier.submissionId}/answers`, {
    cookie: operatorX,
    headers: { 'if-match': '0' },
    body: { answers: [{ questionCode: '1.1', value: true }] },
  });
  operatorXCookie = operatorX;
  const saq = await openSaq();
  world = {
    cid: a.id,
    bodyId: x.id,
    periodId: await makePeriod(),
    sourcePeriodId: await makePeriod(),
    freshPeriod: makePeriod,
    saqPeriodId: saq.id,
    submissionId: saq.submissionId,
    fileId: (
      await ctx.request('POST', `/api/submissions/${saq.submissionId}/files`, { cookie: operatorX, form: pdfForm() })
    ).json.fileId,
  };
  makeCookies = async () => ({
    anonymous: undefined,
    platform_admin: (await ctx.factory.user('platform_admin')).cookie,
    commission_admin: (await ctx.factory.user('commission_admin', { commissionId: a.id })).cookie,
    evaluator: (await ctx.factory.user('evaluator', { commissionId: a.id })).cookie,
    leadership: (await ctx.factory.user('leadership', { commissionId: a.id })).cookie,
    body_operator: (await ctx.factory.user('body_operator', { commissionId: a.id, bodyId: x.id })).cookie,
    other_operator: (await ctx.factory.user('body_operator', { commissionId: a.id, bodyId: y.id })).cookie,
    other_admin: (await ctx.factory.user('commission_admin', { commissionId: b.id })).cookie,
  });
  Object.assign(cookies, await makeCookies());
  // the matrix's evaluator is assigned the world's submission: an unassigned one is a 404 (the review tests)
  const me = await ctx.request('GET', '/api/me', { cookie: cookies.evaluator });
  await ctx.factory.assign(world.submissionId, me.json.user.id);
});
afterAll(async () => ctx?.close());

describe('authorization matrix', () => {
  it('covers every route of the OpenAPI document', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(CASES.map((c) => `${c.method} ${c.path}`));
    expect(documented.filter((r) => !covered.has(r))).toEqual([]);
    expect([...covered].filter((r) => !documented.includes(r))).toEqual([]);
  });

  for (const route of CASES) {
    it(`${route.method} ${route.path}`, async () => {
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      const sessions = route.endsSession ? await makeCookies() : cookies;
      for (const caller of CALLERS) {
        const call = await route.build(world);
        const res = await ctx.request(route.method, call.path, {
          cookie: sessions[caller],
          ...(route.headers ? { headers: route.headers } : {}),
          ...(call.body !== undefined ? { body: call.body } : {}),
          ...(call.raw !== undefined ? { raw: call.raw, contentType: call.contentType } : {}),
          ...(call.form !== undefined ? { form: call.form } : {}),
        });
        seen[caller] = res.status;
        wanted[caller] = route.expect[caller] ?? route.otherwise;
        if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(seen).toEqual(wanted);
    });
  }
});

let publicFixtureMade: Promise<{ code: string; bodyId: string; certificate: string }> | undefined;
/**
 * The public routes' fixture (issue 23): a commission of its own with a published 2025 (one version, one row) and a
 * certificate, written directly as the publication would; made once, for every caller.
 */
function publicFixture() {
  publicFixtureMade ??= (async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const body = await ctx.factory.body(commission.id, 'KEMENTERIAN');
    const periodId = await publishedPeriod(ctx, {
      commissionId: commission.id,
      year: 2025,
      title: 'Monev 2025',
      methodology: PRESET_METHODOLOGY,
    });
    const versionId = await resultVersion(ctx, {
      commissionId: commission.id,
      periodId,
      version: 1,
      decreeNumber: '1/KEP/2025',
      decreeDate: '2025-12-01',
      methodology: PRESET_METHODOLOGY,
      rows: [
        {
          bodyId: body.id,
          bodyName: body.name,
          categoryCode: 'KEMENTERIAN',
          final: '95.00',
          band: 'Informatif',
          bandIndex: 0,
          rank: 1,
        },
      ],
    });
    const certificate = `MATRIX${commission.code}`;
    await ctx.db
      .insertInto('certificates')
      .values({
        code: certificate,
        commissionId: commission.id,
        periodId,
        versionId,
        bodyId: body.id,
        bodyName: body.name,
        band: 'Informatif',
        final: '95.00',
      })
      .execute();
    return { code: commission.code, bodyId: body.id, certificate };
  })();
  return publicFixtureMade;
}

let bulkFixtureMade: Promise<string> | undefined;
/** The certificates' ZIP's fixture (issue 24): a published period of the world's commission, one certificate of body X. */
function bulkFixture(w: World): Promise<string> {
  bulkFixtureMade ??= (async () => {
    const body = await ctx.db.selectFrom('bodies').selectAll().where('id', '=', w.bodyId).executeTakeFirstOrThrow();
    const periodId = await publishedPeriod(ctx, {
      commissionId: w.cid,
      year: year++,
      title: 'Monev Piagam',
      methodology: PRESET_METHODOLOGY,
    });
    const versionId = await resultVersion(ctx, {
      commissionId: w.cid,
      periodId,
      version: 1,
      decreeNumber: '7/KEP/PIAGAM',
      decreeDate: '2040-12-01',
      methodology: PRESET_METHODOLOGY,
    });
    await ctx.db
      .insertInto('certificates')
      .values({
        code: `BULK${periodId}`,
        commissionId: w.cid,
        periodId,
        versionId,
        bodyId: body.id,
        bodyName: body.name,
        band: 'Informatif',
        final: '95.00',
      })
      .execute();
    return periodId;
  })();
  return bulkFixtureMade;
}

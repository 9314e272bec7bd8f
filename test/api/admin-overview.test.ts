import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jakartaDate } from '../../src/domain/schedule-days.ts';
import { csvCell } from '../../src/lib/csv-write.ts';
import { ALL, answerAndSubmit, KIP_METHODOLOGY, SMALL_SAQ } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

/** Issue 25, item 5: the admin's overview, the searchable list and its CSV, the reminders to bodies not started. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const DAY = 86_400_000;
/** A Jakarta day `days` from today. */
const dayFromNow = (days: number) => jakartaDate(new Date(Date.now() + days * DAY));

/**
 * A commission with two categories, a period at the SAQ stage ending in 10 days, and bodies in every state:
 * Alfa submitted (all answered), Beta in progress (one answer), Gama extended (nothing answered), and three that
 * have not opened the SAQ: Delta (PPID address), Epsilon (an operator, no PPID address), Zeta (no address at all,
 * category PEMPROV).
 */
async function overviewWorld() {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  const created = await ctx.request('POST', `/api/commissions/${commission.id}/periods`, {
    cookie: admin.cookie,
    body: {
      year: 2026,
      title: 'Monev 2026',
      methodology: KIP_METHODOLOGY,
      schedule: { saq: { start: dayFromNow(-5), end: dayFromNow(10) } },
    },
  });
  expect(created.status).toBe(201);
  const pid = created.json.period.id as string;
  for (const category of ['KEMENTERIAN', 'PEMPROV']) {
    const put = await ctx.request('PUT', `/api/periods/${pid}/questionnaires/${category}`, {
      cookie: admin.cookie,
      body: SMALL_SAQ,
    });
    expect(put.status).toBeLessThan(300);
  }
  expect(
    (await ctx.request('POST', `/api/periods/${pid}/stage`, { cookie: admin.cookie, body: { to: 'saq' } })).status,
  ).toBe(200);
  const body = async (name: string, category = 'KEMENTERIAN', ppidEmail: string | null = null) => {
    const b = await ctx.factory.body(commission.id, category, name);
    if (ppidEmail) await ctx.db.updateTable('bodies').set({ ppidEmail }).where('id', '=', b.id).execute();
    return b;
  };
  const open = async (b: { id: string }) => {
    const operator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: b.id });
    const mine = await ctx.request('GET', `/api/periods/${pid}/submissions/mine`, { cookie: operator.cookie });
    expect(mine.status).toBe(200);
    return { operator, submission: mine.json.submission as { id: string; version: number } };
  };
  const alfa = await body('Badan Alfa', 'KEMENTERIAN', 'ppid@alfa.example');
  const beta = await body('Badan Beta', 'PEMPROV');
  const gama = await body('Badan Gama');
  const delta = await body('Badan Delta', 'KEMENTERIAN', 'PPID@Delta.example');
  const epsilon = await body('Badan Epsilon');
  const zeta = await body('Badan Zeta', 'PEMPROV');
  const a = await open(alfa);
  await answerAndSubmit(ctx, a.operator.cookie, a.submission, ALL);
  const b = await open(beta);
  const saved = await ctx.request('PATCH', `/api/submissions/${b.submission.id}/answers`, {
    cookie: b.operator.cookie,
    headers: { 'if-match': '"0"' },
    body: { answers: [{ questionCode: '1.2', value: 'A' }] },
  });
  expect(saved.status).toBe(200);
  const g = await open(gama);
  const until = new Date(Date.now() + 20 * DAY).toISOString();
  const extended = await ctx.request('POST', `/api/submissions/${g.submission.id}/extension`, {
    cookie: admin.cookie,
    body: { until, reason: 'Gangguan server PPID' },
  });
  expect(extended.status).toBe(200);
  const epsilonOperator = await ctx.factory.user('body_operator', { commissionId: commission.id, bodyId: epsilon.id });
  return {
    commission,
    admin,
    pid,
    until,
    bodies: { alfa, beta, gama, delta, epsilon, zeta },
    submissions: { alfa: a.submission, beta: b.submission, gama: g.submission },
    alfaOperator: a.operator,
    epsilonOperator,
  };
}

type World = Awaited<ReturnType<typeof overviewWorld>>;
let shared: Promise<World> | undefined;
/** One world for the read-only tests (reminders make their own). */
const world = () => {
  shared ??= overviewWorld();
  return shared;
};

describe('GET /commissions/:cid/overview', () => {
  it('shows each running period with its stage, days left and the counts of bodies by state', async () => {
    const w = await world();
    // a draft period is not running: not shown
    await ctx.request('POST', `/api/commissions/${w.commission.id}/periods`, {
      cookie: w.admin.cookie,
      body: { year: 2027, title: 'Monev 2027', methodology: KIP_METHODOLOGY },
    });
    const res = await ctx.request('GET', `/api/commissions/${w.commission.id}/overview`, { cookie: w.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.json.periods).toEqual([
      {
        id: w.pid,
        year: 2026,
        title: 'Monev 2026',
        stage: 'saq',
        stageEnd: dayFromNow(10),
        daysLeft: 10,
        counts: { notStarted: 3, inProgress: 2, submitted: 1, extended: 1, locked: 0 },
      },
    ]);
  });

  it('is for the commission’s admins and leadership: 403 for an evaluator or an operator, 404 elsewhere', async () => {
    const w = await world();
    const path = `/api/commissions/${w.commission.id}/overview`;
    const leadership = await ctx.factory.user('leadership', { commissionId: w.commission.id });
    const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
    const other = await ctx.factory.user('commission_admin', { commissionId: (await ctx.factory.commission()).id });
    expect((await ctx.request('GET', path, { cookie: leadership.cookie })).status).toBe(200);
    expect((await ctx.request('GET', path, { cookie: evaluator.cookie })).status).toBe(403);
    expect((await ctx.request('GET', path, { cookie: w.epsilonOperator.cookie })).status).toBe(403);
    expect((await ctx.request('GET', path, { cookie: other.cookie })).status).toBe(404);
  });
});

describe('GET /periods/:pid/submissions (search, filters, sort, pages)', () => {
  const list = async (w: World, query: string) => {
    const res = await ctx.request('GET', `/api/periods/${w.pid}/submissions${query}`, { cookie: w.admin.cookie });
    expect(res.status).toBe(200);
    return res.json as {
      submissions: { bodyName: string; status: string; answered: number; questions: number; reopening: unknown }[];
      total: number;
      notStarted: { bodyName: string; ppidEmail: string | null; operators: { email: string }[] }[];
    };
  };
  const names = (rows: { bodyName: string }[]) => rows.map((r) => r.bodyName);

  it('keeps its shape without a query: every submission by name, and the bodies not started with their contact', async () => {
    const w = await world();
    const all = await list(w, '');
    expect(names(all.submissions)).toEqual(['Badan Alfa', 'Badan Beta', 'Badan Gama']);
    expect(all.total).toBe(3);
    expect(all.submissions.map((s) => [s.status, s.answered, s.questions])).toEqual([
      ['submitted', 3, 3],
      ['draft', 1, 3],
      ['draft', 0, 3],
    ]);
    expect(all.notStarted).toEqual([
      {
        bodyId: w.bodies.delta.id,
        bodyName: 'Badan Delta',
        categoryCode: 'KEMENTERIAN',
        ppidEmail: 'PPID@Delta.example',
        operators: [],
      },
      {
        bodyId: w.bodies.epsilon.id,
        bodyName: 'Badan Epsilon',
        categoryCode: 'KEMENTERIAN',
        ppidEmail: null,
        operators: [{ name: 'User body_operator', email: w.epsilonOperator.email }],
      },
      { bodyId: w.bodies.zeta.id, bodyName: 'Badan Zeta', categoryCode: 'PEMPROV', ppidEmail: null, operators: [] },
    ]);
  });

  it('searches by name (case-insensitive, % taken literally), filters by status and category', async () => {
    const w = await world();
    expect(names((await list(w, '?q=BETA')).submissions)).toEqual(['Badan Beta']);
    expect((await list(w, '?q=%25')).submissions).toEqual([]);
    expect(names((await list(w, '?q=eps')).notStarted)).toEqual(['Badan Epsilon']);
    expect(names((await list(w, '?status=draft')).submissions)).toEqual(['Badan Beta', 'Badan Gama']);
    expect(names((await list(w, '?status=submitted')).submissions)).toEqual(['Badan Alfa']);
    expect((await list(w, '?status=not_started')).submissions).toEqual([]);
    const pemprov = await list(w, '?category=PEMPROV');
    expect(names(pemprov.submissions)).toEqual(['Badan Beta']);
    expect(names(pemprov.notStarted)).toEqual(['Badan Zeta']);
  });

  it('sorts by progress, status, submission time and name either way', async () => {
    const w = await world();
    expect(names((await list(w, '?sort=progress&order=desc')).submissions)).toEqual([
      'Badan Alfa',
      'Badan Beta',
      'Badan Gama',
    ]);
    expect(names((await list(w, '?sort=progress')).submissions)).toEqual(['Badan Gama', 'Badan Beta', 'Badan Alfa']);
    expect(names((await list(w, '?sort=status&order=desc')).submissions)).toEqual([
      'Badan Alfa',
      'Badan Beta',
      'Badan Gama',
    ]);
    // never submitted: last either way
    expect(names((await list(w, '?sort=submitted&order=desc')).submissions)[0]).toBe('Badan Alfa');
    expect(names((await list(w, '?sort=submitted')).submissions)[0]).toBe('Badan Alfa');
    expect(names((await list(w, '?sort=name&order=desc')).submissions)).toEqual([
      'Badan Gama',
      'Badan Beta',
      'Badan Alfa',
    ]);
  });

  it('pages with limit and offset, the total counting every match', async () => {
    const w = await world();
    const first = await list(w, '?limit=2');
    expect([names(first.submissions), first.total]).toEqual([['Badan Alfa', 'Badan Beta'], 3]);
    const second = await list(w, '?limit=2&offset=2');
    expect([names(second.submissions), second.total]).toEqual([['Badan Gama'], 3]);
    const past = await list(w, '?limit=2&offset=10');
    expect([past.submissions, past.total]).toEqual([[], 3]);
    const bad = await ctx.request('GET', `/api/periods/${w.pid}/submissions?limit=0&sort=size&status=open`, {
      cookie: w.admin.cookie,
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.limit',
      'query.sort',
      'query.status',
    ]);
  });

  it('shows an extension and a reopening with its reason and the date it runs until', async () => {
    const w = await overviewWorld();
    const reopened = await ctx.request('POST', `/api/submissions/${w.submissions.alfa.id}/reopen`, {
      cookie: w.admin.cookie,
      body: { reason: 'Bukti DIP salah unggah' },
    });
    expect(reopened.status).toBe(200);
    const { submissions } = await list(w, '');
    const byName = new Map(submissions.map((s) => [s.bodyName, s.reopening]));
    expect(byName.get('Badan Alfa')).toEqual({
      event: 'reopened',
      reason: 'Bukti DIP salah unggah',
      at: expect.any(String),
      until: new Date(`${dayFromNow(10)}T23:59:59.999+07:00`).toISOString(),
    });
    expect(byName.get('Badan Gama')).toEqual({
      event: 'extended',
      reason: 'Gangguan server PPID',
      at: expect.any(String),
      until: w.until,
    });
    expect(byName.get('Badan Beta')).toBeNull();
  });
});

describe('GET /periods/:pid/submissions.csv', () => {
  const csv = async (w: World, query = '', cookie = w.admin.cookie) =>
    ctx.request('GET', `/api/periods/${w.pid}/submissions.csv${query}`, { cookie });

  it('exports the list with the BOM, Indonesian headers, `;` and the bodies not started', async () => {
    const w = await world();
    const res = await csv(w);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="pengisian-saq-2026.csv"');
    expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Badan publik;Kategori;Status;Terjawab;Jumlah pertanyaan;Batas waktu (WIB);Terakhir disimpan (WIB);Dikirim (WIB);Email PPID;Operator;Dibuka kembali / diperpanjang',
    );
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1).map((l) => l.split(';'));
    expect(rows.map((r) => [r[0], r[2], r[3]])).toEqual([
      ['Badan Alfa', 'Terkirim', '3'],
      ['Badan Beta', 'Sedang diisi', '1'],
      ['Badan Gama', 'Sedang diisi', '0'],
      ['Badan Delta', 'Belum membuka', '0'],
      ['Badan Epsilon', 'Belum membuka', '0'],
      ['Badan Zeta', 'Belum membuka', '0'],
    ]);
    expect(rows[0]?.[8]).toBe('ppid@alfa.example');
    expect(rows[2]?.[10]).toMatch(/^Diperpanjang: Gangguan server PPID, sampai \d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(rows[4]?.[9]).toBe(`User body_operator <${w.epsilonOperator.email}>`);
    // a body that has started names its operators too, so the file is a contact list for every row
    expect(rows[0]?.[9]).toBe(`User body_operator <${w.alfaOperator.email}>`);
    expect(rows[3]?.[9]).toBe('');
  });

  it('applies the filters and order, and leaves out the bodies not started when a status is chosen', async () => {
    const w = await world();
    const res = await csv(w, '?status=draft&sort=progress&order=desc');
    const rows = res.text.split('\r\n').slice(1, -1);
    expect(rows.map((l) => l.split(';')[0])).toEqual(['Badan Beta', 'Badan Gama']);
    const notStarted = await csv(w, '?status=not_started&q=zeta');
    expect(
      notStarted.text
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(';')[0]),
    ).toEqual(['Badan Zeta']);
  });

  it('neutralises formula-like names and quotes separators', async () => {
    const w = await overviewWorld();
    await ctx.factory.body(w.commission.id, 'KEMENTERIAN', '=HYPERLINK("http://x.example";"klik")');
    await ctx.factory.body(w.commission.id, 'KEMENTERIAN', '@SUM(1;2)');
    await ctx.factory.body(w.commission.id, 'KEMENTERIAN', 'Dinas A; B');
    const res = await csv(w, '?status=not_started');
    const rows = res.text.split('\r\n').slice(1, -1);
    expect(rows).toContain(`"'=HYPERLINK(""http://x.example"";""klik"")";KEMENTERIAN;Belum membuka;0;;;;;;;`);
    expect(rows).toContain(`"'@SUM(1;2)";KEMENTERIAN;Belum membuka;0;;;;;;;`);
    expect(rows).toContain(`"Dinas A; B";KEMENTERIAN;Belum membuka;0;;;;;;;`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('+62 21')).toBe("'+62 21");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('Biasa')).toBe('Biasa');
  });

  it('is refused as the list is: 403 for an operator, 404 in another commission', async () => {
    const w = await world();
    const other = await ctx.factory.user('commission_admin', { commissionId: (await ctx.factory.commission()).id });
    expect((await csv(w, '', w.epsilonOperator.cookie)).status).toBe(403);
    expect((await csv(w, '', other.cookie)).status).toBe(404);
  });
});

describe('POST /periods/:pid/reminders', () => {
  const remind = (w: World, body: unknown, cookie = w.admin.cookie) =>
    ctx.request('POST', `/api/periods/${w.pid}/reminders`, { cookie, body });
  const reminders = (w: World) =>
    ctx.db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'body', 'payload'])
      .where('kind', '=', 'reminder.saq')
      .where(({ eb, ref }) => eb(ref('payload', '->>').key('periodId' as never), '=', w.pid))
      .orderBy('recipient')
      .execute();

  it('mails every body not started at its PPID and operators’ addresses, once a day', async () => {
    const w = await overviewWorld();
    const sent = await remind(w, {});
    expect(sent.status).toBe(200);
    // Delta (PPID address) and Epsilon (its operator); Zeta has no address
    expect(sent.json).toEqual({ queued: 2, skipped: 1 });
    const mails = await reminders(w);
    expect(mails.map((m) => m.recipient)).toEqual(['ppid@delta.example', w.epsilonOperator.email].sort());
    const delta = mails.find((m) => m.recipient === 'ppid@delta.example');
    expect(delta?.subject).toContain('Pengingat: SAQ Monev 2026 belum diisi');
    expect(delta?.body.indexOf('Yth. PPID Badan Delta')).toBeGreaterThanOrEqual(0);
    expect(delta?.body.indexOf('Yth.')).toBeLessThan(delta?.body.indexOf('Dear') ?? 0);
    expect(delta?.body).toContain(`/saq/${w.pid}`);
    expect(delta?.payload).toMatchObject({ commissionId: w.commission.id, bodyId: w.bodies.delta.id });
    // a double click: nothing more
    expect((await remind(w, {})).json).toEqual({ queued: 0, skipped: 3 });
    expect(await reminders(w)).toHaveLength(2);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'after'])
      .where('subjectId', '=', w.pid)
      .where('event', '=', 'saq.reminders_sent')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]?.after).toMatchObject({ queued: 2, skipped: 1 });
  });

  it('mails only the chosen bodies; started, unknown and already reminded ones are skipped', async () => {
    const w = await overviewWorld();
    expect((await remind(w, { bodyIds: [w.bodies.delta.id] })).json).toEqual({ queued: 1, skipped: 0 });
    expect((await reminders(w)).map((m) => m.recipient)).toEqual(['ppid@delta.example']);
    const again = await remind(w, {
      bodyIds: [w.bodies.delta.id, w.bodies.epsilon.id, w.bodies.alfa.id, 'no-such-body', w.bodies.epsilon.id],
    });
    expect(again.json).toEqual({ queued: 1, skipped: 3 });
    expect((await reminders(w)).map((m) => m.recipient).sort()).toEqual(
      ['ppid@delta.example', w.epsilonOperator.email].sort(),
    );
  });

  it('is sent only during the SAQ stage', async () => {
    const w = await overviewWorld();
    // the stage itself, not its move's rules (which have tests of their own)
    await ctx.db.updateTable('periods').set({ stage: 'verification' }).where('id', '=', w.pid).execute();
    const refused = await remind(w, {});
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('STAGE_CLOSED');
    expect(await reminders(w)).toHaveLength(0);
  });

  it('is the commission admin’s: 403 for leadership and operators, 404 elsewhere, 422 for an empty choice', async () => {
    const w = await world();
    const leadership = await ctx.factory.user('leadership', { commissionId: w.commission.id });
    const other = await ctx.factory.user('commission_admin', { commissionId: (await ctx.factory.commission()).id });
    expect((await remind(w, {}, leadership.cookie)).status).toBe(403);
    expect((await remind(w, {}, w.epsilonOperator.cookie)).status).toBe(403);
    expect((await remind(w, {}, other.cookie)).status).toBe(404);
    const empty = await remind(w, { bodyIds: [] });
    expect(empty.status).toBe(422);
    expect(await reminders(w)).toHaveLength(0);
  });
});

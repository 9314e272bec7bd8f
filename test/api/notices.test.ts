import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailSenderOf } from '../../src/bootstrap.ts';
import { jsonb } from '../../src/db/json.ts';
import { loadEnv } from '../../src/env.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createSmtpMailSender } from '../../src/lib/smtp-mail.ts';
import { queueMail } from '../../src/modules/outbox/outbox.service.ts';
import {
  noticeAssigned,
  noticeClarificationAnswered,
  noticeClarificationAsked,
  noticeObjectionDecided,
  queueDueReminders,
} from '../../src/modules/review/notices.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, PUBLIC_URL, type TestContext } from '../helpers/test-app.ts';

/** Issue 22, item 8: notices through the outbox, the outbox page's routes, and mail actually sent over SMTP. */

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const DAY = 86400_000;
type World = Awaited<ReturnType<typeof saqWorld>>;

/** The commission's outbox rows, oldest first. */
const mailsOf = (commissionId: string) =>
  ctx.db
    .selectFrom('outbox')
    .select(['id', 'kind', 'recipient', 'subject', 'body', 'payload', 'dedupeKey'])
    .where(sql<string>`payload->>'commissionId'`, '=', commissionId)
    .orderBy('id')
    .execute();

/** A world whose body is reached at two operators and its PPID address (the first operator's, spelled otherwise). */
async function world() {
  const w = await saqWorld(ctx);
  const second = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: w.body.id });
  await ctx.db
    .updateTable('bodies')
    .set({ ppidEmail: w.operator.email.toUpperCase() })
    .where('id', '=', w.body.id)
    .execute();
  const evaluator = await ctx.factory.user('evaluator', { commissionId: w.commission.id });
  return { ...w, second, evaluator, bodyAddresses: [w.operator.email, second.email].sort() };
}

async function submit(w: World) {
  const saved = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
    cookie: w.operator.cookie,
    headers: { 'if-match': '"0"' },
    body: {
      answers: [
        { questionCode: '1.1', value: true, evidence: [{ url: 'https://ppid.example.go.id/dip' }] },
        { questionCode: '1.2', value: 'A' },
        { questionCode: '2.1', value: [] },
      ],
    },
  });
  expect(saved.status).toBe(200);
  expect(
    (await ctx.request('POST', `/api/submissions/${w.submission.id}/submit`, { cookie: w.operator.cookie })).status,
  ).toBe(200);
}

/** An open clarification on one item (as the clarification service writes it; its own tests cover the route). */
async function clarification(
  w: World & { evaluator: { id: string } },
  dueAt: Date,
  questionCode = '1.1',
  status = 'open',
) {
  const row = await ctx.db
    .insertInto('clarifications')
    .values({
      commissionId: w.commission.id,
      submissionId: w.submission.id,
      questionCode,
      askedBy: w.evaluator.id,
      message: `Mohon unggah bukti butir ${questionCode} yang terbaru.`,
      dueAt,
      status,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('clarificationMessages')
    .values({
      clarificationId: row.id,
      authorId: w.evaluator.id,
      message: 'Mohon unggah bukti terbaru.',
      evidence: jsonb([]),
    })
    .execute();
  return row.id;
}

const inTransaction = <T>(fn: (trx: typeof ctx.db) => Promise<T>) => ctx.db.transaction().execute(fn);

describe('notices', () => {
  it('assignment: one bilingual mail to the evaluator for the batch, with links to the verification screens', async () => {
    const w = await world();
    await inTransaction((trx) =>
      noticeAssigned(trx, ctx.deps, {
        commissionId: w.commission.id,
        periodId: w.periodId,
        evaluatorId: w.evaluator.id,
        submissionIds: [w.submission.id],
      }),
    );
    const [mail, ...more] = await mailsOf(w.commission.id);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ kind: 'notice.assigned', recipient: w.evaluator.email });
    expect(mail?.payload).toMatchObject({ commissionId: w.commission.id, periodId: w.periodId });
    expect(mail?.body).toContain(`${PUBLIC_URL}/verification/${w.submission.id}`);
    expect(mail?.body).toContain(`${PUBLIC_URL}/evaluations`);
    expect(mail?.body).toContain(w.body.name);
    // Indonesian first, then English
    expect(mail?.body.indexOf('Anda ditugaskan')).toBeLessThan(mail?.body.indexOf('You have been assigned') ?? -1);
  });

  it('a notice rolled back with its cause is never queued', async () => {
    const w = await world();
    await expect(
      inTransaction(async (trx) => {
        await noticeAssigned(trx, ctx.deps, {
          commissionId: w.commission.id,
          periodId: w.periodId,
          evaluatorId: w.evaluator.id,
          submissionIds: [w.submission.id],
        });
        throw new Error('the assignment failed');
      }),
    ).rejects.toThrow('the assignment failed');
    expect(await mailsOf(w.commission.id)).toEqual([]);
  });

  it('clarification asked: each of the body’s addresses once (operators and PPID e-mail, deduplicated), once per cause', async () => {
    const w = await world();
    const id = await clarification(w, new Date(Date.now() + 5 * DAY));
    await inTransaction((trx) => noticeClarificationAsked(trx, ctx.deps, { clarificationId: id }));
    // a replayed cause queues nothing more
    await inTransaction((trx) => noticeClarificationAsked(trx, ctx.deps, { clarificationId: id }));
    const mails = await mailsOf(w.commission.id);
    expect(mails.map((m) => m.recipient).sort()).toEqual(w.bodyAddresses);
    for (const m of mails) {
      expect(m.kind).toBe('notice.clarification_asked');
      expect(m.subject).toContain('1.1');
      expect(m.body).toContain(`${PUBLIC_URL}/clarifications`);
      expect(m.body).toContain('Mohon unggah bukti butir 1.1');
      expect(m.body).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d WIB/);
      expect(m.payload).toMatchObject({ clarificationId: id, submissionId: w.submission.id });
    }
  });

  it('clarification answered: the asker is told of each reply, with a link back to the verification', async () => {
    const w = await world();
    const id = await clarification(w, new Date(Date.now() + 5 * DAY));
    const reply = async (message: string) => {
      await ctx.db
        .insertInto('clarificationMessages')
        .values({ clarificationId: id, authorId: w.operator.id, message, evidence: jsonb([]) })
        .execute();
      await inTransaction((trx) => noticeClarificationAnswered(trx, ctx.deps, { clarificationId: id }));
    };
    await reply('Bukti sudah kami unggah.');
    await reply('Tautan juga kami perbarui.');
    const mails = await mailsOf(w.commission.id);
    expect(mails.map((m) => [m.kind, m.recipient])).toEqual([
      ['notice.clarification_answered', w.evaluator.email],
      ['notice.clarification_answered', w.evaluator.email],
    ]);
    expect(mails[0]?.body).toContain('Bukti sudah kami unggah.');
    expect(mails[1]?.body).toContain('Tautan juga kami perbarui.');
    expect(mails[0]?.body).toContain(`${PUBLIC_URL}/verification/${w.submission.id}`);
  });

  it('verification released: entering the objection stage mails every body that submitted, not one that never did', async () => {
    const w = await world();
    await submit(w);
    const silent = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
    const silentOperator = await ctx.factory.user('body_operator', {
      commissionId: w.commission.id,
      bodyId: silent.id,
    });
    await ctx.request('GET', `/api/periods/${w.periodId}/submissions/mine`, { cookie: silentOperator.cookie });
    for (const to of ['verification', 'objection']) {
      const moved = await ctx.request('POST', `/api/periods/${w.periodId}/stage`, {
        cookie: w.admin.cookie,
        body: { to },
      });
      expect(moved.status).toBe(200);
    }
    // the submit's own receipt (issue 25) aside
    const mails = (await mailsOf(w.commission.id)).filter((m) => m.kind !== 'submission.receipt');
    expect(mails.map((m) => m.recipient).sort()).toEqual(w.bodyAddresses);
    expect(mails.every((m) => m.kind === 'notice.verification_released')).toBe(true);
    expect(mails[0]?.body).toContain(`${PUBLIC_URL}/submissions/${w.submission.id}/review`);
  });

  it('objection decided: the body is told the decision and its reason', async () => {
    const w = await world();
    const objection = await ctx.db
      .insertInto('objections')
      .values({
        commissionId: w.commission.id,
        submissionId: w.submission.id,
        questionCode: '1.2',
        reason: 'Informasi berkala sudah lengkap',
        evidence: jsonb([]),
        filedBy: w.operator.id,
        status: 'rejected',
        decidedBy: w.evaluator.id,
        decidedAt: new Date(),
        decisionReason: 'Bukti tidak memuat laporan keuangan',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await inTransaction((trx) => noticeObjectionDecided(trx, ctx.deps, { objectionId: objection.id }));
    const mails = await mailsOf(w.commission.id);
    expect(mails.map((m) => m.recipient).sort()).toEqual(w.bodyAddresses);
    expect(mails[0]).toMatchObject({ kind: 'notice.objection_decided' });
    expect(mails[0]?.subject).toContain('ditolak');
    expect(mails[0]?.body).toContain('DITOLAK');
    expect(mails[0]?.body).toContain('REJECTED');
    expect(mails[0]?.body).toContain('Bukti tidak memuat laporan keuangan');
  });

  it('daily reminder: one mail per body and address a day, listing its open items due within 3 days', async () => {
    const w = await world();
    // 10:00 in Jakarta on 2031-03-10
    const now = new Date('2031-03-10T03:00:00Z');
    const soon = await clarification(w, new Date(now.getTime() + DAY), '1.1');
    const later = await clarification(w, new Date(now.getTime() + 2.5 * DAY), '1.2');
    await clarification(w, new Date(now.getTime() + 5 * DAY), '2.1'); // not due yet
    await clarification(w, new Date(now.getTime() + DAY), '2.1', 'answered'); // answered
    await clarification(w, new Date(now.getTime() - 3600_000), '2.1'); // already past due

    expect(await inTransaction((trx) => queueDueReminders(trx, ctx.deps, now))).toBe(2);
    const first = await mailsOf(w.commission.id);
    expect(first.map((m) => m.recipient).sort()).toEqual(w.bodyAddresses);
    for (const m of first) {
      expect(m.kind).toBe('notice.reminder');
      expect(m.body).toContain('- 1.1: 2031-03-11 10:00 WIB');
      expect(m.body).toContain('- 1.2: 2031-03-12 22:00 WIB');
      expect(m.body).not.toContain('- 2.1');
      expect(m.dedupeKey).toMatch(new RegExp(`^reminder:${w.body.id}:2031-03-10:`));
    }
    const marked = await ctx.db
      .selectFrom('clarifications')
      .select(['id', 'remindedOn'])
      .where('id', 'in', [soon, later])
      .execute();
    expect(marked.map((m) => m.remindedOn)).toEqual(['2031-03-10', '2031-03-10']);

    // later the same Jakarta day (23:30 WIB): nothing more
    expect(await inTransaction((trx) => queueDueReminders(trx, ctx.deps, new Date('2031-03-10T16:30:00Z')))).toBe(0);
    // the next Jakarta day (00:30 WIB, still the 10th in UTC): the items still open are reminded again
    expect(await inTransaction((trx) => queueDueReminders(trx, ctx.deps, new Date('2031-03-10T17:30:00Z')))).toBe(2);
    expect((await mailsOf(w.commission.id)).at(-1)?.dedupeKey).toMatch(/:2031-03-11:/);
  });
});

describe('the outbox page', () => {
  async function outboxWorld() {
    const w = await world();
    const queue = (kind: string, recipient: string) =>
      queueMail(ctx.db, {
        kind,
        recipient,
        subject: `Subjek ${kind}`,
        body: `Tautan undangan: ${PUBLIC_URL}/invitations/token-${kind}`,
        payload: { commissionId: w.commission.id },
      });
    await queue('invitation', 'a@test.example');
    await queue('notice.assigned', 'b@test.example');
    await queue('notice.reminder', 'c@test.example');
    const rows = await mailsOf(w.commission.id);
    const [sent, failed] = rows;
    await ctx.db.updateTable('outbox').set({ sentAt: new Date(), attempts: 1 }).where('id', '=', sent!.id).execute();
    await ctx.db
      .updateTable('outbox')
      .set({ attempts: 10, lastError: '550 5.1.1 mailbox unavailable' })
      .where('id', '=', failed!.id)
      .execute();
    return { ...w, ids: rows.map((r) => r.id) };
  }

  it('lists the commission’s mails newest first with their status, filtered by status', async () => {
    const w = await outboxWorld();
    const all = await ctx.request('GET', `/api/commissions/${w.commission.id}/outbox`, { cookie: w.admin.cookie });
    expect(all.status).toBe(200);
    expect(all.json.nextBefore).toBeNull();
    expect(all.json.mails.map((m: any) => [m.kind, m.status])).toEqual([
      ['notice.reminder', 'queued'],
      ['notice.assigned', 'failed'],
      ['invitation', 'sent'],
    ]);
    expect(all.json.mails[1]).toMatchObject({
      recipient: 'b@test.example',
      attempts: 10,
      lastError: '550 5.1.1 mailbox unavailable',
      sentAt: null,
      nextAttemptAt: null,
    });
    expect(all.json.mails[0]).not.toHaveProperty('body');
    for (const status of ['queued', 'sent', 'failed']) {
      const res = await ctx.request('GET', `/api/commissions/${w.commission.id}/outbox?status=${status}`, {
        cookie: w.admin.cookie,
      });
      expect(res.json.mails.map((m: any) => m.status)).toEqual([status]);
    }
    expect(
      (await ctx.request('GET', `/api/commissions/${w.commission.id}/outbox?status=lost`, { cookie: w.admin.cookie }))
        .status,
    ).toBe(422);
  });

  it('pages by 200, newest first', async () => {
    const w = await world();
    await ctx.db
      .insertInto('outbox')
      .values(
        Array.from({ length: 205 }, (_, i) => ({
          kind: 'notice.reminder',
          recipient: `r${i}@test.example`,
          subject: `Pengingat ${i}`,
          body: '.',
          payload: jsonb({ commissionId: w.commission.id }),
        })),
      )
      .execute();
    const first = await ctx.request('GET', `/api/commissions/${w.commission.id}/outbox`, { cookie: w.admin.cookie });
    expect(first.json.mails).toHaveLength(200);
    expect(first.json.mails[0].subject).toBe('Pengingat 204');
    const next = await ctx.request(
      'GET',
      `/api/commissions/${w.commission.id}/outbox?before=${first.json.nextBefore}`,
      {
        cookie: w.admin.cookie,
      },
    );
    expect(next.json.mails.map((m: any) => m.subject)).toEqual([
      'Pengingat 4',
      'Pengingat 3',
      'Pengingat 2',
      'Pengingat 1',
      'Pengingat 0',
    ]);
    expect(next.json.nextBefore).toBeNull();
  });

  it('is the commission admin’s and the platform admin’s: 403 for other roles, 404 for another commission', async () => {
    const w = await outboxWorld();
    const platform = await ctx.factory.user('platform_admin');
    const stranger = await saqWorld(ctx);
    const path = `/api/commissions/${w.commission.id}/outbox`;
    expect((await ctx.request('GET', path, { cookie: platform.cookie })).json.mails).toHaveLength(3);
    expect((await ctx.request('GET', path, { cookie: w.evaluator.cookie })).status).toBe(403);
    expect((await ctx.request('GET', path, { cookie: w.operator.cookie })).status).toBe(403);
    expect((await ctx.request('GET', path, { cookie: stranger.admin.cookie })).status).toBe(404);
    expect((await ctx.request('GET', path)).status).toBe(401);
    expect(
      (await ctx.request('GET', '/api/commissions/no-such-commission/outbox', { cookie: platform.cookie })).status,
    ).toBe(404);
    // the other commission's admin sees only their own mails
    expect(
      (await ctx.request('GET', `/api/commissions/${stranger.commission.id}/outbox`, { cookie: stranger.admin.cookie }))
        .json.mails,
    ).toEqual([]);
  });

  it('shows one mail’s body to its commission’s admin (to copy an invitation link), to no one else', async () => {
    const w = await outboxWorld();
    const id = w.ids[0];
    const res = await ctx.request('GET', `/api/outbox/${id}`, { cookie: w.admin.cookie });
    expect(res.status).toBe(200);
    expect(res.json.mail).toMatchObject({ id: Number(id), kind: 'invitation', status: 'sent' });
    expect(res.json.mail.body).toContain(`${PUBLIC_URL}/invitations/token-invitation`);
    const stranger = await saqWorld(ctx);
    expect((await ctx.request('GET', `/api/outbox/${id}`, { cookie: stranger.admin.cookie })).status).toBe(404);
    expect((await ctx.request('GET', `/api/outbox/${id}`, { cookie: w.operator.cookie })).status).toBe(403);
    expect((await ctx.request('GET', '/api/outbox/2147483647', { cookie: w.admin.cookie })).status).toBe(404);
    expect((await ctx.request('GET', '/api/outbox/abc', { cookie: w.admin.cookie })).status).toBe(422);
    // a mail of no commission is the platform admins' alone
    await queueMail(ctx.db, { kind: 'system', recipient: 'ops@test.example', subject: 's', body: 'b', payload: {} });
    const orphan = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('kind', '=', 'system')
      .executeTakeFirstOrThrow();
    expect((await ctx.request('GET', `/api/outbox/${orphan.id}`, { cookie: w.admin.cookie })).status).toBe(404);
    const platform = await ctx.factory.user('platform_admin');
    expect((await ctx.request('GET', `/api/outbox/${orphan.id}`, { cookie: platform.cookie })).status).toBe(200);
  });
});

/** Quoted-printable decoding (RFC 2045), enough to read back the text part nodemailer wrote. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`)
    .replace(/%(?![0-9A-F]{2})/gi, '%25');
  return decodeURIComponent(bytes);
}

describe('SMTP', () => {
  const received: { from: string; to: string[]; data: string }[] = [];
  let server: SMTPServer;
  let port: number;
  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('refused')) {
          const error = Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  // the sender is called as the outbox's delivery calls it (deliverPending claims every pending mail of the database,
  // which on a shared PostgreSQL test database are other files' too): the outbox's retry rules have tests of their own
  it('delivers a mail to the SMTP server: sender, recipient, subject and the bilingual body', async () => {
    const sender = createSmtpMailSender({ url: `smtp://127.0.0.1:${port}`, from: 'Informatif <no-reply@ki.example>' });
    try {
      await sender.send({
        id: 41,
        kind: 'notice.reminder',
        recipient: 'ppid@badan.example',
        subject: 'Pengingat klarifikasi',
        body: 'Klarifikasi jatuh tempo — 2031-03-11 10:00 WIB\n\nClarification due — see above.',
      });
      const mail = received.find((r) => r.to.includes('ppid@badan.example'));
      expect(mail?.from).toBe('no-reply@ki.example');
      expect(mail?.to).toEqual(['ppid@badan.example']);
      const data = mail?.data ?? '';
      expect(data).toMatch(/^Subject: Pengingat klarifikasi\r?$/m);
      expect(data).toMatch(/^From: Informatif <no-reply@ki\.example>\r?$/m);
      expect(data).toMatch(/^X-Informatif-Outbox-Id: 41\r?$/im);
      const body = data.slice(data.search(/\r?\n\r?\n/));
      const decoded = /quoted-printable/i.test(data) ? decodeQuotedPrintable(body) : body;
      expect(decoded).toContain('Klarifikasi jatuh tempo — 2031-03-11 10:00 WIB');
      expect(decoded).toContain('Clarification due — see above.');
    } finally {
      sender.close();
    }
  });

  it('the server picks the SMTP sender when SMTP_URL is set (from MAIL_FROM), else the log, which never logs the body', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', (line) => lines.push(line));
    const smtp = mailSenderOf(
      loadEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'KI Pusat <monev@ki.example>' }),
      logger,
    );
    try {
      await smtp.send({
        id: 44,
        kind: 'invitation',
        recipient: 'baru@badan.example',
        subject: 'Undangan',
        body: 'rahasia',
      });
      expect(received.find((r) => r.to.includes('baru@badan.example'))?.from).toBe('monev@ki.example');
    } finally {
      (smtp as { close?: () => void }).close?.();
    }
    const log = mailSenderOf(loadEnv({}), logger);
    await log.send({
      id: 45,
      kind: 'invitation',
      recipient: 'lain@badan.example',
      subject: 'Undangan',
      body: 'rahasia',
    });
    expect(received.some((r) => r.to.includes('lain@badan.example'))).toBe(false);
    expect(lines.join('\n')).toContain('lain@badan.example');
    expect(lines.join('\n')).not.toContain('rahasia');
  });

  it('rejects when the server refuses the recipient, with the server’s answer (the outbox counts a failed attempt)', async () => {
    const sender = createSmtpMailSender({ url: `smtp://127.0.0.1:${port}`, from: 'no-reply@ki.example' });
    try {
      await expect(
        sender.send({
          id: 42,
          kind: 'notice.assigned',
          recipient: 'refused@badan.example',
          subject: 'Tugas',
          body: 'x',
        }),
      ).rejects.toThrow(/550|Mailbox unavailable/);
      expect(received.some((r) => r.to.includes('refused@badan.example'))).toBe(false);
    } finally {
      sender.close();
    }
  });

  it('rejects when no server answers, so that the outbox retries later', async () => {
    const closed = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const sender = createSmtpMailSender({
      url: `smtp://127.0.0.1:${deadPort}`,
      from: 'no-reply@ki.example',
      timeoutMs: 2000,
    });
    try {
      await expect(
        sender.send({ id: 43, kind: 'notice.assigned', recipient: 'ppid@badan.example', subject: 'Tugas', body: 'x' }),
      ).rejects.toThrow();
    } finally {
      sender.close();
    }
  });
});

describe('the mail settings', () => {
  it('SMTP_URL must be an smtp:// or smtps:// URL; MAIL_FROM has a default and refuses a line break', () => {
    expect(loadEnv({ SMTP_URL: 'smtps://user:pass@mail.example:465' })).toMatchObject({
      SMTP_URL: 'smtps://user:pass@mail.example:465',
      MAIL_FROM: 'Informatif <no-reply@localhost>',
    });
    expect(loadEnv({}).SMTP_URL).toBeUndefined();
    expect(() => loadEnv({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadEnv({ MAIL_FROM: 'a@b.example\nBcc: x@y.example' })).toThrow(/MAIL_FROM/);
  });
});

import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational, sum } from '../../src/domain/rational.ts';
import { hashToken, randomToken } from '../../src/lib/tokens.ts';
import { type DemoRegistry, operatorEmail, seedDemo } from '../../src/modules/demo/demo.service.ts';
import { periodResults } from '../../src/modules/results/results.service.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

/**
 * The demo's review cycle, seeded into a test database: the past period stands at the results stage with everything
 * the review leaves behind, its finals are the engine's, and the current period's SAQ is partly filled. The fixture's
 * commission code, e-mail domains and body names get a tag of this run, so that a shared PostgreSQL database (where
 * other suites add their own tenants) holds no second "KIP" or demo address.
 */
const fixture = JSON.parse(readFileSync('fixtures/demo/kip-registry.json', 'utf8')) as DemoRegistry;

function tagged(tag: string): DemoRegistry {
  const email = (e: string) => e.replace(/@([a-z0-9.-]+)\.demo$/, `@$1-${tag}.demo`);
  const cycle = fixture.cycle;
  if (!cycle) throw new Error('the demo fixture has no cycle');
  return {
    ...fixture,
    commission: { ...fixture.commission, code: tag.toUpperCase() },
    bodies: fixture.bodies.map((b) => ({ ...b, name: `${b.name} ${tag}` })),
    staff: fixture.staff.map((s) => ({ ...s, email: email(s.email) })),
    platformAdmins: fixture.platformAdmins.map((a) => ({ ...a, email: email(a.email) })),
    cycle: {
      ...cycle,
      past: { ...cycle.past, notStarted: cycle.past.notStarted?.map((n) => `${n} ${tag}`) },
      current: { untouched: cycle.current?.untouched?.map((n) => `${n} ${tag}`) ?? [] },
      admin: email(cycle.admin),
      verifiers: cycle.verifiers.map(email),
      jurors: cycle.jurors.map(email),
    },
  };
}

let ctx: TestContext;
// the seed's day is today: the current SAQ's window is laid around it, and the app's clock says today too
const NOW = new Date();

interface Seeded {
  tag: string;
  demo: DemoRegistry;
  commissionId: string;
  past: { id: string; methodology: any };
  current: { id: string };
  userId: (email: string) => Promise<string>;
}

let passwordHash: string | undefined;

async function seed(): Promise<Seeded> {
  const tag = unique('d').toLowerCase();
  const demo = tagged(tag);
  // one hash for every seed of this file, as one demo has: on a shared PostgreSQL the start's login check
  // (demo-logins.test.ts) reads the few most used hashes of the .demo accounts, and must still find its own
  passwordHash ??= await ctx.deps.passwordHasher.hash(demo.password);
  const hash = passwordHash;
  await ctx.db.transaction().execute((trx) => seedDemo(trx, hash, demo, NOW));
  const commission = await ctx.db
    .selectFrom('commissions')
    .select('id')
    .where('code', '=', demo.commission.code)
    .executeTakeFirstOrThrow();
  const periods = await ctx.db
    .selectFrom('periods')
    .select(['id', 'year', 'stage', 'methodology'])
    .where('commissionId', '=', commission.id)
    .orderBy('year')
    .execute();
  // the earlier years are imported decrees (issue 23), published
  expect(periods.map((p) => [p.year, p.stage])).toEqual([
    [2021, 'published'],
    [2022, 'published'],
    [2023, 'published'],
    [2024, 'published'],
    [2025, 'published'],
    [2026, 'saq'],
  ]);
  const pastPeriod = periods.find((p) => p.year === 2025);
  const currentPeriod = periods.find((p) => p.year === 2026);
  const userId = async (email: string) =>
    (await ctx.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  return {
    tag,
    demo,
    commissionId: commission.id,
    past: { id: pastPeriod?.id as string, methodology: pastPeriod?.methodology },
    current: { id: currentPeriod?.id as string },
    userId,
  };
}

/** A session for a seeded account (the demo's users sign in with a password; a test needs only the cookie). */
async function cookieOf(userId: string) {
  const token = randomToken();
  await ctx.db
    .insertInto('sessions')
    .values({
      tokenHash: await hashToken(ctx.deps.sessionSecret, token),
      userId,
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .execute();
  return `informatif_session=${token}`;
}

let world: Seeded;
beforeAll(async () => {
  ctx = await createTestContext();
  world = await seed();
});
afterAll(async () => ctx?.close());

/** The seeded answers of a period, with their body. */
async function answersOf(periodId: string) {
  return ctx.db
    .selectFrom('answers as a')
    .innerJoin('submissions as s', 's.id', 'a.submissionId')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .select([
      'b.name as bodyName',
      's.id as submissionId',
      'a.questionCode',
      'a.value',
      'a.note',
      'a.selfPoints',
      'a.verifiedValue',
      'a.verifiedPoints',
      'a.verifiedReason',
      'a.verifiedBy',
      'a.verifiedAt',
    ])
    .where('s.periodId', '=', periodId)
    .orderBy('b.name')
    .orderBy('a.questionCode')
    .execute();
}

describe('the past period (2025), through the results stage to publication', () => {
  it('went through every stage, recorded with the admin and a reason', async () => {
    const events = await ctx.db
      .selectFrom('stageEvents')
      .select(['fromStage', 'toStage', 'actorId', 'reason', 'at'])
      .where('periodId', '=', world.past.id)
      .orderBy('at')
      .execute();
    const admin = await world.userId(world.demo.cycle?.admin as string);
    expect(events.map((e) => `${e.fromStage}>${e.toStage}`)).toEqual([
      'draft>saq',
      'saq>verification',
      'verification>objection',
      'objection>presentation',
      'presentation>results',
      'results>published',
    ]);
    const audited = await ctx.db
      .selectFrom('auditEvents')
      .select(['after', 'actorId'])
      .where('subjectId', '=', world.past.id)
      .where('event', '=', 'period.stage_moved')
      .orderBy('at')
      .execute();
    // the move to published is the publication's (audited as results.published)
    expect(audited.map((a) => a.after)).toEqual(
      events.filter((e) => e.toStage !== 'published').map((e) => ({ stage: e.toStage })),
    );
    for (const e of events) {
      expect(e.actorId).toBe(admin);
      expect(e.reason).toMatch(/\S/);
      expect(new Date(e.at).getUTCFullYear()).toBe(2025);
    }
  });

  it('has a spread of strong, weak and missing bodies, verified by both evaluators', async () => {
    const subs = await ctx.db
      .selectFrom('submissions')
      .select(['id', 'status', 'verificationState', 'verificationCompletedBy', 'proceeds', 'submittedAt'])
      .where('periodId', '=', world.past.id)
      .execute();
    const submitted = subs.filter((s) => s.status === 'submitted');
    expect(submitted.length).toBeGreaterThan(60);
    // a few never submitted: a draft locked at the SAQ's close, or no submission at all
    expect(subs.filter((s) => s.status === 'locked').length).toBeGreaterThan(0);
    expect(subs.length).toBeLessThan(world.demo.bodies.length);
    for (const s of submitted) expect(s.verificationState).toBe('complete');
    const assignments = await ctx.db
      .selectFrom('assignments')
      .select(['submissionId', 'evaluatorId'])
      .where('periodId', '=', world.past.id)
      .execute();
    expect(assignments.map((a) => a.submissionId).sort()).toEqual(submitted.map((s) => s.id).sort());
    const verifiers = await Promise.all((world.demo.cycle?.verifiers ?? []).map(world.userId));
    expect(new Set(assignments.map((a) => a.evaluatorId))).toEqual(new Set(verifiers));
    const evaluatorOf = new Map(assignments.map((a) => [a.submissionId, a.evaluatorId]));
    for (const s of submitted) expect(s.verificationCompletedBy).toBe(evaluatorOf.get(s.id));

    // self scores spread from weak to strong (the engine's SAQ of the answers themselves)
    const rows = await answersOf(world.past.id);
    const bySubmission = new Map<string, number>();
    for (const a of rows)
      bySubmission.set(a.submissionId, (bySubmission.get(a.submissionId) ?? 0) + Number(a.selfPoints));
    const totals = [...bySubmission.values()];
    expect(Math.max(...totals) - Math.min(...totals)).toBeGreaterThan(30);
  });

  it('keeps verified values that differ from the answers, with the reasons, the evaluator and the history', async () => {
    const rows = await answersOf(world.past.id);
    const verified = rows.filter((a) => a.verifiedAt !== null);
    expect(verified.length).toBeGreaterThan(4000);
    const changed = verified.filter((a) => JSON.stringify(a.verifiedValue) !== JSON.stringify(a.value));
    expect(changed.length).toBeGreaterThan(50);
    expect(changed.some((a) => a.verifiedPoints !== null && Number(a.verifiedPoints) > Number(a.selfPoints))).toBe(
      true,
    );
    for (const a of changed) {
      expect(a.verifiedReason).toMatch(/\S/);
      expect(a.verifiedBy).not.toBeNull();
    }
    // accepted answers carry their own value, no reason, and the same points
    for (const a of verified.filter((x) => !changed.includes(x)).slice(0, 200)) {
      expect(a.verifiedPoints).toEqual(a.selfPoints);
    }
    // the history of a corrected item says who changed it, to what, and why
    const item = changed[0] as (typeof changed)[number];
    const history = await ctx.db
      .selectFrom('submissionHistory')
      .select(['event', 'actorId', 'after', 'reason'])
      .where('submissionId', '=', item.submissionId)
      .where('questionCode', '=', item.questionCode)
      .orderBy('id')
      .execute();
    expect(history[0]?.event).toBe('answer.saved');
    const set = history.find((h) => h.event === 'verification.set');
    expect(set?.reason).toMatch(/\S/);
    expect(set?.actorId).not.toBeNull();
  });

  it('has clarifications answered with evidence, and objections accepted and rejected with reasons', async () => {
    const clarifications = await ctx.db
      .selectFrom('clarifications as c')
      .innerJoin('submissions as s', 's.id', 'c.submissionId')
      .select(['c.id', 'c.status', 'c.submissionId', 'c.questionCode'])
      .where('s.periodId', '=', world.past.id)
      .execute();
    expect(clarifications.length).toBeGreaterThanOrEqual(3);
    const messages = await ctx.db
      .selectFrom('clarificationMessages')
      .select(['clarificationId', 'evidence', 'message'])
      .where(
        'clarificationId',
        'in',
        clarifications.map((c) => c.id),
      )
      .orderBy('id')
      .execute();
    const withEvidence = messages.filter((m) => Array.isArray(m.evidence) && m.evidence.length > 0);
    expect(withEvidence.length).toBeGreaterThan(0);
    // the reply's evidence is on the item, and in its history
    const replied = clarifications.find((c) => c.id === withEvidence[0]?.clarificationId) as (typeof clarifications)[0];
    const url = (withEvidence[0]?.evidence as { url: string }[] | undefined)?.[0]?.url;
    const evidence = await ctx.db
      .selectFrom('evidence')
      .select('url')
      .where('submissionId', '=', replied.submissionId)
      .where('questionCode', '=', replied.questionCode)
      .execute();
    expect(evidence.map((e) => e.url)).toContain(url);
    const added = await ctx.db
      .selectFrom('submissionHistory')
      .select('after')
      .where('submissionId', '=', replied.submissionId)
      .where('event', '=', 'clarification.evidence_added')
      .execute();
    expect(added.map((h) => h.after)).toContainEqual({ evidence: [{ url }], clarificationId: replied.id });

    const objections = await ctx.db
      .selectFrom('objections as o')
      .innerJoin('submissions as s', 's.id', 'o.submissionId')
      .innerJoin('answers as a', (j) =>
        j.onRef('a.submissionId', '=', 'o.submissionId').onRef('a.questionCode', '=', 'o.questionCode'),
      )
      .select([
        'o.status',
        'o.reason',
        'o.decisionReason',
        'o.decidedBy',
        'o.beforeValue',
        'o.afterValue',
        'a.value',
        'a.verifiedValue',
        'a.verifiedReason',
      ])
      .where('s.periodId', '=', world.past.id)
      .execute();
    const accepted = objections.filter((o) => o.status === 'accepted');
    const rejected = objections.filter((o) => o.status === 'rejected');
    expect(accepted.length).toBeGreaterThan(0);
    expect(rejected.length).toBeGreaterThan(0);
    for (const o of objections) {
      expect(o.reason).toMatch(/\S/);
      expect(o.decisionReason).toMatch(/\S/);
      expect(o.decidedBy).not.toBeNull();
    }
    // accepted: the new verified value stands, with the decision as its reason; rejected: the value stays
    for (const o of accepted) {
      expect(o.afterValue).not.toEqual(o.beforeValue);
      expect(o.verifiedValue).toEqual(o.afterValue);
      expect(o.verifiedReason).toBe(o.decisionReason);
    }
    for (const o of rejected) {
      expect(o.afterValue).toEqual(o.beforeValue);
      expect(o.verifiedValue).toEqual(o.beforeValue);
    }
  });

  it('has panel scores only for the bodies that passed the gate, from every juror', async () => {
    const subs = await ctx.db
      .selectFrom('submissions')
      .select(['id', 'proceeds'])
      .where('periodId', '=', world.past.id)
      .execute();
    const scores = await ctx.db
      .selectFrom('panelScores as p')
      .innerJoin('submissions as s', 's.id', 'p.submissionId')
      .select(['p.submissionId', 'p.jurorId', 'p.component'])
      .where('s.periodId', '=', world.past.id)
      .execute();
    const proceeding = new Set(subs.filter((s) => s.proceeds === true).map((s) => s.id));
    expect(proceeding.size).toBeGreaterThan(10);
    expect(subs.filter((s) => s.proceeds === false).length).toBeGreaterThan(0);
    expect(new Set(scores.map((s) => s.submissionId))).toEqual(proceeding);
    const jurors = await Promise.all((world.demo.cycle?.jurors ?? []).map(world.userId));
    const members = await ctx.db
      .selectFrom('panelMembers')
      .select('userId')
      .where('periodId', '=', world.past.id)
      .execute();
    expect(new Set(members.map((m) => m.userId))).toEqual(new Set(jurors));
    expect(scores.length).toBe(proceeding.size * jurors.length);
  });

  it("gives each body the engine's final, as computed here from its rows", async () => {
    const admin = await cookieOf(await world.userId(world.demo.cycle?.admin as string));
    const res = await ctx.request('POST', `/api/periods/${world.past.id}/whatif`, {
      cookie: admin,
      body: { methodology: world.past.methodology },
    });
    expect(res.status).toBe(200);
    const engine = new Map<string, { final: number; band: string }>(
      res.json.rows.map((r: any) => [r.bodyName, r.current]),
    );
    expect(engine.size).toBe(world.demo.bodies.length);

    // the questionnaire as stored (weights, max points) and every submitted answer's points
    const questions = await ctx.db
      .selectFrom('questions as q')
      .innerJoin('indicators as i', 'i.id', 'q.indicatorId')
      .innerJoin('questionnaires as qn', 'qn.id', 'q.questionnaireId')
      .select([
        'qn.categoryId',
        'q.code',
        'q.weight',
        'q.maxPoints',
        'i.code as indicator',
        'i.weight as indicatorWeight',
      ])
      .where('qn.periodId', '=', world.past.id)
      .execute();
    const subs = await ctx.db
      .selectFrom('submissions as s')
      .innerJoin('bodies as b', 'b.id', 's.bodyId')
      .select(['s.id', 'b.name', 'b.categoryId', 's.submittedAt'])
      .where('s.periodId', '=', world.past.id)
      .execute();
    const answers = await ctx.db
      .selectFrom('answers as a')
      .innerJoin('submissions as s', 's.id', 'a.submissionId')
      .select(['a.submissionId', 'a.questionCode', 'a.selfPoints', 'a.verifiedPoints'])
      .where('s.periodId', '=', world.past.id)
      .execute();
    const panel = await ctx.db
      .selectFrom('panelScores as p')
      .innerJoin('submissions as s', 's.id', 'p.submissionId')
      .select(['p.submissionId', 'p.score'])
      .where('s.periodId', '=', world.past.id)
      .execute();

    const panelCorrections = await ctx.db
      .selectFrom('corrections')
      .select(['submissionId', 'score'])
      .where('periodId', '=', world.past.id)
      .where('kind', '=', 'panel_score')
      .orderBy('createdAt')
      .orderBy('id')
      .execute();
    // DOMAIN.md: indicator = 100 x sum(f x w) / sum(w); SAQ = sum(indicator x weight) / sum(weights); the gate on the
    // SAQ rounded at 2 decimals (>= 70); final = (SAQ x 80 + panel mean x 20) / 100, the panel at 0 below the gate
    const finalOf = (submissionId: string, categoryId: string) => {
      const points = new Map(
        answers
          .filter((a) => a.submissionId === submissionId)
          .map((a) => [a.questionCode, Rational.of(a.verifiedPoints ?? a.selfPoints)]),
      );
      const indicators = new Map<string, { weight: Rational; earned: Rational; possible: Rational }>();
      for (const q of questions.filter((x) => x.categoryId === categoryId)) {
        const entry = indicators.get(q.indicator) ?? {
          weight: Rational.of(q.indicatorWeight),
          earned: Rational.ZERO,
          possible: Rational.ZERO,
        };
        const f = (points.get(q.code) ?? Rational.ZERO).div(Rational.of(q.maxPoints));
        entry.earned = entry.earned.add(f.mul(Rational.of(q.weight)));
        entry.possible = entry.possible.add(Rational.of(q.weight));
        indicators.set(q.indicator, entry);
      }
      const all = [...indicators.values()];
      const saq = sum(all.map((i) => Rational.HUNDRED.mul(i.earned).div(i.possible).mul(i.weight))).div(
        sum(all.map((i) => i.weight)),
      );
      const juror = panel.filter((p) => p.submissionId === submissionId).map((p) => Rational.of(p.score));
      const passes = !saq.round(2).lt(Rational.of(70));
      // a panel correction after the results stage (the 2025 amendment) replaces the jurors' mean
      const corrected = panelCorrections.filter((c) => c.submissionId === submissionId).at(-1);
      const mean = !passes
        ? Rational.ZERO
        : corrected
          ? Rational.of(corrected.score as string)
          : juror.length > 0
            ? sum(juror).div(Rational.of(juror.length))
            : Rational.ZERO;
      return {
        saq,
        passes,
        juror: juror.length,
        final: saq
          .mul(Rational.of(80))
          .add(mean.mul(Rational.of(20)))
          .div(Rational.HUNDRED),
      };
    };

    let withPanel = 0;
    let belowGate = 0;
    for (const s of subs) {
      const expected = s.submittedAt ? finalOf(s.id, s.categoryId) : null;
      const final = expected ? expected.final.toFixed(2) : '0.00';
      expect(engine.get(s.name)?.final.toFixed(2), s.name).toBe(final);
      if (expected?.passes && expected.juror > 0) withPanel++;
      if (expected && !expected.passes) belowGate++;
    }
    expect(withPanel).toBeGreaterThan(10);
    expect(belowGate).toBeGreaterThan(0);
    // bodies that never opened the SAQ score 0.00 in the lowest band
    const absent = world.demo.bodies.filter((b) => !subs.some((s) => s.name === b.name));
    expect(absent.length).toBeGreaterThan(0);
    for (const b of absent) expect(engine.get(b.name)).toMatchObject({ final: 0, band: 'Tidak Informatif' });
    // a spread of bands
    expect(new Set([...engine.values()].map((r) => r.band)).size).toBeGreaterThanOrEqual(3);
  });
});

describe('the seeded review through the API', () => {
  it('shows the history with actors and reasons, and each evaluator only what the assignment and the panel allow', async () => {
    const [first, second] = await Promise.all((world.demo.cycle?.verifiers ?? []).map(world.userId));
    const juror = await world.userId((world.demo.cycle?.jurors ?? []).at(-1) as string);
    const admin = await cookieOf(await world.userId(world.demo.cycle?.admin as string));
    // a submission of the first evaluator's that did not pass the gate: only its evaluator sees it
    const below = await ctx.db
      .selectFrom('submissions as s')
      .innerJoin('assignments as a', 'a.submissionId', 's.id')
      .select(['s.id'])
      .where('s.periodId', '=', world.past.id)
      .where('s.proceeds', '=', false)
      .where('a.evaluatorId', '=', first as string)
      .executeTakeFirstOrThrow();
    const as = async (userId: string) =>
      (await ctx.request('GET', `/api/submissions/${below.id}`, { cookie: await cookieOf(userId) })).status;
    expect(await as(first as string)).toBe(200);
    expect(await as(second as string)).toBe(404);
    expect(await as(juror)).toBe(404);
    // a proceeding body: the juror sees it as a member of the panel
    const proceeding = await ctx.db
      .selectFrom('submissions')
      .select('id')
      .where('periodId', '=', world.past.id)
      .where('proceeds', '=', true)
      .executeTakeFirstOrThrow();
    const seen = await ctx.request('GET', `/api/submissions/${proceeding.id}`, { cookie: await cookieOf(juror) });
    expect(seen.status).toBe(200);

    const corrected = await ctx.db
      .selectFrom('answers as a')
      .innerJoin('submissions as s', 's.id', 'a.submissionId')
      .select(['a.submissionId', 'a.questionCode', 'a.verifiedReason'])
      .where('s.periodId', '=', world.past.id)
      .where('a.verifiedReason', 'is not', null)
      .executeTakeFirstOrThrow();
    const history = await ctx.request(
      'GET',
      `/api/submissions/${corrected.submissionId}/history?questionCode=${corrected.questionCode}`,
      { cookie: admin },
    );
    expect(history.status).toBe(200);
    const events = JSON.stringify(history.json);
    expect(events).toContain('verification.set');
    expect(events).toContain(corrected.verifiedReason as string);
  });
});

// before the current period's tests: carrying forward adds answers to the first seed's 2026 submissions
describe('the outbox of a fresh demo', () => {
  it('holds the notices of the past cycle, as the review sends them, delivered', async () => {
    const w = await seed();
    const mails = await ctx.db
      .selectFrom('outbox')
      .select(['kind', 'recipient', 'body', 'sentAt'])
      .where(sql<string>`payload->>'commissionId'`, '=', w.commissionId)
      .execute();
    const kinds = new Set(mails.map((m) => m.kind));
    for (const kind of [
      'notice.assigned',
      'notice.clarification_asked',
      'notice.clarification_answered',
      'notice.verification_released',
      'notice.objection_decided',
    ])
      expect(kinds).toContain(kind);
    expect(mails.every((m) => m.sentAt !== null)).toBe(true);
    const assigned = mails.filter((m) => m.kind === 'notice.assigned');
    expect(assigned.map((m) => m.recipient).sort()).toEqual([
      w.demo.staff.find((s) => s.email.startsWith('evaluator1'))?.email,
      w.demo.staff.find((s) => s.email.startsWith('evaluator2'))?.email,
    ]);
    expect(assigned[0]?.body).toContain('http://localhost:3000/evaluations');
  });
});

describe('determinism', () => {
  it('seeds the same data every time', async () => {
    const again = await seed();
    const shape = async (s: Seeded) =>
      (await answersOf(s.past.id)).map((a) => [
        a.bodyName.replace(` ${s.tag}`, ''),
        a.questionCode,
        a.value,
        a.note,
        a.verifiedValue,
        a.verifiedReason,
      ]);
    expect(await shape(again)).toEqual(await shape(world));
    const current = async (s: Seeded) =>
      (await answersOf(s.current.id)).map((a) => [a.bodyName.replace(` ${s.tag}`, ''), a.questionCode, a.value]);
    expect(await current(again)).toEqual(await current(world));
    // the earlier years' generated figures too (issue 23)
    const earlier = async (s: Seeded) =>
      (
        await ctx.db
          .selectFrom('resultRows as r')
          .innerJoin('periods as p', 'p.id', 'r.periodId')
          .select(['p.year', 'r.bodyName', 'r.final', 'r.rank', 'r.example'])
          .where('p.commissionId', '=', s.commissionId)
          .where('p.year', '<', 2025)
          .orderBy('p.year')
          .orderBy('r.position')
          .execute()
      ).map((r) => [r.year, r.bodyName.replace(` ${s.tag}`, ''), r.final, r.rank, r.example]);
    const history = await earlier(world);
    expect(history.length).toBe(4 * world.demo.bodies.length);
    expect(await earlier(again)).toEqual(history);
  });
});

describe('the current period (2026), at the SAQ stage', () => {
  it('has submitted, partly filled and untouched bodies, with saves before now', async () => {
    const admin = await cookieOf(await world.userId(world.demo.cycle?.admin as string));
    const res = await ctx.request('GET', `/api/periods/${world.current.id}/submissions`, { cookie: admin });
    expect(res.status).toBe(200);
    const submissions: any[] = res.json.submissions;
    const submitted = submissions.filter((s) => s.status === 'submitted');
    const partly = submissions.filter((s) => s.status === 'draft' && s.answered > 0 && s.answered < 69);
    expect(submitted.length).toBeGreaterThan(5);
    expect(partly.length).toBeGreaterThan(5);
    for (const s of submitted) expect(s.answered).toBe(69);
    expect(res.json.notStarted.length).toBeGreaterThan(10);
    // the bodies kept for a blank form have not started, and the one named never opened the 2025 SAQ either
    const notStarted = new Set(res.json.notStarted.map((b: any) => b.bodyName));
    for (const name of world.demo.cycle?.current?.untouched ?? []) expect(notStarted.has(name), name).toBe(true);
    const past = new Set((await answersOf(world.past.id)).map((a) => a.bodyName));
    for (const name of world.demo.cycle?.past.notStarted ?? []) expect(past.has(name), name).toBe(false);
    const latest = await ctx.db
      .selectFrom('answers as a')
      .innerJoin('submissions as s', 's.id', 'a.submissionId')
      .select(sql<Date>`max(a.updated_at)`.as('at'))
      .where('s.periodId', '=', world.current.id)
      .executeTakeFirstOrThrow();
    expect(new Date(latest.at).getTime()).toBeLessThan(NOW.getTime());
    // what-if shows real data: the submitted bodies score above 0
    const whatIf = await ctx.request('POST', `/api/periods/${world.current.id}/whatif`, {
      cookie: admin,
      body: { methodology: world.past.methodology },
    });
    expect(whatIf.status).toBe(200);
    expect(whatIf.json.rows.filter((r: any) => r.current.final > 0).length).toBe(submitted.length);
  });

  it('lets a body that has not started carry its 2025 answers forward', async () => {
    const admin = await cookieOf(await world.userId(world.demo.cycle?.admin as string));
    const list = await ctx.request('GET', `/api/periods/${world.current.id}/submissions`, { cookie: admin });
    const pastBodies = new Set(
      (
        await ctx.db
          .selectFrom('submissions as s')
          .innerJoin('bodies as b', 'b.id', 's.bodyId')
          .select('b.name')
          .where('s.periodId', '=', world.past.id)
          .where('s.status', '=', 'submitted')
          .execute()
      ).map((b) => b.name),
    );
    const body = list.json.notStarted.find((b: any) => pastBodies.has(b.bodyName));
    expect(body).toBeDefined();
    const operator = await cookieOf(await world.userId(operatorEmail(body.bodyName)));
    // the SAQ window is laid around the seed's day; the app's clock is today, so open it as the operator would
    const mine = await ctx.request('GET', `/api/periods/${world.current.id}/submissions/mine`, { cookie: operator });
    expect(mine.status).toBe(200);
    const sid = mine.json.submission.id;
    expect(sid).toBeTruthy();
    const before = (await answersOf(world.past.id)).filter((a) => a.bodyName === body.bodyName);
    const carried = await ctx.request('POST', `/api/submissions/${sid}/carry-forward`, { cookie: operator });
    expect(carried.status).toBe(200);
    expect(carried.json).toMatchObject({ carried: before.length, fromYear: 2025 });
    const now = new Map(carried.json.submission.answers.map((a: any) => [a.questionCode, a]));
    for (const a of before) {
      expect((now.get(a.questionCode) as any)?.value).toEqual(a.value);
      expect((now.get(a.questionCode) as any)?.carried).toBe(true);
    }
  });
});

describe('the earlier years (2021-2024), imported decrees (issue 23)', () => {
  const fixtureRows = readFileSync('fixtures/history/kip-published-results.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const m = /^(\d+),"([^"]+)",([A-Z]+),([\d.]+)$/.exec(line.trim());
      if (!m) throw new Error(`fixture line ${line}`);
      return { year: Number(m[1]), bodyName: m[2] as string, categoryCode: m[3] as string, final: m[4] as string };
    });

  async function history() {
    const rows = await ctx.db
      .selectFrom('resultRows as r')
      .innerJoin('resultVersions as v', 'v.id', 'r.versionId')
      .innerJoin('periods as p', 'p.id', 'r.periodId')
      .select([
        'p.year',
        'p.stage',
        'v.version',
        'v.source',
        'v.example as versionExample',
        'r.bodyId',
        'r.bodyName',
        'r.categoryCode',
        'r.final',
        'r.band',
        'r.rank',
        'r.example',
      ])
      .where('p.commissionId', '=', world.commissionId)
      .where('p.year', '<', 2025)
      .orderBy('p.year')
      .orderBy('r.position')
      .execute();
    return rows.map((r) => ({ ...r, bodyName: r.bodyName.replace(` ${world.tag}`, ''), final: Number(r.final) }));
  }

  it('has 2021-2024 published as imported version 1, every demo body ranked each year', async () => {
    const rows = await history();
    const years = [2021, 2022, 2023, 2024];
    for (const year of years) {
      const of = rows.filter((r) => r.year === year);
      expect(of.length, String(year)).toBe(world.demo.bodies.length);
      expect(new Set(of.map((r) => r.bodyId)).size).toBe(world.demo.bodies.length);
      expect(of.every((r) => r.stage === 'published' && r.version === 1 && r.source === 'imported')).toBe(true);
      expect(of.every((r) => r.final >= 0 && r.final <= 100)).toBe(true);
      // spread across the bands, not bunched in one
      expect(new Set(of.map((r) => r.band)).size, String(year)).toBeGreaterThanOrEqual(4);
    }
    // a body keeps its demo category
    const category = new Map(world.demo.bodies.map((b) => [b.name.replace(` ${world.tag}`, ''), b.categoryCode]));
    expect(rows.every((r) => category.get(r.bodyName) === r.categoryCode)).toBe(true);
    // no body was added to the registry by the import
    const bodies = await ctx.db
      .selectFrom('bodies')
      .select('id')
      .where('commissionId', '=', world.commissionId)
      .execute();
    expect(bodies.length).toBe(world.demo.bodies.length);
  });

  it('carries the fixture’s 2022 PARPOL figures as they are, real (not examples), competition-ranked', async () => {
    const parpol = (await history()).filter((r) => r.year === 2022 && r.categoryCode === 'PARPOL');
    const expected = fixtureRows.filter((r) => r.year === 2022 && r.categoryCode === 'PARPOL');
    expect(expected.length).toBe(9);
    expect(parpol.map((r) => [r.bodyName, r.final.toFixed(2), r.example])).toEqual(
      expected.map((r) => [r.bodyName, r.final, false]),
    );
    // 99.50, 99.50, 98.70: ranks 1, 1, 3
    expect(parpol.map((r) => r.rank).slice(0, 3)).toEqual([1, 1, 3]);
    expect(parpol.map((r) => r.band).slice(0, 5)).toEqual(Array(5).fill('Informatif'));
  });

  it('marks every generated figure as an example, and keeps the fixture’s 2025 rows out of the import', async () => {
    const rows = await history();
    const real = rows.filter((r) => !r.example);
    expect(real.map((r) => [r.year, r.categoryCode]).every(([y, c]) => y === 2022 && c === 'PARPOL')).toBe(true);
    expect(real.length).toBe(9);
    expect(rows.filter((r) => r.example).length).toBe(4 * world.demo.bodies.length - 9);
    // a year's version is an example only when none of its figures is real
    const versionExample = new Map(rows.map((r) => [r.year, r.versionExample]));
    expect([...versionExample]).toEqual([
      [2021, true],
      [2022, false],
      [2023, true],
      [2024, true],
    ]);
    const y2025 = await ctx.db
      .selectFrom('resultVersions')
      .select('id')
      .where('periodId', '=', world.past.id)
      .where('source', '=', 'imported')
      .execute();
    expect(y2025).toEqual([]);
  });

  it('drifts each generated body a few points a year, up to its 2025 result', async () => {
    const rows = await history();
    const preview = await periodResults(ctx.deps, world.past, { previewIfUnpublished: true });
    const final2025 = new Map((preview?.rows ?? []).map((r) => [r.bodyId, r.final]));
    const parpol2022 = new Set(fixtureRows.filter((r) => r.year === 2022).map((r) => r.bodyName));
    for (const body of new Set(rows.map((r) => r.bodyId))) {
      const series = rows.filter((r) => r.bodyId === body);
      if (parpol2022.has(series[0]?.bodyName as string)) continue;
      const finals = series.map((r) => r.final);
      const anchor = final2025.get(body);
      if (anchor !== undefined && anchor > 0) finals.push(anchor);
      for (let i = 1; i < finals.length; i++) {
        expect(Math.abs((finals[i] as number) - (finals[i - 1] as number))).toBeLessThanOrEqual(7.51);
      }
    }
  });
});

describe('the 2025 publication (issue 23)', () => {
  it('has version 1 and its amendment, version 2, with a diff that gives reasons and a revoked certificate', async () => {
    const versions = await ctx.db
      .selectFrom('resultVersions')
      .select([
        'id',
        'version',
        'decreeNumber',
        sql<string>`to_char(decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
        'changed',
      ])
      .where('periodId', '=', world.past.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.decreeNumber, v.decreeDate])).toEqual([
      [1, 'SK 11/KEP/KIP/XII/2025', '2025-12-15'],
      [2, 'SK 12/KEP/KIP/XII/2025', '2025-12-29'],
    ]);
    expect(versions[1]!.changed).toBeGreaterThanOrEqual(2);
    const rows = await ctx.db
      .selectFrom('resultRows')
      .select(['versionId', 'bodyId'])
      .where('periodId', '=', world.past.id)
      .execute();
    expect(rows.filter((r) => r.versionId === versions[0]!.id).length).toBe(
      rows.filter((r) => r.versionId === versions[1]!.id).length,
    );
    const diff = await ctx.db
      .selectFrom('resultDiffs')
      .select(['bodyName', 'before', 'after', 'reasons'])
      .where('versionId', '=', versions[1]!.id)
      .execute();
    const reasoned = diff.filter((d) => (d.reasons as unknown[]).length > 0);
    expect(reasoned.map((d) => (d.reasons as { kind: string }[])[0]!.kind).sort()).toEqual([
      'panel_score',
      'verified_value',
    ]);
    // the verified value moved its body across a band
    const crossed = reasoned.find((d) => (d.reasons as { kind: string }[])[0]!.kind === 'verified_value')!;
    expect((crossed.before as { band: string }).band).not.toBe((crossed.after as { band: string }).band);
    const revoked = await ctx.db
      .selectFrom('certificates')
      .select(['code', 'replacedBy', 'revokedByVersionId'])
      .where('periodId', '=', world.past.id)
      .where('revokedAt', 'is not', null)
      .execute();
    expect(revoked.length).toBeGreaterThanOrEqual(1);
    expect(revoked.every((c) => c.revokedByVersionId === versions[1]!.id)).toBe(true);
    expect(revoked.some((c) => c.replacedBy !== null)).toBe(true);
  });

  it('dates the publications on their decrees’ days and the corrections between them, as the cycle’s own dates', async () => {
    const jakartaDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const versions = await ctx.db
      .selectFrom('resultVersions')
      .select(['id', 'version', 'publishedAt'])
      .where('periodId', '=', world.past.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => jakartaDay(new Date(v.publishedAt)))).toEqual(['2025-12-15', '2025-12-29']);
    const certificates = await ctx.db
      .selectFrom('certificates')
      .select(['versionId', 'issuedAt', 'revokedAt'])
      .where('periodId', '=', world.past.id)
      .execute();
    for (const c of certificates) {
      const version = versions.find((v) => v.id === c.versionId)!;
      expect(new Date(c.issuedAt).getTime()).toBe(new Date(version.publishedAt).getTime());
      if (c.revokedAt) expect(jakartaDay(new Date(c.revokedAt))).toBe('2025-12-29');
    }
    const corrections = await ctx.db
      .selectFrom('corrections')
      .select('createdAt')
      .where('periodId', '=', world.past.id)
      .execute();
    expect(corrections.length).toBe(2);
    for (const c of corrections) {
      const at = new Date(c.createdAt).getTime();
      expect(at).toBeGreaterThan(new Date(versions[0]!.publishedAt).getTime());
      expect(at).toBeLessThan(new Date(versions[1]!.publishedAt).getTime());
    }
    // nothing is left pending for a third version: every correction went into the amendment
    const admin = await cookieOf(await world.userId(world.demo.cycle?.admin as string));
    const results = await ctx.request('GET', `/api/periods/${world.past.id}/results`, { cookie: admin });
    expect(results.status).toBe(200);
    expect(results.json.pendingCorrections).toBe(0);
  });
});

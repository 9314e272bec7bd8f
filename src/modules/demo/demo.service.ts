import type { Db } from '../../db/database.ts';
import type { Methodology } from '../../domain/methodology.ts';
import type { PasswordHasher } from '../../lib/password.ts';
import { slugify } from '../../lib/text.ts';
// The seed writes through the registry's repository (and demo-cycle.service through the periods'), not their services:
// it runs before anyone can sign in (the services authorize an actor, and there is none yet) and seeds everything in
// one transaction of its own (each service opens its own).
import { METHODOLOGY_PRESETS, QUESTIONNAIRE_PRESETS, type QuestionnairePreset } from '../periods/presets.ts';
import * as registry from '../registry/registry.repository.ts';
import { newBodyRow } from '../registry/registry.service.ts';
import * as repo from './demo.repository.ts';
import * as cycleRepo from './demo-cycle.repository.ts';
import {
  createPeriodWithQuestionnaires,
  type DemoBody,
  type DemoCycle,
  seedCurrentFilling,
  seedPastCycle,
} from './demo-cycle.service.ts';
import { seedDemoHistory } from './demo-history.service.ts';
import { seedPastNotices } from './demo-notices.service.ts';
import { seedDemoPublication } from './demo-publication.service.ts';

/** Where the demo's mails link when the caller does not say (API.md's default PUBLIC_URL). */
const DEMO_PUBLIC_URL = 'http://localhost:3000';

export interface DemoRegistry {
  commission: { code: string; name: string };
  categories: { code: string; name: string }[];
  bodies: { name: string; categoryCode: string; province?: string; website?: string }[];
  staff: { email: string; name: string; role: 'commission_admin' | 'evaluator' | 'leadership' }[];
  platformAdmins: { email: string; name: string }[];
  password: string;
  /** A past period that went through the whole review, and the current SAQ partly filled (demo-cycle.service.ts). */
  cycle?: DemoCycle;
}

export interface DemoLogin {
  email: string;
  role: string;
  body?: string;
}

/** The operator account of a demo body: `ppid@<slug>.demo`. */
export const operatorEmail = (bodyName: string) => `ppid@${slugify(bodyName)}.demo`;

/**
 * Seeds the demo registry (API.md's demo data) into an empty database, in one transaction. Returns the logins, or
 * null when the database already holds a commission (a restart never seeds again). The demo password is public, so
 * its hash is computed once and shared by every demo account (one slow hash instead of ~80 at start).
 */
export async function seedDemoIfEmpty(
  db: Db,
  hasher: PasswordHasher,
  demo: DemoRegistry,
  publicUrl = DEMO_PUBLIC_URL,
): Promise<DemoLogin[] | null> {
  if ((await repo.countCommissions(db)) > 0) return null;
  const passwordHash = await hasher.hash(demo.password);
  return db.transaction().execute(async (trx) => {
    if ((await repo.countCommissions(trx)) > 0) return null;
    return seedDemo(trx, passwordHash, demo, new Date(), publicUrl);
  });
}

/**
 * Seeds the demo registry, its current period and (with `demo.cycle`) the review cycle, in the caller's transaction;
 * `now` places the current period's schedule and saves. The demo's accounts must not exist yet.
 */
export async function seedDemo(
  db: Db,
  passwordHash: string,
  demo: DemoRegistry,
  now: Date,
  publicUrl = DEMO_PUBLIC_URL,
): Promise<DemoLogin[]> {
  const commission = await registry.insertCommission(db, { ...demo.commission, province: null });
  const categoryIds = new Map<string, string>();
  for (const category of demo.categories) {
    const row = await registry.insertCategory(db, { commissionId: commission.id, ...category });
    categoryIds.set(category.code, row.id);
  }
  const bodies = await registry.insertBodies(
    db,
    demo.bodies.map((b) => {
      const categoryId = categoryIds.get(b.categoryCode);
      if (!categoryId) throw new Error(`demo body ${b.name}: unknown category ${b.categoryCode}`);
      return newBodyRow(commission.id, categoryId, { ...b, ppidEmail: operatorEmail(b.name) });
    }),
  );
  const logins: DemoLogin[] = [
    ...demo.platformAdmins.map((u) => ({ email: u.email, role: 'platform_admin' })),
    ...demo.staff.map((u) => ({ email: u.email, role: u.role })),
    ...bodies.map((b) => ({ email: operatorEmail(b.name), role: 'body_operator', body: b.name })),
  ];
  const names = new Map<string, string>([
    ...demo.platformAdmins.map((u) => [u.email, u.name] as const),
    ...demo.staff.map((u) => [u.email, u.name] as const),
    ...bodies.map((b) => [operatorEmail(b.name), `PPID ${b.name}`] as const),
  ]);
  const users = await repo.insertUsers(
    db,
    logins.map((l) => ({ email: l.email, name: names.get(l.email) ?? l.email, passwordHash })),
  );
  const userIds = new Map(users.map((u) => [u.email, u.id]));
  const bodyIds = new Map(bodies.map((b) => [b.name, b.id]));
  await repo.insertMemberships(
    db,
    logins.map((l) => ({
      userId: userIds.get(l.email) as string,
      role: l.role,
      commissionId: l.role === 'platform_admin' ? null : commission.id,
      bodyId: l.body ? (bodyIds.get(l.body) ?? null) : null,
    })),
  );
  const methodology = METHODOLOGY_PRESETS.find((p) => p.key === 'ki-pusat-2025')?.methodology;
  const questionnaire = QUESTIONNAIRE_PRESETS.find((q) => q.key === 'ki-pusat-2025');
  if (!methodology || !questionnaire) throw new Error('demo presets missing');
  const adminId = userIds.get(demo.staff[0]?.email ?? '') ?? null;
  const cycle = demo.cycle;
  if (!cycle) {
    await seedCurrentPeriod(db, commission.id, [...categoryIds.values()], adminId, now, methodology, questionnaire);
    return logins;
  }
  const idOf = (email: string) => {
    const id = userIds.get(email);
    if (!id) throw new Error(`demo cycle: no account ${email}`);
    return id;
  };
  const actors = {
    commissionId: commission.id,
    adminId: idOf(cycle.admin),
    verifiers: cycle.verifiers.map((email) => ({ id: idOf(email), name: names.get(email) ?? email })),
    jurorIds: cycle.jurors.map(idOf),
  };
  // in the fixture's order, which the seeded generator follows (the same data on every start)
  const demoBodies: DemoBody[] = demo.bodies.map((b) => ({
    id: bodyIds.get(b.name) as string,
    name: b.name,
    slug: slugify(b.name),
    categoryId: categoryIds.get(b.categoryCode) as string,
    categoryCode: b.categoryCode,
    website: b.website ?? null,
    operatorId: idOf(operatorEmail(b.name)),
  }));
  const past = await seedPastCycle(
    db,
    cycle,
    actors,
    demoBodies,
    [...categoryIds.values()],
    methodology,
    questionnaire,
  );
  // the past cycle's mails, so that a fresh demo's outbox shows the notices the review sends (links at publicUrl)
  await seedPastNotices(db, publicUrl, past.periodId);
  const currentId = await seedCurrentPeriod(
    db,
    commission.id,
    [...categoryIds.values()],
    adminId,
    now,
    methodology,
    questionnaire,
  );
  await seedCurrentFilling(db, cycle, actors, demoBodies, currentId, past, questionnaire, now);
  // results (issue 23): the earlier years' decrees, then 2025 published (version 1) and amended (version 2)
  await seedDemoHistory(db, actors, demoBodies);
  await seedDemoPublication(db, actors, past.periodId, now);
  return logins;
}

/**
 * The demo's schedule, laid around the day it is seeded so that its SAQ is open whenever someone tries the demo:
 * the SAQ began 30 days ago and closes in 30 days, and the later stages follow (dates in Asia/Jakarta).
 */
export function demoSchedule(today: Date) {
  const day = (offset: number) =>
    new Date(today.getTime() + 7 * 3600_000 + offset * 86400_000).toISOString().slice(0, 10);
  return {
    saq: { start: day(-30), end: day(30) },
    verification: { start: day(31), end: day(60) },
    objection: { start: day(61), end: day(67) },
    presentation: { start: day(68), end: day(100) },
    results: { start: day(101), end: day(130) },
  };
}

/**
 * The demo's current period: Monev 2026 under the "KI Pusat 2025" methodology, the "KI Pusat 2025" questionnaire for
 * every category, a schedule, a signatory, and the SAQ stage open (a recorded stage move on the SAQ's first day, so
 * that the saves the cycle lays over the past days come after it).
 */
async function seedCurrentPeriod(
  db: Db,
  commissionId: string,
  categoryIds: string[],
  adminId: string | null,
  now: Date,
  methodology: Methodology,
  questionnaire: QuestionnairePreset,
): Promise<string> {
  const schedule = demoSchedule(now);
  const periodId = await createPeriodWithQuestionnaires(
    db,
    commissionId,
    categoryIds,
    { year: 2026, title: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026', methodology, schedule },
    questionnaire,
  );
  const opened = new Date(`${schedule.saq.start}T08:00:00+07:00`);
  await cycleRepo.setPeriodState(db, periodId, {
    stage: 'saq',
    createdAt: new Date(opened.getTime() - 7 * 86400_000),
    updatedAt: opened,
    version: 2,
  });
  if (adminId) {
    await cycleRepo.insertStageMoves(db, commissionId, [
      { periodId, fromStage: 'draft', toStage: 'saq', actorId: adminId, at: opened.toISOString(), reason: 'Demo' },
    ]);
  }
  return periodId;
}

import type { Db } from '../../db/database.ts';
import type { PasswordHasher } from '../../lib/password.ts';
import { slugify } from '../../lib/text.ts';
// The seed writes through the periods' and registry's repositories, not their services: it runs before anyone can
// sign in (the services authorize an actor, and there is none yet) and seeds everything in one transaction of its own
// (each service opens its own).
import * as periods from '../periods/periods.repository.ts';
import { METHODOLOGY_PRESETS, QUESTIONNAIRE_PRESETS } from '../periods/presets.ts';
import * as registry from '../registry/registry.repository.ts';
import { newBodyRow } from '../registry/registry.service.ts';
import * as repo from './demo.repository.ts';

export interface DemoRegistry {
  commission: { code: string; name: string };
  categories: { code: string; name: string }[];
  bodies: { name: string; categoryCode: string; province?: string; website?: string }[];
  staff: { email: string; name: string; role: 'commission_admin' | 'evaluator' | 'leadership' }[];
  platformAdmins: { email: string; name: string }[];
  password: string;
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
export async function seedDemoIfEmpty(db: Db, hasher: PasswordHasher, demo: DemoRegistry): Promise<DemoLogin[] | null> {
  if ((await repo.countCommissions(db)) > 0) return null;
  const passwordHash = await hasher.hash(demo.password);
  return db.transaction().execute(async (trx) => {
    if ((await repo.countCommissions(trx)) > 0) return null;
    const commission = await registry.insertCommission(trx, { ...demo.commission, province: null });
    const categoryIds = new Map<string, string>();
    for (const category of demo.categories) {
      const row = await registry.insertCategory(trx, { commissionId: commission.id, ...category });
      categoryIds.set(category.code, row.id);
    }
    const bodies = await registry.insertBodies(
      trx,
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
      trx,
      logins.map((l) => ({ email: l.email, name: names.get(l.email) ?? l.email, passwordHash })),
    );
    const userIds = new Map(users.map((u) => [u.email, u.id]));
    const bodyIds = new Map(bodies.map((b) => [b.name, b.id]));
    await repo.insertMemberships(
      trx,
      logins.map((l) => ({
        userId: userIds.get(l.email) as string,
        role: l.role,
        commissionId: l.role === 'platform_admin' ? null : commission.id,
        bodyId: l.body ? (bodyIds.get(l.body) ?? null) : null,
      })),
    );
    await seedCurrentPeriod(
      trx,
      commission.id,
      [...categoryIds.values()],
      userIds.get(demo.staff[0]?.email ?? '') ?? null,
    );
    return logins;
  });
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
 * every category, a schedule, a signatory, and the SAQ stage open (a recorded stage move).
 */
async function seedCurrentPeriod(db: Db, commissionId: string, categoryIds: string[], adminId: string | null) {
  const methodology = METHODOLOGY_PRESETS.find((p) => p.key === 'ki-pusat-2025')?.methodology;
  const questionnaire = QUESTIONNAIRE_PRESETS.find((q) => q.key === 'ki-pusat-2025');
  if (!methodology || !questionnaire) throw new Error('demo presets missing');
  const period = await periods.insertPeriod(db, {
    commissionId,
    year: 2026,
    title: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2026',
    methodology,
    schedule: demoSchedule(new Date()),
    settings: { signatory: { name: 'Ketua Komisi Informasi Pusat', title: 'Ketua' } },
  });
  for (const categoryId of categoryIds) {
    await periods.replaceQuestionnaire(
      db,
      { commissionId, periodId: period.id, categoryId, source: `preset:${questionnaire.key}` },
      { indicators: questionnaire.indicators },
    );
  }
  await periods.updatePeriod(db, period.id, { stage: 'saq' });
  if (adminId) {
    await periods.insertStageEvent(db, {
      periodId: period.id,
      fromStage: 'draft',
      toStage: 'saq',
      actorId: adminId,
      reason: 'Demo',
    });
  }
}

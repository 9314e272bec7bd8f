import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Issue } from '../../domain/issues.ts';
import { type Methodology, validateMethodology } from '../../domain/methodology.ts';
import { type Questionnaire, validateQuestionnaire } from '../../domain/questionnaire.ts';
import {
  type MovableStage,
  type Schedule,
  type Stage,
  stageMoveProblem,
  validateSchedule,
} from '../../domain/stages.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { appendAudit, auditChange } from '../audit/audit.service.ts';
import { existingCommission } from '../registry/registry.service.ts';
import { onStageEntered } from '../review/stage-hooks.ts';
import * as submissions from '../submissions/submissions.repository.ts';
import * as repo from './periods.repository.ts';
import { METHODOLOGY_PRESETS, QUESTIONNAIRE_PRESETS } from './presets.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

function prefixed(issues: Issue[], prefix: string) {
  return issues.map((i) => ({ path: `${prefix}.${i.path}`, message: i.message }));
}

async function periodView(db: Db, row: repo.PeriodRow) {
  return {
    id: row.id,
    commissionId: row.commissionId,
    year: row.year,
    title: row.title,
    stage: row.stage as Stage,
    methodology: row.methodology as Methodology,
    schedule: row.schedule as Schedule,
    settings: row.settings as { signatory?: { name: string; title: string } },
    version: row.version,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    questionnaires: (await repo.questionnaireSummaries(db, row.id)).map((q) => ({
      ...q,
      questions: q.questions ?? 0,
    })),
  };
}

export function listPresets() {
  return {
    methodologies: METHODOLOGY_PRESETS,
    questionnaires: QUESTIONNAIRE_PRESETS.map((q) => ({
      key: q.key,
      name: q.name,
      ...(q.description ? { description: q.description } : {}),
      questions: q.indicators.reduce((n, i) => n + i.questions.length, 0),
    })),
  };
}

export function presetQuestionnaire(key: string): Questionnaire & { key: string; name: string } {
  const preset = QUESTIONNAIRE_PRESETS.find((q) => q.key === key);
  if (!preset) throw new AppError('NOT_FOUND', `No questionnaire preset ${key}.`);
  return { key: preset.key, name: preset.name, indicators: preset.indicators };
}

/** A period the actor may read, or 404 (unknown, or another tenant's). */
async function readablePeriod(deps: AppDeps, actor: Actor, periodId: string) {
  const row = await repo.findPeriod(deps.db, periodId);
  if (!row) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'period.read', { commissionId: row.commissionId }, 'period');
  return row;
}

export async function getPeriodRow(deps: AppDeps, actor: Actor, periodId: string) {
  return readablePeriod(deps, actor, periodId);
}

export async function listPeriods(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'period.read', { commissionId }, 'commission');
  await existingCommission(deps, commissionId);
  const rows = await repo.listPeriods(deps.db, commissionId);
  return Promise.all(rows.map((r) => periodView(deps.db, r)));
}

export async function getPeriod(deps: AppDeps, actor: Actor, periodId: string) {
  return periodView(deps.db, await readablePeriod(deps, actor, periodId));
}

/** Creates a period in draft; the methodology and schedule are checked with every problem reported at once. */
export async function createPeriod(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: {
    year: number;
    title: string;
    methodology: Methodology;
    schedule?: Schedule | undefined;
    settings?: Record<string, unknown> | undefined;
  },
) {
  authorize(actor, 'period.manage', { commissionId }, 'commission');
  await existingCommission(deps, commissionId);
  const issues = [
    ...prefixed(validateMethodology(input.methodology), 'methodology'),
    ...validateSchedule(input.schedule ?? {}),
  ];
  if (issues.length > 0) throw validationFailed(issues);
  try {
    const row = await deps.db.transaction().execute(async (trx) => {
      const created = await repo.insertPeriod(trx, {
        commissionId,
        year: input.year,
        title: input.title,
        methodology: input.methodology,
        schedule: input.schedule ?? {},
        settings: input.settings ?? {},
      });
      await appendAudit(trx, {
        actorId: actor.userId,
        commissionId,
        event: 'period.created',
        subjectType: 'period',
        subjectId: created.id,
        after: input,
      });
      return created;
    });
    return periodView(deps.db, row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('ALREADY_EXISTS', `The commission already has a period for ${input.year}.`, {
        errors: [{ path: 'year', message: 'A period for this year exists' }],
      });
    }
    throw error;
  }
}

/**
 * Edits a period. The methodology changes only in draft (409 STAGE_CLOSED after); with If-Match a stale version is a
 * 409 VERSION_CONFLICT carrying the current period.
 */
export async function updatePeriod(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: {
    title?: string | undefined;
    methodology?: Methodology | undefined;
    schedule?: Schedule | undefined;
    settings?: Record<string, unknown> | undefined;
  },
  expectedVersion?: number,
) {
  const before = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: before.commissionId }, 'period');
  const issues = [
    ...(input.methodology ? prefixed(validateMethodology(input.methodology), 'methodology') : []),
    ...(input.schedule ? validateSchedule(input.schedule) : []),
  ];
  if (issues.length > 0) throw validationFailed(issues);
  const row = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPeriod(trx, periodId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such period.');
    if (expectedVersion !== undefined && locked.version !== expectedVersion) {
      throw new AppError('VERSION_CONFLICT', 'The period was changed by someone else since you opened it.', {
        current: await periodView(trx, locked),
      });
    }
    if (input.methodology && locked.stage !== 'draft') {
      throw new AppError('STAGE_CLOSED', 'The methodology can change only while the period is in draft.');
    }
    const updated = await repo.updatePeriod(trx, periodId, input);
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId: locked.commissionId,
      event: 'period.updated',
      subjectType: 'period',
      subjectId: periodId,
      before: {
        title: locked.title,
        methodology: locked.methodology,
        schedule: locked.schedule,
        settings: locked.settings,
      },
      after: input,
    });
    return updated;
  });
  return periodView(deps.db, row);
}

/** Moves the period one stage forward (commission admin), recorded as a stage event and in the audit trail. */
export async function moveStage(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: { to: MovableStage; reason?: string | undefined },
) {
  const before = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: before.commissionId }, 'period');
  const row = await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPeriod(trx, periodId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such period.');
    const problem = stageMoveProblem(locked.stage as Stage, input.to);
    if (problem) throw new AppError('INVALID_TRANSITION', problem, { stage: locked.stage });
    if (input.to === 'saq' && (await repo.questionnaireSummaries(trx, periodId)).length === 0) {
      throw new AppError('INVALID_TRANSITION', 'Set at least one category’s questionnaire before opening the SAQ.', {
        stage: locked.stage,
      });
    }
    const updated = await repo.updatePeriod(trx, periodId, { stage: input.to });
    // submissions' repository, not its service: the drafts lock in this transaction, with the period's row locked,
    // so that no save slips between the stage move and the lock; the actor was authorized for the move above
    if (locked.stage === 'saq') await submissions.lockDraftsAtClose(trx, periodId, actor.userId, nowOf(deps));
    // the review's rules that hang on a stage (release of verification, the panel's gate), in this transaction
    await onStageEntered(trx, deps, actor, { periodId, from: locked.stage as Stage, to: input.to });
    await repo.insertStageEvent(trx, {
      periodId,
      fromStage: locked.stage,
      toStage: input.to,
      actorId: actor.userId,
      reason: input.reason ?? null,
    });
    await auditChange(
      trx,
      actor,
      { commissionId: locked.commissionId, type: 'period', id: periodId },
      'period.stage_moved',
      {
        before: { stage: locked.stage },
        after: { stage: input.to },
        reason: input.reason ?? null,
      },
    );
    return updated;
  });
  return periodView(deps.db, row);
}

export async function stageHistory(deps: AppDeps, actor: Actor, periodId: string) {
  await readablePeriod(deps, actor, periodId);
  return (await repo.listStageEvents(deps.db, periodId)).map((e) => ({
    from: e.fromStage,
    to: e.toStage,
    at: iso(e.at),
    actorId: e.actorId,
    actorName: e.actorName,
    reason: e.reason,
  }));
}

async function categoryOf(deps: AppDeps, commissionId: string, code: string) {
  const category = await repo.findCategory(deps.db, commissionId, code);
  if (!category) throw new AppError('NOT_FOUND', `No category ${code} in this commission.`);
  return category;
}

export async function getQuestionnaire(deps: AppDeps, actor: Actor, periodId: string, categoryCode: string) {
  const period = await readablePeriod(deps, actor, periodId);
  const category = await categoryOf(deps, period.commissionId, categoryCode);
  const row = await repo.findQuestionnaire(deps.db, periodId, category.id);
  if (!row) throw new AppError('NOT_FOUND', `No questionnaire for ${categoryCode} in this period.`);
  const q = await repo.loadQuestionnaire(deps.db, row.id);
  return {
    categoryCode: category.code,
    categoryName: category.name,
    source: row.source,
    updatedAt: iso(row.updatedAt),
    indicators: q.indicators,
  };
}

/** Sets a category's questionnaire (import); only before the SAQ stage opens, every problem reported at once. */
export async function putQuestionnaire(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  categoryCode: string,
  questionnaire: Questionnaire,
  source: string | null = null,
) {
  const period = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: period.commissionId }, 'period');
  const category = await categoryOf(deps, period.commissionId, categoryCode);
  const issues = validateQuestionnaire(questionnaire);
  if (issues.length > 0)
    throw validationFailed(issues, 'The questionnaire breaks one or more rules; nothing was saved.');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPeriod(trx, periodId);
    if (locked?.stage !== 'draft') {
      throw new AppError('STAGE_CLOSED', 'Questionnaires are frozen once the SAQ stage opens.');
    }
    await repo.replaceQuestionnaire(
      trx,
      { commissionId: period.commissionId, periodId, categoryId: category.id, source },
      questionnaire,
    );
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId: period.commissionId,
      event: 'questionnaire.set',
      subjectType: 'period',
      subjectId: periodId,
      after: { categoryCode, source, questions: questionnaire.indicators.reduce((n, i) => n + i.questions.length, 0) },
    });
  });
  return getQuestionnaire(deps, actor, periodId, categoryCode);
}

/** Copies a category's questionnaire from another period of the same commission (e.g. last year's). */
export async function copyQuestionnaire(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  categoryCode: string,
  fromPeriodId: string,
) {
  const period = await readablePeriod(deps, actor, periodId);
  const from = await repo.findPeriod(deps.db, fromPeriodId);
  if (!from || from.commissionId !== period.commissionId) throw new AppError('NOT_FOUND', 'No such source period.');
  const category = await categoryOf(deps, period.commissionId, categoryCode);
  const source = await repo.findQuestionnaire(deps.db, fromPeriodId, category.id);
  if (!source) throw new AppError('NOT_FOUND', `The source period has no questionnaire for ${categoryCode}.`);
  const q = await repo.loadQuestionnaire(deps.db, source.id);
  return putQuestionnaire(deps, actor, periodId, categoryCode, q, `period:${from.year}`);
}

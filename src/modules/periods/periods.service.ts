import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Issue } from '../../domain/issues.ts';
import { type Methodology, validateMethodology } from '../../domain/methodology.ts';
import { type Questionnaire, validateQuestionnaire } from '../../domain/questionnaire.ts';
import {
  confirmationWord,
  isEarlyMove,
  jakartaDate,
  type MovableStage,
  moveEffects,
  type Schedule,
  type Stage,
  scheduledMoveDate,
  stageMoveProblem,
  validateSchedule,
} from '../../domain/stages.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { appendAudit, auditChange } from '../audit/audit.service.ts';
import { existingCommission } from '../registry/registry.service.ts';
// the review's objections repository, read-only: the preview says how many objections still wait, which the move's
// own hook (stage-hooks.ts) refuses
import { pendingObjectionCount } from '../review/objections.repository.ts';
import { onStageEntered } from '../review/stage-hooks.ts';
import * as submissions from '../submissions/submissions.repository.ts';
import * as repo from './periods.repository.ts';
import type { StageMoveFigures } from './periods.schemas.ts';
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

const PROGRESS_KEYS = ['bodies', 'notStarted', 'inProgress', 'submitted', 'locked'] as const;

/**
 * What moving `period` to `to` would do, read in `db` (the move's own transaction, or the database for a preview):
 * bodies by progress (per category and in total), the extensions running and whether the move ends them, the
 * schedule's date for the move and whether it is early, what else the move does, and what refuses it now.
 */
async function previewOf(db: Db, period: repo.PeriodRow, to: MovableStage, now: Date) {
  const from = period.stage as Stage;
  const [categories, running, pendingObjections] = await Promise.all([
    repo.bodyProgressByCategory(db, period.id, period.commissionId),
    repo.runningExtensions(db, period.id, now),
    from === 'objection' ? pendingObjectionCount(db, period.id) : Promise.resolve(0),
  ]);
  const totals = { bodies: 0, notStarted: 0, inProgress: 0, submitted: 0, locked: 0 };
  for (const c of categories) for (const k of PROGRESS_KEYS) totals[k] += c[k];
  // leaving verification locks every draft, extended or not (stage-hooks.ts); closing the SAQ spares running ones
  const endsExtensions = from === 'verification';
  const extensions = running.map((e) => ({
    submissionId: e.submissionId,
    bodyName: e.bodyName,
    categoryCode: e.categoryCode,
    until: iso(e.until as Date),
    reason: e.reason ?? null,
    ends: endsExtensions,
  }));
  const draftsLocked =
    from === 'saq'
      ? await repo.draftsWithoutExtension(db, period.id, now)
      : from === 'verification'
        ? await repo.draftCount(db, period.id)
        : 0;
  const scheduledDate = scheduledMoveDate(period.schedule as Schedule, from, to);
  const early = isEarlyMove(scheduledDate, now);
  const guarded = early || (endsExtensions && extensions.length > 0);
  return {
    from,
    to,
    today: jakartaDate(now),
    scheduledDate,
    early,
    totals,
    categories: categories.map((c) => ({ ...c, hasQuestionnaire: Boolean(c.hasQuestionnaire) })),
    extensions,
    effects: moveEffects(from, to),
    draftsLocked,
    missingQuestionnaires:
      to === 'saq' ? categories.filter((c) => c.bodies > 0 && !c.hasQuestionnaire).map((c) => c.categoryCode) : [],
    pendingObjections,
    needsReason: guarded,
    needsConfirmation: guarded,
    confirmWord: confirmationWord(period.year),
  };
}

export type StagePreview = Awaited<ReturnType<typeof previewOf>>;

/** The consequences of moving the period to `to` (commission admin), before the move; nothing changes. */
export async function stagePreview(deps: AppDeps, actor: Actor, periodId: string, to: MovableStage) {
  const period = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: period.commissionId }, 'period');
  const problem = stageMoveProblem(period.stage as Stage, to);
  if (problem) throw new AppError('INVALID_TRANSITION', problem, { stage: period.stage });
  return previewOf(deps.db, period, to, nowOf(deps));
}

/**
 * What refuses a move in its preview: a category with bodies but no questionnaire (the SAQ), and for a move that is
 * early or ends extensions a missing reason or confirmation; every problem at once, as a 422.
 */
function safeguardIssues(preview: StagePreview, input: { reason?: string | undefined; confirm?: string | undefined }) {
  const issues: { path: string; message: string }[] = preview.missingQuestionnaires.map((code) => ({
    path: `questionnaires.${code}`,
    message: `Category ${code} has bodies but no questionnaire.`,
  }));
  if (preview.needsReason && !input.reason) {
    issues.push({
      path: 'reason',
      message: preview.early
        ? `A reason is required: the move comes before its scheduled date, ${preview.scheduledDate}.`
        : `A reason is required: the move ends ${preview.extensions.length} running extension(s).`,
    });
  }
  if (preview.needsConfirmation && input.confirm !== preview.confirmWord) {
    issues.push({ path: 'confirm', message: `Type ${preview.confirmWord} to confirm the move.` });
  }
  return issues;
}

/**
 * Moves the period one stage forward (commission admin), recorded as a stage event with the figures its preview
 * showed, and in the audit trail. A move before its scheduled date or one that ends extensions needs a reason and the
 * typed confirmation; the SAQ opens only when every category with bodies has a questionnaire (422, nothing changed).
 */
export async function moveStage(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: { to: MovableStage; reason?: string | undefined; confirm?: string | undefined },
) {
  const before = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: before.commissionId }, 'period');
  const now = nowOf(deps);
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
    const preview = await previewOf(trx, locked, input.to, now);
    const issues = safeguardIssues(preview, input);
    if (issues.length > 0) {
      throw validationFailed(issues, 'The move needs more before it can go ahead; nothing was changed.');
    }
    const updated = await repo.updatePeriod(trx, periodId, { stage: input.to });
    // submissions' repository, not its service: the drafts lock in this transaction, with the period's row locked,
    // so that no save slips between the stage move and the lock; the actor was authorized for the move above
    if (locked.stage === 'saq') await submissions.lockDraftsAtClose(trx, periodId, actor.userId, now);
    // the review's rules that hang on a stage (release of verification, the panel's gate), in this transaction
    await onStageEntered(trx, deps, actor, { periodId, from: locked.stage as Stage, to: input.to });
    const figures = {
      ...preview.totals,
      extensionsEnded: preview.extensions.filter((e) => e.ends).length,
      scheduledDate: preview.scheduledDate,
      early: preview.early,
    };
    await repo.insertStageEvent(trx, {
      periodId,
      fromStage: locked.stage,
      toStage: input.to,
      actorId: actor.userId,
      reason: input.reason || null,
      figures,
    });
    await auditChange(
      trx,
      actor,
      { commissionId: locked.commissionId, type: 'period', id: periodId },
      'period.stage_moved',
      {
        before: { stage: locked.stage },
        after: { stage: input.to, figures },
        reason: input.reason || null,
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
    figures: (e.figures ?? null) as StageMoveFigures | null,
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
    version: row.version,
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

/**
 * Sets every category's questionnaire in one step (commission admin, draft only, one transaction): copied from
 * another period of the commission (categories matched by code; those the source lacks are reported as unavailable)
 * or a questionnaire edition applied to all. Categories that already have one are skipped or replaced, as asked.
 */
export async function copyAllQuestionnaires(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: { fromPeriodId?: string | undefined; presetKey?: string | undefined; existing: 'skip' | 'replace' },
) {
  const period = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: period.commissionId }, 'period');
  // where each category's questionnaire comes from: the source period's, by category, or the preset for all
  let sourceOf: (db: Db, categoryId: string) => Promise<Questionnaire | undefined>;
  let source: string;
  if (input.presetKey !== undefined) {
    const preset = QUESTIONNAIRE_PRESETS.find((q) => q.key === input.presetKey);
    if (!preset)
      throw validationFailed([{ path: 'presetKey', message: `No questionnaire preset ${input.presetKey}.` }]);
    sourceOf = async () => ({ indicators: preset.indicators });
    source = `preset:${preset.key}`;
  } else {
    const from = await repo.findPeriod(deps.db, input.fromPeriodId as string);
    if (!from || from.commissionId !== period.commissionId || from.id === period.id) {
      throw new AppError('NOT_FOUND', 'No such source period.');
    }
    const byCategory = new Map((await repo.questionnairesOf(deps.db, from.id)).map((q) => [q.categoryId, q.id]));
    sourceOf = async (db, categoryId) => {
      const id = byCategory.get(categoryId);
      return id ? repo.loadQuestionnaire(db, id) : undefined;
    };
    source = `period:${from.year}`;
  }
  const categories = await repo.listCategories(deps.db, period.commissionId);
  const result = {
    copied: [] as string[],
    replaced: [] as string[],
    skipped: [] as string[],
    unavailable: [] as string[],
  };
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPeriod(trx, periodId);
    if (locked?.stage !== 'draft') {
      throw new AppError('STAGE_CLOSED', 'Questionnaires are frozen once the SAQ stage opens.');
    }
    const present = new Set((await repo.questionnairesOf(trx, periodId)).map((q) => q.categoryId));
    for (const category of categories) {
      const exists = present.has(category.id);
      if (exists && input.existing === 'skip') {
        result.skipped.push(category.code);
        continue;
      }
      const questionnaire = await sourceOf(trx, category.id);
      if (!questionnaire) {
        result.unavailable.push(category.code);
        continue;
      }
      await repo.replaceQuestionnaire(
        trx,
        { commissionId: period.commissionId, periodId, categoryId: category.id, source },
        questionnaire,
      );
      (exists ? result.replaced : result.copied).push(category.code);
    }
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId: period.commissionId,
      event: 'questionnaire.set_all',
      subjectType: 'period',
      subjectId: periodId,
      after: { source, existing: input.existing, ...result },
    });
  });
  return result;
}

/**
 * Edits one question's wording, guidance or weight while the period is a draft (commission admin). With If-Match the
 * questionnaire's version must be current (409 VERSION_CONFLICT otherwise); the edited questionnaire is checked as a
 * whole (weights), every problem named by the field; 409 STAGE_CLOSED once the SAQ has opened.
 */
export async function editQuestion(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  categoryCode: string,
  questionCode: string,
  input: { text?: string | undefined; guidance?: string | undefined; weight?: number | undefined },
  expectedVersion?: number,
) {
  const period = await readablePeriod(deps, actor, periodId);
  authorize(actor, 'period.manage', { commissionId: period.commissionId }, 'period');
  const category = await categoryOf(deps, period.commissionId, categoryCode);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockPeriod(trx, periodId);
    if (locked?.stage !== 'draft') {
      throw new AppError('STAGE_CLOSED', 'Questionnaires are frozen once the SAQ stage opens.');
    }
    const row = await repo.lockQuestionnaire(trx, periodId, category.id);
    if (!row) throw new AppError('NOT_FOUND', `No questionnaire for ${categoryCode} in this period.`);
    const questionnaire = await repo.loadQuestionnaire(trx, row.id);
    const indicatorIndex = questionnaire.indicators.findIndex((i) => i.questions.some((q) => q.code === questionCode));
    const indicator = questionnaire.indicators[indicatorIndex];
    const questionIndex = indicator?.questions.findIndex((q) => q.code === questionCode) ?? -1;
    const question = indicator?.questions[questionIndex];
    if (!indicator || !question) throw new AppError('NOT_FOUND', `No question ${questionCode} in this questionnaire.`);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw new AppError('VERSION_CONFLICT', 'The questionnaire was changed by someone else since you opened it.', {
        current: { version: row.version, question },
      });
    }
    const edited = {
      ...question,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.guidance !== undefined ? { guidance: input.guidance || undefined } : {}),
      ...(input.weight !== undefined ? { weight: input.weight } : {}),
    };
    indicator.questions[questionIndex] = edited;
    const at = `indicators.${indicatorIndex}.questions.${questionIndex}.`;
    const issues = validateQuestionnaire(questionnaire).map((i) => ({
      path: i.path.startsWith(at) ? i.path.slice(at.length) : i.path,
      message: i.message,
    }));
    if (issues.length > 0) throw validationFailed(issues, 'The question breaks one or more rules; nothing was saved.');
    await repo.updateQuestion(trx, row.id, questionCode, {
      text: edited.text,
      guidance: edited.guidance ?? null,
      weight: edited.weight,
    });
    await appendAudit(trx, {
      actorId: actor.userId,
      commissionId: period.commissionId,
      event: 'questionnaire.question_edited',
      subjectType: 'period',
      subjectId: periodId,
      before: {
        categoryCode,
        questionCode,
        text: question.text,
        guidance: question.guidance ?? null,
        weight: question.weight,
      },
      after: { categoryCode, questionCode, ...input },
    });
  });
  return getQuestionnaire(deps, actor, periodId, categoryCode);
}

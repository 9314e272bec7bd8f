import type { Db } from '../../db/database.ts';
import { type Actor, evaluatorOnlyIn, isCommissionStaff, isPlatformAdmin } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { calibration, divergentGroups, type JurorScoreInput, mean } from '../../domain/panel-figures.ts';
import { Rational } from '../../domain/rational.ts';
import { DEFAULT_PANEL_DIVERGENCE } from '../../domain/review.ts';
import type { Stage } from '../../domain/stages.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { auditChange } from '../audit/audit.service.ts';
// periods' repository, not its service: the panel reads and locks the period as stored and authorizes the actor for
// its own permissions (review.manage, panel.score), not period.manage
import * as periods from '../periods/periods.repository.ts';
import type { PeriodSettings } from '../periods/periods.schemas.ts';
// the review's visibility rule (an evaluator sees assigned submissions and, as a juror, the panel's bodies), written
// once in its repository for every reader of a submission
import { evaluatorSees } from '../review/review-access.repository.ts';
// submissions' repository for appendHistory: a score joins the submission's trail in the score's transaction
import { appendHistory } from '../submissions/submissions.repository.ts';
import * as repo from './panel.repository.ts';
import type {
  Calibration,
  Divergent,
  JurorScore,
  PanelBodies,
  PanelBody,
  PanelScores,
  SavedPanelScore,
} from './panel.schemas.ts';
import { verifiedScores } from './panel-gate.ts';

/** Stages from which every juror sees the other jurors' scores and the panel's means (API.md). */
const OPEN_STAGES: readonly Stage[] = ['results', 'published'];

function panelComponents(methodology: Methodology) {
  return methodology.components.filter((c) => c.source === 'panel').map((c) => ({ key: c.key, label: c.label }));
}

function divergenceOf(settings: unknown): number {
  return (settings as PeriodSettings | null)?.panel?.divergence ?? DEFAULT_PANEL_DIVERGENCE;
}

/** The commission's admins (and platform admins): they manage the panel and see every score. */
function manages(actor: Actor, commissionId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    actor.memberships.some((m) => m.commissionId === commissionId && m.role === 'commission_admin')
  );
}

/** Admins and leadership read every juror's score at any stage; leadership writes nothing. */
function readsAll(actor: Actor, commissionId: string): boolean {
  return (
    manages(actor, commissionId) ||
    actor.memberships.some((m) => m.commissionId === commissionId && m.role === 'leadership')
  );
}

async function existingPeriod(db: Db, periodId: string) {
  const period = await periods.findPeriod(db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  return period;
}

const shown = (value: Rational, decimals: number) => Number(value.toFixed(decimals));

function jurorScore(row: repo.ScoreRow): JurorScore {
  return {
    jurorId: row.jurorId,
    jurorName: row.jurorName,
    component: row.component,
    score: Number(Rational.of(row.score).toDecimal()),
  };
}

/** Each panel component's mean over its jurors' scores, rounded at the decimals (null: no score yet). */
function meansOf(components: { key: string }[], rows: repo.ScoreRow[], decimals: number) {
  return Object.fromEntries(
    components.map((c) => {
      const m = mean(rows.filter((r) => r.component === c.key).map((r) => Rational.of(r.score)));
      return [c.key, m === null ? null : shown(m, decimals)];
    }),
  );
}

/** The period's jurors, its panel components and the divergence threshold (commission staff). */
export async function getPanel(deps: AppDeps, actor: Actor, periodId: string) {
  const period = await existingPeriod(deps.db, periodId);
  authorize(actor, 'period.read', { commissionId: period.commissionId }, 'period');
  if (!isCommissionStaff(actor, period.commissionId)) throw new AppError('FORBIDDEN', 'Your role may not do this.');
  return {
    members: await repo.listMembers(deps.db, periodId),
    components: panelComponents(period.methodology as Methodology),
    divergence: divergenceOf(period.settings),
  };
}

/**
 * Sets the period's jurors (commission admin; audited): each must be an evaluator of the commission (422, every
 * problem listed). A juror who has already scored stays (409): their scores count in the results. From the results
 * stage on the panel is fixed (409).
 */
export async function setPanel(deps: AppDeps, actor: Actor, periodId: string, evaluatorIds: string[]) {
  const period = await existingPeriod(deps.db, periodId);
  authorize(actor, 'review.manage', { commissionId: period.commissionId }, 'period');
  const ids = [...new Set(evaluatorIds)];
  const evaluators = await repo.evaluatorsAmong(deps.db, period.commissionId, ids);
  const issues = evaluatorIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => !evaluators.has(id))
    .map(({ i }) => ({ path: `evaluatorIds.${i}`, message: 'Not an evaluator of this commission' }));
  if (issues.length > 0) throw validationFailed(issues, 'Every juror must be an evaluator of the commission.');
  return deps.db.transaction().execute(async (trx) => {
    const locked = await periods.lockPeriod(trx, periodId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such period.');
    if (OPEN_STAGES.includes(locked.stage as Stage)) {
      throw new AppError('STAGE_CLOSED', 'The panel is fixed once the period reaches the results stage.');
    }
    const before = await repo.listMembers(trx, periodId);
    const removed = before.filter((m) => !ids.includes(m.id));
    const scored = await repo.jurorsWithScores(
      trx,
      periodId,
      removed.map((m) => m.id),
    );
    if (scored.size > 0) {
      const names = removed.filter((m) => scored.has(m.id)).map((m) => m.name);
      throw new AppError(
        'CONFLICT',
        `These jurors have already scored bodies and stay on the panel: ${names.join(', ')}.`,
      );
    }
    await repo.replaceMembers(trx, periodId, ids);
    const members = await repo.listMembers(trx, periodId);
    await auditChange(trx, actor, { commissionId: period.commissionId, type: 'period', id: periodId }, 'panel.set', {
      before: { jurors: before.map((m) => m.id) },
      after: { jurors: members.map((m) => m.id) },
    });
    return { members };
  });
}

/** The periods whose panel the caller sits on (for the jurors' way to their scoring page). */
export async function myPanels(deps: AppDeps, actor: Actor) {
  const rows = await repo.panelsOf(deps.db, actor.userId);
  return { panels: rows.map((r) => ({ ...r, stage: r.stage as Stage })) };
}

/**
 * A juror's score for one proceeding body and panel component, at the presentation stage only (upsert; the change
 * goes to the submission's trail as 'panel.scored' with the score before and after).
 */
export async function scoreBody(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  input: { score: number; component?: string | undefined },
): Promise<SavedPanelScore> {
  const found = await repo.findSubmission(deps.db, submissionId);
  if (!found) throw new AppError('NOT_FOUND', 'No such submission.');
  authorize(actor, 'panel.score', { commissionId: found.commissionId, bodyId: found.bodyId }, 'submission');
  if (!(await repo.isMember(deps.db, found.periodId, actor.userId))) {
    if (evaluatorOnlyIn(actor, found.commissionId) && !(await evaluatorSees(deps.db, actor.userId, submissionId)))
      throw new AppError('NOT_FOUND', 'No such submission.');
    throw new AppError('FORBIDDEN', 'Only the period’s jurors score the presentation.');
  }
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.lockSubmission(trx, submissionId);
    if (!row) throw new AppError('NOT_FOUND', 'No such submission.');
    // again under the period's lock: a panel change that removed this juror meanwhile wins (setPanel locks the period)
    if (!(await repo.isMember(trx, found.periodId, actor.userId))) {
      throw new AppError('FORBIDDEN', 'Only the period’s jurors score the presentation.');
    }
    if (row.stage !== 'presentation') {
      throw new AppError('STAGE_CLOSED', 'Panel scores are given at the presentation stage only.', {
        stage: row.stage,
      });
    }
    if (row.proceeds !== true) {
      throw new AppError(
        'CONFLICT',
        'This body does not proceed to the presentation: its verified SAQ is below the gate (or it never submitted), so it gets no panel score.',
      );
    }
    const methodology = row.methodology as Methodology;
    const components = panelComponents(methodology);
    const component = input.component ?? (components.length === 1 ? components[0]?.key : undefined);
    if (components.length === 0) {
      throw validationFailed([{ path: 'component', message: 'The methodology has no panel component' }]);
    }
    if (component === undefined) {
      throw validationFailed([
        { path: 'component', message: `Name the component: one of ${components.map((c) => c.key).join(', ')}` },
      ]);
    }
    if (!components.some((c) => c.key === component)) {
      throw validationFailed([
        { path: 'component', message: `Not a panel component: use one of ${components.map((c) => c.key).join(', ')}` },
      ]);
    }
    const score = Rational.of(input.score).toDecimal();
    const previous = await repo.findScore(trx, submissionId, actor.userId, component);
    const before = previous ? Number(Rational.of(previous.score).toDecimal()) : null;
    await repo.upsertScore(trx, { submissionId, jurorId: actor.userId, component, score });
    await appendHistory(trx, [
      {
        submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'panel.scored',
        before: before === null ? null : { component, score: before },
        after: { component, score: Number(score) },
      },
    ]);
    return { submissionId, component, score: Number(score), before };
  });
}

/**
 * One body's panel scores: admins and leadership see all; a juror sees their own before the results stage and every
 * juror's (with the means) from it on.
 */
export async function submissionScores(deps: AppDeps, actor: Actor, submissionId: string): Promise<PanelScores> {
  const found = await repo.findSubmission(deps.db, submissionId);
  if (!found) throw new AppError('NOT_FOUND', 'No such submission.');
  authorize(actor, 'submission.read', { commissionId: found.commissionId, bodyId: found.bodyId }, 'submission');
  const methodology = found.methodology as Methodology;
  const rows = await repo.scoresOfSubmission(deps.db, submissionId);
  const all = {
    scores: rows.map(jurorScore),
    means: meansOf(panelComponents(methodology), rows, methodology.decimals),
  };
  if (readsAll(actor, found.commissionId)) return all;
  if (await repo.isMember(deps.db, found.periodId, actor.userId)) {
    if (OPEN_STAGES.includes(found.stage as Stage)) return all;
    return { scores: rows.filter((r) => r.jurorId === actor.userId).map(jurorScore) };
  }
  if (evaluatorOnlyIn(actor, found.commissionId) && !(await evaluatorSees(deps.db, actor.userId, submissionId)))
    throw new AppError('NOT_FOUND', 'No such submission.');
  throw new AppError('FORBIDDEN', 'Only the panel, the commission’s admins and leadership read panel scores.');
}

/**
 * The jurors' list: the proceeding bodies with their verified summary (SAQ and indicators, rounded), the caller's own
 * scores, and everyone's scores and means where the caller may see them; the bodies below the gate apart.
 */
export async function panelBodies(deps: AppDeps, actor: Actor, periodId: string): Promise<PanelBodies> {
  const period = await existingPeriod(deps.db, periodId);
  authorize(actor, 'period.read', { commissionId: period.commissionId }, 'period');
  const juror = await repo.isMember(deps.db, periodId, actor.userId);
  const reader = readsAll(actor, period.commissionId);
  if (!juror && !reader) throw new AppError('FORBIDDEN', 'Only the panel, the commission’s admins and leadership.');
  const methodology = period.methodology as Methodology;
  const decimals = methodology.decimals;
  const stage = period.stage as Stage;
  const othersVisible = reader || OPEN_STAGES.includes(stage);
  const components = panelComponents(methodology);
  const rows = (await repo.periodSubmissions(deps.db, periodId)).filter((r) => r.proceeds !== null);
  const summaries = await verifiedScores(deps.db, periodId, rows);
  const scores = await repo.scoresOfPeriod(deps.db, periodId);
  const base = (r: repo.PeriodSubmissionRow) => ({
    submissionId: r.id,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    categoryCode: r.categoryCode,
    saq: shown(summaries.get(r.id)?.score ?? Rational.ZERO, decimals),
  });
  const bodies: PanelBody[] = rows
    .filter((r) => r.proceeds === true)
    .map((r) => {
      const own = scores.filter((s) => s.submissionId === r.id);
      const mine = Object.fromEntries(
        components.map((c) => {
          const s = own.find((x) => x.jurorId === actor.userId && x.component === c.key);
          return [c.key, s ? Number(Rational.of(s.score).toDecimal()) : null];
        }),
      );
      return {
        ...base(r),
        indicators: (summaries.get(r.id)?.indicators ?? []).map((i) => ({
          code: i.code,
          title: i.title,
          weight: i.weight,
          score: shown(i.score, decimals),
        })),
        mine,
        ...(othersVisible ? { scores: own.map(jurorScore), means: meansOf(components, own, decimals) } : {}),
      };
    });
  return {
    period: { id: period.id, title: period.title, year: period.year, stage, decimals },
    components,
    juror,
    othersVisible,
    gate: methodology.gate
      ? {
          component: methodology.gate.component,
          label: methodology.components.find((c) => c.key === methodology.gate?.component)?.label ?? '',
          min: methodology.gate.min,
        }
      : null,
    bodies,
    notProceeding: rows.filter((r) => r.proceeds === false).map(base),
  };
}

/**
 * Before the results are computed, the admin's check of the panel (admins and leadership): the bodies whose juror
 * scores spread by more than the period's threshold, and each juror's mean against the panel's over the same bodies.
 */
export async function panelReview(deps: AppDeps, actor: Actor, periodId: string) {
  const period = await existingPeriod(deps.db, periodId);
  authorize(actor, 'period.read', { commissionId: period.commissionId }, 'period');
  if (!readsAll(actor, period.commissionId)) {
    throw new AppError('FORBIDDEN', 'Only the commission’s admins and leadership review the panel.');
  }
  const decimals = (period.methodology as Methodology).decimals;
  const threshold = divergenceOf(period.settings);
  const rows = await repo.scoresOfPeriod(deps.db, periodId);
  const names = new Map<string, string>();
  for (const s of await repo.periodSubmissions(deps.db, periodId)) names.set(s.id, s.bodyName);
  const scores: JurorScoreInput[] = rows.map((r) => ({ ...r, score: Rational.of(r.score) }));
  const divergent: Divergent[] = divergentGroups(scores, Rational.of(threshold)).map((g) => ({
    submissionId: g.submissionId,
    bodyName: names.get(g.submissionId) ?? '',
    component: g.component,
    scores: g.scores.map((s) => ({ jurorId: s.jurorId, name: s.jurorName, score: Number(s.score.toDecimal()) })),
    spread: shown(g.spread, decimals),
    mean: shown(g.mean, decimals),
  }));
  const members = await repo.listMembers(deps.db, periodId);
  const jurors = new Map(members.map((m) => [m.id, m.name]));
  for (const r of rows) if (!jurors.has(r.jurorId)) jurors.set(r.jurorId, r.jurorName);
  const round = (v: Rational | null) => (v === null ? null : shown(v, decimals));
  const table: Calibration[] = calibration(scores, [...jurors.keys()]).map((c) => ({
    jurorId: c.jurorId,
    name: jurors.get(c.jurorId) ?? '',
    count: c.count,
    mean: round(c.mean),
    panelMean: round(c.panelMean),
    difference: round(c.difference),
  }));
  return { threshold, divergent, calibration: table };
}

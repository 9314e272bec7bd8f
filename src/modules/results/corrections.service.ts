import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Methodology } from '../../domain/methodology.ts';
import { answerFits } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import {
  type AnswerValue,
  aggregateFractions,
  pointsToFractions,
  questionPoints,
  scoreFinal,
} from '../../domain/scoring.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
import * as periods from '../periods/periods.repository.ts';
// the verification's writer of verified values, not a second one: a correction stores a verified value exactly as
// verification does (an unanswered question gets its answer row)
import * as verification from '../review/verification.repository.ts';
// the submissions module's repository: submission_history is one append-only trail with one writer function
import { appendHistory } from '../submissions/submissions.repository.ts';
import * as repo from './results.repository.ts';
import type { Correction, CorrectionInput } from './results.schemas.ts';

/**
 * Corrections from the results stage on (API.md; issue 23 item 2): a verified value of one question, or a panel
 * component's score replacing the jurors' mean. Each is kept (corrections), written to the submission's history and
 * the audit trail, and reaches published results only through the next publication.
 */

const STAGES_WITH_RESULTS = new Set(['results', 'published']);
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** POST /submissions/:sid/corrections (commission admin, from the results stage on, published or not). */
export async function createCorrection(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  input: CorrectionInput,
): Promise<Correction> {
  return deps.db
    .transaction()
    .execute((trx) =>
      correctInTransaction(trx, actor.userId, submissionId, input, (target) =>
        authorize(actor, 'results.correct', { commissionId: target.commissionId, bodyId: target.bodyId }, 'submission'),
      ),
    );
}

/**
 * The correction core, in the caller's transaction (the API and the demo): `allow` authorizes the actor for the
 * submission's tenant before anything else is checked.
 */
export async function correctInTransaction(
  trx: Db,
  actorId: string,
  submissionId: string,
  input: CorrectionInput,
  allow: (target: { commissionId: string; bodyId: string }) => void,
  /** When the correction is made, when that is not now (the demo dates its amendment's corrections). */
  at?: Date,
): Promise<Correction> {
  {
    const target = await repo.correctionTarget(trx, submissionId);
    if (!target) throw new AppError('NOT_FOUND', 'No such submission.');
    allow(target);
    if (!STAGES_WITH_RESULTS.has(target.stage)) {
      throw new AppError('STAGE_CLOSED', 'Corrections are made from the results stage on.');
    }
    if (target.submittedAt === null && target.firstSubmittedAt === null) {
      throw new AppError('CONFLICT', 'This self-assessment was never submitted: there is nothing to correct.');
    }
    if (!target.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
    await repo.lockSubmission(trx, submissionId);
    const questionnaire = await periods.loadQuestionnaire(trx, target.questionnaireId);
    const methodology = target.methodology as Methodology;
    const answers = await repo.submissionAnswers(trx, submissionId);
    const reason = input.reason.trim();
    let id: string;
    let entry: {
      kind: Correction['kind'];
      questionCode: string | null;
      component: string | null;
      before: unknown;
      after: unknown;
    };
    if ('questionCode' in input) {
      const question = questionnaire.indicators.flatMap((i) => i.questions).find((q) => q.code === input.questionCode);
      if (!question) throw validationFailed([{ path: 'questionCode', message: 'No such question in the SAQ' }]);
      if (!answerFits(question, input.value)) {
        throw validationFailed([{ path: 'value', message: `Not a valid value for a ${question.type} question` }]);
      }
      const qid = (await repo.questionId(trx, target.questionnaireId, question.code)) as string;
      const was = answers.find((a) => a.questionCode === question.code);
      const before = was
        ? {
            value: was.verifiedPoints === null ? (was.value ?? null) : (was.verifiedValue ?? null),
            points: Number(was.verifiedPoints ?? was.selfPoints),
          }
        : { value: null, points: 0 };
      const points = questionPoints(question, input.value as AnswerValue).toDecimal();
      const after = { value: input.value, points: Number(points) };
      await verification.writeVerified(trx, submissionId, actorId, at ?? new Date(), [
        { questionId: qid, questionCode: question.code, value: input.value, points, reason },
      ]);
      entry = { kind: 'verified_value', questionCode: question.code, component: null, before, after };
      id = await repo.insertCorrection(trx, {
        commissionId: target.commissionId,
        periodId: target.periodId,
        submissionId,
        ...entry,
        score: null,
        reason,
        actorId,
        createdAt: at,
      });
    } else {
      const component = methodology.components.find((c) => c.key === input.component && c.source === 'panel');
      if (!component) {
        throw validationFailed([{ path: 'component', message: 'Not a panel component of the methodology' }]);
      }
      const jurors = await repo.submissionPanelScores(trx, submissionId);
      const panels: Record<string, Rational[]> = {};
      for (const j of jurors) panels[j.component] = [...(panels[j.component] ?? []), Rational.of(j.score)];
      const overrides: Record<string, Rational> = {};
      for (const c of methodology.components.filter((c) => c.source === 'panel')) {
        const latest = await repo.latestPanelCorrection(trx, submissionId, c.key);
        if (latest?.score !== null && latest?.score !== undefined) overrides[c.key] = Rational.of(latest.score);
      }
      const points = new Map(
        answers.map((a) => {
          const self = Rational.of(a.selfPoints);
          return [a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) }];
        }),
      );
      const saq = aggregateFractions(questionnaire.indicators, (q) => pointsToFractions(q, points.get(q.code))).verified
        .score;
      const scored = scoreFinal(methodology, { questionnaire: saq, panels, panelOverrides: overrides });
      if (!scored.gatePassed) {
        throw new AppError('CONFLICT', 'This body did not pass the gate: it has no panel score to correct.');
      }
      const current = scored.components.find((c) => c.key === component.key)?.score ?? null;
      entry = {
        kind: 'panel_score',
        questionCode: null,
        component: component.key,
        before: { score: current === null ? null : Number(current.toFixed(methodology.decimals)) },
        after: { score: input.score },
      };
      id = await repo.insertCorrection(trx, {
        commissionId: target.commissionId,
        periodId: target.periodId,
        submissionId,
        ...entry,
        score: String(input.score),
        reason,
        actorId,
        createdAt: at,
      });
    }
    await appendHistory(trx, [
      {
        submissionId,
        questionCode: entry.questionCode,
        actorId,
        event: `correction.${entry.kind}`,
        before: entry.component ? { component: entry.component, ...(entry.before as object) } : entry.before,
        after: entry.component ? { component: entry.component, ...(entry.after as object) } : entry.after,
        reason,
        ...(at ? { at } : {}),
      },
    ]);
    await appendAudit(trx, {
      actorId,
      commissionId: target.commissionId,
      event: `results.correction.${entry.kind}`,
      subjectType: 'submission',
      subjectId: submissionId,
      before: entry.before,
      after: { ...(entry.after as object), questionCode: entry.questionCode, component: entry.component },
      reason,
      ...(at ? { at } : {}),
    });
    const [listed] = await repo.listCorrections(trx, target.periodId, id);
    return toView(listed as Awaited<ReturnType<typeof repo.listCorrections>>[number]);
  }
}

function toView(c: Awaited<ReturnType<typeof repo.listCorrections>>[number]): Correction {
  return {
    id: c.id,
    submissionId: c.submissionId,
    bodyId: c.bodyId,
    bodyName: c.bodyName,
    kind: c.kind,
    questionCode: c.questionCode,
    component: c.component,
    before: c.before,
    after: c.after,
    reason: c.reason,
    at: iso(c.createdAt),
    actor: c.actor,
    publishedIn: c.publishedIn === null ? null : Number(c.publishedIn),
  };
}

/** GET /periods/:pid/corrections (admin and leadership), oldest first, each with the version that first carries it. */
export async function listCorrections(deps: AppDeps, actor: Actor, periodId: string): Promise<Correction[]> {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'results.preview', { commissionId: period.commissionId }, 'period');
  return (await repo.listCorrections(deps.db, periodId)).map(toView);
}

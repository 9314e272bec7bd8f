import type { Db } from '../../db/database.ts';
import type { Methodology } from '../../domain/methodology.ts';
import type { Questionnaire } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import { aggregateFractions, pointsToFractions, type QuestionnaireScore, scoreFinal } from '../../domain/scoring.ts';
// periods' repository, not its service: the gate runs inside the stage move's transaction, on the period and its
// questionnaires as stored, with the actor already authorized for the move
import * as periods from '../periods/periods.repository.ts';
// submissions' repository for appendHistory: the gate's mark joins each submission's trail in the same transaction
import { appendHistory } from '../submissions/submissions.repository.ts';
import * as repo from './panel.repository.ts';

/**
 * The verified questionnaire score (SAQ and indicators) of each given submission, from the points stored beside its
 * answers: the evaluator's where set, else the body's own (the same arithmetic as the results engine).
 */
export async function verifiedScores(
  db: Db,
  periodId: string,
  rows: readonly Pick<repo.PeriodSubmissionRow, 'id' | 'questionnaireId'>[],
): Promise<Map<string, QuestionnaireScore>> {
  const questionnaires = new Map<string, Questionnaire>();
  for (const id of new Set(rows.map((r) => r.questionnaireId))) {
    if (id) questionnaires.set(id, await periods.loadQuestionnaire(db, id));
  }
  const points = new Map<string, Map<string, { self: Rational; verified: Rational }>>();
  const wanted = new Set(rows.map((r) => r.id));
  for (const a of await repo.answerPoints(db, periodId)) {
    if (!wanted.has(a.submissionId)) continue;
    const map = points.get(a.submissionId) ?? new Map();
    const self = Rational.of(a.selfPoints);
    map.set(a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) });
    points.set(a.submissionId, map);
  }
  const out = new Map<string, QuestionnaireScore>();
  for (const row of rows) {
    const questionnaire = row.questionnaireId ? questionnaires.get(row.questionnaireId) : undefined;
    if (!questionnaire) continue;
    const stored = points.get(row.id);
    out.set(
      row.id,
      aggregateFractions(questionnaire.indicators, (q) => pointsToFractions(q, stored?.get(q.code))).verified,
    );
  }
  return out;
}

/**
 * Whether a submission's verified SAQ passes the methodology's gate, by the results engine's own rule (scoreFinal:
 * the gated score rounded half-up at the decimals, compared with `gate.min`, equal passing). A gate set on a panel
 * component cannot be judged before the panel scores; it is left to the results engine, and everyone proceeds.
 */
export function passesGate(methodology: Methodology, saq: Rational): boolean {
  const gate = methodology.gate;
  if (!gate) return true;
  const gated = methodology.components.find((c) => c.key === gate.component);
  if (gated?.source !== 'questionnaire') return true;
  return scoreFinal(methodology, { questionnaire: saq, panels: {} }).gatePassed;
}

/** History rows per insert (seven parameters each). */
const HISTORY_SLICE = 1000;

/**
 * At the presentation stage, marks each submission of the period as proceeding or not (`submissions.proceeds`):
 * a body proceeds when it submitted its SAQ at least once and its rounded verified SAQ reaches the gate (or there is
 * no gate). A draft never submitted does not proceed. Each submission's trail records the mark ('panel.gate'), so the
 * body's history explains why it got no panel score. Runs in the stage move's transaction (the period row is locked).
 */
export async function markProceeding(db: Db, periodId: string): Promise<void> {
  const period = await periods.findPeriod(db, periodId);
  if (!period) return;
  const methodology = period.methodology as Methodology;
  const rows = await repo.periodSubmissions(db, periodId);
  const submitted = rows.filter((r) => r.submittedOnce);
  const scores = await verifiedScores(db, periodId, submitted);
  const decimals = methodology.decimals;
  const marks = rows.map((row) => {
    const saq = row.submittedOnce ? (scores.get(row.id)?.score ?? Rational.ZERO) : null;
    return { row, saq, proceeds: saq !== null && passesGate(methodology, saq) };
  });
  await repo.setProceeds(
    db,
    periodId,
    marks.filter((m) => m.proceeds).map((m) => m.row.id),
  );
  const entries = marks.map((m) => ({
    submissionId: m.row.id,
    questionCode: null,
    actorId: null,
    event: 'panel.gate',
    before: m.row.proceeds === null ? null : { proceeds: m.row.proceeds },
    after: {
      proceeds: m.proceeds,
      saq: m.saq === null ? null : Number(m.saq.toFixed(decimals)),
      ...(methodology.gate ? { gate: methodology.gate.min } : {}),
      ...(m.saq === null ? { submitted: false } : {}),
    },
  }));
  // in slices: one insert of a whole commission's rows would pass PostgreSQL's 65,535 parameters
  for (let i = 0; i < entries.length; i += HISTORY_SLICE) {
    await appendHistory(db, entries.slice(i, i + HISTORY_SLICE));
  }
}

import type { Db } from '../../db/database.ts';
import type { Methodology } from '../../domain/methodology.ts';
import type { Question } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import {
  type AnswerValue,
  aggregateFractions,
  bandOf,
  pointsToFractions,
  questionPoints,
  scoreFinal,
} from '../../domain/scoring.ts';
import * as periods from '../periods/periods.repository.ts';
import { correctInTransaction } from '../results/corrections.service.ts';
import { publishInTransaction } from '../results/publication.service.ts';
import * as results from '../results/results.repository.ts';
import type { CycleActors } from './demo-cycle.service.ts';

/**
 * The demo's 2025 period (left at the results stage by the review's demo) published as version 1 (SK
 * 11/KEP/KIP/XII/2025), then corrected (a verified value that moves a body across a band, and a panel score), then
 * amended as version 2 (SK 12/KEP/KIP/XII/2025), so that the diff, its reasons and a revoked certificate can be seen.
 */
export async function seedDemoPublication(db: Db, actors: CycleActors, periodId: string, _now: Date): Promise<void> {
  const publish = async (decreeNumber: string, decreeDate: string) => {
    const period = await periods.lockPeriod(db, periodId);
    if (!period) throw new Error('demo: no 2025 period');
    await publishInTransaction(db, {
      period,
      actorId: actors.adminId,
      decreeNumber,
      decreeDate,
      // published on the decree's day, as the past cycle lies on its own schedule (certificates issued and revoked then)
      at: new Date(`${decreeDate}T09:00:00+07:00`),
    });
    return period;
  };
  const period = await publish('SK 11/KEP/KIP/XII/2025', '2025-12-15');
  const methodology = period.methodology as Methodology;
  const allow = () => {};

  const crossing = await bandCrossing(db, periodId, methodology);
  if (crossing) {
    await correctInTransaction(
      db,
      actors.adminId,
      crossing.submissionId,
      {
        questionCode: crossing.questionCode,
        value: crossing.value,
        reason:
          'Koreksi pasca-penetapan: tautan bukti yang diterima saat verifikasi ternyata mengarah ke dokumen tahun 2023.',
      },
      allow,
      new Date('2025-12-19T10:30:00+07:00'),
    );
  }
  const panel = methodology.components.find((c) => c.source === 'panel');
  if (panel) {
    const target = await scoredPanelBody(db, periodId, panel.key, crossing?.submissionId);
    if (target) {
      await correctInTransaction(
        db,
        actors.adminId,
        target.submissionId,
        {
          component: panel.key,
          score: Math.min(100, Math.round(target.mean) + 6),
          reason: 'Salah rekap: nilai satu juri tercatat dari lembar penilaian badan publik lain.',
        },
        allow,
        new Date('2025-12-22T14:15:00+07:00'),
      );
    }
  }
  await publish('SK 12/KEP/KIP/XII/2025', '2025-12-29');
}

/**
 * A (submission, question, value) whose correction moves a body from one certificate band to another (Informatif to
 * Menuju Informatif, say): the engine tries, body by body from the lowest final of each band, each question at its
 * lowest value.
 */
async function bandCrossing(db: Db, periodId: string, methodology: Methodology) {
  const version = await results.latestVersion(db, periodId);
  if (!version) return undefined;
  const rows = (await results.versionRows(db, version.id))
    .filter((r) => r.bandIndex <= 1)
    .sort((a, b) => Number(a.final) - Number(b.final));
  const submissions = await db
    .selectFrom('submissions as s')
    .innerJoin('bodies as b', 'b.id', 's.bodyId')
    .innerJoin('questionnaires as q', (j) =>
      j.onRef('q.periodId', '=', 's.periodId').onRef('q.categoryId', '=', 'b.categoryId'),
    )
    .select(['s.id', 's.bodyId', 'q.id as questionnaireId'])
    .where('s.periodId', '=', periodId)
    .execute();
  const byBody = new Map(submissions.map((s) => [s.bodyId, s]));
  for (const row of rows) {
    const sub = byBody.get(row.bodyId);
    if (!sub) continue;
    const questionnaire = await periods.loadQuestionnaire(db, sub.questionnaireId);
    const answers = await results.submissionAnswers(db, sub.id);
    const jurors = await results.submissionPanelScores(db, sub.id);
    const panels: Record<string, Rational[]> = {};
    for (const j of jurors) panels[j.component] = [...(panels[j.component] ?? []), Rational.of(j.score)];
    const points = new Map(
      answers.map((a) => {
        const self = Rational.of(a.selfPoints);
        return [a.questionCode, { self, verified: a.verifiedPoints === null ? self : Rational.of(a.verifiedPoints) }];
      }),
    );
    const bandWith = (code: string, p: Rational) => {
      const changed = new Map(points);
      changed.set(code, { self: points.get(code)?.self ?? Rational.ZERO, verified: p });
      const q = aggregateFractions(questionnaire.indicators, (x) => pointsToFractions(x, changed.get(x.code))).verified
        .score;
      return bandOf(methodology, scoreFinal(methodology, { questionnaire: q, panels }).final).index;
    };
    for (const question of questionnaire.indicators.flatMap((i) => i.questions)) {
      const value = lowest(question);
      const current = points.get(question.code)?.verified ?? Rational.ZERO;
      const lower = questionPoints(question, value);
      if (!lower.lt(current)) continue;
      const band = bandWith(question.code, lower);
      if (band !== row.bandIndex && band <= 2) return { submissionId: sub.id, questionCode: question.code, value };
    }
  }
  return undefined;
}

function lowest(question: Question): AnswerValue {
  if (question.type === 'boolean') return false;
  if (question.type === 'checklist') return [];
  const options = [...(question.options ?? [])].sort((a, b) => a.score - b.score);
  return options[0]?.code ?? null;
}

/** A body with juror scores for the component, other than `except`: the one with the most jurors, by id. */
async function scoredPanelBody(db: Db, periodId: string, component: string, except: string | undefined) {
  const rows = await db
    .selectFrom('panelScores as p')
    .innerJoin('submissions as s', 's.id', 'p.submissionId')
    .select(['p.submissionId', (eb) => eb.fn.avg<string>('p.score').as('mean')])
    .where('s.periodId', '=', periodId)
    .where('s.proceeds', '=', true)
    .where('p.component', '=', component)
    .groupBy('p.submissionId')
    .orderBy('p.submissionId')
    .execute();
  const pick = rows.find((r) => r.submissionId !== except);
  return pick ? { submissionId: pick.submissionId, mean: Number(pick.mean) } : undefined;
}

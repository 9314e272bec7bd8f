import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BalanceSubmission, planAutoAssignment } from '../../src/domain/assignment-balance.ts';

const evaluators = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}`, name: `Evaluator ${i}` }));

/** Submissions in categories of different sizes (a category's questionnaire gives all its submissions one size). */
const world = fc
  .record({
    evaluators: fc.integer({ min: 1, max: 5 }),
    categories: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 }),
    counts: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ evaluators: n, categories, counts }) => {
    const submissions: BalanceSubmission[] = [];
    categories.forEach((total, c) => {
      for (let i = 0; i < (counts[c] ?? 0); i++) {
        submissions.push({ id: `s${c}-${i}`, bodyId: `b${c}-${i}`, categoryCode: `C${c}`, total });
      }
    });
    return { evaluators: evaluators(n), submissions };
  });

describe('the automatic assignment’s balance', () => {
  it('alternates by category load, then total load, then name', () => {
    const plan = planAutoAssignment(
      [
        { id: 'b', name: 'Budi' },
        { id: 'a', name: 'Ani' },
      ],
      [],
      [
        { id: 'k1', bodyId: 'k1', categoryCode: 'K', total: 3 },
        { id: 'k2', bodyId: 'k2', categoryCode: 'K', total: 3 },
        { id: 'k3', bodyId: 'k3', categoryCode: 'K', total: 3 },
        { id: 'p1', bodyId: 'p1', categoryCode: 'P', total: 1 },
      ],
      [],
    );
    // k3: both hold 3 questions in K and overall, so the name decides (Ani); p1: nobody holds P, Budi holds less overall
    expect(plan.plan.map((p) => `${p.submissionId}:${p.evaluatorId}`)).toEqual(['k1:a', 'k2:b', 'k3:a', 'p1:b']);
    expect(plan.skipped).toEqual([]);
  });

  it('counts what evaluators already hold', () => {
    const plan = planAutoAssignment(
      evaluators(2),
      [{ evaluatorId: 'e0', categoryCode: 'K', questions: 6 }],
      [
        { id: 's1', bodyId: 'b1', categoryCode: 'K', total: 3 },
        { id: 's2', bodyId: 'b2', categoryCode: 'K', total: 3 },
      ],
      [],
    );
    expect(plan.plan.map((p) => p.evaluatorId)).toEqual(['e1', 'e1']);
  });

  it('shares each category within one submission per evaluator, whatever the order of the evaluators', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { plan, skipped } = planAutoAssignment(w.evaluators, [], w.submissions, []);
        expect(skipped).toEqual([]);
        expect(plan).toHaveLength(w.submissions.length);
        const category = new Map(w.submissions.map((s) => [s.id, s.categoryCode]));
        for (const code of new Set(category.values())) {
          const per = w.evaluators.map(
            (e) => plan.filter((p) => p.evaluatorId === e.id && category.get(p.submissionId) === code).length,
          );
          expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
        }
        const reversed = planAutoAssignment([...w.evaluators].reverse(), [], w.submissions, []);
        expect(reversed.plan).toEqual(plan);
      }),
    );
  });

  it('never assigns to an excluded evaluator, and skips only what every evaluator is excluded from', () => {
    fc.assert(
      fc.property(
        world.chain((w) =>
          fc
            .subarray(w.submissions.flatMap((s) => w.evaluators.map((e) => ({ bodyId: s.bodyId, evaluatorId: e.id }))))
            .map((excluded) => ({ ...w, excluded })),
        ),
        (w) => {
          const { plan, skipped } = planAutoAssignment(w.evaluators, [], w.submissions, w.excluded);
          const barred = new Set(w.excluded.map((x) => `${x.bodyId}/${x.evaluatorId}`));
          const body = new Map(w.submissions.map((s) => [s.id, s.bodyId]));
          for (const p of plan) expect(barred.has(`${body.get(p.submissionId)}/${p.evaluatorId}`)).toBe(false);
          const everyoneBarred = w.submissions
            .filter((s) => w.evaluators.every((e) => barred.has(`${s.bodyId}/${e.id}`)))
            .map((s) => s.id);
          expect(skipped).toEqual(everyoneBarred);
          expect(plan.length + skipped.length).toBe(w.submissions.length);
        },
      ),
    );
  });
});

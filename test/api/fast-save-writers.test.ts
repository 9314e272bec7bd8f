import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonb } from '../../src/db/json.ts';
import {
  type FastSave,
  type FullSave,
  writeFastSaves,
  writeSave,
} from '../../src/modules/submissions/autosave.repository.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

type World = Awaited<ReturnType<typeof saqWorld>> & { questions: Map<string, string> };

async function world(): Promise<World> {
  const w = await saqWorld(ctx);
  const rows = await sql<{ id: string; code: string }>`
    select q.id, q.code from questions q join questionnaires qn on qn.id = q.questionnaire_id
    where qn.period_id = ${w.periodId}`.execute(ctx.db);
  return { ...w, questions: new Map(rows.rows.map((r) => [r.code, r.id])) };
}

type Step = {
  fromVersion: number;
  ifMatch: number;
  answers: { code: string; value: unknown; note?: string | null }[];
};

function saveOf(w: World, step: Step): FastSave {
  return {
    submissionId: w.submission.id,
    fromVersion: step.fromVersion,
    ifMatch: step.ifMatch,
    actorId: w.operator.id,
    at: new Date(),
    answers: step.answers.map((a) => ({
      questionId: w.questions.get(a.code) as string,
      questionCode: a.code,
      value: a.value,
      ...(a.note !== undefined ? { note: a.note } : {}),
      selfPoints: '0.5',
    })),
  };
}

/** What a submission holds, without its ids: its version, status, answers and history, in order. */
async function state(w: World) {
  const sid = w.submission.id;
  const submission = await ctx.db
    .selectFrom('submissions')
    .select(['version', 'status'])
    .where('id', '=', sid)
    .executeTakeFirstOrThrow();
  const answers = await ctx.db
    .selectFrom('answers')
    .select(['questionCode', 'questionId', 'value', 'note', 'selfPoints', 'changedVersion', 'carried', 'updatedBy'])
    .where('submissionId', '=', sid)
    .orderBy('questionCode')
    .execute();
  const history = await ctx.db
    .selectFrom('submissionHistory')
    .select(['questionCode', 'actorId', 'event', 'before', 'after'])
    .where('submissionId', '=', sid)
    .orderBy('id')
    .execute();
  return {
    submission,
    // ids differ between the two worlds: whether each names the right row is what is compared
    answers: answers.map((a) => ({
      ...a,
      questionId: a.questionId === w.questions.get(a.questionCode),
      updatedBy: a.updatedBy === w.operator.id,
    })),
    history: history.map((h) => ({ ...h, actorId: h.actorId === w.operator.id })),
  };
}

describe('the fast-path writer, with one save and with a batch of saves', () => {
  it('leave the same answers and history, and refuse the same saves', async () => {
    // `one` goes through writeFastSaves alone (a batch of one, every save when the database keeps up); `many` in a batch
    // with a third body's save
    const [one, many, other] = await Promise.all([world(), world(), world()]);
    let otherVersion = 0;
    let otherOpen = true;
    const run = async (step: Step) => {
      const [single] = await writeFastSaves(ctx.db, [saveOf(one, step)]);
      const otherStep = { fromVersion: otherVersion, ifMatch: otherVersion, answers: [{ code: '1.2', value: 'C' }] };
      const batch = await writeFastSaves(ctx.db, [saveOf(many, step), saveOf(other, otherStep)]);
      // the third body's save goes through beside it, until its SAQ closes
      expect(batch[1]).toBe(otherOpen ? otherVersion + 1 : null);
      if (otherOpen) otherVersion += 1;
      expect(batch[0]).toBe(single);
      return single;
    };
    const tricky = 'kata "kutip", {kurung}\\ dan koma';
    expect(
      await run({
        fromVersion: 0,
        ifMatch: 0,
        answers: [
          { code: '1.1', value: true, note: tricky },
          { code: '2.1', value: ['a', 'c'] },
        ],
      }),
    ).toBe(1);
    // a note not sent is kept; a note sent as null clears it
    expect(await run({ fromVersion: 1, ifMatch: 1, answers: [{ code: '1.1', value: false }] })).toBe(2);
    expect(
      await run({
        fromVersion: 2,
        ifMatch: 1,
        answers: [
          { code: '2.1', value: [], note: null },
          { code: '1.2', value: tricky },
        ],
      }),
    ).toBe(3);
    // refused: the submission moved on since fromVersion; a question of the save changed after If-Match
    expect(await run({ fromVersion: 2, ifMatch: 3, answers: [{ code: '1.2', value: 'A' }] })).toBeNull();
    expect(await run({ fromVersion: 3, ifMatch: 2, answers: [{ code: '1.2', value: 'A' }] })).toBeNull();
    // a carried answer saved again is the operator's own
    for (const w of [one, many]) {
      await ctx.db.updateTable('answers').set({ carried: true }).where('submissionId', '=', w.submission.id).execute();
    }
    expect(await run({ fromVersion: 3, ifMatch: 3, answers: [{ code: '1.1', value: true }] })).toBe(4);
    // refused after the SAQ's deadline, taken again within a body's extension
    for (const w of [one, many, other]) {
      await ctx.db
        .updateTable('periods')
        .set({ schedule: jsonb({ saq: { start: '2020-01-01', end: '2020-01-31' } }) })
        .where('id', '=', w.periodId)
        .execute();
    }
    otherOpen = false;
    expect(await run({ fromVersion: 4, ifMatch: 4, answers: [{ code: '1.2', value: 'B' }] })).toBeNull();
    for (const w of [one, many]) {
      await ctx.db
        .updateTable('submissions')
        .set({ deadlineOverride: new Date(Date.now() + 86_400_000) })
        .where('id', '=', w.submission.id)
        .execute();
    }
    expect(await run({ fromVersion: 4, ifMatch: 4, answers: [{ code: '1.2', value: 'B' }] })).toBe(5);
    // refused once locked
    for (const w of [one, many]) {
      await ctx.db.updateTable('submissions').set({ status: 'locked' }).where('id', '=', w.submission.id).execute();
    }
    expect(await run({ fromVersion: 5, ifMatch: 5, answers: [{ code: '1.2', value: 'C' }] })).toBeNull();

    const [a, b] = [await state(one), await state(many)];
    expect(a).toEqual(b);
    expect(a.submission).toEqual({ version: 5, status: 'locked' });
    expect(a.answers.map((x) => [x.questionCode, x.value, x.note, x.changedVersion, x.carried])).toEqual([
      ['1.1', true, tricky, 4, false],
      ['1.2', 'B', null, 5, false],
      ['2.1', [], null, 3, true],
    ]);
    expect(a.answers.every((x) => x.questionId && x.updatedBy)).toBe(true);
    expect(a.history.every((h) => h.actorId && h.event === 'answer.saved')).toBe(true);
    expect(a.history.map((h) => [h.questionCode, h.before, h.after])).toEqual([
      ['1.1', null, { value: true, note: tricky }],
      ['2.1', null, { value: ['a', 'c'] }],
      ['1.1', { value: true, note: tricky }, { value: false }],
      ['2.1', { value: ['a', 'c'], note: null }, { value: [], note: null }],
      ['1.2', null, { value: tricky }],
      ['1.1', { value: false, note: tricky }, { value: true }],
      ['1.2', { value: tricky, note: null }, { value: 'B' }],
    ]);
  });
});

describe("the full path's writer keeps the same rules on its own", () => {
  it('refuses a stale version, a conflicting question, a closed SAQ and a locked submission, whatever the service checked', async () => {
    const w = await world();
    const full = (step: Step): FullSave => ({
      ...saveOf(w, step),
      answers: saveOf(w, step).answers.map((a) => ({ ...a, note: a.note ?? null })),
      evidence: [],
      evidenceCodes: [],
      history: step.answers.map((a) => ({ questionCode: a.code, before: null, after: { value: a.value } })),
    });
    const version = async () =>
      (
        await ctx.db
          .selectFrom('submissions')
          .select('version')
          .where('id', '=', w.submission.id)
          .executeTakeFirstOrThrow()
      ).version;
    expect(await writeSave(ctx.db, full({ fromVersion: 0, ifMatch: 0, answers: [{ code: '1.1', value: true }] }))).toBe(
      true,
    );
    // moves the version: a writer that read version 0 writes nothing now
    expect(await writeSave(ctx.db, full({ fromVersion: 0, ifMatch: 0, answers: [{ code: '1.2', value: 'A' }] }))).toBe(
      false,
    );
    // the conflict clause: 1.1 changed at version 1, after the If-Match of 0
    expect(
      await writeSave(ctx.db, full({ fromVersion: 1, ifMatch: 0, answers: [{ code: '1.1', value: false }] })),
    ).toBe(false);
    // the SAQ window: closed, then open again within the body's extension
    await ctx.db
      .updateTable('periods')
      .set({ schedule: jsonb({ saq: { start: '2020-01-01', end: '2020-01-31' } }) })
      .where('id', '=', w.periodId)
      .execute();
    expect(await writeSave(ctx.db, full({ fromVersion: 1, ifMatch: 1, answers: [{ code: '1.2', value: 'A' }] }))).toBe(
      false,
    );
    await ctx.db
      .updateTable('submissions')
      .set({ deadlineOverride: new Date(Date.now() + 86_400_000) })
      .where('id', '=', w.submission.id)
      .execute();
    expect(await writeSave(ctx.db, full({ fromVersion: 1, ifMatch: 1, answers: [{ code: '1.2', value: 'A' }] }))).toBe(
      true,
    );
    // a locked submission takes nothing
    await ctx.db.updateTable('submissions').set({ status: 'locked' }).where('id', '=', w.submission.id).execute();
    expect(
      await writeSave(ctx.db, full({ fromVersion: 2, ifMatch: 2, answers: [{ code: '2.1', value: ['a'] }] })),
    ).toBe(false);
    expect(await version()).toBe(2);
    const answers = await ctx.db
      .selectFrom('answers')
      .select(['questionCode', 'value', 'changedVersion'])
      .where('submissionId', '=', w.submission.id)
      .orderBy('questionCode')
      .execute();
    expect(answers).toEqual([
      { questionCode: '1.1', value: true, changedVersion: 1 },
      { questionCode: '1.2', value: 'A', changedVersion: 2 },
    ]);
  });
});

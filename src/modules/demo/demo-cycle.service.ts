import type { Db } from '../../db/database.ts';
import type { Methodology } from '../../domain/methodology.ts';
import type { Question } from '../../domain/questionnaire.ts';
import { Rational } from '../../domain/rational.ts';
import { type AnswerValue, aggregateFractions, pointsToFractions, questionPoints } from '../../domain/scoring.ts';
import type { Schedule } from '../../domain/stages.ts';
// The demo writes the 2025 period through the periods' repository, not its service: the seed runs before anyone can
// sign in (the service authorizes an actor) and inside the demo's one transaction (demo.service.ts says the same).
import * as periods from '../periods/periods.repository.ts';
import type { QuestionnairePreset } from '../periods/presets.ts';
import * as repo from './demo-cycle.repository.ts';

/**
 * The demo's review cycle (issue 22): a past period that went the whole way (SAQ, verification with corrections and
 * clarifications, objections, the gate, the panel) and stands at the results stage, and the current period's SAQ
 * partly filled. Everything is drawn from a seeded PRNG in a fixed order, so every start seeds the same data; points
 * are the engine's (`questionPoints`), stored as the autosave and the verification store them.
 */

/** The cycle's part of fixtures/demo/kip-registry.json: who plays which part, the past period, the texts. */
export interface DemoCycle {
  seed: number;
  /**
   * The past period; `notStarted` names bodies that never opened its SAQ, beside the ones the generator picks: they have
   * nothing to carry forward, and no evaluator holds their submission (so an exclusion can be declared at once).
   */
  past: { year: number; title: string; notStarted?: string[]; schedule: Required<Schedule> };
  /**
   * The current period; `untouched` names bodies whose SAQ is left empty, to try it from a blank form (the browser
   * tests fill those).
   */
  current?: { untouched?: string[] };
  admin: string;
  verifiers: string[];
  jurors: string[];
  texts: {
    stageReasons: Record<'saq' | 'verification' | 'objection' | 'presentation' | 'results', string>;
    notes: string[];
    corrections: string[];
    upwardCorrections: string[];
    clarifications: { question: string; reply: string }[];
    unansweredClarification: string;
    unansweredCorrection: string;
    objections: {
      accepted: { reason: string; decision: string }[];
      rejected: { reason: string; decision: string }[];
    };
  };
}

export interface DemoBody {
  id: string;
  name: string;
  slug: string;
  categoryId: string;
  categoryCode: string;
  website: string | null;
  operatorId: string;
}

export interface CycleActors {
  commissionId: string;
  adminId: string;
  verifiers: { id: string; name: string }[];
  jurorIds: string[];
}

/** mulberry32: a small seeded PRNG, enough to spread demo answers (never used for anything secret). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}
type Random = ReturnType<typeof prng>;

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const DAY = 86400_000;

/** A moment of a schedule day (YYYY-MM-DD, Asia/Jakarta) at hh:mm, days later. */
function onDay(day: string, days: number, hour: number, minute = 0): Date {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return new Date(new Date(`${day}T${hh}:${mm}:00+07:00`).getTime() + days * DAY);
}
const iso = (d: Date) => d.toISOString();
const later = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

/** A body's answer to a question at a strength in [0,1]: the stronger, the more it earns. */
function answerAt(q: Question, strength: number, r: Random): AnswerValue {
  switch (q.type) {
    case 'boolean':
      return r.next() < strength;
    case 'choice': {
      const options = [...(q.options ?? [])].sort((a, b) => b.score - a.score);
      let i = 0;
      while (i < options.length - 1 && r.next() > strength) i++;
      return options[i]?.code ?? null;
    }
    case 'checklist':
      return (q.items ?? []).filter(() => r.next() < clamp(strength + 0.05, 0.05, 0.97)).map((it) => it.code);
  }
}

const earns = (q: Question, value: AnswerValue) => !questionPoints(q, value).isZero();
const points = (q: Question, value: AnswerValue) => questionPoints(q, value).toDecimal();

/** A lower value than the answer, as an evaluator's correction finds it; null when the answer earns nothing. */
function lowered(q: Question, value: AnswerValue, r: Random): AnswerValue | null {
  if (!earns(q, value)) return null;
  switch (q.type) {
    case 'boolean':
      return false;
    case 'choice': {
      const current = (q.options ?? []).find((o) => o.code === value);
      const lower = (q.options ?? [])
        .filter((o) => current && o.score < current.score)
        .sort((a, b) => b.score - a.score);
      return lower[0]?.code ?? null;
    }
    case 'checklist': {
      const checked = [...(value as string[])];
      const drop = Math.min(checked.length, r.int(1, 2));
      for (let i = 0; i < drop; i++) checked.splice(r.int(0, checked.length - 1), 1);
      return checked;
    }
  }
}

/** A higher value than the answer (the evidence shows more than the body claimed); null when there is none. */
function raised(q: Question, value: AnswerValue, r: Random): AnswerValue | null {
  switch (q.type) {
    case 'boolean':
      return value === true ? null : true;
    case 'choice': {
      const current = (q.options ?? []).find((o) => o.code === value);
      const higher = (q.options ?? [])
        .filter((o) => current && o.score > current.score)
        .sort((a, b) => a.score - b.score);
      return higher[0]?.code ?? null;
    }
    case 'checklist': {
      const checked = new Set(value as string[]);
      const unchecked = (q.items ?? []).filter((it) => !checked.has(it.code));
      if (unchecked.length === 0) return null;
      const added = r.pick(unchecked).code;
      return (q.items ?? []).map((it) => it.code).filter((c) => checked.has(c) || c === added);
    }
  }
}

/** The value an evaluator sets when nothing backs the answer: what earns nothing. */
function zeroOf(q: Question): AnswerValue {
  if (q.type === 'boolean') return false;
  if (q.type === 'checklist') return [];
  return [...(q.options ?? [])].sort((a, b) => a.score - b.score)[0]?.code ?? null;
}

/** Evidence pages per indicator, on the body's own site (or a demo host when the registry has none). */
const PAGES = [
  'ppid/daftar-informasi-publik',
  'ppid/layanan-online',
  'ppid/informasi-berkala',
  'ppid/standar-layanan',
  'ppid/profil-ppid',
  'ppid/sarana-prasarana',
];
const siteOf = (b: DemoBody) => (b.website ?? `https://ppid.${b.slug}.demo`).replace(/\/+$/, '');

interface Filled {
  question: Question;
  indicatorIndex: number;
  value: AnswerValue;
  note: string | null;
  links: string[];
}

/** Answers (with notes and evidence links) for the first `count` questions, at a body's strength. */
function fill(
  questions: { question: Question; indicatorIndex: number }[],
  body: DemoBody,
  strength: number,
  count: number,
  texts: DemoCycle['texts'],
  r: Random,
): Filled[] {
  return questions.slice(0, count).map(({ question, indicatorIndex }) => {
    const value = answerAt(question, strength, r);
    const links: string[] = [];
    const wantsLink =
      question.evidence === 'required' ? earns(question, value) : question.evidence === 'optional' && r.next() < 0.5;
    if (wantsLink) {
      links.push(`${siteOf(body)}/${PAGES[indicatorIndex % PAGES.length]}`);
      if (r.next() < 0.2) links.push(`${siteOf(body)}/ppid/unduhan`);
    }
    const note = r.next() < 0.07 ? r.pick(texts.notes) : null;
    return { question, indicatorIndex, value, note, links };
  });
}

/** The seeded rows, collected per table and written in bulk at the end (one statement per table and batch). */
class Rows {
  submissions: repo.SubmissionRowSeed[] = [];
  answers: repo.AnswerRowSeed[] = [];
  evidence: repo.EvidenceRowSeed[] = [];
  history: repo.HistoryRowSeed[] = [];
  assignments: repo.AssignmentRowSeed[] = [];
  clarifications: repo.ClarificationRowSeed[] = [];
  messages: repo.ClarificationMessageRowSeed[] = [];
  objections: repo.ObjectionRowSeed[] = [];
  panelScores: repo.PanelScoreRowSeed[] = [];

  async write(db: Db) {
    await repo.insertSubmissions(db, this.submissions);
    await repo.insertAnswers(db, this.answers);
    await repo.insertEvidence(db, this.evidence);
    await repo.insertAssignments(db, this.assignments);
    await repo.insertClarifications(db, this.clarifications, this.messages);
    await repo.insertObjections(db, this.objections);
    // the identity column orders a submission's history: rows go in by time
    const history = this.history
      .map((h, i) => ({ h, i }))
      .sort((a, b) => a.h.at.localeCompare(b.h.at) || a.i - b.i)
      .map((x) => x.h);
    await repo.insertHistory(db, history);
  }
}

/** Writes a submission's saves: answers by batch (one version each), their evidence and 'answer.saved' history. */
function saveAnswers(
  rows: Rows,
  submissionId: string,
  body: DemoBody,
  filled: Filled[],
  saveTimes: Date[],
  batchOf: (f: Filled) => number,
  options: { carriedFromYear?: number } = {},
): Map<string, repo.AnswerRowSeed> {
  const byCode = new Map<string, repo.AnswerRowSeed>();
  for (const f of filled) {
    const batch = batchOf(f);
    const at = iso(later(saveTimes[batch] as Date, f.question.code.length));
    const carried = options.carriedFromYear !== undefined && batch === 0;
    const row: repo.AnswerRowSeed = {
      submissionId,
      questionId: '',
      questionCode: f.question.code,
      value: f.value,
      note: f.note,
      selfPoints: points(f.question, f.value),
      verifiedValue: null,
      verifiedPoints: null,
      verifiedReason: null,
      verifiedBy: null,
      verifiedAt: null,
      changedVersion: batch + 1,
      carried,
      updatedBy: body.operatorId,
      updatedAt: at,
    };
    byCode.set(f.question.code, row);
    rows.answers.push(row);
    f.links.forEach((url, position) => {
      rows.evidence.push({ submissionId, questionCode: f.question.code, position, url });
    });
    const evidence = f.links.map((url) => ({ url }));
    rows.history.push({
      submissionId,
      questionCode: f.question.code,
      at,
      actorId: body.operatorId,
      event: carried ? 'answer.carried' : 'answer.saved',
      before: null,
      after: carried
        ? { value: f.value, fromYear: options.carriedFromYear }
        : { value: f.value, ...(f.note ? { note: f.note } : {}), ...(evidence.length > 0 ? { evidence } : {}) },
      reason: null,
    });
  }
  return byCode;
}

function setVerified(
  row: repo.AnswerRowSeed,
  q: Question,
  value: AnswerValue,
  by: string,
  at: Date,
  reason: string | null,
) {
  row.verifiedValue = value;
  row.verifiedPoints = points(q, value);
  row.verifiedReason = reason;
  row.verifiedBy = by;
  row.verifiedAt = iso(at);
}

interface PastSubmission {
  id: string;
  body: DemoBody;
  strength: number;
  submitted: boolean;
  evaluator?: { id: string; name: string };
  answers: Map<string, repo.AnswerRowSeed>;
  /** Questions the evaluator corrected downward (objection candidates). */
  corrected: string[];
  verifiedOn?: Date;
}

export interface PastCycleResult {
  periodId: string;
  /** Each body's strength (drawn once), which the current period's filling follows. */
  strengths: Map<string, number>;
  /** The answers each body gave in the past period (what carrying forward copies). */
  filled: Map<string, Filled[]>;
}

/** The questions of the preset in order, with their indicator's position. */
function orderedQuestions(preset: QuestionnairePreset) {
  return preset.indicators.flatMap((ind, indicatorIndex) =>
    ind.questions.map((question) => ({ question, indicatorIndex })),
  );
}

/** A period with the preset questionnaire for each category (a draft; the caller sets its stage and times). */
export async function createPeriodWithQuestionnaires(
  db: Db,
  commissionId: string,
  categoryIds: string[],
  values: { year: number; title: string; methodology: Methodology; schedule: unknown },
  preset: QuestionnairePreset,
) {
  const period = await periods.insertPeriod(db, {
    commissionId,
    year: values.year,
    title: values.title,
    methodology: values.methodology,
    schedule: values.schedule,
    settings: { signatory: { name: 'Dr. Ratna Wulandari Siregar, S.H., M.H.', title: 'Ketua Komisi Informasi Pusat' } },
  });
  for (const categoryId of categoryIds) {
    await periods.replaceQuestionnaire(
      db,
      { commissionId, periodId: period.id, categoryId, source: `preset:${preset.key}` },
      { indicators: preset.indicators },
    );
  }
  return period.id;
}

/** Question ids per category and code, filled into the answer rows (the questionnaire is one preset per category). */
async function attachQuestionIds(db: Db, periodId: string, rows: Rows, categoryOf: Map<string, string>) {
  const ids = new Map<string, string>();
  for (const q of await repo.questionRefs(db, periodId)) ids.set(`${q.categoryId}/${q.code}`, q.id);
  for (const a of rows.answers) {
    const id = ids.get(`${categoryOf.get(a.submissionId)}/${a.questionCode}`);
    if (!id) throw new Error(`demo: no question ${a.questionCode} for submission ${a.submissionId}`);
    a.questionId = id;
  }
}

/**
 * The past period (2025 in the demo): SAQ with a spread of strong, weak and missing bodies; verification by the two
 * evaluators with corrections and clarifications; objections accepted and rejected; the
 * gate; the panel's scores for the bodies that proceed; stage events up to the results stage.
 */
export async function seedPastCycle(
  db: Db,
  cycle: DemoCycle,
  actors: CycleActors,
  bodies: DemoBody[],
  categoryIds: string[],
  methodology: Methodology,
  preset: QuestionnairePreset,
): Promise<PastCycleResult> {
  const r = prng(cycle.seed);
  const { schedule } = cycle.past;
  const texts = cycle.texts;
  const periodId = await createPeriodWithQuestionnaires(
    db,
    actors.commissionId,
    categoryIds,
    { year: cycle.past.year, title: cycle.past.title, methodology, schedule },
    preset,
  );
  const questions = orderedQuestions(preset);
  const questionOf = new Map(questions.map((q) => [q.question.code, q.question]));
  const rows = new Rows();
  const categoryOf = new Map<string, string>();

  // strengths: a third strong, some middling, some weak; a few bodies never submit (two never open the SAQ at all)
  const strengths = new Map<string, number>();
  for (const b of bodies) {
    const u = r.next();
    const s =
      u < 0.35
        ? 0.88 + 0.12 * r.next()
        : u < 0.6
          ? 0.7 + 0.18 * r.next()
          : u < 0.85
            ? 0.45 + 0.25 * r.next()
            : 0.12 + 0.3 * r.next();
    strengths.set(b.id, s);
  }
  const named = new Set(cycle.past.notStarted ?? []);
  const order = r.shuffle(bodies.map((_, i) => i)).filter((i) => !named.has(bodies[i]?.name ?? ''));
  const absent = new Set([
    ...bodies.flatMap((b, i) => (named.has(b.name) ? [i] : [])),
    ...order.slice(0, Math.max(0, 2 - named.size)),
  ]);
  const lockedDraft = new Set(order.filter((i) => !absent.has(i)).slice(0, 3));

  const saqClose = onDay(schedule.verification.start, 0, 8);
  const past: PastSubmission[] = [];
  const filledByBody = new Map<string, Filled[]>();
  bodies.forEach((body, index) => {
    if (absent.has(index)) return;
    const strength = strengths.get(body.id) as number;
    const id = crypto.randomUUID();
    categoryOf.set(id, body.categoryId);
    const submitted = !lockedDraft.has(index);
    const count = submitted ? questions.length : r.int(15, 45);
    const filled = fill(questions, body, strength, count, texts, r);
    filledByBody.set(body.id, filled);
    // one save per indicator, a day or two apart, from some day in the SAQ's first three weeks
    const start = r.int(0, 20);
    const saveTimes: Date[] = [];
    let day = start;
    for (let i = 0; i < preset.indicators.length; i++) {
      saveTimes.push(onDay(schedule.saq.start, day, r.int(8, 16), r.int(0, 59)));
      day += r.int(0, 2);
    }
    const batches = Math.max(...filled.map((f) => f.indicatorIndex)) + 1;
    const answers = saveAnswers(rows, id, body, filled, saveTimes, (f) => f.indicatorIndex);
    const submittedAt = submitted ? later(saveTimes[batches - 1] as Date, 60 * r.int(1, 48)) : null;
    rows.history.push(
      submitted
        ? {
            submissionId: id,
            questionCode: null,
            at: iso(submittedAt as Date),
            actorId: body.operatorId,
            event: 'submission.submitted',
            before: { status: 'draft' },
            after: { status: 'submitted' },
            reason: null,
          }
        : {
            // as the stage move locks the drafts when the SAQ closes
            submissionId: id,
            questionCode: null,
            at: iso(saqClose),
            actorId: actors.adminId,
            event: 'submission.locked',
            before: { status: 'draft' },
            after: { status: 'locked' },
            reason: 'SAQ closed',
          },
    );
    rows.submissions.push({
      id,
      commissionId: actors.commissionId,
      periodId,
      bodyId: body.id,
      status: submitted ? 'submitted' : 'locked',
      // the submission (or the lock at the SAQ's close) moved the version once more after the last save
      version: batches + 1,
      submittedAt: submittedAt ? iso(submittedAt) : null,
      firstSubmittedAt: submittedAt ? iso(submittedAt) : null,
      verificationState: 'not_started',
      verificationCompletedAt: null,
      verificationCompletedBy: null,
      proceeds: null,
      createdAt: iso(saveTimes[0] as Date),
      updatedAt: iso(submittedAt ?? saqClose),
    });
    past.push({ id, body, strength, submitted, answers, corrected: [] });
  });

  // --- verification: the submitted SAQs split between the evaluators, alternating within each category
  const submitted = past.filter((p) => p.submitted);
  const assignedAt = onDay(schedule.verification.start, 0, 9);
  const byCategory = [...submitted].sort(
    (a, b) => a.body.categoryCode.localeCompare(b.body.categoryCode) || a.body.name.localeCompare(b.body.name),
  );
  byCategory.forEach((p, i) => {
    p.evaluator = actors.verifiers[i % actors.verifiers.length];
  });
  for (const p of submitted) {
    const evaluator = p.evaluator as { id: string; name: string };
    rows.assignments.push({
      commissionId: actors.commissionId,
      periodId,
      submissionId: p.id,
      evaluatorId: evaluator.id,
      assignedBy: actors.adminId,
      createdAt: iso(assignedAt),
      updatedAt: iso(assignedAt),
    });
    rows.history.push({
      submissionId: p.id,
      questionCode: null,
      at: iso(assignedAt),
      actorId: actors.adminId,
      event: 'assignment.set',
      before: null,
      after: { evaluator: { id: evaluator.id, name: evaluator.name } },
      reason: null,
    });
  }

  // clarifications: four answered with new evidence, one left unanswered (the item then earns nothing)
  const clarified = new Map<string, { reply: boolean; index: number }>();
  const candidates = r.shuffle(submitted).slice(0, texts.clarifications.length + 1);
  candidates.forEach((p, index) => {
    const code = r.shuffle(
      [...p.answers.values()]
        .filter(
          (a) =>
            questionOf.get(a.questionCode)?.evidence === 'required' &&
            earns(questionOf.get(a.questionCode) as Question, a.value as AnswerValue),
        )
        .map((a) => a.questionCode),
    )[0];
    if (code) clarified.set(`${p.id}/${code}`, { reply: index < texts.clarifications.length, index });
  });

  for (const p of submitted) {
    const evaluator = p.evaluator as { id: string; name: string };
    const verifiedOn = onDay(schedule.verification.start, r.int(8, 38), r.int(9, 12));
    p.verifiedOn = verifiedOn;
    const correctionChance = 0.02 + 0.16 * (1 - p.strength);
    let minute = 0;
    for (const a of p.answers.values()) {
      const q = questionOf.get(a.questionCode) as Question;
      const value = a.value as AnswerValue;
      const at = later(verifiedOn, minute++);
      const thread = clarified.get(`${p.id}/${a.questionCode}`);
      let verified: AnswerValue = value;
      let reason: string | null = null;
      if (thread) {
        const askedAt = later(verifiedOn, -6 * 24 * 60);
        const dueAt = onDay(iso(askedAt).slice(0, 10), 4, 23, 59);
        const replyAt = later(verifiedOn, -4 * 24 * 60 + 90);
        const clarificationId = crypto.randomUUID();
        const text = texts.clarifications[thread.index];
        rows.messages.push({
          clarificationId,
          authorId: evaluator.id,
          message: text?.question ?? texts.unansweredClarification,
          evidence: [],
          createdAt: iso(askedAt),
        });
        if (thread.reply && text) {
          const url = `${siteOf(p.body)}/ppid/dokumen/${a.questionCode.replaceAll('.', '-')}-ditandatangani.pdf`;
          const position = rows.evidence.filter(
            (e) => e.submissionId === p.id && e.questionCode === a.questionCode,
          ).length;
          rows.evidence.push({ submissionId: p.id, questionCode: a.questionCode, position, url });
          rows.messages.push({
            clarificationId,
            authorId: p.body.operatorId,
            message: text.reply,
            evidence: [{ url }],
            createdAt: iso(replyAt),
          });
          rows.history.push({
            submissionId: p.id,
            questionCode: a.questionCode,
            at: iso(replyAt),
            actorId: p.body.operatorId,
            event: 'clarification.evidence_added',
            before: null,
            after: { evidence: [{ url }], clarificationId },
            reason: text.reply,
          });
        } else {
          verified = zeroOf(q);
          reason = texts.unansweredCorrection;
          p.corrected.push(a.questionCode);
        }
        // the evaluator closes a thread once the item is verified; the last answered one is left as answered
        const closed = !thread.reply || thread.index < texts.clarifications.length - 1;
        rows.clarifications.push({
          id: clarificationId,
          commissionId: actors.commissionId,
          submissionId: p.id,
          questionCode: a.questionCode,
          askedBy: evaluator.id,
          message: text?.question ?? texts.unansweredClarification,
          dueAt: iso(dueAt),
          status: closed ? 'closed' : 'answered',
          createdAt: iso(askedAt),
          updatedAt: iso(closed ? at : replyAt),
        });
      } else if (r.next() < correctionChance) {
        const lower = lowered(q, value, r);
        if (lower !== null) {
          verified = lower;
          reason = r.pick(texts.corrections);
          p.corrected.push(a.questionCode);
        }
      } else if (r.next() < 0.012) {
        const higher = raised(q, value, r);
        if (higher !== null) {
          verified = higher;
          reason = r.pick(texts.upwardCorrections);
        }
      }
      setVerified(a, q, verified, evaluator.id, at, reason);
      rows.history.push({
        submissionId: p.id,
        questionCode: a.questionCode,
        at: iso(at),
        actorId: evaluator.id,
        event: 'verification.set',
        before: null,
        after: { value: verified },
        reason,
      });
    }
    const completedAt = later(verifiedOn, minute + 30);
    const row = rows.submissions.find((s) => s.id === p.id) as repo.SubmissionRowSeed;
    row.verificationState = 'complete';
    row.verificationCompletedAt = iso(completedAt);
    row.verificationCompletedBy = evaluator.id;
    rows.history.push({
      submissionId: p.id,
      questionCode: null,
      at: iso(completedAt),
      actorId: evaluator.id,
      event: 'verification.completed',
      before: { verificationState: 'in_progress' },
      after: { verificationState: 'complete' },
      reason: null,
    });
  }

  // --- objections (masa sanggah): bodies contest corrected items; some accepted (the answer restored), some rejected
  const contested = r
    .shuffle(submitted.filter((p) => p.corrected.length > 0))
    .slice(0, texts.objections.accepted.length + texts.objections.rejected.length);
  contested.forEach((p, i) => {
    const accepted = i < texts.objections.accepted.length;
    const text = accepted
      ? texts.objections.accepted[i]
      : texts.objections.rejected[i - texts.objections.accepted.length];
    if (!text) return;
    const code = r.pick(p.corrected);
    const a = p.answers.get(code) as repo.AnswerRowSeed;
    const q = questionOf.get(code) as Question;
    const evaluator = p.evaluator as { id: string; name: string };
    const filedAt = onDay(schedule.objection.start, r.int(0, 2), r.int(9, 15), r.int(0, 59));
    const decidedAt = onDay(schedule.objection.start, r.int(3, 4), r.int(9, 15), r.int(0, 59));
    // the objection keeps its own evidence (the item's evidence stays as verified)
    const url = `${siteOf(p.body)}/ppid/sanggah/${code.replaceAll('.', '-')}.pdf`;
    const objectionId = crypto.randomUUID();
    const before = a.verifiedValue as AnswerValue;
    const after = accepted ? (a.value as AnswerValue) : before;
    rows.objections.push({
      id: objectionId,
      commissionId: actors.commissionId,
      submissionId: p.id,
      questionCode: code,
      reason: text.reason,
      evidence: [{ url }],
      filedBy: p.body.operatorId,
      createdAt: iso(filedAt),
      status: accepted ? 'accepted' : 'rejected',
      decidedBy: evaluator.id,
      decidedAt: iso(decidedAt),
      decisionReason: text.decision,
      beforeValue: before,
      afterValue: after,
    });
    rows.history.push({
      submissionId: p.id,
      questionCode: code,
      at: iso(filedAt),
      actorId: p.body.operatorId,
      event: 'objection.filed',
      before: null,
      after: { objectionId, evidence: [{ url }] },
      reason: text.reason,
    });
    rows.history.push({
      submissionId: p.id,
      questionCode: code,
      at: iso(decidedAt),
      actorId: evaluator.id,
      event: accepted ? 'objection.accepted' : 'objection.rejected',
      before: { value: before },
      after: { value: after },
      reason: text.decision,
    });
    if (accepted) setVerified(a, q, after, evaluator.id, decidedAt, text.decision);
  });

  // --- the gate, as the presentation stage marks it: the rounded verified SAQ against gate.min
  const gateAt = onDay(schedule.presentation.start, 0, 8);
  const proceeding: PastSubmission[] = [];
  for (const p of past) {
    const row = rows.submissions.find((s) => s.id === p.id) as repo.SubmissionRowSeed;
    let saq: Rational | null = null;
    if (p.submitted) {
      const stored = new Map(
        [...p.answers.values()].map((a) => [
          a.questionCode,
          { self: Rational.of(a.selfPoints), verified: Rational.of(a.verifiedPoints ?? a.selfPoints) },
        ]),
      );
      saq = aggregateFractions(preset.indicators, (q) => pointsToFractions(q, stored.get(q.code))).verified.score;
    }
    const gate = methodology.gate;
    const proceeds = saq !== null && (!gate || !saq.round(methodology.decimals).lt(Rational.of(gate.min)));
    row.proceeds = proceeds;
    if (proceeds) proceeding.push(p);
    // as the panel's gate writes it at the stage move (no actor of its own: the move's)
    rows.history.push({
      submissionId: p.id,
      questionCode: null,
      at: iso(gateAt),
      actorId: null,
      event: 'panel.gate',
      before: null,
      after: {
        proceeds,
        saq: saq === null ? null : Number(saq.toFixed(methodology.decimals)),
        ...(gate ? { gate: gate.min } : {}),
        ...(saq === null ? { submitted: false } : {}),
      },
      reason: null,
    });
  }

  // --- the panel: every juror scores every proceeding body on each panel component; one body splits the jurors
  const panelComponents = methodology.components.filter((c) => c.source === 'panel').map((c) => c.key);
  const divergent = proceeding.length > 0 ? r.pick(proceeding).id : null;
  for (const p of proceeding) {
    const day = r.int(0, 18);
    actors.jurorIds.forEach((jurorId, j) => {
      for (const component of panelComponents) {
        let score = 48 + 45 * p.strength + (r.next() - 0.5) * 12;
        if (p.id === divergent && j === actors.jurorIds.length - 1) score -= 24;
        const value = (Math.round(clamp(score, 0, 100) * 2) / 2).toFixed(1).replace(/\.0$/, '');
        const at = onDay(schedule.presentation.start, day, 10 + j, r.int(0, 59));
        rows.panelScores.push({
          submissionId: p.id,
          jurorId,
          component,
          score: value,
          createdAt: iso(at),
          updatedAt: iso(at),
        });
        rows.history.push({
          submissionId: p.id,
          questionCode: null,
          at: iso(at),
          actorId: jurorId,
          event: 'panel.scored',
          before: null,
          after: { component, score: Number(value) },
          reason: null,
        });
      }
    });
  }

  await attachQuestionIds(db, periodId, rows, categoryOf);
  await rows.write(db);
  await repo.insertPanel(db, periodId, actors.jurorIds, rows.panelScores);

  // --- the stage events, from the SAQ's opening to the results
  const moves: [string, keyof DemoCycle['texts']['stageReasons'], Date][] = [
    ['draft', 'saq', onDay(schedule.saq.start, 0, 8)],
    ['saq', 'verification', saqClose],
    ['verification', 'objection', onDay(schedule.objection.start, 0, 8)],
    ['objection', 'presentation', gateAt],
    ['presentation', 'results', onDay(schedule.results.start, 0, 8)],
  ];
  await repo.insertStageMoves(
    db,
    actors.commissionId,
    moves.map(([from, to, at]) => ({
      periodId,
      fromStage: from,
      toStage: to,
      actorId: actors.adminId,
      at: iso(at),
      reason: texts.stageReasons[to],
    })),
  );
  const lastMove = moves[moves.length - 1]?.[2] as Date;
  await repo.setPeriodState(db, periodId, {
    stage: 'results',
    createdAt: onDay(schedule.saq.start, -14, 10),
    updatedAt: lastMove,
    version: moves.length + 1,
  });

  return { periodId, strengths, filled: filledByBody };
}

/**
 * The current period's SAQ, open: some bodies have submitted, some are part way (a few after carrying their answers
 * forward), the rest have not started, so staff lists, carry-forward and what-if show real data. Saves are laid over
 * the days before `now`, inside the SAQ window the demo's schedule opens 30 days before.
 */
export async function seedCurrentFilling(
  db: Db,
  cycle: DemoCycle,
  actors: CycleActors,
  bodies: DemoBody[],
  periodId: string,
  past: PastCycleResult,
  preset: QuestionnairePreset,
  now: Date,
) {
  const r = prng(cycle.seed + 1);
  const questions = orderedQuestions(preset);
  const rows = new Rows();
  const categoryOf = new Map<string, string>();
  const untouched = new Set(cycle.current?.untouched ?? []);
  const order = r.shuffle(bodies.map((_, i) => i)).filter((i) => !untouched.has(bodies[i]?.name ?? ''));
  const submittedSet = new Set(order.slice(0, 14));
  const partialSet = new Set(order.slice(14, 36));
  // three of the part-way bodies began by carrying last year's answers forward
  const carriedSet = new Set(
    order
      .slice(14, 36)
      .filter((i) => past.filled.has(bodies[i]?.id ?? ''))
      .slice(0, 3),
  );
  const ago = (days: number, hour: number) => new Date(now.getTime() - days * DAY + (hour - 12) * 3600_000);

  bodies.forEach((body, index) => {
    if (!submittedSet.has(index) && !partialSet.has(index)) return;
    const strength = clamp((past.strengths.get(body.id) ?? 0.5) + 0.04 + (r.next() - 0.5) * 0.1, 0.05, 1);
    const id = crypto.randomUUID();
    categoryOf.set(id, body.categoryId);
    const submitted = submittedSet.has(index);
    const carried = carriedSet.has(index);
    const saves = submitted ? preset.indicators.length : carried ? 2 : r.int(1, 4);
    let day = r.int(12, 27);
    const saveTimes: Date[] = [];
    for (let i = 0; i < saves; i++) {
      saveTimes.push(ago(day, r.int(8, 16)));
      day = Math.max(1, day - r.int(1, 3));
    }
    if (carried) {
      // last year's answers copied as they were (version 1), then a few answered anew (version 2)
      const old = past.filled.get(body.id) ?? [];
      const copied = saveAnswers(rows, id, body, old, saveTimes, () => 0, { carriedFromYear: cycle.past.year });
      const at = saveTimes[1] as Date;
      for (const f of r.shuffle(old).slice(0, r.int(4, 12))) {
        const row = copied.get(f.question.code) as repo.AnswerRowSeed;
        const value = answerAt(f.question, strength, r);
        rows.history.push({
          submissionId: id,
          questionCode: f.question.code,
          at: iso(later(at, f.question.code.length)),
          actorId: body.operatorId,
          event: 'answer.saved',
          before: { value: row.value, note: row.note },
          after: { value },
          reason: null,
        });
        Object.assign(row, {
          value,
          selfPoints: points(f.question, value),
          carried: false,
          changedVersion: 2,
          updatedAt: iso(later(at, f.question.code.length)),
        });
      }
    } else {
      const count = submitted ? questions.length : r.int(10, 55);
      const filled = fill(questions, body, strength, count, cycle.texts, r);
      const batchOf = (f: Filled) =>
        Math.min(saves - 1, Math.floor((f.indicatorIndex * saves) / preset.indicators.length));
      saveAnswers(rows, id, body, filled, saveTimes, batchOf);
    }
    const submittedAt = submitted ? later(saveTimes[saves - 1] as Date, 60 * r.int(1, 20)) : null;
    if (submittedAt) {
      rows.history.push({
        submissionId: id,
        questionCode: null,
        at: iso(submittedAt),
        actorId: body.operatorId,
        event: 'submission.submitted',
        before: { status: 'draft' },
        after: { status: 'submitted' },
        reason: null,
      });
    }
    rows.submissions.push({
      id,
      commissionId: actors.commissionId,
      periodId,
      bodyId: body.id,
      status: submitted ? 'submitted' : 'draft',
      version: saves + (submitted ? 1 : 0),
      submittedAt: submittedAt ? iso(submittedAt) : null,
      firstSubmittedAt: submittedAt ? iso(submittedAt) : null,
      verificationState: 'not_started',
      verificationCompletedAt: null,
      verificationCompletedBy: null,
      proceeds: null,
      createdAt: iso(saveTimes[0] as Date),
      updatedAt: iso(submittedAt ?? (saveTimes[saves - 1] as Date)),
    });
  });
  await attachQuestionIds(db, periodId, rows, categoryOf);
  await rows.write(db);
}

/**
 * Form drafts of a methodology and a schedule: what the inputs hold (numbers as typed, as strings) and their
 * conversion to what the API takes. The rules are the server's own: validateMethodology and validateSchedule from
 * src/domain are pure TypeScript and bundled here, so the browser checks exactly what the server will check.
 */
import { type Methodology, validateMethodology } from '../../src/domain/methodology.ts';
import { MOVABLE_STAGES, type MovableStage, type Schedule, validateSchedule } from '../../src/domain/stages.ts';
import { parseDecimal } from './i18n/format.ts';
import type { Translate } from './i18n/index.tsx';

export interface Issue {
  path: string;
  message: string;
}

export type Source = 'questionnaire' | 'panel';
export type Below = 'weighted' | 'questionnaire_only';

export interface ComponentDraft {
  uid: string;
  key: string;
  label: string;
  weight: string;
  source: Source;
}

export interface BandDraft {
  uid: string;
  label: string;
  min: string;
  certificate: boolean;
}

export interface MethodologyDraft {
  components: ComponentDraft[];
  gateOn: boolean;
  gate: { component: string; min: string; below: Below };
  bands: BandDraft[];
  decimals: string;
}

let counter = 0;
/** A stable key for a row the person adds or removes (React keys and the ids of its inputs). */
export const uid = () => {
  counter += 1;
  return `r${counter}`;
};

/** The rule the server's schema puts on a component key (periods.schemas.ts). */
const KEY_PATTERN = /^[a-z0-9_-]+$/i;

export function methodologyToDraft(m: Methodology): MethodologyDraft {
  const configured = m.bands.some((b) => b.certificate !== undefined);
  const questionnaire = m.components.find((c) => c.source === 'questionnaire');
  return {
    components: m.components.map((c) => ({
      uid: uid(),
      key: c.key,
      label: c.label,
      weight: String(c.weight),
      source: c.source,
    })),
    gateOn: Boolean(m.gate),
    gate: {
      component: m.gate?.component ?? questionnaire?.key ?? '',
      min: m.gate ? String(m.gate.min) : '70',
      below: m.gate?.below ?? 'weighted',
    },
    bands: m.bands.map((b, i) => ({
      uid: uid(),
      label: b.label,
      min: String(b.min),
      // when no band says, the first three earn a certificate (methodology.ts): the boxes show that default
      certificate: configured ? b.certificate === true : i < 3,
    })),
    decimals: String(m.decimals),
  };
}

// a decimal comma (2,5) is a number too: the fields are text so that the comma typed in Indonesian reaches here
const numberOf = parseDecimal;

/**
 * The methodology a draft stands for, and every problem with it: numbers that are not numbers, keys and labels the
 * server's schema refuses, and every rule of validateMethodology (paths relative to the methodology).
 */
export function draftToMethodology(d: MethodologyDraft): { methodology: Methodology; issues: Issue[] } {
  const issues: Issue[] = [];
  const number = (text: string, path: string): number => {
    const n = numberOf(text);
    if (!Number.isFinite(n)) issues.push({ path, message: 'NUMBER_REQUIRED' });
    return n;
  };
  const components = d.components.map((c, i) => {
    if (c.key.trim() === '') issues.push({ path: `components.${i}.key`, message: 'KEY_REQUIRED' });
    else if (!KEY_PATTERN.test(c.key.trim())) issues.push({ path: `components.${i}.key`, message: 'KEY_PATTERN' });
    if (c.label.trim() === '') issues.push({ path: `components.${i}.label`, message: 'LABEL_REQUIRED' });
    return {
      key: c.key.trim(),
      label: c.label.trim(),
      weight: number(c.weight, `components.${i}.weight`),
      source: c.source,
    };
  });
  const bands = d.bands.map((b, i) => {
    if (b.label.trim() === '') issues.push({ path: `bands.${i}.label`, message: 'LABEL_REQUIRED' });
    return { label: b.label.trim(), min: number(b.min, `bands.${i}.min`), certificate: b.certificate };
  });
  // explicit certificates only where they differ from the default (the first three bands)
  const isDefault = bands.every((b, i) => b.certificate === i < 3);
  const methodology: Methodology = {
    components,
    ...(d.gateOn
      ? { gate: { component: d.gate.component, min: number(d.gate.min, 'gate.min'), below: d.gate.below } }
      : {}),
    bands: isDefault ? bands.map(({ label, min }) => ({ label, min })) : bands,
    decimals: number(d.decimals, 'decimals'),
  };
  const taken = new Set(issues.map((i) => i.path));
  // a field that is not a number already says so; the domain's rules would only repeat it in other words
  for (const issue of validateMethodology(methodology)) {
    if (!taken.has(issue.path)) issues.push(issue);
  }
  return { methodology, issues };
}

/** A fresh component or band row. */
export const newComponent = (): ComponentDraft => ({ uid: uid(), key: '', label: '', weight: '', source: 'panel' });
export const newBand = (): BandDraft => ({ uid: uid(), label: '', min: '', certificate: false });

export type ScheduleDraft = Record<MovableStage, { start: string; end: string }>;

export function scheduleToDraft(s: Schedule): ScheduleDraft {
  return Object.fromEntries(
    MOVABLE_STAGES.map((stage) => [stage, { start: s[stage]?.start ?? '', end: s[stage]?.end ?? '' }]),
  ) as ScheduleDraft;
}

/** The schedule of a draft (a stage with neither date is left out) and its problems, as the server words them. */
export function draftToSchedule(d: ScheduleDraft): { schedule: Schedule; issues: Issue[] } {
  const schedule: Schedule = {};
  const issues: Issue[] = [];
  for (const stage of MOVABLE_STAGES) {
    const { start, end } = d[stage];
    if (!start && !end) continue;
    if (!start || !end) {
      issues.push({ path: `schedule.${stage}`, message: 'BOTH_DATES' });
      continue;
    }
    schedule[stage] = { start, end };
  }
  return { schedule, issues: [...issues, ...validateSchedule(schedule)] };
}

/**
 * A rule's message in the reader's language. The domain words its messages in English for the API; the client knows
 * their shapes and says them again in Indonesian or English. A message it does not know is shown as it came.
 */
export function translateIssue(t: Translate, message: string): string {
  const simple: Record<string, Parameters<Translate>[0]> = {
    NUMBER_REQUIRED: 'rule.numberRequired',
    KEY_REQUIRED: 'rule.keyRequired',
    KEY_PATTERN: 'rule.keyPattern',
    LABEL_REQUIRED: 'rule.labelRequired',
    BOTH_DATES: 'rule.bothDates',
    YEAR_RANGE: 'rule.yearRange',
    TITLE_LENGTH: 'rule.titleLength',
    NO_INDICATORS_KEY: 'rule.noIndicatorsKey',
    'At least one component is needed': 'rule.noComponents',
    'Weight must be greater than 0': 'rule.weightPositive',
    'At least one band is needed': 'rule.noBands',
    'Band minimum must be within 0-100': 'rule.bandRange',
    'Bands must be strictly descending by min': 'rule.bandsDescending',
    'The last band must start at 0': 'rule.lastBandZero',
    'Gate minimum must be within 0-100': 'rule.gateRange',
    'Decimals must be a whole number from 0 to 4': 'rule.decimals',
    'The start is after the end': 'rule.startAfterEnd',
    'A period for this year exists': 'rule.yearExists',
    'Use letters, digits, - and _': 'rule.keyPattern',
    'At least one indicator is needed': 'rule.noIndicators',
    'An indicator needs at least one question': 'rule.noQuestions',
    'A choice question needs at least two options': 'rule.twoOptions',
    'Options belong only to choice questions': 'rule.optionsOnlyChoice',
    'A checklist needs at least one item': 'rule.oneItem',
    'Items belong only to checklist questions': 'rule.itemsOnlyChecklist',
    'An option score must be within 0 and 1': 'rule.optionScore',
    'Points must be greater than 0': 'rule.pointsPositive',
  };
  const key = simple[message];
  if (key) return t(key);
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [
      /^Exactly one component must have source questionnaire \(found (\d+)\)$/,
      (m) => t('rule.oneQuestionnaire', { count: m[1] ?? '' }),
    ],
    [/^Duplicate component key (.*)$/, (m) => t('rule.duplicateKey', { key: m[1] ?? '' })],
    [/^Duplicate band (.*)$/, (m) => t('rule.duplicateBand', { label: m[1] ?? '' })],
    [/^No component (.*)$/, (m) => t('rule.gateComponent', { key: m[1] ?? '' })],
    [/^Starts before (\w+) ends$/, (m) => t('rule.startsBefore', { stage: stageName(t, m[1] ?? '') })],
    [/^Duplicate indicator code (.*)$/, (m) => t('rule.duplicateCode', { code: m[1] ?? '' })],
    [/^Duplicate question code (.*)$/, (m) => t('rule.duplicateCode', { code: m[1] ?? '' })],
    [/^Duplicate option (.*)$/, (m) => t('rule.duplicateCode', { code: m[1] ?? '' })],
    [/^Duplicate item (.*)$/, (m) => t('rule.duplicateCode', { code: m[1] ?? '' })],
  ];
  for (const [pattern, say] of patterns) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  return message;
}

const STAGE_KEYS = {
  draft: 'stage.draft',
  saq: 'stage.saq',
  verification: 'stage.verification',
  objection: 'stage.objection',
  presentation: 'stage.presentation',
  results: 'stage.results',
  published: 'stage.published',
} as const;

/** A stage's name in the reader's language (an unknown one as it came). */
export function stageName(t: Translate, stage: string): string {
  return stage in STAGE_KEYS ? t(STAGE_KEYS[stage as keyof typeof STAGE_KEYS]) : stage;
}

/** Issues keyed by path, their messages translated and joined (one line under each field). */
export function issuesByPath(t: Translate, issues: readonly Issue[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const issue of issues) {
    const text = translateIssue(t, issue.message);
    const before = out.get(issue.path);
    if (before?.split(' · ').includes(text)) continue;
    out.set(issue.path, before ? `${before} · ${text}` : text);
  }
  return out;
}

/** A field path of the API (`methodology.bands.1.min`, `schedule.saq`) as people name the field. */
export function pathLabel(t: Translate, path: string): string {
  const parts = path.split('.');
  const rest = (from: number) => parts.slice(from);
  let p = parts;
  if (p[0] === 'methodology') p = rest(1);
  const field = (name: string | undefined) => {
    switch (name) {
      case 'key':
        return t('meth.key');
      case 'label':
        return t('meth.label');
      case 'weight':
        return t('meth.weight');
      case 'source':
        return t('meth.source');
      case 'min':
        return t('meth.min');
      case 'certificate':
        return t('meth.certificate');
      default:
        return name ?? '';
    }
  };
  if (p[0] === 'components') {
    if (p[1] === undefined) return t('meth.components');
    return `${t('meth.componentN', { n: Number(p[1]) + 1 })} · ${field(p[2])}`;
  }
  if (p[0] === 'bands') {
    if (p[1] === undefined) return t('meth.bands');
    return `${t('meth.bandN', { n: Number(p[1]) + 1 })} · ${field(p[2])}`;
  }
  if (p[0] === 'gate')
    return `${t('meth.gate')} · ${p[1] === 'min' ? t('meth.gateMin') : p[1] === 'below' ? t('meth.gateBelow') : t('meth.gateComponent')}`;
  if (p[0] === 'decimals') return t('meth.decimals');
  if (p[0] === 'schedule') {
    const stage = stageName(t, p[1] ?? '');
    if (p[2] === 'start') return `${t('schedule.title')} · ${stage} · ${t('schedule.start')}`;
    if (p[2] === 'end') return `${t('schedule.title')} · ${stage} · ${t('schedule.end')}`;
    return `${t('schedule.title')} · ${stage}`;
  }
  if (path === 'year') return t('periods.year');
  if (path === 'title') return t('periods.titleField');
  return path;
}

/** Normalised weights as percentages (weights need not add up to 100); null where a weight is not yet a number. */
export function weightShares(weights: readonly string[]): (number | null)[] {
  const numbers = weights.map(numberOf);
  const valid = numbers.every((n) => Number.isFinite(n) && n > 0);
  const total = numbers.reduce((a, b) => a + b, 0);
  return numbers.map((n) => (valid && total > 0 ? (n / total) * 100 : null));
}

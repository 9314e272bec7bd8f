import type { Issue } from './issues.ts';

export type QuestionType = 'boolean' | 'choice' | 'checklist';
export type EvidenceRule = 'none' | 'optional' | 'required';

export interface QuestionOption {
  code: string;
  label: string;
  score: number;
}

export interface ChecklistItem {
  code: string;
  label: string;
  points: number;
}

export interface Question {
  code: string;
  text: string;
  guidance?: string | undefined;
  type: QuestionType;
  weight: number;
  evidence: EvidenceRule;
  options?: QuestionOption[] | undefined;
  items?: ChecklistItem[] | undefined;
}

export interface Indicator {
  code: string;
  title: string;
  weight: number;
  questions: Question[];
}

export interface Questionnaire {
  indicators: Indicator[];
}

/**
 * Every rule a questionnaire breaks, at once: unique indicator and question codes, positive weights, option scores in
 * [0,1], checklist points > 0, options only (and always) on choice questions, items only (and always) on checklists.
 */
export function validateQuestionnaire(q: Questionnaire): Issue[] {
  const issues: Issue[] = [];
  if (q.indicators.length === 0) issues.push({ path: 'indicators', message: 'At least one indicator is needed' });
  const indicatorCodes = new Set<string>();
  const questionCodes = new Set<string>();
  q.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (indicatorCodes.has(ind.code))
      issues.push({ path: `${at}.code`, message: `Duplicate indicator code ${ind.code}` });
    indicatorCodes.add(ind.code);
    if (!(ind.weight > 0)) issues.push({ path: `${at}.weight`, message: 'Weight must be greater than 0' });
    if (ind.questions.length === 0)
      issues.push({ path: `${at}.questions`, message: 'An indicator needs at least one question' });
    ind.questions.forEach((question, j) => {
      const qa = `${at}.questions.${j}`;
      if (questionCodes.has(question.code)) {
        issues.push({ path: `${qa}.code`, message: `Duplicate question code ${question.code}` });
      }
      questionCodes.add(question.code);
      if (!(question.weight > 0)) issues.push({ path: `${qa}.weight`, message: 'Weight must be greater than 0' });
      if (question.type === 'choice') {
        if (!question.options || question.options.length < 2) {
          issues.push({ path: `${qa}.options`, message: 'A choice question needs at least two options' });
        }
      } else if (question.options !== undefined) {
        issues.push({ path: `${qa}.options`, message: 'Options belong only to choice questions' });
      }
      if (question.type === 'checklist') {
        if (!question.items || question.items.length === 0) {
          issues.push({ path: `${qa}.items`, message: 'A checklist needs at least one item' });
        }
      } else if (question.items !== undefined) {
        issues.push({ path: `${qa}.items`, message: 'Items belong only to checklist questions' });
      }
      const optionCodes = new Set<string>();
      question.options?.forEach((o, k) => {
        if (optionCodes.has(o.code))
          issues.push({ path: `${qa}.options.${k}.code`, message: `Duplicate option ${o.code}` });
        optionCodes.add(o.code);
        if (!(o.score >= 0 && o.score <= 1)) {
          issues.push({ path: `${qa}.options.${k}.score`, message: 'An option score must be within 0 and 1' });
        }
      });
      const itemCodes = new Set<string>();
      question.items?.forEach((it, k) => {
        if (itemCodes.has(it.code))
          issues.push({ path: `${qa}.items.${k}.code`, message: `Duplicate item ${it.code}` });
        itemCodes.add(it.code);
        if (!(it.points > 0))
          issues.push({ path: `${qa}.items.${k}.points`, message: 'Points must be greater than 0' });
      });
    });
  });
  return issues;
}

/** Whether a raw answer value fits its question (boolean / an option code / a list of distinct item codes / null). */
export function answerFits(question: Question, value: unknown): boolean {
  if (value === null) return true;
  switch (question.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && (question.options ?? []).some((o) => o.code === value);
    case 'checklist':
      return (
        Array.isArray(value) &&
        new Set(value).size === value.length &&
        value.every((v) => typeof v === 'string' && (question.items ?? []).some((it) => it.code === v))
      );
  }
}

/** Typed access to the Informatif HTTP API (API.md). Every error answer becomes an ApiError carrying the problem. */

import type { Methodology } from '../../src/domain/methodology.ts';
import type { Indicator } from '../../src/domain/questionnaire.ts';
import type { MovableStage, Schedule, Stage } from '../../src/domain/stages.ts';

export type { Indicator, Methodology, MovableStage, Schedule, Stage };

export type Role = 'platform_admin' | 'commission_admin' | 'evaluator' | 'leadership' | 'body_operator';
export type CommissionRole = Exclude<Role, 'platform_admin'>;
export const COMMISSION_ROLES: readonly CommissionRole[] = [
  'commission_admin',
  'evaluator',
  'leadership',
  'body_operator',
];

export interface RoleGrant {
  role: Role;
  commissionId?: string;
  bodyId?: string;
  commissionCode?: string;
  commissionName?: string;
  bodyName?: string;
}

export interface User {
  id: string;
  email: string;
  name: string;
  roles: RoleGrant[];
}

export interface InvitationInfo {
  email: string;
  name: string;
  role: CommissionRole;
  commissionName: string;
  bodyName?: string;
  expiresAt: string;
}

export interface Commission {
  id: string;
  code: string;
  name: string;
  province: string | null;
  createdAt: string;
}

export interface Category {
  id: string;
  code: string;
  name: string;
}

export interface Body {
  id: string;
  commissionId: string;
  categoryCode: string;
  categoryName: string;
  name: string;
  slug: string;
  province: string | null;
  website: string | null;
  ppidEmail: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface BodyInput {
  name: string;
  categoryCode: string;
  province?: string;
  website?: string;
  ppidEmail?: string;
}

export interface BodyPatch {
  name?: string;
  categoryCode?: string;
  province?: string | null;
  website?: string | null;
  ppidEmail?: string | null;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export interface CommissionUser {
  id: string;
  email: string;
  name: string;
  active: boolean;
  roles: { role: CommissionRole; bodyId?: string; bodyName?: string }[];
}

export interface InvitationLink {
  token: string;
  url: string;
  expiresAt: string;
}

export interface InvitationRow {
  id: string;
  email: string;
  name: string;
  role: CommissionRole;
  bodyId: string | null;
  bodyName: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  status: 'pending' | 'accepted' | 'expired';
}

export interface InviteInput {
  email: string;
  name: string;
  role: CommissionRole;
  bodyId?: string;
}

export interface PeriodSettings {
  signatory?: { name: string; title: string };
}

export interface Period {
  id: string;
  commissionId: string;
  year: number;
  title: string;
  stage: Stage;
  methodology: Methodology;
  schedule: Schedule;
  settings: PeriodSettings;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Categories that have a questionnaire, with its number of questions. */
  questionnaires: { categoryCode: string; categoryName: string; questions: number }[];
}

export interface PeriodInput {
  year: number;
  title: string;
  methodology: Methodology;
  schedule?: Schedule;
  settings?: PeriodSettings;
}

export interface PeriodPatch {
  title?: string;
  methodology?: Methodology;
  schedule?: Schedule;
  settings?: PeriodSettings;
}

export interface StageEvent {
  from: string;
  to: string;
  at: string;
  actorId: string | null;
  reason: string | null;
}

export interface MethodologyPreset {
  key: string;
  name: string;
  description?: string;
  methodology: Methodology;
}

export interface QuestionnairePresetInfo {
  key: string;
  name: string;
  description?: string;
  questions: number;
}

export interface QuestionnaireView {
  categoryCode: string;
  categoryName: string;
  source: string | null;
  updatedAt: string;
  indicators: Indicator[];
}

export interface Outcome {
  final: number;
  band: string;
  rank: number;
}

export interface WhatIfRow {
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  current: Outcome;
  proposed: Outcome;
}

/** An answer's value: boolean (yes/no), an option code (choice), item codes (checklist; [] = none), null = unanswered. */
export type AnswerValue = boolean | string | string[] | null;

export interface LinkEvidence {
  url: string;
  /** The HTTP status of the last background check; null: not checked yet, or unreachable (then linkCheckedAt is set). */
  linkStatus: number | null;
  linkCheckedAt: string | null;
}

export interface FileEvidence {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

export type EvidenceView = LinkEvidence | FileEvidence;
export type EvidenceInput = { url: string } | { fileId: string };

export interface AnswerView {
  questionCode: string;
  value: AnswerValue;
  note: string | null;
  evidence: EvidenceView[];
  /** Copied from an earlier year and not saved again since. */
  carried: boolean;
  /** The submission version at which this answer last changed. */
  changedVersion: number;
  updatedAt: string;
  updatedBy: { id: string; name: string } | null;
}

export interface IndicatorScore {
  code: string;
  title: string;
  weight: number;
  earned: number;
  possible: number;
  score: number;
}

export interface Scores {
  self: number;
  indicators: IndicatorScore[];
  verified?: number;
}

export type SubmissionStatus = 'draft' | 'submitted' | 'locked';

export interface Submission {
  id: string;
  periodId: string;
  year: number;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  status: SubmissionStatus;
  version: number;
  submittedAt: string | null;
  /** The end of the SAQ for this body (its extension when later), or null. */
  deadline: string | null;
  editable: boolean;
  answers: AnswerView[];
  scores: Scores;
  verification?: { questionCode: string; value: AnswerValue; reason: string | null }[];
  progress: { answered: number; total: number; missing: string[] };
}

export interface SubmissionRow {
  id: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  status: string;
  version: number;
  answered: number;
  submittedAt: string | null;
  deadline: string | null;
  updatedAt: string;
}

export interface AnswerInputItem {
  questionCode: string;
  value: AnswerValue;
  evidence?: EvidenceInput[];
  note?: string | null;
}

export interface HistoryEntry {
  at: string;
  actor: { id: string; name: string } | null;
  event: string;
  questionCode?: string;
  before: unknown;
  after: unknown;
  reason?: string;
}

export interface UploadedFile extends FileEvidence {
  sha256: string;
}

export interface ProblemDetail {
  path?: string;
  line?: number;
  message: string;
}

/** RFC 9457 problem as the server sends it; `code` is stable, `detail` and `errors[].message` are for people. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: ProblemDetail[];
  current?: unknown;
  retryAfter?: number;
  [extension: string]: unknown;
}

/** Codes the client invents for failures that never reached the server or came back unreadable. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

let onUnauthorized: (() => void) | undefined;

/** Called when a request answers 401 (the session ended); the session provider signs the user out locally. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  /** Do not treat a 401 as the end of the session (sign-in, invitation pages, the first /me). */
  allow401?: boolean;
  signal?: AbortSignal;
}

function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readProblem(response: Response): Promise<Problem> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<Problem>;
    if (parsed && typeof parsed === 'object' && typeof parsed.code === 'string') {
      return {
        type: parsed.type ?? 'about:blank',
        title: parsed.title ?? response.statusText,
        detail: parsed.detail ?? '',
        ...parsed,
        status: response.status,
        code: parsed.code,
      } as Problem;
    }
  } catch {
    // not JSON: described below
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    detail: text.slice(0, 300),
    code: UNEXPECTED_RESPONSE,
  };
}

/** One request to /api; resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.text !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'text/plain';
    body = options.text;
  }
  let response: Response;
  try {
    response = await fetch(`/api${withQuery(path, options.query)}`, {
      method: options.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: error instanceof Error ? error.message : String(error),
      code: NETWORK_ERROR,
    });
  }
  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && !options.allow401) onUnauthorized?.();
    throw new ApiError(problem);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Unexpected response',
      status: response.status,
      detail: 'The server answered with something that is not JSON.',
      code: UNEXPECTED_RESPONSE,
    });
  }
}

/**
 * Uploads an evidence file (multipart, field `file`) with progress: fetch cannot report upload progress, so this one
 * request goes through XMLHttpRequest. Resolves with the stored file; rejects with ApiError (413 too large, 415 not a
 * PDF, image or office document, NETWORK_ERROR offline) or an AbortError.
 */
export function uploadEvidence(
  sid: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/submissions/${encodeURIComponent(sid)}/files`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    const networkError = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          detail: 'The upload did not reach the server.',
          code: NETWORK_ERROR,
        }),
      );
    xhr.onerror = networkError;
    xhr.ontimeout = networkError;
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
      });
      if (xhr.status < 200 || xhr.status >= 300) {
        void readProblem(response).then((problem) => {
          if (xhr.status === 401) onUnauthorized?.();
          reject(new ApiError(problem));
        });
        return;
      }
      try {
        resolve(JSON.parse(xhr.responseText) as UploadedFile);
      } catch {
        reject(
          new ApiError({
            type: 'about:blank',
            title: 'Unexpected response',
            status: xhr.status,
            detail: 'The server answered with something that is not JSON.',
            code: UNEXPECTED_RESPONSE,
          }),
        );
      }
    };
    if (signal) {
      if (signal.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'));
        return;
      }
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

const enc = encodeURIComponent;

/** Where an evidence file is downloaded (content-disposition: attachment). */
export const fileUrl = (fileId: string) => `/api/files/${enc(fileId)}`;

export const api = {
  me: (signal?: AbortSignal) => request<{ user: User }>('/me', { allow401: true, signal }),
  login: (email: string, password: string) =>
    request<{ user: User }>('/auth/login', { method: 'POST', json: { email, password }, allow401: true }),
  logout: () => request<void>('/auth/logout', { method: 'POST', allow401: true }),
  invitation: (token: string) => request<InvitationInfo>(`/auth/invitations/${enc(token)}`, { allow401: true }),
  acceptInvitation: (token: string, password: string) =>
    request<{ user: User }>(`/auth/invitations/${enc(token)}/accept`, {
      method: 'POST',
      json: { password },
      allow401: true,
    }),

  commissions: () => request<{ commissions: Commission[] }>('/commissions'),
  createCommission: (input: { code: string; name: string; province?: string }) =>
    request<{ commission: Commission }>('/commissions', { method: 'POST', json: input }),
  commission: (cid: string) => request<{ commission: Commission }>(`/commissions/${enc(cid)}`),
  categories: (cid: string) => request<{ categories: Category[] }>(`/commissions/${enc(cid)}/categories`),

  bodies: (
    cid: string,
    filter: { category?: string; q?: string; limit?: number; offset?: number } = {},
    signal?: AbortSignal,
  ) => request<{ bodies: Body[]; total: number }>(`/commissions/${enc(cid)}/bodies`, { query: filter, signal }),
  createBody: (cid: string, input: BodyInput) =>
    request<{ body: Body }>(`/commissions/${enc(cid)}/bodies`, { method: 'POST', json: input }),
  importBodies: (cid: string, csv: string) =>
    request<ImportResult>(`/commissions/${enc(cid)}/bodies/import`, {
      method: 'POST',
      text: csv,
      contentType: 'text/csv; charset=utf-8',
    }),
  body: (bid: string) => request<{ body: Body }>(`/bodies/${enc(bid)}`),
  updateBody: (bid: string, version: number, patch: BodyPatch) =>
    request<{ body: Body }>(`/bodies/${enc(bid)}`, {
      method: 'PATCH',
      json: patch,
      headers: { 'If-Match': `"${version}"` },
    }),

  users: (cid: string) => request<{ users: CommissionUser[] }>(`/commissions/${enc(cid)}/users`),
  invitations: (cid: string) => request<{ invitations: InvitationRow[] }>(`/commissions/${enc(cid)}/invitations`),
  invite: (cid: string, input: InviteInput) =>
    request<{ user: { id: string; email: string; name: string }; invitation: InvitationLink }>(
      `/commissions/${enc(cid)}/users`,
      { method: 'POST', json: input },
    ),

  presets: () => request<{ methodologies: MethodologyPreset[]; questionnaires: QuestionnairePresetInfo[] }>('/presets'),
  presetQuestionnaire: (key: string) =>
    request<{ key: string; name: string; indicators: Indicator[] }>(`/presets/questionnaires/${enc(key)}`),
  periods: (cid: string) => request<{ periods: Period[] }>(`/commissions/${enc(cid)}/periods`),
  createPeriod: (cid: string, input: PeriodInput) =>
    request<{ period: Period }>(`/commissions/${enc(cid)}/periods`, { method: 'POST', json: input }),
  period: (pid: string) => request<{ period: Period }>(`/periods/${enc(pid)}`),
  updatePeriod: (pid: string, version: number, patch: PeriodPatch) =>
    request<{ period: Period }>(`/periods/${enc(pid)}`, {
      method: 'PATCH',
      json: patch,
      headers: { 'If-Match': `"${version}"` },
    }),
  moveStage: (pid: string, to: MovableStage, reason?: string) =>
    request<{ period: Period }>(`/periods/${enc(pid)}/stage`, {
      method: 'POST',
      json: reason ? { to, reason } : { to },
    }),
  stageEvents: (pid: string) => request<{ events: StageEvent[] }>(`/periods/${enc(pid)}/stage-events`),
  questionnaire: (pid: string, categoryCode: string) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}`),
  putQuestionnaire: (pid: string, categoryCode: string, indicators: Indicator[]) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}`, {
      method: 'PUT',
      json: { indicators },
    }),
  copyQuestionnaire: (pid: string, categoryCode: string, fromPeriodId: string) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}/copy`, {
      method: 'POST',
      json: { fromPeriodId },
    }),
  whatIf: (pid: string, methodology: Methodology) =>
    request<{ rows: WhatIfRow[] }>(`/periods/${enc(pid)}/whatif`, { method: 'POST', json: { methodology } }),

  mySubmission: (pid: string, bodyId?: string, signal?: AbortSignal) =>
    request<{ submission: Submission }>(`/periods/${enc(pid)}/submissions/mine`, { query: { bodyId }, signal }),
  submission: (sid: string, signal?: AbortSignal) =>
    request<{ submission: Submission }>(`/submissions/${enc(sid)}`, { signal }),
  submissions: (pid: string, category?: string) =>
    request<{ submissions: SubmissionRow[]; notStarted: { bodyId: string; bodyName: string; categoryCode: string }[] }>(
      `/periods/${enc(pid)}/submissions`,
      { query: { category } },
    ),
  saveAnswers: (sid: string, version: number, answers: AnswerInputItem[], signal?: AbortSignal) =>
    request<{ version: number; scores: Scores }>(`/submissions/${enc(sid)}/answers`, {
      method: 'PATCH',
      json: { answers },
      headers: { 'If-Match': `"${version}"` },
      signal,
    }),
  submit: (sid: string) => request<{ submission: Submission }>(`/submissions/${enc(sid)}/submit`, { method: 'POST' }),
  carryForward: (sid: string) =>
    request<{ carried: number; fromYear: number; submission: Submission }>(`/submissions/${enc(sid)}/carry-forward`, {
      method: 'POST',
    }),
  reopen: (sid: string, reason: string) =>
    request<{ submission: Submission }>(`/submissions/${enc(sid)}/reopen`, { method: 'POST', json: { reason } }),
  extend: (sid: string, until: string, reason: string) =>
    request<{ submission: Submission }>(`/submissions/${enc(sid)}/extension`, {
      method: 'POST',
      json: { until, reason },
    }),
  history: (sid: string, questionCode?: string, signal?: AbortSignal) =>
    request<{ history: HistoryEntry[] }>(`/submissions/${enc(sid)}/history`, { query: { questionCode }, signal }),
};

/** The errors of a problem keyed by field path (`name`, `categoryCode`, ...); the first message per field wins. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const e of error.problem.errors ?? []) {
      if (e.path && !(e.path in out)) out[e.path] = e.message;
    }
  }
  return out;
}

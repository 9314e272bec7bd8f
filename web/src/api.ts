/**
 * Typed access to the Informatif HTTP API (API.md). Every error answer becomes an ApiError carrying the problem.
 *
 * The request and response types are not written here: they are inferred from the server's route schemas
 * (src/modules/<area>/<area>.schemas.ts, imported type-only, so no server code reaches the bundle), and the few
 * values shared with the server come from src/domain/. A change of contract is thus a type error in the web.
 */

import { COMMISSION_ROLES, type CommissionRole, type Role } from '../../src/domain/access.ts';
import type { Methodology } from '../../src/domain/methodology.ts';
import type { Indicator } from '../../src/domain/questionnaire.ts';
import type { MovableStage, Schedule, Stage } from '../../src/domain/stages.ts';
import type {
  AcceptInvitationInput,
  InvitationInfo,
  LoginInput,
  RoleGrant,
  User,
  UserEnvelope,
} from '../../src/modules/auth/auth.schemas.ts';
import type {
  CopyAllQuestionnairesInput,
  CopyAllResult,
  CopyQuestionnaireInput,
  MethodologyPreset,
  Period,
  PeriodInput,
  PeriodPatch,
  PeriodSettings,
  PresetQuestionnaire,
  Presets,
  QuestionEditInput,
  QuestionnaireInput,
  QuestionnairePresetInfo,
  QuestionnaireView,
  StageEvent,
  StageMoveFigures,
  StageMoveInput,
  StagePreview,
} from '../../src/modules/periods/periods.schemas.ts';
import type {
  Body,
  BodyInput,
  BodyListQuery,
  BodyPatch,
  Category,
  Commission,
  CommissionInput,
  CommissionUser,
  ImportResult,
  InvitationLink,
  InvitationRow,
  Invited,
  InviteInput,
} from '../../src/modules/registry/registry.schemas.ts';
import type { Outcome, WhatIfInput, WhatIfResult, WhatIfRow } from '../../src/modules/results/results.schemas.ts';
import type {
  AnswerInputItem,
  AnswerValue,
  AnswerView,
  CarryForwardResult,
  EvidenceInput,
  EvidenceView,
  FileInfo,
  HistoryEntry,
  IndicatorScore,
  SaveAnswersResult,
  Scores,
  Submission,
  SubmissionList,
  SubmissionRow,
  SubmissionStatus,
} from '../../src/modules/submissions/submissions.schemas.ts';

export type {
  AcceptInvitationInput,
  AnswerInputItem,
  AnswerValue,
  AnswerView,
  Body,
  BodyInput,
  BodyListQuery,
  BodyPatch,
  CarryForwardResult,
  Category,
  Commission,
  CommissionInput,
  CommissionRole,
  CommissionUser,
  CopyAllQuestionnairesInput,
  CopyAllResult,
  CopyQuestionnaireInput,
  EvidenceInput,
  EvidenceView,
  HistoryEntry,
  ImportResult,
  Indicator,
  IndicatorScore,
  InvitationInfo,
  InvitationLink,
  InvitationRow,
  Invited,
  InviteInput,
  LoginInput,
  Methodology,
  MethodologyPreset,
  MovableStage,
  Outcome,
  Period,
  PeriodInput,
  PeriodPatch,
  PeriodSettings,
  PresetQuestionnaire,
  Presets,
  QuestionEditInput,
  QuestionnaireInput,
  QuestionnairePresetInfo,
  QuestionnaireView,
  Role,
  RoleGrant,
  SaveAnswersResult,
  Schedule,
  Scores,
  Stage,
  StageEvent,
  StageMoveFigures,
  StageMoveInput,
  StagePreview,
  Submission,
  SubmissionList,
  SubmissionRow,
  SubmissionStatus,
  User,
  UserEnvelope,
  WhatIfInput,
  WhatIfResult,
  WhatIfRow,
};
export { COMMISSION_ROLES };

/** The two shapes of a piece of evidence as the server shows it. */
export type LinkEvidence = Extract<EvidenceView, { url: string }>;
export type FileEvidence = Extract<EvidenceView, { fileId: string }>;
/** An uploaded evidence file as the upload answers it. */
export type UploadedFile = FileInfo;

export interface ProblemDetail {
  path?: string;
  line?: number;
  message: string;
  /** The field's label in the interface's language (the server sends it: Accept-Language). */
  field?: string;
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
  /** The request's method when known: a refused GET means a page (or part) this role may not see. */
  readonly method: string | undefined;
  constructor(problem: Problem, method?: string) {
    super(`${problem.code}: ${problem.detail}`);
    this.name = 'ApiError';
    this.problem = problem;
    this.method = method;
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

/** `path` with the query's set values (undefined and '' left out) as its search string. */
export function withQuery(path: string, query: RequestOptions['query']): string {
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

/**
 * A failed answer as the ApiError its problem describes; a 401 ends the session locally unless `allow401`. Every way
 * the client calls the API goes through it: `request`, the upload, the file downloads (web/src/results/download.ts).
 */
export async function failureOf(response: Response, allow401 = false, method?: string): Promise<ApiError> {
  const problem = await readProblem(response);
  if (response.status === 401 && !allow401) onUnauthorized?.();
  return new ApiError(problem, method);
}

/**
 * The interface's language, sent as Accept-Language on every call so that the server answers its messages in it
 * (issue 25 item 8); the i18n provider keeps it on <html lang>.
 */
export function interfaceLanguage(): 'id' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'id';
}

/** A call that never reached the server (offline, refused, a broken connection) as NETWORK_ERROR. */
export function networkError(cause: unknown): ApiError {
  return new ApiError({
    type: 'about:blank',
    title: 'Network error',
    status: 0,
    detail: cause instanceof Error ? cause.message : String(cause),
    code: NETWORK_ERROR,
  });
}

/** One request to /api; resolves with the parsed JSON body (undefined for 204), rejects with ApiError. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': interfaceLanguage(),
    ...options.headers,
  };
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
    throw networkError(error);
  }
  if (!response.ok) throw await failureOf(response, options.allow401, options.method ?? 'GET');
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
    xhr.setRequestHeader('Accept-Language', interfaceLanguage());
    xhr.withCredentials = true;
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    const unreachable = () => reject(networkError('The upload did not reach the server.'));
    xhr.onerror = unreachable;
    xhr.ontimeout = unreachable;
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      const response = new Response(xhr.status === 204 ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
      });
      if (xhr.status < 200 || xhr.status >= 300) {
        void failureOf(response).then(reject);
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
  me: (signal?: AbortSignal) => request<UserEnvelope>('/me', { allow401: true, signal }),
  login: (email: string, password: string) =>
    request<UserEnvelope>('/auth/login', {
      method: 'POST',
      json: { email, password } satisfies LoginInput,
      allow401: true,
    }),
  logout: () => request<void>('/auth/logout', { method: 'POST', allow401: true }),
  invitation: (token: string) => request<InvitationInfo>(`/auth/invitations/${enc(token)}`, { allow401: true }),
  acceptInvitation: (token: string, password: string) =>
    request<UserEnvelope>(`/auth/invitations/${enc(token)}/accept`, {
      method: 'POST',
      json: { password } satisfies AcceptInvitationInput,
      allow401: true,
    }),

  commissions: () => request<{ commissions: Commission[] }>('/commissions'),
  createCommission: (input: CommissionInput) =>
    request<{ commission: Commission }>('/commissions', { method: 'POST', json: input }),
  commission: (cid: string) => request<{ commission: Commission }>(`/commissions/${enc(cid)}`),
  categories: (cid: string) => request<{ categories: Category[] }>(`/commissions/${enc(cid)}/categories`),

  bodies: (cid: string, filter: BodyListQuery = {}, signal?: AbortSignal) =>
    request<{ bodies: Body[]; total: number }>(`/commissions/${enc(cid)}/bodies`, { query: filter, signal }),
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
    request<Invited>(`/commissions/${enc(cid)}/users`, { method: 'POST', json: input }),

  presets: () => request<Presets>('/presets'),
  presetQuestionnaire: (key: string) => request<PresetQuestionnaire>(`/presets/questionnaires/${enc(key)}`),
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
  moveStage: (pid: string, to: MovableStage, reason?: string, confirm?: string) =>
    request<{ period: Period }>(`/periods/${enc(pid)}/stage`, {
      method: 'POST',
      json: { to, ...(reason ? { reason } : {}), ...(confirm ? { confirm } : {}) } satisfies StageMoveInput,
    }),
  stagePreview: (pid: string, to: MovableStage) =>
    request<StagePreview>(`/periods/${enc(pid)}/stage/preview`, { query: { to } }),
  copyAllQuestionnaires: (pid: string, input: CopyAllQuestionnairesInput) =>
    request<CopyAllResult>(`/periods/${enc(pid)}/questionnaires/copy`, { method: 'POST', json: input }),
  editQuestion: (pid: string, categoryCode: string, questionCode: string, version: number, edit: QuestionEditInput) =>
    request<QuestionnaireView>(
      `/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}/questions/${enc(questionCode)}`,
      { method: 'PATCH', json: edit, headers: { 'If-Match': `"${version}"` } },
    ),
  stageEvents: (pid: string) => request<{ events: StageEvent[] }>(`/periods/${enc(pid)}/stage-events`),
  questionnaire: (pid: string, categoryCode: string) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}`),
  putQuestionnaire: (pid: string, categoryCode: string, indicators: Indicator[]) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}`, {
      method: 'PUT',
      json: { indicators } satisfies QuestionnaireInput,
    }),
  copyQuestionnaire: (pid: string, categoryCode: string, fromPeriodId: string) =>
    request<QuestionnaireView>(`/periods/${enc(pid)}/questionnaires/${enc(categoryCode)}/copy`, {
      method: 'POST',
      json: { fromPeriodId } satisfies CopyQuestionnaireInput,
    }),
  whatIf: (pid: string, methodology: Methodology) =>
    request<WhatIfResult>(`/periods/${enc(pid)}/whatif`, {
      method: 'POST',
      json: { methodology } satisfies WhatIfInput,
    }),

  mySubmission: (pid: string, bodyId?: string, signal?: AbortSignal) =>
    request<{ submission: Submission }>(`/periods/${enc(pid)}/submissions/mine`, { query: { bodyId }, signal }),
  submission: (sid: string, signal?: AbortSignal) =>
    request<{ submission: Submission }>(`/submissions/${enc(sid)}`, { signal }),
  submissions: (pid: string, category?: string) =>
    request<SubmissionList>(`/periods/${enc(pid)}/submissions`, { query: { category } }),
  saveAnswers: (sid: string, version: number, answers: AnswerInputItem[], signal?: AbortSignal) =>
    request<SaveAnswersResult>(`/submissions/${enc(sid)}/answers`, {
      method: 'PATCH',
      json: { answers },
      headers: { 'If-Match': `"${version}"` },
      signal,
    }),
  submit: (sid: string) => request<{ submission: Submission }>(`/submissions/${enc(sid)}/submit`, { method: 'POST' }),
  carryForward: (sid: string) =>
    request<CarryForwardResult>(`/submissions/${enc(sid)}/carry-forward`, { method: 'POST' }),
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

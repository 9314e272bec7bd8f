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

const enc = encodeURIComponent;

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

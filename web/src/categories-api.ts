/**
 * The client of category management, the body import's template and the operators' invitation in one step (issue 25,
 * items 1 and 9), typed from the registry's route schemas like api.ts.
 */
import type {
  BodyInvitationsResult,
  Category,
  CategoryPresetInfo,
  CategoryPresetResult,
  RetiredCategory,
} from '../../src/modules/registry/registry.schemas.ts';
import { request } from './api.ts';

const enc = encodeURIComponent;

export type { BodyInvitationsResult, CategoryPresetInfo };

export const categoriesApi = {
  list: (cid: string) => request<{ categories: Category[] }>(`/commissions/${enc(cid)}/categories`),
  create: (cid: string, input: { code: string; name: string }) =>
    request<{ category: Category }>(`/commissions/${enc(cid)}/categories`, { method: 'POST', json: input }),
  /** With the version the page read: a category renamed by someone else meanwhile is a 409 with `current`. */
  rename: (id: string, version: number | undefined, name: string) =>
    request<{ category: Category }>(`/categories/${enc(id)}`, {
      method: 'PATCH',
      json: { name },
      ...(version === undefined ? {} : { headers: { 'If-Match': `"${version}"` } }),
    }),
  retire: (id: string) => request<RetiredCategory>(`/categories/${enc(id)}`, { method: 'DELETE' }),
  presets: (cid: string) => request<{ presets: CategoryPresetInfo[] }>(`/commissions/${enc(cid)}/categories/presets`),
  applyPreset: (cid: string, key: string) =>
    request<CategoryPresetResult>(`/commissions/${enc(cid)}/categories/preset`, { method: 'POST', json: { key } }),
  inviteOperators: (cid: string, bodyIds: string[]) =>
    request<BodyInvitationsResult>(`/commissions/${enc(cid)}/invitations/bodies`, {
      method: 'POST',
      json: { bodyIds },
    }),
};

/** The import template's address (a plain link: the browser downloads it with the session cookie). */
export const importTemplateUrl = (cid: string) => `/api/commissions/${enc(cid)}/bodies/import/template`;

/**
 * The schema-driven fuzz engine: every operation of /api/openapi.json (read at run time), valid and mutated requests,
 * as anonymous, a body operator and a commission admin, each response checked against the document. See README.md.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { inject } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';
import {
  BAD_IDS,
  BODY_MUTATIONS,
  type BodyMutation,
  deepJson,
  hasUnstorableText,
  MALFORMED_JSON,
  mutateBody,
  UNICODE_EDGES,
  WRONG_CONTENT_TYPES,
} from './mutations.ts';
import { generate, Rng, resolve, type Schema } from './schema-gen.ts';

export const DEFAULT_SEED = 20_261_203;
export const DEFAULT_CASES = 2_000;

export type FindingClass =
  | 'no-answer'
  | '5xx'
  | 'nul-500'
  | 'undocumented-status'
  | 'not-problem-json'
  | 'response-schema'
  | 'leaked-regex-flag'
  | 'unauth-before-shape'
  | 'anonymous-not-401'
  | 'refusal-changed-rows'
  | 'untranslated-message';

export type Role = 'anonymous' | 'operator' | 'admin';
const ROLES: readonly Role[] = ['anonymous', 'operator', 'admin'];

interface Operation {
  method: string;
  path: string;
  op: Schema;
}

export interface FuzzRequest {
  role: Role;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | FormData;
  /** What the case is: `valid`, or the mutation that made it. */
  mutation: string;
}

export interface Finding {
  class: FindingClass;
  caseIndex: number;
  operation: string;
  message: string;
  request: FuzzRequest;
  status?: number;
  response?: string;
}

export interface FuzzResult {
  seed: number;
  cases: number;
  operations: number;
  failures: Finding[];
  byStatus: Map<number, number>;
  byMutation: Map<string, number>;
}

/** Rows that legitimately change on a refusal: a failed login or a guessed token is counted for throttling. */
const IGNORED_TABLES = new Set(['auth_failures']);

const TIMEOUT_MS = 10_000;

/** A minimal PDF: the upload routes sniff the bytes, so a valid file must look like one. */
const PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

interface World {
  ids: Record<string, string>;
  foreign: Record<string, string>;
  cookies: Record<Exclude<Role, 'anonymous'>, string>;
  /** Gives a role a new session when a case ended its own; says whether it made one. */
  refresh: () => Promise<boolean>;
}

async function buildWorld(ctx: TestContext): Promise<World> {
  const home = await saqWorld(ctx);
  const away = await saqWorld(ctx);
  const idsOf = async (w: typeof home) => {
    const ids: Record<string, string> = {
      cid: w.commission.id,
      bid: w.body.id,
      pid: w.periodId,
      sid: w.submission.id,
      categoryCode: 'KEMENTERIAN',
    };
    const invited = await ctx.request('POST', `/api/commissions/${w.commission.id}/users`, {
      cookie: w.admin.cookie,
      body: {
        email: `inv${Date.now()}${Math.random()}@fuzz.example`.replace('0.', ''),
        name: 'Undangan',
        role: 'evaluator',
      },
    });
    const token = findKey(invited.json, 'token');
    if (typeof token === 'string') ids.token = token;
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'bukti.pdf');
    const uploaded = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form,
    });
    const fileId = findKey(uploaded.json, 'id');
    if (typeof fileId === 'string') ids.fileId = fileId;
    const presets = await ctx.request('GET', '/api/presets', { cookie: w.admin.cookie });
    const key = presets.json?.questionnaires?.[0]?.key;
    if (typeof key === 'string') ids.key = key;
    return ids;
  };
  const world: World = {
    ids: await idsOf(home),
    foreign: await idsOf(away),
    cookies: { admin: home.admin.cookie, operator: home.operator.cookie },
    // a successful logout ends a session: the next case needs a caller again, so the role gets a fresh one
    refresh: async () => {
      let made = false;
      for (const role of ['admin', 'operator'] as const) {
        const me = await ctx.request('GET', '/api/me', { cookie: world.cookies[role] });
        if (me.status === 401) {
          const fresh =
            role === 'admin'
              ? await ctx.factory.user('commission_admin', { commissionId: home.commission.id })
              : await ctx.factory.user('body_operator', { commissionId: home.commission.id, bodyId: home.body.id });
          world.cookies[role] = fresh.cookie;
          made = true;
        }
      }
      return made;
    },
  };
  return world;
}

function findKey(value: unknown, key: string, depth = 0): unknown {
  if (!value || typeof value !== 'object' || depth > 4) return undefined;
  const record = value as Record<string, unknown>;
  if (key in record) return record[key];
  for (const v of Object.values(record)) {
    const found = findKey(v, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * One checksum per public table over every column of every row, so any changed row shows. A sum of row hashes (with
 * the count) needs no sort, which keeps a checksum per refused request affordable as the tables grow.
 */
export async function checksums(ctx: TestContext): Promise<Map<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(ctx.db);
  const names = tables.rows.map((r) => r.name).filter((n) => !IGNORED_TABLES.has(n));
  const parts = names.map(
    (n) =>
      `select '${n}' as name, count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) as sum from "${n}" t`,
  );
  const result = await sql<{ name: string; sum: string }>`${sql.raw(parts.join(' union all '))}`.execute(ctx.db);
  return new Map(result.rows.map((r) => [r.name, r.sum]));
}

function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n));
}

function operationsOf(doc: Schema): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const [method, op] of Object.entries<Schema>(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        out.push({ method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

/** The case's request: a valid one from the schemas, then (mostly) one mutation. */
function buildRequest(
  doc: Schema,
  operation: Operation,
  world: World,
  rng: Rng,
  etag: string | undefined,
  /** A valid request only (the session probe): no mutation. */
  validOnly = false,
): FuzzRequest {
  const role = rng.pick(ROLES);
  const { op } = operation;
  const params: Schema[] = (op.parameters ?? []).map((p: Schema) => resolve(doc, p));
  const headers: Record<string, string> = {};
  if (role !== 'anonymous') headers.cookie = `${world.cookies[role]}`;

  // an operation without a body is fuzzed through its path, query and an unexpected body instead
  const takesBody = !!op.requestBody;
  const kinds = takesBody
    ? ['valid', 'valid', 'body', 'body', 'body', 'body', 'path', 'query', 'content-type', 'malformed-json', 'deep']
    : operation.method === 'GET'
      ? ['valid', 'path', 'path', 'query', 'query']
      : ['valid', 'path', 'query', 'body', 'deep'];
  const hasPathParams = params.some((x) => x.in === 'path');
  const kind = validOnly ? 'valid' : ((k: string) => (k === 'path' && !hasPathParams ? 'query' : k))(rng.pick(kinds));
  let mutation = 'valid';

  const pathValues: Record<string, string> = {};
  for (const p of params.filter((x) => x.in === 'path')) {
    const real = world.ids[p.name];
    pathValues[p.name] = encodeURIComponent(real ?? String(generate(doc, p.schema, rng)));
  }
  if (kind === 'path' && Object.keys(pathValues).length > 0) {
    const name = rng.pick(Object.keys(pathValues));
    const bad = rng.pick([...BAD_IDS, 'huge', 'foreign', 'unicode']);
    mutation = `path:${name}=${bad}`;
    if (bad === 'huge') pathValues[name] = 'a'.repeat(10_000);
    else if (bad === 'foreign') pathValues[name] = encodeURIComponent(world.foreign[name] ?? crypto.randomUUID());
    else if (bad === 'unicode')
      pathValues[name] = encodeURIComponent(
        rng.pick(UNICODE_EDGES.filter((u) => !/[\ud800-\udfff]/.test(u) || /\ud83d/.test(u))),
      );
    else pathValues[name] = bad;
  }
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name] ?? 'x');

  const query = new URLSearchParams();
  for (const p of params.filter((x) => x.in === 'query')) {
    if (p.required || rng.chance(0.4)) {
      const real = world.ids[p.name];
      query.set(p.name, real ?? String(generate(doc, p.schema, rng)));
    }
  }
  const queryParams = params.filter((x) => x.in === 'query');
  let rawQuery = query.toString();
  if (kind === 'query') {
    // an operation without query parameters meets an unknown one
    const p = queryParams.length > 0 ? rng.pick(queryParams) : { name: rng.pick(['x', 'limit', 'q', '__proto__']) };
    const bad = rng.pick([
      '%00',
      '%ED%A0%80',
      'x'.repeat(10_000),
      '-1',
      '1e999',
      'abc',
      '%E2%80%AE',
      "'%20OR%201=1--",
      '[]',
    ]);
    mutation = `query:${p.name}=${bad.length > 40 ? `${bad.length} chars` : bad}`;
    rawQuery = `${rawQuery ? `${rawQuery}&` : ''}${encodeURIComponent(p.name)}=${bad}`;
  }
  const url = rawQuery ? `${path}?${rawQuery}` : path;

  for (const p of params.filter((x) => x.in === 'header')) {
    if (p.name.toLowerCase() === 'if-match') {
      if (etag && rng.chance(0.7)) headers['if-match'] = etag;
      else if (rng.chance(0.5))
        headers['if-match'] = rng.pick(['0', '"999"', 'W/"x"', '*', '-1', 'a'.repeat(500), '"1', '\u00e9']);
    } else if (p.required || rng.chance(0.5)) headers[p.name.toLowerCase()] = String(generate(doc, p.schema, rng));
  }

  let body: string | FormData | undefined;
  const content: Schema | undefined = resolve(doc, op.requestBody)?.content;
  const mediaType = content ? Object.keys(content)[0] : undefined;
  if (mediaType === 'application/json') {
    let value = generate(doc, content?.[mediaType]?.schema, rng);
    headers['content-type'] = 'application/json';
    if (kind === 'body') {
      const m: BodyMutation = rng.pick(BODY_MUTATIONS);
      mutation = `body:${m}`;
      value = mutateBody(value, m, rng);
    }
    body = JSON.stringify(value);
    if (kind === 'content-type') {
      const type = rng.pick(WRONG_CONTENT_TYPES);
      mutation = `content-type:${type || '(none)'}`;
      if (type) headers['content-type'] = type;
      else delete headers['content-type'];
    } else if (kind === 'malformed-json') {
      body = rng.pick(MALFORMED_JSON);
      mutation = `malformed-json:${body.slice(0, 20)}`;
    } else if (kind === 'deep') {
      const depth = rng.pick([100, 5_000]);
      const shape = rng.pick(['array', 'object'] as const);
      mutation = `deep:${shape}x${depth}`;
      body = deepJson(depth, shape);
    }
  } else if (mediaType === 'multipart/form-data') {
    const schema = resolve(doc, content?.[mediaType]?.schema);
    const form = new FormData();
    const fileNames = ['bukti.pdf', ...UNICODE_EDGES.map((u) => `${u}.pdf`), `${'a'.repeat(1000)}.pdf`, '../../x.pdf'];
    const fileName = kind === 'body' ? rng.pick(fileNames) : 'bukti.pdf';
    const bytes =
      kind === 'body' && rng.chance(0.3) ? rng.pick(['MZ\u0090\u0000', '<html>', '', 'x'.repeat(1000)]) : PDF;
    for (const [name, sub] of Object.entries<Schema>(schema.properties ?? {})) {
      if (kind === 'body' && rng.chance(0.2)) continue;
      const s = resolve(doc, sub);
      if (s.format === 'binary') form.append(name, new Blob([bytes], { type: 'application/pdf' }), fileName);
      else form.append(name, String(generate(doc, s, rng)));
    }
    if (kind === 'body') mutation = `multipart:${JSON.stringify(fileName.slice(0, 30))}`;
    if (kind === 'content-type') {
      // the runtime sets a multipart type with its boundary; a wrong type is only possible on a text body
      const type = rng.pick(WRONG_CONTENT_TYPES);
      mutation = `content-type:${type || '(none)'}`;
      body = 'file=x';
      if (type) headers['content-type'] = type;
    } else body = form;
  } else if (mediaType) {
    // a text body (CSV): a few lines drawn from the schema's words, or text under test
    headers['content-type'] = mediaType;
    const lines = ['name,category', `Badan ${rng.int(0, 1e6)},KEMENTERIAN`];
    if (kind === 'body') {
      const extra = rng.pick([
        ...UNICODE_EDGES.map((u) => `Badan ${u},KEMENTERIAN`),
        '"unterminated,KEMENTERIAN',
        'a,b,c,d,e,f,g',
        `${'x'.repeat(100_000)},KEMENTERIAN`,
        "'; drop table bodies; --,KEMENTERIAN",
      ]);
      lines.push(extra);
      mutation = `text:${JSON.stringify(extra.slice(0, 30))}`;
    }
    body = lines.join('\n');
    if (kind === 'content-type') {
      const type = rng.pick(WRONG_CONTENT_TYPES.filter((t) => t !== mediaType));
      mutation = `content-type:${type || '(none)'}`;
      if (type) headers['content-type'] = type;
      else delete headers['content-type'];
    }
  } else if (kind !== 'valid' && kind !== 'path' && kind !== 'query' && operation.method !== 'GET') {
    // an operation that takes no body still meets one
    headers['content-type'] = 'application/json';
    body = kind === 'deep' ? deepJson(5_000, 'array') : JSON.stringify({ extra: rng.pick(UNICODE_EDGES) });
    mutation = `unexpected-body:${kind}`;
  }
  return { role, method: operation.method, url, headers, body, mutation };
}

/** A request written out so that a person can send it again. */
export function describeRequest(r: FuzzRequest): string {
  let body = '';
  if (typeof r.body === 'string') {
    body =
      r.body.length > 400
        ? `${JSON.stringify(r.body.slice(0, 400))}… (${r.body.length} chars)`
        : JSON.stringify(r.body);
  } else if (r.body) {
    body = `multipart: ${[...r.body.entries()].map(([k, v]) => (typeof v === 'string' ? `${k}=${JSON.stringify(v)}` : `${k}=<file ${JSON.stringify(v.name)} ${v.size} bytes>`)).join(', ')}`;
  }
  const url = r.url.length > 300 ? `${r.url.slice(0, 300)}… (${r.url.length} chars)` : r.url;
  const headers = Object.entries(r.headers)
    .filter(([k]) => k !== 'cookie')
    .map(([k, v]) => `${k}: ${v.length > 100 ? `${v.slice(0, 100)}…` : v}`);
  return [`as ${r.role} [${r.mutation}]`, `${r.method} ${url}`, ...headers, ...(body ? [`body: ${body}`] : [])].join(
    '\n    ',
  );
}

/** Runs `cases` cases from `seed` against a fresh app and database; returns every finding. */
export async function runFuzz(options: {
  seed: number;
  cases: number;
  log?: (line: string) => void;
}): Promise<FuzzResult> {
  const { seed, cases } = options;
  const log = options.log ?? (() => {});
  const rng = new Rng(seed);
  const own = await ownDatabase();
  const ctx = await createTestContext({}, { database: own.database });
  const failures: Finding[] = [];
  const byStatus = new Map<number, number>();
  const byMutation = new Map<string, number>();
  try {
    const docResponse = await ctx.request('GET', '/api/openapi.json');
    const doc: Schema = docResponse.json;
    const operations = operationsOf(doc);
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats.default(ajv);
    ajv.addFormat('binary', true);
    ajv.addSchema(doc, 'openapi');
    const validators = new Map<string, ReturnType<typeof ajv.compile>>();
    const validatorFor = (pointer: string) => {
      let v = validators.get(pointer);
      if (!v) {
        v = ajv.compile({ $ref: `openapi#${pointer}` });
        validators.set(pointer, v);
      }
      return v;
    };
    const pointerOf = (...parts: string[]) =>
      parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');

    let world = await buildWorld(ctx);
    // Which operations need a session: the document's security requirements when it declares them; otherwise an
    // anonymous valid request answered UNAUTHENTICATED says so.
    const needsSession = new Map<string, boolean>();
    for (const operation of operations) {
      const name = `${operation.method} ${operation.path}`;
      const declared = operation.op.security ?? doc.security;
      if (Array.isArray(declared) && doc.components?.securitySchemes) {
        needsSession.set(name, declared.length > 0 && !declared.some((r: Schema) => Object.keys(r).length === 0));
        continue;
      }
      const probe = buildRequest(doc, operation, world, new Rng(seed ^ 0x5eed), undefined, true);
      const res = await ctx.app.request(probe.url, {
        method: probe.method,
        headers: { ...probe.headers, cookie: '', origin: 'http://localhost:3000' },
        body: probe.method === 'GET' ? undefined : (probe.body ?? null),
      });
      const text = await res.text();
      needsSession.set(name, res.status === 401 && text.includes('UNAUTHENTICATED'));
    }

    let before = await checksums(ctx);
    let casesSent = 0;
    for (let index = 0; index < cases; index++) {
      if (index > 0 && index % 500 === 0) {
        world = await buildWorld(ctx);
        before = await checksums(ctx);
        log(`fuzz: ${index}/${cases} cases`);
      }
      const operation = rng.pick(operations);
      const name = `${operation.method} ${operation.path}`;
      let etag: string | undefined;
      if (operation.op.parameters?.some((p: Schema) => resolve(doc, p).name === 'If-Match')) {
        etag = await etagFor(ctx, doc, operation.path, world);
      }
      const request = buildRequest(doc, operation, world, rng, etag);
      if (!request.headers.origin) request.headers.origin = 'http://localhost:3000';
      // every other case in Indonesian (issue 25 item 8): each problem text must have its catalogue entry
      if (index % 2 === 1 && !Object.keys(request.headers).some((h) => h.toLowerCase() === 'accept-language')) {
        request.headers['accept-language'] = 'id';
      }
      byMutation.set(
        request.mutation.split(/[:=]/)[0] as string,
        (byMutation.get(request.mutation.split(/[:=]/)[0] as string) ?? 0) + 1,
      );
      const report = (cls: FindingClass, message: string, status?: number, response?: string) => {
        failures.push({ class: cls, caseIndex: index, operation: name, message, request, status, response });
      };

      casesSent++;
      let response: Response;
      let text: string;
      try {
        response = await withTimeout(
          Promise.resolve(
            ctx.app.request(request.url, {
              method: request.method,
              headers: request.headers,
              body: request.method === 'GET' ? undefined : (request.body ?? null),
            }),
          ),
        );
        text = await withTimeout(response.text());
      } catch (error) {
        report('no-answer', `no answer within ${TIMEOUT_MS} ms: ${(error as Error).message}`);
        before = await checksums(ctx);
        continue;
      }
      const status = response.status;
      byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
      const contentType = response.headers.get('content-type') ?? '';
      const snippet = text.length > 500 ? `${text.slice(0, 500)}…` : text;
      const sent = `${request.url} ${typeof request.body === 'string' ? request.body : ''}`;
      // a path whose dot segments the URL parser resolves (`..`, `%2e%2e`) reaches another route, not this one: only
      // the rules of every answer apply (never 5xx, errors as problem+json), not this operation's contract
      const samePath = new URL(request.url, 'http://fuzz').pathname === request.url.split('?')[0];
      const documented = samePath ? operation.op.responses?.[String(status)] : undefined;

      if (status >= 500) {
        report(
          hasUnstorableText(decodeSafe(sent)) || hasUnstorableText(sent) ? 'nul-500' : '5xx',
          `answered ${status}`,
          status,
          snippet,
        );
      } else if (!documented && samePath) {
        report('undocumented-status', `answered ${status}, which the operation does not document`, status, snippet);
      }
      if (status >= 400) {
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        if (!contentType.startsWith('application/problem+json') || !json) {
          report(
            'not-problem-json',
            `error ${status} with content type ${JSON.stringify(contentType)}`,
            status,
            snippet,
          );
        } else if (
          typeof json.type !== 'string' ||
          typeof json.title !== 'string' ||
          json.status !== status ||
          typeof json.code !== 'string'
        ) {
          report(
            'not-problem-json',
            'problem without type/title/status/code, or a status that differs',
            status,
            snippet,
          );
        }
      }
      const untranslated = response.headers.get('x-untranslated-messages');
      if (status >= 400 && untranslated !== null) {
        report(
          'untranslated-message',
          `answered in Indonesian with English left for lack of a catalogue entry (src/http/messages-catalogue.ts): ${decodeSafe(untranslated)}`,
          status,
          snippet,
        );
      }
      if (documented && json200Able(documented) && status !== 204) {
        const media = Object.keys(documented.content)[0] as string;
        if (!contentType.startsWith(media)) {
          report(
            'response-schema',
            `content type ${JSON.stringify(contentType)}, documented ${media}`,
            status,
            snippet,
          );
        } else if (media.endsWith('json')) {
          const validate = validatorFor(
            pointerOf(
              'paths',
              operation.path,
              operation.method.toLowerCase(),
              'responses',
              String(status),
              'content',
              media,
              'schema',
            ),
          );
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = Symbol('unparsable');
          }
          if (typeof json === 'symbol' || !validate(json)) {
            // a pattern published with its regex flag inside the string (`^[a-z]+$/i`) matches no value at all
            // (only when every error is one of those, so that another mismatch in the same body still fails)
            const leaked =
              !!validate.errors?.length &&
              validate.errors.every((e) => e.keyword === 'pattern' && /\$\/[a-z]+$/.test(String(e.params.pattern)));
            report(
              leaked ? 'leaked-regex-flag' : 'response-schema',
              `body does not match the documented ${status} schema: ${ajv.errorsText(validate.errors)}`,
              status,
              snippet,
            );
          }
        }
      }
      if (request.role === 'anonymous' && needsSession.get(name) && status !== 401 && samePath) {
        const shape = [400, 413, 415, 422].includes(status);
        report(
          shape ? 'unauth-before-shape' : 'anonymous-not-401',
          `anonymous caller answered ${status}, not 401`,
          status,
          snippet,
        );
      }

      // a refused request changes no row; a successful write moves the baseline (and may have ended a session)
      if (status >= 400 || request.method !== 'GET') {
        const after = await checksums(ctx);
        if (status >= 400) {
          const changed = changedTables(before, after);
          if (changed.length > 0)
            report('refusal-changed-rows', `refused with ${status} but changed ${changed.join(', ')}`, status, snippet);
          before = after;
        } else {
          before = (await world.refresh()) ? await checksums(ctx) : after;
        }
      }
    }
    return { seed, cases: casesSent, operations: operations.length, failures, byStatus, byMutation };
  } finally {
    await ctx.close();
    await own.drop();
  }
}

/**
 * On PGlite every test file has its own database already. On PostgreSQL the API suites share one, and a write by
 * another file during a refused fuzz case would look like the refusal's: the fuzz run gets a database of its own on
 * the same server, migrated, and dropped at the end.
 */
export async function ownDatabase(): Promise<{ database?: DatabaseHandle; drop: () => Promise<void> }> {
  const url = inject('databaseUrl');
  if (!url) return { drop: async () => {} };
  const name = `informatif_fuzz_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = createPostgresDatabase({ url, max: 1 });
  await sql`${sql.raw(`create database "${name}"`)}`.execute(admin.db);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = createPostgresDatabase({ url: target.toString(), max: 4 });
  await migrateToLatest(database.db);
  return {
    database,
    drop: async () => {
      await sql`${sql.raw(`drop database if exists "${name}" with (force)`)}`.execute(admin.db);
      await admin.close();
    },
  };
}

function json200Able(documented: Schema): boolean {
  return !!documented.content && Object.keys(documented.content).length > 0;
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The current ETag of the resource an If-Match route writes: the nearest path above it (or itself) that has a GET. */
async function etagFor(ctx: TestContext, doc: Schema, path: string, world: World): Promise<string | undefined> {
  const parts = path.split('/');
  for (let n = parts.length; n > 2; n--) {
    const candidate = parts.slice(0, n).join('/');
    if (!doc.paths?.[candidate]?.get) continue;
    const url = candidate.replace(/\{(\w+)\}/g, (_, name: string) => world.ids[name] ?? 'x');
    const res = await ctx.request('GET', url, { cookie: world.cookies.admin });
    return res.headers.get('etag') ?? undefined;
  }
  return undefined;
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The run's summary and every failure with the request that reproduces it. */
export function formatResult(result: FuzzResult): string {
  const lines = [
    `FUZZ seed=${result.seed} cases=${result.cases} operations=${result.operations} failures=${result.failures.length}`,
    `  statuses: ${[...result.byStatus]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}=${n}`)
      .join(' ')}`,
    `  kinds: ${[...result.byMutation]
      .sort()
      .map(([m, n]) => `${m}=${n}`)
      .join(' ')}`,
  ];
  const groups = new Map<string, number>();
  for (const f of result.failures) {
    const key = `${f.class} ${f.operation} ${f.status ?? '-'}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  for (const [key, n] of [...groups].sort()) lines.push(`  failing: ${key} x${n}`);
  for (const f of result.failures.slice(0, 50)) {
    lines.push(
      `  FAIL [${f.class}] case ${f.caseIndex} ${f.operation}: ${f.message}`,
      `    ${describeRequest(f.request)}`,
      ...(f.response ? [`    response: ${f.response.replace(/\n/g, ' ')}`] : []),
      `    reproduce: npm run fuzz -- --seed ${result.seed} --cases ${f.caseIndex + 1}`,
    );
  }
  if (result.failures.length > 50) lines.push(`  … and ${result.failures.length - 50} more failures`);
  return lines.join('\n');
}

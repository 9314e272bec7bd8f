import { mkdtemp, readFile, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { Role } from '../../src/domain/access.ts';
import type { AppDeps } from '../../src/http/context.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { MailSender, OutgoingMail } from '../../src/lib/mail.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { createLocalStorage } from '../../src/lib/node-storage.ts';
import { createNodeUploadReceiver } from '../../src/lib/node-upload.ts';
import { nameKey, slugify } from '../../src/lib/text.ts';
import { hashToken, randomToken } from '../../src/lib/tokens.ts';
import { createAuthState } from '../../src/modules/auth/auth-state.ts';
import { createInProcessPdfRenderer } from '../../src/modules/pdf/in-process-renderer.ts';
import { checkIntegrity, formatIntegrityReport } from '../../src/modules/system/integrity.service.ts';

export const PUBLIC_URL = 'http://localhost:3000';
export const TEST_PASSWORD = 'correct horse battery';

/** A low-cost scrypt for tests: the same code path as production, fewer rounds. */
const hasher = createNodePasswordHasher({ N: 1024, r: 8, p: 1 });
let testPasswordHash: Promise<string> | undefined;

export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = inject('databaseUrl');
  if (url) return createPostgresDatabase({ url, max: 4 });
  const template = await readFile(inject('pgliteTemplate'));
  return createPgliteDatabase({ loadDataDir: new Blob([template]) });
}

export interface RequestOptions {
  /** A multipart body (uploads); its content type with the boundary is set by the runtime. */
  form?: FormData;
  body?: unknown;
  cookie?: string | undefined;
  headers?: Record<string, string>;
  /** Raw body text (CSV, malformed JSON); sent as-is with the given content type. */
  raw?: string;
  contentType?: string;
  /** The Origin header: PUBLIC_URL unless given; null sends none (a non-browser client). */
  origin?: string | null;
}

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

let counter = 0;
/** A name no other test uses, so every test makes its own tenant. */
export const unique = (prefix: string) =>
  `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${randomToken(3).replace(/[^A-Za-z0-9]/g, '')}`;

/**
 * The app over a fresh test database, with factories that make tenants, bodies and signed-in users. `options.database`
 * gives it a database of its own instead (the fuzz suite's, whose table checksums no other test file may move).
 */
export async function createTestContext(overrides: Partial<AppDeps> = {}, options: { database?: DatabaseHandle } = {}) {
  const database = options.database ?? (await openTestDatabase());
  const mails: OutgoingMail[] = [];
  const defaultIp = unique('ip-');
  const mailSender: MailSender = {
    async send(mail) {
      mails.push(mail);
    },
  };
  const fileDir = await mkdtemp(path.join(tmpdir(), 'informatif-files-'));
  const deps: AppDeps = {
    db: database.db,
    databaseKind: database.kind,
    publicUrl: PUBLIC_URL,
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    passwordHasher: hasher,
    mailSender,
    logger: createLogger(process.env.TEST_LOG_LEVEL === 'error' ? 'error' : 'silent'),
    // a problem in Indonesian names its texts without a catalogue entry (the fuzz suite checks none is left)
    markUntranslated: true,
    // a client address of its own per context: throttling counters live in the database, which PostgreSQL runs share
    clientIp: (c) => c.req.header('x-test-ip') ?? defaultIp,
    // PDFs render in the test's own thread (the Node host's worker renderer has tests of its own)
    pdf: createInProcessPdfRenderer(),
    files: {
      storage: createLocalStorage(path.join(fileDir, 'store')),
      receive: createNodeUploadReceiver(path.join(fileDir, 'tmp')),
      discard: (tempPath) => unlink(tempPath).catch(() => {}),
      limit: 20 * 1024 * 1024,
    },
    ...overrides,
  };
  // the app's session cache, kept here so that a test can revalidate it as the server does (refreshSessions)
  const auth = { ...deps, auth: createAuthState() };
  const app = createApp(deps, { auth: auth.auth });
  const db = database.db;

  async function request(method: string, path: string, options: RequestOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const origin = options.origin === undefined ? (options.headers?.origin ?? PUBLIC_URL) : options.origin;
    if (origin !== null) headers.origin = origin;
    if (options.cookie) headers.cookie = options.cookie;
    let body: string | FormData | undefined;
    if (options.form !== undefined) {
      body = options.form;
    } else if (options.raw !== undefined) {
      body = options.raw;
      headers['content-type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await app.request(path, { method, headers, body });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text, bytes };
  }

  async function commission(categories = ['KEMENTERIAN', 'PEMPROV']) {
    const code = unique('C')
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '');
    const row = await db
      .insertInto('commissions')
      .values({ code, name: `Komisi Informasi ${code}`, province: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (const c of categories) {
      await db
        .insertInto('categories')
        .values({ commissionId: row.id, code: c, name: `Kategori ${c}` })
        .execute();
    }
    return row;
  }

  async function body(commissionId: string, categoryCode = 'KEMENTERIAN', name = unique('Badan ')) {
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('commissionId', '=', commissionId)
      .where('code', '=', categoryCode)
      .executeTakeFirstOrThrow();
    return db
      .insertInto('bodies')
      .values({
        commissionId,
        categoryId: category.id,
        name,
        nameKey: nameKey(name),
        slug: slugify(name),
        province: null,
        website: null,
        ppidEmail: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** A user with a password (TEST_PASSWORD) and the given role; returns the user and a session cookie. */
  /** Assigns a submission to an evaluator directly (a test's setup; the assignment routes have tests of their own). */
  async function assign(submissionId: string, evaluatorId: string) {
    const s = await db
      .selectFrom('submissions')
      .select(['commissionId', 'periodId'])
      .where('id', '=', submissionId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('assignments')
      .values({ commissionId: s.commissionId, periodId: s.periodId, submissionId, evaluatorId })
      .onConflict((oc) => oc.column('submissionId').doUpdateSet({ evaluatorId }))
      .execute();
  }

  async function user(role: Role, scope: { commissionId?: string; bodyId?: string } = {}) {
    testPasswordHash ??= hasher.hash(TEST_PASSWORD);
    const email = `${unique('u')}@test.example`.toLowerCase();
    const row = await db
      .insertInto('users')
      .values({ email, name: `User ${role}`, passwordHash: await testPasswordHash })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('memberships')
      .values({
        userId: row.id,
        role,
        commissionId: role === 'platform_admin' ? null : (scope.commissionId ?? null),
        bodyId: scope.bodyId ?? null,
      })
      .execute();
    const token = randomToken();
    await db
      .insertInto('sessions')
      .values({
        tokenHash: await hashToken(deps.sessionSecret, token),
        userId: row.id,
        expiresAt: new Date(Date.now() + 3600_000),
      })
      .execute();
    return { ...row, cookie: `informatif_session=${token}` };
  }

  /** The session cookie (`name=value`) a response sets, for the next requests. */
  function sessionCookieOf(response: { headers: Headers }): string | undefined {
    const set = response.headers.getSetCookie().find((c) => c.startsWith('informatif_session='));
    return set?.split(';')[0];
  }

  return {
    app,
    sessionCookieOf,
    deps,
    auth,
    db,
    database,
    mails,
    request,
    factory: { commission, body, user, assign },
    fileDir,
    /**
     * Closes the context. On PGlite the database is the file's own, in memory: the integrity check (npm run db:check)
     * runs on it first, and a finding fails the file. On PostgreSQL every file shares one database, which the suite's
     * teardown (global-setup.ts) checks once all files are done.
     */
    close: async () => {
      try {
        // a database of this context's own (PGlite's per file, or one a suite made for itself, as the fuzz suite's on
        // PostgreSQL) is checked as it closes; the shared PostgreSQL database is checked once, after all files
        if (database.kind === 'pglite' || options.database) {
          const report = await checkIntegrity(database.db);
          if (report.findings.length > 0) {
            throw new Error(`The integrity check found broken rows:\n${formatIntegrityReport(report)}`);
          }
        }
      } finally {
        await database.close();
        await rm(fileDir, { recursive: true, force: true });
      }
    },
  };
}

import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md is a lint failure (docs/decisions/008-layers-checked-by-lint.md). These tests
 * run the project's Biome with the project's biome.json (and its GritQL rule) on small sources placed where the rules
 * look, in a folder of their own: the worktree is never written. Biome reads no diagnostics from stdin, hence files.
 */

const root = path.resolve(import.meta.dirname, '../..');
const biome = path.join(root, 'node_modules/@biomejs/biome/bin/biome');

/** The rules that enforce the layers: the import restrictions and the type-only GritQL rule (reported as `plugin`). */
const LAYER_RULES = new Set(['lint/style/noRestrictedImports', 'plugin']);

/** Each probe: where it stands, its one import, and whether the layers allow it. */
const probes: Record<string, { source: string; allowed: boolean }> = {
  'src/domain/kysely.ts': { source: "import { sql } from 'kysely';\nexport const x = sql;", allowed: false },
  'src/domain/kysely-helper.ts': {
    source: "import { jsonArrayFrom } from 'kysely/helpers/postgres';\nexport const x = jsonArrayFrom;",
    allowed: false,
  },
  'src/domain/db.ts': { source: "import type { Db } from '../db/database.ts';\nexport type X = Db;", allowed: false },
  'src/domain/http.ts': {
    source: "import { AppError } from '../http/errors.ts';\nexport const x = AppError;",
    allowed: false,
  },
  'src/domain/lib.ts': {
    source: "import { slugify } from '../lib/text.ts';\nexport const x = slugify;",
    allowed: false,
  },
  'src/domain/module.ts': {
    source: "import { getBody } from '../modules/registry/registry.service.ts';\nexport const x = getBody;",
    allowed: false,
  },
  'src/domain/clean.ts': { source: "import { sum } from './rational.ts';\nexport const x = sum;", allowed: true },
  'src/modules/registry/kysely.routes.ts': {
    source: "import { sql } from 'kysely';\nexport const x = sql;",
    allowed: false,
  },
  'src/modules/registry/repository.routes.ts': {
    source: "import { findBody } from './registry.repository.ts';\nexport const x = findBody;",
    allowed: false,
  },
  'src/modules/registry/other-repository.routes.ts': {
    source: "import { findPeriod } from '../periods/periods.repository.ts';\nexport const x = findPeriod;",
    allowed: false,
  },
  'src/modules/registry/clean.routes.ts': {
    source: "import { getBody } from './registry.service.ts';\nexport const x = getBody;",
    allowed: true,
  },
  'src/lib/http.ts': {
    source: "import { AppError } from '../http/errors.ts';\nexport const x = AppError;",
    allowed: false,
  },
  'src/lib/module.ts': {
    source: "import type { ScoredBody } from '../modules/results/results.service.ts';\nexport type X = ScoredBody;",
    allowed: false,
  },
  'src/lib/clean.ts': { source: "import { slugify } from './text.ts';\nexport const x = slugify;", allowed: true },
  'src/http/module.ts': {
    source: "import { actorForToken } from '../modules/auth/auth.service.ts';\nexport const x = actorForToken;",
    allowed: false,
  },
  'src/http/clean.ts': {
    source: "import { slugify } from '../lib/text.ts';\nexport const x = slugify;",
    allowed: true,
  },
  'web/src/module-value.ts': {
    source:
      "import { BodySchema } from '../../src/modules/registry/registry.schemas.ts';\nexport const x = BodySchema;",
    allowed: false,
  },
  'web/src/module-inline-type.ts': {
    // under verbatimModuleSyntax this keeps the import (and so the module) in the bundle
    source:
      "import { type BodySchema } from '../../src/modules/registry/registry.schemas.ts';\nexport type X = typeof BodySchema;",
    allowed: false,
  },
  'web/src/module-reexport.ts': {
    source: "export { BodySchema } from '../../src/modules/registry/registry.schemas.ts';",
    allowed: false,
  },
  'web/src/module-dynamic.ts': {
    source: "export const x = () => import('../../src/modules/registry/registry.schemas.ts');",
    allowed: false,
  },
  'web/src/module-service.ts': {
    source:
      "import type { getBody } from '../../src/modules/registry/registry.service.ts';\nexport type X = typeof getBody;",
    allowed: false,
  },
  'web/src/lib.ts': {
    source: "import { slugify } from '../../src/lib/text.ts';\nexport const x = slugify;",
    allowed: false,
  },
  'web/src/db.ts': {
    source: "import type { Db } from '../../src/db/database.ts';\nexport type X = Db;",
    allowed: false,
  },
  'web/src/schema-type.ts': {
    source:
      "import type { BodySchema } from '../../src/modules/registry/registry.schemas.ts';\nexport type X = typeof BodySchema;",
    allowed: true,
  },
  'web/src/schema-type-reexport.ts': {
    source: "export type { Body } from '../../src/modules/registry/registry.schemas.ts';",
    allowed: true,
  },
  'web/src/pages/domain.ts': {
    source: "import { STAGES } from '../../../src/domain/stages.ts';\nexport const x = STAGES;",
    allowed: true,
  },
  'web/src/own.ts': { source: "import { STAGES } from './stages.ts';\nexport const x = STAGES;", allowed: true },
};

let dir = '';
let found = new Map<string, string[]>();
let exitCode = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'informatif-layers-'));
  // the project's configuration as it is, minus what needs the worktree (its schema path, git)
  const config = JSON.parse(await readFile(path.join(root, 'biome.json'), 'utf8'));
  delete config.$schema;
  config.vcs = { enabled: false };
  await writeFile(path.join(dir, 'biome.json'), JSON.stringify(config));
  await cp(path.join(root, 'lint'), path.join(dir, 'lint'), { recursive: true });
  for (const [file, { source }] of Object.entries(probes)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), `${source}\n`);
  }
  const report = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [biome, 'lint', '--reporter=json', '--max-diagnostics=none', ...Object.keys(probes)],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        exitCode = typeof error?.code === 'number' ? error.code : 0;
        if (error && typeof error.code !== 'number') reject(error);
        else resolve(stdout);
      },
    );
  });
  const diagnostics = (
    JSON.parse(report) as { diagnostics: { category: string; location: { path: string } }[] }
  ).diagnostics.filter((d) => LAYER_RULES.has(d.category));
  found = new Map();
  for (const d of diagnostics) {
    const file = d.location.path.replaceAll('\\', '/');
    found.set(file, [...(found.get(file) ?? []), d.category]);
  }
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('layers checked by lint (decision 008)', () => {
  it('fails the lint run when any layer is crossed', () => {
    expect(exitCode).not.toBe(0);
  });

  it.each(Object.entries(probes).filter(([, p]) => !p.allowed))('refuses %s', (file) => {
    expect(found.get(file), `${file}: ${probes[file]?.source}`).toBeDefined();
  });

  it.each(Object.entries(probes).filter(([, p]) => p.allowed))('accepts %s', (file) => {
    expect(found.get(file), `${file}: ${probes[file]?.source}`).toBeUndefined();
  });

  it('a clean source passes the whole lint', async () => {
    const clean = await new Promise<number>((resolve) => {
      execFile(
        process.execPath,
        [biome, 'lint', ...Object.keys(probes).filter((f) => probes[f]?.allowed)],
        { cwd: dir },
        (error) => resolve(typeof error?.code === 'number' ? error.code : 0),
      );
    });
    expect(clean).toBe(0);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/** dist/chunks.json: which source modules each emitted chunk carries, written at build time. */
export interface ChunkReport {
  chunks: Record<string, { name: string; isEntry: boolean; isDynamicEntry: boolean; modules: string[] }>;
}

/**
 * Beside the served files, not among them: the report names source paths, which are nobody's business on the web (and
 * nothing to upload to Workers' assets).
 */
export const CHUNK_REPORT = 'dist/chunks.json';

/** A module id as the report writes it: relative to the project, with / separators, query strings dropped. */
export function reportedModuleId(id: string, root: string): string {
  const clean = id.replace(/\0/g, '').replace(/\?.*$/, '');
  const relative = path.isAbsolute(clean) ? path.relative(root, clean) : clean;
  return relative.split(path.sep).join('/');
}

/**
 * Writes the chunk report. The bundle budget test reads it to know what the operator's pages really downloaded,
 * by module, not by guessing from minified text (which a renamed library would slip past).
 */
export function chunkReport(root: string): Plugin {
  const file = path.join(root, CHUNK_REPORT);
  return {
    name: 'informatif-chunk-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const report: ChunkReport = { chunks: {} };
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        report.chunks[output.fileName] = {
          name: output.name,
          isEntry: output.isEntry,
          isDynamicEntry: output.isDynamicEntry,
          modules: Object.keys(output.modules)
            .map((id) => reportedModuleId(id, root))
            .sort(),
        };
      }
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    },
  };
}

/**
 * The modules of `pattern` (e.g. node_modules/chart.js/) found in the chunks whose files were loaded. `loaded` are
 * URL paths or file names as the browser fetched them (`/assets/SaqPage-abc.js`); a loaded file that the report
 * does not know is returned under `unknown`, so that a stale report cannot pass for a clean one.
 */
export function modulesLoaded(
  report: ChunkReport,
  loaded: readonly string[],
  pattern: RegExp,
): { offending: { file: string; module: string }[]; unknown: string[] } {
  const offending: { file: string; module: string }[] = [];
  const unknown: string[] = [];
  for (const url of loaded) {
    const file = url
      .replace(/^https?:\/\/[^/]+/, '')
      .replace(/^\//, '')
      .replace(/[?#].*$/, '');
    const chunk = report.chunks[file];
    if (!chunk) {
      unknown.push(file);
      continue;
    }
    for (const module of chunk.modules) if (pattern.test(module)) offending.push({ file, module });
  }
  return { offending, unknown };
}

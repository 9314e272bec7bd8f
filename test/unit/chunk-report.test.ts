import { describe, expect, it } from 'vitest';
import { type ChunkReport, modulesLoaded, reportedModuleId } from '../../web/build/chunk-report.ts';

const CHART_JS = /(^|\/)node_modules\/chart\.js\//;

const report: ChunkReport = {
  chunks: {
    'assets/index-a1.js': {
      name: 'index',
      isEntry: true,
      isDynamicEntry: false,
      modules: ['node_modules/react-dom/index.js', 'web/src/App.tsx'],
    },
    'assets/SaqPage-b2.js': {
      name: 'SaqPage',
      isEntry: false,
      isDynamicEntry: true,
      modules: ['web/src/pages/SaqPage.tsx'],
    },
    'assets/PeriodPage-c3.js': {
      name: 'PeriodPage',
      isEntry: false,
      isDynamicEntry: true,
      modules: ['node_modules/chart.js/dist/chart.js', 'node_modules/@kurkle/color/dist/color.esm.js'],
    },
  },
};

describe('modulesLoaded (the bundle budget test’s chart.js check)', () => {
  it('finds chart.js in a chunk that was loaded, whatever the URL form', () => {
    const loaded = ['http://localhost:3000/assets/index-a1.js', '/assets/PeriodPage-c3.js?v=1'];
    expect(modulesLoaded(report, loaded, CHART_JS)).toEqual({
      offending: [{ file: 'assets/PeriodPage-c3.js', module: 'node_modules/chart.js/dist/chart.js' }],
      unknown: [],
    });
  });

  it('passes when only chunks without chart.js were loaded', () => {
    const loaded = ['http://localhost:3000/assets/index-a1.js', 'http://localhost:3000/assets/SaqPage-b2.js'];
    expect(modulesLoaded(report, loaded, CHART_JS)).toEqual({ offending: [], unknown: [] });
  });

  it('names loaded files the report does not know, so that a stale report cannot pass', () => {
    expect(modulesLoaded(report, ['/assets/SaqPage-zz.js'], CHART_JS).unknown).toEqual(['assets/SaqPage-zz.js']);
  });

  it('does not take a module whose name merely contains chart.js for the library', () => {
    const own: ChunkReport = {
      chunks: { 'assets/x.js': { name: 'x', isEntry: false, isDynamicEntry: true, modules: ['web/src/chart.js.ts'] } },
    };
    expect(modulesLoaded(own, ['/assets/x.js'], CHART_JS).offending).toEqual([]);
  });
});

describe('reportedModuleId', () => {
  it('writes ids relative to the project, without queries or virtual-module markers', () => {
    expect(reportedModuleId('/repo/node_modules/chart.js/dist/chart.js', '/repo')).toBe(
      'node_modules/chart.js/dist/chart.js',
    );
    expect(reportedModuleId('/repo/web/src/styles.css?used', '/repo')).toBe('web/src/styles.css');
    expect(reportedModuleId('\0vite/preload-helper.js', '/repo')).toBe('vite/preload-helper.js');
  });
});

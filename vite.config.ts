import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { chunkReport } from './web/build/chunk-report.ts';
import { compressBuild } from './web/build/compress.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web client: `web/` is the root, the build goes to `dist/web`, which the server serves (src/lib/node-static.ts).
 * Two pages: the app (index.html, every client-side route falls back to it) and the API reference (api-docs.html,
 * served at /api/docs). Hashed files land in /assets/, which the server caches for a year. Each page is a chunk of its
 * own (React.lazy in App.tsx); dist/chunks.json lists the modules of every chunk (the bundle budget test reads
 * it); every text file gets .gz and .br twins, which the Node server sends by Accept-Encoding.
 */
export default defineConfig({
  root: here('./web'),
  plugins: [react(), chunkReport(here('.')), compressBuild(here('./dist/web'))],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // swagger-ui's bundle is large on its own page; the app's chunks stay small
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        index: here('./web/index.html'),
        'api-docs': here('./web/api-docs.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});

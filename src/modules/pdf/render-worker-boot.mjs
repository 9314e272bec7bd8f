// The render worker's entry (worker_threads). On Node 20 a worker does not inherit the loader that runs the server's
// TypeScript (tsx), neither from `tsx src/server.ts` nor from vitest: register it here, with the project's tsconfig
// (JSX as react-jsx) whatever the working directory, then load the TypeScript worker (render-worker.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname });
await import(workerData.entry);

import type { AppDeps } from '../../http/context.ts';

/** The app's time (tests and the demo may set it). */
export const now = (deps: AppDeps) => deps.now?.() ?? new Date();

/** A timestamp as the API shows it. */
export const iso = (d: Date | string) => new Date(d).toISOString();

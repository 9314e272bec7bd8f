import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full collection left alive before it starts the next:
 * four times (300 %) instead of its own factor (about 1.1 to 2 for a small heap). The server keeps little for long
 * (caches of sessions, questionnaires and what it knows of open submissions: about 30 MB with a thousand bodies), so
 * at the deadline rush's pace the default brought a full collection every five seconds or so, each an incremental
 * marking that slows the event loop for tens of milliseconds and a pause of 6-30 ms; with this, about one a minute.
 * The price is memory: up to four times the live heap between collections (docs/decisions/007-autosave.md).
 * Called first thing by the Node server; Workers have no say over their isolate.
 */
const HEAP_GROWING_PERCENT = 300;

export function tuneHeapForLatency(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

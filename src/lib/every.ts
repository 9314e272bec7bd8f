/**
 * Runs `job` every `ms` milliseconds, never two runs at once (a slow run skips ticks); a failure goes to `onError`
 * and the next tick tries again. Returns the function that stops it.
 */
export function every(ms: number, job: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, ms);
  return () => clearInterval(timer);
}

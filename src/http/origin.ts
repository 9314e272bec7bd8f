/**
 * Which origins may make cookie-authenticated writes (the CSRF check of docs/decisions/003-csrf-origin-check.md).
 * Pure functions: the app computes the list once from its deps, and the session middleware asks `writeAllowed`.
 */

/** The names of this machine that a browser may use for a server listening on the loopback. */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins a browser may send cookie-authenticated writes from. With PUBLIC_URL set, its origin alone (the address
 * the deployment is reached at). With PUBLIC_URL unset, the default http://localhost:PORT and the other loopback names
 * of the same port too: a newcomer who opens http://127.0.0.1:3000 reaches the same server, and no other site can be
 * served from these names on this port.
 */
export function writeOrigins(publicUrl: string, publicUrlIsDefault: boolean): string[] {
  const url = new URL(publicUrl);
  if (!publicUrlIsDefault) return [url.origin];
  return [
    url.origin,
    ...LOOPBACK_HOSTS.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`),
  ].filter((origin, index, all) => all.indexOf(origin) === index);
}

/**
 * Whether a cookie-authenticated write may pass: its Origin is one of `allowed`. A request without Origin passes
 * unless Sec-Fetch-Site says a browser made it cross-site (non-browser clients send neither, and no site drives them).
 */
export function writeAllowed(
  origin: string | undefined,
  secFetchSite: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin !== undefined) return allowed.includes(origin);
  return secFetchSite !== 'cross-site';
}

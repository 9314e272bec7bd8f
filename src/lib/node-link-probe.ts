import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { LinkProbe } from './link-probe.ts';

/** Private, loopback, link-local and other non-public ranges: the checker never reaches into our own network. */
export function isPublicAddress(address: string): boolean {
  if (isIP(address) === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    if (a === 10 || a === 127 || a === 0 || a >= 224) return false;
    if (a === 169 && b === 254) return false;
    if (a === 172 && b >= 16 && b <= 31) return false;
    if (a === 192 && b === 168) return false;
    if (a === 100 && b >= 64 && b <= 127) return false;
    return true;
  }
  const v6 = address.toLowerCase();
  if (v6 === '::1' || v6 === '::' || v6.startsWith('fe80') || v6.startsWith('fc') || v6.startsWith('fd')) return false;
  if (v6.startsWith('::ffff:')) return isPublicAddress(v6.slice(7));
  return true;
}

/**
 * Probes a link with HEAD (GET when HEAD is refused), 10 s at most, following no redirects (a redirect's status is
 * what we record), and only to public addresses.
 */
export function createNodeLinkProbe(options: { allowPrivate?: boolean; timeoutMs?: number } = {}): LinkProbe {
  return async (url) => {
    let host: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return { status: null, error: 'not an http(s) link' };
      host = parsed.hostname.replace(/^\[|\]$/g, '');
    } catch {
      return { status: null, error: 'not a valid address' };
    }
    if (!options.allowPrivate) {
      try {
        const addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true });
        if (addresses.length === 0 || addresses.some((a) => !isPublicAddress(a.address))) {
          return { status: null, error: 'not a public address' };
        }
      } catch {
        return { status: null, error: 'name does not resolve' };
      }
    }
    const attempt = async (method: 'HEAD' | 'GET') => {
      const res = await fetch(url, {
        method,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      return res.status;
    };
    try {
      let status = await attempt('HEAD');
      if (status === 405 || status === 501) status = await attempt('GET');
      return { status, error: null };
    } catch (error) {
      return {
        status: null,
        error: error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable',
      };
    }
  };
}

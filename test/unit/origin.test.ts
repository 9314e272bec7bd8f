import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';
import { writeAllowed, writeOrigins } from '../../src/http/origin.ts';

describe('writeOrigins', () => {
  it('with PUBLIC_URL unset, allows the loopback names of the same port', () => {
    const env = loadEnv({ PORT: '3000' });
    expect(env.PUBLIC_URL_DEFAULTED).toBe(true);
    expect(writeOrigins(env.PUBLIC_URL, env.PUBLIC_URL_DEFAULTED)).toEqual([
      'http://localhost:3000',
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
    ]);
  });

  it('with PUBLIC_URL set, allows its origin alone (even when it is a loopback address)', () => {
    for (const url of ['https://informatif.example/ki', 'http://localhost:3000']) {
      const env = loadEnv({ PORT: '3000', PUBLIC_URL: url });
      expect(env.PUBLIC_URL_DEFAULTED).toBe(false);
      expect(writeOrigins(env.PUBLIC_URL, env.PUBLIC_URL_DEFAULTED)).toEqual([new URL(url).origin]);
    }
  });
});

describe('writeAllowed', () => {
  const allowed = writeOrigins('http://localhost:3000', true);

  it('passes each allowed origin and nothing that only looks like one', () => {
    for (const origin of allowed) expect(writeAllowed(origin, undefined, allowed), origin).toBe(true);
    for (const origin of [
      'http://127.0.0.1:3001',
      'https://127.0.0.1:3000',
      'http://localhost:3000.evil.example',
      'http://127.0.0.2:3000',
      'http://0.0.0.0:3000',
      'null',
      '',
    ]) {
      expect(writeAllowed(origin, undefined, allowed), origin).toBe(false);
    }
  });

  it('without Origin, refuses only what the browser marks cross-site', () => {
    expect(writeAllowed(undefined, undefined, allowed)).toBe(true);
    expect(writeAllowed(undefined, 'same-origin', allowed)).toBe(true);
    expect(writeAllowed(undefined, 'cross-site', allowed)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.ts';

const SECRET = 'x'.repeat(32);
const failure = (source: Record<string, string | undefined>) => {
  try {
    loadEnv(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('loadEnv accepted the environment');
};

describe('loadEnv', () => {
  it('has defaults for the embedded mode', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      DATA_DIR: './data',
      PUBLIC_URL: 'http://localhost:3000',
      DEMO: true,
      LOG_LEVEL: 'info',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SESSION_SECRET).toBeUndefined();
  });

  it('derives PUBLIC_URL from PORT when unset', () => {
    expect(loadEnv({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
  });

  it('trims trailing slashes of PUBLIC_URL', () => {
    expect(loadEnv({ PUBLIC_URL: 'https://informatif.example/' }).PUBLIC_URL).toBe('https://informatif.example');
    expect(loadEnv({ PUBLIC_URL: 'https://informatif.example/ki//' }).PUBLIC_URL).toBe('https://informatif.example/ki');
  });

  it('requires SESSION_SECRET with DATABASE_URL', () => {
    const message = failure({ DATABASE_URL: 'postgres://u@db.example:5432/informatif' });
    expect(message).toContain('SESSION_SECRET');
    const env = loadEnv({ DATABASE_URL: 'postgres://u@db.example:5432/informatif', SESSION_SECRET: SECRET });
    expect(env.DATABASE_URL).toBe('postgres://u@db.example:5432/informatif');
  });

  it('refuses a short SESSION_SECRET', () => {
    expect(failure({ SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET: .*32/);
  });

  it('names a bad PORT', () => {
    for (const PORT of ['abc', '0', '70000', '3.5']) expect(failure({ PORT })).toMatch(/^\s+PORT: /m);
  });

  it('lists every bad variable at once and never their values', () => {
    const message = failure({
      PORT: 'abc',
      DATABASE_URL: 'mysql://admin:hunter2-secret@db.example/informatif',
      LOG_LEVEL: 'loud',
      PUBLIC_URL: 'ftp://files.example',
    });
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'PUBLIC_URL']) expect(message).toContain(`${name}:`);
    expect(message).not.toContain('hunter2-secret');
    expect(message).not.toContain('ftp://files.example');
  });

  it('seeds demo data by default only without DATABASE_URL', () => {
    expect(loadEnv({}).DEMO).toBe(true);
    expect(loadEnv({ DATABASE_URL: 'postgresql://u@db.example/x', SESSION_SECRET: SECRET }).DEMO).toBe(false);
    expect(loadEnv({ DEMO: '0' }).DEMO).toBe(false);
    expect(loadEnv({ DEMO: 'false' }).DEMO).toBe(false);
    expect(loadEnv({ DEMO: '' }).DEMO).toBe(true);
    expect(loadEnv({ DEMO: '1', DATABASE_URL: 'postgres://u@db.example/x', SESSION_SECRET: SECRET }).DEMO).toBe(true);
    expect(failure({ DEMO: 'yes' })).toContain('DEMO:');
  });

  it('reads TRUST_PROXY as a flag', () => {
    expect(loadEnv({}).TRUST_PROXY).toBeUndefined();
    expect(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
  });
});

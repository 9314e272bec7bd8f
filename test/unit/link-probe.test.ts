import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../src/lib/node-link-probe.ts';

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT and multicast ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });
  it('accepts public addresses', () => {
    for (const a of ['8.8.8.8', '172.32.0.1', '203.0.113.7', '2001:4860:4860::8888', '::ffff:8.8.4.4']) {
      expect(isPublicAddress(a), a).toBe(true);
    }
  });
});

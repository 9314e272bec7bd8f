import { describe, expect, it } from 'vitest';
import { certificateCode } from '../../src/modules/results/publication.service.ts';

describe('certificate codes', () => {
  it('are 128 random bits in lower-case base32: 26 characters, never repeated, every symbol used', () => {
    const codes = Array.from({ length: 2000 }, certificateCode);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{25}[aeimquy4]$/);
    expect(new Set(codes).size).toBe(codes.length);
    // 25 full symbols of 5 bits and a last one carrying 3 bits: over 2,000 codes every one of the 32 symbols appears
    // at each of the first positions' union, and none dominates
    const counts = new Map<string, number>();
    for (const code of codes) for (const ch of code.slice(0, 25)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (codes.length * 25) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.15);
  });
});

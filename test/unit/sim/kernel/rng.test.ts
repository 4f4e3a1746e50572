// Goal: the seeded generator is reproducible, uniform enough, and its forks are independent streams.
import { describe, expect, it } from 'vitest';
import { SeededRng } from '../../../../sim/kernel/rng.js';

describe('SeededRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const r = new SeededRng(seed);
      return Array.from({ length: 20 }, () => r.int(1000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within bounds and covers every value of a small range', () => {
    const r = new SeededRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(6);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(6);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });

  it('gives chance() roughly its ratio', () => {
    const r = new SeededRng(1);
    let hits = 0;
    for (let i = 0; i < 10000; i++) if (r.chance(1, 4)) hits++;
    expect(hits).toBeGreaterThan(2300);
    expect(hits).toBeLessThan(2700);
  });

  it('forks by label: same label same stream, independent of draws on the parent', () => {
    const a = new SeededRng(9);
    const b = new SeededRng(9);
    b.int(10);
    b.int(10);
    const fa = a.fork('network');
    const fb = b.fork('network');
    expect([fa.int(1e6), fa.int(1e6)]).toEqual([fb.int(1e6), fb.int(1e6)]);
    expect(a.fork('storage').int(1e6)).not.toBe(a.fork('network').int(1e6));
  });

  it('rejects a bad bound with a message naming it', () => {
    expect(() => new SeededRng(1).int(0)).toThrow(/bound/);
  });
});

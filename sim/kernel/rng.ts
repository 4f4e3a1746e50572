// A seeded, integer-only pseudo-random generator (sfc32, seeded through splitmix32). Every subsystem
// draws from a stream forked by name, so adding draws in one subsystem never shifts another's.

import type { Rng } from '../../engine/runtime/ports.js';

function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z = (z ^ (z >>> 16)) >>> 0;
  return [state, z];
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class SeededRng implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  readonly seed: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    this.seed = seed;
    // Fold both halves of a 53-bit seed into the 32-bit state.
    let s = (seed ^ Math.floor(seed / 0x100000000)) | 0;
    let out: number;
    [s, out] = splitmix32(s);
    this.a = out;
    [s, out] = splitmix32(s);
    this.b = out;
    [s, out] = splitmix32(s);
    this.c = out;
    [, out] = splitmix32(s);
    this.d = out;
    for (let i = 0; i < 12; i++) this.next32();
  }

  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  int(bound: number): number {
    if (!Number.isInteger(bound) || bound <= 0 || bound > 0x100000000) throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
    // Rejection sampling keeps the distribution exactly uniform.
    const limit = 0x100000000 - (0x100000000 % bound);
    for (;;) {
      const x = this.next32();
      if (x < limit) return x % bound;
    }
  }

  chance(numerator: number, denominator: number): boolean {
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.int(denominator) < numerator;
  }

  /** An integer in [min, max], both inclusive. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  fork(label: string): SeededRng {
    return new SeededRng((this.seed * 31 + fnv1a(label)) % Number.MAX_SAFE_INTEGER);
  }
}

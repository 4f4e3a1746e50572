// A managed cluster's own clock: the world's virtual time plus an offset that a clock-skew fault sets.
// Everything on that cluster (its API server's timestamps, its operators) reads this clock.

import type { Clock } from '../../engine/runtime/ports.js';

export class SkewedClock implements Clock {
  offsetMs = 0;
  constructor(private readonly base: Clock) {}
  nowMs(): number {
    return this.base.nowMs() + this.offsetMs;
  }
}

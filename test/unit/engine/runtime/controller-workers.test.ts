// Goal: a controller runs as many reconciles at once as its worker count allows, and a count given as a
// function is read as workers start, so an operator can take it from configuration it reads after
// its controllers are built (Ramen's VRG controller uses RamenConfig maxConcurrentReconciles).
// Method: a manager on virtual time whose reconciles each wait 100 ms; count how many overlap.
import { describe, expect, it } from 'vitest';
import { Manager } from '../../../../engine/runtime/manager.js';
import type { ControllerSpec } from '../../../../engine/runtime/reconcile.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';

function rig(workers: ControllerSpec['workers']) {
  const time = new SimTime(0);
  const trace = { emit: () => undefined };
  let active = 0;
  let peak = 0;
  const manager = new Manager({ name: 'm', clock: time, scheduler: time, trace });
  manager.add({
    name: 'c',
    watches: [],
    ...(workers === undefined ? {} : { workers }),
    reconciler: {
      async reconcile() {
        active++;
        peak = Math.max(peak, active);
        await new Promise<void>((resolve) => time.after(100, 'work', resolve));
        active--;
        return {};
      },
    },
  });
  manager.start();
  const enqueue = (n: number) => {
    for (let i = 0; i < n; i++) manager.enqueue('c', { namespace: 'ns', name: `k${i}` });
  };
  return { time, enqueue, peak: () => peak, resetPeak: () => (peak = 0) };
}

describe('controller workers', () => {
  it('runs one reconcile at a time by default', async () => {
    const r = rig(undefined);
    r.enqueue(5);
    await r.time.run({ untilMs: 1_000 });
    expect(r.peak()).toBe(1);
  });

  it('reads a worker count given as a function whenever a worker could start', async () => {
    let limit = 3;
    const r = rig(() => limit);
    r.enqueue(10);
    await r.time.run({ untilMs: 1_000 });
    expect(r.peak()).toBe(3);
    limit = 50;
    r.resetPeak();
    r.enqueue(10);
    await r.time.run({ untilMs: 2_000 });
    expect(r.peak()).toBe(10);
  });
});

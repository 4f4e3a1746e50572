// Goal: the work queue merges duplicate keys, never hands one key to two workers, backs off
// exponentially on failures and honours delays on the virtual clock.
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../../../engine/runtime/workqueue.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';

function queue(time: SimTime) {
  return new WorkQueue(time, () => time.nowMs(), () => undefined, 'test');
}

describe('WorkQueue', () => {
  it('de-duplicates a waiting key', () => {
    const q = queue(new SimTime(0));
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length).toBe(2);
  });

  it('holds a key re-added while in flight until it is done', () => {
    const q = queue(new SimTime(0));
    q.add('a');
    expect(q.get()).toBe('a');
    q.add('a');
    expect(q.get()).toBeUndefined();
    q.done('a');
    expect(q.get()).toBe('a');
  });

  it('backs off 5, 10, 20 ms on repeated failures and resets on forget', async () => {
    const time = new SimTime(0);
    const q = queue(time);
    const readyAt: number[] = [];
    for (let i = 0; i < 3; i++) {
      q.addRateLimited('k');
      await time.run({ until: () => q.length > 0 });
      readyAt.push(time.nowMs());
      q.get();
      q.done('k');
    }
    expect(readyAt).toEqual([5, 15, 35]);
    q.forget('k');
    expect(q.numRequeues('k')).toBe(0);
  });

  it('keeps the earlier of two delays for the same key', async () => {
    const time = new SimTime(0);
    const q = queue(time);
    q.addAfter('k', 100);
    q.addAfter('k', 50);
    q.addAfter('k', 200);
    await time.run({ until: () => q.length > 0 });
    expect(time.nowMs()).toBe(50);
  });
});

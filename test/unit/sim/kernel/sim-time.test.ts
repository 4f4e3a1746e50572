// Goal: virtual time orders events by (time, insertion), skips idle time, and lets async work settle
// between events.
import { describe, expect, it } from 'vitest';
import { SimTime } from '../../../../sim/kernel/sim-time.js';

describe('SimTime', () => {
  it('fires events in time order and breaks ties by insertion order', async () => {
    const time = new SimTime(0);
    const order: string[] = [];
    time.after(20, 'c', () => order.push('c'));
    time.after(10, 'a', () => order.push('a'));
    time.after(10, 'b', () => order.push('b'));
    await time.run({ untilMs: 100 });
    expect(order).toEqual(['a', 'b', 'c']);
    expect(time.nowMs()).toBe(100);
  });

  it('jumps over a quiet day in a handful of events', async () => {
    const time = new SimTime(0);
    let fired = 0;
    const tick = () => {
      fired++;
      time.after(3_600_000, 'hourly', tick);
    };
    time.after(0, 'hourly', tick);
    await time.run({ untilMs: 24 * 3_600_000 });
    expect(fired).toBe(25);
    expect(time.eventsProcessed).toBe(25);
  });

  it('cancels a timer', async () => {
    const time = new SimTime(0);
    let fired = false;
    time.after(5, 'x', () => (fired = true)).cancel();
    await time.run({ untilMs: 10 });
    expect(fired).toBe(false);
  });

  it('settles an async chain started by an event before the next event fires', async () => {
    const time = new SimTime(0);
    const log: string[] = [];
    time.after(1, 'start', () => {
      void (async () => {
        await Promise.resolve();
        await Promise.resolve();
        log.push('chain done');
      })();
    });
    time.after(1, 'next', () => log.push('next event'));
    await time.run({ untilMs: 5 });
    expect(log).toEqual(['chain done', 'next event']);
  });

  it('stops when a predicate holds', async () => {
    const time = new SimTime(0);
    let n = 0;
    const tick = () => {
      n++;
      time.after(10, 't', tick);
    };
    time.after(10, 't', tick);
    const outcome = await time.run({ until: () => n >= 3, untilMs: 1000 });
    expect(outcome).toBe('predicate');
    expect(time.nowMs()).toBe(30);
  });
});

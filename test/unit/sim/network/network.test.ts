// Goal: links deliver after their latency, cut links drop messages in the cut direction only, and
// a down node neither sends nor receives.
import { describe, expect, it } from 'vitest';
import { nullTraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';

describe('Network', () => {
  it('delivers after the link latency', async () => {
    const time = new SimTime(0);
    const net = new Network(time, nullTraceSink, { defaultLatencyMs: 7 });
    let at = -1;
    net.send('hub', 'dr1', 'm', () => (at = time.nowMs()));
    await time.run({ untilMs: 100 });
    expect(at).toBe(7);
  });

  it('cuts one way only when asked', async () => {
    const time = new SimTime(0);
    const net = new Network(time, nullTraceSink);
    net.cut('hub', 'dr1', true);
    expect(net.canReach('hub', 'dr1')).toBe(false);
    expect(net.canReach('dr1', 'hub')).toBe(true);
    expect(net.canTalk('hub', 'dr1')).toBe(false);
    net.heal('hub', 'dr1');
    expect(net.canTalk('hub', 'dr1')).toBe(true);
  });

  it('drops a message whose link is cut while it is in flight', async () => {
    const time = new SimTime(0);
    const net = new Network(time, nullTraceSink, { defaultLatencyMs: 10 });
    let delivered = false;
    let dropped = false;
    net.send('dr1', 'dr2', 'm', () => (delivered = true), () => (dropped = true));
    time.after(5, 'cut', () => net.cut('dr1', 'dr2'));
    await time.run({ untilMs: 50 });
    expect(delivered).toBe(false);
    expect(dropped).toBe(true);
  });

  it('fails a request to a down node and answers once it is up', async () => {
    const time = new SimTime(0);
    const net = new Network(time, nullTraceSink);
    net.setUp('dr2', false);
    await expect(net.request('dr1', 'dr2', 'r', () => 1, () => new Error('unreachable'))).rejects.toThrow('unreachable');
    net.setUp('dr2', true);
    const p = net.request('dr1', 'dr2', 'r', () => 42, () => new Error('unreachable'));
    await time.run({ untilMs: 100 });
    await expect(p).resolves.toBe(42);
  });
});

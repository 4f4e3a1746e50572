// The remote client carries API calls and watch events over the network: a cut link fails calls with
// Unavailable, a watch that loses an event on a cut link ends so its watcher re-lists, and a watch
// cannot start while the link is cut.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { isUnavailable } from '../../../../engine/runtime/errors.js';
import { nullTraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import { SIM_EPOCH_MS, SimTime } from '../../../../sim/kernel/sim-time.js';
import { Network } from '../../../../sim/network/network.js';
import { remoteClient } from '../../../../sim/ocm/remote-client.js';
import { ALL_TEST_KINDS } from './ocm-rig.js';

const NS = { apiVersion: 'v1', kind: 'Namespace' } as const;

function setup() {
  const time = new SimTime();
  const network = new Network(time, nullTraceSink, { defaultLatencyMs: 10 });
  const hub = new SimApiServer({ name: 'hub', clock: time, scheduler: time, trace: nullTraceSink, kinds: ALL_TEST_KINDS });
  const remote = remoteClient({ target: hub.client({ actor: 'agent' }), network, scheduler: time, from: 'east', to: 'hub', watchConnectTimeoutMs: 1_000 });
  return { time, network, hub, remote, admin: hub.client({ actor: 'admin' }) };
}

describe('remote client', () => {
  it('takes a round trip of link latency and fails with Unavailable on a cut link', async () => {
    const { time, network, remote } = setup();
    const created = remote.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } });
    await time.run({});
    await expect(created).resolves.toMatchObject({ metadata: { name: 'a' } });
    expect(time.nowMs() - SIM_EPOCH_MS).toBe(20);
    network.cut('east', 'hub', true);
    const failed = remote.get(NS, { name: 'a' }).catch((e: unknown) => e);
    await time.run({});
    expect(isUnavailable(await failed)).toBe(true);
  });

  it('delivers watch events over the link and ends the watch when one is lost', async () => {
    const { time, network, remote, admin } = setup();
    const seen: string[] = [];
    const closed: string[] = [];
    remote.watch<KubeObject>(NS, {}, { onEvent: (e) => seen.push(`${e.type} ${e.object.metadata.name}`), onClose: (r) => closed.push(r) });
    await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'one' } });
    await time.run({});
    expect(seen).toEqual(['ADDED one']);
    network.cut('hub', 'east', true);
    await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'two' } });
    await time.run({});
    expect(seen).toEqual(['ADDED one']);
    expect(closed).toHaveLength(1);
    // Nothing more arrives on a closed watch, even after the link heals.
    network.heal('hub', 'east');
    await admin.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'three' } });
    await time.run({});
    expect(seen).toEqual(['ADDED one']);
  });

  it('reports a watch that cannot connect after the connect timeout', async () => {
    const { time, network, remote } = setup();
    network.cut('east', 'hub');
    const closedAt: number[] = [];
    const start = time.nowMs();
    remote.watch(NS, {}, { onEvent: () => undefined, onClose: () => closedAt.push(time.nowMs() - start) });
    await time.run({});
    expect(closedAt).toEqual([1_000]);
  });
});

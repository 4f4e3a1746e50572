// An unavailable server refuses every call, ends open watches, keeps its state, and comes back.

import { describe, expect, it } from 'vitest';
import type { WatchEvent } from '../../../../engine/runtime/client.js';
import { CM, configMap, rigWithNamespaces } from './fixtures.js';
import { rejection } from './reject.js';

describe('availability', () => {
  it('rejects every client call with Unavailable while down', async () => {
    const { admin, server } = await rigWithNamespaces();
    const cm = await admin.create(configMap('a'));
    server.setAvailable(false);
    expect(server.available).toBe(false);
    const key = { namespace: 'default', name: 'a' };
    const calls: Promise<unknown>[] = [
      admin.get(CM, key),
      admin.list(CM),
      admin.create(configMap('b')),
      admin.update(cm),
      admin.updateStatus(cm),
      admin.patch(CM, key, {}),
      admin.delete(CM, key),
      admin.serves(CM),
    ];
    for (const call of calls) expect((await rejection(call)).reason).toBe('Unavailable');
  });

  it('logs refused writes as api.reject', async () => {
    const { admin, server, trace } = await rigWithNamespaces();
    server.setAvailable(false);
    await rejection(admin.create(configMap('b')));
    expect(trace.ofType('api.reject').at(-1)).toMatchObject({ cluster: 'cluster1', actor: 'test', verb: 'create', reason: 'Unavailable', name: 'b' });
  });

  it('closes open watches and refuses new ones while down', async () => {
    const { admin, server, settle } = await rigWithNamespaces();
    const closes: string[] = [];
    const events: WatchEvent[] = [];
    admin.watch(CM, {}, { onEvent: (e) => events.push(e), onClose: (r) => closes.push(r) });
    server.setAvailable(false);
    admin.watch(CM, {}, { onEvent: (e) => events.push(e), onClose: (r) => closes.push(r) });
    await settle();
    expect(closes).toHaveLength(2);
    expect(closes[0]).toContain('unavailable');
    expect(server.openWatches).toBe(0);
  });

  it('keeps state across the outage', async () => {
    const { admin, server } = await rigWithNamespaces();
    await admin.create(configMap('a', 'default', { k: 'v' }));
    const before = server.dump();
    server.setAvailable(false);
    server.setAvailable(true);
    expect(server.dump()).toEqual(before);
    expect((await admin.get(CM, { namespace: 'default', name: 'a' })).data).toEqual({ k: 'v' });
  });
});

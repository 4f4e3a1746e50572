// Only registered kinds are served; anything else fails like a missing CRD.

import { describe, expect, it } from 'vitest';
import { CM, WIDGET, configMapKind, makeRig, widget } from './fixtures.js';
import { rejection } from './reject.js';

describe('kinds', () => {
  it('fails with NoKindMatch for an unserved kind, naming kind and version', async () => {
    const { server } = makeRig({ kinds: [configMapKind] });
    const client = server.client();
    const err = await rejection(client.create(widget('w')));
    expect(err.reason).toBe('NoKindMatch');
    expect(err.message).toBe('no matches for kind "Widget" in version "example.com/v1alpha1"');
    expect((await rejection(client.list(WIDGET))).reason).toBe('NoKindMatch');
    expect((await rejection(client.get(WIDGET, { namespace: 'default', name: 'w' }))).reason).toBe('NoKindMatch');
  });

  it('matches on the exact apiVersion', async () => {
    const { server } = makeRig({ kinds: [configMapKind] });
    const client = server.client();
    expect(await client.serves(CM)).toBe(true);
    expect(await client.serves({ apiVersion: 'v2', kind: 'ConfigMap' })).toBe(false);
    expect(server.serves(WIDGET)).toBe(false);
  });

  it('refuses a kind registered twice', () => {
    expect(() => makeRig({ kinds: [configMapKind, configMapKind] })).toThrow(/twice/);
  });
});

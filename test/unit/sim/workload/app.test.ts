// Goal: an app's manifests are what a deployer applies: labelled PVCs of the requested class and a
// writer Pod mounting each of them with its write interval; bad specs are refused naming the field.
// Method: build manifests and inspect them.

import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim, Pod } from '../../../../sim/storage/core-shapes.js';
import { APP_LABEL, appManifests, WRITE_INTERVAL_ANNOTATION } from '../../../../sim/workload/app.js';

describe('appManifests', () => {
  it('builds PVCs before the writer Pod', () => {
    const objs = appManifests({ name: 'busybox', namespace: 'ns', pvcs: [{ name: 'a', storageClassName: 'rbd' }, { name: 'b', storageClassName: 'rbd', size: '5Gi' }], writeIntervalMs: 500 });
    expect(objs.map((o) => o.kind)).toEqual(['PersistentVolumeClaim', 'PersistentVolumeClaim', 'Pod']);
    const b = objs[1] as PersistentVolumeClaim;
    expect(b.metadata.labels?.[APP_LABEL]).toBe('busybox');
    expect(b.spec).toMatchObject({ storageClassName: 'rbd', resources: { requests: { storage: '5Gi' } } });
    const pod = objs[2] as Pod;
    expect(pod.metadata.annotations?.[WRITE_INTERVAL_ANNOTATION]).toBe('500');
    expect(pod.spec.volumes?.map((v) => v.persistentVolumeClaim?.claimName)).toEqual(['a', 'b']);
  });

  it('names the offending field', () => {
    expect(() => appManifests({ name: 'x', namespace: 'ns', pvcs: [{ name: 'a', storageClassName: '' }] })).toThrow('pvcs[0].storageClassName');
    expect(() => appManifests({ name: 'x', namespace: 'ns', pvcs: [{ name: 'a', storageClassName: 'c' }], writeIntervalMs: 0 })).toThrow('writeIntervalMs');
  });
});

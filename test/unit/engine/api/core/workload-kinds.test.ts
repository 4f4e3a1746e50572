// Pod, Service and VolumeAttachment admission: required fields, update restrictions and name rules as kube enforces them.

import { describe, expect, it } from 'vitest';
import { PodSchema } from '../../../../../engine/api/core/pod.js';
import { ServiceSchema } from '../../../../../engine/api/core/service.js';
import { VolumeAttachmentSchema } from '../../../../../engine/api/core/volume-attachment.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { create, failure, update } from './admit-helpers.js';

const pod = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'app' },
  spec: {
    containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
    ...spec,
  },
});

describe('Pod', () => {
  it('defaults restart policy and starts Pending', () => {
    const obj = create(PodSchema, pod({}));
    expect(obj.spec).toMatchObject({ restartPolicy: 'Always' });
    expect(obj.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it('requires containers, images and claim names, and mounts of declared volumes', () => {
    const err = failure(() =>
      create(PodSchema, pod({ containers: [{ name: 'c', volumeMounts: [{ name: 'nope', mountPath: '/x' }] }], volumes: [{ name: 'data', persistentVolumeClaim: {} }] })),
    );
    expect(err.causes.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.volumes[0].persistentVolumeClaim.claimName: Required value',
      'spec.containers[0].image: Required value',
      'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
    ]);
  });

  it('allows an image change but not a volume change', () => {
    const stored = create(PodSchema, pod({}));
    const spec = stored.spec as { containers: Record<string, unknown>[] };
    expect(update(PodSchema, { ...stored, spec: { ...spec, containers: [{ ...spec.containers[0], image: 'busybox:2' }] } } as KubeObject, stored)).toBeTruthy();
    const err = failure(() => update(PodSchema, { ...stored, spec: { ...spec, volumes: [] } } as KubeObject, stored));
    expect(err.causes.at(-1)?.message).toMatch(/^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
  });
});

describe('Service', () => {
  it('requires a DNS-1035 name and valid ports', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc', namespace: 'app' }, spec: { ports: [{ port: 0 }] } };
    const err = failure(() => create(ServiceSchema, svc));
    expect(err.causes.map((c) => c.field)).toEqual(['metadata.name', 'spec.ports[0].port']);
    expect(err.causes[1]?.message).toBe('Invalid value: 0: must be between 1 and 65535, inclusive');
  });

  it('defaults type and protocol', () => {
    const obj = create(ServiceSchema, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'app' }, spec: { ports: [{ port: 8000 }] } });
    expect(obj.spec).toMatchObject({ type: 'ClusterIP', ports: [{ port: 8000, protocol: 'TCP' }] });
  });
});

describe('VolumeAttachment', () => {
  const va = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'csi-1' }, spec: { attacher: 'rbd.csi.ceph.com', nodeName: 'n1', source: { persistentVolumeName: 'pv-1' } } };

  it('requires one source and keeps the spec immutable', () => {
    expect(failure(() => create(VolumeAttachmentSchema, { ...va, spec: { attacher: 'a', nodeName: 'n', source: {} } })).causes[0]?.message).toBe(
      'Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName',
    );
    const stored = create(VolumeAttachmentSchema, va);
    expect(stored.status).toEqual({ attached: false });
    const err = failure(() => update(VolumeAttachmentSchema, { ...stored, spec: { ...va.spec, nodeName: 'n2' } } as KubeObject, stored));
    expect(err.causes[0]?.field).toBe('spec');
    expect(err.causes[0]?.message).toMatch(/: field is immutable$/);
  });
});

// An application as the simulator deploys it: a set of PVCs in one namespace and one writer Pod that
// mounts them all and writes to each at a fixed interval. `appManifests` is the object set an app
// deployer (a ManifestWork, a GitOps sync) applies to the cluster that should run the app; the
// writer runs wherever that Pod exists and its volumes are writable.

import type { KubeObject } from '../../engine/api/meta.js';
import type { PersistentVolumeClaim, Pod } from '../storage/core-shapes.js';

/** Labels every object of an app, and is what a VRG `pvcSelector` matches. */
export const APP_LABEL = 'app.drsim.io/name';
/** On the writer Pod: milliseconds between two writes to each PVC. */
export const WRITE_INTERVAL_ANNOTATION = 'app.drsim.io/write-interval-ms';
export const WRITER_IMAGE = 'drsim/writer:1';
export const WRITE_INTERVAL_MS_DEFAULT = 10_000;

export interface AppPvcSpec {
  name: string;
  storageClassName: string;
  /** Default `1Gi`. */
  size?: string;
}

export interface AppSpec {
  name: string;
  namespace: string;
  pvcs: AppPvcSpec[];
  /** Default 10 s. */
  writeIntervalMs?: number;
  /** Extra labels on every object, besides `app.drsim.io/name`. */
  labels?: Record<string, string>;
}

/** `<namespace>/<name>`: how the ledger and the data model name the app. */
export function appKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

export function writerPodName(app: Pick<AppSpec, 'name'>): string {
  return `${app.name}-writer`;
}

export function validateAppSpec(app: AppSpec): void {
  if (!app.name) throw new Error('app.name must not be empty');
  if (!app.namespace) throw new Error(`app ${app.name}: namespace must not be empty`);
  if (app.pvcs.length === 0) throw new Error(`app ${app.name}: pvcs must not be empty`);
  const names = new Set<string>();
  for (const [i, p] of app.pvcs.entries()) {
    if (!p.name) throw new Error(`app ${app.name}: pvcs[${i}].name must not be empty`);
    if (names.has(p.name)) throw new Error(`app ${app.name}: pvcs[${i}].name ${p.name} is duplicated`);
    names.add(p.name);
    if (!p.storageClassName) throw new Error(`app ${app.name}: pvcs[${i}].storageClassName must not be empty`);
  }
  if (app.writeIntervalMs !== undefined && !(Number.isInteger(app.writeIntervalMs) && app.writeIntervalMs > 0)) {
    throw new Error(`app ${app.name}: writeIntervalMs must be a positive integer, got ${app.writeIntervalMs}`);
  }
}

/** The app's PVCs and writer Pod, in apply order (claims before the Pod that mounts them). */
export function appManifests(app: AppSpec): KubeObject[] {
  validateAppSpec(app);
  const labels = { ...(app.labels ?? {}), [APP_LABEL]: app.name };
  const pvcs: PersistentVolumeClaim[] = app.pvcs.map((p) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: p.name, namespace: app.namespace, labels: { ...labels } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: p.size ?? '1Gi' } }, storageClassName: p.storageClassName, volumeMode: 'Filesystem' },
  }));
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: writerPodName(app),
      namespace: app.namespace,
      labels: { ...labels },
      annotations: { [WRITE_INTERVAL_ANNOTATION]: String(app.writeIntervalMs ?? WRITE_INTERVAL_MS_DEFAULT) },
    },
    spec: {
      containers: [{ name: 'writer', image: WRITER_IMAGE, volumeMounts: app.pvcs.map((p) => ({ name: p.name, mountPath: `/data/${p.name}` })) }],
      volumes: app.pvcs.map((p) => ({ name: p.name, persistentVolumeClaim: { claimName: p.name } })),
    },
  };
  return [...pvcs, pod];
}

// Volume attachment, in two parts as in Kubernetes. The attach-detach controller keeps one
// VolumeAttachment per (PV, node) that some live Pod needs and deletes the rest. The CSI
// external-attacher, for the drivers this cluster's storage serves, publishes the volume to the node
// through the storage backend (which refuses fenced clusters and non-primary images), reports
// `status.attached` or `status.attachError`, and unpublishes before letting a deleted attachment go.
// The simulated cluster has a single worker node; Pods are taken to run there.

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound, isAlreadyExists } from '../../engine/runtime/errors.js';
import type { Clock } from '../../engine/runtime/ports.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod, VolumeAttachment } from './core-shapes.js';
import { claimNamesOf, POD_KIND, PV_KIND, PVC_KIND, VOLUME_ATTACHMENT_KIND } from './core-shapes.js';
import type { StorageBackend } from './storage-backend.js';

export interface AttacherDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
  /** The node every Pod runs on. Default `<cluster>-worker-0`. */
  nodeName?: string;
}

export function defaultNodeName(cluster: string): string {
  return `${cluster}-worker-0`;
}

/** The attach-detach controller's name for an attachment: `csi-` + sha256(pv + attacher + node). */
export function volumeAttachmentName(pvName: string, attacher: string, nodeName: string): string {
  return `csi-${createHash('sha256').update(`${pvName}${attacher}${nodeName}`).digest('hex')}`;
}

/** The finalizer the external-attacher keeps on attachments it handles. */
export function attacherFinalizer(driver: string): string {
  return `external-attacher/${driver.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}

const SYNC_ALL: Request = { name: 'all' };

function isLive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** The attach-detach controller: reconciles every attachment of the cluster in one pass. */
export function attachDetachController(deps: AttacherDeps): ControllerSpec {
  const { client } = deps;
  const node = deps.nodeName ?? defaultNodeName(deps.cluster);
  return {
    name: 'attach-detach',
    reconciler: {
      async reconcile(): Promise<Result> {
        const [pods, pvcs, pvs, vas] = await Promise.all([
          client.list<Pod>(POD_KIND),
          client.list<PersistentVolumeClaim>(PVC_KIND),
          client.list<PersistentVolume>(PV_KIND),
          client.list<VolumeAttachment>(VOLUME_ATTACHMENT_KIND),
        ]);
        const pvcByKey = new Map(pvcs.items.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]));
        const pvByName = new Map(pvs.items.map((v) => [v.metadata.name, v]));
        const wanted = new Map<string, VolumeAttachment>();
        for (const pod of pods.items) {
          if (!isLive(pod)) continue;
          for (const claim of claimNamesOf(pod)) {
            const pvc = pvcByKey.get(`${pod.metadata.namespace}/${claim}`);
            if (pvc?.status?.phase !== 'Bound' || !pvc.spec.volumeName) continue;
            const pv = pvByName.get(pvc.spec.volumeName);
            if (!pv?.spec.csi) continue;
            const name = volumeAttachmentName(pv.metadata.name, pv.spec.csi.driver, node);
            wanted.set(name, {
              apiVersion: 'storage.k8s.io/v1',
              kind: 'VolumeAttachment',
              metadata: { name },
              spec: { attacher: pv.spec.csi.driver, nodeName: node, source: { persistentVolumeName: pv.metadata.name } },
            });
          }
        }
        for (const [name, va] of [...wanted].sort(([a], [b]) => (a < b ? -1 : 1))) {
          if (vas.items.some((v) => v.metadata.name === name)) continue;
          try {
            await client.create(va);
          } catch (err) {
            if (!isAlreadyExists(err)) throw err;
          }
        }
        for (const va of vas.items) {
          if (va.spec.nodeName !== node || wanted.has(va.metadata.name) || va.metadata.deletionTimestamp) continue;
          await ignoreNotFound(client.delete(VOLUME_ATTACHMENT_KIND, { name: va.metadata.name }));
        }
        return {};
      },
    },
    watches: [
      { client, kind: POD_KIND, map: () => [SYNC_ALL] },
      { client, kind: PVC_KIND, map: () => [SYNC_ALL] },
      { client, kind: VOLUME_ATTACHMENT_KIND, map: () => [SYNC_ALL] },
    ],
  };
}

/** The CSI external-attacher for the drivers this cluster's storage serves. */
export function csiAttacherController(deps: AttacherDeps): ControllerSpec {
  const { client, storage } = deps;
  return {
    name: 'csi-attacher',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const va = await ignoreNotFound(client.get<VolumeAttachment>(VOLUME_ATTACHMENT_KIND, { name: request.name }));
        if (!va) return {};
        const system = storage.systemFor(deps.cluster, va.spec.attacher);
        if (!system) return {};
        const finalizer = attacherFinalizer(va.spec.attacher);
        const finalizers = va.metadata.finalizers ?? [];
        const pvName = va.spec.source.persistentVolumeName ?? '';
        const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: pvName }));
        const handle = pv?.spec.csi?.volumeHandle;
        if (va.metadata.deletionTimestamp) {
          if (handle !== undefined) storage.unpublish(system.storageId, handle, deps.cluster);
          if (finalizers.includes(finalizer)) {
            await client.update<VolumeAttachment>({ ...va, metadata: { ...va.metadata, finalizers: finalizers.filter((f) => f !== finalizer) } });
          }
          return {};
        }
        let current = va;
        if (!finalizers.includes(finalizer)) {
          current = await client.update<VolumeAttachment>({ ...va, metadata: { ...va.metadata, finalizers: [...finalizers, finalizer] } });
        }
        if (current.status?.attached) return {};
        try {
          if (handle === undefined) throw new Error(`persistentvolume ${pvName} not found or not a CSI volume`);
          storage.publish(system.storageId, handle, deps.cluster);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          // Rewriting an unchanged error would wake this controller at once and defeat the backoff.
          if (current.status?.attachError?.message !== message) {
            await client.updateStatus<VolumeAttachment>({ ...current, status: { attached: false, attachError: { time: rfc3339(deps.clock.nowMs()), message } } });
          }
          throw err;
        }
        await client.updateStatus<VolumeAttachment>({ ...current, status: { attached: true } });
        deps.trace.emit({ type: 'storage.attached', cluster: deps.cluster, pv: pvName, node: current.spec.nodeName });
        return {};
      },
    },
    watches: [{ client, kind: VOLUME_ATTACHMENT_KIND, map: (obj: KubeObject) => [{ name: obj.metadata.name }] }],
  };
}

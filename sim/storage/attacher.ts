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
import { requestOfId, WatchIndex } from '../../engine/runtime/watch-index.js';
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

function isLive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** The `namespace/claim` ids of the PVCs a Pod mounts. */
export function claimIdsOf(pod: Pod): string[] {
  return claimNamesOf(pod).map((claim) => `${pod.metadata.namespace ?? ''}/${claim}`);
}

/** PVCs filed under the PV they name in `spec.volumeName`. */
export function claimsByVolumeIndex(): WatchIndex {
  return new WatchIndex((obj) => {
    const volume = (obj as PersistentVolumeClaim).spec?.volumeName;
    return volume ? [volume] : [];
  });
}

/**
 * The attach-detach controller, one PV at a time: the PV's attachment to this node is wanted while a
 * live Pod mounts a Bound claim of that PV, and any other attachment of the PV to this node goes.
 * Pod, PVC and attachment events wake the PVs they name (through watch indexes, so no event lists
 * the cluster); the decision itself reads the API server.
 */
export function attachDetachController(deps: AttacherDeps): ControllerSpec {
  const { client } = deps;
  const node = deps.nodeName ?? defaultNodeName(deps.cluster);
  const claimsByVolume = claimsByVolumeIndex();
  const attachmentsByVolume = new WatchIndex((obj) => {
    const pv = (obj as VolumeAttachment).spec?.source?.persistentVolumeName;
    return pv ? [pv] : [];
  });
  const volumesOf = (claimIds: readonly string[]): Request[] => claimIds.flatMap((id) => claimsByVolume.keysFor(id).map((name) => ({ name })));

  /** Whether a live Pod mounts a Bound claim of `pv`: the claims the index and the PV's claimRef name, read afresh. */
  async function wanted(pv: PersistentVolume): Promise<boolean> {
    const name = pv.metadata.name;
    const ref = pv.spec.claimRef;
    const candidates = new Set(claimsByVolume.idsFor(name));
    if (ref?.namespace && ref.name) candidates.add(`${ref.namespace}/${ref.name}`);
    for (const id of candidates) {
      const { namespace, name: claim } = requestOfId(id);
      const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, { namespace, name: claim }));
      if (pvc?.status?.phase !== 'Bound' || pvc.spec.volumeName !== name) continue;
      const pods = await client.list<Pod>(POD_KIND, { namespace });
      if (pods.items.some((pod) => isLive(pod) && claimNamesOf(pod).includes(claim))) return true;
    }
    return false;
  }

  return {
    name: 'attach-detach',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: request.name }));
        const csi = pv?.spec.csi;
        const keep = pv && csi && (await wanted(pv)) ? volumeAttachmentName(request.name, csi.driver, node) : undefined;
        if (keep !== undefined && csi && !(await ignoreNotFound(client.get<VolumeAttachment>(VOLUME_ATTACHMENT_KIND, { name: keep })))) {
          try {
            await client.create<VolumeAttachment>({
              apiVersion: 'storage.k8s.io/v1',
              kind: 'VolumeAttachment',
              metadata: { name: keep },
              spec: { attacher: csi.driver, nodeName: node, source: { persistentVolumeName: request.name } },
            });
          } catch (err) {
            if (!isAlreadyExists(err)) throw err;
          }
        }
        for (const name of attachmentsByVolume.idsFor(request.name)) {
          if (name === keep) continue;
          const va = await ignoreNotFound(client.get<VolumeAttachment>(VOLUME_ATTACHMENT_KIND, { name }));
          if (!va || va.spec.nodeName !== node || va.metadata.deletionTimestamp || va.spec.source.persistentVolumeName !== request.name) continue;
          await ignoreNotFound(client.delete(VOLUME_ATTACHMENT_KIND, { name }));
        }
        return {};
      },
    },
    watches: [
      { client, kind: POD_KIND, map: (obj, _type, old) => volumesOf([...claimIdsOf(obj as Pod), ...(old ? claimIdsOf(old as Pod) : [])]) },
      {
        client,
        kind: PVC_KIND,
        map: (obj, type) => {
          const before = claimsByVolume.observe(obj, type);
          return [...new Set([...before, ...claimsByVolume.keysFor(WatchIndex.idOf(obj))])].map((name) => ({ name }));
        },
      },
      {
        client,
        kind: VOLUME_ATTACHMENT_KIND,
        map: (obj, type) => {
          attachmentsByVolume.observe(obj, type);
          const pv = (obj as VolumeAttachment).spec?.source?.persistentVolumeName;
          return pv ? [{ name: pv }] : [];
        },
      },
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

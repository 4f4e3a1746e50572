// The part of the kubelet the simulator needs: a Pod starts Running once every claim it mounts is
// Bound and its volume attached to the node (the CSI VolumeAttachment reports `attached`), and stays
// Pending before. A Running Pod is not taken back to Pending when its storage later fails; its I/O
// fails instead, as on a real node. Containers, restarts and readiness probes are not modelled.

import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { Clock } from '../../engine/runtime/ports.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { requestOfId, WatchIndex } from '../../engine/runtime/watch-index.js';
import { claimIdsOf, claimsByVolumeIndex, defaultNodeName, volumeAttachmentName } from '../storage/attacher.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod, VolumeAttachment } from '../storage/core-shapes.js';
import { claimNamesOf, POD_KIND, PV_KIND, PVC_KIND, VOLUME_ATTACHMENT_KIND } from '../storage/core-shapes.js';

export interface KubeletDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  nodeName?: string;
}

/** Whether every claim the Pod mounts is Bound to a PV that is, when it is a CSI volume, attached to the node. */
async function volumesReady(client: ClusterClient, pod: Pod, node: string): Promise<boolean> {
  for (const claim of claimNamesOf(pod)) {
    const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, { namespace: pod.metadata.namespace ?? '', name: claim }));
    if (pvc?.status?.phase !== 'Bound' || !pvc.spec.volumeName) return false;
    const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: pvc.spec.volumeName }));
    if (!pv) return false;
    if (!pv.spec.csi) continue;
    const va = await ignoreNotFound(client.get<VolumeAttachment>(VOLUME_ATTACHMENT_KIND, { name: volumeAttachmentName(pv.metadata.name, pv.spec.csi.driver, node) }));
    if (!va?.status?.attached) return false;
  }
  return true;
}

/**
 * One Pod at a time. A claim's or an attachment's event wakes the Pods that mount the claims of that
 * volume, found through watch indexes rather than by listing the cluster.
 */
export function kubeletController(deps: KubeletDeps): ControllerSpec {
  const { client } = deps;
  const node = deps.nodeName ?? defaultNodeName(deps.cluster);
  const podsByClaim = new WatchIndex((obj) => claimIdsOf(obj as Pod));
  const claimsByVolume = claimsByVolumeIndex();
  return {
    name: 'kubelet',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const pod = await ignoreNotFound(client.get<Pod>(POD_KIND, request));
        if (!pod || pod.metadata.deletionTimestamp || (pod.status?.phase !== undefined && pod.status.phase !== 'Pending')) return {};
        if (!(await volumesReady(client, pod, node))) return {};
        const now = rfc3339(deps.clock.nowMs());
        await client.updateStatus<Pod>({
          ...pod,
          status: {
            ...(pod.status ?? {}),
            phase: 'Running',
            startTime: now,
            conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: now }],
          },
        });
        deps.trace.emit({ type: 'pod.running', cluster: deps.cluster, pod: `${pod.metadata.namespace}/${pod.metadata.name}`, node });
        return {};
      },
    },
    watches: [
      {
        client,
        kind: POD_KIND,
        map: (obj, type) => {
          podsByClaim.observe(obj, type);
          return [requestOfId(WatchIndex.idOf(obj))];
        },
      },
      {
        client,
        kind: PVC_KIND,
        map: (obj, type) => {
          claimsByVolume.observe(obj, type);
          return podsByClaim.requestsFor(WatchIndex.idOf(obj));
        },
      },
      {
        client,
        kind: VOLUME_ATTACHMENT_KIND,
        map: (obj) => {
          const pv = (obj as VolumeAttachment).spec?.source?.persistentVolumeName;
          return pv ? claimsByVolume.idsFor(pv).flatMap((claim) => podsByClaim.requestsFor(claim)) : [];
        },
      },
    ],
  };
}

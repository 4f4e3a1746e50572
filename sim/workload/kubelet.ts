// The part of the kubelet the simulator needs: a Pod starts Running once every claim it mounts is
// Bound and its volume attached to the node (the CSI VolumeAttachment reports `attached`), and stays
// Pending before. A Running Pod is not taken back to Pending when its storage later fails; its I/O
// fails instead, as on a real node. Containers, restarts and readiness probes are not modelled.

import type { ClusterClient } from '../../engine/runtime/client.js';
import type { Clock } from '../../engine/runtime/ports.js';
import { rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { defaultNodeName, volumeAttachmentName } from '../storage/attacher.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod, VolumeAttachment } from '../storage/core-shapes.js';
import { claimNamesOf, POD_KIND, PV_KIND, PVC_KIND, VOLUME_ATTACHMENT_KIND } from '../storage/core-shapes.js';

export interface KubeletDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  nodeName?: string;
}

const SYNC_ALL: Request = { name: 'all' };

export function kubeletController(deps: KubeletDeps): ControllerSpec {
  const { client } = deps;
  const node = deps.nodeName ?? defaultNodeName(deps.cluster);
  return {
    name: 'kubelet',
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
        const attached = new Set(vas.items.filter((v) => v.status?.attached).map((v) => v.metadata.name));
        for (const pod of pods.items) {
          if (pod.metadata.deletionTimestamp || (pod.status?.phase !== undefined && pod.status.phase !== 'Pending')) continue;
          const ready = claimNamesOf(pod).every((claim) => {
            const pvc = pvcByKey.get(`${pod.metadata.namespace}/${claim}`);
            if (pvc?.status?.phase !== 'Bound' || !pvc.spec.volumeName) return false;
            const pv = pvByName.get(pvc.spec.volumeName);
            if (!pv) return false;
            return !pv.spec.csi || attached.has(volumeAttachmentName(pv.metadata.name, pv.spec.csi.driver, node));
          });
          if (!ready) continue;
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

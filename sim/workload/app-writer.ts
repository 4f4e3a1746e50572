// The application's data path: every writer Pod that is Running writes one record to each PVC it
// mounts every write interval, through the storage backend, exactly as the cluster it runs on can
// reach its volumes. An acknowledged write goes to the ledger with its id, cluster and image; a
// refused one (fenced, read-only secondary, not attached, storage gone) is an I/O error the ledger
// counts. The writer stops when its Pod goes, which is how "the app runs only where its Pods are".

import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../storage/core-shapes.js';
import { claimNamesOf, POD_KIND, PV_KIND, PVC_KIND } from '../storage/core-shapes.js';
import type { StorageBackend } from '../storage/storage-backend.js';
import { imageKey } from '../storage/volume-data.js';
import { APP_LABEL, appKey, WRITE_INTERVAL_ANNOTATION, WRITE_INTERVAL_MS_DEFAULT } from './app.js';
import type { WriteLedger } from './write-ledger.js';

export interface AppWriterDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
  ledger: WriteLedger;
}

export function appWriterController(deps: AppWriterDeps): ControllerSpec {
  const { client, storage, ledger } = deps;
  // When each Pod last wrote, so that extra wake-ups (status changes) never raise the write rate.
  const lastWriteMs = new Map<string, number>();
  return {
    name: 'app-writer',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const podKey = `${request.namespace}/${request.name}`;
        const pod = await ignoreNotFound(client.get<Pod>(POD_KIND, request));
        const appName = pod?.metadata.labels?.[APP_LABEL];
        if (!pod || appName === undefined || pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') {
          lastWriteMs.delete(podKey);
          return {};
        }
        const parsed = Number(pod.metadata.annotations?.[WRITE_INTERVAL_ANNOTATION]);
        const intervalMs = Number.isInteger(parsed) && parsed > 0 ? parsed : WRITE_INTERVAL_MS_DEFAULT;
        const now = deps.clock.nowMs();
        const last = lastWriteMs.get(podKey);
        if (last !== undefined && now - last < intervalMs) return { requeueAfterMs: last + intervalMs - now };
        lastWriteMs.set(podKey, now);
        const namespace = pod.metadata.namespace ?? '';
        const app = appKey(namespace, appName);
        for (const claim of claimNamesOf(pod)) {
          await writeOnce(app, `${namespace}/${claim}`, namespace, claim, now);
        }
        return { requeueAfterMs: intervalMs };
      },
    },
    watches: [{ client, kind: POD_KIND }],
  };

  async function writeOnce(app: string, pvcKey: string, namespace: string, claim: string, now: number): Promise<void> {
    const refuse = (reason: string, message: string): void => {
      ledger.recordRefusal({ app, pvc: pvcKey, cluster: deps.cluster, reason, atMs: now });
      deps.trace.emit({ type: 'app.write.refused', app, pvc: pvcKey, cluster: deps.cluster, reason, message });
    };
    const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, { namespace, name: claim }));
    if (!pvc?.spec.volumeName) return refuse('not-bound', `claim ${pvcKey} is not bound`);
    const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: pvc.spec.volumeName }));
    const csi = pv?.spec.csi;
    if (!csi) return refuse('no-volume', `volume ${pvc.spec.volumeName} not found`);
    const system = storage.systemFor(deps.cluster, csi.driver);
    if (!system) return refuse('storage-unreachable', `no storage for driver ${csi.driver} on ${deps.cluster}`);
    const writeId = ledger.nextWriteId(app, pvcKey);
    const outcome = storage.write(system.storageId, csi.volumeHandle, { app, pvc: pvcKey, writeId, cluster: deps.cluster, atMs: now });
    if (!outcome.ok) return refuse(outcome.reason, outcome.message);
    const image = imageKey(system.storageId, csi.volumeHandle);
    ledger.recordAck({ app, pvc: pvcKey, writeId, cluster: deps.cluster, image, atMs: now });
    deps.trace.emit({ type: 'app.write', app, pvc: pvcKey, cluster: deps.cluster, image, writeId });
  }
}

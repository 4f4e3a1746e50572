// The application's data path: every writer Pod that is Running writes one record to each PVC it
// mounts every write interval, through the storage backend, exactly as the cluster it runs on can
// reach its volumes. An acknowledged write goes to the ledger with its id, cluster and image; a
// refused one (fenced, read-only secondary, not attached, storage gone) is an I/O error the ledger
// counts. The writer stops when its Pod goes, which is how "the app runs only where its Pods are".
//
// The writers of one cluster share a clock tick: a Pod writes at the multiples of its interval on the
// cluster's clock, so every Pod with the same interval writes in the same reconcile. One tick per
// cluster and interval, instead of one reconcile per Pod, is what lets a world of a thousand apps
// spend its events on the operators rather than on its workload (a real app's write loop has an
// arbitrary phase anyway). The writer Pods come from the Pod watch, as a kubelet knows its Pods without
// asking; the cache is emptied at every start, so a Pod deleted while the agent was down is never
// written for. A claim's volume is looked up once per Pod, as a mount is resolved once.

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

/** The one request the writer controller reconciles: Pods are never cluster-scoped, so it cannot clash. */
const WRITER_TICK: Request = { name: 'writers' };

interface Volume {
  driver: string;
  handle: string;
}

interface Refusal {
  refused: string;
  message: string;
}

interface RunningWriter {
  uid: string;
  app: string;
  namespace: string;
  claims: string[];
  intervalMs: number;
  /** The next multiple of the interval at which this Pod writes. */
  dueMs: number;
  /** Claim name to its volume, once the claim is bound. */
  volumes: Map<string, Volume>;
}

function intervalOf(pod: Pod): number {
  const parsed = Number(pod.metadata.annotations?.[WRITE_INTERVAL_ANNOTATION]);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : WRITE_INTERVAL_MS_DEFAULT;
}

/** The first multiple of `intervalMs` strictly after `nowMs`. */
function nextMultiple(nowMs: number, intervalMs: number): number {
  return (Math.floor(nowMs / intervalMs) + 1) * intervalMs;
}

export function appWriterController(deps: AppWriterDeps): ControllerSpec {
  const { client, storage, ledger } = deps;
  // The writer Pods as last delivered by the watch, by `<namespace>/<name>`.
  const pods = new Map<string, Pod>();
  // Keyed by Pod; a Pod recreated under the same name (a new uid) starts afresh.
  const writers = new Map<string, RunningWriter>();
  return {
    name: 'app-writer',
    onStart: () => {
      pods.clear();
      writers.clear();
    },
    reconciler: {
      async reconcile(): Promise<Result> {
        const now = deps.clock.nowMs();
        let nextDue = Number.POSITIVE_INFINITY;
        for (const key of [...pods.keys()].sort()) {
          const pod = pods.get(key)!;
          if (pod.metadata.deletionTimestamp || pod.status?.phase !== 'Running') {
            writers.delete(key);
            continue;
          }
          let w = writers.get(key);
          if (!w || w.uid !== pod.metadata.uid) {
            const intervalMs = intervalOf(pod);
            const namespace = pod.metadata.namespace ?? '';
            w = { uid: pod.metadata.uid ?? '', app: appKey(namespace, pod.metadata.labels![APP_LABEL]!), namespace, claims: claimNamesOf(pod), intervalMs, dueMs: nextMultiple(now, intervalMs), volumes: new Map() };
            writers.set(key, w);
          }
          if (w.dueMs <= now) {
            for (const claim of w.claims) await writeOnce(w, claim, now);
            w.dueMs = nextMultiple(now, w.intervalMs);
          }
          nextDue = Math.min(nextDue, w.dueMs);
        }
        return Number.isFinite(nextDue) ? { requeueAfterMs: nextDue - now } : {};
      },
    },
    watches: [
      {
        client,
        kind: POD_KIND,
        // Only labelled Pods are writers; a Pod that loses its label stops like one that is deleted.
        map: (obj, type) => {
          const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
          if (type === 'DELETED' || obj.metadata.labels?.[APP_LABEL] === undefined) {
            writers.delete(key);
            return pods.delete(key) ? [WRITER_TICK] : [];
          }
          pods.set(key, obj as Pod);
          return [WRITER_TICK];
        },
      },
    ],
  };

  async function volumeOf(w: RunningWriter, claim: string): Promise<Volume | Refusal> {
    const known = w.volumes.get(claim);
    if (known) return known;
    const pvcKey = `${w.namespace}/${claim}`;
    const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, { namespace: w.namespace, name: claim }));
    if (!pvc?.spec.volumeName) return { refused: 'not-bound', message: `claim ${pvcKey} is not bound` };
    const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: pvc.spec.volumeName }));
    const csi = pv?.spec.csi;
    if (!csi) return { refused: 'no-volume', message: `volume ${pvc.spec.volumeName} not found` };
    const volume = { driver: csi.driver, handle: csi.volumeHandle };
    w.volumes.set(claim, volume);
    return volume;
  }

  async function writeOnce(w: RunningWriter, claim: string, now: number): Promise<void> {
    const { app } = w;
    const pvcKey = `${w.namespace}/${claim}`;
    const refuse = (reason: string, message: string): void => {
      ledger.recordRefusal({ app, pvc: pvcKey, cluster: deps.cluster, reason, atMs: now });
      deps.trace.emit({ type: 'app.write.refused', app, pvc: pvcKey, cluster: deps.cluster, reason, message });
    };
    const volume = await volumeOf(w, claim);
    if ('refused' in volume) return refuse(volume.refused, volume.message);
    const system = storage.systemFor(deps.cluster, volume.driver);
    if (!system) return refuse('storage-unreachable', `no storage for driver ${volume.driver} on ${deps.cluster}`);
    const writeId = ledger.nextWriteId(app, pvcKey);
    const outcome = storage.write(system.storageId, volume.handle, { app, pvc: pvcKey, writeId, cluster: deps.cluster, atMs: now });
    if (!outcome.ok) return refuse(outcome.reason, outcome.message);
    const image = imageKey(system.storageId, volume.handle);
    ledger.recordAck({ app, pvc: pvcKey, writeId, cluster: deps.cluster, image, atMs: now });
    deps.trace.emit({ type: 'app.write', app, pvc: pvcKey, cluster: deps.cluster, image, writeId });
  }
}

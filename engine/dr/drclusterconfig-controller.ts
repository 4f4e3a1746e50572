// The DRClusterConfig controller (dr-cluster spec §10): exactly one DRClusterConfig per cluster; it
// gets a finalizer and a status listing the DR-labelled storage, snapshot, replication and fence
// classes, which the hub reads to derive peer classes. Any class change enqueues it.

import type { Condition, KindRef, KubeObject } from '../api/meta.js';
import { DRCLUSTERCONFIG_FINALIZER, LABEL_DR_NETWORK, LABEL_DRCLUSTERCONFIG_OWNER, LABEL_GROUP_REPLICATION_ID, LABEL_REPLICATION_ID, LABEL_STORAGE_ID } from '../api/ramen/dr-constants.js';
import { DRCLUSTERCONFIG_CONDITION as C, DRCLUSTERCONFIG_KIND, DRCLUSTERCONFIG_REASON as R } from '../api/ramen/drclusterconfig.js';
import type { DrClusterConfig, DrClusterConfigStatus, NetworkAttachment, StorageAccessDetail } from '../api/ramen/drclusterconfig.js';
import { NetworkFenceClassKind } from '../api/storage/network-fence.js';
import { VolumeGroupReplicationClassKind } from '../api/storage/volume-group-replication.js';
import { VolumeReplicationClassKind } from '../api/storage/volume-replication-class.js';
import { VolumeSnapshotClassKind } from '../api/storage/volume-snapshot.js';
import type { ClusterClient } from '../runtime/client.js';
import { isNotFound } from '../runtime/errors.js';
import type { Clock } from '../runtime/ports.js';
import { rfc3339 } from '../runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result, WatchSpec } from '../runtime/reconcile.js';
import type { TraceSink } from '../runtime/trace-sink.js';
import { STORAGE_CLASS_KIND } from './core-kinds.js';
import { DRCLUSTERCONFIG_BACKOFF, rateLimited } from './rate-limited.js';
import { setStatusCondition, setStatusConditionIfNotFound } from './vrg/conditions.js';
import { jsonEqual } from './vrg/status.js';

export const VOLUME_GROUP_SNAPSHOT_CLASS_KIND: KindRef = { apiVersion: 'groupsnapshot.storage.k8s.io/v1beta1', kind: 'VolumeGroupSnapshotClass' };
export const CSI_ADDONS_NODE_KIND: KindRef = { apiVersion: 'csiaddons.openshift.io/v1alpha1', kind: 'CSIAddonsNode' };
export const NAD_KIND: KindRef = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' };
export const CLUSTER_CLAIM_KIND: KindRef = { apiVersion: 'cluster.open-cluster-management.io/v1alpha1', kind: 'ClusterClaim' };

interface Deps {
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
}

/** Lists a kind, or nothing when the cluster does not serve it (drsim's clusters may omit optional APIs). */
async function listIfServed<T extends KubeObject>(client: ClusterClient, kind: KindRef, what: string): Promise<T[]> {
  if (!(await client.serves(kind).catch(() => false))) return [];
  try {
    return (await client.list<T>(kind)).items;
  } catch (err) {
    throw new Error(`failed to list ${what}, ${err instanceof Error ? err.message : String(err)}`);
  }
}

const namesWithLabel = (items: KubeObject[], label: string): string[] => items.filter((i) => i.metadata.labels?.[label] !== undefined).map((i) => i.metadata.name).sort();

async function computeStatus(client: ClusterClient, status: DrClusterConfigStatus): Promise<void> {
  status.storageClasses = namesWithLabel(await listIfServed(client, STORAGE_CLASS_KIND, 'StorageClasses'), LABEL_STORAGE_ID);
  status.volumeSnapshotClasses = namesWithLabel(await listIfServed(client, VolumeSnapshotClassKind, 'VolumeSnapshotClasses'), LABEL_STORAGE_ID);
  status.volumeReplicationClasses = namesWithLabel(await listIfServed(client, VolumeReplicationClassKind, 'VolumeReplicationClasses'), LABEL_REPLICATION_ID);
  status.volumeGroupReplicationClasses = namesWithLabel(await listIfServed(client, VolumeGroupReplicationClassKind, 'VolumeGroupReplicationClasses'), LABEL_GROUP_REPLICATION_ID);
  status.volumeGroupSnapshotClasses = namesWithLabel(await listIfServed(client, VOLUME_GROUP_SNAPSHOT_CLASS_KIND, 'VolumeGroupSnapshotClasses'), LABEL_STORAGE_ID);
  // NetworkFenceClasses carry the storage id as an annotation, not a label.
  const nfcs = await listIfServed<KubeObject & { spec?: { provisioner?: string } }>(client, NetworkFenceClassKind, 'NetworkFenceClasses');
  const drNfcs = nfcs.filter((n) => n.metadata.annotations?.[LABEL_STORAGE_ID] !== undefined);
  status.networkFenceClasses = drNfcs.map((n) => n.metadata.name).sort();
  const nodes = await listIfServed<KubeObject & { status?: { networkFenceClientStatus?: { networkFenceClassName: string; clientDetails?: { cidrs?: string[] }[] }[] } }>(
    client,
    CSI_ADDONS_NODE_KIND,
    'CSIAddonsNodes',
  );
  const byProvisioner = new Map<string, string[]>();
  for (const node of nodes) {
    for (const cs of node.status?.networkFenceClientStatus ?? []) {
      const nfc = drNfcs.find((n) => n.metadata.name === cs.networkFenceClassName);
      if (!nfc) continue;
      const p = nfc.spec?.provisioner ?? '';
      byProvisioner.set(p, [...(byProvisioner.get(p) ?? []), ...(cs.clientDetails ?? []).flatMap((d) => d.cidrs ?? [])]);
    }
  }
  // Go iterates this map in random order; drsim sorts by provisioner to stay deterministic.
  const details: StorageAccessDetail[] = [...byProvisioner.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([storageProvisioner, cidrs]) => ({ storageProvisioner, cidrs }));
  status.storageAccessDetails = details;
  const nads = await listIfServed<KubeObject & { spec?: { config?: string } }>(client, NAD_KIND, 'NADs');
  const attachments: NetworkAttachment[] = nads
    .filter((n) => n.metadata.labels?.[LABEL_DR_NETWORK] === 'true')
    .map((n) => ({ name: n.metadata.name, namespace: n.metadata.namespace ?? '', cniType: cniTypeOf(n.spec?.config) }))
    .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  status.networkAttachments = attachments;
  // Legacy ClusterClaims Ramen once created are pruned.
  const claims = await listIfServed(client, CLUSTER_CLAIM_KIND, 'ClusterClaims');
  for (const claim of claims.filter((c) => c.metadata.labels?.[LABEL_DRCLUSTERCONFIG_OWNER] === 'ramen')) {
    try {
      await client.delete(CLUSTER_CLAIM_KIND, { name: claim.metadata.name });
    } catch (err) {
      throw new Error(`failed to delete ClusterClaim ${claim.metadata.name}, ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function cniTypeOf(config: string | undefined): string {
  try {
    const parsed = JSON.parse(config ?? '') as { type?: unknown; plugins?: { type?: unknown }[] };
    if (typeof parsed.type === 'string') return parsed.type;
    if (typeof parsed.plugins?.[0]?.type === 'string') return parsed.plugins[0].type;
  } catch {
    // Unparseable configs report "unknown", as Ramen does.
  }
  return 'unknown';
}

function stripEmpty(status: DrClusterConfigStatus): DrClusterConfigStatus {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(status)) if (!(Array.isArray(val) && val.length === 0) && val !== undefined) out[k] = val;
  return out as DrClusterConfigStatus;
}

export function createDrClusterConfigReconciler(deps: Deps): Reconciler {
  return {
    async reconcile(request: Request): Promise<Result> {
      let obj: DrClusterConfig;
      try {
        obj = await deps.client.get<DrClusterConfig>(DRCLUSTERCONFIG_KIND, { name: request.name });
      } catch (err) {
        if (isNotFound(err)) return {};
        throw new Error(`get: ${err instanceof Error ? err.message : String(err)}`);
      }
      const all = (await deps.client.list<DrClusterConfig>(DRCLUSTERCONFIG_KIND)).items;
      if (all.length === 0) throw new Error('failed to find DRClusterConfig');
      if (all.length > 1) throw new Error('multiple DRClusterConfigs found');
      const saved = structuredClone(obj.status ?? {});
      const status: DrClusterConfigStatus = structuredClone(obj.status ?? {});
      const now = rfc3339(deps.clock.nowMs());
      const gen = obj.metadata.generation ?? 0;
      const conditions: Condition[] = status.conditions ?? [];
      if (status.conditions === undefined) {
        for (const type of [C.Processed, C.Reachable]) {
          setStatusConditionIfNotFound(conditions, { type, status: 'Unknown', reason: R.Initializing, message: 'Initializing DRClusterConfig', observedGeneration: gen }, now);
        }
      }
      status.conditions = conditions;
      if (obj.metadata.deletionTimestamp !== undefined) {
        const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== DRCLUSTERCONFIG_FINALIZER);
        if (finalizers.length !== (obj.metadata.finalizers ?? []).length) await deps.client.update({ ...obj, metadata: { ...obj.metadata, finalizers } });
        return {};
      }
      let result: Result = {};
      let failure: Error | undefined;
      try {
        if (!(obj.metadata.finalizers ?? []).includes(DRCLUSTERCONFIG_FINALIZER)) {
          const updated = await deps.client.update({ ...obj, metadata: { ...obj.metadata, finalizers: [...(obj.metadata.finalizers ?? []), DRCLUSTERCONFIG_FINALIZER] } });
          obj = { ...updated, status: obj.status };
        }
        await computeStatus(deps.client, status);
        setStatusCondition(conditions, { type: C.Processed, status: 'True', reason: R.Succeeded, message: 'Configuration processed and validated', observedGeneration: gen }, now);
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
        setStatusCondition(conditions, { type: C.Processed, status: 'False', reason: R.Failed, message: failure.message, observedGeneration: gen }, now);
        result = { requeue: true };
      }
      const next = stripEmpty(status);
      if (!jsonEqual(stripEmpty(saved), next)) {
        try {
          await deps.client.updateStatus({ ...obj, status: next });
        } catch (err) {
          deps.trace.emit({ type: 'dr.drclusterconfig.status-failed', name: obj.metadata.name, error: err instanceof Error ? err.message : String(err) });
        }
      }
      if (failure) throw failure;
      return result;
    },
  };
}

export function drClusterConfigControllerSpec(deps: Deps): ControllerSpec {
  // Every class change enqueues the single DRClusterConfig; the reconciler finds which one that is.
  const toConfigs = (): Request[] => [...known].map((name) => ({ name }));
  const known = new Set<string>();
  const classWatch = (kind: KindRef): WatchSpec => ({ client: deps.client, kind, map: toConfigs });
  return {
    name: 'drclusterconfig',
    reconciler: rateLimited(createDrClusterConfigReconciler(deps), DRCLUSTERCONFIG_BACKOFF, deps.trace, 'drclusterconfig'),
    watches: [
      {
        client: deps.client,
        kind: DRCLUSTERCONFIG_KIND,
        map: (obj, type) => {
          if (type === 'DELETED') known.delete(obj.metadata.name);
          else known.add(obj.metadata.name);
          return [{ name: obj.metadata.name }];
        },
      },
      classWatch(STORAGE_CLASS_KIND),
      classWatch(VolumeSnapshotClassKind),
      classWatch(VolumeReplicationClassKind),
      classWatch(VolumeGroupReplicationClassKind),
      classWatch(NetworkFenceClassKind),
    ],
  };
}

// The VolSync data path (dr-cluster spec §6.2-§6.4) for PVCs without a matching replication class: as
// Primary a ReplicationSource per PVC pushes scheduled snapshots to the peer; as Secondary a
// ReplicationDestination per rdSpec entry receives them; a new Primary restores each PVC from its
// destination's latest image; a relocation runs one final sync first. Consistency groups
// (ReplicationGroupSource/Destination), mount jobs, rollback of Direct copies on failover and the
// pruning of older snapshots are not modeled (docs/fidelity-dr-cluster.md).

import type { KubeObject, OwnerReference } from '../../api/meta.js';
import {
  ANN_IS_SUBMARINER_ENABLED,
  ANN_MANAGED_ANNOTATION_KEYS,
  ANN_VOLSYNC_COPY_TRIGGER,
  ANN_VOLSYNC_COPY_TRIGGER_STOPPED,
  ANN_VOLSYNC_RETAINED,
  ANN_RETAINED_VALUE,
  ANN_VSC_IS_DEFAULT_CLASS,
  LABEL_CONSISTENCY_GROUP,
  LABEL_CREATED_BY_RAMEN,
  LABEL_OWNER_NAME,
  LABEL_OWNER_NAMESPACE_NAME,
  LABEL_STORAGE_ID,
  LABEL_VELERO_EXCLUDE_FROM_BACKUP,
  LABEL_VOLSYNC_DO_NOT_DELETE,
  LABEL_VOLSYNC_OWNER,
  LABEL_VOLSYNC_OWNER_NAMESPACE,
  PVC_VOLSYNC_PROTECTION_FINALIZER,
  VOLSYNC_DEFAULT_CRON,
  VOLSYNC_FINAL_SYNC_TRIGGER,
  VOLSYNC_PREPARE_TRIGGER,
} from '../../api/ramen/dr-constants.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { ProtectedPvc, VolSyncReplicationDestinationSpec, VolSyncReplicationSourceSpec } from '../../api/ramen/vrg.js';
import { ServiceExportKind } from '../../api/storage/service-export.js';
import { ReplicationDestinationKind, ReplicationSourceKind } from '../../api/storage/volsync.js';
import type { ReplicationDestination, ReplicationSource } from '../../api/storage/volsync.js';
import { VolumeSnapshotClassKind, VolumeSnapshotKind } from '../../api/storage/volume-snapshot.js';
import { isAlreadyExists, isNotFound } from '../../runtime/errors.js';
import { POD_KIND, PVC_KIND, SECRET_KIND } from '../core-kinds.js';
import type { Pod, Pv, Pvc, StorageClass } from '../core-kinds.js';
import { findCondition, setStatusCondition } from './conditions.js';
import { parseQuantity, pruneAnnotations } from './cluster-data.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { isAdminNamespaceVrg } from './admin-namespace.js';
import { addFinalizerTo, hasFinalizer, pvOfPvc, removeFinalizerFrom, updateInPlace } from './kube-updates.js';
import { storageClassNamed } from './pvc-selector.js';
import { isPvAttached } from './volrep.js';

export const WORKLOAD_ACTIVE = 'active';
const JOB_KIND = { apiVersion: 'batch/v1', kind: 'Job' };
const RSYNC_TLS_DST_SERVICE_PREFIX = 'volsync-rsync-tls-dst-';
const RSYNC_TLS_SRC_JOB_PREFIX = 'volsync-rsync-tls-src-';
const TMP_PVC_SUFFIX = '-for-finalsync';
const OCM_ANNOTATION_PREFIX = 'apps.open-cluster-management.io';

// Names.

const CRC_TABLE = ((): number[] => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
})();

/** CRC-32 (IEEE) as 8 lower-case hex digits, Ramen's way to shorten generated names. */
export function crc32Hex(text: string): string {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return ((crc ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

/** `prefix + name`, or `prefix + crc32hex(name)` when that exceeds 63 characters. */
export function shortenedName(prefix: string, name: string): string {
  return (prefix + name).length > 63 ? prefix + crc32Hex(name) : prefix + name;
}

export const pskSecretNameOf = (vrgName: string): string => `${vrgName}-vs-secret`;
export const rdServiceNameOf = (rdName: string): string => shortenedName(RSYNC_TLS_DST_SERVICE_PREFIX, rdName);
export const remoteServiceAddressOf = (pvcName: string, namespace: string): string => `${rdServiceNameOf(pvcName)}.${namespace}.svc.clusterset.local`;
export const tmpPvcNameOf = (pvcName: string): string => `${pvcName}${TMP_PVC_SUFFIX}`;

/** Ramen's ConvertSchedulingIntervalToCronSpec (days capped at 28). */
export function cronSpecOf(schedulingInterval: string | undefined): string {
  if (!schedulingInterval) return VOLSYNC_DEFAULT_CRON;
  const unit = schedulingInterval.slice(-1).toLowerCase();
  let num = schedulingInterval.slice(0, -1);
  if (!/^\d+$/.test(num)) throw new Error(`scheduling interval prefix ${num} cannot be convered to an int value`);
  if (unit === 'm') return `*/${num} * * * *`;
  if (unit === 'h') return `0 */${num} * * *`;
  if (unit === 'd') {
    if (Number(num) > 28) num = '28';
    return `0 0 */${num} * *`;
  }
  throw new Error(`scheduling interval ${schedulingInterval} is invalid. Unable to parse m/h/d`);
}

// Helpers.

function volSyncOwnerLabels(v: VrgInstance): Record<string, string> {
  return { [LABEL_VOLSYNC_OWNER]: v.vrg.metadata.name, [LABEL_VOLSYNC_OWNER_NAMESPACE]: v.vrg.metadata.namespace ?? '' };
}

export function isSubmarinerEnabled(v: VrgInstance): boolean {
  return v.vrg.metadata.annotations?.[ANN_IS_SUBMARINER_ENABLED] !== 'false';
}

function copyMethodDirect(v: VrgInstance): boolean {
  return (v.ramenConfig.volSync?.destinationCopyMethod || 'Snapshot') === 'Direct';
}

function vrgOwnerRef(v: VrgInstance): OwnerReference {
  return { apiVersion: v.vrg.apiVersion, kind: v.vrg.kind, name: v.vrg.metadata.name, uid: v.vrg.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}

function setCond(entry: ProtectedPvc, v: VrgInstance, type: string, status: 'True' | 'False', reason: string, message: string): void {
  entry.conditions ??= [];
  setStatusCondition(entry.conditions, { type, status, reason, message, observedGeneration: v.generation }, v.now());
}

async function listOwned<T extends KubeObject>(v: VrgInstance, kind: { apiVersion: string; kind: string }, namespace?: string): Promise<T[]> {
  const opts = { labelSelector: { matchLabels: volSyncOwnerLabels(v) }, ...(namespace === undefined ? {} : { namespace }) };
  try {
    return (await v.client.list<T>(kind, opts)).items;
  } catch (err) {
    throw new Error(`error listing by label (${errorMessage(err)})`);
  }
}

async function deleteIgnoringNotFound(v: VrgInstance, kind: { apiVersion: string; kind: string }, namespace: string, name: string): Promise<void> {
  try {
    await v.client.delete(kind, { namespace, name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Ramen's DeleteRS: errors are only logged. */
async function deleteOwnedRs(v: VrgInstance, pvcName: string, namespace: string): Promise<void> {
  for (const rs of await listOwned<ReplicationSource>(v, ReplicationSourceKind, namespace)) {
    if (rs.metadata.name !== pvcName) continue;
    await deleteIgnoringNotFound(v, ReplicationSourceKind, namespace, rs.metadata.name).catch((err: unknown) => v.log('Error cleaning up ReplicationSource', { error: errorMessage(err) }));
  }
}

async function deleteOwnedRd(v: VrgInstance, pvcName: string, namespace: string): Promise<void> {
  for (const rd of await listOwned<ReplicationDestination>(v, ReplicationDestinationKind, namespace)) {
    if (rd.metadata.name === pvcName) await deleteIgnoringNotFound(v, ReplicationDestinationKind, namespace, rd.metadata.name);
  }
}

async function deleteOwnedSnapshots(v: VrgInstance, namespace: string): Promise<void> {
  for (const snap of await listOwned(v, VolumeSnapshotKind, namespace)) await deleteIgnoringNotFound(v, VolumeSnapshotKind, namespace, snap.metadata.name);
}

/** Ramen's getVolumeSnapshotClassFromPVCStorageClass. */
async function volumeSnapshotClassFor(v: VrgInstance, sc: StorageClass): Promise<string> {
  const selector = v.vrg.spec.async?.volumeSnapshotClassSelector;
  let classes: (KubeObject & { driver?: string })[];
  try {
    classes = (await v.client.list<KubeObject & { driver?: string }>(VolumeSnapshotClassKind, selector ? { labelSelector: selector } : {})).items;
  } catch (err) {
    throw new Error(`error listing volumesnapshotclasses (${errorMessage(err)})`);
  }
  let matched = '';
  for (const c of classes) {
    const sid = c.metadata.labels?.[LABEL_STORAGE_ID] ?? '';
    if (sid !== '' && sid !== (sc.metadata.labels?.[LABEL_STORAGE_ID] ?? '')) continue;
    if (c.driver === sc.provisioner && (matched === '' || c.metadata.annotations?.[ANN_VSC_IS_DEFAULT_CLASS] === 'true')) matched = c.metadata.name;
  }
  if (matched === '') throw new Error(`unable to find matching volumesnapshotclass for storage provisioner ${sc.provisioner}`);
  return matched;
}

async function storageClassOfEntry(v: VrgInstance, entry: ProtectedPvc): Promise<StorageClass> {
  if (!entry.storageClassName) throw new Error('no storageClassName given, cannot proceed');
  return storageClassNamed(v, entry.storageClassName).catch((err: unknown) => {
    throw new Error(`error getting storage class (${errorMessage(err)})`);
  });
}

/** The PSK secret must exist in the VRG namespace; the VRG becomes one of its owners. */
async function ensurePskSecret(v: VrgInstance): Promise<boolean> {
  const name = pskSecretNameOf(v.vrg.metadata.name);
  let secret: KubeObject;
  try {
    secret = await v.client.get(SECRET_KIND, { namespace: v.vrg.metadata.namespace ?? '', name });
  } catch (err) {
    if (isNotFound(err)) return false;
    throw new Error(`error getting secret (${errorMessage(err)})`);
  }
  const refs = secret.metadata.ownerReferences ?? [];
  if (!refs.some((r) => r.uid === v.vrg.metadata.uid)) {
    secret.metadata.ownerReferences = [...refs, { apiVersion: v.vrg.apiVersion, kind: v.vrg.kind, name: v.vrg.metadata.name, uid: v.vrg.metadata.uid ?? '' }];
    await v.client.update(secret);
  }
  return true;
}

/** A PVC mounted by a Pod (other than VolSync's own movers) or attached to a node. */
async function pvcMounted(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  const pods = (await v.client.list<Pod>(POD_KIND, { namespace: pvc.metadata.namespace ?? '' })).items;
  const byPod = pods.some((p) => p.metadata.labels?.['app.kubernetes.io/created-by'] !== 'volsync' && (p.spec?.volumes ?? []).some((vol) => vol.persistentVolumeClaim?.claimName === pvc.metadata.name));
  return byPod || (await isPvAttached(v, pvc));
}

async function retainPvForVolSync(v: VrgInstance, pvc: Pvc): Promise<void> {
  const pv = await pvOfPvc(v, pvc);
  if (pv.spec.persistentVolumeReclaimPolicy === 'Retain') return;
  pv.spec.persistentVolumeReclaimPolicy = 'Retain';
  pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_VOLSYNC_RETAINED]: ANN_RETAINED_VALUE };
  await v.client.update(pv);
}

async function undoPvRetentionForVolSync(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (!pvc.spec.volumeName) return;
  let pv: Pv;
  try {
    pv = await pvOfPvc(v, pvc);
  } catch {
    return;
  }
  if (pv.metadata.annotations?.[ANN_VOLSYNC_RETAINED] !== ANN_RETAINED_VALUE) return;
  pv.spec.persistentVolumeReclaimPolicy = 'Delete';
  delete pv.metadata.annotations[ANN_VOLSYNC_RETAINED];
  await v.client.update(pv);
}

// Primary.

function buildEntry(v: VrgInstance, pvc: Pvc): ProtectedPvc {
  const fresh: ProtectedPvc = {
    name: pvc.metadata.name,
    namespace: pvc.metadata.namespace ?? '',
    protectedByVolSync: true,
    ...(pvc.spec.storageClassName !== undefined ? { storageClassName: pvc.spec.storageClassName } : {}),
    annotations: pruneAnnotations(pvc.metadata.annotations),
    ...(pvc.metadata.labels !== undefined ? { labels: { ...pvc.metadata.labels } } : {}),
    ...(pvc.spec.accessModes !== undefined ? { accessModes: [...pvc.spec.accessModes] } : {}),
    ...(pvc.spec.resources !== undefined ? { resources: structuredClone(pvc.spec.resources) } : {}),
    ...(pvc.spec.volumeMode !== undefined ? { volumeMode: pvc.spec.volumeMode } : {}),
  };
  const existing = v.findProtectedPvc(fresh.namespace!, fresh.name!);
  if (!existing) {
    v.status.protectedPVCs.push(fresh);
    return v.status.protectedPVCs[v.status.protectedPVCs.length - 1]!;
  }
  const keep = { conditions: existing.conditions, lastSyncTime: existing.lastSyncTime, lastSyncDuration: existing.lastSyncDuration, lastSyncBytes: existing.lastSyncBytes };
  for (const k of Object.keys(existing) as (keyof ProtectedPvc)[]) delete existing[k];
  Object.assign(existing, fresh);
  for (const [k, val] of Object.entries(keep)) if (val !== undefined) (existing as Record<string, unknown>)[k] = val;
  return existing;
}

async function stripPvcOwnerReferences(v: VrgInstance, pvc: Pvc): Promise<void> {
  const refs = pvc.metadata.ownerReferences ?? [];
  const kept = refs.filter((r) => !['VolumeReplicationGroup', 'ReplicationSource', 'ReplicationDestination'].includes(r.kind));
  if (kept.length === refs.length) return;
  pvc.metadata.ownerReferences = kept;
  await updateInPlace(v, pvc);
}

/** Ramen's prepareForFinalSync for one PVC: stop scheduling once no mover job is running. */
async function prepareForFinalSync(v: VrgInstance, pvc: Pvc): Promise<void> {
  const ns = pvc.metadata.namespace ?? '';
  if (await v.client.serves(JOB_KIND).catch(() => false)) {
    const job = await v.client.get(JOB_KIND, { namespace: ns, name: shortenedName(RSYNC_TLS_SRC_JOB_PREFIX, pvc.metadata.name) }).catch(() => undefined);
    if (job) throw new Error('waiting for an active job to complete');
  }
  if (pvc.metadata.annotations?.[ANN_VOLSYNC_COPY_TRIGGER] !== ANN_VOLSYNC_COPY_TRIGGER_STOPPED) {
    pvc.metadata.annotations = { ...(pvc.metadata.annotations ?? {}), [ANN_VOLSYNC_COPY_TRIGGER]: ANN_VOLSYNC_COPY_TRIGGER_STOPPED };
    await updateInPlace(v, pvc);
  }
  const rs = await v.client.get<ReplicationSource>(ReplicationSourceKind, { namespace: ns, name: pvc.metadata.name }).catch(() => undefined);
  if (rs && rs.spec.trigger?.manual !== VOLSYNC_PREPARE_TRIGGER) {
    rs.spec.trigger = { manual: VOLSYNC_PREPARE_TRIGGER };
    await v.client.update(rs);
  }
  if (addFinalizerTo(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER)) await updateInPlace(v, pvc);
}

/** The PV of the final-synced PVC is re-pointed to a temporary PVC, which the final sync reads. */
async function setupTmpPvcForFinalSync(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  const ns = pvc.metadata.namespace ?? '';
  const tmpName = tmpPvcNameOf(pvc.metadata.name);
  const existing = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name: tmpName }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (existing) {
    if (existing.status?.phase === 'Lost' && existing.metadata.annotations?.['pv.kubernetes.io/bind-completed'] !== undefined) {
      delete existing.metadata.annotations['pv.kubernetes.io/bind-completed'];
      await v.client.update(existing);
    }
    return false;
  }
  const pv = await pvOfPvc(v, pvc);
  pv.metadata.annotations = { ...(pv.metadata.annotations ?? {}), [ANN_VOLSYNC_RETAINED]: ANN_RETAINED_VALUE };
  if (!(pv.spec.persistentVolumeReclaimPolicy === 'Retain' && pv.spec.claimRef?.name === tmpName && pv.spec.claimRef.namespace === ns)) {
    pv.spec.persistentVolumeReclaimPolicy = 'Retain';
    pv.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: ns, name: tmpName };
  }
  await v.client.update(pv);
  const labels: Record<string, string> = { [LABEL_CREATED_BY_RAMEN]: 'true' };
  const cg = pvc.metadata.labels?.[LABEL_CONSISTENCY_GROUP];
  if (cg !== undefined) labels[LABEL_CONSISTENCY_GROUP] = cg;
  await v.client.create<Pvc>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: tmpName, namespace: ns, labels, annotations: {} }, spec: structuredClone(pvc.spec) });
  return true;
}

/** Ramen's UndoAfterFinalSync: the temporary PVC goes, the PV returns to the original claim. */
async function undoAfterFinalSync(v: VrgInstance, pvcName: string, ns: string): Promise<void> {
  await deleteIgnoringNotFound(v, JOB_KIND, ns, shortenedName('volsync-pvc-mount-', tmpPvcNameOf(pvcName))).catch(() => undefined);
  await deleteIgnoringNotFound(v, PVC_KIND, ns, tmpPvcNameOf(pvcName));
  const original = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name: pvcName }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (!original) return;
  const pv = await pvOfPvc(v, original);
  pv.spec.claimRef = { kind: 'PersistentVolumeClaim', namespace: ns, name: pvcName };
  pv.spec.persistentVolumeReclaimPolicy = 'Delete';
  if (pv.metadata.annotations) delete pv.metadata.annotations[ANN_VOLSYNC_RETAINED];
  await v.client.update(pv);
  if (removeFinalizerFrom(original, PVC_VOLSYNC_PROTECTION_FINALIZER)) await v.client.update(original);
}

/** Ramen's ReconcileRS; returns whether the final sync completed, and the RS (undefined = requeue). */
async function reconcileRs(v: VrgInstance, rsSpec: VolSyncReplicationSourceSpec, pvc: Pvc): Promise<{ finalSyncComplete: boolean; rs?: ReplicationSource }> {
  const entry = rsSpec.protectedPVC!;
  const ns = entry.namespace ?? '';
  const name = entry.name ?? '';
  const runFinalSync = v.vrg.spec.runFinalSync === true;
  if (!(await ensurePskSecret(v))) return { finalSyncComplete: false };
  // An RD of the same PVC goes first, so the new RS never syncs back into a local destination.
  await deleteOwnedRd(v, name, ns);
  if (runFinalSync && (await pvcMounted(v, pvc))) {
    v.volSyncWorkloadActive = true;
    const existing = await v.client.get<ReplicationSource>(ReplicationSourceKind, { namespace: ns, name }).catch(() => undefined);
    return { finalSyncComplete: false, ...(existing ? { rs: existing } : {}) };
  }
  const sc = await storageClassOfEntry(v, entry);
  const cephfs = (v.ramenConfig.volSync?.cephFSCSIDriverName || 'openshift-storage.cephfs.csi.ceph.com') === sc.provisioner;
  const vscName = await volumeSnapshotClassFor(v, sc);
  const address = isSubmarinerEnabled(v) ? remoteServiceAddressOf(name, ns) : rsSpec.rsyncTLS?.address;
  if (address === undefined) throw new Error(`rsSpec.RsyncTLS is nil for PVC ${name}`);
  const existing = await v.client.get<ReplicationSource>(ReplicationSourceKind, { namespace: ns, name }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (existing) {
    // Trigger guard: while prepared for a final sync that has not been ordered, the RS is left alone.
    if (!runFinalSync && existing.spec.trigger?.manual === VOLSYNC_PREPARE_TRIGGER) return { finalSyncComplete: false };
    if (runFinalSync) {
      if (pvc.metadata.deletionTimestamp === undefined) return { finalSyncComplete: false };
      if (existing.spec.trigger?.manual === VOLSYNC_PREPARE_TRIGGER && (await setupTmpPvcForFinalSync(v, pvc))) return { finalSyncComplete: false };
    }
  }
  const spec: ReplicationSource['spec'] = {
    sourcePVC: runFinalSync ? tmpPvcNameOf(name) : name,
    trigger: runFinalSync ? { manual: VOLSYNC_FINAL_SYNC_TRIGGER } : { schedule: cronSpecOf(v.vrg.spec.async?.schedulingInterval) },
    ...(runFinalSync ? { paused: false } : existing?.spec.paused !== undefined ? { paused: existing.spec.paused } : {}),
    rsyncTLS: {
      keySecret: pskSecretNameOf(v.vrg.metadata.name),
      address,
      copyMethod: 'Snapshot',
      volumeSnapshotClassName: vscName,
      ...(entry.storageClassName !== undefined ? { storageClassName: entry.storageClassName } : {}),
      ...(cephfs ? { accessModes: ['ReadOnlyMany'] } : entry.accessModes !== undefined ? { accessModes: entry.accessModes } : {}),
    },
  };
  const labels = { ...(existing?.metadata.labels ?? {}), [LABEL_CREATED_BY_RAMEN]: 'true', ...volSyncOwnerLabels(v) };
  let rs: ReplicationSource;
  if (existing) {
    rs = await v.client.update<ReplicationSource>({ ...existing, metadata: { ...existing.metadata, labels }, spec: { ...existing.spec, ...spec } });
  } else {
    rs = await v.client.create<ReplicationSource>({
      apiVersion: ReplicationSourceKind.apiVersion,
      kind: ReplicationSourceKind.kind,
      metadata: { name, namespace: ns, labels, ...(isAdminNamespaceVrg(v) ? {} : { ownerReferences: [vrgOwnerRef(v)] }) },
      spec,
    });
  }
  if (runFinalSync && rs.status?.lastManualSync === VOLSYNC_FINAL_SYNC_TRIGGER) {
    await undoAfterFinalSync(v, name, ns);
    if (!copyMethodDirect(v)) await deleteIgnoringNotFound(v, PVC_KIND, ns, name);
    return { finalSyncComplete: true, rs };
  }
  return { finalSyncComplete: false, rs };
}

async function cleanupRdNotInSpecList(v: VrgInstance): Promise<void> {
  const rdSpec = v.vrg.spec.volSync?.rdSpec ?? [];
  for (const rd of await listOwned<ReplicationDestination>(v, ReplicationDestinationKind)) {
    const inSpec = rdSpec.some((s) => s.protectedPVC?.name === rd.metadata.name && s.protectedPVC?.namespace === rd.metadata.namespace);
    if (inSpec || rd.metadata.labels?.[LABEL_VOLSYNC_DO_NOT_DELETE] === 'true') continue;
    const ns = rd.metadata.namespace ?? '';
    await deleteIgnoringNotFound(v, ReplicationDestinationKind, ns, rd.metadata.name).catch((err: unknown) => v.log('Error cleaning up ReplicationDestination', { error: errorMessage(err) }));
    if (v.isSecondary) await deleteIgnoringNotFound(v, PVC_KIND, ns, rd.metadata.name);
  }
}

function rsSpecForPvc(v: VrgInstance, entry: ProtectedPvc): VolSyncReplicationSourceSpec | undefined {
  if (isSubmarinerEnabled(v)) return { protectedPVC: entry };
  return (v.vrg.spec.volSync?.rsSpec ?? []).find((s) => s.protectedPVC?.name === entry.name && s.protectedPVC?.namespace === entry.namespace);
}

/** Ramen's reconcilePVCAsVolSyncPrimary; returns whether to requeue and whether final sync is prepared. */
async function reconcilePvcAsVolSyncPrimary(v: VrgInstance, pvc: Pvc): Promise<{ requeue: boolean; prepared: boolean }> {
  if (pvc.metadata.deletionTimestamp !== undefined && v.isPrimary && !v.finalSyncInProgress) {
    await pvcUnprotectVolSync(v, pvc);
    return { requeue: false, prepared: false };
  }
  const entry = buildEntry(v, pvc);
  try {
    const fin = addFinalizerTo(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER);
    const labels = pvc.metadata.labels ?? {};
    const needLabels = labels[LABEL_OWNER_NAMESPACE_NAME] !== v.vrg.metadata.namespace || labels[LABEL_OWNER_NAME] !== v.vrg.metadata.name;
    if (fin || needLabels) {
      pvc.metadata.labels = { ...labels, [LABEL_OWNER_NAMESPACE_NAME]: v.vrg.metadata.namespace ?? '', [LABEL_OWNER_NAME]: v.vrg.metadata.name };
      await updateInPlace(v, pvc);
    }
  } catch {
    return { requeue: true, prepared: false };
  }
  const rsSpec = rsSpecForPvc(v, entry);
  if (!rsSpec) return { requeue: true, prepared: false };
  try {
    if (v.vrg.spec.prepareForFinalSync) await prepareForFinalSync(v, pvc);
    await retainPvForVolSync(v, pvc);
    await stripPvcOwnerReferences(v, pvc);
  } catch (err) {
    v.log('VolSync PVC preparation failed', { pvc: pvc.metadata.name, error: errorMessage(err) });
    return { requeue: true, prepared: false };
  }
  let out: { finalSyncComplete: boolean; rs?: ReplicationSource };
  try {
    out = await reconcileRs(v, rsSpec, pvc);
  } catch (err) {
    v.log('Failed to reconcile VolSync Replication Source', { pvc: pvc.metadata.name, error: errorMessage(err) });
    setCond(entry, v, T.ReplicationSourceSetup, 'False', R.Error, 'VolSync setup failed');
    return { requeue: true, prepared: true };
  }
  if (!out.rs) return { requeue: true, prepared: true };
  setCond(entry, v, T.ReplicationSourceSetup, 'True', R.SourceInitialized, 'Ready');
  if (out.rs.status?.lastSyncTime !== undefined) entry.lastSyncTime = out.rs.status.lastSyncTime;
  else delete entry.lastSyncTime;
  if (out.rs.status?.lastSyncDuration !== undefined) entry.lastSyncDuration = out.rs.status.lastSyncDuration;
  else delete entry.lastSyncDuration;
  if (out.rs.status?.lastSyncTime) v.volSyncRsSynced.add(`${entry.namespace ?? ''}/${entry.name ?? ''}`);
  return { requeue: v.vrg.spec.runFinalSync === true && !out.finalSyncComplete, prepared: true };
}

/** Ramen's reconcileVolSyncAsPrimary; returns whether to requeue and whether final sync is prepared. */
export async function reconcileVolSyncAsPrimary(v: VrgInstance): Promise<{ requeue: boolean; finalSyncPrepared: boolean }> {
  if (v.volSyncPVCs.length === 0) {
    v.vrg.status.finalSyncComplete = v.vrg.spec.runFinalSync === true;
    return { requeue: false, finalSyncPrepared: true };
  }
  try {
    await cleanupRdNotInSpecList(v);
  } catch {
    return { requeue: true, finalSyncPrepared: false };
  }
  let requeue = false;
  let prepared = true;
  for (const pvc of v.volSyncPVCs) {
    const out = await reconcilePvcAsVolSyncPrimary(v, pvc);
    if (out.requeue) requeue = true;
    if (prepared) prepared = out.prepared;
  }
  if (requeue) return { requeue, finalSyncPrepared: prepared };
  v.vrg.status.finalSyncComplete = v.vrg.spec.runFinalSync === true;
  return { requeue: false, finalSyncPrepared: prepared };
}

// Secondary.

async function ensurePvcForDirectCopy(v: VrgInstance, entry: ProtectedPvc): Promise<void> {
  if ((entry.accessModes ?? []).length === 0) throw new Error(`accessModes must be provided for PVC ${entry.namespace ?? ''}/${entry.name ?? ''}`);
  const ns = entry.namespace ?? '';
  const name = entry.name ?? '';
  const existing = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  const labels = { ...(existing?.metadata.labels ?? {}), ...(entry.labels ?? {}) };
  const annotations = { ...(existing?.metadata.annotations ?? {}) };
  for (const k of Object.keys(annotations)) if (k.startsWith(OCM_ANNOTATION_PREFIX)) delete annotations[k];
  Object.assign(annotations, Object.fromEntries(Object.entries(entry.annotations ?? {}).filter(([k]) => !k.startsWith(OCM_ANNOTATION_PREFIX))));
  let pvc: Pvc;
  if (!existing) {
    pvc = await v.client.create<Pvc>({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: ns, labels, annotations },
      spec: {
        accessModes: [...(entry.accessModes ?? [])],
        ...(entry.storageClassName !== undefined ? { storageClassName: entry.storageClassName } : {}),
        volumeMode: entry.volumeMode ?? 'Filesystem',
        resources: { requests: { ...(entry.resources?.requests ?? {}) } },
      },
    });
  } else {
    pvc = await v.client.update<Pvc>({ ...existing, metadata: { ...existing.metadata, labels, annotations }, spec: { ...existing.spec, resources: { ...(existing.spec.resources ?? {}), requests: { ...(entry.resources?.requests ?? {}) } } } });
  }
  await stripPvcOwnerReferences(v, pvc);
  if (pvc.spec.volumeName) await retainPvForVolSync(v, pvc);
}

async function reconcileServiceExport(v: VrgInstance, rd: ReplicationDestination): Promise<void> {
  const name = rdServiceNameOf(rd.metadata.name);
  const ns = rd.metadata.namespace ?? '';
  const labels = { [LABEL_CREATED_BY_RAMEN]: 'true', [LABEL_VELERO_EXCLUDE_FROM_BACKUP]: 'true' };
  const owner: OwnerReference = { apiVersion: rd.apiVersion, kind: rd.kind, name: rd.metadata.name, uid: rd.metadata.uid ?? '' };
  try {
    const existing = await v.client.get(ServiceExportKind, { namespace: ns, name });
    const refs = existing.metadata.ownerReferences ?? [];
    const needs = Object.entries(labels).some(([k, val]) => existing.metadata.labels?.[k] !== val) || !refs.some((r) => r.uid === owner.uid);
    if (needs) await v.client.update({ ...existing, metadata: { ...existing.metadata, labels: { ...(existing.metadata.labels ?? {}), ...labels }, ownerReferences: refs.some((r) => r.uid === owner.uid) ? refs : [...refs, owner] } });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`error creating or updating ServiceExport (${errorMessage(err)})`);
    try {
      await v.client.create({ apiVersion: ServiceExportKind.apiVersion, kind: ServiceExportKind.kind, metadata: { name, namespace: ns, labels, ownerReferences: [owner] } });
    } catch (createErr) {
      if (!isAlreadyExists(createErr)) throw new Error(`error creating or updating ServiceExport (${errorMessage(createErr)})`);
    }
  }
}

/** Ramen's ReconcileRD; returns the RD when ready (address known), undefined otherwise. */
async function reconcileRd(v: VrgInstance, rdSpec: VolSyncReplicationDestinationSpec): Promise<ReplicationDestination | undefined> {
  const entry = rdSpec.protectedPVC ?? {};
  const ns = entry.namespace ?? '';
  const name = entry.name ?? '';
  if (!entry.protectedByVolSync) throw new Error(`protectedPVC ${name} is not VolSync Enabled`);
  if (!(await ensurePskSecret(v))) throw new Error(`psk secret: ${pskSecretNameOf(v.vrg.metadata.name)} is not found`);
  await deleteOwnedRs(v, name, ns);
  let destinationPvc: string | undefined;
  if (copyMethodDirect(v)) {
    await ensurePvcForDirectCopy(v, entry);
    const rdExists = await v.client.get(ReplicationDestinationKind, { namespace: ns, name }).then(
      () => true,
      () => false,
    );
    const pvc = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name });
    if (!rdExists && (await pvcMounted(v, pvc))) {
      v.volSyncWorkloadActive = true;
      throw new Error(`pvc ${ns}/${name} is mounted by others. Checking later`);
    }
    destinationPvc = name;
  }
  const sc = await storageClassOfEntry(v, entry);
  const vscName = await volumeSnapshotClassFor(v, sc);
  const spec: ReplicationDestination['spec'] = {
    rsyncTLS: {
      serviceType: isSubmarinerEnabled(v) ? 'ClusterIP' : 'LoadBalancer',
      keySecret: pskSecretNameOf(v.vrg.metadata.name),
      copyMethod: 'Snapshot',
      ...(entry.resources?.requests?.['storage'] !== undefined ? { capacity: entry.resources.requests['storage'] } : {}),
      ...(entry.storageClassName !== undefined ? { storageClassName: entry.storageClassName } : {}),
      accessModes: (entry.accessModes ?? []).length > 0 ? [...entry.accessModes!] : ['ReadWriteOnce'],
      volumeSnapshotClassName: vscName,
      ...(destinationPvc !== undefined ? { destinationPVC: destinationPvc } : {}),
    },
  };
  const labels = { [LABEL_CREATED_BY_RAMEN]: 'true', ...volSyncOwnerLabels(v) };
  const annotations = { 'ramendr.openshift.io/owner-name': v.vrg.metadata.name, 'ramendr.openshift.io/owner-namespace': v.vrg.metadata.namespace ?? '' };
  const existing = await v.client.get<ReplicationDestination>(ReplicationDestinationKind, { namespace: ns, name }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  const rd = existing
    ? await v.client.update<ReplicationDestination>({
        ...existing,
        metadata: { ...existing.metadata, labels: { ...(existing.metadata.labels ?? {}), ...labels }, annotations: { ...(existing.metadata.annotations ?? {}), ...annotations } },
        spec: { ...existing.spec, ...spec },
      })
    : await v.client.create<ReplicationDestination>({ apiVersion: ReplicationDestinationKind.apiVersion, kind: ReplicationDestinationKind.kind, metadata: { name, namespace: ns, labels, annotations }, spec });
  await reconcileServiceExport(v, rd);
  if (!rd.status?.rsyncTLS?.address) return undefined;
  if (!isSubmarinerEnabled(v)) {
    const info = { protectedPVC: entry, rsyncTLS: { address: rd.status.rsyncTLS.address } };
    const list = v.vrg.status.rdInfo ?? [];
    const i = list.findIndex((r) => r.protectedPVC?.name === name && r.protectedPVC?.namespace === ns);
    if (i >= 0) list[i] = info;
    else list.push(info);
    v.vrg.status.rdInfo = list;
  }
  return rd;
}

/** Ramen's reconcileVolSyncAsSecondary; returns whether to requeue. */
export async function reconcileVolSyncAsSecondary(v: VrgInstance): Promise<boolean> {
  const rdSpec = v.vrg.spec.volSync?.rdSpec;
  if (rdSpec === undefined || rdSpec === null) {
    v.status.protectedPVCs = v.status.protectedPVCs.filter((e) => !e.protectedByVolSync);
    for (const pvc of v.volSyncPVCs) {
      const hasRd = await v.client.get(ReplicationDestinationKind, { namespace: pvc.metadata.namespace ?? '', name: pvc.metadata.name }).then(
        () => true,
        () => false,
      );
      if (!hasRd && (await pvcMounted(v, pvc).catch(() => true))) {
        v.volSyncWorkloadActive = true;
        return true;
      }
    }
  }
  v.vrg.status.prepareForFinalSyncComplete = false;
  v.vrg.status.finalSyncComplete = false;
  let requeue = false;
  for (const pvc of v.volSyncPVCs) {
    if (pvc.metadata.deletionTimestamp === undefined) continue;
    try {
      // The old primary's PV becomes Available for a later rebinding.
      if (pvc.spec.volumeName) {
        const pv = await pvOfPvc(v, pvc);
        if (pv.spec.claimRef) {
          delete pv.spec.claimRef.uid;
          delete pv.spec.claimRef.resourceVersion;
          delete pv.spec.claimRef.apiVersion;
          await v.client.update(pv);
        }
      }
      if (removeFinalizerFrom(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER)) await updateInPlace(v, pvc);
    } catch {
      requeue = true;
    }
  }
  if (requeue) return true;
  try {
    await cleanupRdNotInSpecList(v);
  } catch {
    return true;
  }
  for (const spec of rdSpec ?? []) {
    try {
      if (!(await reconcileRd(v, spec))) requeue = true;
    } catch (err) {
      v.log('Failed to reconcile VolSync Replication Destination', { error: errorMessage(err) });
      return true;
    }
  }
  return requeue;
}

// Restore on a new primary.

async function ensurePvcFromSnapshot(v: VrgInstance, entry: ProtectedPvc, snapshotName: string, restoreSize: string | undefined): Promise<void> {
  const ns = entry.namespace ?? '';
  const name = entry.name ?? '';
  const ref = { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: snapshotName };
  let capacity = entry.resources?.requests?.['storage'];
  if (restoreSize !== undefined && (capacity === undefined || parseQuantity(restoreSize) > parseQuantity(capacity))) capacity = restoreSize;
  const existing = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name }).catch((err: unknown) => {
    if (isNotFound(err)) return undefined;
    throw err;
  });
  if (existing) {
    const ds = existing.spec.dataSource;
    if (!ds || ds.name !== snapshotName || ds.kind !== 'VolumeSnapshot') {
      await v.client.delete(PVC_KIND, { namespace: ns, name }).catch(() => undefined);
      throw new Error(`pvc has incorrect datasource, will need to delete and recreate, pvc: ${name}`);
    }
    return;
  }
  await v.client.create<Pvc>({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: ns, labels: { [LABEL_CREATED_BY_RAMEN]: 'true', ...(entry.labels ?? {}) }, annotations: { ...(entry.annotations ?? {}) } },
    spec: {
      accessModes: (entry.accessModes ?? []).length > 0 ? [...entry.accessModes!] : ['ReadWriteOnce'],
      ...(entry.storageClassName !== undefined ? { storageClassName: entry.storageClassName } : {}),
      dataSource: ref,
      resources: { requests: capacity !== undefined ? { storage: capacity } : {} },
    },
  });
}

async function ensurePvcFromRd(v: VrgInstance, rdSpec: VolSyncReplicationDestinationSpec): Promise<void> {
  const entry = rdSpec.protectedPVC ?? {};
  const ns = entry.namespace ?? '';
  const name = entry.name ?? '';
  const rd = await v.client.get<ReplicationDestination>(ReplicationDestinationKind, { namespace: ns, name });
  const image = rd.status?.latestImage;
  if (!image || image.kind !== 'VolumeSnapshot' || !image.name) throw new Error(`unable to find LatestImage from ReplicationDestination ${name}`);
  let snap: KubeObject & { status?: { restoreSize?: string } };
  try {
    snap = await v.client.get(VolumeSnapshotKind, { namespace: ns, name: image.name });
  } catch (err) {
    throw new Error(`error getting volumesnapshot (${errorMessage(err)})`);
  }
  // The latest image is kept: VolSync must not clean it up, and it now belongs to this VRG.
  snap.metadata.labels = { ...(snap.metadata.labels ?? {}), ...volSyncOwnerLabels(v), [LABEL_VOLSYNC_DO_NOT_DELETE]: 'true', [LABEL_CREATED_BY_RAMEN]: 'true' };
  await v.client.update(snap).catch((err: unknown) => {
    throw new Error(`failed to add owner/label to snapshot ${image.name} (${errorMessage(err)})`);
  });
  if (copyMethodDirect(v)) {
    await v.client.get(PVC_KIND, { namespace: ns, name });
  } else {
    await ensurePvcFromSnapshot(v, entry, image.name, snap.status?.restoreSize);
  }
  const pvc = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name });
  const annotations = { ...(pvc.metadata.annotations ?? {}) };
  for (const [k, val] of Object.entries(entry.annotations ?? {})) if (k.startsWith(OCM_ANNOTATION_PREFIX)) annotations[k] = val;
  delete annotations[ANN_MANAGED_ANNOTATION_KEYS];
  await v.client.update({ ...pvc, metadata: { ...pvc.metadata, annotations } });
}

/** Ramen's restorePVsAndPVCsForVolSync. */
export async function restorePvsAndPvcsForVolSync(v: VrgInstance): Promise<number> {
  const rdSpec = v.vrg.spec.volSync?.rdSpec ?? [];
  if (rdSpec.length === 0) return 0;
  let restored = 0;
  for (const spec of rdSpec) {
    const source = { ...(spec.protectedPVC ?? {}) };
    delete source.conditions;
    const key = { ns: source.namespace ?? '', name: source.name ?? '' };
    const entryOf = (): ProtectedPvc => {
      const found = v.findProtectedPvc(key.ns, key.name);
      if (found) return found;
      v.status.protectedPVCs.push(structuredClone(source));
      return v.status.protectedPVCs[v.status.protectedPVCs.length - 1]!;
    };
    try {
      await ensurePvcFromRd(v, spec);
    } catch (err) {
      setCond(entryOf(), v, T.PVsRestored, 'False', R.Error, errorMessage(err));
      continue;
    }
    restored++;
    setCond(entryOf(), v, T.PVsRestored, 'True', R.Restored, 'PVC restored');
  }
  if (restored !== rdSpec.length) throw new Error(`failed to restore all PVCs. Restored ${restored} PVCs out of ${rdSpec.length} RDSpecs`);
  return restored;
}

// Unprotection and deletion.

/** Ramen's pvcUnprotectVolSync (§7.4), gated by volumeUnprotectionEnabled. */
export async function pvcUnprotectVolSync(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (!v.ramenConfig.volumeUnprotectionEnabled) return;
  await undoPvRetentionForVolSync(v, pvc).catch(() => undefined);
  try {
    await deleteOwnedRs(v, pvc.metadata.name, pvc.metadata.namespace ?? '');
    const labels = { ...(pvc.metadata.labels ?? {}) };
    for (const k of [LABEL_VOLSYNC_OWNER, LABEL_VOLSYNC_OWNER_NAMESPACE, LABEL_VOLSYNC_DO_NOT_DELETE, LABEL_OWNER_NAME, LABEL_OWNER_NAMESPACE_NAME, LABEL_CONSISTENCY_GROUP, LABEL_CREATED_BY_RAMEN]) delete labels[k];
    pvc.metadata.labels = labels;
    removeFinalizerFrom(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER);
    await updateInPlace(v, pvc);
  } catch (err) {
    v.log('Failed to unprotect VolSync PVC', { pvc: pvc.metadata.name, error: errorMessage(err) });
    return;
  }
  v.deleteProtectedPvc(pvc.metadata.namespace ?? '', pvc.metadata.name);
}

/** Deletion step 1: undo VolSync PV retention. */
export async function undoPvRetentionForVolSyncPvcs(v: VrgInstance): Promise<void> {
  for (const pvc of v.volSyncPVCs) await undoPvRetentionForVolSync(v, pvc);
}

async function cleanupFor(v: VrgInstance, name: string, ns: string): Promise<void> {
  await deleteOwnedRs(v, name, ns);
  await deleteOwnedRd(v, name, ns);
  await deleteOwnedSnapshots(v, ns);
}

/** Deletion step 3 (Ramen's cleanupResources). */
export async function cleanupVolSyncResources(v: VrgInstance): Promise<void> {
  for (const pvc of v.volSyncPVCs) {
    await cleanupFor(v, pvc.metadata.name, pvc.metadata.namespace ?? '');
    if (removeFinalizerFrom(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER)) await updateInPlace(v, pvc);
  }
  for (const spec of v.vrg.spec.volSync?.rdSpec ?? []) {
    const name = spec.protectedPVC?.name ?? '';
    const ns = spec.protectedPVC?.namespace ?? '';
    await cleanupFor(v, name, ns);
    if (!v.isSecondary) continue;
    const pvc = await v.client.get<Pvc>(PVC_KIND, { namespace: ns, name }).catch(() => undefined);
    if (!pvc) continue;
    await undoPvRetentionForVolSync(v, pvc);
    if (removeFinalizerFrom(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER)) await updateInPlace(v, pvc);
    await deleteIgnoringNotFound(v, PVC_KIND, ns, name);
  }
}

/**
 * Ramen's IsRSDataProtected, read before the summary conditions are aggregated (§8.4): a VolSync
 * entry counts as protected once its ReplicationSource, as stored, has a lastSyncTime. It is a read
 * of the RS, not an outcome of this reconcile's ReconcileRS, which returns no RS when it leaves the
 * source alone (the prepare-for-final-sync trigger guard) or stops early; so a prepared primary stays
 * DataProtected, which the hub requires before and during a relocation (hub spec §6.4 R5).
 * Only entries the aggregation would look at (ReplicationSourceSetup True) are read, and only those
 * whose RS this reconcile did not already see synced.
 */
export async function observeVolSyncRsProtection(v: VrgInstance): Promise<void> {
  if (v.isSync || !v.isPrimary) return;
  for (const entry of v.status.protectedPVCs) {
    if (!entry.protectedByVolSync || !volSyncConditionTrue(entry, T.ReplicationSourceSetup)) continue;
    const key = `${entry.namespace ?? ''}/${entry.name ?? ''}`;
    if (v.volSyncRsSynced.has(key)) continue;
    const rs = await v.client.get<ReplicationSource>(ReplicationSourceKind, { namespace: entry.namespace ?? '', name: entry.name ?? '' }).catch(() => undefined);
    if (rs?.status?.lastSyncTime) v.volSyncRsSynced.add(key);
  }
}

/** Whether a VolSync PVC entry reports the given condition True (used by summary.ts). */
export function volSyncConditionTrue(entry: ProtectedPvc, type: string): boolean {
  return findCondition(entry.conditions, type)?.status === 'True';
}

export function hasVolSyncFinalizer(pvc: Pvc): boolean {
  return hasFinalizer(pvc, PVC_VOLSYNC_PROTECTION_FINALIZER);
}

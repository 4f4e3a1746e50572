// PV/PVC cluster data (dr-cluster spec §5.5, §5.6): the upload of each protected PVC's PV and PVC to
// every S3 profile, deduplicated by the vr-archived annotations, and the restore of all of them on a
// new primary before the application starts, with Ramen's split-brain check, validation of objects
// that already exist, and its escape hatches (NoS3, count mismatch).

import { createHash } from 'node:crypto';
import {
  ANN_DESTINATION_VOLUME_HANDLE,
  ANN_RAMEN_RESTORE,
  ANN_RAMEN_RESTORE_VALUE,
  ANN_VR_ARCHIVED,
  ANN_VR_ARCHIVED_PV_PREFIX,
  NO_S3_STORE_AVAILABLE,
} from '../../api/ramen/dr-constants.js';
import { VRG_REASON as R } from '../../api/ramen/vrg.js';
import { isAlreadyExists } from '../../runtime/errors.js';
import { isObjectStoreError } from '../../runtime/object-store.js';
import type { ObjectStore } from '../../runtime/object-store.js';
import { PV_KIND, PVC_KIND } from '../core-kinds.js';
import type { Pv, Pvc, StorageClass } from '../core-kinds.js';
import { setPvcClusterDataProtected } from './conditions.js';
import type { VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { addAnnotationAndUpdate, pvOfPvc } from './kube-updates.js';
import { storageClassNamed } from './pvc-selector.js';
import { pvcKey, pvKey, TYPE_PV, TYPE_PVC, typePrefix } from './s3-layout.js';
import { downloadTypedObjects, uploadObject } from './s3-objects.js';
import { resolveObjectStore, objectStorerFor } from './s3-stores.js';

// Canonical JSON: keys sorted at every level, as Ramen's toCanonicalJSON produces before hashing.
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Ramen's HashPVC: sha256 hex of the canonical JSON of `{"spec": pvc.spec}`. */
export function hashPvc(pvc: Pvc): string {
  return createHash('sha256').update(JSON.stringify(canonical({ spec: pvc.spec }))).digest('hex');
}

export function pvArchiveValue(generation: number | undefined): string {
  return `${ANN_VR_ARCHIVED_PV_PREFIX}${generation ?? 0}`;
}

const QUANTITY_SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/** A Kubernetes resource quantity in base units; an absent quantity is zero, as in Go. */
export function parseQuantity(q: string | undefined): number {
  if (q === undefined) return 0;
  const m = /^([+-]?\d+(?:\.\d+)?)(?:[eE]([+-]?\d+))?([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return 0;
  const base = Number(m[1]) * (m[2] !== undefined ? 10 ** Number(m[2]) : 1);
  return base * (QUANTITY_SUFFIX[m[3] ?? ''] ?? 1);
}

async function isArchivedAlready(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  let pv: Pv;
  try {
    pv = await pvOfPvc(v, pvc);
  } catch {
    return false;
  }
  if (pvc.metadata.annotations?.[ANN_VR_ARCHIVED] !== hashPvc(pvc)) return false;
  return pv.metadata.annotations?.[ANN_VR_ARCHIVED] === pvArchiveValue(pv.metadata.generation);
}

function entryOf(v: VrgInstance, pvc: Pvc) {
  return v.protectedPvcOrAdd(pvc.metadata.namespace ?? '', pvc.metadata.name);
}

async function uploadPvAndPvcToProfile(v: VrgInstance, profileName: string, pvc: Pvc, pv: Pv): Promise<void> {
  if (profileName === '') throw new Error(`missing S3 profiles, failed to protect cluster data for PVC ${pvc.metadata.name}`);
  let store: ObjectStore;
  try {
    store = await objectStorerFor(v, profileName);
  } catch (err) {
    throw new Error(`error getting object store, failed to protect cluster data for PVC ${pvc.metadata.name}, ${errorMessage(err)}`);
  }
  try {
    await uploadObject(store, pvKey(v.s3KeyPrefix, pv.metadata.name), pv);
  } catch (err) {
    // Any S3 service error marks the profile failed for the rest of this reconcile.
    if (isObjectStoreError(err) || /code: /.test(errorMessage(err))) {
      v.objectStorers.set(profileName, { error: `persistent error while uploading to s3 profile ${profileName}, will retry later` });
    }
    throw new Error(`error uploading PV to s3Profile ${profileName}, failed to protect cluster data for PVC ${pvc.metadata.name}, ${errorMessage(err)}`);
  }
  const nsName = `${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`;
  try {
    await uploadObject(store, pvcKey(v.s3KeyPrefix, pvc.metadata.namespace ?? '', pvc.metadata.name), pvc);
  } catch (err) {
    throw new Error(`error uploading PVC to s3Profile ${profileName}, failed to protect cluster data for PVC ${nsName}, ${errorMessage(err)}`);
  }
}

/** Go's %v of a string slice. */
export function goList(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/** Ramen's uploadPVandPVCtoS3Stores; throws when the PVC should be retried. */
export async function uploadPvAndPvcToS3Stores(v: VrgInstance, pvc: Pvc): Promise<void> {
  if (v.vrg.spec.dryRun) return;
  const gen = v.generation;
  if (await isArchivedAlready(v, pvc)) {
    setPvcClusterDataProtected(entryOf(v, pvc), R.Uploaded, `PV cluster data already protected for PVC ${pvc.metadata.name}`, gen, v.now());
    return;
  }
  if (parseQuantity(pvc.status?.capacity?.['storage']) < parseQuantity(pvc.spec.resources?.requests?.['storage'])) {
    throw new Error(`resize is in progress for pvc ${pvc.metadata.name}`);
  }
  const profiles = v.vrg.spec.s3Profiles ?? [];
  if (profiles.length === 0) {
    setPvcClusterDataProtected(entryOf(v, pvc), R.UploadError, 'Error uploading PV cluster data because VRG spec has no S3 profiles', gen, v.now());
    throw new Error(`error uploading cluster data of PV ${pvc.metadata.name} because VRG spec has no S3 profiles`);
  }
  let pv: Pv;
  try {
    pv = await pvOfPvc(v, pvc);
  } catch (err) {
    throw new Error(`failed to upload PV/PVC with error (error getting PV for PVC, failed to protect cluster data for PVC ${pvc.metadata.name}, ${errorMessage(err)}). Uploaded to [] S3 profile(s)`);
  }
  const succeeded: string[] = [];
  for (const profile of profiles) {
    try {
      await uploadPvAndPvcToProfile(v, profile, pvc, pv);
    } catch (err) {
      setPvcClusterDataProtected(entryOf(v, pvc), R.UploadError, errorMessage(err), gen, v.now());
      v.event('Warning', 'UploadFailed', errorMessage(err));
      throw new Error(`failed to upload PV/PVC with error (${errorMessage(err)}). Uploaded to ${goList(succeeded)} S3 profile(s)`);
    }
    succeeded.push(profile);
  }
  try {
    await addAnnotationAndUpdate(v, pvc, 'PersistentVolumeClaim', ANN_VR_ARCHIVED, hashPvc(pvc));
    const freshPv = await pvOfPvc(v, pvc);
    await addAnnotationAndUpdate(v, freshPv, 'PersistentVolume', ANN_VR_ARCHIVED, pvArchiveValue(freshPv.metadata.generation));
  } catch (err) {
    setPvcClusterDataProtected(entryOf(v, pvc), R.AnnotationFailed, `failed to add archived annotation: ${errorMessage(err)}`, gen, v.now());
    throw new Error(`failed to add archived annotation for PVC (${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}): ${errorMessage(err)}`);
  }
  setPvcClusterDataProtected(
    entryOf(v, pvc),
    R.Uploaded,
    `Done uploading PV/PVC cluster data to ${succeeded.length} of ${profiles.length} S3 profile(s): ${goList(succeeded)}`,
    gen,
    v.now(),
  );
}

// Restore.

const SECRET_PARAMS: readonly [string, string, keyof NonNullable<Pv['spec']['csi']>][] = [
  ['csi.storage.k8s.io/node-stage-secret-name', 'csi.storage.k8s.io/node-stage-secret-namespace', 'nodeStageSecretRef'],
  ['csi.storage.k8s.io/node-publish-secret-name', 'csi.storage.k8s.io/node-publish-secret-namespace', 'nodePublishSecretRef'],
  ['csi.storage.k8s.io/node-expand-secret-name', 'csi.storage.k8s.io/node-expand-secret-namespace', 'nodeExpandSecretRef'],
  ['csi.storage.k8s.io/controller-expand-secret-name', 'csi.storage.k8s.io/controller-expand-secret-namespace', 'controllerExpandSecretRef'],
  // Quirk kept from Ramen: the controller-publish secret lands in controllerExpandSecretRef.
  ['csi.storage.k8s.io/controller-publish-secret-name', 'csi.storage.k8s.io/controller-publish-secret-namespace', 'controllerExpandSecretRef'],
];

function addAnnotation(obj: { metadata: { annotations?: Record<string, string> } }, key: string, value: string): void {
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [key]: value };
}

// Fields the API server assigns itself; a create ignores them, so they are dropped here.
function dropServerFields(obj: Pv | Pvc): void {
  delete obj.metadata.resourceVersion;
  delete obj.metadata.uid;
  delete obj.metadata.creationTimestamp;
  delete obj.metadata.generation;
  delete obj.metadata.deletionTimestamp;
  delete obj.status;
  delete (obj.metadata as unknown as Record<string, unknown>)['managedFields'];
}

async function cleanupPvForRestore(v: VrgInstance, pv: Pv): Promise<void> {
  delete pv.metadata.resourceVersion;
  if (pv.spec.claimRef) {
    delete pv.spec.claimRef.uid;
    delete pv.spec.claimRef.resourceVersion;
    delete pv.spec.claimRef.apiVersion;
  }
  const csi = pv.spec.csi;
  const dest = pv.metadata.annotations?.[ANN_DESTINATION_VOLUME_HANDLE];
  if (csi && dest) {
    csi.volumeHandle = dest;
    delete pv.metadata.annotations![ANN_DESTINATION_VOLUME_HANDLE];
  }
  const sc: StorageClass = await storageClassNamed(v, pv.spec.storageClassName ?? '');
  const params = sc.parameters ?? {};
  if (!v.isSync && csi && params['clusterID']) csi.volumeAttributes = { ...(csi.volumeAttributes ?? {}), clusterID: params['clusterID'] };
  if (csi) {
    for (const [nameKey, nsKey, field] of SECRET_PARAMS) {
      const name = params[nameKey] ?? '';
      const namespace = params[nsKey] ?? '';
      if (name !== '' || namespace !== '') (csi as unknown as Record<string, unknown>)[field] = { name, namespace };
    }
  }
  const provName = params['csi.storage.k8s.io/provisioner-secret-name'] ?? '';
  const provNs = params['csi.storage.k8s.io/provisioner-secret-namespace'] ?? '';
  if (provName !== '' || provNs !== '') {
    addAnnotation(pv, 'volume.kubernetes.io/provisioner-deletion-secret-name', provName);
    addAnnotation(pv, 'volume.kubernetes.io/provisioner-deletion-secret-namespace', provNs);
  }
  addAnnotation(pv, 'pv.kubernetes.io/provisioned-by', sc.provisioner);
}

const PRUNED_ANNOTATION_PREFIXES = ['pv.kubernetes.io', 'volume.kubernetes.io', 'replication.storage.openshift.io', 'volumereplicationgroups.ramendr.openshift.io', 'volsync.backube'];

/** Ramen's PruneAnnotations. */
export function pruneAnnotations(annotations: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(annotations ?? {})) if (!PRUNED_ANNOTATION_PREFIXES.some((p) => k.startsWith(p))) out[k] = val;
  return out;
}

function cleanupPvcForRestore(pvc: Pvc): void {
  pvc.metadata.annotations = pruneAnnotations(pvc.metadata.annotations);
  pvc.metadata.finalizers = [];
  delete pvc.metadata.resourceVersion;
  delete pvc.metadata.ownerReferences;
  delete pvc.metadata.uid;
}

function pvMatches(x: Pv, y: Pv): boolean {
  if (x.metadata.name !== y.metadata.name) return false;
  if (x.spec.csi && y.spec.csi && x.spec.csi.driver !== y.spec.csi.driver) return false;
  if (x.spec.csi && y.spec.csi && (x.spec.csi.fsType ?? '') !== (y.spec.csi.fsType ?? '')) return false;
  const xk = x.spec.claimRef?.kind;
  const yk = y.spec.claimRef?.kind;
  if (xk !== undefined && yk !== undefined && xk !== yk) return false;
  if ((x.spec.claimRef?.namespace ?? '') !== (y.spec.claimRef?.namespace ?? '')) return false;
  if ((x.spec.claimRef?.name ?? '') !== (y.spec.claimRef?.name ?? '')) return false;
  if (JSON.stringify(x.spec.accessModes ?? null) !== JSON.stringify(y.spec.accessModes ?? null)) return false;
  return (x.spec.volumeMode ?? null) === (y.spec.volumeMode ?? null);
}

async function validateExistingPv(v: VrgInstance, pv: Pv): Promise<boolean> {
  let existing: Pv;
  try {
    existing = await v.client.get<Pv>(PV_KIND, { name: pv.metadata.name });
  } catch {
    return false;
  }
  if (existing.status?.phase === 'Bound') {
    const ref = pv.spec.claimRef;
    let claim: Pvc;
    try {
      claim = await v.client.get<Pvc>(PVC_KIND, { namespace: ref?.namespace ?? '', name: ref?.name ?? '' });
    } catch {
      return false;
    }
    if (claim.metadata.deletionTimestamp !== undefined) return false;
    return pvMatches(existing, pv);
  }
  if (v.isSync) {
    // Sync (metro) updates an existing unbound PV in place to the restored form.
    try {
      await cleanupPvForRestore(v, existing);
      addAnnotation(existing, ANN_RAMEN_RESTORE, ANN_RAMEN_RESTORE_VALUE);
      await v.client.update(existing);
      return true;
    } catch {
      return false;
    }
  }
  return existing.metadata.annotations?.[ANN_RAMEN_RESTORE] === ANN_RAMEN_RESTORE_VALUE;
}

async function validateAndUpdateExistingPvc(v: VrgInstance, pvc: Pvc): Promise<boolean> {
  let existing: Pvc;
  try {
    existing = await v.client.get<Pvc>(PVC_KIND, { namespace: pvc.metadata.namespace ?? '', name: pvc.metadata.name });
  } catch {
    return false;
  }
  if (existing.status?.phase !== 'Bound') return false;
  if (existing.metadata.deletionTimestamp !== undefined) return false;
  if ((existing.spec.volumeName ?? '') !== (pvc.spec.volumeName ?? '')) return false;
  // Ramen updates the live PVC with the S3 copy; the live resourceVersion makes that update explicit.
  try {
    const update: Pvc = { ...pvc, metadata: { ...pvc.metadata, ...(existing.metadata.resourceVersion !== undefined ? { resourceVersion: existing.metadata.resourceVersion } : {}) } };
    delete update.status;
    await v.client.update(update);
    return true;
  } catch {
    return false;
  }
}

async function restoreObjects<T extends Pv | Pvc>(
  v: VrgInstance,
  list: T[],
  goType: string,
  cleanup: (obj: T) => Promise<void>,
  validateExisting: (obj: T) => Promise<boolean>,
): Promise<number> {
  let restored = 0;
  for (const obj of list) {
    await cleanup(obj);
    addAnnotation(obj, ANN_RAMEN_RESTORE, ANN_RAMEN_RESTORE_VALUE);
    const toCreate = structuredClone(obj);
    dropServerFields(toCreate);
    try {
      await v.client.create(toCreate);
      restored++;
    } catch (err) {
      if (isAlreadyExists(err) && (await validateExisting(obj))) restored++;
    }
  }
  if (restored !== list.length) throw new Error(`failed to restore all ${goType}. Total/Restored ${list.length}/${restored}`);
  return restored;
}

async function restorePvsFromStore(v: VrgInstance, store: ObjectStore, profile: string): Promise<number> {
  const pvs = await downloadTypedObjects<Pv>(store, typePrefix(v.s3KeyPrefix, TYPE_PV));
  const seen = new Map<string, string>();
  for (const pv of pvs) {
    const claimKey = `${pv.spec?.claimRef?.namespace ?? ''}/${pv.spec?.claimRef?.name ?? ''}`;
    const prev = seen.get(claimKey);
    if (prev !== undefined) {
      throw new Error(
        `Error found in PV cluster data in S3 store ${profile}: when restoring PV cluster data, detected conflicting claimKey ${claimKey} in PVs ${prev} and ${pv.metadata.name}`,
      );
    }
    seen.set(claimKey, pv.metadata.name);
  }
  return restoreObjects(v, pvs, '[]v1.PersistentVolume', (pv) => cleanupPvForRestore(v, pv), (pv) => validateExistingPv(v, pv));
}

async function restorePvcsFromStore(v: VrgInstance, store: ObjectStore): Promise<number> {
  const pvcs = await downloadTypedObjects<Pvc>(store, typePrefix(v.s3KeyPrefix, TYPE_PVC));
  v.volRepPVCs.push(...pvcs);
  return restoreObjects(
    v,
    pvcs,
    '[]v1.PersistentVolumeClaim',
    (pvc) => {
      cleanupPvcForRestore(pvc);
      return Promise.resolve();
    },
    (pvc) => validateAndUpdateExistingPvc(v, pvc),
  );
}

/** Ramen's restorePVsAndPVCsFromS3: the first fully successful profile wins. */
async function restoreFromProfiles(v: VrgInstance): Promise<number> {
  let lastError: unknown = new Error('s3Profiles empty');
  let noS3 = false;
  for (const profile of v.vrg.spec.s3Profiles ?? []) {
    if (profile === NO_S3_STORE_AVAILABLE) {
      noS3 = true;
      continue;
    }
    let store: ObjectStore;
    try {
      store = (await resolveObjectStore(v.deps, v.ramenConfig, profile, v.namespacedName)).store;
    } catch (err) {
      lastError = err;
      continue;
    }
    let pvCount: number;
    try {
      pvCount = await restorePvsFromStore(v, store, profile);
    } catch (err) {
      lastError = err;
      continue;
    }
    let pvcCount = 0;
    lastError = undefined;
    try {
      pvcCount = await restorePvcsFromStore(v, store);
    } catch (err) {
      lastError = err;
    }
    if (lastError !== undefined || pvCount !== pvcCount) {
      v.log(`Warning: Mismatch in PV/PVC count ${pvCount}/${pvcCount}`, { profile });
      continue;
    }
    return pvCount + pvcCount;
  }
  if (noS3) return 0;
  v.requeue();
  // Quirk kept from Ramen: after a count mismatch the last error is nil and this is "success, 0".
  if (lastError === undefined) return 0;
  throw lastError;
}

/** Ramen's restorePVsAndPVCsForVolRep. */
export async function restorePvsAndPvcsForVolRep(v: VrgInstance): Promise<number> {
  const profiles = v.vrg.spec.s3Profiles ?? [];
  if (profiles.length === 0) {
    v.requeue();
    throw new Error('no S3Profiles configured');
  }
  try {
    return await restoreFromProfiles(v);
  } catch (err) {
    throw new Error(`failed to restore PVs and PVCs using profile list (${goList(profiles)}): ${errorMessage(err)}`);
  }
}

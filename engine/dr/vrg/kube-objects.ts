// Kube-object protection through Velero (dr-cluster spec §9), with the default workflows (one capture
// group and one recover group over the VRG's namespace and `kubeObjectSelector`; recipes are not
// modeled). A primary captures every `captureInterval` into alternating slots `kube-objects/<0|1>/`
// of each S3 profile, and on completion records the capture in status and in the VRG object in S3; a
// new primary reads that record from the S3 copy of the VRG and restores the capture it names.

import type { KubeObject, LabelSelector } from '../../api/meta.js';
import { DEFAULT_EXCLUDED_RESOURCES_CONFIG_MAP, DEFAULT_VELERO_NAMESPACE, KUBE_OBJECT_CAPTURE_INTERVAL_DEFAULT_MS, LABEL_CREATED_BY_RAMEN, LABEL_VELERO_METADATA_BACKUP, NO_S3_STORE_AVAILABLE, RECIPE_MAX_ATTEMPTS } from '../../api/ramen/dr-constants.js';
import { findS3StoreProfile } from '../../api/ramen/ramen-config.js';
import { VRG_CONDITION as T, VRG_REASON as R } from '../../api/ramen/vrg.js';
import type { KubeObjectsCaptureIdentifier, VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { parseGoDuration } from '../../api/storage/go-duration.js';
import { BackupKind, BackupStorageLocationKind, RestoreKind } from '../../api/storage/velero.js';
import type { Backup, BackupSpec, BackupStorageLocation, Restore } from '../../api/storage/velero.js';
import { isAlreadyExists, isNotFound } from '../../runtime/errors.js';
import { parseRfc3339 } from '../../runtime/ports.js';
import { CONFIG_MAP_KIND } from '../core-kinds.js';
import type { ConfigMap } from '../core-kinds.js';
import type { S3Accessor, VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';
import { ownerLabels } from './owner-labels.js';
import { vrgObjectKey } from './s3-layout.js';
import { deleteObjectsWithKeyPrefix, downloadObject, uploadObject } from './s3-objects.js';

const VRG_GENERATION_ANNOTATION = 'ramendr.openshift.io/vrg-generation';

/** The resources Ramen always keeps out of captures (its `default-excluded-resources` seed). */
export const DEFAULT_EXCLUDED_RESOURCES: readonly string[] = [
  'volumereplications.replication.storage.openshift.io',
  'volumegroupreplications.replication.storage.openshift.io',
  'replicationsources.volsync.backube',
  'replicationdestinations.volsync.backube',
  'persistentvolumeclaims',
  'persistentvolumes',
  'endpointslices.discovery.k8s.io',
  'endpoints',
  'volumesnapshots.snapshot.storage.k8s.io',
  'volumegroupsnapshots.groupsnapshot.storage.k8s.io',
];

/** A Velero request outcome as Ramen reads it: done, still processing, or failed. */
type RequestState = { kind: 'done' } | { kind: 'processing'; what: string } | { kind: 'failed'; what: string };

const PROCESSING_BACKUP = ['New', 'InProgress', 'WaitingForPluginOperations', 'WaitingForPluginOperationsPartiallyFailed', 'Deleting', 'Finalizing', 'FinalizingPartiallyFailed'];
const PROCESSING_RESTORE = ['New', 'InProgress', 'WaitingForPluginOperations', 'WaitingForPluginOperationsPartiallyFailed', 'Finalizing', 'FinalizingPartiallyFailed'];

function backupState(b: Backup): RequestState {
  const phase = b.status?.phase;
  if (phase === 'Completed') return { kind: 'done' };
  if (phase === undefined) return { kind: 'processing', what: 'backup.status.phase absent' };
  if (PROCESSING_BACKUP.includes(phase)) return { kind: 'processing', what: `backup${phase}` };
  return { kind: 'failed', what: `backup${phase}` };
}

function restoreState(r: Restore): RequestState {
  const phase = r.status?.phase;
  if (phase === 'Completed') return { kind: 'done' };
  if (phase === undefined) return { kind: 'processing', what: 'restore.status.phase absent' };
  if (PROCESSING_RESTORE.includes(phase)) return { kind: 'processing', what: `restore${phase}` };
  return { kind: 'failed', what: `restore${phase}` };
}

export function kubeObjectProtectionDisabled(v: VrgInstance): boolean {
  return v.vrg.spec.kubeObjectProtection === undefined || v.vrg.spec.kubeObjectProtection === null || v.ramenConfig.kubeObjectProtection?.disabled === true;
}

function veleroNamespace(v: VrgInstance): string {
  return v.ramenConfig.kubeObjectProtection?.veleroNamespaceName || DEFAULT_VELERO_NAMESPACE;
}

function captureIntervalMs(v: VrgInstance): number {
  return parseGoDuration(v.vrg.spec.kubeObjectProtection?.captureInterval) ?? KUBE_OBJECT_CAPTURE_INTERVAL_DEFAULT_MS;
}

function workflowNamespaces(v: VrgInstance): string[] {
  const ns = v.vrg.metadata.namespace ?? '';
  return ns === v.ramenConfig.ramenOpsNamespace ? [...(v.vrg.spec.protectedNamespaces ?? [])] : [ns];
}

/** The slot's S3 prefix, the prefix of its Velero backups, and the request-name prefix. */
export function capturePaths(vrgNamespace: string, vrgName: string, number: number): { pathName: string; capturePathName: string; namePrefix: string } {
  const pathName = `${vrgNamespace}/${vrgName}/kube-objects/${number}/`;
  return { pathName, capturePathName: `${pathName}velero/backups/`, namePrefix: `${vrgNamespace}--${vrgName}--${number}` };
}

export const captureNameOf = (prefix: string, group: string, profile: string): string => `${prefix}--${group}--${profile}`;
export const recoverNameOf = (vrgNamespace: string, vrgName: string, groupNumber: number): string => `${vrgNamespace}--${vrgName}--${groupNumber}`;

function setSub(v: VrgInstance, status: 'True' | 'False', reason: string, message: string): void {
  v.kubeObjectsProtected = { type: T.ClusterDataProtected, status, reason, message, observedGeneration: v.generation };
}

function delaySetIfLess(v: VrgInstance, delayMs: number): void {
  if (v.requeueAfterMs === undefined || delayMs < v.requeueAfterMs) v.requeueAfterMs = delayMs;
}

/** Ramen's resetKubeObjectsCaptureStatusIfRequired, at the start of every primary reconcile. */
export function resetKubeObjectsCaptureStatus(v: VrgInstance): void {
  if (kubeObjectProtectionDisabled(v)) {
    v.kubeObjectsProtected = undefined;
    return;
  }
  if (v.finalSyncInProgress) return;
  setSub(v, 'False', R.KubeObjectsCaptureNotStarted, 'Kube objects capture has not started');
}

/** The default excluded resources, from (or seeded into) the `default-excluded-resources` ConfigMap. */
async function excludedResources(v: VrgInstance): Promise<string[]> {
  const key = { namespace: v.deps.operatorNamespace, name: DEFAULT_EXCLUDED_RESOURCES_CONFIG_MAP };
  try {
    const cm = await v.client.get<ConfigMap>(CONFIG_MAP_KIND, key);
    const parsed = JSON.parse(cm.data?.['resources'] ?? '') as unknown;
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : [...DEFAULT_EXCLUDED_RESOURCES];
  } catch (err) {
    if (isNotFound(err)) {
      await v.client
        .create<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...key }, data: { resources: JSON.stringify(DEFAULT_EXCLUDED_RESOURCES) } })
        .catch(() => undefined);
    }
    return [...DEFAULT_EXCLUDED_RESOURCES];
  }
}

function veleroSecretRef(v: VrgInstance, accessor: S3Accessor): { name: string; key: string } {
  const profile = findS3StoreProfile(v.ramenConfig, accessor.profileName);
  const explicit = profile?.veleroNamespaceSecretKeyRef;
  if (explicit) return { name: explicit.name ?? '', key: explicit.key };
  return { name: `v${profile?.s3SecretRef?.name ?? ''}`, key: 'ramengenerated' };
}

/** Ramen's bslCreateOrUpdate then the availability check; throws while the BSL is not Available. */
async function ensureBsl(v: VrgInstance, accessor: S3Accessor, pathName: string, name: string, labels: Record<string, string>): Promise<void> {
  const profile = findS3StoreProfile(v.ramenConfig, accessor.profileName);
  const ns = veleroNamespace(v);
  const spec: BackupStorageLocation['spec'] = {
    provider: 'aws',
    objectStorage: { bucket: profile?.s3Bucket ?? '', prefix: `${pathName}velero/`, ...(profile?.caCertificates ? { caCert: profile.caCertificates } : {}) },
    config: { region: profile?.s3Region ?? '', s3ForcePathStyle: 'true', s3Url: profile?.s3CompatibleEndpoint ?? '', checksumAlgorithm: '' },
    credential: veleroSecretRef(v, accessor),
    backupSyncPeriod: '0s',
  };
  const fullLabels = { ...labels, [LABEL_CREATED_BY_RAMEN]: 'true' };
  let bsl: BackupStorageLocation;
  try {
    const existing = await v.client.get<BackupStorageLocation>(BackupStorageLocationKind, { namespace: ns, name });
    bsl = await v.client.update<BackupStorageLocation>({ ...existing, metadata: { ...existing.metadata, labels: fullLabels }, spec });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to create or update BackupStorageLocation: ${errorMessage(err)}`);
    bsl = await v.client.create<BackupStorageLocation>({ apiVersion: BackupStorageLocationKind.apiVersion, kind: BackupStorageLocationKind.kind, metadata: { name, namespace: ns, labels: fullLabels }, spec }).catch((e: unknown) => {
      throw new Error(`failed to create or update BackupStorageLocation: ${errorMessage(e)}`);
    });
  }
  if (bsl.status?.phase !== 'Available') throw new Error(`BSL ${ns}/${name} not available for backup creation: BSL ${ns}/${name} not yet available`);
}

function backupSpecOf(namespaces: string[], selector: LabelSelector | undefined, excluded: string[]): BackupSpec {
  const labelSelector: LabelSelector = {
    ...(selector?.matchLabels ? { matchLabels: { ...selector.matchLabels } } : {}),
    matchExpressions: [...(selector?.matchExpressions ?? []), { key: LABEL_CREATED_BY_RAMEN, operator: 'NotIn', values: ['true'] }],
  };
  return { includedNamespaces: namespaces, excludedResources: excluded, labelSelector, ttl: '0s', includeClusterResources: false, volumeSnapshotLocations: [], defaultVolumesToRestic: false, orderedResources: {} };
}

/** Ramen's backupRequestCreate: BSL of the same name, then the Backup. */
async function createBackup(v: VrgInstance, accessor: S3Accessor, pathName: string, name: string, spec: BackupSpec, labels: Record<string, string>, annotations: Record<string, string>): Promise<void> {
  await ensureBsl(v, accessor, pathName, name, labels);
  const backup: Backup = {
    apiVersion: BackupKind.apiVersion,
    kind: BackupKind.kind,
    metadata: { name, namespace: veleroNamespace(v), labels: { ...labels, [LABEL_CREATED_BY_RAMEN]: 'true' }, annotations },
    spec: { ...spec, storageLocation: name, snapshotVolumes: false },
  };
  await v.client.create(backup);
}

async function listByOwner<T extends KubeObject>(v: VrgInstance, kind: { apiVersion: string; kind: string }): Promise<T[]> {
  return (await v.client.list<T>(kind, { namespace: veleroNamespace(v), labelSelector: { matchLabels: ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name) } })).items;
}

async function deleteAllByOwner(v: VrgInstance, kind: { apiVersion: string; kind: string }): Promise<void> {
  for (const obj of await listByOwner(v, kind)) {
    await v.client.delete(kind, { namespace: veleroNamespace(v), name: obj.metadata.name }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

// Capture.

/** One capture group for every accessor; returns how many of its requests completed. */
async function groupCapture(v: VrgInstance, number: number, requests: Map<string, Backup>, annotations: Record<string, string>): Promise<{ completed: number; error?: string }> {
  const { pathName, capturePathName, namePrefix } = capturePaths(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name, number);
  const labels = { ...ownerLabels(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name), [LABEL_VELERO_METADATA_BACKUP]: 'true' };
  let completed = 0;
  let error: string | undefined;
  for (const accessor of v.s3Accessors) {
    const name = captureNameOf(namePrefix, '', accessor.profileName);
    const request = requests.get(name);
    if (!request) {
      try {
        const spec = backupSpecOf(workflowNamespaces(v), v.vrg.spec.kubeObjectProtection?.kubeObjectSelector, await excludedResources(v));
        await createBackup(v, accessor, pathName, name, spec, labels, annotations);
      } catch (err) {
        v.requeue();
        error = `kube objects group capture error: ${errorMessage(err)}`;
      }
      continue;
    }
    const state = backupState(request);
    if (state.kind === 'done') {
      completed++;
      continue;
    }
    if (state.kind === 'processing') continue;
    // A failed capture is thrown away, in S3 and as a request, and the sub-condition says why.
    await deleteObjectsWithKeyPrefix(accessor.store, `${capturePathName}${name}/`).catch(() => undefined);
    await v.client.delete(BackupKind, { namespace: veleroNamespace(v), name }).catch(() => undefined);
    setSub(v, 'False', R.KubeObjectsCaptureError, state.what);
    v.requeue();
    error = `kube objects group capture error: ${state.what}`;
  }
  return error === undefined ? { completed } : { completed, error };
}

function bumpRetries(v: VrgInstance): number {
  const retries = v.deps.memory.recipeRetries;
  const had = retries.has(v.namespacedName);
  const n = had ? (retries.get(v.namespacedName) ?? 0) + 1 : 0;
  retries.set(v.namespacedName, n);
  return n;
}

/** Uploads the VRG with the new capture identifier; reverts the identifier on failure. */
async function captureComplete(v: VrgInstance, number: number, first: Backup): Promise<void> {
  const status = (v.vrg.status.kubeObjectProtection ??= {});
  const previous = status.captureToRecoverFrom;
  const startTime = first.status?.startTimestamp ?? first.status?.completionTimestamp ?? v.now();
  const startGeneration = Number.parseInt(first.metadata.annotations?.[VRG_GENERATION_ANNOTATION] ?? '', 10);
  const identifier: KubeObjectsCaptureIdentifier = { number, startTime, endTime: v.now(), ...(Number.isNaN(startGeneration) ? {} : { startGeneration }) };
  status.captureToRecoverFrom = identifier;
  const key = vrgObjectKey(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name);
  for (const accessor of v.s3Accessors) {
    try {
      await uploadObject(accessor.store, key, v.vrg);
    } catch (err) {
      v.event('Warning', 'VrgUploadFailed', errorMessage(err));
      v.vrgObjectProtected = { type: T.ClusterDataProtected, status: 'False', reason: R.VolumeReplicationGroupObjectCaptureError, message: 'VRG Kube object protect error', observedGeneration: v.generation };
      v.requeue();
      if (previous === undefined) delete status.captureToRecoverFrom;
      else status.captureToRecoverFrom = previous;
      return;
    }
    v.deps.memory.vrgLastUploadVersion.set(v.namespacedName, v.vrg.metadata.resourceVersion ?? '');
    v.vrgObjectProtected = { type: T.ClusterDataProtected, status: 'True', reason: R.Uploaded, message: 'VRG object protected', observedGeneration: v.generation };
  }
  try {
    await deleteAllByOwner(v, BackupKind);
  } catch (err) {
    setSub(v, 'False', R.KubeObjectsCaptureRequestsDeleteError, `backup requests delete: ${errorMessage(err)}`);
    v.requeue();
    return;
  }
  v.deps.memory.recipeRetries.set(v.namespacedName, 0);
  setSub(v, 'True', R.Uploaded, 'Kube objects protected');
  v.deps.trace.emit({ type: 'dr.vrg.kube-objects.captured', cluster: v.deps.clusterName, vrg: v.namespacedName, number, startTime });
  const sinceStart = v.deps.clock.nowMs() - (parseRfc3339(startTime) ?? v.deps.clock.nowMs());
  delaySetIfLess(v, Math.max(captureIntervalMs(v) - sinceStart, 1));
}

async function captureStartOrResume(v: VrgInstance, number: number, generation: number, requests: Map<string, Backup>): Promise<void> {
  const annotations = { [VRG_GENERATION_ANNOTATION]: String(generation) };
  const group = await groupCapture(v, number, requests, annotations);
  let failure: string | undefined;
  if (group.error !== undefined) {
    // The default workflow fails on any error: the workflow error overwrites the capture error.
    setSub(v, 'False', R.KubeObjectsWorkflowError, group.error);
    failure = group.error;
  } else if (group.completed < v.s3Accessors.length) {
    failure = 'kube objects group capturing incomplete';
  }
  if (failure !== undefined) {
    if (bumpRetries(v) > RECIPE_MAX_ATTEMPTS) {
      setSub(v, 'False', R.KubeObjectsCaptureError, 'recipe reconcile failed for more than max attempts');
      return;
    }
    v.requeue();
    return;
  }
  const { namePrefix } = capturePaths(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name, number);
  const first = requests.get(captureNameOf(namePrefix, '', v.s3Accessors[0]!.profileName));
  if (!first) {
    v.requeue();
    return;
  }
  await captureComplete(v, number, first);
}

/** Ramen's kubeObjectsProtectPrimary. */
export async function kubeObjectsProtectPrimary(v: VrgInstance): Promise<void> {
  if (v.vrg.spec.dryRun || v.finalSyncInProgress || kubeObjectProtectionDisabled(v)) return;
  if (v.s3Accessors.length === 0) {
    v.requeue();
    return;
  }
  let current = v.vrg.status.kubeObjectProtection?.captureToRecoverFrom;
  if (!current) {
    setSub(v, 'False', R.Uploading, 'Kube objects initial capture in-progress');
    current = { number: 0 };
  }
  const number = 1 - current.number;
  let backups: Backup[];
  try {
    backups = await listByOwner<Backup>(v, BackupKind);
  } catch (err) {
    setSub(v, 'False', R.KubeObjectsCaptureRequestsQueryError, errorMessage(err));
    v.requeue();
    return;
  }
  const requests = new Map(backups.map((b) => [b.metadata.name, b]));
  if (backups.length > 0) {
    await captureStartOrResume(v, number, backups[0]!.metadata.generation ?? v.generation, requests);
    return;
  }
  const startMs = parseRfc3339(current.startTime) ?? Number.NEGATIVE_INFINITY;
  const delay = captureIntervalMs(v) - (v.deps.clock.nowMs() - startMs);
  if (delay > 0) {
    delaySetIfLess(v, delay);
    setSub(v, 'True', R.Uploaded, 'Kube objects protected');
    return;
  }
  // The slot about to be reused is cleared first; the other slot keeps the capture to recover from.
  const { capturePathName } = capturePaths(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name, number);
  for (const accessor of v.s3Accessors) {
    try {
      await deleteObjectsWithKeyPrefix(accessor.store, capturePathName);
    } catch (err) {
      setSub(v, 'False', R.KubeObjectsReplicaDeleteError, errorMessage(err));
      v.requeue();
      return;
    }
  }
  // The Backup's `generation` in Ramen is the VRG's, recorded by annotation.
  await captureStartOrResume(v, number, v.generation, requests);
}

// Recovery.

async function recoverFromProfile(v: VrgInstance, accessor: S3Accessor): Promise<void> {
  let source: VolumeReplicationGroup;
  try {
    source = await downloadObject<VolumeReplicationGroup>(accessor.store, vrgObjectKey(v.vrg.metadata.namespace ?? '', v.vrg.metadata.name));
  } catch (err) {
    throw new Error(`kube objects source VRG get error: vrg download failed, vrg namespace:${v.vrg.metadata.namespace ?? ''}, vrg name: ${v.vrg.metadata.name}, s3Profile: ${accessor.profileName}, error: ${errorMessage(err)}`);
  }
  const identifier = source.status?.kubeObjectProtection?.captureToRecoverFrom;
  if (!identifier) throw new Error('kube objects source VRG capture-to-recover-from identifier nil: <nil>');
  (v.vrg.status.kubeObjectProtection ??= {}).captureToRecoverFrom = identifier;
  const ns = v.vrg.metadata.namespace ?? '';
  const labels = ownerLabels(ns, v.vrg.metadata.name);
  const captures = new Map((await listByOwner<Backup>(v, BackupKind)).map((b) => [b.metadata.name, b]));
  const recovers = new Map((await listByOwner<Restore>(v, RestoreKind)).map((r) => [r.metadata.name, r]));
  // The default recover workflow has one group (index 0) restoring the capture group named "".
  const groupNumber = 0;
  const recoverName = recoverNameOf(ns, v.vrg.metadata.name, groupNumber);
  const { pathName, namePrefix } = capturePaths(ns, v.vrg.metadata.name, identifier.number);
  const captureName = captureNameOf(namePrefix, '', accessor.profileName);
  const restore = recovers.get(recoverName);
  let error: string;
  if (!restore) {
    const backup = captures.get(captureName);
    if (!backup) {
      // The capture is registered locally under its own name, pointing at the same S3 slot.
      const spec = backupSpecOf(workflowNamespaces(v), v.vrg.spec.kubeObjectProtection?.kubeObjectSelector, []);
      try {
        await createBackup(v, accessor, pathName, captureName, spec, labels, {});
        error = 'kube objects group recover request submitted';
      } catch (err) {
        error = `backup dummy request create: ${errorMessage(err)}`;
      }
    } else {
      const phase = backup.status?.phase;
      if (phase === 'Completed' || phase === 'PartiallyFailed' || phase === 'Failed') {
        const r: Restore = {
          apiVersion: RestoreKind.apiVersion,
          kind: RestoreKind.kind,
          metadata: { name: recoverName, namespace: veleroNamespace(v), labels: { ...labels, [LABEL_CREATED_BY_RAMEN]: 'true' } },
          spec: {
            backupName: captureName,
            includedNamespaces: workflowNamespaces(v),
            ...(v.vrg.spec.kubeObjectProtection?.kubeObjectSelector ? { labelSelector: v.vrg.spec.kubeObjectProtection.kubeObjectSelector } : {}),
            includeClusterResources: false,
          },
        };
        try {
          await v.client.create(r);
          error = 'kube objects group recover request submitted';
        } catch (err) {
          error = isAlreadyExists(err) ? 'kube objects group recover request submitted' : `object create: ${errorMessage(err)}`;
        }
      } else {
        error = phase === 'FailedValidation' ? `backup${phase}` : `backup${phase ?? '.status.phase absent'}`;
      }
    }
  } else {
    const state = restoreState(restore);
    if (state.kind === 'done') {
      await deleteAllByOwner(v, RestoreKind);
      await deleteAllByOwner(v, BackupKind);
      v.deps.trace.emit({ type: 'dr.vrg.kube-objects.recovered', cluster: v.deps.clusterName, vrg: v.namespacedName, number: identifier.number, profile: accessor.profileName });
      return;
    }
    error = state.what;
    if (state.kind === 'failed') {
      await v.client.delete(RestoreKind, { namespace: veleroNamespace(v), name: recoverName }).catch(() => undefined);
      await v.client.delete(BackupKind, { namespace: veleroNamespace(v), name: restore.spec.backupName ?? '' }).catch(() => undefined);
    }
  }
  v.requeue();
  throw new Error(`kube objects recovery error: ${error}`);
}

/** Ramen's kubeObjectsRecover; throws while recovery is needed and not complete. */
export async function kubeObjectsRecover(v: VrgInstance): Promise<void> {
  if (kubeObjectProtectionDisabled(v)) return;
  if ((v.vrg.spec.action ?? '') === '') return;
  if (v.s3Accessors.length === 0) {
    v.requeue();
    throw new Error('no S3Profiles configured');
  }
  if ((v.vrg.spec.s3Profiles ?? []).includes(NO_S3_STORE_AVAILABLE)) return;
  for (const accessor of v.s3Accessors) {
    try {
      await recoverFromProfile(v, accessor);
      return;
    } catch (err) {
      v.log('Kube objects restore error', { profile: accessor.profileName, error: errorMessage(err) });
    }
  }
  v.requeue();
  throw new Error('kube objects restore error, will retry');
}

/** Ramen's kubeObjectsProtectionDelete: recover and capture requests, then the BSLs. */
export async function kubeObjectsProtectionDelete(v: VrgInstance): Promise<void> {
  if (kubeObjectProtectionDisabled(v)) return;
  await deleteAllByOwner(v, RestoreKind);
  await deleteAllByOwner(v, BackupKind);
  await deleteAllByOwner(v, BackupStorageLocationKind);
}

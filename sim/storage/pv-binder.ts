// The claim side of the PersistentVolume controller plus the CSI external-provisioner, for the
// drivers this cluster's storage serves. A claim is bound to the PV it names (`spec.volumeName`), or
// to a PV whose `claimRef` names it (static binding: how Ramen's restored PVs find their PVCs),
// or else a volume is provisioned for it when its StorageClass's provisioner is served here: an
// image `vol-<pvc uid>` on the storage system and a PV `pvc-<pvc uid>` bound both ways.
// Not modelled: matching unclaimed PVs by size and class, WaitForFirstConsumer (treated as
// Immediate), volume expansion, selectors, data sources (clones, snapshots).

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound, isAlreadyExists } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { WatchIndex } from '../../engine/runtime/watch-index.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './core-shapes.js';
import { PV_KIND, PVC_KIND, STORAGE_CLASS_KIND } from './core-shapes.js';
import type { StorageBackend } from './storage-backend.js';

export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';

export interface PvBinderDeps {
  cluster: string;
  client: ClusterClient;
  trace: TraceSink;
  storage: StorageBackend;
}

/** The volume handle and PV name the provisioner gives the claim with this uid. */
export function provisionedNames(pvcUid: string): { volumeHandle: string; pvName: string } {
  return { volumeHandle: `vol-${pvcUid}`, pvName: `pvc-${pvcUid}` };
}

export class PvBinder {
  /** PVs by the claim their claimRef names, from the PV watch, so an unbound claim need not list every PV. */
  readonly pvsByClaim = new WatchIndex((obj) => claimOfPv(obj).map((r) => `${r.namespace}/${r.name}`));

  constructor(private readonly deps: PvBinderDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client } = this.deps;
    const pvc = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, request));
    if (!pvc || pvc.metadata.deletionTimestamp) return {};
    const volumeName = pvc.spec.volumeName;

    if (volumeName) {
      const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: volumeName }));
      if (!pv) {
        // A bound claim whose volume vanished is Lost; a pre-bound one waits for its PV.
        await this.setClaimPhase(pvc, pvc.status?.phase === 'Bound' ? 'Lost' : 'Pending');
        return {};
      }
      if (!this.claimRefAccepts(pv, pvc)) {
        await this.setClaimPhase(pvc, pvc.status?.phase === 'Bound' ? 'Lost' : 'Pending');
        return {};
      }
      await this.bind(pv, pvc);
      return {};
    }

    // The PVs whose claimRef names this claim: those the watch has delivered, and the one this binder
    // provisions for it, which its own previous reconcile may have created a moment ago.
    const names = new Set(this.pvsByClaim.idsFor(`${pvc.metadata.namespace}/${pvc.metadata.name}`));
    names.add(provisionedNames(pvc.metadata.uid ?? '').pvName);
    const candidates: PersistentVolume[] = [];
    for (const name of [...names].sort()) {
      const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name }));
      if (pv) candidates.push(pv);
    }
    const prebound = candidates
      .filter((pv) => this.claimRefAccepts(pv, pvc) && pv.spec.claimRef !== undefined && pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed')
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))[0];
    if (prebound) {
      await this.bind(prebound, pvc);
      return {};
    }

    if (pvc.status?.phase !== 'Pending') await this.setClaimPhase(pvc, 'Pending');
    const className = pvc.spec.storageClassName;
    if (!className) return {};
    const sc = await ignoreNotFound(client.get<StorageClass>(STORAGE_CLASS_KIND, { name: className }));
    if (!sc) return {};
    const system = this.deps.storage.systemFor(this.deps.cluster, sc.provisioner);
    if (!system) return {};
    await this.provision(pvc, sc, system.storageId);
    return {};
  }

  /** Whether the PV may bind this claim: unclaimed, or claimed by its namespace/name with no or the same uid. */
  private claimRefAccepts(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
    const ref = pv.spec.claimRef;
    if (!ref) return true;
    if (ref.namespace !== pvc.metadata.namespace || ref.name !== pvc.metadata.name) return false;
    return !ref.uid || ref.uid === pvc.metadata.uid;
  }

  private async provision(pvc: PersistentVolumeClaim, sc: StorageClass, storageId: string): Promise<void> {
    const { client } = this.deps;
    const uid = pvc.metadata.uid ?? '';
    const { volumeHandle, pvName } = provisionedNames(uid);
    const ann = pvc.metadata.annotations ?? {};
    if (ann[ANN_STORAGE_PROVISIONER] !== sc.provisioner) {
      await client.update<PersistentVolumeClaim>({
        ...pvc,
        metadata: { ...pvc.metadata, annotations: { ...ann, [ANN_STORAGE_PROVISIONER]: sc.provisioner, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner } },
      });
    }
    this.deps.storage.createVolume(storageId, volumeHandle);
    const request = pvc.spec.resources?.requests?.['storage'] ?? '1Gi';
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: pvName, annotations: { [ANN_PROVISIONED_BY]: sc.provisioner } },
      spec: {
        capacity: { storage: request },
        accessModes: pvc.spec.accessModes ?? ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: pvc.metadata.namespace ?? '',
          name: pvc.metadata.name,
          uid,
          apiVersion: 'v1',
          ...(pvc.metadata.resourceVersion === undefined ? {} : { resourceVersion: pvc.metadata.resourceVersion }),
        },
        csi: {
          driver: sc.provisioner,
          volumeHandle,
          fsType: 'ext4',
          volumeAttributes: { ...(sc.parameters?.['clusterID'] === undefined ? {} : { clusterID: sc.parameters['clusterID'] }), 'storage.kubernetes.io/csiProvisionerIdentity': storageId },
        },
      },
    };
    try {
      await client.create(pv);
      this.deps.trace.emit({ type: 'storage.provision', cluster: this.deps.cluster, pvc: `${pvc.metadata.namespace}/${pvc.metadata.name}`, pv: pvName, volume: volumeHandle });
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    // The PV event brings this claim back to bind it.
  }

  private async bind(pvIn: PersistentVolume, pvcIn: PersistentVolumeClaim): Promise<void> {
    const { client } = this.deps;
    let pv = pvIn;
    const ref = pv.spec.claimRef;
    if (!ref || ref.uid !== pvcIn.metadata.uid) {
      pv = await client.update<PersistentVolume>({
        ...pv,
        metadata: { ...pv.metadata, annotations: { ...(pv.metadata.annotations ?? {}), ...(ref ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) } },
        spec: {
          ...pv.spec,
          claimRef: {
            kind: 'PersistentVolumeClaim',
            namespace: pvcIn.metadata.namespace ?? '',
            name: pvcIn.metadata.name,
            uid: pvcIn.metadata.uid ?? '',
            apiVersion: 'v1',
            ...(pvcIn.metadata.resourceVersion === undefined ? {} : { resourceVersion: pvcIn.metadata.resourceVersion }),
          },
        },
      });
    }
    if (pv.status?.phase !== 'Bound') pv = await client.updateStatus<PersistentVolume>({ ...pv, status: { ...(pv.status ?? {}), phase: 'Bound' } });

    let pvc = pvcIn;
    const ann = pvc.metadata.annotations ?? {};
    if (pvc.spec.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] !== 'yes') {
      const boundByController: Record<string, string> = pvc.spec.volumeName !== pv.metadata.name ? { [ANN_BOUND_BY_CONTROLLER]: 'yes' } : {};
      pvc = await client.update<PersistentVolumeClaim>({
        ...pvc,
        metadata: { ...pvc.metadata, annotations: { ...ann, [ANN_BIND_COMPLETED]: 'yes', ...boundByController } },
        spec: { ...pvc.spec, volumeName: pv.metadata.name },
      });
    }
    const st = pvc.status ?? {};
    if (st.phase !== 'Bound' || st.capacity?.['storage'] !== pv.spec.capacity?.['storage']) {
      await client.updateStatus<PersistentVolumeClaim>({
        ...pvc,
        status: { ...st, phase: 'Bound', accessModes: pv.spec.accessModes ?? [], capacity: { ...(pv.spec.capacity ?? {}) } },
      });
      this.deps.trace.emit({ type: 'storage.bind', cluster: this.deps.cluster, pvc: `${pvc.metadata.namespace}/${pvc.metadata.name}`, pv: pv.metadata.name });
    }
  }

  private async setClaimPhase(pvc: PersistentVolumeClaim, phase: 'Pending' | 'Lost'): Promise<void> {
    if (pvc.status?.phase === phase) return;
    await this.deps.client.updateStatus<PersistentVolumeClaim>({ ...pvc, status: { ...(pvc.status ?? {}), phase } });
  }
}

/** PV events wake the claim their claimRef names. */
function claimOfPv(obj: KubeObject): Request[] {
  const ref = (obj as PersistentVolume).spec?.claimRef;
  return ref?.name && ref.namespace ? [{ namespace: ref.namespace, name: ref.name }] : [];
}

export function pvBinderController(deps: PvBinderDeps): ControllerSpec {
  const binder = new PvBinder(deps);
  return {
    name: 'pv-binder',
    reconciler: binder,
    watches: [
      { client: deps.client, kind: PVC_KIND },
      {
        client: deps.client,
        kind: PV_KIND,
        map: (obj, type) => {
          binder.pvsByClaim.observe(obj, type);
          return claimOfPv(obj);
        },
      },
    ],
  };
}

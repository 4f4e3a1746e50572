// The volume side of the PersistentVolume controller plus the external-provisioner's deleter: keeps
// each PV's phase (Available, Bound, Released) and, when the claim a PV was bound to is gone,
// reclaims it by policy. `Delete` deletes the backing image through the storage backend (which keeps
// a mirrored secondary, as ceph-csi does) and then the PV object; `Retain` leaves it Released.
// A claimRef without uid (what Ramen writes on restore) leaves the PV Available for that claim.

import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { PersistentVolume, PersistentVolumeClaim, PvStatus } from './core-shapes.js';
import { PV_KIND, PVC_KIND } from './core-shapes.js';
import type { StorageBackend } from './storage-backend.js';

export interface PvReclaimerDeps {
  cluster: string;
  client: ClusterClient;
  trace: TraceSink;
  storage: StorageBackend;
}

export class PvReclaimer {
  constructor(private readonly deps: PvReclaimerDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client } = this.deps;
    const pv = await ignoreNotFound(client.get<PersistentVolume>(PV_KIND, { name: request.name }));
    if (!pv) return {};
    const ref = pv.spec.claimRef;
    if (!ref || !ref.uid) {
      await this.setPhase(pv, 'Available');
      return {};
    }
    const claim = await ignoreNotFound(client.get<PersistentVolumeClaim>(PVC_KIND, { namespace: ref.namespace ?? '', name: ref.name ?? '' }));
    if (claim && claim.metadata.uid === ref.uid) {
      if (claim.spec.volumeName === pv.metadata.name) await this.setPhase(pv, 'Bound');
      return {};
    }
    const released = await this.setPhase(pv, 'Released');
    if (pv.spec.persistentVolumeReclaimPolicy !== 'Delete') return {};
    const driver = pv.spec.csi?.driver;
    const system = driver === undefined ? undefined : this.deps.storage.systemFor(this.deps.cluster, driver);
    if (!system || !pv.spec.csi) return {};
    this.deps.storage.deleteVolume(system.storageId, pv.spec.csi.volumeHandle);
    await ignoreNotFound(client.delete(PV_KIND, { name: released.metadata.name }));
    this.deps.trace.emit({ type: 'storage.reclaim', cluster: this.deps.cluster, pv: pv.metadata.name, policy: 'Delete' });
    return {};
  }

  private async setPhase(pv: PersistentVolume, phase: NonNullable<PvStatus['phase']>): Promise<PersistentVolume> {
    if (pv.status?.phase === phase) return pv;
    return this.deps.client.updateStatus<PersistentVolume>({ ...pv, status: { ...(pv.status ?? {}), phase } });
  }
}

export function pvReclaimerController(deps: PvReclaimerDeps): ControllerSpec {
  return {
    name: 'pv-reclaimer',
    reconciler: new PvReclaimer(deps),
    watches: [
      { client: deps.client, kind: PV_KIND },
      // A claim's deletion releases the volume it was bound to.
      {
        client: deps.client,
        kind: PVC_KIND,
        map: (obj) => {
          const name = (obj as PersistentVolumeClaim).spec?.volumeName;
          return name ? [{ name }] : [];
        },
      },
    ],
  };
}

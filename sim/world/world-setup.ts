// Setup steps shared by every world that runs drsim's agents: the simulator's (build-environment.ts)
// and the real servers' (kind/agents/real-world.ts). One definition, so both worlds have the same
// storage systems and bootstrap the same way.

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isAlreadyExists } from '../../engine/runtime/errors.js';
import type { StorageSystemSpec } from '../storage/storage-backend.js';
import { CEPHFS_PROVISIONER, CEPHFS_STORAGE_CLASS, RBD_PROVISIONER, RBD_STORAGE_CLASS } from './bootstrap-manifests.js';
import type { WorldDecl } from './world-decl.js';

/** The storage systems the declared storage implies; ids match the classes' storageid labels. */
export function storageSystems(decl: WorldDecl): StorageSystemSpec[] {
  const names = decl.clusters.map((c) => c.name);
  const systems: StorageSystemSpec[] = [];
  for (const [sc, provisioner] of [
    [RBD_STORAGE_CLASS, RBD_PROVISIONER],
    [CEPHFS_STORAGE_CLASS, CEPHFS_PROVISIONER],
  ] as const) {
    if (decl.storage === 'metro') {
      systems.push({ storageId: `${sc}-metro-1`, provisioner, clusters: names, storageClassName: sc });
      continue;
    }
    for (const c of names) {
      const peer = names.find((n) => n !== c)!;
      // Only RBD mirrors; CephFS volumes replicate through VolSync instead.
      systems.push({ storageId: `${sc}-${c}-1`, provisioner, clusters: [c], storageClassName: sc, ...(sc === RBD_STORAGE_CLASS ? { mirrorPeer: `${sc}-${peer}-1` } : {}) });
    }
  }
  return systems;
}

export async function createAll(client: ClusterClient, objects: KubeObject[]): Promise<void> {
  for (const o of objects) {
    try {
      await client.create(structuredClone(o), { fieldValidation: 'Strict' });
    } catch (err) {
      if (!isAlreadyExists(err)) throw new Error(`bootstrap: creating ${o.kind} ${o.metadata.name} on ${client.clusterName} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

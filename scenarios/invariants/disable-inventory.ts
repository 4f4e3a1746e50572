// What a disable (DRPC deletion) leaves behind: the list clean-disable requires to be empty and
// disable-leftovers reports. Shared by both, so that the check and the measurement count alike.

import { namespaceManifestWorkName, recipeManifestWorkName, vrgManifestWorkName, vrgViewName } from '../../engine/api/ramen/hub-constants.js';
import type { PersistentVolumeClaim } from '../../sim/storage/core-shapes.js';
import type { AppDecl } from '../../sim/world/world-decl.js';
import { RAMEN, REPLICATION, VIEW, WORK } from './kinds.js';
import type { ObservedWorld } from './observed-world.js';

export interface DisableInventory {
  /** Objects that should be gone: `hub ManifestWork dr1/x-vrg-mw`, `s3 <url> <key>`. */
  leftovers: string[];
  /** Things that should still be there but are not: a namespace, an unbound PVC. */
  missing: string[];
}

export function disableInventory(w: ObservedWorld, app: AppDecl, primary: string | undefined, namespacesBefore: readonly string[]): DisableInventory {
  const leftovers: string[] = [];
  const missing: string[] = [];
  const { name, namespace } = app;
  for (const c of w.world.clusterNames()) {
    for (const mw of [vrgManifestWorkName(name, namespace), namespaceManifestWorkName(name, namespace), recipeManifestWorkName(name, namespace)]) {
      if (w.peek('hub', WORK, 'ManifestWork', mw, c)) leftovers.push(`hub ManifestWork ${c}/${mw}`);
    }
    if (w.peek('hub', VIEW, 'ManagedClusterView', vrgViewName(name, namespace), c)) leftovers.push(`hub ManagedClusterView ${c}/${vrgViewName(name, namespace)}`);
    if (w.peek(c, RAMEN, 'VolumeReplicationGroup', name, namespace)) leftovers.push(`${c} VolumeReplicationGroup ${namespace}/${name}`);
    for (const vr of w.world.peekAll(c, REPLICATION, 'VolumeReplication', namespace)) leftovers.push(`${c} VolumeReplication ${namespace}/${vr.metadata.name}`);
  }
  for (const ep of w.world.s3.values()) {
    for (const bucket of ep.bucketNames()) for (const key of ep.keys(bucket, `${namespace}/${name}/`)) leftovers.push(`s3 ${ep.url}/${bucket}/${key}`);
  }
  for (const c of namespacesBefore) if (!w.peek(c, 'v1', 'Namespace', namespace)) missing.push(`namespace ${namespace} on ${c}`);
  if (primary) {
    for (const p of app.pvcs) {
      const pvc = w.peek<PersistentVolumeClaim>(primary, 'v1', 'PersistentVolumeClaim', p.name, namespace);
      if (pvc?.status?.phase !== 'Bound') missing.push(`bound PVC ${namespace}/${p.name} on ${primary} (${pvc ? `phase ${pvc.status?.phase ?? 'none'}` : 'gone'})`);
    }
  }
  return { leftovers, missing };
}

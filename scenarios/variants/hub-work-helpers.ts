// What the hub-side variants need to act as a broken hub would: read a DRPC's VRG ManifestWork on a
// cluster and rewrite the VRG's replicationState in it, through the hub operator's own client (so the
// trace attributes the write to the hub operator, as the bug would be).

import type { KubeObject } from '../../engine/api/meta.js';
import type { ManifestWork } from '../../engine/api/ocm/manifest-work.js';
import type { DRPlacementControl } from '../../engine/api/ramen/drpc.js';
import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION, vrgManifestWorkName } from '../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../engine/api/ramen/vrg.js';
import type { ClusterClient } from '../../engine/runtime/client.js';

export const MW_KIND = { apiVersion: 'work.open-cluster-management.io/v1', kind: 'ManifestWork' };
export const DRPC_KIND = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPlacementControl' };

export function isVrgWork(obj: KubeObject): obj is ManifestWork {
  return obj.kind === 'ManifestWork' && obj.metadata.name.endsWith('-vrg-mw');
}

export function vrgOf(mw: ManifestWork): VolumeReplicationGroup | undefined {
  const v = mw.spec?.workload?.manifests?.[0];
  return v?.kind === 'VolumeReplicationGroup' ? (v as VolumeReplicationGroup) : undefined;
}

export async function drpcOfWork(client: ClusterClient, mw: ManifestWork): Promise<DRPlacementControl | undefined> {
  const a = mw.metadata.annotations ?? {};
  const name = a[DRPC_NAME_ANNOTATION];
  const namespace = a[DRPC_NAMESPACE_ANNOTATION];
  if (!name || !namespace) return undefined;
  return client.get<DRPlacementControl>(DRPC_KIND, { name, namespace }).catch(() => undefined);
}

/** Sets the VRG in `drpc`'s work on `cluster` to primary; true when it wrote. */
export async function promoteWork(client: ClusterClient, drpc: DRPlacementControl, cluster: string): Promise<boolean> {
  const name = vrgManifestWorkName(drpc.metadata.name, drpc.metadata.namespace ?? '');
  const mw = await client.get<ManifestWork>(MW_KIND, { namespace: cluster, name }).catch(() => undefined);
  const vrg = mw && vrgOf(mw);
  if (!mw || !vrg || vrg.spec.replicationState === 'primary') return false;
  const next = structuredClone(mw);
  const nv = vrgOf(next)!;
  nv.spec.replicationState = 'primary';
  nv.spec.action = drpc.spec.action === 'Failover' ? 'Failover' : 'Relocate';
  nv.spec.prepareForFinalSync = false;
  nv.spec.runFinalSync = false;
  await client.update(next);
  return true;
}

// The DRPC's metadata pass (hub spec §4 step 10): the placement is annotated with its DRPC (and refused
// when another DRPC owns it), both carry the DRPC finalizer, the DRPC gets the backup label and its
// `app-namespace`, and the placement becomes the DRPC's controller owner. Also the legacy PlacementRule
// clone used when `preferredCluster` is empty (§4 step 12).

import type { OwnerReference } from '../../api/meta.js';
import type { PlacementRule } from '../../api/ocm/placement-rule.js';
import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import type { DRPolicy } from '../../api/ramen/drpolicy.js';
import {
  APP_NAMESPACE_ANNOTATION,
  CREATED_BY_RAMEN_LABEL,
  DRPC_FINALIZER,
  DRPC_NAME_ANNOTATION,
  DRPC_NAMESPACE_ANNOTATION,
  OCM_BACKUP_LABEL,
  OCM_BACKUP_LABEL_VALUE,
  clonedPlacementRuleName,
} from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isNotFound } from '../../runtime/errors.js';
import { HubKinds } from '../kinds.js';
import { writeDrpcMetadata } from './metadata.js';
import type { UserPlacement } from './placement.js';

async function updatePlacementObject(client: ClusterClient, placement: UserPlacement): Promise<void> {
  if (placement.kind === 'Placement') placement.obj = await client.update(placement.obj);
  else placement.obj = await client.update(placement.obj);
}

async function annotatePlacement(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement): Promise<void> {
  const obj = placement.obj;
  if (obj.metadata.deletionTimestamp) return;
  const ann = obj.metadata.annotations ?? {};
  const ownerName = ann[DRPC_NAME_ANNOTATION] ?? '';
  const ownerNamespace = ann[DRPC_NAMESPACE_ANNOTATION] ?? '';
  if (ownerName === '') {
    obj.metadata.annotations = { ...ann, [DRPC_NAME_ANNOTATION]: drpc.metadata.name, [DRPC_NAMESPACE_ANNOTATION]: drpc.metadata.namespace ?? '' };
    try {
      await updatePlacementObject(client, placement);
    } catch (err) {
      throw new Error(`failed to update Object ${obj.metadata.name} annotation '${DRPC_NAME_ANNOTATION}/${drpc.metadata.name}' (${(err as Error).message})`);
    }
    return;
  }
  if (ownerName !== drpc.metadata.name || ownerNamespace !== drpc.metadata.namespace) {
    throw new Error(`object ${obj.metadata.name} not owned by this DRPC '${drpc.metadata.name}/${drpc.metadata.namespace}'`);
  }
}

async function updateObjectMetadata(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement, vrgNamespace: string): Promise<void> {
  let update = false;
  if (drpc.metadata.labels?.[OCM_BACKUP_LABEL] !== OCM_BACKUP_LABEL_VALUE) {
    drpc.metadata.labels = { ...(drpc.metadata.labels ?? {}), [OCM_BACKUP_LABEL]: OCM_BACKUP_LABEL_VALUE };
    update = true;
  }
  if (!(drpc.metadata.finalizers ?? []).includes(DRPC_FINALIZER)) {
    drpc.metadata.finalizers = [...(drpc.metadata.finalizers ?? []), DRPC_FINALIZER];
    update = true;
  }
  if (drpc.metadata.annotations?.[APP_NAMESPACE_ANNOTATION] !== vrgNamespace) {
    drpc.metadata.annotations = { ...(drpc.metadata.annotations ?? {}), [APP_NAMESPACE_ANNOTATION]: vrgNamespace };
    update = true;
  }
  if (update) await writeDrpcMetadata(client, drpc);
  if (!(placement.obj.metadata.finalizers ?? []).includes(DRPC_FINALIZER)) {
    placement.obj.metadata.finalizers = [...(placement.obj.metadata.finalizers ?? []), DRPC_FINALIZER];
    await updatePlacementObject(client, placement);
  }
}

async function setDrpcOwner(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement): Promise<boolean> {
  if ((drpc.metadata.ownerReferences ?? []).some((r) => r.name === placement.obj.metadata.name)) return false;
  const ref: OwnerReference = {
    apiVersion: placement.obj.apiVersion,
    kind: placement.kind,
    name: placement.obj.metadata.name,
    uid: placement.obj.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
  const others = (drpc.metadata.ownerReferences ?? []).filter((r) => !r.controller);
  if ((drpc.metadata.ownerReferences ?? []).some((r) => r.controller)) throw new Error(`failed to set DRPC owner: Object ${drpc.metadata.namespace}/${drpc.metadata.name} is already owned by another controller`);
  drpc.metadata.ownerReferences = [...others, ref];
  await writeDrpcMetadata(client, drpc);
  return true;
}

/** `updateAndSetOwner`; true when the owner reference had to be written (the pass then requeues). */
export async function updateAndSetOwner(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement, vrgNamespace: string): Promise<boolean> {
  await annotatePlacement(client, drpc, placement);
  await updateObjectMetadata(client, drpc, placement, vrgNamespace);
  return setDrpcOwner(client, drpc, placement);
}

export class WaitingForClonedDecisionError extends Error {
  constructor() {
    super('waiting for DRPC Placement to produces placement decision');
    this.name = 'WaitingForClonedDecisionError';
  }
}

/** The legacy path: with no preferredCluster, a PlacementRule clone over the policy clusters decides. */
export async function getDrpcPlacementRule(client: ClusterClient, drpc: DRPlacementControl, placement: UserPlacement, policy: DRPolicy): Promise<void> {
  if (drpc.spec.preferredCluster) return;
  if (placement.kind !== 'PlacementRule') throw new Error('invalid user PlacementRule');
  const name = clonedPlacementRuleName(drpc.metadata.name, drpc.metadata.namespace ?? '');
  let clone: PlacementRule;
  try {
    clone = await client.get<PlacementRule>(HubKinds.placementRule, { namespace: drpc.metadata.namespace ?? '', name });
  } catch (err) {
    if (!isNotFound(err)) throw err;
    if (policy.spec.drClusters.length === 0) throw new Error(`DRPolicy ${policy.metadata.name} is missing DR clusters`);
    const user = placement.obj;
    const spec = { ...(user.spec ?? {}), schedulerName: '', clusters: [...(user.spec?.clusters ?? []), ...policy.spec.drClusters.map((c) => ({ name: c }))] };
    try {
      clone = await client.create<PlacementRule>({
        apiVersion: user.apiVersion,
        kind: user.kind,
        metadata: { name, namespace: user.metadata.namespace ?? '', labels: { ...(user.metadata.labels ?? {}), [CREATED_BY_RAMEN_LABEL]: 'true' }, ...(user.metadata.annotations ? { annotations: user.metadata.annotations } : {}) },
        spec,
      });
    } catch (createErr) {
      throw new Error(`failed to create cloned placementrule error: failed to create PlacementRule: ${(createErr as Error).message}`);
    }
  }
  if ((clone.status?.decisions ?? []).length === 0) throw new WaitingForClonedDecisionError();
}

// Global VolumeGroupReplication consensus (hub spec §11): DRPCs whose VRGs share a globally replicated
// group must all ask for the same action to the same target before any of them promotes.

import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import { CONDITION_GLOBAL_ACTION, Progression } from '../../api/ramen/drpc.js';
import { GLOBAL_VGR_LABEL } from '../../api/ramen/hub-constants.js';
import { HubKinds } from '../kinds.js';
import type { DrpcInstance } from './instance.js';
import { setCondition, setProgression } from './instance.js';
import { writeDrpcMetadata } from './metadata.js';

export function globalVgrLabel(d: DrpcInstance): string {
  return d.drpc.metadata.labels?.[GLOBAL_VGR_LABEL] ?? '';
}

/** Copies the label from the first primary view onto the DRPC; false means "written, requeue". */
export async function ensureGlobalVgrLabel(d: DrpcInstance): Promise<boolean> {
  if (globalVgrLabel(d)) return true;
  for (const vrg of d.vrgs.values()) {
    if (vrg.spec.replicationState !== 'primary') continue;
    const label = vrg.metadata.labels?.[GLOBAL_VGR_LABEL];
    if (label) {
      d.drpc.metadata.labels = { ...(d.drpc.metadata.labels ?? {}), [GLOBAL_VGR_LABEL]: label };
      try {
        await writeDrpcMetadata(d.deps.client, d.drpc);
      } catch {
        return false;
      }
      return false;
    }
    break;
  }
  return true;
}

export async function isGlobalActionInConsensus(d: DrpcInstance): Promise<boolean> {
  const label = globalVgrLabel(d);
  const action = d.drpc.spec.action ?? '';
  if (action !== 'Failover' && action !== 'Relocate') return false;
  const target = action === 'Relocate' ? (d.drpc.spec.preferredCluster ?? '') : (d.drpc.spec.failoverCluster ?? '');
  let items: DRPlacementControl[];
  try {
    items = (await d.deps.client.list<DRPlacementControl>(HubKinds.drpc, { labelSelector: { matchLabels: { [GLOBAL_VGR_LABEL]: label } } })).items;
  } catch {
    return false;
  }
  const pending: string[] = [];
  for (const other of items) {
    if (other.metadata.name === d.drpc.metadata.name && other.metadata.namespace === d.drpc.metadata.namespace) continue;
    const otherTarget = action === 'Relocate' ? other.spec.preferredCluster : other.spec.failoverCluster;
    if (other.spec.action !== action || otherTarget !== target) pending.push(`${other.metadata.namespace}/${other.metadata.name}`);
  }
  if (pending.length > 0) {
    setCondition(d, CONDITION_GLOBAL_ACTION, 'False', 'ConsensusNotReached', `Pending: ${pending.join(', ')}; expected action ${action} to ${target}`);
    setProgression(d, Progression.WaitOnGlobalAction);
    return false;
  }
  setCondition(d, CONDITION_GLOBAL_ACTION, 'True', 'ConsensusReached', `Consensus reached for action ${action}`);
  return true;
}

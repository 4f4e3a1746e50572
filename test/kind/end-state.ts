// What the simulator and the real servers must agree on after the same steps, read through the
// TargetObserver both backends offer: the DRPC's phase and progression, the clusters the
// PlacementDecision names, each cluster's VRG desired/observed state, and the app's S3 keys.

import type { KubeObject } from '../../engine/api/meta.js';
import type { AppDecl } from '../../sim/world/world-decl.js';
import type { TargetObserver } from '../../scenarios/runner/target.js';

const RAMEN = 'ramendr.openshift.io/v1alpha1';
const DECISION_API = 'cluster.open-cluster-management.io/v1beta1';

export interface EndState {
  phase: string | undefined;
  progression: string | undefined;
  placedOn: string[];
  vrgs: Record<string, string>;
  s3Keys: string[];
}

const vrgState = (vrg: KubeObject | undefined): string =>
  vrg ? `${(vrg.spec as { replicationState?: string }).replicationState}/${(vrg.status as { state?: string } | undefined)?.state}` : 'none';

/** PV names carry the server's uid; everything else in a key is the same on both backends. */
export const normalizeKeys = (keys: readonly string[]): string[] => keys.map((k) => k.replace(/\/pvc-[0-9a-f-]+$/, '/pvc-<uid>')).sort();

/** The S3 prefix Ramen keeps an app's objects under. */
export const s3PrefixOf = (app: AppDecl): string => `${app.namespace}/${app.name}/`;

export function endStateOf(o: TargetObserver, app: AppDecl, s3Keys: readonly string[]): EndState {
  const drpc = o.world.peek<KubeObject<unknown, { phase?: string; progression?: string }>>('hub', RAMEN, 'DRPlacementControl', app.name, app.namespace);
  // The placement controller writes one decision object per placement, `<placement>-decision-1`.
  const decision = o.world.peek<KubeObject<unknown, { decisions?: { clusterName: string }[] }>>('hub', DECISION_API, 'PlacementDecision', `${app.name}-placement-decision-1`, app.namespace);
  return {
    phase: drpc?.status?.phase,
    progression: drpc?.status?.progression,
    placedOn: (decision?.status?.decisions ?? []).map((d) => d.clusterName).sort(),
    vrgs: Object.fromEntries(o.world.clusterNames().map((c) => [c, vrgState(o.world.peek(c, RAMEN, 'VolumeReplicationGroup', app.name, app.namespace))])),
    s3Keys: normalizeKeys(s3Keys),
  };
}

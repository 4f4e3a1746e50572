// What a hub pass that made a write may have read: the DRPC's versions, each cluster's VRG as the
// hub's own ManagedClusterView showed it (interpreted exactly as Ramen interprets a view), and the
// placement decision. All come from `ObservedWorld.hubDuringPass`, so every reader is over the
// versions current during the pass window (tracking/hub-history.ts): a gate counts as passed when
// any of them passes it, which keeps the checkers sound when a view is refreshed mid-pass.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { ManagedClusterView } from '../../../engine/api/ocm/managed-cluster-view.js';
import type { PlacementDecision } from '../../../engine/api/ocm/placement-decision.js';
import type { PlacementRule } from '../../../engine/api/ocm/placement-rule.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import type { DRPolicy } from '../../../engine/api/ramen/drpolicy.js';
import { APP_NAMESPACE_ANNOTATION, PLACEMENT_LABEL, RETAINED_FOR_FAILOVER_REASON, vrgViewName } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { isTrueAtGeneration } from '../../../engine/hub/conditions.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import { interpretView, isRemoteNotFound } from '../../../engine/hub/ocm/view-reader.js';
import type { Observed } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';

/** One reading of a cluster's VRG through the hub's view: a VRG, NotFound, or a failed query. */
export type ViewReading = { vrg: VolumeReplicationGroup; seq: number } | { notFound: true; seq: number } | { failed: true; seq: number };

export function readingVrg(r: ViewReading): VolumeReplicationGroup | undefined {
  return 'vrg' in r ? r.vrg : undefined;
}

/** The namespace of the DRPC's VRGs (the hub records it on the DRPC; it is the DRPC's own otherwise). */
export function vrgNamespaceOf(drpc: DRPlacementControl): string {
  return drpc.metadata.annotations?.[APP_NAMESPACE_ANNOTATION] || (drpc.metadata.namespace ?? '');
}

function read(view: ManagedClusterView | undefined, seq: number): ViewReading {
  // An absent view is created by the read, with no status yet: the read fails.
  if (!view) return { failed: true, seq };
  try {
    return { vrg: interpretView<VolumeReplicationGroup>(view), seq };
  } catch (err) {
    return isRemoteNotFound(err) ? { notFound: true, seq } : { failed: true, seq };
  }
}

/** Every reading of `cluster`'s VRG the pass writing at `atMs` may have made. */
export function viewReadings(w: ObservedWorld, drpc: DrpcRecord, cluster: string, atMs: number): ViewReading[] {
  const name = vrgViewName(drpc.name, vrgNamespaceOf(drpc.object));
  return w.hubDuringPass<ManagedClusterView>(HubKinds.view.kind, cluster, name, atMs).map((v) => read(v.object, v.seq));
}

/** Seqs of the view versions behind some readings, for a violation's evidence. */
export function readingSeqs(readings: readonly ViewReading[]): number[] {
  return readings.map((r) => r.seq);
}

/** The DRPC versions the pass may have read (existing ones only). */
export function drpcVersions(w: ObservedWorld, drpc: DrpcRecord, atMs: number): DRPlacementControl[] {
  const out: DRPlacementControl[] = [];
  for (const v of w.hubDuringPass<DRPlacementControl>(HubKinds.drpc.kind, drpc.namespace, drpc.name, atMs)) if (v.object) out.push(v.object);
  return out.length > 0 ? out : [drpc.object];
}

/** True when every DRPC version the pass may have read satisfies `pred`: the pass surely saw it so. */
export function surelySaw(w: ObservedWorld, drpc: DrpcRecord, atMs: number, pred: (d: DRPlacementControl) => boolean): boolean {
  return drpcVersions(w, drpc, atMs).every(pred);
}

/** The policy's clusters as stored now (a DRPolicy's cluster list is immutable). */
export function policyClusters(w: ObservedWorld, drpc: DRPlacementControl): string[] {
  const policy = w.peek<DRPolicy>('hub', HubKinds.drPolicy.apiVersion, HubKinds.drPolicy.kind, drpc.spec?.drPolicyRef?.name ?? '');
  return policy?.spec?.drClusters ?? w.world.clusterNames();
}

/** Ramen's readiness test of a VRG to run the app (`checkReadiness`). */
export function readyPrimary(vrg: VolumeReplicationGroup | undefined): boolean {
  if (!vrg) return false;
  const gen = vrg.metadata.generation;
  return vrg.spec?.replicationState === 'primary' && vrg.status?.state === 'Primary' && isTrueAtGeneration(vrg.status?.conditions, 'DataReady', gen) && isTrueAtGeneration(vrg.status?.conditions, 'ClusterDataReady', gen);
}

/** A primary VRG that the multiple-primary checks count (dry-run primaries do not). */
export function countedPrimary(vrg: VolumeReplicationGroup | undefined): boolean {
  return vrg?.spec?.replicationState === 'primary' && !vrg.spec.dryRun;
}

/** The active (not RetainedForFailover) decision a placement object carries; '' for none. */
export function activeDecisionOf(obj: KubeObject | undefined): string {
  if (!obj) return '';
  if (obj.kind === 'PlacementRule') return (obj as PlacementRule).status?.decisions?.[0]?.clusterName ?? '';
  return (obj as PlacementDecision).status?.decisions?.find((d) => d.reason !== RETAINED_FOR_FAILOVER_REASON)?.clusterName ?? '';
}

/** Every cluster a decision-carrying object names, retained or not. */
function decidedClusters(obj: KubeObject): string[] {
  return ((obj as PlacementDecision | PlacementRule).status?.decisions ?? []).map((d) => d.clusterName);
}

/** The name of the user placement a decision-carrying object belongs to. */
export function placementNameOf(obj: KubeObject): string {
  return obj.kind === 'PlacementRule' ? obj.metadata.name : (obj.metadata.labels?.[PLACEMENT_LABEL] ?? '');
}

/** The DRPCs (by tracker record) whose placementRef names this placement. */
export function drpcsOfPlacement(w: ObservedWorld, namespace: string, placement: string): DrpcRecord[] {
  return w.drpcs.all().filter((r) => r.exists && r.namespace === namespace && r.object.spec?.placementRef?.name === placement);
}

export interface DecisionWrite {
  namespace: string;
  placement: string;
  /** Active decision before and after the write ('' for none). */
  before: string;
  after: string;
  /** The write kept some entry (e.g. RetainedForFailover) for the cluster that was active before. */
  stillNamed: boolean;
  /** The DRPCs that could have made it (those naming the placement). */
  drpcs: DrpcRecord[];
}

/** A hub operator write of a PlacementDecision or PlacementRule, as the decision change it made. */
export function hubDecisionWrite(o: Observed, w: ObservedWorld): DecisionWrite | undefined {
  const e = o.event;
  const kind = String(e.kind);
  if (e.type !== 'api.write' || e.cluster !== 'hub' || e.actor !== HUB_OPERATOR || e.noop || e.verb === 'delete' || e.verb === 'remove') return undefined;
  if (kind !== HubKinds.placementDecision.kind && kind !== HubKinds.placementRule.kind) return undefined;
  const namespace = String(e.ns ?? '');
  const object = w.hub.latest(kind, namespace, String(e.name));
  if (!object) return undefined;
  const placement = placementNameOf(object);
  const before = activeDecisionOf(w.hub.previous(kind, namespace, String(e.name)));
  return { namespace, placement, before, after: activeDecisionOf(object), stillNamed: before !== '' && decidedClusters(object).includes(before), drpcs: drpcsOfPlacement(w, namespace, placement) };
}

/**
 * The active decisions the pass may have read for the DRPC's placement ('' for none); undefined when
 * the placement has several PlacementDecisions (Ramen then reads no decision at all).
 */
export function decisionsDuringPass(w: ObservedWorld, drpc: DrpcRecord, atMs: number): string[] | undefined {
  const name = drpc.object.spec?.placementRef?.name ?? '';
  const rule = w.peek('hub', HubKinds.placementRule.apiVersion, HubKinds.placementRule.kind, name, drpc.namespace);
  if (rule) return w.hubDuringPass(HubKinds.placementRule.kind, drpc.namespace, name, atMs).map((v) => activeDecisionOf(v.object));
  const pds = w.world.peekAll('hub', HubKinds.placementDecision.apiVersion, HubKinds.placementDecision.kind, drpc.namespace).filter((pd) => pd.metadata.labels?.[PLACEMENT_LABEL] === name);
  if (pds.length > 1) return undefined;
  if (pds.length === 0) return [''];
  return w.hubDuringPass(HubKinds.placementDecision.kind, drpc.namespace, pds[0]!.metadata.name, atMs).map((v) => activeDecisionOf(v.object));
}

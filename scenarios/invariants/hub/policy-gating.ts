// Hub spec §18 S14: no DRPC acts on a missing, deleting or unvalidated DRPolicy, and the policy and
// cluster finalizers stay while something still refers to them.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { DRPolicy } from '../../../engine/api/ramen/drpolicy.js';
import { DRPOLICY_VALIDATED } from '../../../engine/api/ramen/drpolicy.js';
import { DRCLUSTER_FINALIZER, DRPOLICY_FINALIZER } from '../../../engine/api/ramen/hub-constants.js';
import { findCondition } from '../../../engine/hub/conditions.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';
import { hubDecisionWrite } from './pass-reads.js';

function usable(p: DRPolicy | undefined): boolean {
  return p !== undefined && p.metadata.deletionTimestamp === undefined && findCondition(p.status?.conditions, DRPOLICY_VALIDATED)?.status === 'True';
}

/** Whether the pass writing at `atMs` may have been the DRPC's deletion, which is exempt. */
function maybeDeleting(w: ObservedWorld, drpc: DrpcRecord, atMs: number): boolean {
  const placement = drpc.object.spec?.placementRef?.name ?? '';
  const deleting = (v: { object: KubeObject | undefined }): boolean => v.object?.metadata.deletionTimestamp !== undefined;
  return (
    w.hubDuringPass(HubKinds.drpc.kind, drpc.namespace, drpc.name, atMs).some((v) => v.object === undefined || deleting(v)) ||
    w.hubDuringPass(HubKinds.placement.kind, drpc.namespace, placement, atMs).some(deleting) ||
    w.hubDuringPass(HubKinds.placementRule.kind, drpc.namespace, placement, atMs).some(deleting)
  );
}

/** The policy problem the pass surely saw, or undefined when some version it may have read was usable. */
function policyProblem(w: ObservedWorld, drpc: DrpcRecord, atMs: number): string | undefined {
  const name = drpc.object.spec?.drPolicyRef?.name ?? '';
  const versions = w.hubDuringPass<DRPolicy>(HubKinds.drPolicy.kind, undefined, name, atMs);
  if (versions.some((v) => usable(v.object))) return undefined;
  const last = versions.at(-1)?.object;
  if (!last) return `DRPolicy ${name} did not exist`;
  if (last.metadata.deletionTimestamp) return `DRPolicy ${name} was being deleted`;
  return `DRPolicy ${name} was not Validated True`;
}

/** Whether `obj` lost `finalizer` in this hub write. */
function finalizerDropped(w: ObservedWorld, kind: string, name: string, finalizer: string): boolean {
  const before = w.hub.previous(kind, undefined, name);
  const after = w.hub.latest(kind, undefined, name);
  return (before?.metadata.finalizers ?? []).includes(finalizer) && !(after?.metadata.finalizers ?? []).includes(finalizer);
}

/** Whether an object existed in every version the pass may have read. */
function existedThroughout(w: ObservedWorld, kind: string, namespace: string | undefined, name: string, atMs: number): boolean {
  return w.hubDuringPass(kind, namespace, name, atMs).every((v) => v.object !== undefined);
}

export function policyGating(): Checker {
  const log = new ViolationLog();
  return {
    name: 'policy-gating',
    kind: 'safety',
    source: 'hub spec §18 S14',
    explanation:
      'The hub writes a VRG ManifestWork (other than deleting it) or a placement decision for a DRPC only in a pass in which the ' +
      "DRPC's DRPolicy existed, was not being deleted and had Validated True (any version current during the pass will do; the " +
      'deletion of the DRPC or its placement is exempt). It removes a DRPolicy\'s finalizer only when no DRPC naming it existed ' +
      "throughout that pass, and a DRCluster's only when no DRPolicy listing it did.",
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type !== 'api.write' || e.cluster !== 'hub' || e.actor !== HUB_OPERATOR) return;
      const change = w.current.workChange;
      const writers: DrpcRecord[] = [];
      let what = '';
      if (change?.after && change.verb !== 'delete' && change.actor === HUB_OPERATOR) {
        const drpc = w.drpcs.get(change.drpc);
        if (drpc) writers.push(drpc);
        what = `wrote the VRG ManifestWork on ${change.cluster}`;
      }
      const dw = hubDecisionWrite(o, w);
      if (dw) {
        writers.push(...dw.drpcs);
        what = `wrote the decision of placement ${dw.placement} (${dw.after || 'none'})`;
      }
      if (writers.length > 0) {
        const problems = writers.map((d) => (maybeDeleting(w, d, e.t) ? undefined : policyProblem(w, d, e.t)));
        if (problems.every((p) => p !== undefined)) log.add(e.t, `the hub ${what} for ${writers.map((d) => d.key).join(', ')} while ${problems[0]!}`, [e.seq, ...writers.map((d) => d.lastSeq)], String(e.seq));
        return;
      }
      const name = String(e.name);
      if (e.kind === HubKinds.drPolicy.kind && finalizerDropped(w, HubKinds.drPolicy.kind, name, DRPOLICY_FINALIZER)) {
        const users = w.drpcs.all().filter((r) => r.object.spec?.drPolicyRef?.name === name && existedThroughout(w, HubKinds.drpc.kind, r.namespace, r.name, e.t));
        if (users.length > 0) log.add(e.t, `the hub removed DRPolicy ${name}'s finalizer while DRPC ${users[0]!.key} named it`, [e.seq, users[0]!.lastSeq], String(e.seq));
      }
      if (e.kind === HubKinds.drCluster.kind && finalizerDropped(w, HubKinds.drCluster.kind, name, DRCLUSTER_FINALIZER)) {
        const policies = w.world
          .peekAll<DRPolicy>('hub', HubKinds.drPolicy.apiVersion, HubKinds.drPolicy.kind)
          .filter((p) => (p.spec?.drClusters ?? []).includes(name) && existedThroughout(w, HubKinds.drPolicy.kind, undefined, p.metadata.name, e.t));
        if (policies.length > 0) log.add(e.t, `the hub removed DRCluster ${name}'s finalizer while DRPolicy ${policies[0]!.metadata.name} listed it`, [e.seq], String(e.seq));
      }
    },
    finish: () => log.report('safety'),
  };
}


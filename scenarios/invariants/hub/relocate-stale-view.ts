// Finding F3, real Ramen behaviour: a relocate trusts a stale view. Ramen reads a ManagedClusterView
// by its single Processing condition and its result and never asks how old the result is (hub spec
// §5.2; mcv_util.go GetResource); OCM's view agent refreshes the result from the managed cluster every
// update interval and, while that cluster is cut off, simply stops, leaving the last result and its
// True condition in place. A relocate requested then reads the cluster's last copy as current: if that
// copy showed a Secondary VRG that has since become primary, the hub skips the final sync and the
// demotion and promotes the target over a live primary. S1 is phrased over a *fresh* view, so it is
// not promised over a stale one. The relocate checkers excuse exactly that case, judged precisely:
// the hub's stored view showed Secondary at its generation while the cluster's stored VRG was not a
// proven Secondary; anything else stays a violation. `relocateOverStaleView` measures each case.

import type { ManagedClusterView } from '../../../engine/api/ocm/managed-cluster-view.js';
import { vrgViewName } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { interpretView } from '../../../engine/hub/ocm/view-reader.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { VIEW } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import type { DrpcRecord } from '../tracking/drpc-tracker.js';
import type { VrgRecord } from '../tracking/vrg-tracker.js';

/** One promotion in a relocate over a stale view of another cluster. */
export interface StaleViewPromotion {
  drpc: string;
  /** The relocate's target, promoted. */
  target: string;
  /** The cluster whose stale view the hub trusted. */
  cluster: string;
  atMs: number;
  seq: number;
  /** When the view agent last wrote the view's status, if seen. */
  viewUpdatedMs?: number;
  /** When the cluster's VRG first changed after the version the view shows, if seen. */
  outOfDateSinceMs?: number;
  viewShowed: string;
  storedSaid: string;
  /** The trace events that prove it: the promotion, and the stored VRG's last write. */
  events: number[];
}

/** The event being observed as a hub write newly promoting a cluster (its VRG not primary yet) while its DRPC asks for a Relocate. */
export function relocatePromotion(w: ObservedWorld): { drpc: string; target: string; record: DrpcRecord } | undefined {
  const change = w.current.workChange;
  if (!change?.after || change.after.replicationState !== 'primary' || change.before?.replicationState === 'primary' || change.verb === 'delete') return undefined;
  const record = w.drpcs.get(change.drpc);
  if (!record || record.episode.action !== 'Relocate') return undefined;
  // A work rewritten for a VRG that is primary already (the hub recreating its works after a restore
  // from backup, say) promotes nothing: the two primaries, if any, came from an earlier action.
  if (w.vrgs.get(change.cluster, record.namespace, record.name)?.specState === 'primary') return undefined;
  return { drpc: change.drpc, target: change.cluster, record };
}

/** Whether the stored VRG is what a fresh view showing Secondary would prove (the checkers' notion). */
export function provenSecondary(rec: VrgRecord | undefined): boolean {
  return rec !== undefined && rec.specState === 'secondary' && rec.provenSecondarySeq !== undefined;
}

function describeVrg(spec: string, state: string, observedGeneration: number, generation: number): string {
  return `spec ${spec || '(none)'}, state ${state || '(none)'} at generation ${observedGeneration}/${generation}`;
}

/** Follows view refreshes and VRG versions, and judges promotions against the hub's stored views. */
export class StaleViewJudge {
  private readonly viewUpdatedMs = new Map<string, number>();
  private readonly vrgVersions = new Map<string, { rv: string; t: number }[]>();

  observe(o: Observed): void {
    const e = o.event;
    if (e.type !== 'api.write') return;
    if (e.kind === 'ManagedClusterView' && e.cluster === 'hub' && e.verb === 'status') this.viewUpdatedMs.set(`${String(e.ns)}/${String(e.name)}`, e.t);
    if (e.kind === 'VolumeReplicationGroup' && e.cluster !== 'hub') {
      const key = `${String(e.cluster)}/${String(e.ns)}/${String(e.name)}`;
      const list = this.vrgVersions.get(key) ?? [];
      list.push({ rv: String(e.rv), t: e.t });
      this.vrgVersions.set(key, list);
    }
  }

  /**
   * The stale-view fact for `cluster` at a promotion of `target` in a relocate of `drpc`: set only when
   * the hub's stored view showed the VRG Secondary at its generation (what Ramen accepts) while the
   * cluster's stored VRG was not a proven Secondary.
   */
  judge(w: ObservedWorld, drpcKey: string, target: string, cluster: string, at: { t: number; seq: number }): StaleViewPromotion | undefined {
    const drpc = w.drpcs.get(drpcKey);
    if (!drpc) return undefined;
    const rec = w.vrgs.get(cluster, drpc.namespace, drpc.name);
    if (provenSecondary(rec)) return undefined;
    const viewName = vrgViewName(drpc.name, drpc.namespace);
    const view = w.peek<ManagedClusterView>('hub', VIEW, 'ManagedClusterView', viewName, cluster);
    if (!view) return undefined;
    let viewed: VolumeReplicationGroup;
    try {
      viewed = interpretView<VolumeReplicationGroup>(view);
    } catch {
      return undefined;
    }
    const generation = viewed.metadata.generation ?? 0;
    if (viewed.status?.state !== 'Secondary' || (viewed.status.observedGeneration ?? 0) !== generation) return undefined;
    const rv = viewed.metadata.resourceVersion ?? '';
    const versions = this.vrgVersions.get(`${cluster}/${drpc.namespace}/${drpc.name}`) ?? [];
    let i = versions.length - 1;
    while (i >= 0 && versions[i]!.rv !== rv) i--;
    const outOfDateSinceMs = i >= 0 ? versions[i + 1]?.t : undefined;
    const viewUpdatedMs = this.viewUpdatedMs.get(`${cluster}/${viewName}`);
    return {
      drpc: drpcKey,
      target,
      cluster,
      atMs: at.t,
      seq: at.seq,
      ...(viewUpdatedMs === undefined ? {} : { viewUpdatedMs }),
      ...(outOfDateSinceMs === undefined ? {} : { outOfDateSinceMs }),
      viewShowed: `${describeVrg(viewed.spec?.replicationState ?? '', viewed.status.state, viewed.status.observedGeneration ?? 0, generation)} (resourceVersion ${rv})`,
      storedSaid: rec?.exists ? describeVrg(rec.specState, rec.state, rec.observedGeneration, rec.generation) : 'no VRG',
      events: [at.seq, ...(rec ? [rec.lastSeq] : [])],
    };
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

export function describeStaleViewPromotion(p: StaleViewPromotion): string {
  const updated = p.viewUpdatedMs === undefined ? '' : `, last updated ${seconds(p.atMs - p.viewUpdatedMs)} before`;
  const outdated = p.outOfDateSinceMs === undefined ? '' : `, out of date for ${seconds(p.atMs - p.outOfDateSinceMs)}`;
  return `relocate of ${p.drpc} promoted ${p.target} over a stale view of ${p.cluster}: the hub's view showed ${p.viewShowed}${updated}${outdated}; ${p.cluster}'s stored VRG said ${p.storedSaid}`;
}

/** Measurement: every relocate promotion made over a stale view (what S1 does not promise). */
export function relocateOverStaleView(): Checker {
  const log = new ViolationLog();
  const judge = new StaleViewJudge();
  return {
    name: 'relocate-over-stale-view',
    kind: 'measurement',
    source: 'hub spec §5.2, §18 S1 (fresh views only); finding F3',
    explanation:
      "Each promotion in a relocate made while the hub's stored view of another cluster showed its VRG Secondary at its generation " +
      "but that cluster's stored VRG was not a proven Secondary: Ramen never checks a view's age, and a view of a cluster cut off from " +
      "the hub keeps its last result, so S1 (demote first, over a fresh view) is not promised then. Reports the view's age and what " +
      'the stored VRG said; the relocate safety checkers excuse exactly these cases.',
    onEvent(o: Observed, w: ObservedWorld): void {
      judge.observe(o);
      const promotion = relocatePromotion(w);
      if (!promotion) return;
      for (const c of w.world.clusterNames()) {
        if (c === promotion.target) continue;
        const p = judge.judge(w, promotion.drpc, promotion.target, c, o.event);
        if (!p) continue;
        log.add(p.atMs, describeStaleViewPromotion(p), p.events, `${p.seq}/${c}`);
      }
    },
    finish: () => log.report('measurement'),
  };
}

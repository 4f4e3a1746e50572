// The world as the invariants see it: the built environment (read only), the trackers that remember
// what stored objects showed over the run, and the facts derived from the event being processed
// (a VRG work change). The monitor updates it before any checker sees an event, so every checker
// judges the same picture.

import type { KubeObject } from '../../engine/api/meta.js';
import type { DRCluster } from '../../engine/api/ramen/drcluster.js';
import type { TraceEvent } from '../../sim/trace/recorder.js';
import type { BuiltEnvironment } from '../../sim/world/build-environment.js';
import type { AppDecl } from '../../sim/world/world-decl.js';
import { appKey } from '../../sim/workload/app.js';
import { S3_BUCKET, s3EndpointUrl, s3ProfileName } from '../../sim/world/bootstrap-manifests.js';
import type { Observed } from './checker.js';
import { RAMEN } from './kinds.js';
import { DrpcTracker } from './tracking/drpc-tracker.js';
import { HUB_HISTORY_KINDS, HubHistory } from './tracking/hub-history.js';
import type { HubVersion } from './tracking/hub-history.js';
import type { DrpcRecord } from './tracking/drpc-tracker.js';
import { VrgTracker } from './tracking/vrg-tracker.js';
import { isVrgWorkName, WorkTracker } from './tracking/work-tracker.js';
import { WriteIndex } from './tracking/write-index.js';
import type { WorkChange } from './tracking/work-tracker.js';

export class ObservedWorld {
  readonly vrgs = new VrgTracker();
  readonly works = new WorkTracker();
  readonly drpcs = new DrpcTracker();
  readonly writes = new WriteIndex();
  /** Recent versions of the hub objects the hub operator's gates read. */
  readonly hub = new HubHistory();
  /** Clusters destroyed at some point of the run (rebuilt empty if they came back). */
  readonly destroyedClusters = new Set<string>();
  /** Derived facts of the event being processed; reset for every event. */
  current: { workChange?: WorkChange; newEpisode?: DrpcRecord } = {};

  constructor(readonly env: BuiltEnvironment) {}

  get world() {
    return this.env.world;
  }

  get decl() {
    return this.env.world.decl;
  }

  /** Virtual ms since the world began. */
  nowMs(): number {
    return this.env.world.elapsedMs();
  }

  isMetro(): boolean {
    return this.decl.storage === 'metro';
  }

  /** The app a DRPC key (`<ns>/<name>`) protects. */
  appOfDrpc(drpc: string): AppDecl | undefined {
    return this.decl.apps.find((a) => `${a.namespace}/${a.name}` === drpc);
  }

  /** The ledger's name for the app (`<ns>/<name>`). */
  ledgerKey(app: AppDecl): string {
    return appKey(app.namespace, app.name);
  }

  drCluster(name: string): DRCluster | undefined {
    return this.world.peek<DRCluster>('hub', RAMEN, 'DRCluster', name);
  }

  peek<T extends KubeObject = KubeObject>(node: string, apiVersion: string, kind: string, name: string, namespace?: string): T | undefined {
    return this.world.peek<T>(node, apiVersion, kind, name, namespace);
  }

  /**
   * The versions of a hub object that a hub pass writing at `atMs` may have read (see
   * tracking/hub-history.ts). An object not written since the monitor attached is its stored form.
   */
  hubDuringPass<T extends KubeObject = KubeObject>(kind: string, namespace: string | undefined, name: string, atMs: number): HubVersion<T>[] {
    const seen = this.hub.duringPass<T>(kind, namespace, name, atMs);
    if (seen.length === 1 && seen[0]!.seq === -1) return [{ object: this.peekHubKind(kind, namespace, name) as T | undefined, seq: -1, atMs }];
    return seen;
  }

  /** Updates the trackers with one event; called before checkers see it. */
  observe(o: Observed): void {
    this.current = {};
    const e = o.event;
    if (e.type === 'api.wipe') {
      if (e.cluster === 'hub') {
        this.works.wiped();
        this.hub.wiped(e.seq, e.t);
      } else this.vrgs.wiped(String(e.cluster));
      return;
    }
    if (e.type === 'fault.inject' && e.fault === 'clusterDestroy') {
      const cluster = String(e.detail).split(' ').pop();
      if (cluster) this.destroyedClusters.add(cluster);
      return;
    }
    if (e.type === 'app.write') {
      this.writes.recorded(String(e.pvc), Number(e.writeId), e.seq, e.t);
      return;
    }
    if (e.type === 'api.write' && e.cluster === 'hub' && !e.noop && HUB_HISTORY_KINDS.has(String(e.kind))) this.recordHub(o);
    if (e.type !== 'api.write' || !o.object || e.noop) return;
    const removed = e.verb === 'remove';
    switch (e.kind) {
      case 'VolumeReplicationGroup':
        this.vrgs.written(String(e.cluster), o.object, e.seq, e.t, removed);
        break;
      case 'ManifestWork':
        if (e.cluster === 'hub' && isVrgWorkName(o.object.metadata.name)) {
          const change = this.works.written(o.object, String(e.verb), String(e.actor), e.seq, removed);
          if (change) this.current.workChange = change;
        }
        break;
      case 'DRPlacementControl':
        if (e.cluster === 'hub') {
          const { record, newEpisode } = this.drpcs.written(o.object, e.seq, e.t, removed);
          if (newEpisode) this.current.newEpisode = record;
        }
        break;
    }
  }

  private recordHub(o: Observed): void {
    const e = o.event;
    const kind = String(e.kind);
    const ns = e.ns === undefined || e.ns === null ? undefined : String(e.ns);
    const name = String(e.name);
    // Kinds the monitor does not read back are read here, one microtask after the write like the rest.
    const object = e.verb === 'remove' ? undefined : (o.object ?? this.peekHubKind(kind, ns, name));
    this.hub.written(kind, ns, name, object, e.seq, e.t);
  }

  private peekHubKind(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const ref = HUB_HISTORY_KINDS.get(kind);
    return ref === undefined ? undefined : this.peek('hub', ref.apiVersion, kind, name, namespace);
  }
}

/** The trace event's `seq`, or -1 for a fact with no event (kept out of violation event lists). */
export function seqOf(e: TraceEvent | undefined): number {
  return e?.seq ?? -1;
}

/** The S3 endpoint URL and bucket behind each of this world's S3 profile names. */
export function s3ProfilesOf(w: ObservedWorld): Map<string, { url: string; bucket: string }> {
  const out = new Map<string, { url: string; bucket: string }>();
  for (const c of w.decl.clusters) out.set(s3ProfileName(w.decl, c.name), { url: s3EndpointUrl(w.decl, c.name), bucket: S3_BUCKET });
  return out;
}

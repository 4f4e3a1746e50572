// The hub's VRG ManifestWorks (`<drpc>-<ns>-vrg-mw` in each cluster's namespace), as the VRG spec each
// one carries. Every write to one becomes a `WorkChange`: the VRG spec before and after, so checkers
// can tell a promotion (a work newly saying `primary`) from a demotion or a refresh.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { ManifestWork } from '../../../engine/api/ocm/manifest-work.js';
import { DRPC_NAME_ANNOTATION, DRPC_NAMESPACE_ANNOTATION } from '../../../engine/api/ramen/hub-constants.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';

export interface VrgWorkSpec {
  replicationState: string;
  action: string;
  prepareForFinalSync: boolean;
  runFinalSync: boolean;
}

export interface WorkChange {
  /** The managed cluster the work targets (its namespace on the hub). */
  cluster: string;
  /** `<namespace>/<name>` of the DRPC that owns the work. */
  drpc: string;
  before?: VrgWorkSpec;
  /** Undefined when the work was deleted. */
  after?: VrgWorkSpec;
  verb: string;
  actor: string;
  seq: number;
}

export function isVrgWorkName(name: string): boolean {
  return name.endsWith('-vrg-mw');
}

function specOf(mw: ManifestWork): VrgWorkSpec | undefined {
  const vrg = mw.spec?.workload?.manifests?.[0] as VolumeReplicationGroup | undefined;
  if (!vrg || vrg.kind !== 'VolumeReplicationGroup') return undefined;
  return {
    replicationState: vrg.spec?.replicationState ?? '',
    action: vrg.spec?.action ?? '',
    prepareForFinalSync: vrg.spec?.prepareForFinalSync === true,
    runFinalSync: vrg.spec?.runFinalSync === true,
  };
}

export function drpcOfWork(mw: ManifestWork): string {
  const a = mw.metadata.annotations ?? {};
  return `${a[DRPC_NAMESPACE_ANNOTATION] ?? ''}/${a[DRPC_NAME_ANNOTATION] ?? ''}`;
}

export class WorkTracker {
  private readonly works = new Map<string, { drpc: string; spec: VrgWorkSpec; seq: number }>();

  written(obj: KubeObject, verb: string, actor: string, seq: number, removed: boolean): WorkChange | undefined {
    const mw = obj as ManifestWork;
    const cluster = mw.metadata.namespace ?? '';
    const key = `${cluster}/${mw.metadata.name}`;
    const prev = this.works.get(key);
    const spec = specOf(mw);
    const drpc = drpcOfWork(mw);
    const gone = removed || (verb === 'delete' && mw.metadata.deletionTimestamp === undefined);
    if (gone) this.works.delete(key);
    else if (spec) this.works.set(key, { drpc, spec, seq });
    if (!spec && !prev) return undefined;
    return { cluster, drpc: prev?.drpc ?? drpc, ...(prev ? { before: prev.spec } : {}), ...(gone || !spec ? {} : { after: spec }), verb, actor, seq };
  }

  /** The VRG spec the hub currently asks of `cluster` for `drpc`, if it has a work there. */
  specFor(drpc: string, cluster: string): VrgWorkSpec | undefined {
    for (const [key, w] of this.works) if (w.drpc === drpc && key.startsWith(`${cluster}/`)) return w.spec;
    return undefined;
  }

  /** Clusters whose work for `drpc` says primary now. */
  primariesOf(drpc: string): string[] {
    const out: string[] = [];
    for (const [key, w] of this.works) if (w.drpc === drpc && w.spec.replicationState === 'primary') out.push(key.slice(0, key.indexOf('/')));
    return out.sort();
  }

  /** Clusters that have a work for `drpc`. */
  clustersOf(drpc: string): string[] {
    const out: string[] = [];
    for (const [key, w] of this.works) if (w.drpc === drpc) out.push(key.slice(0, key.indexOf('/')));
    return out.sort();
  }

  /** The hub lost its objects (hub restore): works are re-learned from the next writes. */
  wiped(): void {
    this.works.clear();
  }
}

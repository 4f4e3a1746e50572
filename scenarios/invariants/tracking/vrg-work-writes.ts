// The hub operator's writes of VRG ManifestWorks, each with the VRG it replaced and the VRG it stored,
// and the purpose the hub names for it (`hub.vrg.write`, emitted right after the write succeeded).
// A purpose is matched to the newest write of that work still untagged: writes of one work come from
// the passes of its one DRPC, which run one at a time except when a crashed operator's pass overlaps
// its successor's, and the purpose event follows its write within the same pass step.

import type { ManifestWork } from '../../../engine/api/ocm/manifest-work.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import type { Observed } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';
import { drpcOfWork, isVrgWorkName } from './work-tracker.js';

export interface VrgWorkWrite {
  /** `<cluster>/<work name>`. */
  key: string;
  cluster: string;
  /** `<namespace>/<name>` of the DRPC the work's annotations name. */
  drpc: string;
  verb: string;
  /** The VRG the work carried before the write (undefined: no work, or none seen since a hub wipe). */
  before: VolumeReplicationGroup | undefined;
  /** Undefined when the write deleted the work. */
  after: VolumeReplicationGroup | undefined;
  seq: number;
  atMs: number;
  /** The purpose the hub named, once its `hub.vrg.write` was seen. */
  purpose?: string;
  purposeSeq?: number;
}

function vrgOf(mw: ManifestWork): VolumeReplicationGroup | undefined {
  const first = mw.spec?.workload?.manifests?.[0] as VolumeReplicationGroup | undefined;
  return first?.kind === 'VolumeReplicationGroup' ? first : undefined;
}

const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete']);

export class VrgWorkWrites {
  private readonly stored = new Map<string, VolumeReplicationGroup | undefined>();
  private readonly untagged = new Map<string, VrgWorkWrite>();

  /**
   * Feeds one event. `written`: a hub operator write of a VRG work this event made; `tagged`: the
   * write whose purpose this event named (undefined when no untagged write of that work was seen).
   */
  observe(o: Observed): { written?: VrgWorkWrite; tagged?: VrgWorkWrite } {
    const e = o.event;
    if (e.type === 'api.wipe' && e.cluster === 'hub') {
      this.stored.clear();
      this.untagged.clear();
      return {};
    }
    if (e.type === 'hub.vrg.write') {
      const key = `${String(e.cluster)}/${String(e.work)}`;
      const w = this.untagged.get(key);
      if (!w) return {};
      this.untagged.delete(key);
      w.purpose = String(e.purpose);
      w.purposeSeq = e.seq;
      return { tagged: w };
    }
    if (e.type !== 'api.write' || e.cluster !== 'hub' || e.kind !== 'ManifestWork' || e.noop || !o.object || !isVrgWorkName(String(e.name))) return {};
    const mw = o.object as ManifestWork;
    const key = `${String(e.ns ?? '')}/${String(e.name)}`;
    const before = this.stored.get(key);
    const gone = e.verb === 'remove' || (e.verb === 'delete' && mw.metadata.deletionTimestamp === undefined);
    const after = gone ? undefined : vrgOf(mw);
    if (gone) this.stored.delete(key);
    else this.stored.set(key, after);
    if (e.actor !== HUB_OPERATOR || !WRITE_VERBS.has(String(e.verb))) return {};
    const written: VrgWorkWrite = { key, cluster: String(e.ns ?? ''), drpc: drpcOfWork(mw), verb: String(e.verb), before, after, seq: e.seq, atMs: e.t };
    // Deletions name no purpose (the hub traces them as hub.vrg.delete), so they never wait for one.
    if (written.verb !== 'delete') this.untagged.set(key, written);
    return { written };
  }
}

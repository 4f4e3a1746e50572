// DR-cluster spec §15 property 1: no self-promotion.

import type { VolumeReplication } from '../../../engine/api/storage/volume-replication.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

/** How long a reconcile that read the VRG spec before it changed may keep writing under it. */
export const SPEC_CHANGE_GRACE_MS = 1_000;

export function vrFollowsVrg(): Checker {
  const log = new ViolationLog();
  return {
    name: 'vr-follows-vrg',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 1',
    explanation:
      "The DR-cluster operator writes a VolumeReplication with replicationState primary only while its VRG's spec says primary, " +
      'with secondary only while it says secondary, and never writes resync. A reconcile that read the spec up to ' +
      `${SPEC_CHANGE_GRACE_MS} ms before the hub changed it is allowed to finish; anything later is the cluster promoting itself.`,
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      // Unchanged writes count too: the operator still asked for that state, only the server had it already.
      if (e.type !== 'api.write' || e.kind !== 'VolumeReplication' || e.actor !== DR_OPERATOR || !o.object) return;
      if (e.verb !== 'create' && e.verb !== 'update' && e.verb !== 'patch') return;
      const vr = o.object as VolumeReplication;
      const wanted = vr.spec?.replicationState ?? '';
      const cluster = String(e.cluster);
      if (wanted !== 'primary' && wanted !== 'secondary') {
        log.add(e.t, `${cluster}: VolumeReplication ${String(e.ns)}/${vr.metadata.name} written with replicationState ${wanted || '(none)'}`, [e.seq]);
        return;
      }
      const owners = w.vrgs.all().filter((r) => r.cluster === cluster && r.namespace === (vr.metadata.namespace ?? '') && r.exists);
      if (owners.length === 0) return;
      if (owners.some((r) => w.vrgs.specWas(r, wanted, e.t, SPEC_CHANGE_GRACE_MS))) return;
      const r = owners[0]!;
      log.add(e.t, `${cluster}: VolumeReplication ${String(e.ns)}/${vr.metadata.name} set to ${wanted} while VRG ${r.name} asks for ${r.specState}`, [e.seq, r.lastSeq], `${cluster}/${vr.metadata.name}/${r.specSinceMs}`);
    },
    finish: () => log.report('safety'),
  };
}

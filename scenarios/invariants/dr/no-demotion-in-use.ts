// DR-cluster spec §15 property 2: no demotion of in-use data.

import type { PersistentVolumeClaim, Pod, VolumeAttachment } from '../../../sim/storage/core-shapes.js';
import { claimNamesOf } from '../../../sim/storage/core-shapes.js';
import type { VolumeReplication } from '../../../engine/api/storage/volume-replication.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';

export function noDemotionInUse(): Checker {
  const log = new ViolationLog();
  const lastState = new Map<string, string>();
  return {
    name: 'no-demotion-in-use',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 2',
    explanation:
      'The DR-cluster operator never sets a VolumeReplication to secondary while a Pod in the PVC\'s namespace mounts the PVC or a ' +
      "VolumeAttachment holds its PV, and, unless the VRG's action is Failover, never while the PVC lacks a deletion timestamp. " +
      'Checked against the stored Pods, VolumeAttachments and PVC at the moment of the write.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      if (e.type !== 'api.write' || e.kind !== 'VolumeReplication' || !o.object || e.noop) return;
      const cluster = String(e.cluster);
      const key = `${cluster}/${String(e.ns)}/${String(e.name)}`;
      const vr = o.object as VolumeReplication;
      const state = vr.spec?.replicationState ?? '';
      const before = lastState.get(key);
      if (e.verb === 'remove') lastState.delete(key);
      else lastState.set(key, state);
      if (e.actor !== DR_OPERATOR || state !== 'secondary' || before === 'secondary' || e.verb === 'status' || e.verb === 'remove' || e.verb === 'delete') return;
      const ns = vr.metadata.namespace ?? '';
      const claim = vr.spec?.dataSource?.name ?? vr.metadata.name;
      const problems: string[] = [];
      const pods = w.world.peekAll<Pod>(cluster, 'v1', 'Pod', ns).filter((p) => claimNamesOf(p).includes(claim));
      if (pods.length) problems.push(`Pod ${pods[0]!.metadata.name} mounts it`);
      const pvc = w.peek<PersistentVolumeClaim>(cluster, 'v1', 'PersistentVolumeClaim', claim, ns);
      const pvName = pvc?.spec?.volumeName;
      if (pvName && w.world.peekAll<VolumeAttachment>(cluster, 'storage.k8s.io/v1', 'VolumeAttachment').some((va) => va.spec?.source?.persistentVolumeName === pvName)) {
        problems.push(`PV ${pvName} is attached`);
      }
      const vrg = w.vrgs.all().find((r) => r.cluster === cluster && r.namespace === ns && r.exists);
      if (vrg && vrg.object.spec?.action !== 'Failover' && pvc && pvc.metadata.deletionTimestamp === undefined) problems.push(`the PVC is not being deleted and the VRG action is ${vrg.object.spec?.action || 'none'}`);
      if (problems.length === 0) return;
      log.add(e.t, `${cluster}: VolumeReplication ${ns}/${vr.metadata.name} set to secondary while ${problems.join('; ')}`, [e.seq, vrg?.lastSeq ?? -1], String(e.seq));
    },
    finish: () => log.report('safety'),
  };
}

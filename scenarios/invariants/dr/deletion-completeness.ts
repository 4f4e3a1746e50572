// DR-cluster spec §15 property 17: deletion completeness.

import { VRG_FINALIZER } from '../../../engine/api/ramen/dr-constants.js';
import type { KubeObject } from '../../../engine/api/meta.js';
import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { VELERO_API_VERSION } from '../../../engine/api/storage/velero.js';
import { VOLSYNC_API_VERSION } from '../../../engine/api/storage/volsync.js';
import { SNAPSHOT_API_VERSION } from '../../../engine/api/storage/volume-snapshot.js';
import { vrgPrefix } from '../../../engine/dr/vrg/s3-layout.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { DR_OPERATOR, REPLICATION } from '../kinds.js';
import type { ObservedWorld } from '../observed-world.js';
import { hasFinalizer, isDeleting, ownedBy, vrgBuckets } from './dr-facts.js';
import { StoredForms } from './dr-memory.js';
import { S3Activity } from './s3-activity.js';

/** What of the VRG's is still there when its finalizer goes. */
function leftovers(w: ObservedWorld, cluster: string, vrg: VolumeReplicationGroup, s3: S3Activity): string[] {
  const ns = vrg.metadata.namespace ?? '';
  const name = vrg.metadata.name;
  const out: string[] = [];
  const live = (apiVersion: string, kind: string, namespace?: string): KubeObject[] => w.world.peekAll(cluster, apiVersion, kind, namespace);
  for (const vr of live(REPLICATION, 'VolumeReplication')) if (ownedBy(vr, ns, name)) out.push(`VolumeReplication ${vr.metadata.namespace ?? ''}/${vr.metadata.name}${isDeleting(vr) ? ' (being deleted)' : ''}`);
  // Ramen's VolSync cleanup covers the PVCs its status lists and the destinations its spec names.
  const volSyncPvcs = [
    ...(vrg.status?.protectedPVCs ?? []).filter((p) => p.protectedByVolSync).map((p) => ({ namespace: p.namespace ?? ns, name: p.name ?? '' })),
    ...(vrg.spec?.volSync?.rdSpec ?? []).map((r) => ({ namespace: r.protectedPVC?.namespace ?? ns, name: r.protectedPVC?.name ?? '' })),
  ];
  for (const kind of ['ReplicationSource', 'ReplicationDestination']) {
    for (const p of volSyncPvcs) {
      const obj = w.peek(cluster, VOLSYNC_API_VERSION, kind, p.name, p.namespace);
      if (obj && !isDeleting(obj) && ownedBy(obj, ns, name, true)) out.push(`${kind} ${p.namespace}/${p.name}`);
    }
  }
  for (const pvcNs of new Set(volSyncPvcs.map((p) => p.namespace))) {
    for (const snap of live(SNAPSHOT_API_VERSION, 'VolumeSnapshot', pvcNs)) if (!isDeleting(snap) && ownedBy(snap, ns, name, true)) out.push(`VolumeSnapshot ${pvcNs}/${snap.metadata.name}`);
  }
  if (vrg.spec?.kubeObjectProtection) {
    for (const kind of ['Backup', 'Restore', 'BackupStorageLocation']) for (const obj of live(VELERO_API_VERSION, kind)) if (!isDeleting(obj) && ownedBy(obj, ns, name)) out.push(`Velero ${kind} ${obj.metadata.name}`);
  }
  if (vrg.spec?.replicationState === 'primary') {
    const prefix = vrgPrefix(ns, name);
    for (const b of vrgBuckets(w, vrg)) {
      const deletedAt = s3.lastDelete(b.url, cluster, `${ns}/${name}`);
      // A key another writer (or Velero, under kube-objects/) put after this cluster emptied the prefix, or
      // that another writer put while this cluster found the prefix empty, is not this deletion's.
      const stale = b.keys(prefix).filter((k) => {
        const put = s3.lastPut(b.url, k);
        if (!put) return true;
        const before = deletedAt === undefined || put.atMs < deletedAt;
        if (put.caller === cluster) return before || !k.startsWith(`${prefix}kube-objects/`);
        return deletedAt !== undefined && before;
      });
      if (stale.length) out.push(`${stale.length} S3 object(s) under ${prefix} in profile ${b.profile} (${stale[0]!})`);
    }
  }
  return out;
}

export function deletionCompleteness(): Checker {
  const log = new ViolationLog();
  const forms = new StoredForms({ VolumeReplicationGroup: 'ramendr.openshift.io/v1alpha1' });
  const s3 = new S3Activity();
  return {
    name: 'deletion-completeness',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 17, §7.5',
    explanation:
      "When the DR-cluster operator removes a VRG's vrg-protection finalizer, no VolumeReplication carrying its owner labels is " +
      'stored, the VolSync ReplicationSources, ReplicationDestinations and VolumeSnapshots it owns for the PVCs in its status and ' +
      'spec are gone or being deleted, its Velero Backups, Restores and locations are gone or being deleted (kube-object ' +
      'protection enabled), and, for a primary, its S3 prefix holds nothing in any profile it names except objects another ' +
      'cluster (or Velero) wrote after this cluster last deleted under the prefix.',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      s3.observe(e);
      const seen = forms.seen(o, w);
      if (!seen?.before || !seen.after || e.actor !== DR_OPERATOR || e.verb === 'status') return;
      if (!hasFinalizer(seen.before, VRG_FINALIZER) || hasFinalizer(seen.after, VRG_FINALIZER)) return;
      const cluster = String(e.cluster);
      const vrg = seen.after as VolumeReplicationGroup;
      const left = leftovers(w, cluster, vrg, s3);
      if (left.length === 0) return;
      log.add(e.t, `${cluster}: VRG ${vrg.metadata.namespace ?? ''}/${vrg.metadata.name} finalizer removed while ${left.slice(0, 4).join('; ')} remained`, [e.seq], `${cluster}/${vrg.metadata.uid ?? ''}`);
    },
    finish: () => log.report('safety'),
  };
}

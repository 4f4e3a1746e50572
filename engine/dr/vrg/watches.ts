// What wakes the VRG reconciler (dr-cluster spec §3.1): VRG spec, label and annotation changes; PVC
// events mapped to every VRG selecting the PVC or owning it, filtered by Ramen's update predicate;
// VolumeReplication changes mapped to their VRG; and changes of the operator ConfigMap, which enqueue
// every VRG. Map functions are synchronous, so an index of VRGs (and of the parsed config) is kept
// from watch events, as controller-runtime's informer cache would provide.

import { matchesSelector } from '../../api/meta.js';
import type { KubeObject } from '../../api/meta.js';
import {
  ANN_VR_ARCHIVED,
  ANN_VR_PROTECTED,
  K8S_PVC_PROTECTION_FINALIZER,
  LABEL_OWNER_NAME,
  LABEL_OWNER_NAMESPACE_NAME,
  LABEL_VOLSYNC_OWNER,
  LABEL_VOLSYNC_OWNER_NAMESPACE,
  PVC_VR_PROTECTION_FINALIZER,
  RAMEN_CONFIG_MAP_KEY,
  RAMEN_CONFIG_MAP_NAME,
} from '../../api/ramen/dr-constants.js';
import { parseRamenConfig } from '../../api/ramen/ramen-config.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { VRG_KIND } from '../../api/ramen/vrg.js';
import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import { BackupKind, RestoreKind } from '../../api/storage/velero.js';
import { ReplicationDestinationKind, ReplicationSourceKind } from '../../api/storage/volsync.js';
import { VolumeReplicationKind } from '../../api/storage/volume-replication.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { Request, WatchSpec } from '../../runtime/reconcile.js';
import { CONFIG_MAP_KIND, PVC_KIND } from '../core-kinds.js';
import type { ConfigMap, Pvc } from '../core-kinds.js';
import { pvcSelectionOf } from './pvc-selector.js';
import { jsonEqual } from './status.js';
import { skipPvc } from './volrep.js';

/** The VRGs and RamenConfig as last seen on watches, with the VRGs of each namespace at hand. */
export class VrgIndex {
  private readonly vrgs = new Map<string, VolumeReplicationGroup>();
  /** VRG keys by the VRG's own namespace: a PVC event only ever concerns a few of them. */
  private readonly byNamespace = new Map<string, Set<string>>();
  config: RamenConfig = { ramenControllerType: '' };

  observe(vrg: VolumeReplicationGroup, deleted: boolean): void {
    const ns = vrg.metadata.namespace ?? '';
    const key = `${ns}/${vrg.metadata.name}`;
    if (deleted) {
      this.vrgs.delete(key);
      const keys = this.byNamespace.get(ns);
      if (keys?.delete(key) && keys.size === 0) this.byNamespace.delete(ns);
      return;
    }
    this.vrgs.set(key, vrg);
    let keys = this.byNamespace.get(ns);
    if (!keys) this.byNamespace.set(ns, (keys = new Set()));
    keys.add(key);
  }

  all(): VolumeReplicationGroup[] {
    return sortByKey([...this.vrgs.values()]);
  }

  get(namespace: string, name: string): VolumeReplicationGroup | undefined {
    return this.vrgs.get(`${namespace}/${name}`);
  }

  /** The VRGs whose own namespace is `namespace`. */
  inNamespace(namespace: string): VolumeReplicationGroup[] {
    return [...(this.byNamespace.get(namespace) ?? [])].map((k) => this.vrgs.get(k)!);
  }

  clear(): void {
    this.vrgs.clear();
    this.byNamespace.clear();
  }
}

function sortByKey(vrgs: VolumeReplicationGroup[]): VolumeReplicationGroup[] {
  return vrgs.sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
}

const requestOf = (vrg: VolumeReplicationGroup): Request => ({ namespace: vrg.metadata.namespace ?? '', name: vrg.metadata.name });

/**
 * Ramen's filterPVC: VRGs whose selector and namespaces match, or whose owner labels the PVC carries.
 * Only three kinds of VRG can match: those in the PVC's namespace, multi-namespace VRGs (which live in
 * the ramen ops namespace), and the owner the labels name; the rule is applied to those alone.
 */
export function vrgsForPvc(index: VrgIndex, pvc: KubeObject): Request[] {
  const ownerNs = pvc.metadata.labels?.[LABEL_OWNER_NAMESPACE_NAME];
  const ownerName = pvc.metadata.labels?.[LABEL_OWNER_NAME];
  const candidates = new Set(index.inNamespace(pvc.metadata.namespace ?? ''));
  const opsNamespace = index.config.ramenOpsNamespace ?? '';
  if (opsNamespace !== '') for (const vrg of index.inNamespace(opsNamespace)) candidates.add(vrg);
  const owner = ownerNs !== undefined && ownerName !== undefined ? index.get(ownerNs, ownerName) : undefined;
  if (owner) candidates.add(owner);
  const out: VolumeReplicationGroup[] = [];
  for (const vrg of candidates) {
    const sel = pvcSelectionOf(vrg, index.config);
    const labelMatch = matchesSelector(pvc.metadata.labels, sel.labelSelector);
    const nsMatch = sel.namespaces.includes(pvc.metadata.namespace ?? '');
    const ownerMatch = ownerNs === vrg.metadata.namespace && ownerName === vrg.metadata.name;
    if ((labelMatch && nsMatch) || ownerMatch) out.push(vrg);
  }
  return sortByKey(out).map(requestOf);
}

const hasFin = (o: KubeObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f);
const hasAnn = (o: KubeObject, a: string): boolean => Object.prototype.hasOwnProperty.call(o.metadata.annotations ?? {}, a);

/** Ramen's updateEventDecision for PVC updates. */
export function pvcUpdateTriggers(oldPvc: Pvc, newPvc: Pvc): boolean {
  if (hasFin(oldPvc, PVC_VR_PROTECTION_FINALIZER) !== hasFin(newPvc, PVC_VR_PROTECTION_FINALIZER)) return false;
  if ((!hasAnn(oldPvc, ANN_VR_PROTECTED) && hasAnn(newPvc, ANN_VR_PROTECTED)) || (!hasAnn(oldPvc, ANN_VR_ARCHIVED) && hasAnn(newPvc, ANN_VR_ARCHIVED))) return false;
  if (!jsonEqual(oldPvc.metadata.labels ?? {}, newPvc.metadata.labels ?? {})) return true;
  if (!jsonEqual(oldPvc.spec, newPvc.spec)) return true;
  if (oldPvc.status?.phase !== 'Bound' && newPvc.status?.phase === 'Bound') return true;
  if (hasFin(oldPvc, K8S_PVC_PROTECTION_FINALIZER) && !hasFin(newPvc, K8S_PVC_PROTECTION_FINALIZER)) return true;
  return !skipPvc(newPvc).skip;
}

const vrgEventPasses = (obj: KubeObject, old: KubeObject | undefined): boolean =>
  old === undefined ||
  obj.metadata.generation !== old.metadata.generation ||
  obj.metadata.deletionTimestamp !== old.metadata.deletionTimestamp ||
  !jsonEqual(obj.metadata.labels ?? {}, old.metadata.labels ?? {}) ||
  !jsonEqual(obj.metadata.annotations ?? {}, old.metadata.annotations ?? {});

export function vrgWatches(client: ClusterClient, operatorNamespace: string, index: VrgIndex): WatchSpec[] {
  return [
    // The index watch: every VRG event updates the index and enqueues nothing.
    {
      client,
      kind: VRG_KIND,
      map: (obj, type) => {
        index.observe(obj as VolumeReplicationGroup, type === 'DELETED');
        return [];
      },
    },
    { client, kind: VRG_KIND, predicate: vrgEventPasses },
    {
      client,
      kind: PVC_KIND,
      predicate: (obj, old) => old === undefined || pvcUpdateTriggers(old as Pvc, obj as Pvc),
      map: (obj) => vrgsForPvc(index, obj),
    },
    {
      client,
      kind: VolumeReplicationKind,
      map: (obj) => {
        const ns = obj.metadata.labels?.[LABEL_OWNER_NAMESPACE_NAME];
        const name = obj.metadata.labels?.[LABEL_OWNER_NAME];
        const owner = obj.metadata.ownerReferences?.find((r) => r.kind === VRG_KIND.kind && r.controller);
        if (owner) return [{ namespace: obj.metadata.namespace ?? '', name: owner.name }];
        return ns !== undefined && name !== undefined ? [{ namespace: ns, name }] : [];
      },
    },
    // ReplicationSources and ReplicationDestinations carry the VolSync owner labels.
    ...[ReplicationSourceKind, ReplicationDestinationKind].map(
      (kind): WatchSpec => ({
        client,
        kind,
        map: (obj) => {
          const ns = obj.metadata.labels?.[LABEL_VOLSYNC_OWNER_NAMESPACE];
          const name = obj.metadata.labels?.[LABEL_VOLSYNC_OWNER];
          return ns !== undefined && name !== undefined ? [{ namespace: ns, name }] : [];
        },
      }),
    ),
    // Velero Backups and Restores carry the VRG's owner labels.
    ...[BackupKind, RestoreKind].map(
      (kind): WatchSpec => ({
        client,
        kind,
        map: (obj) => {
          const ns = obj.metadata.labels?.[LABEL_OWNER_NAMESPACE_NAME];
          const name = obj.metadata.labels?.[LABEL_OWNER_NAME];
          return ns !== undefined && name !== undefined ? [{ namespace: ns, name }] : [];
        },
      }),
    ),
    {
      client,
      kind: CONFIG_MAP_KIND,
      namespace: operatorNamespace,
      map: (obj) => {
        if (obj.metadata.name !== RAMEN_CONFIG_MAP_NAME) return [];
        try {
          index.config = parseRamenConfig((obj as ConfigMap).data?.[RAMEN_CONFIG_MAP_KEY] ?? '');
        } catch {
          // An undecodable config leaves the previous one in the index; reconciles report the error.
        }
        return index.all().map(requestOf);
      },
    },
  ];
}

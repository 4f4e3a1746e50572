// Storage as Ramen pairs it. On each DR cluster, StorageClasses and VolumeSnapshotClasses need the
// ramendr.openshift.io/storageid label and VolumeReplicationClasses storageid and replicationid. For
// each DRPolicy, a StorageClass of the same name on both clusters must pair: metro (interval "") by an
// equal storageid; regional by VolumeReplicationClasses with the policy's schedulingInterval and one
// replicationid (VolRep) or by VolumeSnapshotClasses of the provisioner (VolSync), as Ramen's peer-class
// discovery (drpolicy_peerclass.go) pairs them.

import { matchesSelector, type KubeObject, type LabelSelector } from '../../../engine/api/meta.js';
import { LABEL_REPLICATION_ID, LABEL_STORAGE_ID } from '../../../engine/api/ramen/dr-constants.js';
import { caseVariantOf } from '../../hints/labels.js';
import type { Check, ClusterReader } from '../doctor-types.js';
import { KINDS, listOrEmpty } from '../reads.js';
import { drPolicyStatusProblems, type DrCluster, type DrPolicy } from './topology.js';

type StorageClass = KubeObject & { provisioner?: string };
type SnapshotClass = KubeObject & { driver?: string };
type ReplicationClass = KubeObject<{ provisioner?: string; parameters?: Record<string, string> }>;

export interface ClusterStorage {
  name: string;
  storageClasses: StorageClass[];
  snapshotClasses: SnapshotClass[];
  replicationClasses: ReplicationClass[];
}

const label = (o: KubeObject, key: string): string | undefined => o.metadata.labels?.[key];

export async function readStorage(name: string, reader: ClusterReader): Promise<ClusterStorage> {
  return {
    name,
    storageClasses: await listOrEmpty<StorageClass>(reader, KINDS.storageClass),
    snapshotClasses: await listOrEmpty<SnapshotClass>(reader, KINDS.volumeSnapshotClass),
    replicationClasses: await listOrEmpty<ReplicationClass>(reader, KINDS.volumeReplicationClass),
  };
}

function caseMistakes(objs: KubeObject[]): string[] {
  return objs.flatMap((o) => Object.keys(o.metadata.labels ?? {}).filter((k) => caseVariantOf(k) !== undefined).map((k) => `${o.metadata.name} has ${k} (Ramen reads ${caseVariantOf(k)})`));
}

export function storageLabelCheck(s: ClusterStorage): Check {
  const base = { id: `storage.${s.name}`, title: `storage classes on ${s.name} labelled for Ramen`, cluster: s.name };
  const unlabelledSc = s.storageClasses.filter((c) => !label(c, LABEL_STORAGE_ID)).map((c) => c.metadata.name);
  const unlabelledVsc = s.snapshotClasses.filter((c) => !label(c, LABEL_STORAGE_ID)).map((c) => c.metadata.name);
  const unlabelledVrc = s.replicationClasses.filter((c) => !label(c, LABEL_STORAGE_ID) || !label(c, LABEL_REPLICATION_ID)).map((c) => c.metadata.name);
  const wrongCase = caseMistakes([...s.storageClasses, ...s.snapshotClasses, ...s.replicationClasses]);
  const labelledSc = s.storageClasses.length - unlabelledSc.length;
  const fix = `label each StorageClass and VolumeSnapshotClass Ramen should use with ${LABEL_STORAGE_ID}=<id of the storage system>, and each VolumeReplicationClass with ${LABEL_STORAGE_ID} and ${LABEL_REPLICATION_ID}=<id shared by the peer class on the other cluster>`;
  if (labelledSc === 0) {
    return { ...base, status: 'fail', detail: s.storageClasses.length === 0 ? 'no StorageClass' : `no StorageClass carries ${LABEL_STORAGE_ID}${wrongCase.length > 0 ? `; ${wrongCase.join('; ')}` : ''}`, fix };
  }
  const notes = [
    unlabelledSc.length > 0 ? `StorageClasses without ${LABEL_STORAGE_ID}: ${unlabelledSc.join(', ')}` : '',
    unlabelledVsc.length > 0 ? `VolumeSnapshotClasses without ${LABEL_STORAGE_ID}: ${unlabelledVsc.join(', ')}` : '',
    unlabelledVrc.length > 0 ? `VolumeReplicationClasses without ${LABEL_STORAGE_ID} and ${LABEL_REPLICATION_ID}: ${unlabelledVrc.join(', ')}` : '',
    ...wrongCase,
  ].filter((n) => n !== '');
  if (notes.length > 0) return { ...base, status: 'warn', detail: `${labelledSc} labelled StorageClass(es); ${notes.join('; ')}`, fix: `${fix}; unlabelled classes are invisible to Ramen` };
  return { ...base, status: 'ok', detail: `${labelledSc} StorageClass(es), ${s.snapshotClasses.length} VolumeSnapshotClass(es), ${s.replicationClasses.length} VolumeReplicationClass(es), all labelled` };
}

const asSelector = (v: unknown): LabelSelector | undefined => (v && typeof v === 'object' ? (v as LabelSelector) : undefined);

interface Pairing {
  storageClass: string;
  how: string;
}

/** How each StorageClass name present on both clusters pairs under this policy, or why it does not. */
function pairClasses(p: DrPolicy, a: ClusterStorage, b: ClusterStorage): { paired: Pairing[]; unpaired: string[] } {
  const interval = p.spec?.schedulingInterval ?? '';
  const vrcSel = asSelector(p.spec?.replicationClassSelector);
  const vscSel = asSelector(p.spec?.volumeSnapshotClassSelector);
  const paired: Pairing[] = [];
  const unpaired: string[] = [];
  for (const scA of a.storageClasses) {
    const name = scA.metadata.name;
    const scB = b.storageClasses.find((s) => s.metadata.name === name);
    const idA = label(scA, LABEL_STORAGE_ID);
    const idB = scB ? label(scB, LABEL_STORAGE_ID) : undefined;
    if (!scB || !idA || !idB) {
      if (idA || idB) unpaired.push(`${name}: ${!scB ? `absent on ${b.name}` : `no ${LABEL_STORAGE_ID} on ${!idA ? a.name : b.name}`}`);
      continue;
    }
    if (interval === '') {
      if (idA === idB) paired.push({ storageClass: name, how: `metro (storageid ${idA})` });
      else unpaired.push(`${name}: metro needs the same storageid on both clusters (${idA} vs ${idB})`);
      continue;
    }
    const vrcs = (s: ClusterStorage, sc: StorageClass, id: string): ReplicationClass[] =>
      s.replicationClasses.filter((v) => v.spec?.provisioner === sc.provisioner && label(v, LABEL_STORAGE_ID) === id && v.spec?.parameters?.schedulingInterval === interval && matchesSelector(v.metadata.labels, vrcSel));
    const ridsA = new Set(vrcs(a, scA, idA).map((v) => label(v, LABEL_REPLICATION_ID)).filter((r): r is string => !!r));
    const common = vrcs(b, scB, idB).map((v) => label(v, LABEL_REPLICATION_ID)).find((r) => r !== undefined && ridsA.has(r));
    if (common) {
      paired.push({ storageClass: name, how: `VolRep (replicationid ${common}, schedulingInterval ${interval})` });
      continue;
    }
    const vscs = (s: ClusterStorage, sc: StorageClass, id: string): SnapshotClass[] => s.snapshotClasses.filter((v) => v.driver === sc.provisioner && label(v, LABEL_STORAGE_ID) === id && matchesSelector(v.metadata.labels, vscSel));
    if (vscs(a, scA, idA).length > 0 && vscs(b, scB, idB).length > 0) {
      paired.push({ storageClass: name, how: 'VolSync (snapshot classes on both clusters)' });
      continue;
    }
    unpaired.push(`${name}: no VolumeReplicationClass with schedulingInterval ${interval} and a common ${LABEL_REPLICATION_ID}, and no labelled VolumeSnapshotClass for ${scA.provisioner ?? 'its provisioner'} on both clusters`);
  }
  return { paired, unpaired };
}

export function drPolicyChecks(policies: readonly DrPolicy[], drClusters: readonly DrCluster[], storage: readonly ClusterStorage[]): Check[] {
  if (policies.length === 0) {
    return [{ id: 'drpolicies', title: 'DRPolicies on the hub', cluster: 'hub', status: 'fail', detail: 'no DRPolicy exists', fix: 'create a DRPolicy with spec.drClusters (the two DRCluster names) and spec.schedulingInterval ("5m" for regional, "" for metro)' }];
  }
  return policies.map((p) => {
    const base = { id: `drpolicy.${p.metadata.name}`, title: `DRPolicy ${p.metadata.name} validated with peer classes on both clusters`, cluster: 'hub' };
    const own = drPolicyStatusProblems(p, drClusters);
    if (own.status === 'fail') return { ...base, ...own };
    const [ca, cb] = p.spec?.drClusters ?? [];
    const a = storage.find((s) => s.name === ca);
    const b = storage.find((s) => s.name === cb);
    if (!a || !b) return { ...base, status: 'warn', detail: `${own.detail}; classes not checked: no access to ${!a ? ca : cb}`, fix: 'run the doctor with access to both managed clusters' };
    const { paired, unpaired } = pairClasses(p, a, b);
    if (paired.length === 0) {
      return {
        ...base,
        status: 'fail',
        detail: `${own.detail}; no StorageClass pairs between ${a.name} and ${b.name}${unpaired.length > 0 ? `: ${unpaired.join('; ')}` : ''}`,
        fix: (p.spec?.schedulingInterval ?? '') === ''
          ? `give a StorageClass of the same name on both clusters the same ${LABEL_STORAGE_ID}`
          : `on both clusters: a VolumeReplicationClass for the StorageClass's provisioner, labelled with its ${LABEL_STORAGE_ID} and one shared ${LABEL_REPLICATION_ID}, with parameters.schedulingInterval "${p.spec?.schedulingInterval}"; or a VolumeSnapshotClass of the provisioner labelled with the ${LABEL_STORAGE_ID} (VolSync)`,
      };
    }
    const detail = `${own.detail}; ${paired.map((x) => `${x.storageClass}: ${x.how}`).join('; ')}${unpaired.length > 0 ? `; not paired: ${unpaired.join('; ')}` : ''}`;
    if (own.status === 'warn') return { ...base, status: 'warn', detail, ...(own.fix ? { fix: own.fix } : {}) };
    // A StorageClass labelled for Ramen that does not pair cannot protect the PVCs that use it.
    if (unpaired.length > 0) return { ...base, status: 'warn', detail, fix: 'PVCs of the unpaired StorageClasses cannot be protected under this policy: label and class them on both clusters as for the paired ones' };
    return { ...base, status: 'ok', detail };
  });
}

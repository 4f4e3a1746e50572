// What OCM's hub backup gives a restored hub: backup-labelled objects (Ramen's) and the OCM kinds the
// backup covers, without status, identity or owners; ManifestWorks, views, PlacementDecisions,
// replicated policies, leases and Velero-excluded objects lost. Then a restore into a wiped hub.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { OCM_BACKUP_LABEL, VELERO_EXCLUDE_LABEL } from '../../../../engine/api/ocm/backup-label.js';
import { LeaseKind } from '../../../../engine/api/ocm/lease.js';
import { ManagedClusterKind } from '../../../../engine/api/ocm/managed-cluster.js';
import { ManagedClusterViewKind } from '../../../../engine/api/ocm/managed-cluster-view.js';
import { ManifestWorkKind } from '../../../../engine/api/ocm/manifest-work.js';
import { PlacementKind } from '../../../../engine/api/ocm/placement.js';
import { PlacementDecisionKind } from '../../../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind } from '../../../../engine/api/ocm/placement-rule.js';
import { PolicyKind, ROOT_POLICY_LABEL } from '../../../../engine/api/ocm/policy.js';
import { VELERO_BACKUP_NAME_LABEL, hubBackupRestore, isBackedUp } from '../../../../sim/ocm/hub-backup.js';
import { ocmRig } from './ocm-rig.js';

function obj(apiVersion: string, kind: string, name: string, namespace?: string, labels?: Record<string, string>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion,
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), uid: `uid-${name}`, resourceVersion: '7', generation: 3, creationTimestamp: '2026-01-01T00:00:00Z', ...(labels ? { labels } : {}) },
    status: { phase: 'x' },
    ...extra,
  };
}

const RAMEN = 'ramendr.openshift.io/v1alpha1';

describe('hub backup selection', () => {
  const dump: KubeObject[] = [
    obj(RAMEN, 'DRPlacementControl', 'busybox-drpc', 'apps', { [OCM_BACKUP_LABEL]: 'ramen' }, { metadata: { name: 'busybox-drpc', namespace: 'apps', labels: { [OCM_BACKUP_LABEL]: 'ramen' }, finalizers: ['drpc.ramendr.openshift.io/finalizer'], ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'p', uid: 'u' }] } }),
    obj(RAMEN, 'DRPolicy', 'dr-policy', undefined, { [OCM_BACKUP_LABEL]: 'ramen' }),
    obj(RAMEN, 'DRCluster', 'east', undefined, { [OCM_BACKUP_LABEL]: 'ramen' }),
    obj(RAMEN, 'DRCluster', 'unlabelled'),
    obj('v1', 'ConfigMap', 'ramen-hub-operator-config', 'ramen-system', { [OCM_BACKUP_LABEL]: 'ramen' }),
    obj('v1', 'ConfigMap', 'other', 'ramen-system'),
    obj(ManagedClusterKind.apiVersion, 'ManagedCluster', 'east'),
    obj(PlacementKind.apiVersion, 'Placement', 'busybox-placement', 'apps'),
    obj(PlacementRuleKind.apiVersion, 'PlacementRule', 'rule', 'apps'),
    obj(PlacementDecisionKind.apiVersion, 'PlacementDecision', 'busybox-placement-decision-1', 'apps', { [VELERO_EXCLUDE_LABEL]: 'true' }),
    obj(PlacementDecisionKind.apiVersion, 'PlacementDecision', 'ocm-decision-1', 'apps'),
    obj(ManifestWorkKind.apiVersion, 'ManifestWork', 'busybox-drpc-apps-vrg-mw', 'east', { 'ramendr.openshift.io/created-by-ramen': 'true' }),
    obj(ManagedClusterViewKind.apiVersion, 'ManagedClusterView', 'busybox-drpc-apps-vrg-mcv', 'east'),
    obj(PolicyKind.apiVersion, 'Policy', 's3secret', 'ramen-system'),
    obj(PolicyKind.apiVersion, 'Policy', 'ramen-system.s3secret', 'east', { [ROOT_POLICY_LABEL]: 'ramen-system.s3secret' }),
    obj(LeaseKind.apiVersion, 'Lease', 'managed-cluster-lease', 'east'),
    obj('v1', 'Namespace', 'apps'),
  ];

  it('keeps exactly the backed-up kinds and labelled objects', () => {
    const names = hubBackupRestore(dump).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(names.sort()).toEqual(
      [
        'ConfigMap/ramen-hub-operator-config',
        'DRCluster/east',
        'DRPlacementControl/busybox-drpc',
        'DRPolicy/dr-policy',
        'ManagedCluster/east',
        'Placement/busybox-placement',
        'PlacementRule/rule',
        'Policy/s3secret',
      ].sort(),
    );
  });

  it('restores without status, identity or owners, with finalizers kept and Velero labels added', () => {
    const drpc = hubBackupRestore(dump).find((o) => o.kind === 'DRPlacementControl')!;
    expect(drpc.status).toBeUndefined();
    expect(drpc.metadata).toEqual({
      name: 'busybox-drpc',
      namespace: 'apps',
      labels: { [OCM_BACKUP_LABEL]: 'ramen', [VELERO_BACKUP_NAME_LABEL]: 'acm-resources-schedule', 'velero.io/restore-name': 'restore-acm' },
      finalizers: ['drpc.ramendr.openshift.io/finalizer'],
    });
    // Cluster-scoped objects come first.
    const restored = hubBackupRestore(dump);
    const firstNamespaced = restored.findIndex((o) => o.metadata.namespace !== undefined);
    expect(restored.slice(firstNamespaced).every((o) => o.metadata.namespace !== undefined)).toBe(true);
  });

  it('never carries ManifestWorks, views or decisions', () => {
    for (const o of dump.filter((x) => ['ManifestWork', 'ManagedClusterView', 'PlacementDecision'].includes(x.kind))) expect(isBackedUp(o)).toBe(false);
  });

  it('restores into a wiped hub that the clusters then rejoin', async () => {
    const rig = await ocmRig();
    await rig.hubClient.create(rig.nsObject('apps'));
    await rig.hubClient.create({ apiVersion: PlacementKind.apiVersion, kind: PlacementKind.kind, metadata: { name: 'p', namespace: 'apps' }, spec: {} });
    await rig.hubClient.create({ apiVersion: ManifestWorkKind.apiVersion, kind: ManifestWorkKind.kind, metadata: { name: 'w', namespace: 'east' }, spec: {} });
    await rig.runFor(10_000);
    const backup = hubBackupRestore(rig.hub.dump());
    rig.hub.wipe();
    const result = rig.hub.restore(backup);
    expect(result.failed).toEqual([]);
    expect(rig.peek('hub', ManifestWorkKind, 'w', 'east')).toBeUndefined();
    expect(rig.peek('hub', PlacementKind, 'p', 'apps')).toBeDefined();
    expect(rig.availability('east')).toBeUndefined();
    expect(await rig.until(() => rig.availability('east') === 'True' && rig.availability('west') === 'True', 5 * 60_000)).toBe(true);
  });
});

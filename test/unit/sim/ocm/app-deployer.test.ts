// The app deployer: an app follows its placement's decisions through ManifestWorks, appears on the
// decided cluster, is removed (PVCs included, namespace kept) from a cluster no longer decided, only
// when that cluster's link works, and stays where a RetainedForFailover decision keeps it.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { PLACEMENT_DISABLE_ANNOTATION, PlacementKind } from '../../../../engine/api/ocm/placement.js';
import { PLACEMENT_LABEL, PlacementDecisionKind, type ClusterDecision, type PlacementDecision } from '../../../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind, type PlacementRule } from '../../../../engine/api/ocm/placement-rule.js';
import { ManifestWorkKind, type ManifestWork } from '../../../../engine/api/ocm/manifest-work.js';
import { appWorkName, type AppDefinition } from '../../../../sim/ocm/app-deployer.js';
import { ocmRig, type OcmRig } from './ocm-rig.js';

const PVC = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' } as const;
const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
const NS = { apiVersion: 'v1', kind: 'Namespace' } as const;

function pvc(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'busybox', labels: { app: 'busybox' } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'rbd' },
  };
}

function app(placement: AppDefinition['placement']): AppDefinition {
  return {
    name: 'busybox',
    namespace: 'busybox',
    placement,
    manifests: [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'busybox' } },
      pvc('data'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'busybox-config', namespace: 'busybox', labels: { app: 'busybox' } }, data: { mode: 'write' } },
    ],
  };
}

async function ramenPlacement(rig: OcmRig): Promise<void> {
  await rig.hubClient.create(rig.nsObject('apps'));
  await rig.hubClient.create({
    apiVersion: PlacementKind.apiVersion,
    kind: PlacementKind.kind,
    metadata: { name: 'busybox-placement', namespace: 'apps', annotations: { [PLACEMENT_DISABLE_ANNOTATION]: 'true' } },
    spec: { numberOfClusters: 1 },
  });
  await rig.hubClient.create({
    apiVersion: PlacementDecisionKind.apiVersion,
    kind: PlacementDecisionKind.kind,
    metadata: { name: 'busybox-placement-decision-1', namespace: 'apps', labels: { [PLACEMENT_LABEL]: 'busybox-placement' } },
  });
}

/** Writes the decision list as Ramen would. */
async function decide(rig: OcmRig, decisions: ClusterDecision[]): Promise<void> {
  const pd = await rig.hubClient.get<PlacementDecision>(PlacementDecisionKind, { namespace: 'apps', name: 'busybox-placement-decision-1' });
  await rig.hubClient.updateStatus({ ...pd, status: { decisions } });
}

const onCluster = (rig: OcmRig, cluster: string): boolean => rig.peek(cluster, PVC, 'data', 'busybox') !== undefined && rig.peek(cluster, CM, 'busybox-config', 'busybox') !== undefined;

async function deployedOnEast(): Promise<OcmRig> {
  const rig = await ocmRig();
  await ramenPlacement(rig);
  rig.deployer.register(app({ kind: 'Placement', namespace: 'apps', name: 'busybox-placement' }));
  await decide(rig, [{ clusterName: 'east', reason: 'east' }]);
  expect(await rig.until(() => onCluster(rig, 'east'), 60_000)).toBe(true);
  return rig;
}

describe('app deployer', () => {
  it('deploys the app only on the decided cluster', async () => {
    const rig = await deployedOnEast();
    await rig.runFor(60_000);
    expect(onCluster(rig, 'west')).toBe(false);
  });

  it('deploys nothing while there is no decision', async () => {
    const rig = await ocmRig();
    await ramenPlacement(rig);
    rig.deployer.register(app({ kind: 'Placement', namespace: 'apps', name: 'busybox-placement' }));
    await rig.runFor(2 * 60_000);
    expect(onCluster(rig, 'east') || onCluster(rig, 'west')).toBe(false);
  });

  it('moves the app when the decision moves: PVCs removed from the old cluster, namespace kept', async () => {
    const rig = await deployedOnEast();
    await decide(rig, [{ clusterName: 'west', reason: 'west' }]);
    expect(await rig.until(() => onCluster(rig, 'west') && rig.peek('east', PVC, 'data', 'busybox') === undefined, 60_000)).toBe(true);
    expect(rig.peek('east', CM, 'busybox-config', 'busybox')).toBeUndefined();
    expect(rig.peek('east', NS, 'busybox')).toBeDefined();
  });

  it('keeps the app on a cluster whose decision is RetainedForFailover', async () => {
    const rig = await deployedOnEast();
    await decide(rig, [
      { clusterName: 'east', reason: 'RetainedForFailover' },
      { clusterName: 'west', reason: '' },
    ]);
    expect(await rig.until(() => onCluster(rig, 'west'), 60_000)).toBe(true);
    await rig.runFor(2 * 60_000);
    expect(onCluster(rig, 'east')).toBe(true);
    // Dropping the retained entry finally removes it.
    await decide(rig, [{ clusterName: 'west', reason: '' }]);
    expect(await rig.until(() => !onCluster(rig, 'east'), 60_000)).toBe(true);
  });

  it('removes the app from an unreachable cluster only after the link heals', async () => {
    const rig = await deployedOnEast();
    rig.network.cut('east', 'hub');
    await decide(rig, [{ clusterName: 'west', reason: '' }]);
    expect(await rig.until(() => onCluster(rig, 'west'), 60_000)).toBe(true);
    await rig.runFor(10 * 60_000);
    expect(onCluster(rig, 'east')).toBe(true);
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => !onCluster(rig, 'east'), 2 * 60_000)).toBe(true);
  });

  it('leaves fields it does not set alone (a bound claim keeps its volume name)', async () => {
    const rig = await deployedOnEast();
    const local = rig.client('east');
    const claim = await local.get(PVC, { namespace: 'busybox', name: 'data' });
    await local.update({ ...claim, spec: { ...(claim.spec as object), volumeName: 'pv-1' } });
    await rig.runFor(3 * 60_000);
    expect((rig.peek('east', PVC, 'data', 'busybox')!.spec as { volumeName?: string }).volumeName).toBe('pv-1');
    // A plain Update would have tried to clear it, been refused, and turned Applied False.
    const mw = rig.peek<ManifestWork>('hub', ManifestWorkKind, appWorkName({ namespace: 'busybox', name: 'busybox' }), 'east')!;
    expect(mw.status?.conditions?.find((c) => c.type === 'Applied')?.status).toBe('True');
  });

  it('follows a PlacementRule decided by OCM', async () => {
    const rig = await ocmRig();
    await rig.hubClient.create(rig.nsObject('apps'));
    const rule: PlacementRule = {
      apiVersion: PlacementRuleKind.apiVersion,
      kind: PlacementRuleKind.kind,
      metadata: { name: 'busybox-rule', namespace: 'apps' },
      spec: { clusters: [{ name: 'west' }], clusterReplicas: 1 },
    };
    await rig.hubClient.create(rule);
    rig.deployer.register(app({ kind: 'PlacementRule', namespace: 'apps', name: 'busybox-rule' }));
    expect(await rig.until(() => onCluster(rig, 'west'), 60_000)).toBe(true);
    expect(onCluster(rig, 'east')).toBe(false);
  });

  it('removes the app everywhere when it is unregistered', async () => {
    const rig = await deployedOnEast();
    rig.deployer.unregister('busybox', 'busybox');
    expect(await rig.until(() => !onCluster(rig, 'east'), 60_000)).toBe(true);
  });
});

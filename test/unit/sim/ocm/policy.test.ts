// S3 secret distribution as Ramen sets it up (hub spec §14.7): a Policy whose ConfigurationPolicy
// carries a Secret with `{{hub fromSecret ...}}` templates, bound by a PlacementBinding to a
// PlacementRule naming the cluster. The propagator copies it to the cluster's namespace with the
// templates resolved; the policy agent creates the Secret on the cluster and reports compliance.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { PlacementBindingKind, PolicyKind, ROOT_POLICY_LABEL, type Policy } from '../../../../engine/api/ocm/policy.js';
import { PlacementRuleKind } from '../../../../engine/api/ocm/placement-rule.js';
import { ocmRig, type OcmRig } from './ocm-rig.js';

const SECRET = { apiVersion: 'v1', kind: 'Secret' } as const;
const KEY_ID = Buffer.from('minio').toString('base64');
const SECRET_KEY = Buffer.from('minio123').toString('base64');

function templateSecret(name: string, fromNs: string, targetNs: string): KubeObject {
  const t = (key: string) => `{{hub fromSecret "${fromNs}" "${name}" "${key}" hub}}`;
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: targetNs }, data: { AWS_ACCESS_KEY_ID: t('AWS_ACCESS_KEY_ID'), AWS_SECRET_ACCESS_KEY: t('AWS_SECRET_ACCESS_KEY') } };
}

/** The objects Ramen's secrets_util creates for one secret and one cluster. */
async function distribute(rig: OcmRig, clusters: string[]): Promise<void> {
  const hub = rig.hubClient;
  await hub.create(rig.nsObject('ramen-system'));
  await hub.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's3secret', namespace: 'ramen-system' }, data: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY } });
  await hub.create({
    apiVersion: PlacementBindingKind.apiVersion,
    kind: PlacementBindingKind.kind,
    metadata: { name: 'plbinding-s3secret', namespace: 'ramen-system' },
    placementRef: { apiGroup: 'apps.open-cluster-management.io', kind: 'PlacementRule', name: 'plrule-s3secret' },
    subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: 's3secret' }],
  });
  await hub.create<Policy>({
    apiVersion: PolicyKind.apiVersion,
    kind: PolicyKind.kind,
    metadata: { name: 's3secret', namespace: 'ramen-system', annotations: { 'policy.open-cluster-management.io/trigger-update': '1' } },
    spec: {
      remediationAction: 'Enforce',
      disabled: false,
      'policy-templates': [
        {
          objectDefinition: {
            apiVersion: 'policy.open-cluster-management.io/v1',
            kind: 'ConfigurationPolicy',
            metadata: { name: 'cfg-policy-s3secret' },
            spec: { remediationAction: 'enforce', severity: 'high', 'object-templates': [{ complianceType: 'musthave', objectDefinition: templateSecret('s3secret', 'ramen-system', 'ramen-ops') }] },
          },
        },
      ],
    },
  });
  await hub.create({ apiVersion: PlacementRuleKind.apiVersion, kind: PlacementRuleKind.kind, metadata: { name: 'plrule-s3secret', namespace: 'ramen-system' }, spec: { clusters: clusters.map((name) => ({ name })) } });
}

const secretOn = (rig: OcmRig, cluster: string): KubeObject | undefined => rig.peek(cluster, SECRET, 's3secret', 'ramen-ops');

describe('secret distribution by governance policy', () => {
  it('copies the hub secret, templates resolved, to the decided cluster and reports Compliant', async () => {
    const rig = await ocmRig();
    await rig.client('east').create(rig.nsObject('ramen-ops'));
    await distribute(rig, ['east']);
    expect(await rig.until(() => secretOn(rig, 'east') !== undefined, 60_000)).toBe(true);
    expect(secretOn(rig, 'east')!.data).toEqual({ AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET_KEY });
    expect(secretOn(rig, 'west')).toBeUndefined();
    const replica = rig.peek<Policy>('hub', PolicyKind, 'ramen-system.s3secret', 'east')!;
    expect(replica.metadata.labels?.[ROOT_POLICY_LABEL]).toBe('ramen-system.s3secret');
    expect(await rig.until(() => rig.peek<Policy>('hub', PolicyKind, 's3secret', 'ramen-system')?.status?.compliant === 'Compliant', 60_000)).toBe(true);
    expect(rig.peek<Policy>('hub', PolicyKind, 's3secret', 'ramen-system')!.status!.status).toEqual([{ clustername: 'east', clusternamespace: 'east', compliant: 'Compliant' }]);
  });

  it('reports NonCompliant while the target namespace is missing, and enforces once it exists', async () => {
    const rig = await ocmRig();
    await distribute(rig, ['west']);
    expect(await rig.until(() => rig.peek<Policy>('hub', PolicyKind, 'ramen-system.s3secret', 'west')?.status?.compliant === 'NonCompliant', 60_000)).toBe(true);
    await rig.client('west').create(rig.nsObject('ramen-ops'));
    expect(await rig.until(() => secretOn(rig, 'west') !== undefined, 2 * 60_000)).toBe(true);
  });

  it('reaches a partitioned cluster only after the link heals', async () => {
    const rig = await ocmRig();
    await rig.client('east').create(rig.nsObject('ramen-ops'));
    rig.network.cut('east', 'hub');
    await distribute(rig, ['east']);
    await rig.runFor(5 * 60_000);
    expect(secretOn(rig, 'east')).toBeUndefined();
    rig.network.heal('east', 'hub');
    expect(await rig.until(() => secretOn(rig, 'east') !== undefined, 2 * 60_000)).toBe(true);
  });

  it('withdraws the replica (and keeps the secret) when the cluster leaves the rule', async () => {
    const rig = await ocmRig();
    await rig.client('east').create(rig.nsObject('ramen-ops'));
    await distribute(rig, ['east']);
    expect(await rig.until(() => secretOn(rig, 'east') !== undefined, 60_000)).toBe(true);
    const rule = await rig.hubClient.get(PlacementRuleKind, { namespace: 'ramen-system', name: 'plrule-s3secret' });
    await rig.hubClient.update({ ...rule, spec: { clusters: [{ name: 'west' }] } });
    expect(await rig.until(() => rig.peek('hub', PolicyKind, 'ramen-system.s3secret', 'east') === undefined, 60_000)).toBe(true);
    expect(rig.peek('hub', PolicyKind, 'ramen-system.s3secret', 'west')).toBeDefined();
    expect(secretOn(rig, 'east')).toBeDefined();
  });

  it('withdraws every replica when the policy is deleted', async () => {
    const rig = await ocmRig();
    await rig.client('east').create(rig.nsObject('ramen-ops'));
    await distribute(rig, ['east']);
    expect(await rig.until(() => rig.peek('hub', PolicyKind, 'ramen-system.s3secret', 'east') !== undefined, 60_000)).toBe(true);
    await rig.hubClient.delete(PolicyKind, { namespace: 'ramen-system', name: 's3secret' });
    expect(await rig.until(() => rig.peek('hub', PolicyKind, 'ramen-system.s3secret', 'east') === undefined, 60_000)).toBe(true);
  });
});

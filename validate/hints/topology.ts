// Hints that tie the DR topology together across documents: DRClusters named after ManagedClusters,
// a DRPolicy's clusters present as DRClusters, each S3 profile a DRCluster or VRG names present in the
// configuration Ramen reads, the S3 Secrets with the keys Ramen reads, and the belief that a DRPolicy
// by itself protects applications.

import { S3_SECRET_ACCESS_KEY_ID, S3_SECRET_SECRET_ACCESS_KEY } from '../../engine/api/ramen/dr-constants.js';
import type { RamenConfig } from '../../engine/api/ramen/ramen-config.js';
import { isRecord, ofKind, stringAt, valueAt, type FoundConfig, type HintContext, type SetDoc } from './hint-context.js';

function profilesOf(cfgs: FoundConfig[]): Set<string> {
  return new Set(cfgs.flatMap((c) => (c.lint.config as RamenConfig | undefined)?.s3StoreProfiles ?? []).map((p) => p.s3ProfileName));
}

function drClusterHints(ctx: HintContext): void {
  const managed = ofKind(ctx, 'ManagedCluster', 'cluster.open-cluster-management.io');
  // The configuration the hub operator reads; when the set has none that is read, any meant for the hub.
  const hubConfigs = ctx.configs.filter((c) => c.role === 'hub' && c.doc.kind === 'ConfigMap');
  const hubProfiles = profilesOf(hubConfigs);
  for (const d of ofKind(ctx, 'DRCluster', 'ramendr.openshift.io')) {
    if (managed.length > 0 && !managed.some((m) => m.name === d.name)) {
      ctx.hint(d, ['metadata', 'name'], 'DrClusterNameNotManagedCluster', `DRCluster ${d.name} has no ManagedCluster of the same name in this set (${managed.map((m) => m.name).join(', ')})`, 'a DRCluster must be named after its OCM ManagedCluster: the hub writes ManifestWorks into the hub namespace of that name (otherwise DrClustersDeployFailed)');
    }
    const profile = stringAt(d.obj, ['spec', 's3ProfileName']);
    if (profile && hubConfigs.length > 0 && !hubProfiles.has(profile)) {
      const have = hubProfiles.size > 0 ? [...hubProfiles].join(', ') : 'none';
      ctx.hint(
        d,
        ['spec', 's3ProfileName'],
        'S3ProfileNotFound',
        `s3 profile ${profile} is not among the profiles Ramen decodes from ${hubConfigs.map((c) => c.doc.name).join(', ')} in this set (${have})`,
        `the DRCluster goes Validated False with reason s3ConnectionFailed: "s3 profile ${profile} not found in RamenConfig"`,
      );
    }
  }
  const drClusters = ofKind(ctx, 'DRCluster', 'ramendr.openshift.io');
  for (const p of ofKind(ctx, 'DRPolicy', 'ramendr.openshift.io')) {
    const list = valueAt(p.obj, ['spec', 'drClusters']);
    if (!Array.isArray(list) || drClusters.length === 0) continue;
    list.forEach((name, i) => {
      if (typeof name === 'string' && !drClusters.some((c) => c.name === name)) {
        ctx.hint(p, ['spec', 'drClusters', i], 'DrClusterNotInSet', `DRCluster ${name} is not among the DRClusters in this set (${drClusters.map((c) => c.name).join(', ')})`, 'the DRPolicy stays unvalidated until DRClusters of these names exist and validate');
      }
    });
  }
}

function vrgProfileHints(ctx: HintContext): void {
  const drConfigs = ctx.configs.filter((c) => c.read && c.role === 'dr');
  if (drConfigs.length === 0) return;
  const profiles = profilesOf(drConfigs);
  for (const d of ofKind(ctx, 'VolumeReplicationGroup', 'ramendr.openshift.io')) {
    const list = valueAt(d.obj, ['spec', 's3Profiles']);
    if (!Array.isArray(list)) continue;
    list.forEach((name, i) => {
      if (typeof name === 'string' && !profiles.has(name)) {
        ctx.hint(d, ['spec', 's3Profiles', i], 'S3ProfileNotFound', `s3 profile ${name} is not in the DR cluster's configuration in this set`, `the VRG reports ClusterDataReady False ("s3 profile ${name} not found in RamenConfig") and never protects its PVCs`);
      }
    });
  }
}

function secretKeys(d: SetDoc): string[] {
  return [...Object.keys(isRecord(d.obj.data) ? d.obj.data : {}), ...Object.keys(isRecord(d.obj.stringData) ? d.obj.stringData : {})];
}

function secretHints(ctx: HintContext): void {
  const secrets = ofKind(ctx, 'Secret', '');
  const refs = ctx.configs.flatMap((c) =>
    ((c.lint.config as RamenConfig | undefined)?.s3StoreProfiles ?? [])
      .filter((p) => p.s3SecretRef?.name)
      .map((p) => ({ config: c, profile: p.s3ProfileName, name: p.s3SecretRef.name!, namespace: p.s3SecretRef.namespace })),
  );
  const referenced = new Set(refs.map((r) => r.name));
  for (const d of secrets) {
    if (!referenced.has(d.name) && !/s3/i.test(d.name)) continue;
    const keys = secretKeys(d);
    for (const want of [S3_SECRET_ACCESS_KEY_ID, S3_SECRET_SECRET_ACCESS_KEY]) {
      if (keys.includes(want)) continue;
      const near = keys.find((k) => k.toLowerCase() === want.toLowerCase() || k.toLowerCase().replace(/[^a-z]/g, '') === want.toLowerCase().replace(/[^a-z]/g, ''));
      ctx.hint(d, near ? ['data', near] : ['metadata', 'name'], 'S3SecretKeys', `S3 secret ${d.name} has no key ${want}${near ? ` (it has ${near})` : ''}`, `Ramen reads the S3 credentials from keys ${S3_SECRET_ACCESS_KEY_ID} and ${S3_SECRET_SECRET_ACCESS_KEY}, exactly so spelled`);
    }
  }
  if (secrets.length === 0) return;
  for (const r of refs) {
    const ns = r.namespace;
    if (secrets.some((s) => s.name === r.name && (ns === undefined || s.namespace === undefined || s.namespace === ns))) continue;
    ctx.hint(r.config.doc, ['metadata', 'name'], 'S3SecretNotInSet', `s3 profile ${r.profile} names Secret ${ns ? `${ns}/` : ''}${r.name}, which is not among the Secrets in this set`, 'the Secret must exist on the hub (the hub copies it to the DR clusters); without it S3 access fails');
  }
}

const APP_KINDS = new Set(['PersistentVolumeClaim', 'StatefulSet', 'Deployment', 'DaemonSet', 'Pod']);

function usesVolumes(d: SetDoc): boolean {
  if (d.kind === 'PersistentVolumeClaim') return true;
  if (d.kind === 'StatefulSet' && Array.isArray(valueAt(d.obj, ['spec', 'volumeClaimTemplates']))) return true;
  const volumes = valueAt(d.obj, d.kind === 'Pod' ? ['spec', 'volumes'] : ['spec', 'template', 'spec', 'volumes']);
  return Array.isArray(volumes) && volumes.some((v) => isRecord(v) && isRecord(v.persistentVolumeClaim));
}

function expectationHints(ctx: HintContext): void {
  const policies = ofKind(ctx, 'DRPolicy', 'ramendr.openshift.io');
  if (policies.length === 0) return;
  const protectedNs = new Set(
    [...ofKind(ctx, 'DRPlacementControl', 'ramendr.openshift.io'), ...ofKind(ctx, 'VolumeReplicationGroup', 'ramendr.openshift.io')].map((d) => d.namespace ?? 'default'),
  );
  const apps = ctx.docs.filter((d) => APP_KINDS.has(d.kind) && usesVolumes(d) && !protectedNs.has(d.namespace ?? 'default'));
  if (apps.length === 0) return;
  const namespaces = [...new Set(apps.map((a) => a.namespace ?? 'default'))];
  ctx.hint(
    policies[0]!,
    ['metadata', 'name'],
    'DrPolicyNeverCreatesVrgs',
    `nothing in this set protects the volumes in namespace${namespaces.length > 1 ? 's' : ''} ${namespaces.join(', ')}: a DRPolicy never creates VolumeReplicationGroups`,
    'the DRPolicy controller only validates clusters, discovers peer classes and distributes S3 secrets; create a DRPlacementControl (with a Placement) in the application\'s namespace on the hub, and the hub creates the VRGs',
  );
}

export function topologyHints(ctx: HintContext): void {
  drClusterHints(ctx);
  vrgProfileHints(ctx);
  secretHints(ctx);
  expectationHints(ctx);
}

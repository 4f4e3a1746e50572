// Goal: the hand-written broken manifests (wrong case, misplaced fields, wrong kinds and clusters,
// invalid enums and patterns, CEL violations, Ramen configuration mistakes) each get the server's
// answer at the right line and a hint naming what was meant; a correct environment gets nothing.

import { describe, expect, it } from 'vitest';
import { validateManifests, type Finding, type ValidateOptions } from '../../../validate/index.js';
import { fixture } from './fixtures.js';

const STRICT: ValidateOptions = { cluster: 'auto', fieldValidation: 'Strict' };

function run(file: string, options: ValidateOptions = STRICT): Finding[] {
  return validateManifests([fixture(file)], options);
}

const named = (fs: Finding[], name: string): Finding[] => fs.filter((f) => f.name === name);
const codes = (fs: Finding[]): string[] => fs.map((f) => f.code);

describe('broken manifests', () => {
  it('a correct hub and DR cluster configuration gets no finding at all', () => {
    const findings = validateManifests([fixture('good/hub.yaml'), fixture('good/dr-cluster.yaml')], STRICT);
    expect(findings).toEqual([]);
  });

  it('wrong case: unknown field refused, with the correctly cased field as hint', () => {
    const f = run('broken/wrong-case-fields.yaml');
    const policy = named(f, 'policy-wrong-case');
    expect(policy[0]).toMatchObject({ severity: 'error', code: 'BadRequest', line: 7, hint: 'field names are case-sensitive: did you mean drClusters?' });
    const vrg = named(f, 'vrg-wrong-case');
    const err = vrg.find((x) => x.severity === 'error')!;
    expect(err.message).toBe('VolumeReplicationGroup in version "v1alpha1" cannot be handled as a VolumeReplicationGroup: strict decoding error: unknown field "spec.async.SchedulingInterval", unknown field "spec.s3profiles"');
    // Two unknown fields: one hint each, at each field's line.
    const hints = vrg.filter((x) => x.code === 'FieldSuggestion').map((x) => [x.line, x.hint]);
    expect(hints).toEqual([
      [19, 'field names are case-sensitive: did you mean s3Profiles?'],
      [22, 'field names are case-sensitive: did you mean schedulingInterval?'],
    ]);
  });

  it('misplaced fields: the hint names where the field belongs', () => {
    const f = run('broken/misplaced-fields.yaml');
    expect(named(f, 'vrg-misplaced').find((x) => x.code === 'BadRequest')).toMatchObject({ line: 11, hint: expect.stringContaining('spec.async.schedulingInterval') });
    expect(named(f, 'dr1').find((x) => x.code === 'BadRequest')?.hint).toContain('s3ProfileName');
    expect(named(f, 'app-drpc').find((x) => x.code === 'BadRequest')?.hint).toContain('spec.kubeObjectProtection.captureInterval');
  });

  it('wrong kinds: a typo, a wrong group and a wrong version are NoKindMatch with "did you mean"', () => {
    const f = run('broken/wrong-kinds.yaml');
    expect(f.filter((x) => x.severity === 'error').map((x) => [x.name, x.code, x.hint])).toEqual([
      ['typo-kind', 'NoKindMatch', 'did you mean DRPolicy?'],
      ['wrong-group', 'NoKindMatch', expect.stringContaining('replication.storage.openshift.io/v1alpha1')],
      ['typo-core-kind', 'NoKindMatch', expect.stringContaining('ConfigMap')],
      ['wrong-version', 'NoKindMatch', 'DRPolicy is served as ramendr.openshift.io/v1alpha1'],
    ]);
  });

  it('kinds on the wrong cluster: hub kinds on a DR cluster and DR kinds on the hub', () => {
    const onDr = validateManifests([fixture('good/hub.yaml')], { cluster: 'dr', fieldValidation: 'Strict' }).filter((x) => x.code === 'NoKindMatch');
    expect(onDr.map((x) => x.kind)).toEqual(['ManagedCluster', 'ManagedCluster', 'DRCluster', 'DRCluster', 'DRPolicy', 'Placement', 'DRPlacementControl']);
    expect(onDr.find((x) => x.kind === 'DRPolicy')?.hint).toContain('only on the hub');
    const onHub = validateManifests([fixture('good/dr-cluster.yaml')], { cluster: 'hub', fieldValidation: 'Strict' }).filter((x) => x.code === 'NoKindMatch');
    expect(onHub.map((x) => x.kind)).toEqual(['VolumeSnapshotClass', 'VolumeReplicationClass']);
  });

  it('invalid enum and pattern values: 422 Invalid with kube\'s message, at every validation level', () => {
    for (const fieldValidation of ['Strict', 'Warn', 'Ignore'] as const) {
      const errs = run('broken/invalid-values.yaml', { cluster: 'auto', fieldValidation }).filter((x) => x.severity === 'error');
      expect(errs.map((x) => [x.name, x.code, x.line])).toEqual([
        ['bad-action', 'Invalid', 8],
        ['bad-interval', 'Invalid', 20],
        ['bad-vrg-interval', 'Invalid', 32],
        ['bad-state', 'Invalid', 41],
      ]);
      expect(errs[0]!.message).toContain('spec.action: Unsupported value: "failover": supported values: "Failover", "Relocate"');
      expect(errs[1]!.message).toContain(`spec.schedulingInterval: Invalid value: "30s": spec.schedulingInterval in body should match '^(|\\d+[mhd])$'`);
      expect(errs[2]!.message).toContain(`spec.async.schedulingInterval in body should match '^\\d+[mhd]$'`);
      expect(errs[3]!.message).toContain('spec.replicationState: Unsupported value: "Primary": supported values: "primary", "secondary", "resync"');
    }
  });

  it('a capitalised VRG replicationState is admitted (no enum) but hinted: the controller rejects it', () => {
    const f = run('broken/invalid-values.yaml');
    expect(named(f, 'bad-vrg-interval').find((x) => x.code === 'VrgReplicationStateCase')).toMatchObject({ line: 29, hint: expect.stringContaining('"primary"') });
  });

  it('CEL violations: the rule\'s message, as kube prints it', () => {
    const errs = run('broken/cel-violations.yaml').filter((x) => x.severity === 'error');
    expect(errs.map((x) => x.message)).toEqual([
      'DRPolicy.ramendr.openshift.io "three-clusters" is invalid: spec.drClusters: Invalid value: drClusters requires a list of 2 clusters',
      'VolumeSnapshot.snapshot.storage.k8s.io "two-sources" is invalid: spec.source: Invalid value: exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
    ]);
  });

  it('RamenConfig mistakes inside the ConfigMap are hints at the line inside the block', () => {
    const f = run('broken/ramen-config-mistakes.yaml');
    expect(f.filter((x) => x.severity !== 'hint')).toEqual([]);
    expect(f.map((x) => [x.line, x.code])).toEqual([
      [10, 'RamenConfigKeyCase'],
      [13, 'RamenConfigIgnoredKey'],
      [17, 'RamenConfigIgnoredKey'],
      [20, 'RamenConfigUnparsable'],
      [27, 'ConfigMapNamespace'],
      [30, 'S3StoreProfilesNotList'],
    ]);
    expect(f[1]!.hint).toContain('s3CompatibleEndpoint');
  });

  it('labels with the wrong case, a missing replicationid and an interval no policy has', () => {
    const f = run('broken/labels-and-classes.yaml');
    expect(codes(f)).toEqual(['LabelKeyCase', 'MissingReplicationId', 'ScheduleMismatch']);
    expect(f[0]!.message).toContain('ramendr.openshift.io/storageid');
    expect(f[2]!.message).toContain('"10m"');
    expect(f[2]!.message).toContain('dr-policy-5m (5m)');
  });

  it('a DRPolicy next to an unprotected application: a DRPolicy never creates VRGs', () => {
    const f = run('broken/expects-policy-to-protect.yaml');
    expect(codes(f)).toEqual(['DrPolicyNeverCreatesVrgs']);
    // The same set with a DRPC in the app's namespace expects nothing of the policy.
    const drpc = 'apiVersion: ramendr.openshift.io/v1alpha1\nkind: DRPlacementControl\nmetadata: {name: app, namespace: app}\nspec: {preferredCluster: dr1, drPolicyRef: {name: dr-policy-5m}, placementRef: {kind: Placement, name: p}, pvcSelector: {}}\n';
    const withDrpc = validateManifests([fixture('broken/expects-policy-to-protect.yaml'), { file: 'drpc.yaml', text: drpc }], STRICT);
    expect(codes(withDrpc)).not.toContain('DrPolicyNeverCreatesVrgs');
  });
});

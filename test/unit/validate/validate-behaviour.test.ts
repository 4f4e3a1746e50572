// Goal: the mechanics under every verdict: field-validation levels, line numbers in multi-document
// files, YAML errors, kinds drsim does not model, defaults the server fills, the auto cluster choice,
// and one answer for one input.

import { describe, expect, it } from 'vitest';
import { findKind } from '../../../engine/api/schema/registry.js';
import { admitDocument } from '../../../validate/admission-findings.js';
import { parseManifests } from '../../../validate/manifest-docs.js';
import { clusterFor, validateManifests } from '../../../validate/index.js';
import { fixture } from './fixtures.js';

const drpc = (extra: string): string => `apiVersion: ramendr.openshift.io/v1alpha1
kind: DRPlacementControl
metadata:
  name: app
  namespace: app
spec:
  preferredCluster: dr1
  drPolicyRef: {name: p}
  placementRef: {kind: Placement, name: app}
  pvcSelector: {}
${extra}`;

describe('validate mechanics', () => {
  it('an unknown field: Strict refuses, Warn stores it pruned with a warning, Ignore stores it silently (hint only)', () => {
    const text = drpc('  replicationState: primary\n');
    const at = (fv: 'Strict' | 'Warn' | 'Ignore') => validateManifests([{ file: 'd.yaml', text }], { cluster: 'hub', fieldValidation: fv }).filter((f) => f.code !== 'NotChecked');
    expect(at('Strict').map((f) => [f.severity, f.code, f.line])).toEqual([['error', 'BadRequest', 11]]);
    expect(at('Warn').map((f) => [f.severity, f.code, f.line, f.message])).toEqual([['warning', 'UnknownFieldPruned', 11, 'unknown field "spec.replicationState"']]);
    expect(at('Ignore').map((f) => [f.severity, f.code, f.line])).toEqual([['hint', 'LegacyField', 11]]);
  });

  it('lines count from the top of a multi-document file, and findings keep the document index', () => {
    const text = `# leading comment\n---\n${drpc('')}---\n${drpc('  bogus: 1\n')}`;
    const f = validateManifests([{ file: 'multi.yaml', text }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(f.map((x) => [x.docIndex, x.line, x.code])).toEqual([[1, 24, 'BadRequest']]);
  });

  it('a YAML syntax error is an error at its line; documents that are not objects or lack a kind are errors', () => {
    const broken = validateManifests([{ file: 'bad.yaml', text: 'a: b\n---\nkey: [unclosed\n' }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(broken.map((f) => [f.code, f.docIndex])).toContainEqual(['YamlError', 1]);
    const list = validateManifests([{ file: 'list.yaml', text: '- a\n- b\n' }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(list.map((f) => f.code)).toEqual(['NotAnObject']);
    const noKind = validateManifests([{ file: 'nokind.yaml', text: 'apiVersion: v1\nmetadata: {name: x}\n' }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(noKind[0]?.message).toBe('error validating data: [kind not set]');
  });

  it('empty documents are skipped as kubectl skips them', () => {
    expect(parseManifests([{ file: 'e.yaml', text: '---\n# nothing\n---\n' }]).docs).toEqual([]);
  });

  it('kinds drsim does not model: a hint, never an error, unless the group is fully known', () => {
    const sts = validateManifests([{ file: 's.yaml', text: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, namespace: a}\nspec: {}\n' }], { cluster: 'dr', fieldValidation: 'Strict' });
    expect(sts.map((f) => [f.severity, f.code])).toEqual([['hint', 'NotChecked']]);
    const crd = validateManifests([{ file: 'c.yaml', text: 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c, namespace: a}\n' }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(crd.map((f) => f.severity)).toEqual(['hint']);
    const typo = validateManifests([{ file: 't.yaml', text: 'apiVersion: apps/v1\nkind: Statefulset\nmetadata: {name: s, namespace: a}\n' }], { cluster: 'dr', fieldValidation: 'Strict' });
    expect(typo.map((f) => [f.code, f.hint])).toEqual([['NoKindMatch', expect.stringContaining('StatefulSet')]]);
    const rgs = validateManifests([{ file: 'r.yaml', text: 'apiVersion: ramendr.openshift.io/v1alpha1\nkind: ReplicationGroupSource\nmetadata: {name: r, namespace: a}\n' }], { cluster: 'hub', fieldValidation: 'Strict' });
    expect(rgs.map((f) => f.code)).toEqual(['NoKindMatch']);
  });

  it('row 6 of the audit: the current csi-addons CRD fills autoResync: false', () => {
    const doc = parseManifests([fixture('guide/row06-volumereplication.yaml')]).docs[0]!;
    const outcome = admitDocument(doc, findKind('replication.storage.openshift.io/v1alpha1', 'VolumeReplication')!, 'Strict', 'default');
    expect((outcome.stored?.spec as { autoResync?: boolean }).autoResync).toBe(false);
  });

  it('a namespaced object without a namespace goes to kubectl\'s default namespace, not an error', () => {
    const text = drpc('').replace('  namespace: app\n', '');
    expect(validateManifests([{ file: 'd.yaml', text }], { cluster: 'hub', fieldValidation: 'Strict' }).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('--cluster auto places each kind where Ramen serves it', () => {
    expect(clusterFor('ramendr.openshift.io/v1alpha1', 'DRPolicy', 'p')).toBe('hub');
    expect(clusterFor('ramendr.openshift.io/v1alpha1', 'VolumeReplicationGroup', 'v')).toBe('dr');
    expect(clusterFor('v1', 'ConfigMap', 'ramen-dr-cluster-operator-config')).toBe('dr');
    expect(clusterFor('v1', 'ConfigMap', 'ramen-hub-operator-config')).toBe('hub');
    expect(clusterFor('storage.k8s.io/v1', 'StorageClass', 'sc')).toBe('dr');
    expect(clusterFor('v1', 'Secret', 's3')).toBe('hub');
  });

  it('the same input gives the same findings, in file order', () => {
    const inputs = [fixture('broken/wrong-kinds.yaml'), fixture('guide/row05-configmaps.yaml'), fixture('broken/invalid-values.yaml')];
    const a = validateManifests(inputs, { cluster: 'auto', fieldValidation: 'Warn' });
    const b = validateManifests(inputs, { cluster: 'auto', fieldValidation: 'Warn' });
    expect(a).toEqual(b);
    expect([...new Set(a.map((f) => f.file))]).toEqual(inputs.map((i) => i.file));
  });
});

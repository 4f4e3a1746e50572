// Goal: every YAML example of the seed guide gets exactly the verdict shared/seed/guide-vs-ramen.md
// gives it: accepted, accepted with a silent change, or refused with the real server's message, on
// the cluster where the kind lives; plus the Ramen-level hints that audit names for it.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldValidation } from '../../../engine/runtime/client.js';
import { validateManifests, type Finding, type FindingCode } from '../../../validate/index.js';
import { FIXTURES, fixture } from './fixtures.js';

type Refusal = { code: 'NoKindMatch' | 'BadRequest' | 'Invalid'; message: string[] };
/** Yes: stored as written. Yes*: stored with a silent change. Otherwise refused. */
type ApiVerdict = 'Yes' | 'Yes*' | Refusal;

interface Row {
  row: string;
  file: string;
  docIndex: number;
  cluster: 'hub' | 'dr';
  strict: ApiVerdict;
  /** Under Warn (client-go's default), when it differs from Strict. */
  warn?: ApiVerdict;
  /** "No (Ramen)": admitted, but Ramen would not use it as meant. */
  ramenWorks: boolean;
  /** Hint codes the audit names for this example, found when the whole guide is validated together. */
  hints: FindingCode[];
}

// Hint codes that mean "Ramen will not do what this object says" rather than advice.
const RAMEN_BREAKING: ReadonlySet<FindingCode> = new Set(['ConfigMapNotRead', 'RamenConfigMisplacedKey', 'RamenConfigIgnoredKey', 'RamenConfigUnparsable', 'S3StoreProfilesNotList', 'NoS3Profiles', 'ConfigMapWrongCluster']);

const ROWS: Row[] = [
  { row: '1', file: 'row01-vrg.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['VrgActionOnCreate', 'LabelKeyCase', 'VrgAndDrpc', 'LabelNotRead'] },
  { row: '2', file: 'row02-drpolicy.yaml', docIndex: 0, cluster: 'hub', strict: 'Yes*', ramenWorks: true, hints: ['LabelKeyCase'] },
  {
    row: '3',
    file: 'row03-drpc-nginx.yaml',
    docIndex: 0,
    cluster: 'hub',
    strict: { code: 'BadRequest', message: ['DRPlacementControl in version "v1alpha1" cannot be handled as a DRPlacementControl: strict decoding error: unknown field "spec.replicationState"'] },
    warn: { code: 'Invalid', message: ['"nginx-test-drpc" is invalid', 'spec.placementRef: Required value'] },
    ramenWorks: false,
    hints: ['NextError', 'IrrelevantNamespace'],
  },
  { row: '4a', file: 'row04-drclusters.yaml', docIndex: 0, cluster: 'hub', strict: 'Yes*', ramenWorks: true, hints: ['LabelNotRead', 'S3ProfileNotFound', 'DrClusterNameNotManagedCluster'] },
  { row: '4b', file: 'row04-drclusters.yaml', docIndex: 1, cluster: 'hub', strict: 'Yes*', ramenWorks: true, hints: ['LabelNotRead', 'S3ProfileNotFound', 'DrClusterNameNotManagedCluster'] },
  { row: '5a', file: 'row05-configmaps.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: false, hints: ['ConfigMapNotRead', 'RamenConfigMisplacedKey', 'RamenConfigInformational'] },
  { row: '5b', file: 'row05-configmaps.yaml', docIndex: 1, cluster: 'hub', strict: 'Yes', ramenWorks: false, hints: ['RamenConfigMisplacedKey', 'NoS3Profiles'] },
  { row: '6', file: 'row06-volumereplication.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['HandMadeVolumeReplication'] },
  { row: '7', file: 'row07-volumesnapshotclass.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['MissingStorageId'] },
  { row: '8', file: 'row08-storageclass.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['LabelKeyCase', 'MissingStorageId'] },
  { row: '9', file: 'row09-volumereplicationclass.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['LabelKeyCase', 'MissingStorageId', 'ScheduleMismatch'] },
  {
    row: '10',
    file: 'row10-ramenconfig.yaml',
    docIndex: 0,
    cluster: 'hub',
    strict: { code: 'NoKindMatch', message: ['no matches for kind "RamenConfig" in version "ramendr.openshift.io/v1alpha1"', 'resource mapping not found for name: "ramen-config"'] },
    ramenWorks: false,
    hints: ['S3ProfileIncomplete'],
  },
  {
    row: '11',
    file: 'row11-drpolicy-odf.yaml',
    docIndex: 0,
    cluster: 'hub',
    strict: { code: 'BadRequest', message: ['DRPolicy in version "v1alpha1" cannot be handled as a DRPolicy: strict decoding error: unknown field "spec.drClusterSet"'] },
    warn: { code: 'Invalid', message: ['"odf-dr-policy" is invalid', 'spec.drClusters: Required value'] },
    ramenWorks: false,
    hints: ['NextError', 'LabelKeyCase'],
  },
  { row: '12', file: 'row12-13-postgresql.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: true, hints: ['NotChecked'] },
  { row: '13', file: 'row12-13-postgresql.yaml', docIndex: 1, cluster: 'hub', strict: 'Yes', ramenWorks: true, hints: ['IrrelevantNamespace', 'DrpcPolicyNotInSet'] },
  { row: '14', file: 'row14-15-managedcluster-placement.yaml', docIndex: 0, cluster: 'hub', strict: 'Yes', ramenWorks: true, hints: ['LabelNotRead'] },
  { row: '15', file: 'row14-15-managedcluster-placement.yaml', docIndex: 1, cluster: 'hub', strict: 'Yes', ramenWorks: true, hints: ['PlacementSchedulingNotDisabled', 'PlacementClusterCount'] },
  { row: '16', file: 'row16-s3-secret.yaml', docIndex: 0, cluster: 'hub', strict: 'Yes', ramenWorks: true, hints: [] },
  { row: '17', file: 'row17-configmap-from-file.yaml', docIndex: 0, cluster: 'dr', strict: 'Yes', ramenWorks: false, hints: ['ConfigMapNotRead'] },
];

const guideFiles = readdirSync(join(FIXTURES, 'guide')).sort();
const allGuide = guideFiles.map((f) => fixture(`guide/${f}`));

function forDoc(findings: Finding[], row: Row): Finding[] {
  return findings.filter((f) => f.file === `guide/${row.file}` && f.docIndex === row.docIndex);
}

function expectVerdict(findings: Finding[], verdict: ApiVerdict): void {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning' && f.code !== 'UnknownFieldPruned');
  if (verdict === 'Yes') {
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  } else if (verdict === 'Yes*') {
    expect(errors).toEqual([]);
    expect(warnings.map((w) => w.code)).toEqual(['NamespaceIgnored']);
  } else {
    expect(errors.map((e) => e.code)).toEqual([verdict.code]);
    for (const m of verdict.message) expect(errors[0]!.message).toContain(m);
  }
}

function validateRow(row: Row, fieldValidation: FieldValidation): Finding[] {
  return forDoc(validateManifests([fixture(`guide/${row.file}`)], { cluster: row.cluster, fieldValidation }), row);
}

describe('guide examples get the verdicts of guide-vs-ramen.md', () => {
  for (const row of ROWS) {
    it(`row ${row.row} (${row.file}#${row.docIndex}) on the ${row.cluster}: ${typeof row.strict === 'string' ? row.strict : `refused with ${row.strict.code}`}`, () => {
      expectVerdict(validateRow(row, 'Strict'), row.strict);
      expectVerdict(validateRow(row, 'Warn'), row.warn ?? row.strict);
    });
  }

  it('the same verdicts when the whole guide is validated at once with --cluster auto', () => {
    const findings = validateManifests(allGuide, { cluster: 'auto', fieldValidation: 'Strict' });
    for (const row of ROWS) {
      const mine = forDoc(findings, row);
      expect(mine.every((f) => f.cluster === row.cluster), `row ${row.row} checked on ${row.cluster}`).toBe(true);
      expectVerdict(mine, row.strict);
    }
  });

  for (const row of ROWS) {
    it(`row ${row.row}: hints ${row.hints.join(', ') || '(none)'}; Ramen ${row.ramenWorks ? 'can use it' : 'cannot use it as meant'}`, () => {
      const mine = forDoc(validateManifests(allGuide, { cluster: 'auto', fieldValidation: 'Strict' }), row);
      const codes = new Set(mine.filter((f) => f.severity === 'hint').map((f) => f.code));
      for (const code of row.hints) expect([...codes], `row ${row.row} lacks hint ${code}`).toContain(code);
      if (row.hints.length === 0) expect([...codes]).toEqual([]);
      const breaking = mine.some((f) => f.severity === 'error' || RAMEN_BREAKING.has(f.code));
      expect(breaking).toBe(!row.ramenWorks);
    });
  }

  it('row 1 on the hub and row 2 on a DR cluster: no matches for kind, with a hint naming the right cluster', () => {
    const vrg = validateManifests([fixture('guide/row01-vrg.yaml')], { cluster: 'hub', fieldValidation: 'Strict' }).filter((f) => f.severity === 'error');
    expect(vrg.map((f) => f.code)).toEqual(['NoKindMatch']);
    expect(vrg[0]!.message).toContain('no matches for kind "VolumeReplicationGroup" in version "ramendr.openshift.io/v1alpha1"');
    expect(vrg[0]!.hint).toContain('--cluster dr');
    const policy = validateManifests([fixture('guide/row02-drpolicy.yaml')], { cluster: 'dr', fieldValidation: 'Strict' }).filter((f) => f.severity === 'error');
    expect(policy.map((f) => f.code)).toEqual(['NoKindMatch']);
    expect(policy[0]!.hint).toContain('--cluster hub');
  });

  it('row 2 with its commented-out intervals restored: refused under Strict, pruned with a warning under Warn', () => {
    const text = fixture('guide/row02-drpolicy.yaml').text.replace('  # asyncSchedulingInterval: 60m', '  asyncSchedulingInterval: 60m');
    const strict = validateManifests([{ file: 'p.yaml', text }], { cluster: 'hub', fieldValidation: 'Strict' });
    const err = strict.find((f) => f.severity === 'error')!;
    expect(err.message).toBe('DRPolicy in version "v1alpha1" cannot be handled as a DRPolicy: strict decoding error: unknown field "spec.asyncSchedulingInterval"');
    expect(err.hint).toContain('schedulingInterval');
    const warn = validateManifests([{ file: 'p.yaml', text }], { cluster: 'hub', fieldValidation: 'Warn' });
    expect(warn.filter((f) => f.severity === 'error')).toEqual([]);
    expect(warn.filter((f) => f.code === 'UnknownFieldPruned').map((f) => f.message)).toEqual(['unknown field "spec.asyncSchedulingInterval"']);
  });

  it('row 3 and row 11: the hints name the real fields (spec.action; spec.drClusters with DRClusters)', () => {
    const drpc = validateRow(ROWS.find((r) => r.row === '3')!, 'Strict').find((f) => f.code === 'BadRequest')!;
    expect(drpc.hint).toContain('spec.action');
    const policy = validateRow(ROWS.find((r) => r.row === '11')!, 'Strict');
    expect(policy.find((f) => f.code === 'BadRequest')!.hint).toMatch(/spec\.drClusters.*DRCluster/);
    expect(policy.find((f) => f.code === 'NextError')!.message).toContain('spec.drClusters: Required value');
  });

  it('row 10 is refused on a DR cluster too, and the hint says where the YAML belongs', () => {
    const f = validateManifests([fixture('guide/row10-ramenconfig.yaml')], { cluster: 'dr', fieldValidation: 'Strict' }).find((x) => x.code === 'NoKindMatch')!;
    expect(f.hint).toContain('ramen_manager_config.yaml');
    expect(f.hint).toContain('ramen-hub-operator-config');
  });

  it('C7: the guide\'s kind demo flow (DRPolicy, then the app, no DRPC) is told that a DRPolicy never creates VRGs', () => {
    const app = fixture('guide/row12-13-postgresql.yaml').text.split('\n---\n')[0]!;
    const findings = validateManifests([fixture('guide/row02-drpolicy.yaml'), { file: 'app.yaml', text: app }], { cluster: 'auto', fieldValidation: 'Strict' });
    const hint = findings.find((f) => f.code === 'DrPolicyNeverCreatesVrgs');
    expect(hint?.kind).toBe('DRPolicy');
    expect(hint?.hint).toContain('DRPlacementControl');
  });
});

// The guide lives outside the repository (shared/seed); when it is there, check that the fixtures are
// exactly its YAML examples, so none is skipped or edited.
const GUIDE = resolve(process.cwd(), '../shared/seed/ramendr-guide.md');
describe('fixtures are the guide\'s examples', () => {
  it.skipIf(!existsSync(GUIDE))('every ```yaml block of the guide is one fixture, byte for byte', () => {
    const blocks = [...readFileSync(GUIDE, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const texts = guideFiles.filter((f) => /^row(0\d|1[0-5])/.test(f)).map((f) => readFileSync(join(FIXTURES, 'guide', f), 'utf8'));
    expect(blocks.length).toBe(texts.length);
    for (const b of blocks) expect(texts).toContain(b);
  });
});

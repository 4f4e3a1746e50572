// Goal: `drsim validate` as a user runs it: text and JSON output, directories and stdin, and the exit
// status (0 clean, 1 on errors or with --fail-on-warnings on warnings, 2 on usage errors).

import { describe, expect, it } from 'vitest';
import { registerValidate } from '../../../cli/commands/validate.js';
import { runInProcess, type CliRun } from '../../support/cli-in-process.js';
import { FIXTURES } from './fixtures.js';

function drsim(args: string[], stdin = ''): Promise<CliRun> {
  return runInProcess((program) => registerValidate(program, { readStdin: () => stdin, isTty: () => false }), args);
}

const at = (p: string): string => `${FIXTURES}/${p}`;

describe('drsim validate', () => {
  it('a clean set exits 0 and says so', async () => {
    const r = await drsim(['validate', at('good/hub.yaml'), at('good/dr-cluster.yaml')]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('0 errors, 0 warnings, 0 hints in 14 documents\n');
  });

  it('errors exit 1, printed as file:line: severity: message with an indented hint', async () => {
    const r = await drsim(['validate', '--cluster', 'hub', at('guide/row11-drpolicy-odf.yaml')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${at('guide/row11-drpolicy-odf.yaml')}:8: error: DRPolicy in version "v1alpha1" cannot be handled as a DRPolicy: strict decoding error: unknown field "spec.drClusterSet"\n  hint: drClusterSet was removed`);
    expect(r.out).not.toContain('\u001b[');
  });

  it('warnings exit 0, or 1 with --fail-on-warnings', async () => {
    expect((await drsim(['validate', at('guide/row02-drpolicy.yaml')])).code).toBe(0);
    expect((await drsim(['validate', '--fail-on-warnings', at('guide/row02-drpolicy.yaml')])).code).toBe(1);
  });

  it('--field-validation Warn turns the refusal of an unknown field into a warning', async () => {
    const r = await drsim(['validate', '--field-validation', 'Warn', at('guide/row02-drpolicy.yaml'), at('guide/row03-drpc-nginx.yaml')]);
    expect(r.out).toContain(': warning: unknown field "spec.replicationState"');
    expect(r.out).toContain('spec.placementRef: Required value');
    expect(r.code).toBe(1);
  });

  it('--json prints one JSON document with a summary', async () => {
    const r = await drsim(['validate', '--json', at('guide/row05-configmaps.yaml')]);
    const report = JSON.parse(r.out) as { cluster: string; documents: number; summary: { errors: number; hints: number }; findings: { code: string; line: number }[] };
    expect(report.cluster).toBe('auto');
    expect(report.documents).toBe(2);
    expect(report.summary.errors).toBe(0);
    expect(report.findings.map((f) => f.code)).toContain('ConfigMapNotRead');
    expect(r.code).toBe(0);
  });

  it('a directory is searched recursively; - reads stdin', async () => {
    const dir = await drsim(['validate', '--json', at('guide')]);
    expect((JSON.parse(dir.out) as { files: string[] }).files).toHaveLength(15);
    const stdin = await drsim(['validate', '-'], 'apiVersion: ramendr.openshift.io/v1alpha1\nkind: RamenConfig\nmetadata: {name: x}\n');
    expect(stdin.out).toContain('<stdin>:2: error: resource mapping not found for name: "x" namespace: "" from "<stdin>": no matches for kind "RamenConfig"');
    expect(stdin.code).toBe(1);
  });

  it('usage errors exit 2: a bad --cluster, a missing file, no file', async () => {
    const bad = await drsim(['validate', '--cluster', 'east', at('good/hub.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("argument 'east' is invalid");
    const missing = await drsim(['validate', '/no/such/file.yaml']);
    expect(missing).toMatchObject({ code: 2, err: expect.stringContaining('does not exist') });
    expect((await drsim(['validate'])).code).toBe(2);
  });
});

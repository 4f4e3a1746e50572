// Goal: `drsim report` reads result JSON and traces, writes each format, merges shards, diffs traces and
// prints seeds, and reports bad input with the file (and line or field) and exit code 2.
// Method: register the commands on a fresh commander program with an in-memory io and run argv.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/commands/report.js';
import { registerReport } from '../../../cli/commands/report.js';
import { campaign, failingRun, shardsOf } from './fixtures/results.js';
import { findAll, parseXml } from './fixtures/mini-xml.js';
import { syntheticTrace, toNdjson } from './fixtures/synthetic-trace.js';

const dir = mkdtempSync(join(tmpdir(), 'drsim-report-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function drsim(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  let code = 0;
  const io: CliIo = { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), writeFile: (p, t) => void files.set(p, t), setExitCode: (c) => void (code = c) };
  const program = new Command('drsim').exitOverride();
  registerReport(program, io);
  await program.parseAsync(['report', ...args], { from: 'user' });
  return { out: out.join(''), err: err.join(''), files, code };
}

const whole = campaign('nightly', 1, 6, [4]);
const wholeFile = file('whole.json', JSON.stringify(whole));
const shardFiles = shardsOf(whole, 3).map((s, i) => file(`shard-${i}.json`, JSON.stringify(s)));
const events = syntheticTrace({ events: 1500 });
const traceFile = file('demo.ndjson', toNdjson(events));

describe('drsim report', () => {
  it('junit: one test case per seed, failures counted', async () => {
    const r = await drsim('junit', wholeFile);
    expect(r.code).toBe(0);
    const root = parseXml(r.out);
    expect(root.attrs).toMatchObject({ tests: '6', failures: '1' });
    expect(findAll(root, 'testcase').map((c) => c.attrs.name)).toContain('seed 4');
  });

  it('summary and html from a trace alone', async () => {
    const md = await drsim('summary', traceFile, '--title', 'demo');
    expect(md.out).toContain('## ✅ demo: all 1 run passed');
    expect(md.out).toContain('`clusterDown`');
    const html = await drsim('html', traceFile, wholeFile, '-o', join(dir, 'out/report.html'));
    expect(html.err).toContain('wrote the HTML report to');
    const page = html.files.get(join(dir, 'out/report.html'))!;
    expect(page).toContain('1 of 7 runs failed');
    expect(page).toContain('data-app="busybox/busybox"');
  });

  it('merge: shards in, the whole campaign out', async () => {
    const r = await drsim('merge', shardFiles[2]!, shardFiles[0]!, shardFiles[1]!);
    expect(JSON.parse(r.out)).toEqual(whole);
    const fromMerged = await drsim('junit', file('merged.json', r.out));
    expect(fromMerged.out).toBe((await drsim('junit', wholeFile)).out);
  });

  it('merge: refuses a missing shard with exit code 2, or merges it with --allow-partial', async () => {
    const r = await drsim('merge', shardFiles[0]!, shardFiles[2]!);
    expect(r.code).toBe(2);
    expect(r.err).toContain('drsim report merge: campaign "nightly": shard 2 of 3 missing');
    const partial = await drsim('merge', '--allow-partial', shardFiles[0]!, shardFiles[2]!);
    expect(partial.code).toBe(0);
    expect(partial.err).toContain('warning:');
    expect(JSON.parse(partial.out).runs).toHaveLength(4);
  });

  it('names the file, line and field of bad input', async () => {
    const badJson = file('bad.json', '{\n  "name": "x",\n  "runs": [,]\n}');
    expect((await drsim('junit', badJson)).err).toMatch(new RegExp(`${badJson}:3:\\d+: not valid JSON`));
    const badField = file('field.json', JSON.stringify({ ...whole, runs: [{ ...failingRun(), backend: 'docker' }] }));
    expect((await drsim('summary', badField)).err).toContain(`${badField}: (top).runs[0].backend: expected one of sim, apiserver, kind, got "docker"`);
    const neither = file('neither.json', '{"hello": 1}');
    expect((await drsim('html', neither)).err).toContain('neither a run result');
    const missing = await drsim('junit', join(dir, 'nope.json'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toContain('nope.json: no such file');
  });

  it('diff: exit 1 and the first difference; exit 0 when identical', async () => {
    const other = structuredClone(events);
    other[700] = { ...other[700]!, cluster: 'dr9' };
    const b = file('b.ndjson', toNdjson(other));
    const r = await drsim('diff', traceFile, b);
    expect(r.code).toBe(1);
    expect(r.out).toContain('traces differ at event 700 (fields: cluster)');
    expect((await drsim('diff', traceFile, traceFile)).code).toBe(0);
    expect((await drsim('diff', traceFile, b, '--ignore-field', 'cluster')).out).toContain('identical');
  });

  it('seed: the seed and replay command of traces and results', async () => {
    const r = await drsim('seed', traceFile, shardFiles[1]!);
    expect(r.out).toContain('SEED=7 clusters=dr1,dr2 events=1500');
    expect(r.out).toContain(`replay: drsim replay ${traceFile}`);
    expect(r.out).toContain('SEED=2 chaos passed\n  replay: drsim campaign nightly --seed 2');
  });

  it('keeps what it wrote readable by the next command (html output is a file on disk by default io)', () => {
    // The default io writes files and creates folders; checked once with the real filesystem.
    const p = join(dir, 'deep/er/x.txt');
    return import('../../../cli/commands/report.js').then(({ processIo }) => {
      processIo.writeFile(p, 'ok');
      expect(readFileSync(p, 'utf8')).toBe('ok');
    });
  });
});

describe('jsonErrorOffset', () => {
  it('finds the first character that breaks the grammar, and nothing in valid JSON', async () => {
    const { jsonErrorOffset } = await import('../../../reports/json-error-at.js');
    for (const ok of ['{}', '[1, -2.5e3, "a\\"b", true, null, {"k": [false]}]', ' 0 ']) expect(jsonErrorOffset(ok), ok).toBeUndefined();
    expect(jsonErrorOffset('{"a": [,]}')).toBe(7);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('"open')).toBe(5);
    // Whatever the input, it agrees with JSON.parse on validity.
    for (const text of ['{', '[', '{"a":1}', '[01]', '"\\x"', '-', '1.', 'nul', '[1,2]']) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(jsonErrorOffset(text) === undefined, text).toBe(valid);
    }
  });
});

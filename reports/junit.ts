// JUnit XML for CI systems: one <testsuite> per campaign (and one for scenario runs that came on
// their own), one <testcase> per run. A failure's message is the first violated invariant and its
// explanation; its body lists every violation and ends with the command that replays the run, which
// is what a person reading a red CI job needs first.

import { escapeXml } from './escape.js';
import { formatClock, formatSpan } from './format-time.js';
import type { ReportSet, Suite } from './report-set.js';
import { caseName, suitesOf } from './report-set.js';
import type { RunResult } from './result-types.js';
import { failuresOf } from './result-types.js';

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function failureBody(run: RunResult): string {
  const lines: string[] = [];
  for (const f of failuresOf(run)) {
    lines.push(`${f.name}: ${f.explanation}`);
    for (const v of f.violations) lines.push(`  at ${formatClock(v.atMs)}: ${v.message}${v.events.length ? ` (trace events ${v.events.join(', ')})` : ''}`);
  }
  lines.push('', `replay: ${run.replayCommand}`);
  return lines.join('\n');
}

function systemOut(run: RunResult): string {
  const lines = [`seed: ${run.seed}`, `backend: ${run.backend}`, `virtual time: ${formatSpan(run.virtualDurationMs)}`, `trace digest: ${run.traceDigest}`];
  if (run.faultKinds.length) lines.push(`faults: ${run.faultKinds.join(', ')}`);
  for (const a of run.apps) {
    lines.push(`app ${a.name}: ${a.phase || '-'}${a.progression ? `/${a.progression}` : ''}, primary ${a.primary || '-'}, ${a.ackedWrites} writes acknowledged, ${a.lostWrites} lost`);
    for (const f of a.failovers) lines.push(`  failover at ${formatClock(f.atMs)}: RPO ${formatSpan(f.rpoMs)} (${f.rpoWrites} writes), divergence ${formatSpan(f.divergenceMs)} (${f.divergenceWrites} writes)`);
  }
  for (const i of run.invariants.filter((x) => x.verdict === 'measured')) lines.push(`measured ${i.name}: ${i.explanation}`);
  lines.push(`replay: ${run.replayCommand}`);
  return lines.join('\n');
}

function testcase(run: RunResult, suite: Suite): string {
  const attrs = `name="${escapeXml(caseName(run, suite))}" classname="${escapeXml(`drsim.${suite.name}`)}" time="${seconds(run.wallMs)}"`;
  const parts: string[] = [];
  if (!run.passed) {
    const first = failuresOf(run)[0]!;
    parts.push(`      <failure message="${escapeXml(`${first.name}: ${first.explanation}`)}" type="${escapeXml(first.name)}">${escapeXml(failureBody(run))}</failure>`);
  }
  parts.push(`      <system-out>${escapeXml(systemOut(run))}</system-out>`);
  return `    <testcase ${attrs}>\n${parts.join('\n')}\n    </testcase>`;
}

function testsuite(suite: Suite): string {
  const failures = suite.runs.filter((r) => !r.passed).length;
  const time = suite.runs.reduce((s, r) => s + r.wallMs, 0);
  const name = suite.shard ? `${suite.name} (shard ${suite.shard.index + 1} of ${suite.shard.count})` : suite.name;
  const head = `  <testsuite name="${escapeXml(name)}" tests="${suite.runs.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}">`;
  return [head, ...suite.runs.map((r) => testcase(r, suite)), '  </testsuite>'].join('\n');
}

export function renderJunit(set: ReportSet): string {
  const suites = suitesOf(set);
  const runs = suites.flatMap((s) => s.runs);
  const failures = runs.filter((r) => !r.passed).length;
  const time = runs.reduce((s, r) => s + r.wallMs, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="drsim" tests="${runs.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(time)}">`,
    ...suites.map(testsuite),
    '</testsuites>',
    '',
  ].join('\n');
}

// A Markdown summary for a CI job summary page ($GITHUB_STEP_SUMMARY and the like): the counts
// first, then one row per scenario, then the failures people should look at, each with the command
// that replays it. GitHub renders at most 1 MiB of summary, so long lists are cut with a note.

import { escapeMarkdownCell } from './escape.js';
import { formatClock, formatSpan } from './format-time.js';
import type { ReportSet } from './report-set.js';
import { suitesOf } from './report-set.js';
import type { RunResult } from './result-types.js';
import { failuresOf } from './result-types.js';

export interface MarkdownOptions {
  /** Heading of the summary. Default `drsim`. */
  title?: string;
  /** Failure groups listed under "Top failures". Default 10. */
  topFailures?: number;
  /** Seeds listed per failure group. Default 10. */
  seedsPerFailure?: number;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `1-40` for a contiguous set, otherwise the first few and a count. */
function seedsText(seeds: number[], max = 10): string {
  if (seeds.length === 0) return '-';
  const sorted = [...new Set(seeds)].sort((a, b) => a - b);
  const contiguous = sorted[sorted.length - 1]! - sorted[0]! === sorted.length - 1;
  if (contiguous && sorted.length > 2) return `${sorted[0]}-${sorted[sorted.length - 1]}`;
  if (sorted.length <= max) return sorted.join(', ');
  return `${sorted.slice(0, max).join(', ')}, … (${sorted.length} in all)`;
}

interface FailureGroup {
  name: string;
  explanation: string;
  runs: RunResult[];
}

function failureGroups(runs: RunResult[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const run of runs) {
    if (run.passed) continue;
    for (const f of failuresOf(run)) {
      const g = groups.get(f.name);
      if (g) {
        if (!g.runs.includes(run)) g.runs.push(run);
      } else groups.set(f.name, { name: f.name, explanation: f.explanation, runs: [run] });
    }
  }
  return [...groups.values()].sort((a, b) => b.runs.length - a.runs.length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export function renderMarkdown(set: ReportSet, options: MarkdownOptions = {}): string {
  const suites = suitesOf(set);
  const runs = suites.flatMap((s) => s.runs);
  const failed = runs.filter((r) => !r.passed);
  const scenarios = [...new Set(runs.map((r) => r.scenario))].sort();
  const faultKinds = [...new Set(runs.flatMap((r) => r.faultKinds))].sort();
  const backends = [...new Set(runs.map((r) => r.backend))].sort();
  const virtualMs = runs.reduce((s, r) => s + r.virtualDurationMs, 0);
  const wallMs = runs.reduce((s, r) => s + r.wallMs, 0);
  const title = options.title ?? 'drsim';
  const out: string[] = [];
  const verdict = runs.length === 0 ? 'no runs' : failed.length ? `${failed.length} of ${plural(runs.length, 'run')} failed` : `all ${plural(runs.length, 'run')} passed`;
  out.push(`## ${failed.length ? '❌' : '✅'} ${title}: ${verdict}`, '');
  const shards = suites.filter((s) => s.shard);
  if (shards.length) out.push(`> Partial: ${shards.map((s) => `${s.name} is shard ${s.shard!.index + 1} of ${s.shard!.count}`).join('; ')}. Merge the shards (\`drsim report merge\`) for the whole campaign.`, '');
  out.push('| | |', '|---|---|');
  out.push(`| Scenarios | ${scenarios.length} |`);
  out.push(`| Seeds | ${seedsText(runs.map((r) => r.seed))} |`);
  out.push(`| Runs | ${runs.length} |`);
  out.push(`| Passed | ${runs.length - failed.length} |`);
  out.push(`| Failed | ${failed.length} |`);
  out.push(`| Backends | ${backends.join(', ') || '-'} |`);
  out.push(`| Fault kinds exercised | ${faultKinds.length ? faultKinds.map((k) => `\`${k}\``).join(', ') : 'none'} |`);
  out.push(`| Virtual time | ${formatSpan(virtualMs)} (wall ${formatSpan(wallMs)}) |`);
  out.push('');

  out.push('### Scenarios', '', '| Scenario | Runs | Passed | Failed | Worst RPO | Lost writes |', '|---|---:|---:|---:|---:|---:|');
  for (const name of scenarios) {
    const rs = runs.filter((r) => r.scenario === name);
    const f = rs.filter((r) => !r.passed).length;
    const failovers = rs.flatMap((r) => r.apps.flatMap((a) => a.failovers));
    const worst = failovers.length ? failovers.reduce((m, x) => (x.rpoMs > m.rpoMs ? x : m)) : undefined;
    const lost = rs.reduce((s, r) => s + r.apps.reduce((t, a) => t + a.lostWrites, 0), 0);
    out.push(`| ${escapeMarkdownCell(name)} | ${rs.length} | ${rs.length - f} | ${f ? `**${f}**` : 0} | ${worst ? `${formatSpan(worst.rpoMs)} (${worst.rpoWrites} writes)` : '-'} | ${lost} |`);
  }
  out.push('');

  const groups = failureGroups(runs);
  if (groups.length) {
    const top = options.topFailures ?? 10;
    const seedsMax = options.seedsPerFailure ?? 10;
    out.push('### Top failures', '');
    groups.slice(0, top).forEach((g, i) => {
      const first = g.runs[0]!;
      const where = [...new Set(g.runs.map((r) => r.scenario))].map(escapeMarkdownCell).join(', ');
      out.push(`${i + 1}. **${escapeMarkdownCell(g.name)}** in ${plural(g.runs.length, 'run')} (${where}; seeds ${seedsText(g.runs.map((r) => r.seed), seedsMax)})`);
      out.push(`   ${g.explanation.replace(/\r?\n/g, ' ')}`);
      const v = failuresOf(first).find((x) => x.name === g.name)?.violations[0];
      if (v) out.push(`   First seen at ${formatClock(v.atMs)}: ${v.message.replace(/\r?\n/g, ' ')}`);
      out.push('   ```sh', `   ${first.replayCommand}`, '   ```');
    });
    if (groups.length > top) out.push('', `…and ${plural(groups.length - top, 'more failure kind')}; the JUnit and HTML reports list them all.`);
    out.push('');
  }
  return out.join('\n');
}

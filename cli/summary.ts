// The human-readable end of a run: verdict, apps, invariants, figures, and how to replay it.

import type { RunResult } from '../reports/result-types.js';

export function formatRunSummary(r: RunResult, file: string): string {
  const lines: string[] = [];
  lines.push('');
  lines.push(`${r.passed ? 'PASSED' : 'FAILED'}  ${r.scenario}  (seed ${r.seed}, ${r.backend})`);
  for (const a of r.apps) {
    lines.push(`  app ${a.name}: ${a.phase || '(no phase)'}${a.progression ? `/${a.progression}` : ''}, primary ${a.primary || 'none'}, ${a.ackedWrites} writes acknowledged, ${a.lostWrites} lost`);
    for (const f of a.failovers) lines.push(`    failover at ${(f.atMs / 1000).toFixed(0)}s: RPO ${(f.rpoMs / 1000).toFixed(1)}s (${f.rpoWrites} writes), divergence ${(f.divergenceMs / 1000).toFixed(1)}s (${f.divergenceWrites} writes)`);
  }
  const violated = r.invariants.filter((i) => i.verdict === 'violated');
  if (r.invariants.length) lines.push(`  invariants: ${r.invariants.length - violated.length} held or measured, ${violated.length} violated`);
  for (const v of violated) {
    lines.push(`    ${v.name}: ${v.explanation}`);
    for (const x of v.violations.slice(0, 5)) lines.push(`      at ${(x.atMs / 1000).toFixed(1)}s: ${x.message} (events ${x.events.join(', ')})`);
  }
  const failed = r.steps?.find((s) => !s.ok);
  if (failed) lines.push(`  failed step (${file}:${failed.line}): ${failed.label}\n    ${failed.message ?? ''}`);
  if (r.backend === 'sim') {
    lines.push(`  simulated ${(r.virtualDurationMs / 1000).toFixed(0)}s in ${(r.wallMs / 1000).toFixed(2)}s wall (${r.wallMs > 0 ? Math.round(r.virtualDurationMs / r.wallMs) : '∞'}x)`);
    lines.push(`  trace digest ${r.traceDigest}`);
  } else {
    // Real servers run in wall time and their traces carry wall-clock stamps: no speed-up, no reproducible digest.
    lines.push(`  ran ${(r.wallMs / 1000).toFixed(0)}s on real servers (${r.backend})`);
  }
  if (!r.passed) lines.push(`  replay: ${r.replayCommand}`);
  return lines.join('\n') + '\n';
}

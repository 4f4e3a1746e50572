// The doctor's checklist for people (one line per check, the fix indented under anything not ok,
// colour on a terminal) and for machines (one JSON document).

import type { Check, CheckStatus } from './doctor-types.js';

const MARK: Record<CheckStatus, string> = { ok: ' ok ', warn: 'warn', fail: 'FAIL' };
const COLOR: Record<CheckStatus, string> = { ok: '\u001b[32m', warn: '\u001b[33m', fail: '\u001b[31m' };

export function countByStatus(checks: readonly Check[]): Record<CheckStatus, number> {
  return { ok: checks.filter((c) => c.status === 'ok').length, warn: checks.filter((c) => c.status === 'warn').length, fail: checks.filter((c) => c.status === 'fail').length };
}

export function formatChecksText(checks: readonly Check[], options: { color: boolean }): string {
  const lines: string[] = [];
  for (const c of checks) {
    const mark = options.color ? `${COLOR[c.status]}${MARK[c.status]}\u001b[0m` : MARK[c.status];
    lines.push(`[${mark}] ${c.title}: ${c.detail}`);
    if (c.status !== 'ok' && c.fix) lines.push(`       fix: ${c.fix}`);
  }
  const n = countByStatus(checks);
  lines.push(`${n.ok} ok, ${n.warn} warn, ${n.fail} fail`);
  return lines.join('\n') + '\n';
}

export function formatChecksJson(backend: string, checks: readonly Check[]): string {
  return JSON.stringify({ backend, summary: countByStatus(checks), checks }, null, 2) + '\n';
}

// Goal: keep engine/ and sim/ deterministic by banning every API that reads the wall clock, real
// randomness, real timers or the environment. Method: scan the source text, as TigerBeetle's tidy does.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BANNED: { pattern: RegExp; instead: string }[] = [
  { pattern: /\bDate\.now\(/, instead: 'the injected Clock (clock.nowMs())' },
  { pattern: /new Date\(\s*\)/, instead: 'the injected Clock; new Date(ms) only to format a given time' },
  { pattern: /\bMath\.random\(/, instead: 'the injected Rng (SeededRng in the simulator)' },
  { pattern: /\bsetTimeout\(|\bsetInterval\(/, instead: 'the injected Scheduler (scheduler.after)' },
  { pattern: /\bprocess\.env\b/, instead: 'an explicit option passed in by the CLI' },
  { pattern: /\bperformance\.now\(/, instead: 'the injected Clock' },
];

// drain.ts orders promise continuations between events; it reads no time.
const ALLOWED_FILES = new Set(['sim/kernel/drain.ts']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

describe('tidy: determinism bans in engine/ and sim/', () => {
  it('finds no banned call', () => {
    const findings: string[] = [];
    for (const file of [...sourceFiles('engine'), ...sourceFiles('sim')]) {
      if (ALLOWED_FILES.has(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\/\/|\*)/.test(line)) return;
        for (const b of BANNED) if (b.pattern.test(line)) findings.push(`${file}:${i + 1}: ${line.trim()}  → use ${b.instead}`);
      });
    }
    expect(findings).toEqual([]);
  });

  it('would catch a banned call (the scanner has teeth)', () => {
    expect(BANNED.some((b) => b.pattern.test('const t = Date.now();'))).toBe(true);
    expect(BANNED.some((b) => b.pattern.test('const x = computeDate(now);'))).toBe(false);
  });
});

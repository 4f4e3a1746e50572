// `npm run bench`: the drsim benchmarks of issue 8. Prints a Markdown table row per figure as each
// benchmark finishes, then one JSON document with every figure; progress goes to stderr.
//
//   npm run bench                          every benchmark at full size (long: the 1,000-app point alone takes minutes)
//   npm run bench -- --quick               a CI smoke run of every benchmark but apiserver, under a minute
//   npm run bench -- --only world,cycle    a subset (names or the letters a-g)
//   npm run bench -- --only apiserver      (g) alone: real servers, a few minutes; named, it runs in --quick too
//   npm run bench -- --scale-sizes 10,100,1000,10000 --cycle-runs 51 --hours 24
//   npm run bench -- --json-out out/bench.json

import { writeFileSync } from 'node:fs';
import { BENCHMARKS, configFor, formatRow, LETTERS, runSuite, TABLE_HEADER, type BenchmarkName, type Mode } from './lib/suite.js';

function usage(message?: string): never {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write(`usage: npm run bench -- [--quick] [--only ${BENCHMARKS.join(',')}|a-g] [--hours H] [--writes-per-minute N] [--cycle-runs N] [--scale-sizes N,N,...] [--chaos-runs N] [--json-out FILE]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let mode: Mode = 'full';
let only: BenchmarkName[] = [...BENCHMARKS];
let jsonOut: string | undefined;
const overrides: ((c: ReturnType<typeof configFor>) => void)[] = [];
const positive = (flag: string, v: string | undefined): number => {
  const n = Number(v);
  if (!(n > 0)) usage(`${flag} needs a positive number`);
  return n;
};
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const next = (): string | undefined => args[++i];
  switch (a) {
    case '--quick':
      mode = 'quick';
      break;
    case '--tiny':
      mode = 'tiny';
      break;
    case '--only': {
      const names = (next() ?? '').split(',').filter(Boolean);
      only = names.map((n) => {
        const b = LETTERS[n] ?? (BENCHMARKS as readonly string[]).find((x) => x === n);
        if (!b) usage(`unknown benchmark "${n}"`);
        return b as BenchmarkName;
      });
      // Named explicitly, the real-server benchmark runs whatever the mode.
      if (only.includes('apiserver')) overrides.push((c) => delete c.apiserverSkip);
      break;
    }
    case '--hours': {
      const h = positive(a, next());
      overrides.push((c) => (c.worldHours = h));
      break;
    }
    case '--writes-per-minute': {
      const n = positive(a, next());
      overrides.push((c) => (c.worldWritesPerMinute = n));
      break;
    }
    case '--cycle-runs': {
      const n = positive(a, next());
      overrides.push((c) => (c.cycleRuns = n));
      break;
    }
    case '--chaos-runs': {
      const n = positive(a, next());
      overrides.push((c) => (c.chaosRuns = n));
      break;
    }
    case '--scale-sizes': {
      const sizes = (next() ?? '').split(',').map((s) => positive(a, s));
      overrides.push((c) => {
        c.scaleSizes = sizes;
        c.scaleSkipped = c.scaleSkipped.filter((k) => !sizes.includes(k.apps));
      });
      break;
    }
    case '--json-out':
      jsonOut = next() ?? usage('--json-out needs a file');
      break;
    case '--help':
    case '-h':
      usage();
      break;
    default:
      usage(`unknown option ${a}`);
  }
}

const config = configFor(mode);
for (const o of overrides) o(config);
console.log(TABLE_HEADER);
const report = await runSuite(config, only, (rows) => {
  for (const r of rows) console.log(formatRow(r));
});
const json = JSON.stringify(report, null, 2);
console.log('');
console.log(json);
if (jsonOut) writeFileSync(jsonOut, `${json}\n`);

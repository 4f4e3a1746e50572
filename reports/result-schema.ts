// Checks a parsed JSON document is a RunResult, a CampaignResult, or an array of them, before any
// report is made from it. Errors name the file and the field path (`runs[3].seed`), so a result file
// written by another version of drsim, or by hand, fails with a message that says what to fix.

import type { AppResult, CampaignResult, FailoverMeasure, InvariantResult, RunResult, StepResult, Violation } from './result-types.js';
import { BACKENDS, VERDICTS } from './result-types.js';

export interface ResultDocument {
  campaigns: CampaignResult[];
  /** Runs that came on their own, not inside a campaign. */
  runs: RunResult[];
}

class FieldError extends Error {}

type Obj = Record<string, unknown>;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

function fail(path: string, what: string, v: unknown): never {
  throw new FieldError(`${path}: expected ${what}, got ${describe(v)}`);
}

function obj(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Obj;
}
function str(o: Obj, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== 'string') fail(`${path}.${k}`, 'a string', v);
  return v;
}
function num(o: Obj, k: string, path: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${path}.${k}`, 'a number', v);
  return v;
}
function bool(o: Obj, k: string, path: string): boolean {
  const v = o[k];
  if (typeof v !== 'boolean') fail(`${path}.${k}`, 'true or false', v);
  return v;
}
function arr(o: Obj, k: string, path: string): unknown[] {
  const v = o[k];
  if (!Array.isArray(v)) fail(`${path}.${k}`, 'an array', v);
  return v;
}
function oneOf<T extends string>(o: Obj, k: string, path: string, values: readonly T[]): T {
  const v = o[k];
  if (typeof v !== 'string' || !values.includes(v as T)) fail(`${path}.${k}`, `one of ${values.join(', ')}`, v);
  return v as T;
}

function violation(v: unknown, path: string): Violation {
  const o = obj(v, path);
  const events = arr(o, 'events', path).map((e, i) => {
    if (typeof e !== 'number') fail(`${path}.events[${i}]`, 'a sequence number', e);
    return e;
  });
  return { atMs: num(o, 'atMs', path), message: str(o, 'message', path), events };
}

function invariant(v: unknown, path: string): InvariantResult {
  const o = obj(v, path);
  return {
    name: str(o, 'name', path),
    verdict: oneOf(o, 'verdict', path, VERDICTS),
    explanation: str(o, 'explanation', path),
    violations: arr(o, 'violations', path).map((x, i) => violation(x, `${path}.violations[${i}]`)),
  };
}

function failover(v: unknown, path: string): FailoverMeasure {
  const o = obj(v, path);
  return { atMs: num(o, 'atMs', path), rpoMs: num(o, 'rpoMs', path), rpoWrites: num(o, 'rpoWrites', path), divergenceMs: num(o, 'divergenceMs', path), divergenceWrites: num(o, 'divergenceWrites', path) };
}

function app(v: unknown, path: string): AppResult {
  const o = obj(v, path);
  return {
    name: str(o, 'name', path),
    phase: str(o, 'phase', path),
    progression: str(o, 'progression', path),
    primary: str(o, 'primary', path),
    ackedWrites: num(o, 'ackedWrites', path),
    lostWrites: num(o, 'lostWrites', path),
    failovers: arr(o, 'failovers', path).map((x, i) => failover(x, `${path}.failovers[${i}]`)),
  };
}

function step(v: unknown, path: string): StepResult {
  const o = obj(v, path);
  const out: StepResult = { label: str(o, 'label', path), line: num(o, 'line', path), ok: bool(o, 'ok', path), atMs: num(o, 'atMs', path) };
  if (o.message !== undefined) out.message = str(o, 'message', path);
  return out;
}

export function checkRunResult(v: unknown, path = 'run'): RunResult {
  const o = obj(v, path);
  const run: RunResult = {
    scenario: str(o, 'scenario', path),
    seed: num(o, 'seed', path),
    backend: oneOf(o, 'backend', path, BACKENDS),
    passed: bool(o, 'passed', path),
    invariants: arr(o, 'invariants', path).map((x, i) => invariant(x, `${path}.invariants[${i}]`)),
    apps: arr(o, 'apps', path).map((x, i) => app(x, `${path}.apps[${i}]`)),
    virtualDurationMs: num(o, 'virtualDurationMs', path),
    wallMs: num(o, 'wallMs', path),
    traceDigest: str(o, 'traceDigest', path),
    replayCommand: str(o, 'replayCommand', path),
    faultKinds: arr(o, 'faultKinds', path).map((x, i) => {
      if (typeof x !== 'string') fail(`${path}.faultKinds[${i}]`, 'a string', x);
      return x;
    }),
  };
  if (o.steps !== undefined) run.steps = arr(o, 'steps', path).map((x, i) => step(x, `${path}.steps[${i}]`));
  return run;
}

export function checkCampaignResult(v: unknown, path = 'campaign'): CampaignResult {
  const o = obj(v, path);
  const out: CampaignResult = {
    name: str(o, 'name', path),
    seedStart: num(o, 'seedStart', path),
    runs: arr(o, 'runs', path).map((x, i) => checkRunResult(x, `${path}.runs[${i}]`)),
  };
  if (o.shard !== undefined) {
    const s = obj(o.shard, `${path}.shard`);
    const index = num(s, 'index', `${path}.shard`);
    const count = num(s, 'count', `${path}.shard`);
    if (!Number.isInteger(count) || count < 1) fail(`${path}.shard.count`, 'a whole number of at least 1', count);
    if (!Number.isInteger(index) || index < 0 || index >= count) fail(`${path}.shard.index`, `a whole number from 0 to ${count - 1}`, index);
    out.shard = { index, count };
  }
  return out;
}

/** A campaign has `runs`; a run has `scenario`. Anything else is neither, and says so. */
function checkOne(v: unknown, path: string, into: ResultDocument): void {
  const o = obj(v, path);
  if (Array.isArray(o.runs)) into.campaigns.push(checkCampaignResult(o, path));
  else if ('scenario' in o) into.runs.push(checkRunResult(o, path));
  else throw new FieldError(`${path}: neither a run result (no "scenario") nor a campaign result (no "runs" array)`);
}

/** Validates a parsed result file; `source` (the file name) starts every error message. */
export function checkResultDocument(value: unknown, source: string): ResultDocument {
  const doc: ResultDocument = { campaigns: [], runs: [] };
  try {
    if (Array.isArray(value)) value.forEach((v, i) => checkOne(v, `[${i}]`, doc));
    else checkOne(value, '(top)', doc);
  } catch (err) {
    if (err instanceof FieldError) throw new Error(`${source}: ${err.message}`);
    throw err;
  }
  return doc;
}

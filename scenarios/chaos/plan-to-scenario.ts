// Writes a chaos plan out as a scenario file: the world, then the fault and user-action steps in
// time order with `advance` steps between them, then the converge phase: one `fault` step per fault
// still in effect (named `converge: heal`) and a final `advance` named `converge`. Running that file
// with `drsim run` replays the chaos run exactly, since the campaign itself runs the parsed file.
//
// The plan is tidied on the way, as a careful user would behave: overlapping windows of one fault
// on one target merge, user actions never fall inside a hub outage (the request would fail on the
// API server, which is not a Ramen bug), and an app gets no action after its protection is disabled.

import { formatDuration } from '../format/duration.js';
import { parseScenario } from '../format/parse-scenario.js';
import type { Scenario } from '../format/scenario-types.js';
import { s3EndpointUrl } from '../../sim/world/bootstrap-manifests.js';
import type { ChaosFault, ChaosPlan, UserAction } from './chaos-plan.js';

export const HEAL_STEP_NAME = 'converge: heal';
export const CONVERGE_STEP_NAME = 'converge';

interface Timed {
  atMs: number;
  /** Ends before starts at the same instant, then faults before actions. */
  order: number;
  lines: string[];
}

const q = (s: string): string => JSON.stringify(s);
const dur = (ms: number): string => formatDuration(Math.max(0, ms));

function windowKey(f: ChaosFault): string {
  switch (f.kind) {
    case 'partition':
    case 'peerPartition':
      return `partition:${[f.from, f.to].sort().join('|')}`;
    case 'controllerCrash':
      return `crash:${f.node}`;
    case 'hubDown':
    case 'hubRestore':
      return f.kind;
    case 'clusterDown':
    case 'clusterDestroy':
      // A destroyed cluster is down too: one window per cluster for both.
      return `down:${f.cluster}`;
    default:
      return `${f.kind}:${f.cluster}`;
  }
}

/** Merges overlapping windows per fault key, keeping the first window's details. */
export function normalizeFaults(faults: readonly ChaosFault[]): ChaosFault[] {
  const sorted = [...faults].sort((a, b) => a.atMs - b.atMs);
  const out: ChaosFault[] = [];
  const lastByKey = new Map<string, ChaosFault>();
  for (const f of sorted) {
    if (f.kind === 'hubRestore') {
      out.push(f);
      continue;
    }
    const key = windowKey(f);
    const prev = lastByKey.get(key);
    if (prev && prev.kind !== 'hubRestore' && prev.atMs + prev.durationMs >= f.atMs) {
      prev.durationMs = Math.max(prev.durationMs, f.atMs + f.durationMs - prev.atMs);
      continue;
    }
    const copy = { ...f };
    lastByKey.set(key, copy);
    out.push(copy);
  }
  return out;
}

function faultStart(plan: ChaosPlan, f: ChaosFault): string {
  switch (f.kind) {
    case 'clusterDown':
    case 'clusterDestroy':
    case 'replicationStall':
      return `{ type: ${f.kind}, cluster: ${f.cluster} }`;
    case 's3Outage':
      return `{ type: s3Outage, endpoint: ${q(s3EndpointUrl(plan.world, f.cluster))} }`;
    case 'partition':
    case 'peerPartition':
      return `{ type: partition, from: ${f.from}, to: ${f.to}, oneWay: ${f.oneWay} }`;
    case 'controllerCrash':
      return `{ type: controllerCrash, operator: ${f.node}, downFor: ${dur(f.durationMs)} }`;
    case 'clockSkew':
      return `{ type: clockSkew, cluster: ${f.cluster}, offset: ${dur(f.offsetMs)} }`;
    case 'hubDown':
      return '{ type: hubDown }';
    case 'hubRestore':
      return '{ type: hubRestore }';
  }
}

/** The step that ends a fault, or undefined for faults that end on their own. */
function faultEnd(plan: ChaosPlan, f: ChaosFault): string | undefined {
  switch (f.kind) {
    case 'clusterDown':
    case 'clusterDestroy':
      return `{ type: clusterUp, cluster: ${f.cluster} }`;
    case 'replicationStall':
      return `{ type: replicationResume, cluster: ${f.cluster} }`;
    case 's3Outage':
      return `{ type: s3Restore, endpoint: ${q(s3EndpointUrl(plan.world, f.cluster))} }`;
    case 'partition':
    case 'peerPartition':
      return `{ type: heal, from: ${f.from}, to: ${f.to} }`;
    case 'clockSkew':
      return `{ type: clockSkew, cluster: ${f.cluster}, offset: 0s }`;
    case 'hubDown':
      return '{ type: hubUp }';
    case 'controllerCrash':
    case 'hubRestore':
      return undefined;
  }
}

function hubOutages(faults: readonly ChaosFault[]): { from: number; to: number }[] {
  return faults.flatMap((f) => (f.kind === 'hubDown' ? [{ from: f.atMs, to: f.atMs + f.durationMs }] : f.kind === 'hubRestore' ? [{ from: f.atMs, to: f.atMs }] : []));
}

function actionLines(plan: ChaosPlan, a: UserAction): string[] {
  const metro = plan.world.storage === 'metro';
  const other = plan.world.clusters.map((c) => c.name).find((c) => c !== a.to) ?? a.to;
  const fence = (cluster: string, state: string): string =>
    `    - patch: { cluster: hub, apiVersion: ramendr.openshift.io/v1alpha1, kind: DRCluster, name: ${cluster}, patch: { spec: { clusterFence: ${state} } } }`;
  switch (a.kind) {
    case 'failover':
      // A metro failover needs the old home fenced first and the target not fenced; the user sees to
      // both, as Ramen's docs say.
      return [...(metro ? [fence(a.to, 'Unfenced'), ...(a.fence === false ? [] : [fence(other, 'Fenced')])] : []), `    - failover: { drpc: ${a.app}, to: ${a.to} }`];
    case 'relocate':
      // A metro relocate needs every cluster back and unfenced.
      return [...(metro ? [fence(a.to, 'Unfenced'), fence(other, 'Unfenced')] : []), `    - relocate: { drpc: ${a.app}, to: ${a.to} }`];
    case 'disable':
      return [`    - delete: { cluster: hub, apiVersion: ramendr.openshift.io/v1alpha1, kind: DRPlacementControl, name: ${a.app}, namespace: ${plan.world.apps.find((x) => x.name === a.app)?.namespace ?? a.app} }`];
  }
}

export interface ScenarioText {
  name: string;
  description: string;
  /** The converge phase's `advance`; the campaign writes the time it actually used. */
  convergeMs: number;
}

export function planToYaml(plan: ChaosPlan, text: ScenarioText): string {
  const faults = normalizeFaults(plan.faults);
  const timed: Timed[] = [];
  const heals: string[] = [];
  for (const f of faults) {
    timed.push({ atMs: f.atMs, order: 1, lines: [`    - fault: ${faultStart(plan, f)}`] });
    const end = faultEnd(plan, f);
    if (end === undefined || f.kind === 'hubRestore') continue;
    const endMs = f.atMs + f.durationMs;
    if (endMs < plan.runLengthMs) timed.push({ atMs: endMs, order: 0, lines: [`    - fault: ${end}`] });
    else heals.push(`    - name: ${q(HEAL_STEP_NAME)}\n      fault: ${end}`);
  }
  const outages = hubOutages(faults);
  const disabled = new Set<string>();
  for (const a of [...plan.actions].sort((x, y) => x.atMs - y.atMs)) {
    if (!plan.world.apps.some((x) => x.name === a.app) || disabled.has(a.app)) continue;
    let atMs = a.atMs;
    for (const o of outages) if (atMs >= o.from && atMs <= o.to) atMs = o.to + 10_000;
    if (atMs >= plan.runLengthMs) continue;
    if (a.kind === 'disable') disabled.add(a.app);
    timed.push({ atMs, order: 2, lines: actionLines(plan, a) });
  }
  timed.sort((a, b) => a.atMs - b.atMs || a.order - b.order);
  const steps: string[] = [];
  let now = 0;
  for (const t of timed) {
    if (t.atMs > now) steps.push(`    - advance: ${dur(t.atMs - now)}`);
    now = Math.max(now, t.atMs);
    steps.push(...t.lines);
  }
  if (plan.runLengthMs > now) steps.push(`    - advance: ${dur(plan.runLengthMs - now)}`);
  steps.push(...heals);
  steps.push(`    - name: ${CONVERGE_STEP_NAME}\n      advance: ${dur(text.convergeMs)}`);
  const w = plan.world;
  const apps = w.apps.map((a) =>
    [
      `      - name: ${a.name}`,
      `        namespace: ${a.namespace}`,
      `        pvcs: [${a.pvcs.map((p) => p.name).join(', ')}]`,
      `        writesPerMinute: ${a.writesPerMinute}`,
      `        dataPath: ${a.dataPath}`,
      `        cluster: ${a.cluster}`,
    ].join('\n'),
  );
  return [
    'apiVersion: drsim/v1',
    'kind: Scenario',
    'metadata:',
    `  name: ${text.name}`,
    `  description: ${q(text.description)}`,
    'spec:',
    `  seed: ${plan.worldSeed}`,
    '  world:',
    `    clusters: [${w.clusters.map((c) => `{ name: ${c.name}, region: ${c.region} }`).join(', ')}]`,
    `    storage: ${w.storage}`,
    `    schedulingInterval: ${w.schedulingInterval}`,
    `    s3: ${w.s3}`,
    `    apps:${apps.length ? '' : ' []'}`,
    ...apps,
    '  steps:',
    ...steps,
    '',
  ].join('\n');
}

export function planToScenario(plan: ChaosPlan, text: ScenarioText, file = 'chaos.yaml'): Scenario {
  return parseScenario(planToYaml(plan, text), file);
}

/** Where a scenario's converge phase starts (the index of its first step), if it has one. */
export function convergePhaseOf(scenario: Scenario): number | undefined {
  const last = scenario.steps[scenario.steps.length - 1];
  if (!last || last.kind !== 'advance' || last.name !== CONVERGE_STEP_NAME) return undefined;
  let first = scenario.steps.length - 1;
  while (first > 0 && scenario.steps[first - 1]!.name === HEAL_STEP_NAME) first--;
  return first;
}

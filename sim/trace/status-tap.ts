// Adds the observed status of DRPCs and VRGs to the trace whenever one is written, so that reports and
// the replay UI can show phases, progressions and conditions without re-running the world. It reads
// the stored object right after the write, as an observer; it acts on nothing.

import type { Condition, KubeObject } from '../../engine/api/meta.js';
import type { JsonValue } from '../../engine/runtime/trace-sink.js';
import type { TraceEvent, TraceRecorder } from './recorder.js';

const RAMEN = 'ramendr.openshift.io/v1alpha1';

interface Peeker {
  peek(node: string, apiVersion: string, kind: string, name: string, namespace?: string): KubeObject | undefined;
}

function conditionMap(conditions: Condition[] | undefined): { [k: string]: JsonValue } {
  const out: { [k: string]: JsonValue } = {};
  for (const c of conditions ?? []) out[c.type] = `${c.status}/${c.reason}`;
  return out;
}

export function installStatusTap(trace: TraceRecorder, world: Peeker): void {
  const last = new Map<string, string>();
  trace.subscribe((e: TraceEvent) => {
    if (e.type !== 'api.write' || (e.kind !== 'DRPlacementControl' && e.kind !== 'VolumeReplicationGroup')) return;
    const cluster = String(e.cluster);
    const key = `${cluster}/${String(e.kind)}/${String(e.ns)}/${String(e.name)}`;
    const obj = world.peek(cluster, RAMEN, String(e.kind), String(e.name), String(e.ns));
    const status = (obj?.status ?? {}) as { phase?: string; progression?: string; state?: string; conditions?: Condition[] };
    const spec = (obj?.spec ?? {}) as { action?: string; replicationState?: string };
    const fields =
      e.kind === 'DRPlacementControl'
        ? { type: 'drpc.status', ns: String(e.ns), name: String(e.name), exists: obj !== undefined, action: spec.action ?? '', phase: status.phase ?? '', progression: status.progression ?? '', conditions: conditionMap(status.conditions) }
        : { type: 'vrg.status', cluster, ns: String(e.ns), name: String(e.name), exists: obj !== undefined, replicationState: spec.replicationState ?? '', state: status.state ?? '', conditions: conditionMap(status.conditions) };
    // Only changes are worth a line: a status write that changes nothing visible adds no event.
    const digest = JSON.stringify(fields);
    if (last.get(key) === digest) return;
    last.set(key, digest);
    trace.emit(fields);
  });
}

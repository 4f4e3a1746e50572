// What the replay UI shows at one point of a trace: the hub's DRPCs, each managed cluster's VRGs,
// PVCs and pods, S3 objects per VRG, the network, and the faults in effect. It is the fold of the
// trace's events up to that point. `applyEvent` mutates a view in place (fast, for building); the
// trace index hands out views that are never mutated again, so rendering stays a pure function of
// state. Views are plain data so `structuredClone` copies them for checkpoints.

import { faultEdge } from '../trace/fault-subject.js';
import type { TraceEvent } from '../trace/read-trace.js';
import type { WriteLog } from '../trace/write-log.js';
import { heldThrough } from '../trace/write-log.js';

/** A condition as the trace gives it: `"True/Reason"`, `"True"`, or a boolean. */
export type ConditionMap = Record<string, string>;

export interface DrpcView {
  ns: string;
  name: string;
  phase: string;
  progression: string;
  action: string;
  conditions: ConditionMap;
  exists: boolean;
  /** Virtual time the current phase began. */
  phaseSinceMs: number;
  /** False when the phase comes from `hub.drpc.phase` only (a trace without `drpc.status`). */
  fromStatus: boolean;
}

export interface VrgView {
  cluster: string;
  ns: string;
  name: string;
  state: string;
  replicationState: string;
  conditions: ConditionMap;
  exists: boolean;
}

export interface PvcView {
  cluster: string;
  ns: string;
  name: string;
  writes: number;
  lastWriteMs?: number;
}

/** The peer copy of a PVC: the newest write it holds, and how many acknowledged writes it lacks. */
export interface ReplicaView {
  pvc: string;
  heldThroughMs: number;
  lastSyncMs: number;
  unsyncedWrites: number;
  from?: string;
  to?: string;
}

export interface ClusterView {
  name: string;
  /** The node is reachable (net.node.down/up). */
  up: boolean;
  /** The API server answers (api.down/up). */
  apiUp: boolean;
  /** Pods known to run, `ns/name` to node. */
  pods: Record<string, string>;
}

export interface WorldView {
  /** Events applied so far. */
  applied: number;
  nowMs: number;
  seed?: number;
  clusterOrder: string[];
  clusters: Record<string, ClusterView>;
  drpcs: Record<string, DrpcView>;
  vrgs: Record<string, VrgView>;
  pvcs: Record<string, PvcView>;
  replicas: Record<string, ReplicaView>;
  /** `endpoint bucket` to VRG prefix (`ns/name`) to the keys stored under it. */
  s3: Record<string, Record<string, Record<string, true>>>;
  cuts: Record<string, { from: string; to: string; oneWay: boolean }>;
  /** Nodes other than managed clusters that are down (the hub, S3 endpoints). */
  otherNodesDown: Record<string, true>;
  faults: Record<string, { label: string; sinceMs: number }>;
  step?: { index: number; label: string; ok?: boolean; message?: string };
  lastAction?: { label: string; atMs: number };
}

export function emptyView(): WorldView {
  return { applied: 0, nowMs: 0, clusterOrder: [], clusters: {}, drpcs: {}, vrgs: {}, pvcs: {}, replicas: {}, s3: {}, cuts: {}, otherNodesDown: {}, faults: {} };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function conditionsOf(v: unknown): ConditionMap {
  const out: ConditionMap = {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [k, c] of Object.entries(v as Record<string, unknown>)) {
    if (typeof c === 'boolean') out[k] = c ? 'True' : 'False';
    else if (typeof c === 'string') out[k] = c;
    else if (typeof c === 'object' && c !== null) {
      // `{status, reason}` objects, as a Kubernetes condition would be written.
      const o = c as Record<string, unknown>;
      out[k] = o.reason ? `${str(o.status)}/${str(o.reason)}` : str(o.status);
    }
  }
  return out;
}

function cluster(v: WorldView, name: string): ClusterView {
  let c = v.clusters[name];
  if (!c) {
    c = v.clusters[name] = { name, up: true, apiUp: true, pods: {} };
    v.clusterOrder.push(name);
  }
  return c;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? ['', key] : [key.slice(0, i), key.slice(i + 1)];
}

function drpc(v: WorldView, ns: string, name: string): DrpcView {
  const key = `${ns}/${name}`;
  return (v.drpcs[key] ??= { ns, name, phase: '', progression: '', action: '', conditions: {}, exists: true, phaseSinceMs: v.nowMs, fromStatus: false });
}

function pvc(v: WorldView, clusterName: string, key: string): PvcView {
  const [ns, name] = splitKey(key);
  cluster(v, clusterName);
  return (v.pvcs[`${clusterName}/${key}`] ??= { cluster: clusterName, ns, name, writes: 0 });
}

const HUB = 'hub';

/** Whether a node name is a managed cluster (the hub and S3 endpoints are not). */
function isManagedCluster(node: string): boolean {
  return node !== HUB && !node.startsWith('s3:');
}

export function applyEvent(v: WorldView, e: TraceEvent, writes: WriteLog): void {
  v.applied++;
  v.nowMs = e.t;
  switch (e.type) {
    case 'world.created':
      if (typeof e.seed === 'number') v.seed = e.seed;
      if (Array.isArray(e.clusters)) for (const c of e.clusters) cluster(v, String(c));
      break;
    case 'drpc.status': {
      const d = drpc(v, str(e.ns), str(e.name));
      const phase = str(e.phase);
      if (phase !== d.phase) d.phaseSinceMs = e.t;
      d.phase = phase;
      d.progression = str(e.progression);
      if (e.action !== undefined) d.action = str(e.action);
      d.conditions = conditionsOf(e.conditions);
      d.exists = e.exists !== false;
      d.fromStatus = true;
      break;
    }
    case 'hub.drpc.phase': {
      const [ns, name] = splitKey(str(e.drpc));
      const d = drpc(v, ns, name);
      // drpc.status, when the trace has it, is the complete record; this event then adds nothing.
      if (d.fromStatus) break;
      if (str(e.phase) !== d.phase) d.phaseSinceMs = e.t;
      d.phase = str(e.phase);
      break;
    }
    case 'hub.drpc.deleted': {
      const d = v.drpcs[str(e.drpc)];
      if (d) d.exists = false;
      break;
    }
    case 'vrg.status': {
      const c = str(e.cluster);
      cluster(v, c);
      v.vrgs[`${c}/${str(e.ns)}/${str(e.name)}`] = { cluster: c, ns: str(e.ns), name: str(e.name), state: str(e.state), replicationState: str(e.replicationState), conditions: conditionsOf(e.conditions), exists: e.exists !== false };
      break;
    }
    case 'hub.vrg.state': {
      // The hub's view of a VRG, used when the trace has no vrg.status for it.
      const c = str(e.cluster);
      const [ns, name] = splitKey(str(e.drpc));
      const key = `${c}/${ns}/${name}`;
      const existing = v.vrgs[key];
      if (existing && Object.keys(existing.conditions).length) break;
      cluster(v, c);
      v.vrgs[key] = { cluster: c, ns, name, state: str(e.state), replicationState: existing?.replicationState ?? '', conditions: {}, exists: true };
      break;
    }
    case 'user.action': {
      const ns = str(e.namespace ?? e.ns);
      const d = drpc(v, ns, str(e.drpc));
      const action = str(e.action);
      d.action = action ? action[0]!.toUpperCase() + action.slice(1) : d.action;
      v.lastAction = { label: `${action} ${ns}/${str(e.drpc)}${e.to ? ` to ${str(e.to)}` : ''}`, atMs: e.t };
      break;
    }
    case 'api.write': {
      const c = str(e.cluster);
      if (c === HUB) break;
      const gone = e.verb === 'remove';
      if (e.kind === 'PersistentVolumeClaim') {
        const key = `${str(e.ns)}/${str(e.name)}`;
        if (gone) delete v.pvcs[`${c}/${key}`];
        else pvc(v, c, key);
      } else if (e.kind === 'Pod' && gone) {
        delete cluster(v, c).pods[`${str(e.ns)}/${str(e.name)}`];
      } else if (e.kind === 'VolumeReplicationGroup' && gone) {
        const vrg = v.vrgs[`${c}/${str(e.ns)}/${str(e.name)}`];
        if (vrg) vrg.exists = false;
      }
      break;
    }
    case 'api.wipe': {
      // A destroyed cluster loses every object: its pods, PVCs and VRGs go with it.
      const c = str(e.cluster);
      cluster(v, c).pods = {};
      for (const k of Object.keys(v.pvcs)) if (v.pvcs[k]!.cluster === c) delete v.pvcs[k];
      for (const k of Object.keys(v.vrgs)) if (v.vrgs[k]!.cluster === c) delete v.vrgs[k];
      break;
    }
    case 'api.down':
    case 'api.up':
      if (str(e.cluster) !== HUB) cluster(v, str(e.cluster)).apiUp = e.type === 'api.up';
      break;
    case 'pod.running':
      cluster(v, str(e.cluster)).pods[str(e.pod)] = str(e.node);
      break;
    case 'storage.provision':
    case 'storage.bind':
      pvc(v, str(e.cluster), str(e.pvc));
      break;
    case 'app.write': {
      const p = pvc(v, str(e.cluster), str(e.pvc));
      p.writes++;
      p.lastWriteMs = e.t;
      const r = v.replicas[str(e.pvc)];
      if (r) r.unsyncedWrites++;
      break;
    }
    case 'net.node.down':
    case 'net.node.up': {
      const node = str(e.node);
      const up = e.type === 'net.node.up';
      if (isManagedCluster(node)) cluster(v, node).up = up;
      else if (up) delete v.otherNodesDown[node];
      else v.otherNodesDown[node] = true;
      break;
    }
    case 'net.cut':
      v.cuts[[str(e.from), str(e.to)].sort().join('|')] = { from: str(e.from), to: str(e.to), oneWay: e.oneWay === true };
      break;
    case 'net.heal':
      delete v.cuts[[str(e.from), str(e.to)].sort().join('|')];
      break;
    case 'net.heal.all':
      v.cuts = {};
      break;
    case 's3.put':
    case 's3.delete':
    case 's3.deleteMany': {
      const store = (v.s3[`${str(e.endpoint)} ${str(e.bucket)}`] ??= {});
      const keys = e.type === 's3.deleteMany' ? str(e.key).split(',') : [str(e.key)];
      for (const key of keys) {
        const parts = key.split('/');
        const prefix = parts.length >= 2 ? `${parts[0]}/${parts[1]}` : key;
        if (e.type === 's3.put') (store[prefix] ??= {})[key] = true;
        else if (store[prefix]) {
          delete store[prefix][key];
          if (Object.keys(store[prefix]).length === 0) delete store[prefix];
        }
      }
      break;
    }
    case 'step.start':
      v.step = { index: Number(e.index), label: str(e.label) };
      break;
    case 'step.end':
      v.step = { index: Number(e.index), label: str(e.label), ok: e.ok !== false, ...(e.message ? { message: str(e.message) } : {}) };
      break;
    default: {
      const edge = faultEdge(e);
      if (edge) {
        if (edge.edge === 'open') v.faults[edge.subject] ??= { label: edge.label, sinceMs: e.t };
        else if (edge.edge === 'close') delete v.faults[edge.subject];
        else if (edge.edge === 'closeAll') for (const k of Object.keys(v.faults)) if (k.startsWith(edge.prefix)) delete v.faults[k];
        break;
      }
      const h = heldThrough(e, writes);
      if (h) {
        v.replicas[h.pvc] = {
          pvc: h.pvc,
          heldThroughMs: Math.max(h.heldThroughMs, v.replicas[h.pvc]?.heldThroughMs ?? -Infinity),
          lastSyncMs: e.t,
          unsyncedWrites: writes.countAfter(h.pvc, h.heldThroughMs, e.seq),
          ...(h.from ? { from: h.from } : {}),
          ...(h.to ? { to: h.to } : {}),
        };
      }
    }
  }
}

/** The app namespaces that have a pod on a reachable cluster, by cluster. */
export function appRunningOn(v: WorldView, ns: string): { cluster: string; node: string; up: boolean }[] {
  const out: { cluster: string; node: string; up: boolean }[] = [];
  for (const name of v.clusterOrder) {
    const c = v.clusters[name]!;
    for (const [pod, node] of Object.entries(c.pods)) if (pod.startsWith(`${ns}/`)) out.push({ cluster: name, node, up: c.up && c.apiUp });
  }
  return out;
}

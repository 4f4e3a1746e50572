// The one-line text form of a trace event, shared by the replay UI's event log, the plain-text
// progress log and trace diffs. Known event types get a sentence-like summary; any other type falls
// back to `type key=value ...`, so a new event type is readable before anyone writes a summary for it.

import { formatClock, formatSpan } from '../format-time.js';
import type { TraceEvent } from './read-trace.js';

function s(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function key(ns: unknown, name: unknown): string {
  const n = s(ns);
  return n ? `${n}/${s(name)}` : s(name);
}

/** `Available=True PeerReady=False/Reason`, from either `{type: "Status/Reason"}` or `{type: "Status"}`. */
export function conditionsText(conditions: unknown): string {
  if (typeof conditions !== 'object' || conditions === null) return '';
  return Object.keys(conditions)
    .sort()
    .map((k) => `${k}=${s((conditions as Record<string, unknown>)[k])}`)
    .join(' ');
}

function stepNo(index: unknown): string {
  return typeof index === 'number' ? String(index + 1) : s(index);
}

function fallback(e: TraceEvent): string {
  const parts = Object.keys(e)
    .filter((k) => k !== 'type' && k !== 't' && k !== 'seq')
    .sort()
    .map((k) => `${k}=${s(e[k])}`);
  return [e.type, ...parts].join(' ');
}

export function eventSummary(e: TraceEvent): string {
  switch (e.type) {
    case 'world.created':
      return `world created: seed ${s(e.seed)}, clusters ${Array.isArray(e.clusters) ? e.clusters.join(', ') : s(e.clusters)}, storage ${s(e.storage)}`;
    case 'api.write':
      return `api.write ${s(e.cluster)} ${s(e.verb)} ${s(e.kind)} ${key(e.ns, e.name)} rv ${s(e.rv)} by ${s(e.actor)}${e.noop ? ' (no-op)' : ''}`;
    case 'api.reject':
      return `api.reject ${s(e.cluster)} ${s(e.verb)} ${s(e.kind)} ${key(e.ns, e.name)} by ${s(e.actor)}: ${s(e.reason)}: ${s(e.message)}`;
    case 'reconcile':
      return `reconcile ${s(e.controller)} ${s(e.key)} -> ${s(e.result)}${e.error ? `: ${s(e.error)}` : ''}`;
    case 'net.cut':
      return `net.cut ${s(e.from)} ${e.oneWay ? '->' : '<->'} ${s(e.to)}`;
    case 'net.heal':
      return `net.heal ${s(e.from)} <-> ${s(e.to)}`;
    case 'net.heal.all':
      return 'net.heal all links';
    case 'net.node.down':
    case 'net.node.up':
      return `${e.type} ${s(e.node)}`;
    case 's3.put':
    case 's3.delete':
    case 's3.deleteMany':
      return `${e.type} ${s(e.bucket)}/${s(e.key)} by ${s(e.caller)}`;
    case 's3.error':
      return `s3.error ${s(e.op)} ${s(e.bucket)}/${s(e.key)} by ${s(e.caller)}: ${s(e.code)}`;
    case 'fault.inject':
      return `fault.inject ${s(e.detail) || s(e.fault)}`;
    case 'fault.heal':
      return `fault.heal ${s(e.detail) || s(e.fault)}`;
    case 'app.write':
      return `app.write ${s(e.app)} ${s(e.pvc)} on ${s(e.cluster)} #${s(e.writeId)}`;
    case 'app.write.refused':
      return `app.write.refused ${s(e.app)} ${s(e.pvc)} on ${s(e.cluster)}: ${s(e.reason)}`;
    // Steps are numbered from 1 for people; the trace counts from 0.
    case 'step.start':
      return `step ${stepNo(e.index)}: ${s(e.label)}`;
    case 'step.end':
      return `step ${stepNo(e.index)} ${e.ok === false ? 'FAILED' : 'ok'}: ${s(e.label)}${e.message ? ` - ${s(e.message)}` : ''}`;
    case 'api.down':
    case 'api.up':
      return `${e.type} ${s(e.cluster)}`;
    case 'user.action':
      return `user.action ${s(e.action)} ${key(e.namespace ?? e.ns, e.drpc)}${e.to ? ` to ${s(e.to)}` : ''}`;
    case 'drpc.status':
      return `drpc ${key(e.ns, e.name)} ${s(e.phase) || '(no phase)'}${e.progression ? `/${s(e.progression)}` : ''} ${conditionsText(e.conditions)}`.trimEnd();
    case 'vrg.status':
      return `vrg ${s(e.cluster)} ${key(e.ns, e.name)} ${s(e.state) || '(no state)'}${e.replicationState ? ` (spec ${s(e.replicationState)})` : ''} ${conditionsText(e.conditions)}`.trimEnd();
    case 'hub.drpc.phase':
      return `drpc ${s(e.drpc)} phase ${s(e.phase)}`;
    case 'storage.mirror.synced':
      return `storage.mirror.synced ${s(e.volume)} ${s(e.from)} -> ${s(e.to)} ${s(e.writes)} writes, lag ${typeof e.lagMs === 'number' ? formatSpan(e.lagMs) : '?'}`;
    case 'volsync.receive':
      return `volsync.receive ${s(e.cluster)} ${key(e.namespace, e.destination)} from ${s(e.from)}: ${s(e.writes)} writes up to #${s(e.lastWriteId)}`;
    case 'pod.running':
      return `pod.running ${s(e.cluster)} ${s(e.pod)} on ${s(e.node)}`;
    default:
      return fallback(e);
  }
}

/** `00:10:00.000 #2164 fault.inject clusterDown dr1`. */
export function eventLine(e: TraceEvent): string {
  return `${formatClock(e.t)} #${e.seq} ${eventSummary(e)}`;
}

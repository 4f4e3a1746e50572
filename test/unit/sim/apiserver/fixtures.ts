// Small kinds and a server factory shared by the API-server tests.

import type { KubeObject } from '../../../../engine/api/meta.js';
import type { KindSchema } from '../../../../engine/api/schema/types.js';
import type { TraceFields, TraceSink } from '../../../../engine/runtime/trace-sink.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import type { AdmissionFn } from '../../../../sim/apiserver/admission-glue.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } as const;

export const configMapKind: KindSchema = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  scope: 'Namespaced',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: false,
  schema: open,
};

export const namespaceKind: KindSchema = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  scope: 'Cluster',
  servedOn: ['hub', 'dr'],
  builtIn: true,
  statusSubresource: true,
  schema: open,
};

export const widgetKind: KindSchema = {
  group: 'example.com',
  version: 'v1alpha1',
  kind: 'Widget',
  plural: 'widgets',
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: open,
};

export const clusterThingKind: KindSchema = {
  group: 'example.com',
  version: 'v1alpha1',
  kind: 'ClusterThing',
  plural: 'clusterthings',
  scope: 'Cluster',
  servedOn: ['hub'],
  statusSubresource: true,
  schema: open,
};

export const CM = { apiVersion: 'v1', kind: 'ConfigMap' } as const;
export const NS = { apiVersion: 'v1', kind: 'Namespace' } as const;
export const WIDGET = { apiVersion: 'example.com/v1alpha1', kind: 'Widget' } as const;
export const THING = { apiVersion: 'example.com/v1alpha1', kind: 'ClusterThing' } as const;

export class RecordingTrace implements TraceSink {
  readonly events: TraceFields[] = [];
  emit(event: TraceFields): void {
    this.events.push(structuredClone(event));
  }
  ofType(type: string): TraceFields[] {
    return this.events.filter((e) => e.type === type);
  }
}

export interface Rig {
  time: SimTime;
  trace: RecordingTrace;
  server: SimApiServer;
  /** Lets every pending scheduler event (watch deliveries, GC, namespace sweeps) run. */
  settle(): Promise<void>;
}

/** A server on virtual time; without `admission` it uses the real schema admission, as in a run. */
export function makeRig(options: { name?: string; kinds?: KindSchema[]; admission?: AdmissionFn; watchHistoryLimit?: number } = {}): Rig {
  const time = new SimTime();
  const trace = new RecordingTrace();
  const server = new SimApiServer({
    name: options.name ?? 'cluster1',
    clock: time,
    scheduler: time,
    trace,
    kinds: options.kinds ?? [configMapKind, namespaceKind, widgetKind, clusterThingKind],
    ...(options.admission ? { admission: options.admission } : {}),
    ...(options.watchHistoryLimit !== undefined ? { watchHistoryLimit: options.watchHistoryLimit } : {}),
  });
  return { time, trace, server, settle: async () => void (await time.run({ untilMs: time.nowMs() + 1000 })) };
}

export function configMap(name: string, namespace = 'default', data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

export function widget(name: string, namespace = 'default', spec: Record<string, unknown> = { size: 1 }): KubeObject {
  return { apiVersion: 'example.com/v1alpha1', kind: 'Widget', metadata: { name, namespace }, spec };
}

export function namespace(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

/** A rig whose `default` and `other` namespaces already exist. */
export async function rigWithNamespaces(options: Parameters<typeof makeRig>[0] = {}): Promise<Rig & { admin: ReturnType<SimApiServer['client']> }> {
  const rig = makeRig(options);
  const admin = rig.server.client({ actor: 'test' });
  await admin.create(namespace('default'));
  await admin.create(namespace('other'));
  return { ...rig, admin };
}

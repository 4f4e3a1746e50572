// Which application an event is about. drsim groups an app's objects by namespace: Ramen puts the
// DRPC, the VRG and the PVCs of an application in the application's namespace, and the simulated
// workload names its app `namespace/name`. An event about no one app (a network cut) returns undefined.

import type { TraceEvent } from './read-trace.js';

function nsOfKey(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const slash = v.indexOf('/');
  return slash > 0 ? v.slice(0, slash) : undefined;
}

export function appNamespaceOf(e: TraceEvent): string | undefined {
  switch (e.type) {
    case 'drpc.status':
    case 'vrg.status':
    case 'api.write':
    case 'api.reject':
      return typeof e.ns === 'string' && e.ns !== '' ? e.ns : undefined;
    case 's3.put':
    case 's3.delete':
    case 's3.deleteMany':
    case 's3.error':
      // Ramen keys a VRG's objects `<namespace>/<vrg name>/...`.
      return nsOfKey(e.key);
    case 'hub.drpc.phase':
    case 'hub.vrg.state':
    case 'hub.drpc.recovery':
    case 'hub.drpc.deleted':
    case 'hub.drpc.pass':
    case 'hub.drpc.begin':
    case 'hub.drpc.end':
    case 'hub.vrg.write':
    case 'hub.vrg.delete':
      return nsOfKey(e.drpc);
    case 'user.action':
      return typeof e.namespace === 'string' ? e.namespace : typeof e.ns === 'string' ? e.ns : undefined;
    case 'app.write':
    case 'app.write.refused':
    case 'ocm.app.register':
    case 'ocm.app.deploy':
    case 'ocm.app.remove':
      return nsOfKey(e.app);
    case 'pod.running':
      return nsOfKey(e.pod);
    case 'storage.provision':
    case 'storage.bind':
      return nsOfKey(e.pvc);
    case 'volsync.receive':
    case 'volsync.sync.start':
    case 'volsync.sync.fail':
      return typeof e.namespace === 'string' ? e.namespace : undefined;
    default:
      return undefined;
  }
}

/** The `ns/name` of the DRPC an event reports on, if it reports on one. */
export function drpcKeyOf(e: TraceEvent): string | undefined {
  if (e.type === 'drpc.status' && typeof e.ns === 'string' && typeof e.name === 'string') return `${e.ns}/${e.name}`;
  if ((e.type === 'hub.drpc.phase' || e.type === 'hub.drpc.deleted') && typeof e.drpc === 'string') return e.drpc;
  if (e.type === 'user.action' && typeof e.drpc === 'string') {
    const ns = appNamespaceOf(e);
    return e.drpc.includes('/') ? e.drpc : ns ? `${ns}/${e.drpc}` : e.drpc;
  }
  return undefined;
}

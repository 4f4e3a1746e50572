// The hub operator's informer-like cache: DRPCs, DRPolicies and DRClusters as last seen on the watches
// that feed it. Watch map functions are synchronous, as controller-runtime's are, so the "which DRPCs does
// this event concern" questions Ramen answers with cached List calls are answered from here.

import type { KubeObject } from '../api/meta.js';
import type { DRCluster } from '../api/ramen/drcluster.js';
import type { DRPlacementControl } from '../api/ramen/drpc.js';
import type { DRPolicy } from '../api/ramen/drpolicy.js';

export class ObjectIndex<T extends KubeObject> {
  private readonly byKey = new Map<string, T>();

  observe(obj: KubeObject, type: 'ADDED' | 'MODIFIED' | 'DELETED'): void {
    const key = `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
    if (type === 'DELETED') this.byKey.delete(key);
    else this.byKey.set(key, obj as T);
  }

  /** Sorted by namespace/name so every consumer iterates deterministically. */
  list(): T[] {
    return [...this.byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  }

  get(name: string, namespace = ''): T | undefined {
    return this.byKey.get(`${namespace}/${name}`);
  }
}

export class HubCache {
  readonly drpcs = new ObjectIndex<DRPlacementControl>();
  readonly policies = new ObjectIndex<DRPolicy>();
  readonly clusters = new ObjectIndex<DRCluster>();
}

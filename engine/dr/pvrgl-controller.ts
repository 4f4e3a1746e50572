// The ProtectedVolumeReplicationGroupList controller (dr-cluster spec §12): a one-shot inventory of the
// VRG copies in one S3 profile. It runs only while `status` is null; each VRG's metadata is trimmed to
// namespace, name, labels, annotations and finalizers.

import { PVRGL_KIND } from '../api/ramen/pvrgl.js';
import type { ProtectedVolumeReplicationGroupList } from '../api/ramen/pvrgl.js';
import type { VolumeReplicationGroup } from '../api/ramen/vrg.js';
import { listAll } from '../runtime/object-store.js';
import { isNotFound } from '../runtime/errors.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../runtime/reconcile.js';
import { rfc3339 } from '../runtime/ports.js';
import { readRamenConfig } from './ramen-config-store.js';
import type { DrDeps } from './vrg/instance.js';
import { TYPE_VRG, typePrefix } from './vrg/s3-layout.js';
import { downloadTypedObjects } from './vrg/s3-objects.js';
import { resolveObjectStore } from './vrg/s3-stores.js';

export function trimVrgForList(vrg: VolumeReplicationGroup): VolumeReplicationGroup {
  const m = vrg.metadata;
  return {
    ...vrg,
    metadata: {
      name: m.name,
      ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
      ...(m.labels !== undefined ? { labels: m.labels } : {}),
      ...(m.annotations !== undefined ? { annotations: m.annotations } : {}),
      ...(m.finalizers !== undefined ? { finalizers: m.finalizers } : {}),
    },
  };
}

export function createPvrglReconciler(deps: DrDeps): Reconciler {
  return {
    async reconcile(request: Request): Promise<Result> {
      let obj: ProtectedVolumeReplicationGroupList;
      try {
        obj = await deps.client.get<ProtectedVolumeReplicationGroupList>(PVRGL_KIND, { name: request.name });
      } catch (err) {
        if (isNotFound(err)) return {};
        throw err;
      }
      if (obj.status !== undefined && obj.status !== null) return {};
      const config = await readRamenConfig(deps.client, deps.operatorNamespace);
      let store;
      try {
        store = (await resolveObjectStore(deps, config, obj.spec.s3ProfileName, deps.operatorNamespace)).store;
      } catch (err) {
        throw new Error(`error during getObjectStore: ${err instanceof Error ? err.message : String(err)}`);
      }
      const keys = await listAll(store, '');
      const prefixes = [...new Set(keys.map((k) => k.split('/')).filter((p) => p.length > 2).map((p) => `${p[0]}/${p[1]}/`))].sort();
      const items: VolumeReplicationGroup[] = [];
      for (const prefix of prefixes) {
        try {
          for (const vrg of await downloadTypedObjects<VolumeReplicationGroup>(store, typePrefix(prefix, TYPE_VRG))) items.push(trimVrgForList(vrg));
        } catch (err) {
          throw new Error(`error during DownloadVRGs on '${prefix}': ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      await deps.client.updateStatus({ ...obj, status: { sampleTime: rfc3339(deps.clock.nowMs()), items } });
      return {};
    },
  };
}

export function pvrglControllerSpec(deps: DrDeps): ControllerSpec {
  return { name: 'pvrgl', reconciler: createPvrglReconciler(deps), watches: [{ client: deps.client, kind: PVRGL_KIND }] };
}

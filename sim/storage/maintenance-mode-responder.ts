// The storage vendor's side of Ramen's MaintenanceMode (hub spec §2.4, §15.5): when the hub asks the
// storage behind `spec.storageProvisioner` on a failover target to enter `Failover` mode, the vendor
// prepares and then reports `status.state: Completed` with condition `FailoverActivated` True. The
// preparation is modelled as a fixed delay, timed from the condition's transition so that a
// restarted responder resumes rather than restarts it. MaintenanceModes for provisioners this
// cluster's storage does not serve are left to their own vendor.

import type { Condition, KubeObject } from '../../engine/api/meta.js';
import { MAINTENANCE_MODE_KIND, MMODE_FAILOVER } from '../../engine/api/ramen/maintenance-mode.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { Clock } from '../../engine/runtime/ports.js';
import { parseRfc3339, rfc3339 } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { StorageBackend } from './storage-backend.js';

export { MAINTENANCE_MODE_KIND };
export const FAILOVER_ACTIVATED = 'FailoverActivated';
export const MAINTENANCE_ACTIVATION_DELAY_MS_DEFAULT = 10_000;

/** The fields of a MaintenanceMode the responder reads and writes. */
interface MaintenanceModeView extends KubeObject<{ storageProvisioner: string; targetID?: string; modes?: string[] }, { state?: string; observedGeneration?: number; conditions?: Condition[] }> {
  spec: { storageProvisioner: string; targetID?: string; modes?: string[] };
}

export interface MaintenanceModeResponderDeps {
  cluster: string;
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  storage: StorageBackend;
  /** How long the storage takes to activate failover mode. Default 10 s. */
  activationDelayMs?: number;
}

export function maintenanceModeResponder(deps: MaintenanceModeResponderDeps): ControllerSpec {
  const { client } = deps;
  const delayMs = deps.activationDelayMs ?? MAINTENANCE_ACTIVATION_DELAY_MS_DEFAULT;
  const writeStatus = async (mm: MaintenanceModeView, state: string, cond: Condition): Promise<void> => {
    await client.updateStatus<MaintenanceModeView>({ ...mm, status: { state, observedGeneration: mm.metadata.generation ?? 1, conditions: [cond] } });
  };
  return {
    name: 'storage-maintenance-mode',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        const mm = await ignoreNotFound(client.get<MaintenanceModeView>(MAINTENANCE_MODE_KIND, { name: request.name }));
        if (!mm || mm.metadata.deletionTimestamp) return {};
        if (!deps.storage.systemFor(deps.cluster, mm.spec.storageProvisioner)) return {};
        const generation = mm.metadata.generation ?? 1;
        const nowMs = deps.clock.nowMs();
        const cond = mm.status?.conditions?.find((c) => c.type === FAILOVER_ACTIVATED);
        if (!(mm.spec.modes ?? []).includes(MMODE_FAILOVER)) {
          if (mm.status?.state === 'Completed' && cond?.status === 'False' && cond.observedGeneration === generation) return {};
          await writeStatus(mm, 'Completed', { type: FAILOVER_ACTIVATED, status: 'False', reason: 'NotRequested', message: 'failover mode not requested', observedGeneration: generation, lastTransitionTime: rfc3339(nowMs) });
          return {};
        }
        if (mm.status?.state === 'Completed' && cond?.status === 'True' && cond.observedGeneration === generation) return {};
        if (!cond || cond.observedGeneration !== generation || cond.status !== 'False') {
          await writeStatus(mm, 'Progressing', { type: FAILOVER_ACTIVATED, status: 'False', reason: 'Progressing', message: 'activating failover maintenance mode', observedGeneration: generation, lastTransitionTime: rfc3339(nowMs) });
          return { requeueAfterMs: delayMs };
        }
        const startedMs = parseRfc3339(cond.lastTransitionTime) ?? nowMs;
        if (nowMs < startedMs + delayMs) return { requeueAfterMs: startedMs + delayMs - nowMs };
        await writeStatus(mm, 'Completed', { type: FAILOVER_ACTIVATED, status: 'True', reason: 'Succeeded', message: 'failover maintenance mode activated', observedGeneration: generation, lastTransitionTime: rfc3339(nowMs) });
        deps.trace.emit({ type: 'storage.maintenance.activated', cluster: deps.cluster, name: request.name, provisioner: mm.spec.storageProvisioner });
        return {};
      },
    },
    watches: [{ client, kind: MAINTENANCE_MODE_KIND }],
  };
}

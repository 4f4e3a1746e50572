// The MCS side of Submariner (Lighthouse) that VolSync's clusterset addresses rely on: a
// ServiceExport whose Service exists is published to the clusterset, so
// `<svc>.<ns>.svc.clusterset.local` resolves to this cluster's listener; without its Service, or
// once deleted, it is withdrawn. Status carries the Valid and Ready conditions. Only built when the
// world runs Submariner: otherwise ServiceExports stay inert, as on a cluster without an MCS
// controller (Ramen still creates them, dr-cluster spec §6.2.2).

import type { KubeObject } from '../../engine/api/meta.js';
import { ServiceExportConditionType, ServiceExportKind, type ServiceExport } from '../../engine/api/storage/service-export.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import { SERVICE_KIND } from './destination-controller.js';
import { writeStatus } from './status-writer.js';
import { setCondition } from './sync-state.js';
import type { ResolvedVolSyncDeps } from './volsync-deps.js';

export class ServiceExportReconciler implements Reconciler {
  constructor(private readonly deps: ResolvedVolSyncDeps) {}

  async reconcile(request: Request): Promise<Result> {
    const { client, fabric, cluster, trace } = this.deps;
    const namespace = request.namespace ?? '';
    let exp: ServiceExport | undefined;
    try {
      exp = await client.get<ServiceExport>(ServiceExportKind, request);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const wasExported = fabric.isExported(cluster, namespace, request.name);
    if (!exp || exp.metadata.deletionTimestamp) {
      fabric.setExported(cluster, namespace, request.name, false);
      if (wasExported) trace.emit({ type: 'volsync.export', cluster, namespace, service: request.name, exported: false });
      return {};
    }
    const hasService = await this.serviceExists(namespace, request.name);
    fabric.setExported(cluster, namespace, request.name, hasService);
    if (wasExported !== hasService) trace.emit({ type: 'volsync.export', cluster, namespace, service: request.name, exported: hasService });
    const now = this.deps.clock.nowMs();
    await writeStatus<ServiceExport>(client, ServiceExportKind, request, (obj) => {
      let conditions = obj.status?.conditions;
      conditions = hasService
        ? setCondition(conditions, { type: ServiceExportConditionType.Valid, status: 'True', reason: 'ServiceExported', message: 'Service was successfully exported' }, now)
        : setCondition(conditions, { type: ServiceExportConditionType.Valid, status: 'False', reason: 'NoService', message: "Service doesn't exist" }, now);
      conditions = setCondition(conditions, { type: ServiceExportConditionType.Ready, status: hasService ? 'True' : 'False', reason: hasService ? 'Exported' : 'NoService', message: hasService ? 'Service was successfully exported to the broker' : 'Awaiting Service' }, now);
      return { ...(obj.status ?? {}), conditions };
    });
    return {};
  }

  private async serviceExists(namespace: string, name: string): Promise<boolean> {
    const { client, fabric, cluster } = this.deps;
    // Without a served Service kind the destination's listener stands in for its Service.
    if (!(await client.serves(SERVICE_KIND))) return fabric.listenerOf(cluster, namespace, name) !== undefined;
    try {
      await client.get<KubeObject>(SERVICE_KIND, { namespace, name });
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }
}

export function serviceExportController(deps: ResolvedVolSyncDeps): ControllerSpec {
  const watches: ControllerSpec['watches'] = [{ client: deps.client, kind: ServiceExportKind }];
  return {
    name: 'mcs-serviceexport',
    reconciler: new ServiceExportReconciler(deps),
    watches: [...watches, { client: deps.client, kind: SERVICE_KIND }],
  };
}

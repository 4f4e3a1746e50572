// The view agent of one managed cluster (the work-manager add-on's ManagedClusterView controller).
// For each view in the cluster's hub namespace it reads the named object from the cluster and writes
// it to `status.result` with a single `Processing` condition, then looks again every update interval
// (30 s by default). A new view has no status until the agent first gets to it; while the
// hub<->cluster link is cut the status is simply not refreshed, so Ramen keeps reading a stale copy
// (hub spec §5.2). On failure the previous result is left in place, as upstream does.

import type { Condition, KindRef } from '../../engine/api/meta.js';
import {
  ManagedClusterViewKind,
  VIEW_CONDITION_PROCESSING,
  VIEW_DEFAULT_UPDATE_INTERVAL_SECONDS,
  VIEW_FAILURE_PREFIX,
  VIEW_SUCCESS_MESSAGE,
  ViewReasons,
  type ManagedClusterView,
  type ViewStatus,
} from '../../engine/api/ocm/managed-cluster-view.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { parseRfc3339, rfc3339, type Clock } from '../../engine/runtime/ports.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { deepEqual } from '../apiserver/json.js';
import { findCondition, setCondition, type ConditionInput } from './conditions.js';
import { retryWhenUnreachable } from './remote-client.js';
import { errorMessage, joinApiVersion } from './resources.js';

export interface ViewAgentDeps {
  clusterName: string;
  /** The hub's API server as reached from this cluster. */
  hub: ClusterClient;
  cluster: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  /** Default `view-agent`. */
  name?: string;
}

interface Verdict {
  condition: ConditionInput;
  result?: ViewStatus['result'];
}

function failed(reason: string, message: string): Verdict {
  return { condition: { type: VIEW_CONDITION_PROCESSING, status: 'False', reason, message } };
}

class ViewAgent implements Reconciler {
  constructor(private readonly d: ViewAgentDeps) {}

  reconcile(req: Request): Promise<Result> {
    return retryWhenUnreachable(VIEW_DEFAULT_UPDATE_INTERVAL_SECONDS * 1000, () => this.sync(req));
  }

  private async sync(req: Request): Promise<Result> {
    const view = await ignoreNotFound(this.d.hub.get<ManagedClusterView>(ManagedClusterViewKind, { namespace: req.namespace, name: req.name }));
    if (!view || view.metadata.deletionTimestamp) return {};
    const intervalMs = (view.spec.scope?.updateIntervalSeconds || VIEW_DEFAULT_UPDATE_INTERVAL_SECONDS) * 1000;
    const nowMs = this.d.clock.nowMs();
    // Upstream measures the interval from the condition's last transition, not from the last query.
    const since = parseRfc3339(findCondition(view.status?.conditions, VIEW_CONDITION_PROCESSING)?.lastTransitionTime);
    if (since !== undefined && nowMs - since < intervalMs) return { requeueAfterMs: intervalMs - (nowMs - since) };

    const verdict = await this.query(view);
    const status: ViewStatus = { ...(view.status ?? {}) };
    status.conditions = setCondition(view.status?.conditions, verdict.condition, rfc3339(nowMs)) as Condition[];
    if (verdict.result !== undefined) status.result = verdict.result;
    if (!deepEqual(status, view.status ?? {})) {
      await this.d.hub.updateStatus<ManagedClusterView>({ ...view, status });
      this.d.trace.emit({
        type: 'ocm.view.status',
        cluster: this.d.clusterName,
        view: view.metadata.name,
        status: verdict.condition.status,
        reason: verdict.condition.reason,
      });
    }
    return { requeueAfterMs: intervalMs };
  }

  private async query(view: ManagedClusterView): Promise<Verdict> {
    const scope = view.spec.scope ?? { name: '' };
    if (!scope.name) return failed(ViewReasons.resourceNameInvalid, `${VIEW_FAILURE_PREFIX}invalid resource name`);
    if (!scope.kind || !scope.version) {
      // drsim maps kinds, not resource names; a resource-only scope is refused like an unknown type.
      const what = scope.resource ? `the server doesn't have a resource type "${scope.resource}"` : 'invalid resource type';
      return failed(ViewReasons.resourceTypeInvalid, `${VIEW_FAILURE_PREFIX}${what}`);
    }
    const kind: KindRef = { apiVersion: joinApiVersion(scope.apiGroup, scope.version), kind: scope.kind };
    try {
      if (!(await this.d.cluster.serves(kind))) {
        return failed(ViewReasons.resourceGVKInvalid, `${VIEW_FAILURE_PREFIX}no matches for kind "${kind.kind}" in version "${kind.apiVersion}"`);
      }
    } catch (err) {
      // Upstream's REST mapper is cached, so a cluster API server that is down fails the get instead.
      return failed(ViewReasons.getResourceFailed, `${VIEW_FAILURE_PREFIX}${errorMessage(err)}`);
    }
    if (kind.apiVersion === 'v1' && kind.kind === 'Secret') {
      return failed(ViewReasons.resourceTypeInvalid, 'viewing secrets is not allowed');
    }
    try {
      const obj = await this.d.cluster.get(kind, scope.namespace ? { namespace: scope.namespace, name: scope.name } : { name: scope.name });
      return { condition: { type: VIEW_CONDITION_PROCESSING, status: 'True', reason: ViewReasons.getResource, message: VIEW_SUCCESS_MESSAGE }, result: obj };
    } catch (err) {
      return failed(ViewReasons.getResourceFailed, `${VIEW_FAILURE_PREFIX}${errorMessage(err)}`);
    }
  }
}

/** The view agent as a controller for the managed cluster's klusterlet manager. */
export function createViewAgent(deps: ViewAgentDeps): ControllerSpec {
  return {
    name: deps.name ?? 'view-agent',
    reconciler: new ViewAgent(deps),
    watches: [{ client: deps.hub, kind: ManagedClusterViewKind, namespace: deps.clusterName }],
  };
}

// Reading an object of a managed cluster through a ManagedClusterView, as Ramen's mcv_util does (hub
// spec §5.2): get the view or create it, then interpret its status. A view that was just created has no
// status yet, so the first read through it always fails; a view never says how old its copy is, so
// callers judge staleness from generations inside the viewed object.

import type { KubeObject, ObjectMeta } from '../../api/meta.js';
import type { ManagedClusterView, ViewScope } from '../../api/ocm/managed-cluster-view.js';
import { VIEW_CONDITION_PROCESSING, ViewReasons } from '../../api/ocm/managed-cluster-view.js';
import { CREATED_BY_RAMEN_LABEL } from '../../api/ramen/hub-constants.js';
import type { ClusterClient } from '../../runtime/client.js';
import { isNotFound } from '../../runtime/errors.js';
import { HubKinds } from '../kinds.js';

/** The viewed object does not exist on the managed cluster (Ramen turns this into a NotFound error). */
export class RemoteNotFoundError extends Error {
  constructor(message = 'requested resource not found in ManagedCluster') {
    super(message);
    this.name = 'RemoteNotFoundError';
  }
}

export const isRemoteNotFound = (err: unknown): boolean => err instanceof RemoteNotFoundError;

export interface ViewRequest {
  /** The managed cluster, which is also the view's namespace on the hub. */
  cluster: string;
  viewName: string;
  scope: { apiGroup: string; kind: string; version: string; name: string; namespace?: string };
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
}

function sameScope(a: ViewScope | undefined, b: ViewRequest['scope']): boolean {
  return (
    a !== undefined &&
    (a.apiGroup ?? '') === b.apiGroup &&
    (a.kind ?? '') === b.kind &&
    (a.version ?? '') === b.version &&
    a.name === b.name &&
    (a.namespace ?? '') === (b.namespace ?? '') &&
    (a.resource ?? '') === '' &&
    (a.updateIntervalSeconds ?? 0) === 0
  );
}

function scopeOf(req: ViewRequest): ViewScope {
  const scope: ViewScope = { apiGroup: req.scope.apiGroup, kind: req.scope.kind, version: req.scope.version, name: req.scope.name };
  if (req.scope.namespace) scope.namespace = req.scope.namespace;
  return scope;
}

function sameStringMap(a: Record<string, string> | undefined, b: Record<string, string>): boolean {
  const ak = Object.keys(a ?? {});
  return ak.length === Object.keys(b).length && ak.every((k) => b[k] === a?.[k]);
}

/** Gets the view, creating it when absent and updating scope or (merged, never removed) annotations. */
export async function getOrCreateView(client: ClusterClient, req: ViewRequest): Promise<ManagedClusterView> {
  let view: ManagedClusterView;
  try {
    view = await client.get<ManagedClusterView>(HubKinds.view, { namespace: req.cluster, name: req.viewName });
  } catch (err) {
    if (!isNotFound(err)) throw new Error(`failed to get ManagedClusterView: ${(err as Error).message}`);
    const metadata: ObjectMeta = {
      name: req.viewName,
      namespace: req.cluster,
      labels: { ...(req.labels ?? {}), [CREATED_BY_RAMEN_LABEL]: 'true' },
    };
    if (req.annotations) metadata.annotations = { ...req.annotations };
    const fresh: ManagedClusterView = { apiVersion: HubKinds.view.apiVersion, kind: HubKinds.view.kind, metadata, spec: { scope: scopeOf(req) } };
    try {
      return await client.create(fresh);
    } catch (createErr) {
      throw new Error(`failed to create ManagedClusterView: ${(createErr as Error).message}`);
    }
  }
  let needsUpdate = false;
  if (!sameScope(view.spec?.scope, req.scope)) {
    view = { ...view, spec: { ...view.spec, scope: scopeOf(req) } };
    needsUpdate = true;
  }
  const merged = { ...(view.metadata.annotations ?? {}), ...(req.annotations ?? {}) };
  if (!sameStringMap(view.metadata.annotations, merged)) {
    view = { ...view, metadata: { ...view.metadata, annotations: merged } };
    needsUpdate = true;
  }
  if (needsUpdate) {
    try {
      view = await client.update(view);
    } catch (err) {
      throw new Error(`failed to update ManagedClusterView: ${(err as Error).message}`);
    }
  }
  return view;
}

function parseErrorMessage(message: string): Error {
  if (message.endsWith('not found') || message.endsWith('the server could not find the requested resource')) return new RemoteNotFoundError();
  const index = message.lastIndexOf('err:');
  return new Error(`err: ${index < 0 ? '' : message.slice(index + 'err:'.length)}`);
}

/** Ramen's `GetResource`: exactly one `Processing` condition, True, with a result; else an error. */
export function interpretView<T extends KubeObject>(view: ManagedClusterView): T {
  const conditions = view.status?.conditions ?? [];
  let err: Error | undefined;
  if (conditions.length === 0) err = new Error('missing ManagedClusterView conditions');
  else if (conditions.length > 1) err = new Error('found multiple status conditions with ManagedClusterView');
  else {
    const c = conditions[0]!;
    if (c.type !== VIEW_CONDITION_PROCESSING) err = new Error(`found invalid condition (${c.type}) in ManagedClusterView`);
    else if (c.reason === ViewReasons.getResourceFailed) err = parseErrorMessage(c.message);
    else if (c.status !== 'True') err = new Error(`ManagedClusterView is not ready (reason: ${c.reason})`);
  }
  if (err) {
    if (err instanceof RemoteNotFoundError) throw err;
    throw new Error(`getManagedClusterResource results: ${(err as Error).message}`);
  }
  const result = view.status?.result;
  if (!result || typeof result !== 'object') throw new Error('failed to Unmarshal data from ManagedClusterView to resource: empty result');
  // The viewed object is copied so that callers may mutate it without touching the view.
  return structuredClone(result) as T;
}

/** Reads a remote object; throws RemoteNotFoundError when it does not exist there. */
export async function readThroughView<T extends KubeObject>(client: ClusterClient, req: ViewRequest): Promise<T> {
  const view = await getOrCreateView(client, req);
  return interpretView<T>(view);
}

export async function deleteView(client: ClusterClient, cluster: string, viewName: string): Promise<void> {
  try {
    await client.delete(HubKinds.view, { namespace: cluster, name: viewName });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

// A stand-in for OCM's application delivery (Subscription / Argo CD ApplicationSet driven by a
// placement). An app is a set of manifests tied to a Placement or PlacementRule; the deployer keeps
// one ManifestWork per decided cluster carrying them, so the cluster's work agent deploys the app
// there, and deletes the ManifestWork of a cluster that is no longer decided, which removes the app
// (PVCs included) from that cluster. Both happen only when that cluster's link to the hub works,
// because the work agent does the applying and the deleting. Manifests are applied with server-side
// apply semantics (fields the app does not set, such as a bound PVC's volumeName, are left alone),
// and the app's Namespace is never deleted: like Argo CD's CreateNamespace, it is orphaned.

import type { KubeObject } from '../../engine/api/meta.js';
import { ManifestWorkKind, type ManifestWork, type ManifestWorkSpec } from '../../engine/api/ocm/manifest-work.js';
import { PLACEMENT_LABEL, PlacementDecisionKind } from '../../engine/api/ocm/placement-decision.js';
import { PlacementRuleKind } from '../../engine/api/ocm/placement-rule.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import type { Manager } from '../../engine/runtime/manager.js';
import type { ControllerSpec, Reconciler, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import { clone, compareStrings, deepEqual } from '../apiserver/json.js';
import { decidedClusters, type PlacementReference } from './decisions.js';
import { defaultPluralOf, splitApiVersion, type PluralOf } from './resources.js';

/** Marks the ManifestWorks of one app; the value is `<namespace>.<name>`. */
export const APP_WORK_LABEL = 'apps.open-cluster-management.io/hosting-subscription';

export interface AppDefinition {
  /** Names the app; with `namespace` it must be unique. */
  name: string;
  /** The app's namespace on the managed clusters (and its key's namespace). */
  namespace: string;
  placement: PlacementReference;
  /** What to deploy, for example a Namespace, PVCs and a Deployment. Deployed in order. */
  manifests: KubeObject[];
}

export interface AppDeployerDeps {
  /** The hub's own API server. */
  hub: ClusterClient;
  trace: TraceSink;
  pluralOf?: PluralOf;
  /** Default `app-deployer`. */
  name?: string;
}

export function appWorkName(app: Pick<AppDefinition, 'namespace' | 'name'>): string {
  return `app-${app.namespace}-${app.name}`;
}

function appLabelValue(app: Pick<AppDefinition, 'namespace' | 'name'>): string {
  return `${app.namespace}.${app.name}`;
}

/** The ManifestWork spec that deploys an app on one cluster. */
export function appWorkSpec(app: AppDefinition, pluralOf: PluralOf = defaultPluralOf): ManifestWorkSpec {
  const identify = (m: KubeObject) => ({
    group: splitApiVersion(m.apiVersion).group,
    resource: pluralOf({ apiVersion: m.apiVersion, kind: m.kind }),
    name: m.metadata.name,
    ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}),
  });
  const namespaces = app.manifests.filter((m) => m.apiVersion === 'v1' && m.kind === 'Namespace');
  return {
    workload: { manifests: clone(app.manifests) },
    deleteOption: { propagationPolicy: 'SelectivelyOrphan', selectivelyOrphans: { orphaningRules: namespaces.map(identify) } },
    manifestConfigs: app.manifests.map((m) => ({ resourceIdentifier: identify(m), updateStrategy: { type: 'ServerSideApply' as const } })),
  };
}

interface AppLookup {
  byLabel: Map<string, AppDefinition>;
  byPlacement: Map<string, AppDefinition[]>;
}

export class AppDeployer implements Reconciler {
  private readonly apps = new Map<string, AppDefinition>();
  private byKey: AppLookup | undefined;
  private manager: Manager | undefined;
  readonly spec: ControllerSpec;
  private readonly pluralOf: PluralOf;

  constructor(private readonly d: AppDeployerDeps) {
    this.pluralOf = d.pluralOf ?? defaultPluralOf;
    this.spec = {
      name: d.name ?? 'app-deployer',
      reconciler: this,
      watches: [
        {
          client: d.hub,
          kind: PlacementDecisionKind,
          map: (obj) => this.usingPlacement('Placement', obj.metadata.namespace ?? '', obj.metadata.labels?.[PLACEMENT_LABEL] ?? ''),
        },
        { client: d.hub, kind: PlacementRuleKind, map: (obj) => this.usingPlacement('PlacementRule', obj.metadata.namespace ?? '', obj.metadata.name) },
        {
          client: d.hub,
          kind: ManifestWorkKind,
          map: (obj) => {
            const value = obj.metadata.labels?.[APP_WORK_LABEL];
            const app = value === undefined ? undefined : this.lookup().byLabel.get(value);
            return app ? [{ namespace: app.namespace, name: app.name }] : [];
          },
        },
      ],
    };
  }

  /** Adds the deployer to a manager, which it then pokes when apps are registered. */
  install(manager: Manager): void {
    this.manager = manager;
    manager.add(this.spec);
  }

  register(app: AppDefinition): void {
    this.apps.set(`${app.namespace}/${app.name}`, clone(app));
    this.byKey = undefined;
    this.d.trace.emit({ type: 'ocm.app.register', app: `${app.namespace}/${app.name}`, placement: `${app.placement.kind} ${app.placement.namespace}/${app.placement.name}` });
    this.manager?.enqueue(this.spec.name, { namespace: app.namespace, name: app.name });
  }

  /** Forgets an app; its ManifestWorks are deleted, which removes it from every cluster. */
  unregister(namespace: string, name: string): void {
    this.apps.delete(`${namespace}/${name}`);
    this.byKey = undefined;
    this.manager?.enqueue(this.spec.name, { namespace, name });
  }

  registered(): AppDefinition[] {
    return [...this.apps.values()].map((a) => clone(a));
  }

  private usingPlacement(kind: PlacementReference['kind'], namespace: string, name: string): Request[] {
    return [...(this.lookup().byPlacement.get(`${kind}/${namespace}/${name}`) ?? [])]
      .map((a) => ({ namespace: a.namespace, name: a.name }))
      .sort((a, b) => compareStrings(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
  }

  /** The apps by work label (the first registered wins) and by placement, rebuilt after (un)registering: scanning every app per watch event was O(N). */
  private lookup(): AppLookup {
    if (this.byKey) return this.byKey;
    const byLabel = new Map<string, AppDefinition>();
    const byPlacement = new Map<string, AppDefinition[]>();
    for (const a of this.apps.values()) {
      if (!byLabel.has(appLabelValue(a))) byLabel.set(appLabelValue(a), a);
      const k = `${a.placement.kind}/${a.placement.namespace}/${a.placement.name}`;
      const list = byPlacement.get(k);
      if (list) list.push(a);
      else byPlacement.set(k, [a]);
    }
    this.byKey = { byLabel, byPlacement };
    return this.byKey;
  }

  async reconcile(req: Request): Promise<Result> {
    const key = { namespace: req.namespace ?? '', name: req.name };
    const app = this.apps.get(`${key.namespace}/${key.name}`);
    const wanted = app ? await decidedClusters(this.d.hub, app.placement) : [];
    const works = await this.d.hub.list<ManifestWork>(ManifestWorkKind, { labelSelector: { matchLabels: { [APP_WORK_LABEL]: appLabelValue(key) } } });
    const name = appWorkName(key);
    if (app) {
      const spec = appWorkSpec(app, this.pluralOf);
      for (const cluster of wanted) {
        const existing = works.items.find((w) => w.metadata.namespace === cluster && w.metadata.name === name);
        if (!existing) {
          await this.d.hub.create<ManifestWork>({
            apiVersion: ManifestWorkKind.apiVersion,
            kind: ManifestWorkKind.kind,
            metadata: { name, namespace: cluster, labels: { [APP_WORK_LABEL]: appLabelValue(key) } },
            spec,
          });
          this.d.trace.emit({ type: 'ocm.app.deploy', app: `${key.namespace}/${key.name}`, cluster });
        } else if (!existing.metadata.deletionTimestamp && !deepEqual(existing.spec, spec)) {
          await this.d.hub.update<ManifestWork>({ ...existing, spec });
        }
      }
    }
    for (const work of works.items) {
      if (wanted.includes(work.metadata.namespace ?? '') || work.metadata.deletionTimestamp) continue;
      await ignoreNotFound(this.d.hub.delete(ManifestWorkKind, { namespace: work.metadata.namespace ?? '', name: work.metadata.name }));
      this.d.trace.emit({ type: 'ocm.app.remove', app: `${key.namespace}/${key.name}`, cluster: work.metadata.namespace ?? '' });
    }
    return {};
  }
}

/** The app deployer; call `install(hubOcmManager)` and then `register(app)` for each app. */
export function createAppDeployer(deps: AppDeployerDeps): AppDeployer {
  return new AppDeployer(deps);
}

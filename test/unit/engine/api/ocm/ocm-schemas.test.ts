// The OCM kind schemas admit the objects Ramen and the OCM agents write, refuse what the upstream
// CRDs refuse, apply the upstream defaults, and generate CRDs.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { ManagedClusterSchema } from '../../../../../engine/api/ocm/managed-cluster.js';
import { ManagedClusterSetBindingSchema, ManagedClusterSetSchema } from '../../../../../engine/api/ocm/managed-cluster-set.js';
import { ManagedClusterViewSchema } from '../../../../../engine/api/ocm/managed-cluster-view.js';
import { ManifestWorkSchema } from '../../../../../engine/api/ocm/manifest-work.js';
import { OCM_BUILTIN_KIND_SCHEMAS, OCM_KIND_SCHEMAS } from '../../../../../engine/api/ocm/ocm-kinds.js';
import { PlacementSchema } from '../../../../../engine/api/ocm/placement.js';
import { PlacementDecisionSchema } from '../../../../../engine/api/ocm/placement-decision.js';
import { PlacementBindingSchema, PolicySchema } from '../../../../../engine/api/ocm/policy.js';
import { admit } from '../../../../../engine/api/schema/admission.js';
import { crdFor } from '../../../../../engine/api/schema/crd.js';
import { apiVersionOf, type KindSchema } from '../../../../../engine/api/schema/types.js';
import { isApiError } from '../../../../../engine/runtime/errors.js';

function create(schema: KindSchema, body: Omit<KubeObject, 'apiVersion' | 'kind'>): KubeObject {
  return admit(schema, { apiVersion: apiVersionOf(schema), kind: schema.kind, ...body } as KubeObject, undefined, { operation: 'create', fieldValidation: 'Strict' }).object;
}

function refuses(schema: KindSchema, body: Omit<KubeObject, 'apiVersion' | 'kind'>): boolean {
  try {
    create(schema, body);
    return false;
  } catch (err) {
    return isApiError(err, 'Invalid') || isApiError(err, 'BadRequest');
  }
}

describe('OCM kind schemas', () => {
  it('lists every kind once, with CRDs for the custom ones', () => {
    const keys = [...OCM_KIND_SCHEMAS, ...OCM_BUILTIN_KIND_SCHEMAS].map((k) => `${apiVersionOf(k)}/${k.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of OCM_KIND_SCHEMAS) expect(crdFor(k).metadata.name).toBe(`${k.plural}.${k.group}`);
  });

  it('admits a Ramen VRG ManifestWork and defaults deleteOption to Foreground', () => {
    const vrg = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'VolumeReplicationGroup', metadata: { name: 'app', namespace: 'app' }, spec: { replicationState: 'primary' } };
    const mw = create(ManifestWorkSchema, { metadata: { name: 'app-app-vrg-mw', namespace: 'east' }, spec: { workload: { manifests: [vrg] }, deleteOption: {} } });
    expect((mw.spec as { deleteOption: unknown }).deleteOption).toEqual({ propagationPolicy: 'Foreground' });
    expect((mw.spec as { workload: { manifests: unknown[] } }).workload.manifests[0]).toEqual(vrg);
  });

  it('refuses an unknown delete propagation policy and update strategy', () => {
    expect(refuses(ManifestWorkSchema, { metadata: { name: 'w', namespace: 'east' }, spec: { deleteOption: { propagationPolicy: 'Background' } } })).toBe(true);
    expect(
      refuses(ManifestWorkSchema, {
        metadata: { name: 'w', namespace: 'east' },
        spec: { manifestConfigs: [{ resourceIdentifier: { resource: 'configmaps', name: 'x' }, updateStrategy: { type: 'Replace' } }] },
      }),
    ).toBe(true);
  });

  it('admits a view with its result and Processing condition', () => {
    const status = {
      conditions: [{ type: 'Processing', status: 'True', reason: 'GetResourceProcessing', message: 'Watching resources successfully', lastTransitionTime: '2026-01-01T00:00:00Z' }],
      result: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' }, data: { a: 'b' } },
    };
    const view = create(ManagedClusterViewSchema, { metadata: { name: 'v', namespace: 'east' }, spec: { scope: { kind: 'ConfigMap', version: 'v1', name: 'x', namespace: 'y' } } });
    const admitted = admit(ManagedClusterViewSchema, { ...view, status }, view, { operation: 'status', fieldValidation: 'Strict' }).object;
    expect(admitted.status).toEqual(status);
  });

  it('defaults the lease duration and refuses a bad taint effect', () => {
    expect((create(ManagedClusterSchema, { metadata: { name: 'east' }, spec: { hubAcceptsClient: true } }).spec as { leaseDurationSeconds: number }).leaseDurationSeconds).toBe(60);
    expect(refuses(ManagedClusterSchema, { metadata: { name: 'east' }, spec: { hubAcceptsClient: true, taints: [{ key: 'k', effect: 'NoExecute' }] } })).toBe(true);
  });

  it('requires a binding to name its set and defaults a set to exclusive labels', () => {
    expect(refuses(ManagedClusterSetBindingSchema, { metadata: { name: 'dr', namespace: 'apps' }, spec: {} })).toBe(true);
    const set = create(ManagedClusterSetSchema, { metadata: { name: 'dr' } });
    expect(set.spec).toEqual({ clusterSelector: { selectorType: 'ExclusiveClusterSetLabel' } });
  });

  it('admits Ramen placement objects and decisions with reasons', () => {
    create(PlacementSchema, { metadata: { name: 'p', namespace: 'apps', annotations: { 'cluster.open-cluster-management.io/experimental-scheduling-disable': 'true' } }, spec: { numberOfClusters: 1, clusterSets: ['east', 'west'] } });
    const pd = create(PlacementDecisionSchema, { metadata: { name: 'p-decision-1', namespace: 'apps' } });
    const status = { decisions: [{ clusterName: 'east', reason: 'RetainedForFailover' }, { clusterName: 'west', reason: '' }] };
    expect(admit(PlacementDecisionSchema, { ...pd, status }, pd, { operation: 'status', fieldValidation: 'Strict' }).object.status).toEqual(status);
    // Upstream requires a reason on every decision (Ramen writes "" rather than leaving it out).
    expect(() => admit(PlacementDecisionSchema, { ...pd, status: { decisions: [{ clusterName: 'east' }] } }, pd, { operation: 'status', fieldValidation: 'Strict' })).toThrow();
  });

  it("admits Ramen's secret policy and binding, and refuses a binding without subjects", () => {
    create(PolicySchema, {
      metadata: { name: 's3secret', namespace: 'ramen-system' },
      spec: { disabled: false, remediationAction: 'Enforce', 'policy-templates': [{ objectDefinition: { apiVersion: 'policy.open-cluster-management.io/v1', kind: 'ConfigurationPolicy', metadata: { name: 'c' } } }] },
    });
    const placementRef = { apiGroup: 'apps.open-cluster-management.io', kind: 'PlacementRule', name: 'plrule-s3secret' };
    create(PlacementBindingSchema, { metadata: { name: 'pb', namespace: 'ramen-system' }, placementRef, subjects: [{ apiGroup: 'policy.open-cluster-management.io', kind: 'Policy', name: 's3secret' }] });
    expect(refuses(PlacementBindingSchema, { metadata: { name: 'pb', namespace: 'ramen-system' }, placementRef })).toBe(true);
  });
});

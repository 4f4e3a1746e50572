// Generated CRDs must be valid structural apiextensions.k8s.io/v1 manifests carrying the same rules
// admission enforces, with no TypeScript left in them.

import { describe, expect, it } from 'vitest';
import { crdFor, crdsFor, structuralSchema } from '../../../../../engine/api/schema/crd.js';
import { allKinds } from '../../../../../engine/api/schema/registry.js';
import { widgetSchema } from './widget-kind.js';

type Node = Record<string, unknown>;

/** Every schema node in a generated openAPIV3Schema, with its path. */
function nodes(s: Node, path = ''): [string, Node][] {
  const out: [string, Node][] = [[path || '<root>', s]];
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Node>)) out.push(...nodes(v, `${path}.${k}`));
  if (s.items) out.push(...nodes(s.items as Node, `${path}[]`));
  if (typeof s.additionalProperties === 'object') out.push(...nodes(s.additionalProperties as Node, `${path}{}`));
  return out;
}

function hasFunction(v: unknown): boolean {
  if (typeof v === 'function') return true;
  if (Array.isArray(v)) return v.some(hasFunction);
  if (typeof v === 'object' && v !== null) return Object.values(v).some(hasFunction);
  return false;
}

const openApi = (crd: Node): Node => {
  const versions = (crd.spec as Node).versions as Node[];
  return ((versions[0]!.schema as Node).openAPIV3Schema as Node);
};

describe('crdFor', () => {
  const crd = crdFor(widgetSchema) as unknown as Node;

  it('names the CRD and its resource as kube expects', () => {
    expect(crd.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(crd.kind).toBe('CustomResourceDefinition');
    expect(crd.metadata).toEqual({ name: 'widgets.example.drsim.io' });
    expect((crd.spec as Node).names).toEqual({ kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', shortNames: ['wd'] });
    expect((crd.spec as Node).scope).toBe('Namespaced');
    const version = ((crd.spec as Node).versions as Node[])[0]!;
    expect(version).toMatchObject({ name: 'v1', served: true, storage: true, subresources: { status: {} } });
  });

  it('is structural: every node typed unless int-or-string or preserve-unknown-fields', () => {
    for (const [path, node] of nodes(openApi(crd))) {
      const exempt = node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true;
      if (!exempt) expect(node.type, path).toBeTypeOf('string');
    }
  });

  it('keeps CEL rules as plain {rule, message} and drops the TypeScript twins', () => {
    expect(hasFunction(crd)).toBe(false);
    expect(JSON.parse(JSON.stringify(crd))).toEqual(crd);
    const spec = (openApi(crd).properties as Record<string, Node>).spec!;
    expect(spec['x-kubernetes-validations']).toEqual([
      { rule: '!has(self.name) || self.name != "nope"', message: 'name must not be nope', reason: 'FieldValueForbidden', fieldPath: '.name' },
    ]);
    const clusterID = (spec.properties as Record<string, Node>).clusterID!;
    expect(clusterID['x-kubernetes-validations']).toEqual([{ rule: 'self == oldSelf', message: 'clusterID is immutable' }]);
  });

  it('declares TypeMeta and a bare metadata object at the root, and keeps defaults and list types', () => {
    const root = openApi(crd);
    const props = root.properties as Record<string, Node>;
    expect(Object.keys(props).slice(0, 3)).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(props.metadata).toEqual({ type: 'object' });
    const spec = props.spec!.properties as Record<string, Node>;
    expect(spec.mode).toEqual({ type: 'string', enum: ['Fast', 'Slow'], default: 'Slow' });
    expect(spec.ports).toMatchObject({ 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'] });
    expect(props.spec!.required).toEqual(['size']);
  });

  it('refuses a built-in kind and an untyped node', () => {
    const builtIn = allKinds().find((k) => k.builtIn)!;
    expect(() => crdFor(builtIn)).toThrow(/built-in/);
    expect(() => structuralSchema({ description: 'nothing' })).toThrow(/no type/);
    expect(structuralSchema({ properties: { a: { type: 'string' } } }).type).toBe('object');
  });
});

describe('crdsFor', () => {
  it('returns structural CRDs for every non-built-in kind of a role, sorted, without functions', () => {
    for (const role of ['hub', 'dr'] as const) {
      const crds = crdsFor(role) as unknown as Node[];
      const names = crds.map((c) => (c.metadata as Node).name as string);
      expect(names).toEqual([...names].sort());
      const expected = allKinds().filter((k) => !k.builtIn && k.servedOn.includes(role));
      expect(new Set(names)).toEqual(new Set(expected.map((k) => `${k.plural}.${k.group}`)));
      for (const crd of crds) {
        expect(hasFunction(crd)).toBe(false);
        for (const [path, node] of nodes(openApi(crd))) {
          const exempt = node['x-kubernetes-int-or-string'] === true || node['x-kubernetes-preserve-unknown-fields'] === true;
          if (!exempt) expect(node.type, `${(crd.metadata as Node).name as string} ${path}`).toBeTypeOf('string');
        }
      }
    }
  });
});

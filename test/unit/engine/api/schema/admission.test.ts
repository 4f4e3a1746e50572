// Admission must reproduce kube-apiserver's handling of a custom resource write: unknown fields,
// defaults, OpenAPI and CEL validation, with kube's exact error messages.

import { describe, expect, it } from 'vitest';
import { admit } from '../../../../../engine/api/schema/admission.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { ApiError } from '../../../../../engine/runtime/errors.js';
import { widget, widgetSchema } from './widget-kind.js';

type Op = 'create' | 'update' | 'status';
type FV = 'Strict' | 'Warn' | 'Ignore';

const run = (obj: unknown, opts: { op?: Op; fv?: FV; old?: KubeObject } = {}) =>
  admit(widgetSchema, obj as KubeObject, opts.old, { operation: opts.op ?? (opts.old ? 'update' : 'create'), fieldValidation: opts.fv ?? 'Strict' });

function failure(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected admission to fail');
}

const INVALID = 'Widget.example.drsim.io "w1" is invalid';
// kube appends this when a blocking schema error keeps it from evaluating CEL rules.
const CEL_SKIPPED = '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

describe('unknown fields', () => {
  it('Strict refuses an unknown field with a BadRequest naming its path', () => {
    const err = failure(() => run(widget({ size: 1, s3Endpoint: 'x' })));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('strict decoding error: unknown field "spec.s3Endpoint"');
  });

  it('Strict lists several unknown fields sorted, metadata first', () => {
    const obj = widget({ size: 1, zeta: 1, alpha: 2 }, { top: true });
    (obj.metadata as Record<string, unknown>).labelz = {};
    const err = failure(() => run(obj));
    expect(err.message).toBe(
      'strict decoding error: unknown field "metadata.labelz", unknown field "spec.alpha", unknown field "spec.zeta", unknown field "top"',
    );
  });

  it('Warn prunes the field and returns a warning', () => {
    const res = run(widget({ size: 1, s3Endpoint: 'x' }), { fv: 'Warn' });
    expect(res.warnings).toEqual(['unknown field "spec.s3Endpoint"']);
    expect(res.object.spec).not.toHaveProperty('s3Endpoint');
  });

  it('Ignore prunes silently', () => {
    const res = run(widget({ size: 1, s3Endpoint: 'x' }), { fv: 'Ignore' });
    expect(res.warnings).toEqual([]);
    expect(res.object.spec).not.toHaveProperty('s3Endpoint');
  });

  it('names fields inside arrays of objects by index', () => {
    const err = failure(() => run(widget({ size: 1, ports: [{ name: 'a' }, { name: 'b', colour: 'red' }] })));
    expect(err.message).toBe('strict decoding error: unknown field "spec.ports[1].colour"');
  });

  it('keeps unknown fields under x-kubernetes-preserve-unknown-fields but prunes its declared properties', () => {
    const res = run(widget({ size: 1, extra: { anything: { deep: [1, 2] }, known: { a: 'x', b: 'y' } } }), { fv: 'Warn' });
    expect(res.object.spec).toMatchObject({ extra: { anything: { deep: [1, 2] }, known: { a: 'x' } } });
    expect(res.warnings).toEqual(['unknown field "spec.extra.known.b"']);
  });

  it('accepts any key in a map (additionalProperties)', () => {
    const res = run(widget({ size: 1, labels: { 'any-key': 'v' } }));
    expect(res.object.spec).toMatchObject({ labels: { 'any-key': 'v' } });
  });
});

describe('defaults', () => {
  it('fills defaults, including defaults inside a defaulted object', () => {
    const res = run(widget({ size: 1 }));
    expect(res.object.spec).toEqual({ size: 1, mode: 'Slow', settings: { retries: 3 } });
  });

  it('defaults list items and keeps explicit values', () => {
    const res = run(widget({ size: 1, mode: 'Fast', ports: [{ name: 'a' }, { name: 'b', protocol: 'UDP' }] }));
    expect(res.object.spec).toMatchObject({ mode: 'Fast', ports: [{ name: 'a', protocol: 'TCP' }, { name: 'b', protocol: 'UDP' }] });
  });

  it('replaces a null by the default and drops a null that has none', () => {
    const res = run(widget({ size: 1, mode: null, name: null }));
    expect(res.object.spec).toMatchObject({ mode: 'Slow' });
    expect(res.object.spec).not.toHaveProperty('name');
  });

  it('keeps a null on a nullable field', () => {
    const res = run(widget({ size: 1, nickname: null }));
    expect(res.object.spec).toMatchObject({ nickname: null });
  });

  it('does not default under an absent parent', () => {
    const res = run({ apiVersion: 'example.drsim.io/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'ns1' } });
    expect(res.object).not.toHaveProperty('spec');
  });
});

describe('OpenAPI validation', () => {
  it('reports a missing required field', () => {
    const err = failure(() => run(widget({})));
    expect(err.reason).toBe('Invalid');
    expect(err.message).toBe(`${INVALID}: [spec.size: Required value, ${CEL_SKIPPED}]`);
    expect(err.causes[0]).toEqual({ field: 'spec.size', message: 'Required value', reason: 'FieldValueRequired' });
  });

  it('reports a type mismatch in kube-openapi words', () => {
    const err = failure(() => run(widget({ size: 'big' })));
    expect(err.message).toBe(`${INVALID}: [spec.size: Invalid value: "string": spec.size in body must be of type integer: "string", ${CEL_SKIPPED}]`);
    expect(err.causes[0]?.reason).toBe('FieldValueTypeInvalid');
  });

  it('reports an unsupported enum value with the supported list', () => {
    const err = failure(() => run(widget({ size: 1, mode: 'Medium' })));
    expect(err.causes[0]).toEqual({ field: 'spec.mode', message: 'Unsupported value: "Medium": supported values: "Fast", "Slow"', reason: 'FieldValueNotSupported' });
  });

  it('reports a pattern mismatch', () => {
    const err = failure(() => run(widget({ size: 1, name: 'Abc' })));
    expect(err.message).toBe(`${INVALID}: spec.name: Invalid value: "Abc": spec.name in body should match '^[a-z]+$'`);
  });

  it('reports numeric bounds', () => {
    expect(failure(() => run(widget({ size: 0 }))).message).toBe(`${INVALID}: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1`);
    expect(failure(() => run(widget({ size: 11 }))).message).toBe(`${INVALID}: spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10`);
  });

  it('reports string length: too long first, without the value', () => {
    expect(failure(() => run(widget({ size: 1, name: 'abcdefghij' }))).causes[0]).toEqual({
      field: 'spec.name',
      message: 'Too long: may not be more than 8 bytes',
      reason: 'FieldValueTooLong',
    });
    const short = failure(() => run(widget({ size: 1, ports: [{ name: '' }] })));
    expect(short.causes[0]?.message).toBe('Invalid value: "": spec.ports[0].name in body should be at least 1 chars long');
  });

  it('reports list sizes', () => {
    expect(failure(() => run(widget({ size: 1, tags: ['a', 'b', 'c', 'd'] }))).causes[0]?.message).toBe('Too many: 4: must have at most 3 items');
    expect(failure(() => run(widget({ size: 1, peers: ['a'] }))).causes[0]?.message).toBe('Invalid value: 1: spec.peers in body should have at least 2 items');
  });

  it('validates nested arrays of objects with indexed paths', () => {
    const err = failure(() => run(widget({ size: 1, ports: [{ name: 'a', port: 80 }, { port: 70000 }] })));
    expect(err.causes.map((c) => c.field)).toEqual(['spec.ports[1].port', 'spec.ports[1].name', '<nil>']);
    expect(err.causes[0]?.message).toBe('Invalid value: 70000: spec.ports[1].port in body should be less than or equal to 65535');
  });

  it('checks the duration format', () => {
    expect(run(widget({ size: 1, interval: '1h30m' })).object.spec).toMatchObject({ interval: '1h30m' });
    expect(failure(() => run(widget({ size: 1, interval: 'soon' }))).causes[0]?.message).toBe(
      'Invalid value: "soon": spec.interval in body must be of type duration: "soon"',
    );
  });

  it('accepts int-or-string and refuses anything else', () => {
    expect(run(widget({ size: 1, port: 80 })).object.spec).toMatchObject({ port: 80 });
    expect(run(widget({ size: 1, port: 'http' })).object.spec).toMatchObject({ port: 'http' });
    expect(failure(() => run(widget({ size: 1, port: true }))).causes[0]?.message).toBe(
      'Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"',
    );
  });

  it('refuses duplicates in list-type set and map', () => {
    expect(failure(() => run(widget({ size: 1, tags: ['a', 'a'] }))).causes).toEqual([
      { field: 'spec.tags[1]', message: 'Duplicate value: "a"', reason: 'FieldValueDuplicate' },
    ]);
    expect(failure(() => run(widget({ size: 1, ports: [{ name: 'a' }, { name: 'a' }] }))).causes[0]?.message).toBe('Duplicate value: {"name":"a"}');
  });

  it('refuses a kind that does not match the schema', () => {
    const err = failure(() => run({ ...widget({ size: 1 }), kind: 'Gadget' }));
    expect(err.message).toBe(`Widget.example.drsim.io "w1" is invalid: kind: Invalid value: "Gadget": must be Widget`);
  });
});

describe('metadata', () => {
  it('requires a name unless generateName is set', () => {
    const noName = { ...widget({ size: 1 }), metadata: { namespace: 'ns1' } };
    expect(failure(() => run(noName)).message).toBe(`Widget.example.drsim.io "" is invalid: [metadata.name: Required value: name or generateName is required, ${CEL_SKIPPED}]`);
    expect(run({ ...noName, metadata: { namespace: 'ns1', generateName: 'w-' } }).object.metadata.generateName).toBe('w-');
  });

  it('requires a DNS-1123 subdomain name', () => {
    const err = failure(() => run({ ...widget({ size: 1 }), metadata: { name: 'Bad_Name', namespace: 'ns1' } }));
    expect(err.causes[0]?.field).toBe('metadata.name');
    expect(err.causes[0]?.message).toContain("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
  });

  it('requires a namespace for a namespaced kind', () => {
    const err = failure(() => run({ ...widget({ size: 1 }), metadata: { name: 'w1' } }));
    expect(err.causes[0]).toEqual({ field: 'metadata.namespace', message: 'Required value', reason: 'FieldValueRequired' });
  });

  it('checks label values and refuses metadata of the wrong JSON type', () => {
    const err = failure(() => run({ ...widget({ size: 1 }), metadata: { name: 'w1', namespace: 'ns1', labels: { app: 'bad value!' } } }));
    expect(err.causes[0]?.field).toBe('metadata.labels');
    expect(err.causes[0]?.message).toMatch(/^Invalid value: "bad value!": a valid label must be an empty string/);
    const decode = failure(() => run({ ...widget({ size: 1 }), metadata: { name: 'w1', namespace: 'ns1', labels: { app: 5 } } }));
    expect(decode.reason).toBe('BadRequest');
  });

  it('warns about finalizers that are not domain-qualified', () => {
    const res = run({ ...widget({ size: 1 }), metadata: { name: 'w1', namespace: 'ns1', finalizers: ['cleanup', 'example.io/ok'] } });
    expect(res.warnings).toEqual(['metadata.finalizers: "cleanup": prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers']);
  });

  it('refuses new finalizers on an object being deleted', () => {
    const old = run(widget({ size: 1 })).object;
    old.metadata.deletionTimestamp = '2024-01-01T00:00:00Z';
    const next = { ...old, metadata: { ...old.metadata, finalizers: ['example.io/f'] } };
    expect(failure(() => run(next, { old })).causes[0]?.message).toBe(
      'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.io/f"}',
    );
  });
});

describe('CEL rules', () => {
  it('skips a transition rule on create and enforces it on update', () => {
    const created = run(widget({ size: 1, clusterID: 'a' })).object;
    expect(run({ ...created, spec: { ...(created.spec as object), size: 2 } }, { old: created }).object.spec).toMatchObject({ size: 2 });
    const err = failure(() => run({ ...created, spec: { ...(created.spec as object), clusterID: 'b' } }, { old: created }));
    expect(err.message).toBe(`${INVALID}: spec.clusterID: Invalid value: "b": clusterID is immutable`);
  });

  it('runs a transition rule only where an old value correlates', () => {
    const created = run(widget({ size: 1 })).object;
    // Setting clusterID for the first time: no oldSelf, so the rule does not run.
    const res = run({ ...created, spec: { ...(created.spec as object), clusterID: 'b' } }, { old: created });
    expect(res.object.spec).toMatchObject({ clusterID: 'b' });
  });

  it('omits object and list values from rule errors', () => {
    const err = failure(() => run(widget({ size: 1, peers: ['a', 'b', 'c'] })));
    expect(err.message).toBe(`${INVALID}: spec.peers: Invalid value: peers requires a list of 2 clusters`);
  });

  it('honours a rule reason and fieldPath', () => {
    const err = failure(() => run(widget({ size: 1, name: 'nope' })));
    expect(err.causes).toEqual([{ field: 'spec.name', message: 'Forbidden: name must not be nope', reason: 'FieldValueForbidden' }]);
  });

  it('does not run rules when a blocking schema error exists', () => {
    const err = failure(() => run(widget({ size: 1, mode: 'Medium', peers: ['a', 'b', 'c'] })));
    expect(err.causes.map((c) => c.field)).toEqual(['spec.mode', '<nil>']);
  });

  it('ratchets an unchanged invalid value on update into a warning', () => {
    const stored = { ...widget({ size: 1, peers: ['a', 'b', 'c'] }), metadata: { name: 'w1', namespace: 'ns1' } } as KubeObject;
    const res = run({ ...stored, spec: { ...(stored.spec as object), size: 2 } }, { old: stored });
    expect(res.warnings).toEqual(['spec.peers: Invalid value: peers requires a list of 2 clusters']);
  });

  it('ratchets unchanged schema errors on update but not changed ones', () => {
    const stored = widget({ size: 1, mode: 'Medium' }) as KubeObject;
    expect(run({ ...stored, spec: { ...(stored.spec as object), size: 2 } }, { old: stored }).object.spec).toMatchObject({ mode: 'Medium' });
    expect(failure(() => run({ ...stored, spec: { ...(stored.spec as object), mode: 'Mediumer' } }, { old: stored })).causes[0]?.field).toBe('spec.mode');
  });
});

describe('embedded resources', () => {
  it('keeps an embedded object whole but requires apiVersion and kind', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', creationTimestamp: null }, data: { a: 'b' } };
    expect(run(widget({ size: 1, manifests: [cm] })).object.spec).toMatchObject({ manifests: [cm] });
    const err = failure(() => run(widget({ size: 1, manifests: [{ apiVersion: 'v1', data: {} }] })));
    expect(err.causes[0]).toEqual({ field: 'spec.manifests[0].kind', message: 'Required value', reason: 'FieldValueRequired' });
  });

  it('prunes unknown fields of an embedded object metadata', () => {
    const res = run(widget({ size: 1, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', bogus: 1 } }] }), { fv: 'Warn' });
    expect(res.warnings).toEqual(['unknown field "spec.manifests[0].metadata.bogus"']);
  });
});

describe('status writes', () => {
  it('validates only the status, naming fields relative to it in messages', () => {
    const stored = run(widget({ size: 1 })).object;
    const err = failure(() => run({ ...stored, status: { phase: 'Done', observedGeneration: -1 } }, { op: 'status', old: stored }));
    expect(err.causes).toEqual([
      { field: 'status.phase', message: 'Unsupported value: "Done": supported values: "Ready", "Failed"', reason: 'FieldValueNotSupported' },
      { field: 'status.observedGeneration', message: 'Invalid value: -1: observedGeneration in body should be greater than or equal to 0', reason: 'FieldValueInvalid' },
      { field: '<nil>', message: CEL_SKIPPED.replace('<nil>: ', ''), reason: 'FieldValueInvalid' },
    ]);
  });

  it('accepts a valid status', () => {
    const stored = run(widget({ size: 1 })).object;
    expect(run({ ...stored, status: { phase: 'Ready' } }, { op: 'status', old: stored }).object.status).toEqual({ phase: 'Ready' });
  });
});

describe('purity', () => {
  it('never mutates the input object', () => {
    const input = widget({ size: 1, s3Endpoint: 'x', ports: [{ name: 'a' }] });
    const before = JSON.stringify(input);
    const res = run(input, { fv: 'Warn' });
    expect(JSON.stringify(input)).toBe(before);
    expect(res.object).not.toBe(input);
  });
});

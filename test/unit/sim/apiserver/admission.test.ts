// The injected admission function: called with the right operation, its output stored, its warnings
// and refusals surfaced; and dry runs that validate and default without storing.

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import { ApiError } from '../../../../engine/runtime/errors.js';
import type { AdmissionFn, AdmissionOptions } from '../../../../sim/apiserver/admission-glue.js';
import { WIDGET, rigWithNamespaces, widget } from './fixtures.js';
import { rejection } from './reject.js';

/** Defaults spec.size to 1, prunes spec.junk with a warning, and refuses a negative size. */
function recordingAdmission(calls: string[]): AdmissionFn {
  return (schema, obj, old, opts: AdmissionOptions) => {
    calls.push(`${schema.kind}:${opts.operation}:${opts.fieldValidation}:${old ? 'old' : 'new'}`);
    if (obj.kind !== 'Widget') return { object: obj, warnings: [] };
    const spec = { ...(obj.spec as Record<string, unknown> | undefined) };
    const warnings: string[] = [];
    if ('junk' in spec) {
      if (opts.fieldValidation === 'Strict') throw new ApiError('BadRequest', 'strict decoding error: unknown field "spec.junk"');
      delete spec.junk;
      warnings.push('unknown field "spec.junk"');
    }
    spec.size ??= 1;
    if (typeof spec.size === 'number' && spec.size < 0) {
      throw new ApiError('Invalid', 'Widget.example.com "x" is invalid: spec.size', [{ field: 'spec.size', message: 'Invalid value: must be >= 0' }]);
    }
    return { object: { ...obj, spec }, warnings };
  };
}

describe('admission glue', () => {
  it('calls admission for create, update, patch and status with the right operation', async () => {
    const calls: string[] = [];
    const { admin } = await rigWithNamespaces({ admission: recordingAdmission(calls) });
    calls.length = 0;
    const w = await admin.create(widget('w', 'default', {}));
    await admin.update({ ...w, spec: { size: 2 } });
    await admin.patch(WIDGET, { namespace: 'default', name: 'w' }, { spec: { size: 3 } });
    const current = await admin.get(WIDGET, { namespace: 'default', name: 'w' });
    await admin.updateStatus({ ...current, status: { ok: true } }, { fieldValidation: 'Strict' });
    expect(calls).toEqual(['Widget:create:Warn:new', 'Widget:update:Warn:old', 'Widget:update:Warn:old', 'Widget:status:Strict:old']);
    expect(w.spec).toEqual({ size: 1 });
  });

  it('returns warnings through the *WithWarnings methods and lastWarnings', async () => {
    const { server } = await rigWithNamespaces({ admission: recordingAdmission([]) });
    const client = server.client({ actor: 'validator' });
    const result = await client.createWithWarnings(widget('w', 'default', { junk: 1 }));
    expect(result.warnings).toEqual(['unknown field "spec.junk"']);
    expect(result.object.spec).toEqual({ size: 1 });
    expect(client.lastWarnings).toEqual(['unknown field "spec.junk"']);
    await client.patch(WIDGET, { namespace: 'default', name: 'w' }, { spec: { size: 4 } });
    expect(client.lastWarnings).toEqual([]);
  });

  it('surfaces refusals and logs them', async () => {
    const { admin, trace } = await rigWithNamespaces({ admission: recordingAdmission([]) });
    const strict = await rejection(admin.create(widget('w', 'default', { junk: 1 }), { fieldValidation: 'Strict' }));
    expect(strict.reason).toBe('BadRequest');
    const bad = await rejection(admin.create(widget('w', 'default', { size: -1 })));
    expect(bad.reason).toBe('Invalid');
    expect(bad.causes[0]?.field).toBe('spec.size');
    expect(trace.ofType('api.reject').map((e) => e.reason)).toEqual(['BadRequest', 'Invalid']);
  });

  it('dry runs validate and default but store nothing', async () => {
    const { admin, server, trace } = await rigWithNamespaces({ admission: recordingAdmission([]) });
    const before = server.dump();
    const writesBefore = trace.ofType('api.write').length;
    const dry = await admin.create(widget('w', 'default', {}), { dryRun: true });
    expect(dry.spec).toEqual({ size: 1 });
    expect(dry.metadata.resourceVersion).toBeUndefined();
    await expect(admin.create(widget('w', 'default', { size: -1 }), { dryRun: true })).rejects.toThrow(ApiError);
    const real: KubeObject = await admin.create(widget('w', 'default', {}));
    const dryUpdate = await admin.update({ ...real, spec: { size: 5 } }, { dryRun: true });
    expect(dryUpdate.spec).toEqual({ size: 5 });
    expect((await admin.get(WIDGET, { namespace: 'default', name: 'w' })).spec).toEqual({ size: 1 });
    expect(server.dump()).toHaveLength(before.length + 1);
    expect(trace.ofType('api.write').length).toBe(writesBefore + 1);
  });
});

// Properties of admission over random bodies: it never mutates its input, Warn reports exactly the
// unknown fields it prunes, and Strict refuses exactly when Warn would warn.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { admit } from '../../../../../engine/api/schema/admission.js';
import type { KubeObject } from '../../../../../engine/api/meta.js';
import { ApiError } from '../../../../../engine/runtime/errors.js';
import { widget, widgetSchema } from './widget-kind.js';

const unknownKey = fc.string({ minLength: 1, maxLength: 6 }).filter((k) => /^[a-z]+$/.test(k)).map((k) => `x${k}`);

describe('admission properties', () => {
  it('prunes exactly the unknown spec fields and never mutates the input', () => {
    fc.assert(
      fc.property(fc.uniqueArray(unknownKey, { maxLength: 5 }), fc.integer({ min: 1, max: 10 }), (keys, size) => {
        const spec: Record<string, unknown> = { size };
        for (const k of keys) spec[k] = k.length;
        const input = widget(spec) as KubeObject;
        const before = JSON.stringify(input);
        const res = admit(widgetSchema, input, undefined, { operation: 'create', fieldValidation: 'Warn' });
        expect(JSON.stringify(input)).toBe(before);
        expect(res.warnings).toEqual([...keys].sort().map((k) => `unknown field "spec.${k}"`));
        for (const k of keys) expect(res.object.spec).not.toHaveProperty(k);
        let strictFailed = false;
        try {
          admit(widgetSchema, input, undefined, { operation: 'create', fieldValidation: 'Strict' });
        } catch (err) {
          strictFailed = err instanceof ApiError && err.reason === 'BadRequest';
        }
        expect(strictFailed).toBe(keys.length > 0);
      }),
    );
  });
});

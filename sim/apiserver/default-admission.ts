// The admission a server uses when none is injected: the schema admission of engine/api/schema,
// which also validates object metadata (name format per kind, finalizers while deleting, labels).
// Its result is a fresh copy (it decodes a copy of the body, and strategies copy what they take from
// the stored object), so the server stores it without copying it again.

import { admit } from '../../engine/api/schema/admission.js';
import type { AdmissionFn } from './admission-glue.js';

export const defaultAdmission: AdmissionFn = (schema, obj, old, opts) => {
  const { object, warnings } = admit(schema, obj, old, opts);
  return { object, warnings, detached: true };
};

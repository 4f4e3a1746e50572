// The admission a server uses when none is injected: the schema admission of engine/api/schema,
// which also validates object metadata (name format per kind, finalizers while deleting, labels).

import { admit } from '../../engine/api/schema/admission.js';
import type { AdmissionFn } from './admission-glue.js';

export const defaultAdmission: AdmissionFn = (schema, obj, old, opts) => admit(schema, obj, old, opts);

// The admission a server uses when none is injected: the schema admission of engine/api/schema.

import { passthroughAdmission, type AdmissionFn } from './admission-glue.js';

export const defaultAdmission: AdmissionFn = passthroughAdmission;

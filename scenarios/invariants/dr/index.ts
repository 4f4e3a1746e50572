// The DR-cluster operator's safety properties (dr-cluster spec §15), in report order.

import type { Checker } from '../checker.js';
import { noDemotionInUse } from './no-demotion-in-use.js';
import { s3DeletesByPrimaries } from './s3-deletes-by-primaries.js';
import { uploadBeforeProtected } from './upload-before-protected.js';
import { vrFollowsVrg } from './vr-follows-vrg.js';

export const DR_SAFETY: readonly (() => Checker)[] = [vrFollowsVrg, noDemotionInUse, uploadBeforeProtected, s3DeletesByPrimaries];

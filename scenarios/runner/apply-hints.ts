// When a scenario's `apply` fails, explains why with drsim validate's Ramen knowledge: the field or
// kind that was probably meant and where it belongs. The API server's own error stays the verdict;
// this only adds the hint.

import { stringify } from 'yaml';
import type { KubeObject } from '../../engine/api/meta.js';
import { validateManifests } from '../../validate/index.js';
import type { ApplyHinter } from './run-scenario.js';

export const validateHinter: ApplyHinter = (cluster: string, manifest: KubeObject): string | undefined => {
  const findings = validateManifests([{ file: 'manifest', text: stringify(manifest) }], { cluster: cluster === 'hub' ? 'hub' : 'dr', fieldValidation: 'Strict' });
  const hints = [...new Set(findings.flatMap((f) => (f.hint ? [f.hint] : [])))];
  return hints.length ? hints.join('\n  hint: ') : undefined;
};

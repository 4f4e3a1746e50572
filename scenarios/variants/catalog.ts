// Every broken variant drsim keeps, for the broken-variant check (test/laws and docs/invariants.md).

import { demoteAfterPromote } from './demote-after-promote.js';
import { ignorePvcInUse } from './ignore-pvc-in-use.js';
import { promoteBeforeFinalSync } from './promote-before-final-sync.js';
import { skipMetroFencing } from './skip-metro-fencing.js';
import { staleView } from './stale-view.js';
import type { BrokenVariant } from './variant.js';
import { vrIgnoresVrgSpec } from './vr-ignores-vrg-spec.js';

export const BROKEN_VARIANTS: readonly BrokenVariant[] = [promoteBeforeFinalSync, demoteAfterPromote, skipMetroFencing, staleView, ignorePvcInUse, vrIgnoresVrgSpec];

export function variantNamed(name: string): BrokenVariant {
  const v = BROKEN_VARIANTS.find((x) => x.name === name);
  if (!v) throw new RangeError(`no broken variant "${name}"; known: ${BROKEN_VARIANTS.map((x) => x.name).join(', ')}`);
  return v;
}

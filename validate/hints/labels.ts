// Label keys are case-sensitive and Ramen reads a fixed set of them. `ramendr.openshift.io/replicationID`
// (the spelling in Ramen's own Go doc comments) is not `ramendr.openshift.io/replicationid` (the code's
// constant), so a class labelled the first way is invisible to peer-class discovery. A key under
// Ramen's domain that Ramen never reads does nothing.

import * as drConstants from '../../engine/api/ramen/dr-constants.js';
import * as hubConstants from '../../engine/api/ramen/hub-constants.js';
import type { PathSegment } from '../field-lines.js';
import { isRecord, type HintContext, type SetDoc } from './hint-context.js';

const RAMEN_DOMAIN = 'ramendr.openshift.io/';

/** Every label key Ramen's code reads or writes under its own domain. */
export const RAMEN_LABEL_KEYS: readonly string[] = [
  ...new Set(
    [...Object.entries(drConstants), ...Object.entries(hubConstants)]
      .filter(([name, v]) => typeof v === 'string' && /LABEL/.test(name) && v.includes(RAMEN_DOMAIN))
      .map(([, v]) => v as string),
  ),
].sort();

/** The Ramen key this one differs from only in case, if any. */
export function caseVariantOf(key: string): string | undefined {
  if (RAMEN_LABEL_KEYS.includes(key)) return undefined;
  return RAMEN_LABEL_KEYS.find((k) => k.toLowerCase() === key.toLowerCase());
}

const WHY: Record<string, string> = {
  [drConstants.LABEL_REPLICATION_ID]: 'peer-class discovery and the DRClusterConfig inventory only see VolumeReplicationClasses labelled with the lower-case key',
  [drConstants.LABEL_STORAGE_ID]: 'peer-class discovery and the DRClusterConfig inventory only see classes labelled with the lower-case key',
};

function checkLabelKeys(ctx: HintContext, d: SetDoc): void {
  const labels = isRecord(d.obj.metadata) && isRecord(d.obj.metadata.labels) ? d.obj.metadata.labels : {};
  for (const key of Object.keys(labels)) {
    const path: PathSegment[] = ['metadata', 'labels', key];
    const right = caseVariantOf(key);
    if (right) {
      ctx.hint(d, path, 'LabelKeyCase', `label key ${key} is not the key Ramen reads: ${right}`, `label keys are case-sensitive; ${WHY[right] ?? 'Ramen ignores the mixed-case key'}`);
    } else if (key.includes(RAMEN_DOMAIN) && !RAMEN_LABEL_KEYS.includes(key)) {
      ctx.hint(d, path, 'LabelNotRead', `Ramen does not read label ${key}`, `the ${RAMEN_DOMAIN} labels Ramen uses on user objects are ${drConstants.LABEL_STORAGE_ID} and ${drConstants.LABEL_REPLICATION_ID} (classes); this one is harmless but does nothing`);
    }
  }
}

/** Selector keys anywhere under spec: a mixed-case Ramen key selects classes Ramen itself cannot see. */
function checkSelectors(ctx: HintContext, d: SetDoc, value: unknown, path: PathSegment[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkSelectors(ctx, d, v, [...path, i]));
    return;
  }
  if (!isRecord(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k === 'matchLabels' && isRecord(v)) {
      for (const key of Object.keys(v)) {
        const right = caseVariantOf(key);
        if (right) ctx.hint(d, [...path, k, key], 'LabelKeyCase', `selector key ${key} is not the key Ramen reads: ${right}`, `label keys are case-sensitive: this selector matches only classes carrying the mixed-case key, and ${WHY[right] ?? 'Ramen ignores that key'}; use ${right} on the classes and here`);
      }
    } else if (k === 'matchExpressions' && Array.isArray(v)) {
      v.forEach((req, i) => {
        const key = isRecord(req) && typeof req.key === 'string' ? req.key : undefined;
        const right = key ? caseVariantOf(key) : undefined;
        if (right) ctx.hint(d, [...path, k, i, 'key'], 'LabelKeyCase', `selector key ${key} is not the key Ramen reads: ${right}`, `label keys are case-sensitive; use ${right}`);
      });
    } else {
      checkSelectors(ctx, d, v, [...path, k]);
    }
  }
}

export function labelHints(ctx: HintContext): void {
  for (const d of ctx.docs) {
    checkLabelKeys(ctx, d);
    if (d.obj.spec !== undefined) checkSelectors(ctx, d, d.obj.spec, ['spec']);
  }
}

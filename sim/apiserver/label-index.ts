// One kind's objects by label: (label key, value) to the stored objects carrying that label. A list
// whose selector names at least one matchLabels pair reads the smallest of those sets instead of
// every object of the kind, which the app deployer, the VRG and others do on each reconcile; with
// one list per app per reconcile, a scan made a run quadratic in the number of apps.

import type { KubeObject, LabelSelector } from '../../engine/api/meta.js';

/** An object's place in its kind's table: namespace (empty when cluster-scoped) and name. */
function rowKey(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}\u0000${obj.metadata.name}`;
}

function hasLabel(labels: Record<string, string> | undefined, key: string, value: string): boolean {
  return labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === value;
}

const NONE: ReadonlyMap<string, KubeObject> = new Map();

export class LabelIndex {
  /** Label key -> value -> row key -> the stored object. */
  private readonly postings = new Map<string, Map<string, Map<string, KubeObject>>>();

  /** Records that `next` replaced `previous` (either may be absent: a create or a removal). */
  update(previous: KubeObject | undefined, next: KubeObject | undefined): void {
    const nextLabels = next?.metadata.labels;
    if (previous) {
      const row = rowKey(previous);
      for (const [key, value] of Object.entries(previous.metadata.labels ?? {})) {
        if (!hasLabel(nextLabels, key, value)) this.drop(key, value, row);
      }
    }
    if (next) {
      const row = rowKey(next);
      for (const [key, value] of Object.entries(nextLabels ?? {})) this.posting(key, value).set(row, next);
    }
  }

  /**
   * The objects that may match `selector`, by row key: those carrying its rarest matchLabels pair,
   * not yet checked against the rest of the selector. Undefined when no pair can narrow the search.
   */
  narrowest(selector: LabelSelector | undefined): ReadonlyMap<string, KubeObject> | undefined {
    let best: ReadonlyMap<string, KubeObject> | undefined;
    for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
      // A value that is not a string is left to the full selector check, which decides what it matches.
      if (typeof value !== 'string') continue;
      const set = this.postings.get(key)?.get(value) ?? NONE;
      if (!best || set.size < best.size) best = set;
    }
    return best;
  }

  private posting(key: string, value: string): Map<string, KubeObject> {
    let values = this.postings.get(key);
    if (!values) {
      values = new Map();
      this.postings.set(key, values);
    }
    let set = values.get(value);
    if (!set) {
      set = new Map();
      values.set(value, set);
    }
    return set;
  }

  private drop(key: string, value: string, row: string): void {
    const values = this.postings.get(key);
    const set = values?.get(value);
    if (!values || !set) return;
    set.delete(row);
    if (set.size > 0) return;
    values.delete(value);
    if (values.size === 0) this.postings.delete(key);
  }
}

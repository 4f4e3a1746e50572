// Lookups over every modelled kind: by apiVersion and kind (as a REST mapper), by a kubectl-style
// name (kind, plural, singular or short name), by cluster role, with "did you mean" suggestions.

import { ALL_KINDS } from './all-kinds.js';
import { editDistance } from './edit-distance.js';
import { compareStrings } from './json-value.js';
import { apiVersionOf, type ClusterRole, type KindSchema } from './types.js';

interface Index {
  byKey: Map<string, KindSchema>;
  byName: Map<string, KindSchema[]>;
}

let index: Index | undefined;

const keyOf = (apiVersion: string, kind: string): string => `${apiVersion}/${kind}`;

/** Builds the index from a kind list; a kind listed twice is a programming error. */
export function buildIndex(kinds: readonly KindSchema[]): Index {
  const byKey = new Map<string, KindSchema>();
  const byName = new Map<string, KindSchema[]>();
  for (const k of kinds) {
    const key = keyOf(apiVersionOf(k), k.kind);
    if (byKey.has(key)) throw new Error(`kind ${key} is listed twice in engine/api/schema/all-kinds.ts`);
    byKey.set(key, k);
    const names = new Set([k.kind.toLowerCase(), k.plural, k.singular ?? k.kind.toLowerCase(), ...(k.shortNames ?? [])]);
    for (const n of names) byName.set(n, [...(byName.get(n) ?? []), k]);
  }
  return { byKey, byName };
}

function current(): Index {
  index ??= buildIndex(ALL_KINDS);
  return index;
}

export function allKinds(): KindSchema[] {
  return [...current().byKey.values()];
}

/** The kinds a real deployment serves on a hub or on a DR cluster. */
export function kindsFor(role: ClusterRole): KindSchema[] {
  return allKinds().filter((k) => k.servedOn.includes(role));
}

export function findKind(apiVersion: string, kind: string): KindSchema | undefined {
  return current().byKey.get(keyOf(apiVersion, kind));
}

/**
 * A kind by the names kubectl accepts: kind (any case), plural, singular or short name, optionally
 * qualified by group as `drpc.ramendr.openshift.io`. When several groups share a name, the core group
 * wins, then the first listed, as kubectl prefers.
 */
export function findKindByName(name: string): KindSchema | undefined {
  const lower = name.toLowerCase();
  const direct = current().byName.get(lower);
  if (direct && direct.length > 0) return direct.find((k) => k.group === '') ?? direct[0];
  const dot = lower.indexOf('.');
  if (dot < 0) return undefined;
  const group = lower.slice(dot + 1);
  return current().byName.get(lower.slice(0, dot))?.find((k) => k.group === group);
}

/** The known kind name closest to a misspelled one, when one is close enough to be a likely typo. */
export function suggestKind(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: { kind: string; distance: number } | undefined;
  const candidates = [...current().byName.entries()].sort(([a], [b]) => compareStrings(a, b));
  for (const [alias, kinds] of candidates) {
    const distance = editDistance(lower, alias);
    const kind = kinds[0]!.kind;
    if (!best || distance < best.distance) best = { kind, distance };
  }
  if (!best) return undefined;
  // Allow roughly one typo per four characters, and at least one.
  return best.distance <= Math.max(1, Math.floor(lower.length / 4)) ? best.kind : undefined;
}

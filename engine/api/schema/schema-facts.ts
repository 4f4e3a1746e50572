// What a schema subtree contains, computed once per schema node. Admission walks the object once per
// concern (defaults, embedded resources, list types, CEL rules); a subtree whose schema has nothing
// for a concern cannot produce anything for it, so the walk skips it. Schemas are never modified
// after they are built, so the facts of a node never change.

import type { Schema } from './types.js';

export interface SchemaFacts {
  /** Some node at or below has a `default`. */
  defaults: boolean;
  /** Some node at or below is an embedded resource. */
  embedded: boolean;
  /** Some node at or below is a list of type set or map. */
  listTypes: boolean;
  /** Some node at or below has x-kubernetes-validations rules. */
  cel: boolean;
}

const cache = new WeakMap<Schema, SchemaFacts>();
/** A schema reached again while its own facts are being computed: assume everything, which is always safe. */
const ALL: SchemaFacts = { defaults: true, embedded: true, listTypes: true, cel: true };
const computing = new WeakSet<Schema>();

export function factsOf(s: Schema): SchemaFacts {
  const known = cache.get(s);
  if (known) return known;
  if (computing.has(s)) return ALL;
  computing.add(s);
  const facts: SchemaFacts = {
    defaults: s.default !== undefined,
    embedded: s['x-kubernetes-embedded-resource'] === true,
    listTypes: s['x-kubernetes-list-type'] === 'set' || s['x-kubernetes-list-type'] === 'map',
    cel: (s['x-kubernetes-validations'] ?? []).length > 0,
  };
  const children: Schema[] = [];
  if (s.properties) for (const k in s.properties) children.push(s.properties[k]!);
  if (s.items) children.push(s.items);
  if (typeof s.additionalProperties === 'object') children.push(s.additionalProperties);
  for (const c of children) {
    const f = factsOf(c);
    facts.defaults ||= f.defaults;
    facts.embedded ||= f.embedded;
    facts.listTypes ||= f.listTypes;
    facts.cel ||= f.cel;
  }
  computing.delete(s);
  cache.set(s, facts);
  return facts;
}

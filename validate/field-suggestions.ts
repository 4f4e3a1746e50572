// "Did you mean" for a field the schema does not have: first the table of known legacy shapes, then
// the same name in another case (field names are case-sensitive), a near spelling among the
// siblings, the same name elsewhere in this kind (a misplaced field), or in another Ramen kind.

import { allKinds } from '../engine/api/schema/registry.js';
import { editDistance } from '../engine/api/schema/edit-distance.js';
import { objectMetaSchema } from '../engine/api/schema/object-meta.js';
import type { KindSchema, Schema } from '../engine/api/schema/types.js';
import { parseFieldPath, type PathSegment } from './field-lines.js';
import { legacyHint } from './legacy-fields.js';

export interface FieldSuggestion {
  code: 'LegacyField' | 'FieldSuggestion';
  hint: string;
}

function schemaAt(root: Schema, path: readonly PathSegment[]): Schema | undefined {
  let s: Schema | undefined = root;
  for (const seg of path) {
    if (!s) return undefined;
    if (typeof seg === 'number') s = s.items;
    else if (s.properties?.[seg]) s = s.properties[seg];
    else if (typeof s.additionalProperties === 'object') s = s.additionalProperties;
    else if (s.items?.properties?.[seg]) s = s.items.properties[seg];
    else return undefined;
  }
  return s;
}

/** Every property path of a schema, as dotted names (list items as `[]`). */
function propertyPaths(s: Schema, prefix: string, out: { path: string; name: string }[], depth = 0): void {
  if (depth > 8) return;
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    out.push({ path, name });
    propertyPaths(sub, path, out, depth + 1);
    if (sub.items) propertyPaths(sub.items, `${path}[]`, out, depth + 1);
  }
}

const pathsCache = new Map<KindSchema, { path: string; name: string }[]>();
function pathsOf(k: KindSchema): { path: string; name: string }[] {
  let p = pathsCache.get(k);
  if (!p) {
    p = [];
    propertyPaths(k.schema, '', p);
    pathsCache.set(k, p);
  }
  return p;
}

export function suggestField(schema: KindSchema, unknownPath: string): FieldSuggestion | undefined {
  const legacy = legacyHint(schema.kind, unknownPath.replace(/\[\d+\]/g, ''));
  if (legacy) return { code: 'LegacyField', hint: legacy };

  const segs = parseFieldPath(unknownPath);
  const name = segs[segs.length - 1];
  if (typeof name !== 'string') return undefined;
  const parentSegs = segs.slice(0, -1);
  const parent = parentSegs[0] === 'metadata' ? schemaAt(objectMetaSchema, parentSegs.slice(1)) : schemaAt(schema.schema, parentSegs);
  const siblings = Object.keys(parent?.properties ?? {});
  const parentText = parentSegs.length === 0 ? 'the top level' : parentSegs.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');

  const ci = siblings.find((s) => s.toLowerCase() === name.toLowerCase());
  if (ci) return { code: 'FieldSuggestion', hint: `field names are case-sensitive: did you mean ${ci}?` };

  const near = siblings
    .map((s) => ({ s, d: editDistance(name.toLowerCase(), s.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  if (near) return { code: 'FieldSuggestion', hint: `did you mean ${near.s}?` };

  if (parentSegs[0] !== 'metadata') {
    const elsewhere = pathsOf(schema).filter((p) => p.name.toLowerCase() === name.toLowerCase() && !p.path.startsWith('status'));
    if (elsewhere.length > 0) return { code: 'FieldSuggestion', hint: `${name} is not a field of ${parentText}; ${schema.kind} has it at ${elsewhere.map((p) => p.path).join(', ')}` };
    const ramen = allKinds().filter((k) => k.group === schema.group && k !== schema);
    for (const k of ramen) {
      const hit = pathsOf(k).find((p) => p.name.toLowerCase() === name.toLowerCase() && p.path.startsWith('spec.'));
      if (hit) return { code: 'FieldSuggestion', hint: `${name} is not a ${schema.kind} field; it is ${k.kind} ${hit.path}` };
    }
  }
  if (siblings.length > 0 && siblings.length <= 16) return { code: 'FieldSuggestion', hint: `fields of ${parentText}: ${siblings.join(', ')}` };
  return undefined;
}

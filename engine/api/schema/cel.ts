// Evaluation of x-kubernetes-validations rules through their TypeScript twins, with kube's semantics:
// rules run on every present, non-null node; a transition rule (one that reads oldSelf) runs only
// when an old value correlates with the node, unless it opts into optionalOldSelf; and under
// ratcheting, a failing non-transition rule on a node left unchanged by the update is downgraded to a
// warning, as kube's CRDValidationRatcheting does.

import { correlateItem, correlateKey, type OldValue } from './correlate.js';
import { OMIT_VALUE, fieldErrorString, invalid, type FieldError } from './field-errors.js';
import { childPath, indexPath, keyPath } from './field-path.js';
import { isJsonObject, jsonEqual } from './json-value.js';
import { mapValueSchema } from './prune.js';
import { factsOf } from './schema-facts.js';
import type { CelRule, Schema } from './types.js';

export interface CelResult {
  errors: FieldError[];
  warnings: string[];
}

export interface CelOptions {
  /** An update: failures on unchanged nodes become warnings. */
  ratchet: boolean;
}

const transitionRules = new WeakMap<CelRule, boolean>();

/** Whether a rule reads oldSelf, which makes it a transition rule. */
export function isTransitionRule(rule: CelRule): boolean {
  let t = transitionRules.get(rule);
  if (t === undefined) {
    t = rule.transition === true || /\boldSelf\b/.test(rule.rule);
    transitionRules.set(rule, t);
  }
  return t;
}

/** kube's message for a rule without one: `failed rule: <rule>`. */
function ruleMessage(rule: CelRule): string {
  return rule.message.trim() !== '' ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
}

function ruleName(rule: CelRule): string {
  return rule.message.trim() !== '' ? rule.message.trim() : rule.rule.trim();
}

function failure(rule: CelRule, field: string, value: unknown, s: Schema): FieldError {
  const at = rule.fieldPath ? childPath(field, rule.fieldPath.replace(/^\./, '')) : field;
  const detail = ruleMessage(rule);
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return { type: 'FieldValueForbidden', field: at, detail };
    case 'FieldValueRequired':
      return { type: 'FieldValueRequired', field: at, detail };
    case 'FieldValueDuplicate':
      return { type: 'FieldValueDuplicate', field: at, value: shownValue(value, s) };
    default:
      return invalid(at, shownValue(value, s), detail);
  }
}

// kube prints scalars but leaves objects and lists out of a rule's error.
function shownValue(value: unknown, s: Schema): unknown {
  return s.type === 'object' || s.type === 'array' || typeof value === 'object' ? OMIT_VALUE : value;
}

/** Runs every rule under `schema` against `value`, correlating `old` for transition rules. */
export function runCelRules(schema: Schema, value: unknown, old: OldValue | undefined, basePath: string, opts: CelOptions): CelResult {
  const result: CelResult = { errors: [], warnings: [] };
  visit(schema, value, old, basePath, false, opts, result);
  return result;
}

function visit(s: Schema, value: unknown, old: OldValue | undefined, path: string, parentUnchanged: boolean, opts: CelOptions, out: CelResult): void {
  // No rule at or below this node: nothing to evaluate, and nothing else is computed here.
  if (value === null || value === undefined || !factsOf(s).cel) return;
  // An uncorrelated node ratchets with its nearest correlated ancestor.
  const unchanged = opts.ratchet && (old ? jsonEqual(value, old.value) : parentUnchanged);
  for (const rule of s['x-kubernetes-validations'] ?? []) evaluate(rule, s, value, old, path, unchanged, out);
  if (Array.isArray(value)) {
    if (s.items) value.forEach((item, i) => visit(s.items!, item, correlateItem(s, old, item), indexPath(path, i), unchanged, opts, out));
    return;
  }
  if (!isJsonObject(value)) return;
  const mapValue = mapValueSchema(s);
  for (const k of Object.keys(value)) {
    const prop = s.properties?.[k];
    if (prop) visit(prop, value[k], correlateKey(old, k), childPath(path, k), unchanged, opts, out);
    else if (mapValue) visit(mapValue, value[k], correlateKey(old, k), keyPath(path, k), unchanged, opts, out);
  }
}

function evaluate(rule: CelRule, s: Schema, value: unknown, old: OldValue | undefined, path: string, unchanged: boolean, out: CelResult): void {
  const transition = isTransitionRule(rule);
  if (transition && !old && rule.optionalOldSelf !== true) return;
  let ok: boolean;
  try {
    ok = rule.check(value, old?.value, old !== undefined);
  } catch (err) {
    // A rule that fails to evaluate (no such key, bad index) is reported against the node, as kube does.
    const reason = err instanceof Error ? err.message : String(err);
    out.errors.push(invalid(path, s.type ?? '', `${reason} evaluating rule: ${ruleName(rule)}`));
    return;
  }
  if (ok) return;
  const e = failure(rule, path, value, s);
  if (!transition && unchanged) out.warnings.push(fieldErrorString(e));
  else out.errors.push(e);
}

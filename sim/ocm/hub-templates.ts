// The one hub template Ramen's secret policies use, `{{hub fromSecret "<ns>" "<name>" "<key>" hub}}`,
// which the policy propagator replaces with the named hub Secret's (base64) data value before it
// copies the policy to a cluster (hub spec §14.7). Any other `{{hub ... hub}}` template is reported
// as an error, as drsim does not model Go templates.

import { isPlainObject } from '../apiserver/json.js';

const FROM_SECRET = /\{\{hub\s+fromSecret\s+"([^"]*)"\s+"([^"]*)"\s+"([^"]*)"\s+hub\}\}/g;
const ANY_HUB_TEMPLATE = /\{\{hub[\s\S]*?hub\}\}/;
/** A managed-cluster template: `{{ ... }}` that is not a hub template. */
const ANY_CLUSTER_TEMPLATE = /\{\{(?!hub)[\s\S]*?\}\}/;

/** Returns a secret's data value (base64) or undefined when the secret or key does not exist. */
export type SecretLookup = (namespace: string, name: string, key: string) => string | undefined;

export class HubTemplateError extends Error {}

function resolveString(text: string, lookup: SecretLookup): string {
  const out = text.replace(FROM_SECRET, (_all, ns: string, name: string, key: string) => {
    const value = lookup(ns, name, key);
    if (value === undefined) throw new HubTemplateError(`failed to resolve the template: secret ${ns}/${name} has no key ${key}`);
    return value;
  });
  if (ANY_HUB_TEMPLATE.test(out)) throw new HubTemplateError(`unsupported hub template in ${JSON.stringify(text)}`);
  return out;
}

/** Resolves every hub template in a JSON value, returning a new value. */
export function resolveHubTemplates<T>(value: T, lookup: SecretLookup): T {
  if (typeof value === 'string') return resolveString(value, lookup) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => resolveHubTemplates(v, lookup)) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveHubTemplates(v, lookup);
    return out as T;
  }
  return value;
}

/** Whether a JSON value still holds a managed-cluster template, which the agent cannot evaluate. */
export function hasClusterTemplate(value: unknown): boolean {
  if (typeof value === 'string') return ANY_CLUSTER_TEMPLATE.test(value);
  if (Array.isArray(value)) return value.some(hasClusterTemplate);
  if (isPlainObject(value)) return Object.values(value).some(hasClusterTemplate);
  return false;
}

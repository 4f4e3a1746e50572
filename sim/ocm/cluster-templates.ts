// The one managed-cluster template Ramen's policies use: the Velero-format S3 secret, built on the
// managed cluster from the Ramen-format secret already there:
//   {{ (printf "<format>" ((lookup "v1" "Secret" "<ns>" "<name>").data.<KEY> | base64dec) ...) | base64enc }}
// The policy agent evaluates exactly this form (printf with %s verbs, lookups of Secret data, base64
// decoding and encoding); anything else stays unsupported and is reported as such.

import type { ClusterClient } from '../../engine/runtime/client.js';
import { isPlainObject } from '../apiserver/json.js';

const PRINTF_TEMPLATE = /^\{\{\s*\(printf\s+"((?:[^"\\]|\\.)*)"((?:\s+\(\(lookup\s+"v1"\s+"Secret"\s+"[^"]*"\s+"[^"]*"\)\.data\.[A-Za-z0-9_.-]+\s*\|\s*base64dec\))+)\s*\)\s*\|\s*base64enc\s*\}\}$/;
const LOOKUP = /\(\(lookup\s+"v1"\s+"Secret"\s+"([^"]*)"\s+"([^"]*)"\)\.data\.([A-Za-z0-9_.-]+)\s*\|\s*base64dec\)/g;

export class ClusterTemplateError extends Error {}

function unescapeGo(s: string): string {
  return s.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

async function resolveString(text: string, cluster: ClusterClient): Promise<string> {
  const m = PRINTF_TEMPLATE.exec(text.trim());
  if (!m) return text;
  const format = unescapeGo(m[1]!);
  const args: string[] = [];
  for (const l of m[2]!.matchAll(LOOKUP)) {
    const [, ns, name, key] = l;
    let secret: { data?: Record<string, string> };
    try {
      secret = (await cluster.get({ apiVersion: 'v1', kind: 'Secret' }, { namespace: ns!, name: name! })) as { data?: Record<string, string> };
    } catch (err) {
      throw new ClusterTemplateError(`lookup of Secret ${ns}/${name} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const b64 = secret.data?.[key!];
    // Go's lookup of a missing key yields an empty value, which base64dec turns into "".
    args.push(b64 === undefined ? '' : Buffer.from(b64, 'base64').toString('utf8'));
  }
  let i = 0;
  const formatted = format.replace(/%s/g, () => args[i++] ?? '%!s(MISSING)');
  return Buffer.from(formatted, 'utf8').toString('base64');
}

/** Resolves the supported managed-cluster templates in a JSON value, returning a new value. */
export async function resolveClusterTemplates<T>(value: T, cluster: ClusterClient): Promise<T> {
  if (typeof value === 'string') return (await resolveString(value, cluster)) as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const v of value) out.push(await resolveClusterTemplates(v, cluster));
    return out as T;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolveClusterTemplates(v, cluster);
    return out as T;
  }
  return value;
}

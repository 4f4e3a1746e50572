// What every hint rule sees: the whole manifest set (a rule may compare documents: a replication class
// against the policy, a DRCluster against the hub's ConfigMap), each document's admission outcome,
// and one way to report a hint at a field's line.

import type { KubeObject } from '../../engine/api/meta.js';
import type { ClusterRole } from '../../engine/api/schema/types.js';
import type { PathSegment } from '../field-lines.js';
import type { Finding, FindingCode } from '../finding.js';
import type { ManifestDoc } from '../manifest-docs.js';
import type { ConfigLint, ConfigRole } from '../ramen-config/ramen-config-lint.js';

export interface SetDoc {
  doc: ManifestDoc;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  /** The object as the user wrote it: hints are about intent, not about the pruned copy. */
  obj: KubeObject;
  /** The cluster it was checked against. */
  cluster: ClusterRole;
  /** The server would refuse it (NoKindMatch, BadRequest or Invalid). */
  refused: boolean;
}

/** A RamenConfig found in the set: inside an operator ConfigMap or as a `kind: RamenConfig` document. */
export interface FoundConfig {
  doc: SetDoc;
  role: ConfigRole | undefined;
  /** Ramen reads this ConfigMap (right name, right cluster). */
  read: boolean;
  lint: ConfigLint;
}

export interface HintContext {
  docs: SetDoc[];
  configs: FoundConfig[];
  hint(doc: SetDoc, path: readonly PathSegment[], code: FindingCode, message: string, hint?: string): void;
  /** A hint at an exact line (for positions inside embedded YAML). */
  hintAtLine(doc: SetDoc, line: number, code: FindingCode, message: string, hint?: string): void;
}

export type HintRule = (ctx: HintContext) => void;

export function createHintContext(docs: SetDoc[], out: Finding[]): HintContext {
  const base = (d: SetDoc): Pick<Finding, 'file' | 'docIndex' | 'kind' | 'name' | 'severity'> & { cluster: ClusterRole } => ({
    file: d.doc.file,
    docIndex: d.doc.docIndex,
    kind: d.kind,
    name: d.name,
    severity: 'hint',
    cluster: d.cluster,
  });
  return {
    docs,
    configs: [],
    hint(doc, path, code, message, hint) {
      out.push({ ...base(doc), ...doc.doc.locator.locate(path), code, message, ...(hint ? { hint } : {}) });
    },
    hintAtLine(doc, line, code, message, hint) {
      out.push({ ...base(doc), line, code, message, ...(hint ? { hint } : {}) });
    },
  };
}

export const ofKind = (ctx: HintContext, kind: string, apiGroup?: string): SetDoc[] =>
  ctx.docs.filter((d) => d.kind === kind && (apiGroup === undefined || d.apiVersion.startsWith(`${apiGroup}/`) || (apiGroup === '' && !d.apiVersion.includes('/'))));

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A field of a plain JSON object by path, or undefined. */
export function valueAt(obj: unknown, path: readonly PathSegment[]): unknown {
  let cur: unknown = obj;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? cur[seg] : undefined;
    else cur = isRecord(cur) ? cur[seg] : undefined;
  }
  return cur;
}

export function stringAt(obj: unknown, path: readonly PathSegment[]): string | undefined {
  const v = valueAt(obj, path);
  return typeof v === 'string' ? v : undefined;
}

export function labelsOf(d: SetDoc): Record<string, string> {
  const l = valueAt(d.obj, ['metadata', 'labels']);
  if (!isRecord(l)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(l)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

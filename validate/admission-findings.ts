// What a real API server does with one document of a served kind, as findings: the request refused
// (BadRequest while decoding under Strict, Invalid after validation), stored with unknown fields
// pruned (a Warning under Warn, nothing under Ignore), or stored with its namespace cleared. The
// decision and its text come from engine/api/schema/admission.ts; this module only adds the message
// prefix kube puts on decoding errors, the line of each field, and hints on a separate channel.

import type { KubeObject } from '../engine/api/meta.js';
import { admit } from '../engine/api/schema/admission.js';
import { cloneJson, isJsonObject } from '../engine/api/schema/json-value.js';
import { objectMetaSchema } from '../engine/api/schema/object-meta.js';
import { pruneUnknownFields } from '../engine/api/schema/prune.js';
import type { KindSchema } from '../engine/api/schema/types.js';
import type { FieldValidation } from '../engine/runtime/client.js';
import { isApiError, type ApiError } from '../engine/runtime/errors.js';
import { parseFieldPath } from './field-lines.js';
import { suggestField } from './field-suggestions.js';
import type { Finding, FindingCode, Severity } from './finding.js';
import { identityOf, type ManifestDoc } from './manifest-docs.js';

export interface AdmissionOutcome {
  findings: Finding[];
  /** The object as the server would store it; undefined when refused. */
  stored: KubeObject | undefined;
}

/** The fields the server's decoder does not know, as it would name them (sorted). */
export function unknownFieldsOf(schema: KindSchema, obj: KubeObject): string[] {
  const body = cloneJson(obj) as unknown;
  if (!isJsonObject(body)) return [];
  const meta = isJsonObject(body.metadata) ? body.metadata : {};
  return [...pruneUnknownFields(meta, objectMetaSchema, false, 'metadata'), ...pruneUnknownFields(body, schema.schema, true)];
}

/** kube wraps every body-decoding failure of a typed request in this sentence. */
function decodeMessage(schema: KindSchema, message: string): string {
  const prefix = `${schema.kind} in version "${schema.version}" cannot be handled as a ${schema.kind}: `;
  return message.startsWith(prefix) ? message : prefix + message;
}

// Hints for field errors whose fix is Ramen knowledge rather than schema knowledge.
const INVALID_HINTS: { kind: string; field: string; hint: string }[] = [
  {
    kind: 'DRPlacementControl',
    field: 'spec.placementRef',
    hint: 'reference the application\'s Placement (kind: Placement, annotated cluster.open-cluster-management.io/experimental-scheduling-disable: "true") or a PlacementRule with schedulerName: ramen, in the DRPC\'s namespace',
  },
  { kind: 'DRPolicy', field: 'spec.drClusters', hint: 'list exactly the two DRCluster names: drClusters: [cluster-a, cluster-b]; each DRCluster (cluster-scoped, on the hub) carries spec.s3ProfileName and spec.region' },
  { kind: 'DRPolicy', field: 'spec.schedulingInterval', hint: 'an interval in minutes, hours or days ("5m", "1h", "1d"), or "" for metro (sync) DR; seconds are not accepted' },
  { kind: 'VolumeReplicationGroup', field: 'spec.async.schedulingInterval', hint: 'an interval in minutes, hours or days ("5m", "1h", "1d"); the VRG\'s pattern does not accept "" or seconds' },
  { kind: 'VolumeReplicationGroup', field: 'spec.s3Profiles', hint: 'list the S3 profile names (from s3StoreProfiles in the operator ConfigMap) the VRG stores cluster data in; the hub fills this from the DRClusters' },
  { kind: 'DRCluster', field: 'spec.s3ProfileName', hint: 'name a profile listed under s3StoreProfiles in the hub operator\'s ConfigMap (ramen-hub-operator-config)' },
];

function invalidHint(schema: KindSchema, err: ApiError): string | undefined {
  for (const c of err.causes) {
    const h = INVALID_HINTS.find((x) => x.kind === schema.kind && c.field === x.field);
    if (h) return h.hint;
  }
  return undefined;
}

export function admitDocument(doc: ManifestDoc, schema: KindSchema, fieldValidation: FieldValidation, defaultNamespace: string): AdmissionOutcome {
  const id = identityOf(doc);
  const findings: Finding[] = [];
  const at = (field: string): { line: number; column: number } => doc.locator.locate(parseFieldPath(field));
  const add = (severity: Severity, code: FindingCode, field: string, message: string, hint?: string): void => {
    findings.push({ file: doc.file, ...at(field), docIndex: doc.docIndex, kind: id.kind, name: id.name, severity, code, message, ...(hint ? { hint } : {}) });
  };

  // kubectl sends namespaced objects that name no namespace to its context's namespace.
  const obj = cloneJson(doc.object);
  if (schema.scope === 'Namespaced' && isJsonObject(obj.metadata) && obj.metadata.namespace === undefined) obj.metadata.namespace = defaultNamespace;

  const unknown = unknownFieldsOf(schema, obj);
  const suggestions = new Map(unknown.map((p) => [p, suggestField(schema, p)]));
  const suggestionFindings = (): void => {
    for (const [p, s] of suggestions) if (s) add('hint', s.code, p, `unknown field "${p}"`, s.hint);
  };

  let stored: KubeObject | undefined;
  try {
    const result = admit(schema, obj, undefined, { operation: 'create', fieldValidation });
    stored = result.object;
    for (const w of result.warnings) {
      const m = /^unknown field "(.*)"$/.exec(w);
      if (m) add('warning', 'UnknownFieldPruned', m[1]!, w, suggestions.get(m[1]!)?.hint);
      else add('warning', 'ServerWarning', '', w);
    }
    if (fieldValidation === 'Ignore' && unknown.length > 0) {
      for (const p of unknown) add('hint', suggestions.get(p)?.code ?? 'FieldSuggestion', p, `unknown field "${p}" is dropped silently (fieldValidation Ignore)`, suggestions.get(p)?.hint ?? 'the server prunes fields its schema does not declare');
    }
  } catch (err) {
    if (!isApiError(err)) throw err;
    if (err.reason === 'BadRequest' && err.message.includes('strict decoding error')) {
      const first = unknown[0] ?? '';
      const only = unknown.length === 1 ? suggestions.get(first) : undefined;
      add('error', 'BadRequest', first, decodeMessage(schema, err.message), only?.hint);
      if (unknown.length > 1) suggestionFindings();
      // Show in one pass what the server would answer once the unknown fields are gone.
      if (unknown.length > 0) {
        try {
          admit(schema, obj, undefined, { operation: 'create', fieldValidation: 'Ignore' });
        } catch (next) {
          if (isApiError(next) && next.reason === 'Invalid') {
            add('hint', 'NextError', next.causes[0]?.field ?? '', `with the unknown field${unknown.length > 1 ? 's' : ''} removed, the server would still refuse it: ${next.message}`, invalidHint(schema, next));
          }
        }
      }
    } else {
      // The server sends the pruning warnings with a refusal too; kubectl prints them first.
      if (fieldValidation === 'Warn') for (const p of unknown) add('warning', 'UnknownFieldPruned', p, `unknown field "${p}"`, suggestions.get(p)?.hint);
      if (fieldValidation === 'Ignore') suggestionFindings();
      add('error', err.reason === 'Invalid' ? 'Invalid' : 'BadRequest', err.causes[0]?.field ?? '', err.message, err.reason === 'Invalid' ? invalidHint(schema, err) : undefined);
    }
  }

  if (stored && schema.scope === 'Cluster' && id.namespace !== undefined) {
    add(
      'warning',
      'NamespaceIgnored',
      'metadata.namespace',
      `metadata.namespace "${id.namespace}" is ignored: ${schema.kind} is cluster-scoped`,
      'a real server clears the namespace silently (kubectl prints nothing); remove it to avoid confusion',
    );
  }
  return { findings, stored };
}

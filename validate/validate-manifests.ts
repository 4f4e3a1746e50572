// `validateManifests`: every document of every file through what a real API server of the chosen
// cluster would do (kind served? decoded? valid?), then through the Ramen knowledge in hints/, which
// may compare documents with each other. Pure: no I/O, no clock, same answer for the same input.

import { groupOf } from '../engine/api/meta.js';
import { findKind } from '../engine/api/schema/registry.js';
import type { ClusterRole } from '../engine/api/schema/types.js';
import type { FieldValidation } from '../engine/runtime/client.js';
import { RAMEN_CONFIG_MAP_NAME } from '../engine/api/ramen/dr-constants.js';
import { admitDocument } from './admission-findings.js';
import { sortFindings, type Finding } from './finding.js';
import { configMapHints } from './hints/config-maps.js';
import { createHintContext, type HintRule, type SetDoc } from './hints/hint-context.js';
import { labelHints } from './hints/labels.js';
import { storageClassHints } from './hints/storage-classes.js';
import { topologyHints } from './hints/topology.js';
import { workloadHints } from './hints/workloads.js';
import { resolveKind } from './kind-resolution.js';
import { identityOf, parseManifests, type ManifestDoc, type ManifestInput } from './manifest-docs.js';

/** `auto`: each document is checked against the cluster that serves its kind (see clusterFor). */
export type ClusterChoice = ClusterRole | 'auto';

export interface ValidateOptions {
  cluster: ClusterChoice;
  /** As kubectl's --validate: Strict (kubectl's default), Warn (client-go's default) or Ignore. */
  fieldValidation: FieldValidation;
  /** The namespace kubectl would use for namespaced objects that name none. Default `default`. */
  defaultNamespace?: string;
}

// Order matters only for the order of hints on one line; configMapHints must run first because
// later rules read the configurations it collects.
const HINT_RULES: readonly HintRule[] = [configMapHints, labelHints, storageClassHints, workloadHints, topologyHints];

// Kinds both clusters serve that belong on managed clusters when a document is checked with `auto`.
const DR_SIDE_BUILT_INS = new Set(['StorageClass', 'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'VolumeAttachment']);

/** The cluster a document belongs on: where its kind is served, else by content. */
export function clusterFor(apiVersion: string, kind: string, name: string): ClusterRole {
  const k = findKind(apiVersion, kind);
  if (k && k.servedOn.length === 1) return k.servedOn[0]!;
  if (kind === 'ConfigMap') return name === RAMEN_CONFIG_MAP_NAME || /dr-?cluster/.test(name) ? 'dr' : 'hub';
  if (DR_SIDE_BUILT_INS.has(kind)) return 'dr';
  if (!k && groupOf(apiVersion) === 'apps') return 'dr';
  if (kind === 'ReplicationGroupSource' || kind === 'ReplicationGroupDestination' || kind === 'Recipe') return 'dr';
  return 'hub';
}

function typeMetaProblems(doc: ManifestDoc): string[] {
  const o = doc.object as { apiVersion?: unknown; kind?: unknown };
  const problems: string[] = [];
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') problems.push('apiVersion not set');
  if (typeof o.kind !== 'string' || o.kind === '') problems.push('kind not set');
  return problems;
}

export function validateManifests(inputs: readonly ManifestInput[], options: ValidateOptions): Finding[] {
  const { docs, findings } = parseManifests(inputs);
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const setDocs: SetDoc[] = [];

  for (const doc of docs) {
    const id = identityOf(doc);
    const problems = typeMetaProblems(doc);
    if (problems.length > 0) {
      findings.push({ file: doc.file, line: doc.line, docIndex: doc.docIndex, kind: id.kind, name: id.name, severity: 'error', code: 'NotAnObject', message: `error validating data: [${problems.join(', ')}]`, hint: 'every Kubernetes document needs apiVersion and kind' });
      continue;
    }
    const apiVersion = doc.object.apiVersion;
    const kind = doc.object.kind;
    const cluster = options.cluster === 'auto' ? clusterFor(apiVersion, kind, id.name) : options.cluster;
    const base = { file: doc.file, docIndex: doc.docIndex, kind, name: id.name, cluster };
    const resolution = resolveKind(apiVersion, kind, cluster);
    let refused = false;
    if (resolution.type === 'noMatch') {
      refused = true;
      findings.push({
        ...base,
        ...doc.locator.locate(['kind']),
        severity: 'error',
        code: 'NoKindMatch',
        message: `resource mapping not found for name: "${id.name}" namespace: "${id.namespace ?? ''}" from "${doc.file}": no matches for kind "${kind}" in version "${apiVersion}"`,
        hint: resolution.hint ?? 'ensure CRDs are installed first',
      });
    } else if (resolution.type === 'notModelled') {
      findings.push({ ...base, ...doc.locator.locate(['kind']), severity: 'hint', code: 'NotChecked', message: resolution.note });
    } else {
      const outcome = admitDocument(doc, resolution.schema, options.fieldValidation, defaultNamespace);
      for (const f of outcome.findings) findings.push({ ...f, cluster });
      refused = outcome.stored === undefined;
    }
    setDocs.push({ doc, apiVersion, kind, name: id.name, namespace: id.namespace, obj: doc.object, cluster, refused });
  }

  const ctx = createHintContext(setDocs, findings);
  for (const rule of HINT_RULES) rule(ctx);
  return sortFindings(findings, inputs.map((i) => i.file));
}

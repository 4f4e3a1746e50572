// Ramen's configuration as users write it: a ConfigMap Ramen never reads (ramen-dr-cluster-config), the
// right ConfigMap on the wrong cluster or in an unusual namespace, a data key other than
// ramen_manager_config.yaml, and, inside the embedded YAML, every key Ramen would ignore or misread.
// A `kind: RamenConfig` document is linted the same way, after its NoKindMatch, so one pass shows all.
// Ramen reads `ramen-hub-operator-config` on the hub and `ramen-dr-cluster-operator-config` on DR
// clusters, in the operator's own namespace (internal/controller/ramenconfig.go).

import { isScalar, type Node } from 'yaml';
import { DEFAULT_OPERATOR_NAMESPACE, RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME, RAMEN_HUB_CONFIG_MAP_NAME } from '../../engine/api/ramen/dr-constants.js';
import { editDistance } from '../../engine/api/schema/edit-distance.js';
import type { PathSegment } from '../field-lines.js';
import { lintRamenConfigText, lintRamenConfigValue, type ConfigLint, type ConfigRole } from '../ramen-config/ramen-config-lint.js';
import { isRecord, ofKind, stringAt, type FoundConfig, type HintContext, type SetDoc } from './hint-context.js';

const READ_NAMES: Record<ConfigRole, string> = { hub: RAMEN_HUB_CONFIG_MAP_NAME, dr: RAMEN_CONFIG_MAP_NAME };

function looksLikeRamenConfigMap(name: string, data: Record<string, unknown>): boolean {
  if (RAMEN_CONFIG_MAP_KEY in data) return true;
  if (name === RAMEN_HUB_CONFIG_MAP_NAME || name === RAMEN_CONFIG_MAP_NAME) return true;
  return /^ramen.*config/i.test(name) || editDistance(name, RAMEN_CONFIG_MAP_NAME) <= 4 || editDistance(name, RAMEN_HUB_CONFIG_MAP_NAME) <= 4;
}

/** Which operator the user meant the ConfigMap for: by name, then by its ramenControllerType. */
function intendedRole(d: SetDoc, yamlText: string | undefined): ConfigRole | undefined {
  if (d.name === RAMEN_HUB_CONFIG_MAP_NAME) return 'hub';
  if (d.name === RAMEN_CONFIG_MAP_NAME) return 'dr';
  if (/dr-?cluster/i.test(d.name)) return 'dr';
  if (/hub/i.test(d.name)) return 'hub';
  const type = /^\s*ramenControllerType\s*:\s*["']?([\w-]+)/m.exec(yamlText ?? '')?.[1];
  if (type === 'dr-hub') return 'hub';
  if (type === 'dr-cluster') return 'dr';
  return undefined;
}

/** Maps a line inside a literal block scalar to the line in the file; other styles map to the key. */
function innerLineMapper(d: SetDoc): (innerLine: number) => number {
  const keyLine = d.doc.locator.locate(['data', RAMEN_CONFIG_MAP_KEY]).line;
  const node = d.doc.locator.nodeAt(['data', RAMEN_CONFIG_MAP_KEY]) as Node | undefined;
  if (node && isScalar(node) && node.type === 'BLOCK_LITERAL' && node.range) {
    const indicatorLine = d.doc.locator.lineOfOffset(node.range[0]);
    return (inner) => indicatorLine + inner;
  }
  return () => keyLine;
}

function reportLint(ctx: HintContext, d: SetDoc, lint: ConfigLint, toOuter: (path: readonly PathSegment[]) => number): void {
  for (const issue of lint.issues) ctx.hintAtLine(d, toOuter(issue.path), issue.code, issue.message, issue.hint);
}

function configMapRule(ctx: HintContext, d: SetDoc): void {
  const data = isRecord(d.obj.data) ? d.obj.data : {};
  if (!looksLikeRamenConfigMap(d.name, data)) return;
  const text = typeof data[RAMEN_CONFIG_MAP_KEY] === 'string' ? (data[RAMEN_CONFIG_MAP_KEY] as string) : undefined;
  const role = intendedRole(d, text);
  const realName = d.name === RAMEN_HUB_CONFIG_MAP_NAME || d.name === RAMEN_CONFIG_MAP_NAME;
  let read = false;

  if (!realName) {
    const meant = role ? READ_NAMES[role] : `${RAMEN_HUB_CONFIG_MAP_NAME} (hub) or ${RAMEN_CONFIG_MAP_NAME} (DR cluster)`;
    const overwrite = role === 'dr' ? '; on OCM setups the hub writes that ConfigMap itself (ManifestWork ramen-dr-cluster), so put the S3 profiles in ramen-hub-operator-config on the hub' : '';
    ctx.hint(d, ['metadata', 'name'], 'ConfigMapNotRead', `Ramen never reads a ConfigMap named ${d.name}`, `the operator reads ${meant}, key ${RAMEN_CONFIG_MAP_KEY}, in its own namespace${overwrite}`);
  } else {
    const servedRole: ConfigRole = d.name === RAMEN_HUB_CONFIG_MAP_NAME ? 'hub' : 'dr';
    if (d.cluster !== servedRole) {
      ctx.hint(d, ['metadata', 'name'], 'ConfigMapWrongCluster', `${d.name} is read only on ${servedRole === 'hub' ? 'the hub' : 'DR clusters'}, and this is checked as a ${d.cluster === 'hub' ? 'hub' : 'DR cluster'} object`, `on ${d.cluster === 'hub' ? 'the hub' : 'a DR cluster'} Ramen reads ${READ_NAMES[d.cluster]}`);
    } else {
      read = true;
    }
    if (servedRole === 'dr') {
      ctx.hint(d, ['metadata', 'name'], 'DrConfigOverwrittenByHub', `with a hub, ${RAMEN_CONFIG_MAP_NAME} is written by the hub operator`, 'the hub overwrites it through ManifestWork ramen-dr-cluster when drClusterOperator.deploymentAutomationEnabled is true (the default); on OCM setups configure S3 profiles in ramen-hub-operator-config on the hub instead');
    }
    if (d.namespace !== undefined && d.namespace !== DEFAULT_OPERATOR_NAMESPACE) {
      ctx.hint(d, ['metadata', 'namespace'], 'ConfigMapNamespace', `Ramen reads ${d.name} in the operator's own namespace, and upstream installs use ${DEFAULT_OPERATOR_NAMESPACE}, not ${d.namespace}`, 'check that the operator runs in this namespace (its POD_NAMESPACE); OpenShift installs use openshift-operators on the hub and openshift-dr-system on DR clusters');
    }
  }

  if (text === undefined) {
    const keys = Object.keys(data);
    ctx.hint(d, keys.length > 0 ? ['data', keys[0]!] : ['metadata', 'name'], 'ConfigKeyNotRead', keys.length > 0 ? `Ramen reads only the key ${RAMEN_CONFIG_MAP_KEY}; this ConfigMap has ${keys.join(', ')}` : `this ConfigMap has no ${RAMEN_CONFIG_MAP_KEY} key`, `put the RamenConfig YAML under data.${RAMEN_CONFIG_MAP_KEY}`);
    return;
  }
  const lint = lintRamenConfigText(text, role);
  const toOuter = innerLineMapper(d);
  reportLint(ctx, d, lint, (path) => toOuter(lint.locator?.locate(path).line ?? 1));
  ctx.configs.push({ doc: d, role, read, lint } satisfies FoundConfig);
}

/** A `kind: RamenConfig` document: NoKindMatch already said it is not a resource; lint its content too. */
function ramenConfigObjectRule(ctx: HintContext, d: SetDoc): void {
  const content: Record<string, unknown> = { ...d.obj };
  delete content.metadata;
  const role = /hub/.test(stringAt(d.obj, ['ramenControllerType']) ?? '') ? 'hub' : undefined;
  const lint = lintRamenConfigValue(content, role);
  reportLint(ctx, d, lint, (path) => d.doc.locator.locate(path).line);
  ctx.configs.push({ doc: d, role, read: false, lint });
}

export function configMapHints(ctx: HintContext): void {
  for (const d of ofKind(ctx, 'ConfigMap', '')) configMapRule(ctx, d);
  for (const d of ctx.docs.filter((x) => x.kind === 'RamenConfig')) ramenConfigObjectRule(ctx, d);
}

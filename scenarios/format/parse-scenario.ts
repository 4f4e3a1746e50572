// Turns a scenario file into a Scenario, or fails with file, line, field and what would be valid.
// Nothing runs until the whole file has parsed.

import type { KubeObject } from '../../engine/api/meta.js';
import { parseAllDocuments } from 'yaml';
import type { AppDecl, ClusterDecl, FaultDecl, Scenario, Step, Target, WorldDecl } from './scenario-types.js';
import { FAULT_TYPES } from './scenario-types.js';
import type { Field } from './yaml-reader.js';
import { YamlSource } from './yaml-reader.js';

const STEP_KINDS = ['advance', 'apply', 'waitFor', 'expect', 'fault', 'failover', 'relocate', 'delete', 'patch'] as const;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

export function parseScenario(text: string, file: string): Scenario {
  const root = new YamlSource(file, text).root();
  root.only(['apiVersion', 'kind', 'metadata', 'spec']);
  const apiVersion = root.get('apiVersion');
  if (apiVersion.optString() !== 'drsim/v1') apiVersion.fail('expected "drsim/v1"');
  if (root.get('kind').optString() !== 'Scenario') root.get('kind').fail('expected "Scenario"');
  const meta = root.get('metadata').only(['name', 'description']);
  const name = meta.get('name').string();
  if (!DNS_LABEL.test(name)) meta.get('name').fail('expected a lowercase name of letters, digits and dashes, for example "failover-primary-lost"');
  const spec = root.get('spec').only(['seed', 'world', 'steps', 'invariants']);
  const seedF = spec.get('seed');
  const world = parseWorld(spec.get('world'));
  const steps = spec.get('steps').items().map((s) => parseStep(s, world));
  if (steps.length === 0) spec.get('steps').fail('a scenario needs at least one step');
  const inv = spec.get('invariants');
  return {
    name,
    description: meta.get('description').optString() ?? '',
    file,
    seed: seedF.present ? seedF.int(0) : 1,
    world,
    steps,
    invariants: inv.present ? inv.oneOf(['all', 'none'] as const) : 'all',
  };
}

function parseWorld(f: Field): WorldDecl {
  if (!f.present) f.fail('a scenario needs a world; the smallest is `world: { clusters: [{name: dr1}, {name: dr2}] }`');
  f.only(['clusters', 'storage', 'schedulingInterval', 's3', 'ramen', 'apps']);
  const clusters: ClusterDecl[] = f.get('clusters').present
    ? f.get('clusters').items().map((c, i) => {
        c.only(['name', 'region']);
        const name = c.get('name').string();
        if (!DNS_LABEL.test(name) || name === 'hub') c.get('name').fail('expected a DNS label other than "hub", for example "dr1"');
        return { name, region: c.get('region').optString() ?? ['east', 'west', 'north', 'south'][i % 4]! };
      })
    : [
        { name: 'dr1', region: 'east' },
        { name: 'dr2', region: 'west' },
      ];
  if (clusters.length !== 2) f.get('clusters').fail(`a DRPolicy pairs exactly 2 managed clusters; found ${clusters.length}`);
  const names = clusters.map((c) => c.name);
  if (new Set(names).size !== names.length) f.get('clusters').fail('cluster names must be distinct');
  const si = f.get('schedulingInterval');
  const schedulingInterval = si.optString() ?? '5m';
  if (!/^\d+[mhd]$/.test(schedulingInterval)) si.fail(`"${schedulingInterval}" is not a DRPolicy schedulingInterval; Ramen accepts a number followed by m, h or d, for example 5m`);
  const world: WorldDecl = {
    clusters,
    storage: f.get('storage').present ? f.get('storage').oneOf(['regional', 'metro'] as const) : 'regional',
    schedulingInterval,
    s3: f.get('s3').present ? f.get('s3').oneOf(['per-cluster', 'shared'] as const) : 'per-cluster',
    ramen: f.get('ramen').present ? f.get('ramen').oneOf(['configured', 'bare'] as const) : 'configured',
    apps: [],
  };
  world.apps = f.get('apps').items().map((a) => parseApp(a, names));
  const appNames = world.apps.map((a) => a.name);
  if (new Set(appNames).size !== appNames.length) f.get('apps').fail('app names must be distinct');
  return world;
}

function parseApp(f: Field, clusters: string[]): AppDecl {
  f.only(['name', 'namespace', 'pvcs', 'writesPerMinute', 'dataPath', 'kubeObjectProtection', 'protection', 'cluster']);
  const name = f.get('name').string();
  if (!DNS_LABEL.test(name)) f.get('name').fail('expected a DNS label, for example "busybox"');
  const pvcsF = f.get('pvcs');
  const pvcs = pvcsF.present
    ? pvcsF.items().map((p) => {
        if (p.isString()) return { name: p.string(), size: '1Gi' };
        p.only(['name', 'size']);
        const size = p.get('size').optString() ?? '1Gi';
        if (!QUANTITY.test(size)) p.get('size').fail(`"${size}" is not a storage quantity such as 1Gi or 500Mi`);
        return { name: p.get('name').string(), size };
      })
    : [{ name: `${name}-pvc`, size: '1Gi' }];
  const clusterF = f.get('cluster');
  const cluster = clusterF.optString() ?? clusters[0]!;
  if (!clusters.includes(cluster)) clusterF.fail(`"${cluster}" is not a managed cluster of this world (${clusters.join(', ')})`);
  return {
    name,
    namespace: f.get('namespace').optString() ?? name,
    pvcs,
    writesPerMinute: f.get('writesPerMinute').present ? f.get('writesPerMinute').int(0, 60_000) : 60,
    dataPath: f.get('dataPath').present ? f.get('dataPath').oneOf(['volrep', 'volsync'] as const) : 'volrep',
    kubeObjectProtection: f.get('kubeObjectProtection').present ? f.get('kubeObjectProtection').bool() : false,
    protection: f.get('protection').present ? f.get('protection').oneOf(['drpc', 'none'] as const) : 'drpc',
    cluster,
  };
}

function clusterName(f: Field, world: WorldDecl, allowHub: boolean): string {
  const v = f.string();
  const valid = [...(allowHub ? ['hub'] : []), ...world.clusters.map((c) => c.name)];
  if (!valid.includes(v)) f.fail(`"${v}" is not a cluster of this world; valid: ${valid.join(', ')}`);
  return v;
}

function drpcRef(f: Field, world: WorldDecl): { name: string; namespace: string } {
  const name = f.string();
  const app = world.apps.find((a) => a.name === name);
  return { name, namespace: app?.namespace ?? name };
}

function parseTarget(f: Field, world: WorldDecl, extraKeys: string[] = []): Target {
  f.only(['drpc', 'namespace', 'vrg', 'app', 'phase', 'progression', 'conditions', 'primary', 'state', 'lostWritesMax', 'runningOn', 'object', ...extraKeys]);
  const t: Target = {};
  if (f.get('drpc').present) {
    t.drpc = drpcRef(f.get('drpc'), world);
    if (f.get('namespace').present) t.drpc.namespace = f.get('namespace').string();
  }
  if (f.get('vrg').present) {
    const v = f.get('vrg').only(['cluster', 'name', 'namespace']);
    const name = v.get('name').string();
    t.vrg = { cluster: clusterName(v.get('cluster'), world, false), name, namespace: v.get('namespace').optString() ?? world.apps.find((a) => a.name === name)?.namespace ?? name };
  }
  if (f.get('app').present) {
    const a = f.get('app').string();
    if (!world.apps.some((x) => x.name === a)) f.get('app').fail(`no app "${a}" in this world; apps: ${world.apps.map((x) => x.name).join(', ') || '(none)'}`);
    t.app = a;
  }
  if (f.get('object').present) {
    const o = f.get('object').only(['cluster', 'apiVersion', 'kind', 'name', 'namespace', 'absent']);
    t.object = {
      cluster: clusterName(o.get('cluster'), world, true),
      apiVersion: o.get('apiVersion').string(),
      kind: o.get('kind').string(),
      name: o.get('name').string(),
      ...(o.get('namespace').present ? { namespace: o.get('namespace').string() } : {}),
      absent: o.get('absent').present ? o.get('absent').bool() : false,
    };
  }
  const subjects = [t.drpc, t.vrg, t.app, t.object].filter((x) => x !== undefined).length;
  if (subjects !== 1) f.fail('name exactly one subject: drpc, vrg, app or object');
  if (f.get('phase').present) t.phase = f.get('phase').string();
  if (f.get('progression').present) t.progression = f.get('progression').string();
  if (f.get('state').present) t.state = f.get('state').oneOf(['Primary', 'Secondary', 'Unknown'] as const);
  if (f.get('primary').present) t.primary = clusterName(f.get('primary'), world, false);
  if (f.get('runningOn').present) t.runningOn = clusterName(f.get('runningOn'), world, false);
  if (f.get('lostWritesMax').present) t.lostWritesMax = f.get('lostWritesMax').int(0);
  if (f.get('conditions').present) {
    const c = f.get('conditions');
    t.conditions = c.keys().map((type) => {
      const v = c.get(type);
      if (v.isString()) return { type, status: v.oneOf(['True', 'False', 'Unknown'] as const) };
      v.only(['status', 'reason']);
      return { type, status: v.get('status').oneOf(['True', 'False', 'Unknown'] as const), ...(v.get('reason').present ? { reason: v.get('reason').string() } : {}) };
    });
  }
  return t;
}

function parseFault(f: Field, world: WorldDecl): FaultDecl {
  const type = f.get('type').oneOf(FAULT_TYPES);
  const cluster = () => clusterName(f.get('cluster'), world, false);
  const node = (k: string) => {
    const v = f.get(k).string();
    const valid = ['hub', ...world.clusters.map((c) => c.name)];
    if (!valid.includes(v) && !v.startsWith('s3:')) f.get(k).fail(`"${v}" is not a node of this world; valid: ${valid.join(', ')}, or s3:<endpoint>`);
    return v;
  };
  switch (type) {
    case 'clusterDown':
    case 'clusterUp':
    case 'clusterDestroy':
    case 'replicationStall':
    case 'replicationResume':
      f.only(['type', 'cluster']);
      return { type, cluster: cluster() };
    case 'hubDown':
    case 'hubUp':
    case 'hubRestore':
    case 'healAll':
      f.only(['type']);
      return { type };
    case 'partition':
      f.only(['type', 'from', 'to', 'oneWay']);
      return { type, from: node('from'), to: node('to'), oneWay: f.get('oneWay').present ? f.get('oneWay').bool() : false };
    case 'heal':
      f.only(['type', 'from', 'to']);
      return { type, from: node('from'), to: node('to') };
    case 's3Outage':
    case 's3Restore':
      f.only(['type', 'endpoint']);
      return { type, endpoint: f.get('endpoint').string() };
    case 'controllerCrash': {
      f.only(['type', 'operator', 'downFor']);
      const op = f.get('operator').string();
      const valid = ['hub', ...world.clusters.map((c) => c.name)];
      if (!valid.includes(op)) f.get('operator').fail(`"${op}" is not an operator of this world; valid: ${valid.join(', ')}`);
      return { type, operator: op, downForMs: f.get('downFor').present ? f.get('downFor').durationMs() : 0 };
    }
    case 'clockSkew':
      f.only(['type', 'cluster', 'offset']);
      return { type, cluster: cluster(), offsetMs: f.get('offset').durationMs() };
  }
}

function parseManifests(f: Field): KubeObject[] {
  if (f.isString()) {
    const docs = parseAllDocuments(f.string());
    const out: KubeObject[] = [];
    for (const d of Array.isArray(docs) ? docs : [docs]) {
      if (d.errors[0]) f.fail(`embedded manifest is not valid YAML: ${d.errors[0].message.split('\n')[0]}`);
      const v = d.toJSON() as unknown;
      if (v !== null) out.push(checkManifest(f, v));
    }
    return out;
  }
  const items = f.json();
  return (Array.isArray(items) ? items : [items]).map((v) => checkManifest(f, v));
}

function checkManifest(f: Field, v: unknown): KubeObject {
  const o = v as Partial<KubeObject> | null;
  if (!o || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.metadata?.name !== 'string') {
    f.fail('each manifest needs apiVersion, kind and metadata.name');
  }
  return o as KubeObject;
}

function parseStep(f: Field, world: WorldDecl): Step {
  const keys = f.keys().filter((k) => k !== 'name');
  const kind = keys.find((k) => (STEP_KINDS as readonly string[]).includes(k));
  if (!kind || keys.length !== 1) {
    if (keys.length === 1) f.get(keys[0]!).fail(`unknown step "${keys[0]}"; a step is one of: ${STEP_KINDS.join(', ')}`);
    f.fail(`a step has exactly one of: ${STEP_KINDS.join(', ')} (and optionally name); found ${keys.join(', ') || 'nothing'}`);
  }
  const base = { line: f.line(), ...(f.get('name').present ? { name: f.get('name').string() } : {}) };
  const body = f.get(kind);
  switch (kind as (typeof STEP_KINDS)[number]) {
    case 'advance':
      return { ...base, kind: 'advance', durationMs: body.durationMs() };
    case 'apply': {
      body.only(['cluster', 'manifests', 'fieldValidation', 'expectError']);
      const ee = body.get('expectError');
      return {
        ...base,
        kind: 'apply',
        cluster: clusterName(body.get('cluster'), world, true),
        manifests: parseManifests(body.get('manifests')),
        fieldValidation: body.get('fieldValidation').present ? body.get('fieldValidation').oneOf(['Strict', 'Warn', 'Ignore'] as const) : 'Strict',
        ...(ee.present
          ? { expectError: { ...(ee.only(['reason', 'messageContains']).get('reason').present ? { reason: ee.get('reason').string() } : {}), ...(ee.get('messageContains').present ? { messageContains: ee.get('messageContains').string() } : {}) } }
          : {}),
      };
    }
    case 'waitFor': {
      const timeout = body.get('timeout');
      const target = parseTarget(body, world, ['timeout']);
      return { ...base, kind: 'waitFor', target, timeoutMs: timeout.present ? timeout.durationMs() : 600_000 };
    }
    case 'expect':
      return { ...base, kind: 'expect', target: parseTarget(body, world) };
    case 'fault':
      return { ...base, kind: 'fault', fault: parseFault(body, world) };
    case 'failover': {
      body.only(['drpc', 'to']);
      const ref = drpcRef(body.get('drpc'), world);
      return { ...base, kind: 'failover', drpc: ref.name, namespace: ref.namespace, to: clusterName(body.get('to'), world, false) };
    }
    case 'relocate': {
      body.only(['drpc', 'to']);
      const ref = drpcRef(body.get('drpc'), world);
      return { ...base, kind: 'relocate', drpc: ref.name, namespace: ref.namespace, ...(body.get('to').present ? { to: clusterName(body.get('to'), world, false) } : {}) };
    }
    case 'delete':
    case 'patch': {
      body.only(kind === 'patch' ? ['cluster', 'apiVersion', 'kind', 'name', 'namespace', 'patch'] : ['cluster', 'apiVersion', 'kind', 'name', 'namespace']);
      const common = {
        cluster: clusterName(body.get('cluster'), world, true),
        apiVersion: body.get('apiVersion').string(),
        objectKind: body.get('kind').string(),
        objectName: body.get('name').string(),
        ...(body.get('namespace').present ? { namespace: body.get('namespace').string() } : {}),
      };
      if (kind === 'delete') return { ...base, kind: 'delete', ...common };
      if (!body.get('patch').isMap()) body.get('patch').fail('expected a JSON merge patch as a mapping');
      return { ...base, kind: 'patch', ...common, patch: body.get('patch').json() };
    }
  }
  return f.fail('unreachable');
}

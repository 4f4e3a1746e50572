// One suite of API-server semantics, run against every backend that implements the cluster client:
// the simulator's SimApiServer (always) and a real kube-apiserver (when its binaries are built). A
// behaviour the simulator gets wrong fails here against the real server first, so the two cannot
// drift apart unnoticed. The suite only talks through ClusterClient (plus the warnings both clients
// expose) and lets time pass through the target's `eventually`, virtual or real.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KindRef, KubeObject, LabelSelector } from '../../engine/api/meta.js';
import type { ClusterClient, WatchEvent, WriteOptions, WriteResult } from '../../engine/runtime/client.js';
import { ApiError, type ApiErrorReason } from '../../engine/runtime/errors.js';

/** The client surface the suite needs: the contract plus the write warnings both clients report. */
export interface SemanticsClient extends ClusterClient {
  createWithWarnings<T extends KubeObject>(obj: T, options?: WriteOptions): Promise<WriteResult<T>>;
}

export interface ConformanceTarget {
  /** A client of a DR cluster: it serves Namespaces, ConfigMaps and the DR cluster's CRDs, not the hub's. */
  client: SemanticsClient;
  /** Lets the backend's time pass (virtual or real) until `check` holds; fails after `timeoutMs`. */
  eventually(what: string, check: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** Takes the API server down and brings it back, when the backend can. */
  outage?: { down(): Promise<void>; up(): Promise<void> };
  teardown?(): Promise<void>;
}

export const CM: KindRef = { apiVersion: 'v1', kind: 'ConfigMap' };
export const NS: KindRef = { apiVersion: 'v1', kind: 'Namespace' };
export const VR: KindRef = { apiVersion: 'replication.storage.openshift.io/v1alpha1', kind: 'VolumeReplication' };
export const VRG: KindRef = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'VolumeReplicationGroup' };
/** A hub kind: a DR cluster does not serve it. */
export const DRPOLICY: KindRef = { apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPolicy' };

export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected the call to fail with an ApiError, but it succeeded');
}

async function expectReason(p: Promise<unknown>, reason: ApiErrorReason): Promise<ApiError> {
  const err = await rejection(p);
  expect({ reason: err.reason, message: err.message }).toMatchObject({ reason });
  return err;
}

export function configMap(name: string, namespace: string, data: Record<string, string> = {}, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

export function volumeReplication(name: string, namespace: string, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: VR.apiVersion,
    kind: VR.kind,
    metadata: { name, namespace },
    spec: {
      autoResync: false,
      dataSource: { apiGroup: '', kind: 'PersistentVolumeClaim', name: 'pvc1' },
      replicationState: 'primary',
      volumeReplicationClass: 'vrc-1m',
      ...spec,
    },
  };
}

interface Recorder {
  events: WatchEvent[];
  closed: string[];
  stop(): void;
  /** `TYPE name` for each event, in order. */
  seen(): string[];
}

function record(client: ClusterClient, kind: KindRef, options: { namespace?: string; labelSelector?: LabelSelector; resourceVersion?: string }): Recorder {
  const events: WatchEvent[] = [];
  const closed: string[] = [];
  const handle = client.watch(kind, options, { onEvent: (e) => events.push(e), onClose: (r) => closed.push(r) });
  return { events, closed, stop: () => handle.stop(), seen: () => events.map((e) => `${e.type} ${e.object.metadata.name}`) };
}

const names = (items: KubeObject[]): string[] => items.map((o) => o.metadata.name).sort();

/** Registers the suite for one backend. `setup` runs once, before the first test. */
export function describeApiSemantics(backend: string, setup: () => Promise<ConformanceTarget>): void {
  describe(`API semantics: ${backend}`, () => {
    let t: ConformanceTarget;
    let c: SemanticsClient;
    let nsCounter = 0;
    const run = Date.now().toString(36);

    /** A namespace of the test's own, so tests never see each other's objects. */
    async function freshNamespace(): Promise<string> {
      const name = `conf-${run}-${++nsCounter}`;
      await c.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      return name;
    }

    beforeAll(async () => {
      t = await setup();
      c = t.client;
    });

    afterAll(async () => {
      await t?.teardown?.();
    });

    it('creates, gets and lists with label selectors, matchExpressions included', async () => {
      const ns = await freshNamespace();
      const other = await freshNamespace();
      const a = await c.create(configMap('a', ns, { k: 'v' }, { app: 'x', tier: 'web' }));
      await c.create(configMap('b', ns, {}, { app: 'x', tier: 'db' }));
      await c.create(configMap('c', ns, {}, { app: 'y' }));
      await c.create(configMap('d', ns));
      await c.create(configMap('e', other, {}, { app: 'x', tier: 'web' }));
      expect(a.metadata.uid).toBeTruthy();
      expect(a.metadata.resourceVersion).toBeTruthy();
      expect(a.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect((await c.get(CM, { namespace: ns, name: 'a' })).data).toEqual({ k: 'v' });

      const select = async (labelSelector: LabelSelector): Promise<string[]> => names((await c.list(CM, { namespace: ns, labelSelector })).items);
      expect(await select({ matchLabels: { app: 'x' } })).toEqual(['a', 'b']);
      expect(await select({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'cache'] }] })).toEqual(['a']);
      // NotIn and DoesNotExist select objects without the label at all.
      const notWeb = await select({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] });
      expect(notWeb.filter((n) => n !== 'kube-root-ca.crt')).toEqual(['b', 'c', 'd']);
      expect(await select({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })).toEqual(['a', 'b']);
      const noTier = await select({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] });
      expect(noTier.filter((n) => n !== 'kube-root-ca.crt')).toEqual(['c', 'd']);
      expect(await select({ matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] })).toEqual(['b']);
      const list = await c.list(CM, { namespace: ns });
      expect(list.resourceVersion).toMatch(/^\d+$/);
      expect(list.items.every((o) => o.apiVersion === 'v1' && o.kind === 'ConfigMap')).toBe(true);
      // Across namespaces when none is given.
      const everywhere = (await c.list(CM, { labelSelector: { matchLabels: { app: 'x', tier: 'web' } } })).items;
      expect(everywhere.filter((o) => o.metadata.namespace === ns || o.metadata.namespace === other).map((o) => `${o.metadata.namespace === ns ? 'ns' : 'other'}/${o.metadata.name}`).sort()).toEqual(['ns/a', 'other/e']);
    });

    it('refuses a duplicate with AlreadyExists and a missing object with NotFound', async () => {
      const ns = await freshNamespace();
      await c.create(configMap('dup', ns));
      await expectReason(c.create(configMap('dup', ns)), 'AlreadyExists');
      await expectReason(c.get(CM, { namespace: ns, name: 'nope' }), 'NotFound');
      await expectReason(c.update(configMap('nope', ns)), 'NotFound');
      await expectReason(c.delete(CM, { namespace: ns, name: 'nope' }), 'NotFound');
      // The namespace must exist.
      await expectReason(c.create(configMap('x', `${ns}-missing`)), 'NotFound');
    });

    it('names an object from generateName', async () => {
      const ns = await freshNamespace();
      const obj = await c.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'gen-', namespace: ns } as KubeObject['metadata'] });
      expect(obj.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    });

    it('fails an update carrying a stale resourceVersion with Conflict, and keeps the version on a no-op', async () => {
      const ns = await freshNamespace();
      const v1 = await c.create(configMap('cm', ns, { a: '1' }));
      const v2 = await c.update({ ...v1, data: { a: '2' } });
      expect(v2.metadata.resourceVersion).not.toBe(v1.metadata.resourceVersion);
      const stale = await expectReason(c.update({ ...v1, data: { a: '3' } }), 'Conflict');
      expect(stale.message).toContain('the object has been modified');
      const same = await c.update(v2);
      expect(same.metadata.resourceVersion).toBe(v2.metadata.resourceVersion);
      // Without a resourceVersion the update is unconditional.
      const { resourceVersion: _rv, ...meta } = v1.metadata;
      const forced: KubeObject = await c.update({ ...v1, metadata: meta, data: { a: '4' } });
      expect(forced.data).toEqual({ a: '4' });
      await expectReason(c.delete(CM, { namespace: ns, name: 'cm' }, { resourceVersion: v1.metadata.resourceVersion! }), 'Conflict');
      await c.delete(CM, { namespace: ns, name: 'cm' }, { resourceVersion: forced.metadata.resourceVersion! });
      await expectReason(c.get(CM, { namespace: ns, name: 'cm' }), 'NotFound');
    });

    it('applies JSON merge patches: null deletes, a resourceVersion in the patch is a precondition', async () => {
      const ns = await freshNamespace();
      const v1 = await c.create(configMap('cm', ns, { keep: '1', drop: '2' }));
      const patched = await c.patch(CM, { namespace: ns, name: 'cm' }, { metadata: { labels: { added: 'yes' } }, data: { drop: null, more: '3' } });
      expect(patched.metadata.labels).toEqual({ added: 'yes' });
      expect(patched.data).toEqual({ keep: '1', more: '3' });
      await expectReason(c.patch(CM, { namespace: ns, name: 'cm' }, { metadata: { resourceVersion: v1.metadata.resourceVersion }, data: { x: '1' } }), 'Conflict');
      await expectReason(c.patch(CM, { namespace: ns, name: 'missing' }, { data: { x: '1' } }), 'NotFound');
    });

    it('keeps status and spec apart through the status subresource, and bumps generation on spec changes only', async () => {
      const ns = await freshNamespace();
      const created = await c.create({ ...volumeReplication('vr', ns), status: { state: 'Primary' } });
      expect(created.status).toBeUndefined();
      expect(created.metadata.generation).toBe(1);
      const withStatus = await c.updateStatus({ ...created, spec: { ...(created.spec as object), replicationState: 'secondary' }, status: { state: 'Primary', message: 'ok' } });
      expect(withStatus.status).toEqual({ state: 'Primary', message: 'ok' });
      expect((withStatus.spec as { replicationState: string }).replicationState).toBe('primary');
      expect(withStatus.metadata.generation).toBe(1);
      const specChanged = await c.update({ ...withStatus, spec: { ...(withStatus.spec as object), replicationState: 'secondary' }, status: { state: 'Unknown' } });
      expect(specChanged.metadata.generation).toBe(2);
      expect(specChanged.status).toEqual({ state: 'Primary', message: 'ok' });
      const labelled = await c.patch(VR, { namespace: ns, name: 'vr' }, { metadata: { labels: { l: 'v' } } });
      expect(labelled.metadata.generation).toBe(2);
      const patchedStatus = await c.patch(VR, { namespace: ns, name: 'vr' }, { status: { state: 'Secondary' } });
      expect(patchedStatus.status).toEqual({ state: 'Primary', message: 'ok' });
      await expectReason(c.updateStatus({ ...patchedStatus, metadata: { ...patchedStatus.metadata, resourceVersion: created.metadata.resourceVersion! } }), 'Conflict');
    });

    it('holds a deleted object with finalizers, marked with deletionTimestamp, until they are removed', async () => {
      const ns = await freshNamespace();
      await c.create({ ...configMap('held', ns), metadata: { name: 'held', namespace: ns, finalizers: ['drsim.test/hold'] } });
      await c.delete(CM, { namespace: ns, name: 'held' });
      const marked = await c.get(CM, { namespace: ns, name: 'held' });
      expect(marked.metadata.deletionTimestamp).toBeTruthy();
      expect(marked.metadata.finalizers).toEqual(['drsim.test/hold']);
      // Deleting again changes nothing.
      await c.delete(CM, { namespace: ns, name: 'held' });
      expect((await c.get(CM, { namespace: ns, name: 'held' })).metadata.deletionTimestamp).toBe(marked.metadata.deletionTimestamp);
      // No new finalizer may join an object being deleted.
      const added = await rejection(c.patch(CM, { namespace: ns, name: 'held' }, { metadata: { finalizers: ['drsim.test/hold', 'drsim.test/late'] } }));
      expect(added.reason).toBe('Invalid');
      expect(added.causes.map((x) => x.field)).toContain('metadata.finalizers');
      await c.patch(CM, { namespace: ns, name: 'held' }, { metadata: { finalizers: null } });
      await expectReason(c.get(CM, { namespace: ns, name: 'held' }), 'NotFound');
    });

    it('garbage-collects dependents of a deleted owner, and orphans them on request', async () => {
      const ns = await freshNamespace();
      const owner = await c.create(configMap('owner', ns));
      const ref = (o: KubeObject): KubeObject['metadata']['ownerReferences'] => [{ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid! }];
      await c.create({ ...configMap('dependent', ns), metadata: { name: 'dependent', namespace: ns, ownerReferences: ref(owner) } });
      await c.delete(CM, { namespace: ns, name: 'owner' });
      const gone = async (name: string): Promise<boolean> => (await c.list(CM, { namespace: ns })).items.every((o) => o.metadata.name !== name);
      await t.eventually('the dependent to be collected', () => gone('dependent'));

      const owner2 = await c.create(configMap('owner2', ns));
      await c.create({ ...configMap('kept', ns), metadata: { name: 'kept', namespace: ns, ownerReferences: ref(owner2) } });
      await c.delete(CM, { namespace: ns, name: 'owner2' }, { propagationPolicy: 'Orphan' });
      await t.eventually('the owner to go and the orphan to lose its reference', async () => (await gone('owner2')) && (await c.get(CM, { namespace: ns, name: 'kept' })).metadata.ownerReferences === undefined);
      expect((await c.get(CM, { namespace: ns, name: 'kept' })).metadata.name).toBe('kept');
    });

    it('collects a dependent whose owner never existed or lives in another namespace', async () => {
      const ns = await freshNamespace();
      const other = await freshNamespace();
      const elsewhere = await c.create(configMap('elsewhere', other));
      const refTo = (name: string, uid: string): KubeObject['metadata']['ownerReferences'] => [{ apiVersion: 'v1', kind: 'ConfigMap', name, uid }];
      await c.create({ ...configMap('phantom-child', ns), metadata: { name: 'phantom-child', namespace: ns, ownerReferences: refTo('ghost', '6b4f2f53-0000-4000-8000-000000000000') } });
      await c.create({ ...configMap('cross-child', ns), metadata: { name: 'cross-child', namespace: ns, ownerReferences: refTo('elsewhere', elsewhere.metadata.uid!) } });
      await t.eventually('both dependents to be collected', async () => (await c.list(CM, { namespace: ns })).items.every((o) => !o.metadata.name.endsWith('-child')));
      expect((await c.get(CM, { namespace: other, name: 'elsewhere' })).metadata.name).toBe('elsewhere');
    });

    it('refuses unknown fields under Strict with BadRequest naming the field, warns and prunes under Warn, prunes under Ignore', async () => {
      const ns = await freshNamespace();
      const strict = await expectReason(c.create(volumeReplication('strict', ns, { junk: 1 }), { fieldValidation: 'Strict' }), 'BadRequest');
      expect(strict.message).toContain('unknown field "spec.junk"');
      const warned = await c.createWithWarnings(volumeReplication('warn', ns, { junk: 1 }), { fieldValidation: 'Warn' });
      expect(warned.warnings.join('\n')).toContain('unknown field "spec.junk"');
      expect(warned.object.spec).not.toHaveProperty('junk');
      const ignored = await c.createWithWarnings(volumeReplication('ignore', ns, { junk: 1 }), { fieldValidation: 'Ignore' });
      expect(ignored.warnings).toEqual([]);
      expect(ignored.object.spec).not.toHaveProperty('junk');
    });

    it('refuses a resourceVersion on create with BadRequest', async () => {
      const ns = await freshNamespace();
      const err = await expectReason(c.create({ ...configMap('rv', ns), metadata: { name: 'rv', namespace: ns, resourceVersion: '5' } }), 'BadRequest');
      expect(err.message).toContain('resourceVersion should not be set on objects to be created');
    });

    it('refuses a malformed name or label key with Invalid naming the field', async () => {
      const ns = await freshNamespace();
      const name = await expectReason(c.create(configMap('Bad_Name', ns)), 'Invalid');
      expect(name.causes.map((x) => x.field)).toEqual(['metadata.name']);
      const label = await expectReason(c.create(configMap('ok', ns, {}, { 'bad key!': 'v' })), 'Invalid');
      expect(label.causes.map((x) => x.field)).toEqual(['metadata.labels']);
    });

    it('has no status subresource on a kind without one: NotFound', async () => {
      const ns = await freshNamespace();
      const cm = await c.create(configMap('plain', ns));
      const err = await expectReason(c.updateStatus(cm), 'NotFound');
      expect(err.message).toContain('the server could not find the requested resource');
    });

    it('labels a namespace with its name, reports it Active, and never deletes default', async () => {
      const ns = await freshNamespace();
      const got = await c.get(NS, { name: ns });
      expect(got.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': ns });
      expect((got.status as { phase?: string }).phase).toBe('Active');
      // The label is the server's: removing it puts it back.
      const patched = await c.patch(NS, { name: ns }, { metadata: { labels: { 'kubernetes.io/metadata.name': null, team: 'a' } } });
      expect(patched.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': ns, team: 'a' });
      await expectReason(c.delete(NS, { name: 'default' }), 'Forbidden').catch(async (err: unknown) => {
        // A simulator without a default namespace answers NotFound; the rule is the same.
        if ((err as Error).message.includes('NotFound')) return undefined;
        throw err;
      });
    });

    it('bumps a custom resource\'s generation when marking it for deletion', async () => {
      const ns = await freshNamespace();
      const vr: KubeObject = await c.create({ ...volumeReplication('gen', ns), metadata: { name: 'gen', namespace: ns, finalizers: ['drsim.test/hold'] } });
      expect(vr.metadata.generation).toBe(1);
      await c.delete(VR, { namespace: ns, name: 'gen' });
      expect((await c.get(VR, { namespace: ns, name: 'gen' })).metadata.generation).toBe(2);
      await c.patch(VR, { namespace: ns, name: 'gen' }, { metadata: { finalizers: null } });
    });

    it('applies schema defaults', async () => {
      const ns = await freshNamespace();
      const obj = volumeReplication('defaulted', ns);
      delete (obj.spec as Record<string, unknown>).autoResync;
      const created = await c.create(obj);
      expect((created.spec as { autoResync: boolean }).autoResync).toBe(false);
    });

    it('refuses an enum violation with Invalid and the field path', async () => {
      const ns = await freshNamespace();
      const err = await expectReason(c.create(volumeReplication('bad', ns, { replicationState: 'primry' })), 'Invalid');
      // Kube adds a `<nil>` cause saying the CEL rules were skipped because the object was invalid.
      expect(err.causes.filter((x) => x.field !== '<nil>')).toHaveLength(1);
      expect(err.causes[0]).toMatchObject({ field: 'spec.replicationState', reason: 'FieldValueNotSupported' });
      expect(err.causes[0]!.message).toContain('Unsupported value: "primry"');
      expect(err.message).toContain('VolumeReplication.replication.storage.openshift.io "bad" is invalid');
    });

    it('enforces a CEL immutability rule on update with Invalid and the field path', async () => {
      const ns = await freshNamespace();
      const vr = await c.create(volumeReplication('imm', ns));
      const err = await expectReason(c.update({ ...vr, spec: { ...(vr.spec as object), volumeReplicationClass: 'other' } }), 'Invalid');
      expect(err.causes.map((x) => x.field)).toEqual(['spec.volumeReplicationClass']);
      expect(err.causes[0]!.message).toContain('volumeReplicationClass is immutable');
      // The same value again is no change and passes.
      await c.update({ ...vr, spec: { ...(vr.spec as object), replicationState: 'secondary' } });
    });

    it('fails every call on a kind the cluster does not serve with NoKindMatch', async () => {
      expect(await c.serves(VRG)).toBe(true);
      expect(await c.serves(CM)).toBe(true);
      expect(await c.serves(DRPOLICY)).toBe(false);
      expect(await c.serves({ apiVersion: 'nothing.example.com/v1', kind: 'Nothing' })).toBe(false);
      // A served kind under a version the CRD does not have.
      expect(await c.serves({ apiVersion: 'ramendr.openshift.io/v1', kind: 'VolumeReplicationGroup' })).toBe(false);
      await expectReason(c.get(DRPOLICY, { name: 'p' }), 'NoKindMatch');
      await expectReason(c.list(DRPOLICY), 'NoKindMatch');
      await expectReason(c.create({ apiVersion: DRPOLICY.apiVersion, kind: DRPOLICY.kind, metadata: { name: 'p' }, spec: {} }), 'NoKindMatch');
      await expectReason(c.list({ apiVersion: 'nothing.example.com/v1', kind: 'Nothing' }), 'NoKindMatch');
      const w = record(c, DRPOLICY, {});
      await t.eventually('the watch on an unserved kind to close', async () => w.closed.length > 0);
      expect(w.closed[0]).toMatch(/^NoKindMatch/);
      expect(w.events).toEqual([]);
    });

    it('watches ADDED, MODIFIED and DELETED in order, through a label selector', async () => {
      const ns = await freshNamespace();
      await c.create(configMap('before', ns, {}, { app: 'w' }));
      await c.create(configMap('unlabelled', ns));
      const w = record(c, CM, { namespace: ns, labelSelector: { matchLabels: { app: 'w' } } });
      await t.eventually('the initial ADDED', async () => w.events.length >= 1);
      const created = await c.create(configMap('live', ns, { v: '1' }, { app: 'w' }));
      await c.update({ ...created, data: { v: '2' } });
      await c.delete(CM, { namespace: ns, name: 'live' });
      // Leaving the selection reads as DELETED, entering it as ADDED.
      await c.patch(CM, { namespace: ns, name: 'before' }, { metadata: { labels: { app: 'other' } } });
      await c.patch(CM, { namespace: ns, name: 'unlabelled' }, { metadata: { labels: { app: 'w' } } });
      await t.eventually('six events', async () => w.events.length >= 6);
      w.stop();
      expect(w.seen()).toEqual(['ADDED before', 'ADDED live', 'MODIFIED live', 'DELETED live', 'DELETED before', 'ADDED unlabelled']);
      expect(w.events[2]!.object.data).toEqual({ v: '2' });
      expect(w.closed).toEqual([]);
    });

    it('resumes a watch from a list resourceVersion with only the later changes', async () => {
      const ns = await freshNamespace();
      await c.create(configMap('old', ns));
      const listed = await c.list(CM, { namespace: ns });
      await c.create(configMap('new', ns));
      const w = record(c, CM, { namespace: ns, resourceVersion: listed.resourceVersion });
      await t.eventually('the change after the list', async () => w.events.length >= 1);
      await c.delete(CM, { namespace: ns, name: 'old' });
      await t.eventually('the delete', async () => w.events.length >= 2);
      w.stop();
      expect(w.seen()).toEqual(['ADDED new', 'DELETED old']);
    });

    it('sends the last stored state, finalizers included, in the DELETED event of an emptied finalizer list', async () => {
      const ns = await freshNamespace();
      await c.create({ ...configMap('fin', ns), metadata: { name: 'fin', namespace: ns, finalizers: ['drsim.test/hold'] } });
      const listed = await c.list(CM, { namespace: ns });
      const w = record(c, CM, { namespace: ns, resourceVersion: listed.resourceVersion });
      await c.delete(CM, { namespace: ns, name: 'fin' });
      const emptied = await c.patch(CM, { namespace: ns, name: 'fin' }, { metadata: { finalizers: null } });
      // The writer gets its update back under the last stored version: the emptied list was never stored.
      expect(emptied.metadata.finalizers).toBeUndefined();
      await t.eventually('MODIFIED and DELETED', async () => w.events.length >= 2);
      w.stop();
      expect(w.seen()).toEqual(['MODIFIED fin', 'DELETED fin']);
      const deleted = w.events[1]!.object;
      expect(deleted.metadata.finalizers).toEqual(['drsim.test/hold']);
      expect(deleted.metadata.deletionTimestamp).toBeTruthy();
      expect(emptied.metadata.resourceVersion).toBe(w.events[0]!.object.metadata.resourceVersion);
      expect(Number(deleted.metadata.resourceVersion)).toBeGreaterThan(Number(emptied.metadata.resourceVersion));
    });

    it('stops a watch silently when the watcher stops it', async () => {
      const ns = await freshNamespace();
      const w = record(c, CM, { namespace: ns });
      w.stop();
      await c.create(configMap('after-stop', ns));
      const probe = record(c, CM, { namespace: ns });
      await t.eventually('a second watch to see the object', async () => probe.events.length >= 1);
      probe.stop();
      expect(w.events.filter((e) => e.object.metadata.name === 'after-stop')).toEqual([]);
      expect(w.closed).toEqual([]);
    });

    it('does not store a dry run', async () => {
      const ns = await freshNamespace();
      const dry = await c.create(configMap('dry', ns, { a: '1' }), { dryRun: true });
      expect(dry.data).toEqual({ a: '1' });
      await expectReason(c.get(CM, { namespace: ns, name: 'dry' }), 'NotFound');
    });

    it('terminates a namespace: Terminating, no new content, then its content and itself are gone', async () => {
      const ns = await freshNamespace();
      await c.create(configMap('inside', ns));
      await c.create(volumeReplication('vr', ns));
      await c.delete(NS, { name: ns });
      const terminating = await c.get(NS, { name: ns });
      expect(terminating.metadata.deletionTimestamp).toBeTruthy();
      expect((terminating.status as { phase?: string }).phase).toBe('Terminating');
      const refused = await expectReason(c.create(configMap('late', ns)), 'Forbidden');
      expect(refused.message).toContain('because it is being terminated');
      await t.eventually('the namespace to be removed', async () => (await c.list(NS)).items.every((o) => o.metadata.name !== ns), 60_000);
      expect((await c.list(VR, { namespace: ns })).items).toEqual([]);
    });

    it('answers Unavailable while the API server is down and ends open watches', async () => {
      if (!t.outage) return;
      const ns = await freshNamespace();
      const w = record(c, CM, { namespace: ns });
      await c.create(configMap('before-outage', ns));
      await t.eventually('the watch to be running', async () => w.events.length >= 1);
      await t.outage.down();
      try {
        await t.eventually('the watch to close', async () => w.closed.length > 0, 30_000);
        await expectReason(c.get(CM, { namespace: ns, name: 'before-outage' }), 'Unavailable');
      } finally {
        await t.outage.up();
      }
      expect((await c.get(CM, { namespace: ns, name: 'before-outage' })).metadata.name).toBe('before-outage');
      w.stop();
    }, 120_000);
  });
}

// Goal: the client-node ClusterClient maps what a kube-apiserver answers (Status errors, Warning
// headers, watch ERROR events, refused connections) to the contract's reasons, checked against a
// scripted HTTP server so every branch runs without the real binaries.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClusterClient } from '../../kind/client-node/kube-client.js';
import { selectorString } from '../../kind/client-node/label-selector.js';
import { parseWarning } from '../../kind/client-node/transport.js';
import { kubeconfigYaml } from '../../kind/control-plane/kubeconfig.js';
import { freePort } from '../../kind/control-plane/ports.js';
import { rejection } from './api-semantics.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

const CM = { apiVersion: 'v1', kind: 'ConfigMap' };
const DISCOVERY = { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: [] }] };

function status(res: http.ServerResponse, code: number, reason: string, message: string, causes?: object[]): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, ...(causes ? { details: { causes } } : {}) }));
}

function clientFor(server: string): KubeClusterClient {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-kc-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, kubeconfigYaml('fake', server, 'not-a-secret'));
  return new KubeClusterClient({ clusterName: 'fake', kubeconfig: path, timeoutMs: 5000 });
}

describe('client-node ClusterClient against a scripted server', () => {
  let server: http.Server;
  let client: KubeClusterClient;
  let handler: Handler = (_req, res) => status(res, 404, 'NotFound', 'unscripted');
  const requests: { method: string; url: string; contentType: string | undefined; auth: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], auth: req.headers.authorization, body });
        if (req.url === '/api/v1') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(DISCOVERY));
          return;
        }
        handler(req, res, body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    client = clientFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    client.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('maps Status reasons and keeps field causes', async () => {
    handler = (_req, res) => status(res, 422, 'Invalid', 'ConfigMap "x" is invalid', [{ field: 'data', reason: 'FieldValueInvalid', message: 'Invalid value' }]);
    const invalid = await rejection(client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } }));
    expect(invalid.reason).toBe('Invalid');
    expect(invalid.causes).toEqual([{ field: 'data', reason: 'FieldValueInvalid', message: 'Invalid value' }]);
    const cases: [number, string, string, string][] = [
      [409, 'AlreadyExists', 'configmaps "x" already exists', 'AlreadyExists'],
      [409, 'Conflict', 'the object has been modified', 'Conflict'],
      [404, 'NotFound', 'configmaps "x" not found', 'NotFound'],
      [400, 'BadRequest', 'strict decoding error: unknown field "y"', 'BadRequest'],
      [403, 'Forbidden', 'forbidden', 'Forbidden'],
      [503, 'ServiceUnavailable', 'etcd is down', 'Unavailable'],
      [429, 'TooManyRequests', 'slow down', 'Unavailable'],
      [504, 'Timeout', 'timeout', 'Unavailable'],
      // A real server fails this client mistake inside storage with a 500; retrying cannot help.
      [500, 'InternalError', 'resourceVersion should not be set on objects to be created', 'BadRequest'],
    ];
    for (const [code, reason, message, expected] of cases) {
      handler = (_req, res) => status(res, code, reason, message);
      const err = await rejection(client.get(CM, { namespace: 'ns', name: 'x' }));
      expect([code, reason, err.reason, err.message]).toEqual([code, reason, expected, message]);
    }
  });

  it('sends field validation, dry run and merge patches as the API expects, with the bearer token', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', Warning: ['299 - "unknown field \\"spec.junk\\""', '299 - "second, with a comma"'] });
      res.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns', managedFields: [{}] } }));
    };
    requests.length = 0;
    const created = await client.createWithWarnings({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'ns' } }, { fieldValidation: 'Strict', dryRun: true });
    expect(created.warnings).toEqual(['unknown field "spec.junk"', 'second, with a comma']);
    expect(client.lastWarnings).toEqual(created.warnings);
    expect(created.object.metadata).not.toHaveProperty('managedFields');
    await client.patch(CM, { namespace: 'ns', name: 'x' }, { data: { a: null } });
    await client.delete(CM, { namespace: 'ns', name: 'x' }, { propagationPolicy: 'Orphan', resourceVersion: '7' });
    const [create, patch, del] = requests;
    expect(create).toMatchObject({ method: 'POST', url: '/api/v1/namespaces/ns/configmaps?fieldValidation=Strict&dryRun=All', auth: 'Bearer not-a-secret' });
    expect(patch).toMatchObject({ method: 'PATCH', url: '/api/v1/namespaces/ns/configmaps/x', contentType: 'application/merge-patch+json', body: '{"data":{"a":null}}' });
    expect(del!.method).toBe('DELETE');
    expect(JSON.parse(del!.body)).toMatchObject({ propagationPolicy: 'Orphan', preconditions: { resourceVersion: '7' } });
  });

  it('lists with a label selector string and fills in apiVersion and kind of the items', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'ConfigMapList', metadata: { resourceVersion: '42' }, items: [{ metadata: { name: 'a', namespace: 'ns' } }] }));
    };
    requests.length = 0;
    const list = await client.list(CM, { namespace: 'ns', labelSelector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }] } });
    expect(list).toEqual({ resourceVersion: '42', items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } }] });
    const url = new URL(`http://server${requests[0]!.url}`);
    expect([url.pathname, url.searchParams.get('labelSelector')]).toEqual(['/api/v1/namespaces/ns/configmaps', 'app=x,tier notin (a,b)']);
  });

  it('ends a watch with onClose("Expired: ...") on a 410 ERROR event, after delivering what came before', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`${JSON.stringify({ type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } } })}\n`);
      res.write(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version: 5 (90)' } })}\n`);
    };
    const closed = await new Promise<{ events: string[]; reason: string }>((resolve) => {
      const events: string[] = [];
      client.watch(CM, { namespace: 'ns', resourceVersion: '5' }, { onEvent: (e) => events.push(`${e.type} ${e.object.metadata.name}`), onClose: (reason) => resolve({ events, reason }) });
    });
    expect(closed).toEqual({ events: ['ADDED a'], reason: 'Expired: too old resource version: 5 (90)' });
  });

  it('ends a watch with onClose when the server closes the stream, once', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end();
    };
    const reasons: string[] = [];
    await new Promise<void>((resolve) => client.watch(CM, { namespace: 'ns' }, { onEvent: () => undefined, onClose: (r) => { reasons.push(r); resolve(); } }));
    await new Promise((r) => setTimeout(r, 100));
    expect(reasons).toEqual(['watch closed by the server']);
  });

  it('answers NoKindMatch from discovery, for calls and watches', async () => {
    handler = (_req, res) => status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const err = await rejection(client.get({ apiVersion: 'example.com/v1', kind: 'Widget' }, { name: 'w' }));
    expect(err.reason).toBe('NoKindMatch');
    expect(await client.serves({ apiVersion: 'v1', kind: 'Secret' })).toBe(false);
    expect(await client.serves(CM)).toBe(true);
    const reason = await new Promise<string>((resolve) => client.watch({ apiVersion: 'example.com/v1', kind: 'Widget' }, {}, { onEvent: () => undefined, onClose: resolve }));
    expect(reason).toMatch(/^NoKindMatch: no matches for kind "Widget"/);
  });
});

describe('client-node ClusterClient against nothing', () => {
  it('answers Unavailable when the connection is refused, and closes watches with Unavailable', async () => {
    const port = await freePort();
    const client = clientFor(`http://127.0.0.1:${port}`);
    const err = await rejection(client.get(CM, { namespace: 'ns', name: 'x' }));
    expect(err.reason).toBe('Unavailable');
    expect(err.message).toContain('cluster "fake"');
    await expect(client.serves(CM)).rejects.toMatchObject({ reason: 'Unavailable' });
    const reason = await new Promise<string>((resolve) => client.watch(CM, {}, { onEvent: () => undefined, onClose: resolve }));
    expect(reason).toMatch(/^Unavailable/);
    client.close();
  });
});

describe('request encoding helpers', () => {
  it('writes label selectors as kube parses them', () => {
    expect(selectorString(undefined)).toBeUndefined();
    expect(selectorString({})).toBeUndefined();
    expect(selectorString({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'In', values: ['x', 'y'] }, { key: 'c', operator: 'Exists' }, { key: 'd', operator: 'DoesNotExist' }] })).toBe('a=1,b in (x,y),c,!d');
  });

  it('unwraps Warning headers', () => {
    expect(parseWarning('299 - "unknown field \\"spec.x\\""')).toBe('unknown field "spec.x"');
    expect(parseWarning('plain text')).toBe('plain text');
  });
});

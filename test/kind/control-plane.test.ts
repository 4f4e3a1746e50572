// Goal: the control plane's small pieces behave without the binaries: ports are claimed so parallel
// environments never share one, missing binaries produce the one-line build hint, and kubeconfigs
// carry what client-node needs for a self-signed loopback server.

import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUILD_HINT, missingMessage } from '../../kind/control-plane/binaries.js';
import { kubeconfigYaml } from '../../kind/control-plane/kubeconfig.js';
import { CLAIMS, claim, freePorts } from '../../kind/control-plane/ports.js';

describe('port claims', () => {
  it('hands out distinct ports and never the same one twice to live processes', async () => {
    const ports = await freePorts(6);
    expect(new Set(ports).size).toBe(6);
    for (const p of ports) expect(claim(p)).toBe(false);
  });

  it('respects a live process\'s claim and takes over a dead one\'s', () => {
    const port = 1; // Never handed out by the kernel, so no real claim collides with the test.
    const file = join(CLAIMS, String(port));
    rmSync(file, { force: true });
    writeFileSync(file, '1'); // init is alive
    expect(claim(port)).toBe(false);
    writeFileSync(file, '2147483646'); // no such process
    expect(claim(port)).toBe(true);
    expect(claim(port)).toBe(false);
    rmSync(file, { force: true });
  });
});

describe('binaries', () => {
  it('names what is missing and how to build it, in one line', () => {
    const saved = process.env.DRSIM_BIN_DIR;
    process.env.DRSIM_BIN_DIR = '/nonexistent/drsim-bin';
    try {
      const msg = missingMessage(['etcd', 'kube-apiserver']);
      expect(msg).toBe(`etcd, kube-apiserver not found in /nonexistent/drsim-bin: ${BUILD_HINT}`);
      expect(msg!.split('\n')).toHaveLength(1);
      expect(BUILD_HINT).toContain('bash scripts/backends/build-binaries.sh');
    } finally {
      if (saved === undefined) delete process.env.DRSIM_BIN_DIR;
      else process.env.DRSIM_BIN_DIR = saved;
    }
  });
});

describe('kubeconfig', () => {
  it('points at the server with a bearer token and TLS verification off', () => {
    const kc = parse(kubeconfigYaml('dr1', 'https://127.0.0.1:6443', 'tok')) as Record<string, unknown>;
    expect(kc).toMatchObject({
      'current-context': 'dr1',
      clusters: [{ name: 'dr1', cluster: { server: 'https://127.0.0.1:6443', 'insecure-skip-tls-verify': true } }],
      users: [{ name: 'dr1-admin', user: { token: 'tok' } }],
    });
  });
});

// Shared set-up for tests against the real servers: whether the binaries are there (and the one
// visible line when they are not), and a single real DR cluster started in a per-run directory.

import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, missingMessage, type BinaryName, CONTROL_PLANE_BINARIES } from '../../kind/control-plane/binaries.js';
import { RealCluster } from '../../kind/control-plane/cluster.js';
import type { KubeClusterClient } from '../../kind/client-node/kube-client.js';

/** Undefined when the binaries are built; otherwise the reason to skip, printed once by the caller. */
export function skipReason(binaries: readonly BinaryName[] = CONTROL_PLANE_BINARIES): string | undefined {
  return missingMessage(binaries);
}

export function announceSkip(what: string, reason: string): void {
  // One visible line, outside vitest's per-test output, so a skipped real-server run is never silent.
  process.stderr.write(`SKIPPED ${what}: ${reason}\n`);
}

/** A fresh directory under .cache/apiserver for one test file's servers. */
export function runRoot(label: string): string {
  const base = join(REPO_ROOT, '.cache', 'apiserver');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${label}-`));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

export interface StartedCluster {
  cluster: RealCluster;
  client: KubeClusterClient;
  startMs: number;
  stop(): Promise<void>;
}

export async function startDrCluster(label: string): Promise<StartedCluster> {
  const began = Date.now();
  const root = runRoot(label);
  const cluster = await RealCluster.prepare(root, { name: 'dr1', role: 'dr' });
  try {
    await cluster.start();
  } catch (err) {
    await cluster.stop();
    rmSync(root, { recursive: true, force: true });
    throw err;
  }
  const client = cluster.client(10_000);
  return {
    cluster,
    client,
    startMs: Date.now() - began,
    stop: async () => {
      client.close();
      await cluster.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

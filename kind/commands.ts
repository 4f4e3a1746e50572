// The command-line entries of the real backends, for cli/main.ts to register:
//   drsim kind up|down|status        kind clusters in Docker (kind-cli.ts)
//   drsim apiserver up|down|status   kube-apiserver + etcd per cluster and MinIO on loopback
// Both fail with one line (exit 1) when their tools or binaries are missing.

import type { Command } from 'commander';
import { kindDown, kindStatus, kindUp } from './kind-cli.js';
import { missingMessage } from './control-plane/binaries.js';
import { defaultRoot, loadEnvironment, startEnvironment } from './control-plane/environment.js';

const out = (line: string): void => void process.stdout.write(`${line}\n`);

export function registerKind(program: Command): void {
  const kind = program.command('kind').description('hub, dr1 and dr2 as kind clusters (needs Docker and kind)');
  kind.command('up').description('create the clusters, storage, MinIO and the CRDs each cluster needs').action(async () => kindUp({ log: out }));
  kind.command('down').description('delete the clusters').action(async () => kindDown({ log: out }));
  kind
    .command('status')
    .description('which clusters exist, and their kubeconfigs')
    .action(async () => {
      for (const s of await kindStatus()) out(`${s.name.padEnd(4)} ${s.exists ? 'up  ' : 'down'} ${s.kubeconfig}`);
    });
}

export function registerApiserver(program: Command): void {
  const api = program.command('apiserver').description('the apiserver backend: kube-apiserver and etcd per cluster, and MinIO, on loopback');
  api
    .command('up')
    .description('start hub, dr1, dr2 and MinIO (fresh state), and print their kubeconfigs')
    .action(async () => {
      const missing = missingMessage();
      if (missing) throw new Error(missing);
      const existing = loadEnvironment();
      if (existing) await existing.stop({ removeData: true });
      const env = await startEnvironment({ detached: true });
      for (const c of env.clusters.values()) out(`${c.name.padEnd(4)} ${c.state.server}  KUBECONFIG=${c.kubeconfig}`);
      if (env.minio) out(`s3   ${env.minio.state.endpoint}  buckets ${env.minio.state.buckets.join(', ')}  (credentials in ${env.minio.state.credentialsFile})`);
      out(`started in ${(env.startMs / 1000).toFixed(1)} s`);
    });
  api
    .command('down')
    .description('stop every server and remove their state')
    .action(async () => {
      const env = loadEnvironment();
      if (!env) return out(`nothing running under ${defaultRoot()}`);
      await env.stop({ removeData: true });
      out('stopped');
    });
  api
    .command('status')
    .description('which servers are running')
    .action(async () => {
      const env = loadEnvironment();
      if (!env) return out(`nothing running under ${defaultRoot()}`);
      for (const c of env.clusters.values()) {
        const r = c.running();
        out(`${c.name.padEnd(4)} ${c.state.server}  ${Object.entries(r).map(([p, up]) => `${p} ${up ? 'up' : 'down'}`).join(', ')}`);
      }
      if (env.minio) out(`s3   ${env.minio.state.endpoint}  minio ${env.minio.running() ? 'up' : 'down'}`);
    });
}

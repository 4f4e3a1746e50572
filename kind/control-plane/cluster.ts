// One real cluster on loopback: its own etcd, a kube-apiserver, and a kube-controller-manager running
// only the garbage collector and the namespace controller (the two controllers that API semantics
// need: ownerReference GC and namespace deletion). Everything else a cluster does (PVC binding,
// replication, workloads) is drsim's agents' job. State lives under one directory per cluster.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterRole } from '../../engine/api/schema/types.js';
import { KubeClusterClient } from '../client-node/kube-client.js';
import { binaryPath } from './binaries.js';
import { installCrds } from './crds.js';
import { writeKubeconfig } from './kubeconfig.js';
import { freePorts } from './ports.js';
import { isAlive, readPid, startProcess, stopByPidFile, type RunningProcess } from './processes.js';
import { waitReady } from './readiness.js';

export interface ClusterSpec {
  name: string;
  role: ClusterRole;
}

/** What a later command needs to find a running cluster again; written as state.json. */
export interface ClusterState extends ClusterSpec {
  dir: string;
  etcdPort: number;
  etcdPeerPort: number;
  apiPort: number;
  server: string;
  kubeconfig: string;
}

export interface StartOptions {
  /** Keep the servers running after this process exits (the CLI); default false. */
  detached?: boolean;
  /** Start timeout per server, ms. */
  timeoutMs?: number;
}

const SERVICE_CIDR = '10.96.0.0/16';

export class RealCluster {
  private constructor(readonly state: ClusterState) {}

  get name(): string {
    return this.state.name;
  }

  get role(): ClusterRole {
    return this.state.role;
  }

  get kubeconfig(): string {
    return this.state.kubeconfig;
  }

  /** A fresh cluster directory (any previous data removed), ports, keys, a token and a kubeconfig. */
  static async prepare(root: string, spec: ClusterSpec): Promise<RealCluster> {
    const dir = join(root, spec.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'certs'), { recursive: true });
    const [etcdPort, etcdPeerPort, apiPort] = await freePorts(3);
    const server = `https://127.0.0.1:${apiPort!}`;
    const { publicKey, privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    writeFileSync(join(dir, 'sa.pub'), publicKey);
    writeFileSync(join(dir, 'sa.key'), privateKey, { mode: 0o600 });
    const token = randomBytes(24).toString('hex');
    // token,user,uid,"groups": system:masters is cluster-admin, and authorization is AlwaysAllow anyway.
    writeFileSync(join(dir, 'tokens.csv'), `${token},drsim-admin,drsim-admin,"system:masters"\n`, { mode: 0o600 });
    const kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(kubeconfig, spec.name, server, token);
    const state: ClusterState = { ...spec, dir, etcdPort: etcdPort!, etcdPeerPort: etcdPeerPort!, apiPort: apiPort!, server, kubeconfig };
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state, null, 2));
    return new RealCluster(state);
  }

  /** A cluster a previous command started, from its state.json. */
  static load(dir: string): RealCluster {
    return new RealCluster(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as ClusterState);
  }

  client(timeoutMs?: number): KubeClusterClient {
    return new KubeClusterClient({ clusterName: this.name, kubeconfig: this.kubeconfig, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  }

  private token(): string {
    return readFileSync(join(this.state.dir, 'tokens.csv'), 'utf8').split(',')[0]!;
  }

  private pidFile(proc: string): string {
    return join(this.state.dir, `${proc}.pid`);
  }

  private logFile(proc: string): string {
    return join(this.state.dir, `${proc}.log`);
  }

  async startEtcd(opts: StartOptions = {}): Promise<RunningProcess> {
    const s = this.state;
    const peer = `http://127.0.0.1:${s.etcdPeerPort}`;
    const client = `http://127.0.0.1:${s.etcdPort}`;
    const proc = startProcess({
      label: `etcd ${s.name}`,
      command: binaryPath('etcd'),
      args: [
        `--name=${s.name}`,
        `--data-dir=${join(s.dir, 'etcd')}`,
        `--listen-client-urls=${client}`,
        `--advertise-client-urls=${client}`,
        `--listen-peer-urls=${peer}`,
        `--initial-advertise-peer-urls=${peer}`,
        `--initial-cluster=${s.name}=${peer}`,
        // A throw-away test store: durability is not worth an fsync per write on a shared CI disk.
        '--unsafe-no-fsync',
        '--log-level=warn',
      ],
      logFile: this.logFile('etcd'),
      pidFile: this.pidFile('etcd'),
      detached: opts.detached ?? false,
    });
    await waitReady(proc, { url: `${client}/health`, expect: '"health":"true"' }, opts.timeoutMs ?? 30_000);
    return proc;
  }

  async startApiServer(opts: StartOptions = {}): Promise<RunningProcess> {
    const s = this.state;
    const proc = startProcess({
      label: `kube-apiserver ${s.name}`,
      command: binaryPath('kube-apiserver'),
      args: [
        `--etcd-servers=http://127.0.0.1:${s.etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${s.apiPort}`,
        // No --tls-cert-file: the server generates a self-signed certificate for 127.0.0.1 here.
        `--cert-dir=${join(s.dir, 'certs')}`,
        `--token-auth-file=${join(s.dir, 'tokens.csv')}`,
        '--authorization-mode=AlwaysAllow',
        `--service-account-key-file=${join(s.dir, 'sa.pub')}`,
        `--service-account-signing-key-file=${join(s.dir, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        // No controller creates default ServiceAccounts here, and Pods are the simulator's to run.
        '--disable-admission-plugins=ServiceAccount',
        // One client per cluster: fairness queues only add latency on a loopback test server.
        '--enable-priority-and-fairness=false',
        '--endpoint-reconciler-type=none',
        '--profiling=false',
        '--v=0',
      ],
      logFile: this.logFile('kube-apiserver'),
      pidFile: this.pidFile('kube-apiserver'),
      detached: opts.detached ?? false,
    });
    // Anonymous requests are refused, so the probe carries the admin token.
    await waitReady(proc, { url: `${s.server}/readyz`, expect: 'ok', headers: { Authorization: `Bearer ${this.token()}` } }, opts.timeoutMs ?? 90_000);
    return proc;
  }

  async startControllerManager(opts: StartOptions = {}): Promise<RunningProcess> {
    const s = this.state;
    const proc = startProcess({
      label: `kube-controller-manager ${s.name}`,
      command: binaryPath('kube-controller-manager'),
      args: [
        `--kubeconfig=${s.kubeconfig}`,
        '--controllers=garbage-collector-controller,namespace-controller',
        '--leader-elect=false',
        // No serving endpoint: nothing scrapes it, and it would need its own certificates and port.
        '--secure-port=0',
        '--v=0',
      ],
      logFile: this.logFile('kube-controller-manager'),
      pidFile: this.pidFile('kube-controller-manager'),
      detached: opts.detached ?? false,
    });
    return proc;
  }

  /** etcd, kube-apiserver, the role's CRDs (Established and discoverable), then the controllers. */
  async start(opts: StartOptions = {}): Promise<void> {
    try {
      await this.startEtcd(opts);
      await this.startApiServer(opts);
      const client = this.client();
      try {
        await installCrds(client, this.role);
      } finally {
        client.close();
      }
      // After the CRDs: the garbage collector discovers resources at start, then only every 30 s.
      await this.startControllerManager(opts);
    } catch (err) {
      // A half-started cluster leaves nothing running behind it.
      await this.stop();
      throw err;
    }
  }

  /** Fault: the API server goes away (etcd and the data stay); clients get Unavailable. */
  async stopApiServer(): Promise<void> {
    await stopByPidFile(this.pidFile('kube-apiserver'));
  }

  async restartApiServer(opts: StartOptions = {}): Promise<void> {
    await this.startApiServer(opts);
  }

  running(): Record<'etcd' | 'kube-apiserver' | 'kube-controller-manager', boolean> {
    const alive = (p: string): boolean => {
      const pid = readPid(this.pidFile(p));
      return pid !== undefined && isAlive(pid);
    };
    return { etcd: alive('etcd'), 'kube-apiserver': alive('kube-apiserver'), 'kube-controller-manager': alive('kube-controller-manager') };
  }

  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    await stopByPidFile(this.pidFile('kube-controller-manager'));
    await stopByPidFile(this.pidFile('kube-apiserver'));
    await stopByPidFile(this.pidFile('etcd'));
    if (options.removeData && existsSync(this.state.dir)) rmSync(this.state.dir, { recursive: true, force: true });
  }
}

// MinIO on loopback as the S3 server of the `apiserver` backend, with the bucket Ramen's profile
// names. Root credentials are generated per environment and stay in files under its directory.

import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBucket } from '../s3/buckets.js';
import { isObjectStoreError, type S3Credentials } from '../../engine/runtime/object-store.js';
import { binaryPath } from './binaries.js';
import { freePorts } from './ports.js';
import { isAlive, readPid, startProcess, stopByPidFile } from './processes.js';
import { waitReady, waitUntil } from './readiness.js';

export interface MinioState {
  dir: string;
  port: number;
  endpoint: string;
  region: string;
  buckets: string[];
  credentialsFile: string;
}

export class MinioServer {
  private constructor(readonly state: MinioState) {}

  /** `credentials` pins the root user (a scenario's well-known test keys); random ones otherwise. */
  static async prepare(root: string, buckets: string[], credentials?: S3Credentials): Promise<MinioServer> {
    const dir = join(root, 'minio');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'data'), { recursive: true });
    const [port] = await freePorts(1);
    const creds: S3Credentials = credentials ?? { accessKeyId: `drsim${randomBytes(6).toString('hex')}`, secretAccessKey: randomBytes(24).toString('hex') };
    const credentialsFile = join(dir, 'credentials.json');
    writeFileSync(credentialsFile, JSON.stringify(creds), { mode: 0o600 });
    const state: MinioState = { dir, port: port!, endpoint: `http://127.0.0.1:${port!}`, region: 'us-east-1', buckets, credentialsFile };
    writeFileSync(join(dir, 'state.json'), JSON.stringify(state, null, 2));
    return new MinioServer(state);
  }

  static load(dir: string): MinioServer {
    return new MinioServer(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as MinioState);
  }

  /** The root access key and secret: for the S3 Secret Ramen reads. Never print them. */
  credentials(): S3Credentials {
    return JSON.parse(readFileSync(this.state.credentialsFile, 'utf8')) as S3Credentials;
  }

  private get pidFile(): string {
    return join(this.state.dir, 'minio.pid');
  }

  async start(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<void> {
    const s = this.state;
    const creds = this.credentials();
    const proc = startProcess({
      label: 'minio',
      command: binaryPath('minio'),
      args: ['server', join(s.dir, 'data'), '--address', `127.0.0.1:${s.port}`, '--quiet'],
      env: { MINIO_ROOT_USER: creds.accessKeyId, MINIO_ROOT_PASSWORD: creds.secretAccessKey, MINIO_BROWSER: 'off', MINIO_UPDATE: 'off' },
      logFile: join(s.dir, 'minio.log'),
      pidFile: this.pidFile,
      detached: opts.detached ?? false,
    });
    try {
      // /live answers as soon as the process listens; /ready once the object layer serves requests
      // (before that, calls fail with XMinioServerNotInitialized).
      await waitReady(proc, { url: `${s.endpoint}/minio/health/ready` }, opts.timeoutMs ?? 30_000);
      await waitUntil(
        `MinIO buckets ${s.buckets.join(', ')}`,
        async () => {
          try {
            for (const bucket of s.buckets) await ensureBucket({ endpoint: s.endpoint, region: s.region, bucket, credentials: creds });
            return true;
          } catch (err) {
            if (isObjectStoreError(err, 'Unavailable')) return false;
            throw err;
          }
        },
        opts.timeoutMs ?? 30_000,
        200,
      );
    } catch (err) {
      await this.stop();
      throw err;
    }
  }

  running(): boolean {
    const pid = readPid(this.pidFile);
    return pid !== undefined && isAlive(pid);
  }

  /** Fault or teardown: the server goes away; its data stays unless removed. */
  async stop(options: { removeData?: boolean } = {}): Promise<void> {
    await stopByPidFile(this.pidFile);
    if (options.removeData) rmSync(this.state.dir, { recursive: true, force: true });
  }
}

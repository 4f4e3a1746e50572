// HTTP requests to one kube-apiserver, authenticated and TLS-configured from a KubeConfig by
// @kubernetes/client-node. One keep-alive agent per client: client-node's own agents are built per
// request, and a TLS handshake per call would dominate every reconcile against a loopback server.

import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiError } from '../../engine/runtime/errors.js';

export interface HttpResponse {
  status: number;
  /** The parsed JSON body, or the raw text when the body is not JSON. */
  body: unknown;
  /** `Warning` headers, with kube's `299 - "..."` wrapping removed. */
  warnings: string[];
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

/** Connection-level failures: the server is down, restarting or unreachable. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENOTFOUND']);

export function isConnectionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE_CODES.has(code);
}

/** `299 - "unknown field \"spec.x\""` → `unknown field "spec.x"`. */
export function parseWarning(header: string): string {
  const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(header);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : header;
}

export interface TransportOptions {
  /** Per-request timeout; a request that takes longer fails with Unavailable. Default 30 s. */
  timeoutMs?: number;
}

export class Transport {
  readonly server: string;
  private prepared: Promise<{ agent: http.Agent; headers: Record<string, string> }> | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly kc: KubeConfig,
    private readonly clusterName: string,
    options: TransportOptions = {},
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error(`kubeconfig for ${clusterName} has no current cluster`);
    this.server = cluster.server.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The agent and auth headers client-node derives from the kubeconfig, made once. */
  private prepare(): Promise<{ agent: http.Agent; headers: Record<string, string> }> {
    this.prepared ??= (async () => {
      const opts: https.RequestOptions = {};
      await this.kc.applyToHTTPSOptions(opts);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') headers[k] = v;
      if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
      const agent = this.server.startsWith('http:')
        ? new http.Agent({ keepAlive: true })
        : new https.Agent({
            keepAlive: true,
            ...(opts.ca ? { ca: opts.ca } : {}),
            ...(opts.cert ? { cert: opts.cert } : {}),
            ...(opts.key ? { key: opts.key } : {}),
            ...(opts.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
            ...(opts.servername ? { servername: opts.servername } : {}),
          });
      return { agent, headers };
    })();
    return this.prepared;
  }

  url(path: string, query?: Record<string, string | undefined>): URL {
    const u = new URL(this.server + path);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, v);
    return u;
  }

  async request(spec: RequestSpec): Promise<HttpResponse> {
    const { agent, headers } = await this.prepare();
    const url = this.url(spec.path, spec.query);
    const payload = spec.body === undefined ? undefined : Buffer.from(JSON.stringify(spec.body));
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = lib.request(
        url,
        {
          method: spec.method,
          agent,
          headers: {
            ...headers,
            Accept: 'application/json',
            ...(payload ? { 'Content-Type': spec.contentType ?? 'application/json', 'Content-Length': String(payload.length) } : {}),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err) => reject(this.unavailable(err)));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text === '' ? undefined : JSON.parse(text);
            } catch {
              // Not JSON (a proxy's error page, say): keep the text for the error message.
            }
            const raw = res.headers.warning;
            const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
            resolve({ status: res.statusCode ?? 0, body, warnings: list.flatMap((w) => splitWarnings(w)).map(parseWarning) });
          });
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error(`request timed out after ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (err) => reject(this.unavailable(err)));
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** The error of a request that got no HTTP answer. */
  private unavailable(err: Error): Error {
    if (isConnectionError(err) || err.message.includes('socket hang up')) {
      return new ApiError('Unavailable', `the server is currently unable to handle the request (cluster "${this.clusterName}" at ${this.server}: ${err.message})`);
    }
    return err;
  }

  close(): void {
    void this.prepared?.then(({ agent }) => agent.destroy());
  }
}

/** Node joins repeated Warning headers with ", "; split on the boundary between quoted warnings. */
function splitWarnings(header: string): string[] {
  return header.split(/(?<="),\s*(?=\d{3} )/);
}

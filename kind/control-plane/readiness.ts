// Polls a server's health endpoint until it answers, or fails with the tail of its log.

import http from 'node:http';
import https from 'node:https';
import { isAlive, logTail, type RunningProcess } from './processes.js';

export interface Probe {
  url: string;
  /** The body must contain this, e.g. `"health":"true"` for etcd or `ok` for /readyz. */
  expect?: string;
  headers?: Record<string, string>;
}

/** One GET; true when it answers 200 (and the expected text). Never throws. */
export function probeOnce(probe: Probe, timeoutMs = 2000): Promise<boolean> {
  const url = new URL(probe.url);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = lib.get(url, { headers: probe.headers ?? {}, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve(res.statusCode === 200 && (probe.expect === undefined || body.includes(probe.expect))));
      res.on('error', () => resolve(false));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How long a server must stay up after its first good probe: one that lost its port exits at once. */
const SETTLE_MS = 300;

export async function waitReady(proc: RunningProcess, probe: Probe, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probeOnce(probe)) {
      // The answer may come from another server on the same port (a process that failed to bind
      // exits right away): ours must still be running a moment later.
      await sleep(SETTLE_MS);
      if (isAlive(proc.pid)) return;
      throw new Error(`${proc.label} exited during start-up (port taken?); log ${proc.logFile}:\n${logTail(proc.logFile)}`);
    }
    if (!isAlive(proc.pid)) throw new Error(`${proc.label} exited during start-up; log ${proc.logFile}:\n${logTail(proc.logFile)}`);
    if (Date.now() > deadline) throw new Error(`${proc.label} not ready at ${probe.url} after ${timeoutMs} ms; log ${proc.logFile}:\n${logTail(proc.logFile)}`);
    await sleep(100);
  }
}

/** Polls `check` until it holds. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

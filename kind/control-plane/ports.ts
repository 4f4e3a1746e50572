// Free loopback ports, asked of the kernel, so several environments (a CLI one, test runs in parallel
// workers, another session's suite) can run side by side without a fixed port plan. A port is free
// when the kernel hands it out AND no other live drsim process claimed it in the moment between
// asking and its server binding: a claim is a lock file naming the claiming pid. Without the claim,
// two environments starting together can be handed the same port, and an etcd that failed to bind
// would pass its health check against the other environment's etcd.

import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CLAIMS = join(tmpdir(), 'drsim-port-claims');

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims `port` for this process; false when a live process holds the claim. */
export function claim(port: number): boolean {
  mkdirSync(CLAIMS, { recursive: true });
  const file = join(CLAIMS, String(port));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(file, 'utf8'));
      } catch {
        continue;
      }
      if (holder === process.pid) return false;
      if (Number.isSafeInteger(holder) && alive(holder)) return false;
      // A claim left by a process that is gone: take it over.
      try {
        unlinkSync(file);
      } catch {
        // Someone else took it over first; the next write decides.
      }
    }
  }
  return false;
}

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await kernelPort();
    if (claim(port)) return port;
  }
}

export async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

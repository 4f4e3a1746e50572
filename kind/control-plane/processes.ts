// Long-running server processes: started with their output in a log file and their pid in a pid
// file, so a later `drsim` invocation can find and stop what an earlier one started. Only processes
// named by our own pid files are ever signalled.

import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface ProcessSpec {
  /** For messages: `etcd hub`, `kube-apiserver dr1`. */
  label: string;
  command: string;
  args: string[];
  logFile: string;
  pidFile: string;
  env?: Record<string, string>;
  /** Keep running after this Node process exits (the CLI's `up`); tests leave it false. */
  detached?: boolean;
}

export interface RunningProcess {
  label: string;
  pid: number;
  logFile: string;
  pidFile: string;
}

/** Attached children still running: killed when this process exits, so a crashed test run leaves no servers. */
const attached = new Set<number>();
let exitHookInstalled = false;

function killAttachedOnExit(pid: number): void {
  attached.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  const killAll = (): void => {
    for (const p of attached) {
      try {
        process.kill(p, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    attached.clear();
  };
  process.on('exit', killAll);
  // A test worker torn down by a signal never reaches 'exit': kill the servers, then die of the same
  // signal as before (the handler is gone once run, so re-raising takes the default action).
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAll();
      process.kill(process.pid, sig);
    });
  }
}

export function startProcess(spec: ProcessSpec): RunningProcess {
  const out = openSync(spec.logFile, 'a');
  try {
    const child = spawn(spec.command, spec.args, {
      stdio: ['ignore', out, out],
      detached: spec.detached ?? false,
      env: { ...process.env, ...(spec.env ?? {}) },
    });
    if (child.pid === undefined) throw new Error(`${spec.label}: could not start ${spec.command}`);
    // The process is managed through its pid file from here on; never keep the event loop alive for it.
    child.unref();
    child.on('error', () => undefined);
    writeFileSync(spec.pidFile, `${child.pid}\n`);
    if (!spec.detached) {
      killAttachedOnExit(child.pid);
      const pid = child.pid;
      child.on('exit', () => attached.delete(pid));
    }
    return { label: spec.label, pid: child.pid, logFile: spec.logFile, pidFile: spec.pidFile };
  } finally {
    closeSync(out);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. Removes the pid file. */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  if (isAlive(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(50);
    if (isAlive(pid)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      while (isAlive(pid)) await sleep(20);
    }
  }
}

export async function stopByPidFile(pidFile: string, graceMs?: number): Promise<boolean> {
  const pid = readPid(pidFile);
  if (pid === undefined) return false;
  await stopPid(pid, graceMs);
  rmSync(pidFile, { force: true });
  return true;
}

/** The last lines of a log, for an error message when a server fails to start. */
export function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

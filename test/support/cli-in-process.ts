// Runs one drsim command in this process, as cli/main.ts would, and captures what it prints and its
// exit status: results set process.exitCode, usage errors throw under exitOverride.

import { Command, CommanderError } from 'commander';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runInProcess(register: (program: Command) => void, args: readonly string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const program = new Command('drsim').exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  register(program);
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'drsim', ...args]);
    return { code: Number(process.exitCode ?? 0), out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    throw e;
  } finally {
    process.exitCode = saved;
  }
}

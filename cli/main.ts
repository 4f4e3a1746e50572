// The drsim command line. Each command lives in cli/commands/ and registers itself on the program;
// this file only assembles them and turns usage errors into exit code 2 with a clear message.

import './terminal-env.js';
import { Command, CommanderError } from 'commander';
import { registerChaos } from './commands/chaos.js';
import { registerConformance } from './commands/conformance.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerReplay } from './commands/replay.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerValidate } from './commands/validate.js';
import { registerApiserver, registerKind } from '../kind/commands.js';

export function buildProgram(): Command {
  const program = new Command('drsim')
    .description('Deterministic simulation and test harness for RamenDR disaster recovery on Kubernetes')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (text, write) => write(text) })
    // Set before the commands are added, so every subcommand inherits it: usage errors reach main().
    .exitOverride();
  registerRun(program);
  registerDemo(program);
  registerValidate(program);
  registerDoctor(program);
  registerReport(program);
  registerReplay(program);
  registerChaos(program);
  registerConformance(program);
  registerApiserver(program);
  registerKind(program);
  return program;
}

async function main(): Promise<void> {
  // A closed pipe (`drsim validate ... | head`) ends the output quietly, as Unix tools do.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(process.argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with code 0; usage errors with commander's code, mapped to 2.
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`drsim: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}

await main();

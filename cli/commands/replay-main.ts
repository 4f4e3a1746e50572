// Runs `drsim replay` on its own (`npx tsx cli/commands/replay-main.ts TRACE`), for the real-terminal
// test and for trying the UI before cli/main.ts wires the command in.

import '../terminal-env.js';
import { Command } from 'commander';
import { registerReplay } from './replay.js';

const program = new Command('drsim');
registerReplay(program);
await program.parseAsync(['replay', ...process.argv.slice(2)], { from: 'user' });

// `drsim replay TRACE`: the terminal UI over a recorded trace, or the plain progress log without a
// terminal. The UI itself lives in reports/replay/; `liveView` there is what `drsim demo` and
// `drsim run --ui` use to show a run as it records.

import type { Command } from 'commander';
import { runReplay } from '../../reports/replay/run-replay.js';
import { SPEEDS } from '../../reports/replay/state.js';

export { liveView } from '../../reports/replay/live-view.js';
export type { LiveSource, LiveView, LiveViewOptions } from '../../reports/replay/live-view.js';

export interface ReplayCommandOptions {
  plain?: boolean;
  at?: string;
  speed?: number;
  filter?: string;
  play?: boolean;
}

export function registerReplay(program: Command, run: typeof runReplay = runReplay): Command {
  return program
    .command('replay <trace>')
    .description('step through a recorded run in the terminal (a plain log when not on a terminal)')
    .option('--plain', 'print the plain progress log even on a terminal')
    .option('--at <when>', 'start at an event (#SEQ) or a virtual time (90s, 1h30m)')
    .option('--speed <n>', `virtual ms per wall ms: ${SPEEDS.join(', ')}`, (v: string) => Number(v))
    .option('--filter <text>', 'show only events whose line contains TEXT')
    .option('--play', 'start playing at once')
    .addHelpText(
      'after',
      '\nKeys: space play/pause · ←/→ step · f/F next/previous fault · p/P phase change · a/A action\n      +/- speed · tab next app · / filter · v all event types · g/G start/end · q quit\n',
    )
    .action(async (trace: string, opts: ReplayCommandOptions) => {
      const code = await run(trace, opts);
      if (code !== 0) process.exitCode = code;
    });
}

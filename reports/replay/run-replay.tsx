// `drsim replay TRACE`: opens a recorded trace in the terminal UI, or, without a terminal (or with
// `plain`), prints the plain progress log. The seed line (SEED=, then the replay command) is printed
// first in the log and after the UI closes, so it is never lost with the screen.

import { render } from 'ink';
import { parseDuration } from '../../scenarios/format/duration.js';
import { readTraceFile } from '../trace/read-trace.js';
import { seedLine, traceFacts } from '../trace/trace-facts.js';
import { ReplayApp } from './app.js';
import { plainLogOf } from './plain-log.js';
import { initialState, SPEEDS } from './state.js';
import { TraceIndex } from './trace-index.js';

export interface ReplayOptions {
  /** The plain log even on a terminal. */
  plain?: boolean;
  /** Where to start: `#N` (after event seq N), or a virtual time (`10m`, `1h30m`). */
  at?: string;
  /** Virtual ms per wall ms, one of SPEEDS. */
  speed?: number;
  filter?: string;
  /** Start playing at once. */
  play?: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
}

/** Validates --at and --speed before the trace is even read; messages name the option. */
export function checkReplayOptions(o: Pick<ReplayOptions, 'at' | 'speed'>): void {
  if (o.speed !== undefined && !SPEEDS.includes(o.speed as (typeof SPEEDS)[number])) throw new Error(`--speed: expected one of ${SPEEDS.join(', ')}, got ${o.speed}`);
  if (o.at !== undefined && !/^#\d+$/.test(o.at) && parseDuration(o.at) === undefined) throw new Error(`--at: expected #SEQ (an event) or a virtual time such as 90s or 1h30m, got "${o.at}"`);
}

/** The cursor --at asks for: just after the event with that seq, or after the last event at that time. */
export function cursorForAt(index: TraceIndex, at: string): number {
  if (at.startsWith('#')) {
    const seq = Number(at.slice(1));
    for (let i = 0; i < index.length; i++) if (index.event(i)!.seq >= seq) return index.event(i)!.seq === seq ? i + 1 : i;
    return index.length;
  }
  return index.cursorAtTime(parseDuration(at)!);
}

export async function runReplay(path: string, options: ReplayOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const stderr = options.stderr ?? process.stderr;
  let trace;
  try {
    checkReplayOptions(options);
    trace = readTraceFile(path);
  } catch (err) {
    stderr.write(`drsim replay: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  for (const w of trace.warnings) stderr.write(`warning: ${w}\n`);
  const seed = seedLine(traceFacts(trace.events), path);
  const interactive = !options.plain && stdout.isTTY === true && stdin.isTTY === true;
  if (!interactive) {
    stdout.write(seed + plainLogOf(trace.events).join('\n') + '\n');
    return 0;
  }
  const index = TraceIndex.of(trace.events, path);
  const speedIndex = options.speed !== undefined ? SPEEDS.indexOf(options.speed as (typeof SPEEDS)[number]) : undefined;
  const initial = initialState(index, {
    cursor: options.at ? cursorForAt(index, options.at) : 0,
    playing: options.play === true,
    ...(speedIndex !== undefined ? { speedIndex } : {}),
    ...(options.filter ? { filter: options.filter } : {}),
  });
  // The alternate screen gives the UI the whole terminal and gives the shell back untouched on quit.
  stdout.write('\u001b[?1049h\u001b[H');
  const instance = render(<ReplayApp initial={initial} interactive />, { stdout, stdin, exitOnCtrlC: false, patchConsole: false });
  try {
    await instance.waitUntilExit();
  } finally {
    stdout.write('\u001b[?1049l');
  }
  stdout.write(seed);
  return 0;
}

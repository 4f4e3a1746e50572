// Shows a run while it records: the lead's `drsim demo` and `drsim run --ui` hand it the run's
// TraceRecorder. With a terminal it is the replay UI following the newest event (space pauses the
// view, the run goes on; arrows then step through what was recorded); without one it prints the
// plain progress log as events arrive, so CI logs read the same story.

import { render } from 'ink';
import type { TraceEvent } from '../trace/read-trace.js';
import type { EventFeed } from './app.js';
import { ReplayApp } from './app.js';
import { PlainLog } from './plain-log.js';
import { initialState } from './state.js';
import { TraceIndex } from './trace-index.js';

export interface LiveSource extends EventFeed {
  /** Events recorded before the view started; a TraceRecorder has them. */
  all?(): readonly TraceEvent[];
}

export interface LiveViewOptions {
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Where a failure of the view is reported. Default process.stderr. */
  stderr?: NodeJS.WriteStream;
  /** Force the terminal UI (true) or the plain log (false). Default: the UI when stdout and stdin are TTYs. */
  interactive?: boolean;
  /** Shown in the header. Default `live`. */
  label?: string;
  /** Called once when the user presses q or Ctrl-C in the UI; the caller decides whether to stop the run. */
  onQuit?: () => void;
}

export interface LiveView {
  mode: 'ui' | 'plain';
  /** Resolves when the user asks to quit (never, in plain mode, unless stop() is called). */
  quit: Promise<void>;
  /** Shows the last events, then leaves the terminal as it was; in plain mode prints the summary. */
  stop(): Promise<void>;
}

export function liveView(source: LiveSource, options: LiveViewOptions = {}): LiveView {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  const interactive = options.interactive ?? (stdout.isTTY === true && stdin.isTTY === true);
  let resolveQuit!: () => void;
  const quit = new Promise<void>((r) => (resolveQuit = r));
  let quitCalled = false;
  const onQuit = () => {
    if (quitCalled) return;
    quitCalled = true;
    options.onQuit?.();
    resolveQuit();
  };

  if (!interactive) {
    const log = new PlainLog();
    const write = (lines: string[]) => {
      if (lines.length) stdout.write(lines.join('\n') + '\n');
    };
    for (const e of source.all?.() ?? []) write(log.push(e));
    const unsubscribe = source.subscribe((e) => write(log.push(e)));
    return {
      mode: 'plain',
      quit,
      stop: async () => {
        unsubscribe();
        write(log.summary());
        resolveQuit();
      },
    };
  }

  const index = TraceIndex.of(source.all?.() ?? [], options.label ?? 'live');
  const instance = render(<ReplayApp initial={initialState(index, { live: true })} interactive={stdin.isTTY === true} feed={source} onQuit={onQuit} />, { stdout, stdin, exitOnCtrlC: false, patchConsole: false });
  // A failure of the view must not stop the run it shows: say what broke and go on without it.
  let failure: unknown;
  void instance.waitUntilExit().catch((err: unknown) => {
    failure = err;
    (options.stderr ?? process.stderr).write(`drsim: the live view stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  });
  return {
    mode: 'ui',
    quit,
    stop: async () => {
      // Unmounting flushes the last batch of events into the final frame (the feed effect's cleanup).
      if (failure === undefined) instance.unmount();
      await instance.waitUntilExit().catch(() => undefined);
      resolveQuit();
    },
  };
}

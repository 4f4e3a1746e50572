// The replay UI's container: the reducer, the keys, the play timer, the terminal size, and for a live
// run the feed of new events. It holds no logic of its own beyond wiring: what is shown is
// ReplayScreen(state), and how state changes is reduce(state, action).

import { useApp, useInput, useStdout } from 'ink';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { TraceEvent } from '../trace/read-trace.js';
import { ReplayScreen } from './components/ReplayScreen.js';
import { actionsForInput } from './keymap.js';
import type { ReplayState } from './state.js';
import { reduce } from './state.js';

/** Something that calls back with each new trace event; a TraceRecorder is one. */
export interface EventFeed {
  subscribe(listener: (e: TraceEvent) => void): () => void;
}

export interface ReplayAppProps {
  initial: ReplayState;
  /** Fixed size (tests); by default the terminal's, following resizes. */
  width?: number;
  height?: number;
  /** Read keys. Only true with a TTY on stdin: ink cannot read keys from a pipe. */
  interactive: boolean;
  /** New events of a live run. */
  feed?: EventFeed;
  /** Wall ms between play-timer ticks and between live redraws. Default 100. */
  tickMs?: number;
  onQuit?: () => void;
}

export function ReplayApp(props: ReplayAppProps) {
  const [state, dispatch] = useReducer(reduce, props.initial);
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || 120, rows: stdout.rows || 40 });
  const typing = useRef(false);
  typing.current = state.filterDraft !== undefined;
  const tickMs = props.tickMs ?? 100;

  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 120, rows: stdout.rows || 40 });
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  }, [stdout]);

  useInput(
    (input, key) => {
      for (const action of actionsForInput(input, key, typing.current)) {
        typing.current = action.type === 'filterStart' ? true : action.type === 'filterCommit' || action.type === 'filterCancel' ? false : typing.current;
        dispatch(action);
      }
    },
    { isActive: props.interactive },
  );

  useEffect(() => {
    if (!state.playing || state.live) return;
    const timer = setInterval(() => dispatch({ type: 'tick', wallMs: tickMs }), tickMs);
    return () => clearInterval(timer);
  }, [state.playing, state.live, tickMs]);

  useEffect(() => {
    const feed = props.feed;
    if (!feed) return;
    // Events arrive in bursts of thousands; they are batched so the screen redraws a few times a second.
    let buffer: TraceEvent[] = [];
    const unsubscribe = feed.subscribe((e) => void buffer.push(e));
    const flush = () => {
      if (buffer.length === 0) return;
      const events = buffer;
      buffer = [];
      dispatch({ type: 'append', events });
    };
    const timer = setInterval(flush, tickMs);
    return () => {
      unsubscribe();
      clearInterval(timer);
      flush();
    };
  }, [props.feed, tickMs]);

  useEffect(() => {
    if (!state.quit) return;
    props.onQuit?.();
    exit();
  }, [state.quit]);

  return <ReplayScreen state={state} width={props.width ?? size.columns} height={props.height ?? size.rows} />;
}

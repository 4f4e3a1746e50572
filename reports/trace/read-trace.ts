// Reads an NDJSON trace back into events. Every problem names the file and line (`run.ndjson:12:`)
// because traces are long and read by people who did not write them. A run stopped with Ctrl-C can
// leave its last line half written; that one line is dropped with a warning instead of failing the
// whole file, since everything before it is still a faithful record.

import { readFileSync } from 'node:fs';
import type { TraceEvent } from '../../sim/trace/recorder.js';

export type { TraceEvent };

export interface ParsedTrace {
  source: string;
  events: TraceEvent[];
  /** Problems that did not stop the read, each starting with `source:line:`. */
  warnings: string[];
}

export class TraceReadError extends Error {
  constructor(
    readonly source: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${source}:${line}: ${reason}`);
    this.name = 'TraceReadError';
  }
}

export function parseTrace(text: string, source = 'trace'): ParsedTrace {
  const events: TraceEvent[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  const endsWithNewline = text.endsWith('\n');
  let lastT = -Infinity;
  let lastSeq = -1;
  let gapWarned = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!.trim();
    if (!line) continue;
    const isLast = i === lines.length - 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      if (isLast && !endsWithNewline) {
        warnings.push(`${source}:${lineNo}: the last line is incomplete (the run was probably interrupted); ignored`);
        break;
      }
      throw new TraceReadError(source, lineNo, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TraceReadError(source, lineNo, 'a trace event must be a JSON object');
    const o = value as Record<string, unknown>;
    if (typeof o.type !== 'string' || o.type === '') throw new TraceReadError(source, lineNo, 'a trace event needs a non-empty string "type"');
    if (typeof o.t !== 'number' || !Number.isFinite(o.t)) throw new TraceReadError(source, lineNo, `event "${o.type}" needs a numeric "t" (virtual ms)`);
    if (o.seq === undefined) o.seq = lastSeq + 1;
    if (typeof o.seq !== 'number' || !Number.isInteger(o.seq)) throw new TraceReadError(source, lineNo, `event "${o.type}" has a "seq" that is not a whole number`);
    if (o.seq <= lastSeq) throw new TraceReadError(source, lineNo, `seq ${o.seq} does not follow seq ${lastSeq}: lines are out of order or two traces were concatenated`);
    if (o.t < lastT) throw new TraceReadError(source, lineNo, `virtual time goes backwards (t ${o.t} after ${lastT})`);
    if (o.seq !== lastSeq + 1 && lastSeq >= 0 && !gapWarned) {
      // One warning is enough: a filtered trace has a gap on nearly every line.
      warnings.push(`${source}:${lineNo}: seq jumps from ${lastSeq} to ${o.seq}; the trace was filtered or lines are missing (later gaps not reported)`);
      gapWarned = true;
    }
    lastT = o.t;
    lastSeq = o.seq;
    events.push(o as TraceEvent);
  }
  return { source, events, warnings };
}

export function readTraceFile(path: string): ParsedTrace {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseTrace(text, path);
}

/** True when text looks like NDJSON events rather than one JSON document (result files). */
export function looksLikeTrace(text: string): boolean {
  const first = text.trimStart();
  if (!first.startsWith('{')) return false;
  const nl = first.indexOf('\n');
  const line = nl < 0 ? first : first.slice(0, nl);
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    return typeof v === 'object' && v !== null && typeof v.type === 'string' && typeof v.t === 'number';
  } catch {
    return false;
  }
}

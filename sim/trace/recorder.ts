// The one event stream of a run. Every subsystem emits into it; the recorder stamps each event with
// virtual time and a sequence number and keeps its canonical encoding, which is what invariants,
// reports and the replay UI read, and what the run's digest is computed over.

import { createHash } from 'node:crypto';
import type { Clock } from '../../engine/runtime/ports.js';
import type { TraceFields, TraceSink } from '../../engine/runtime/trace-sink.js';
import { canonicalJson } from './canonical-json.js';

export interface TraceEvent extends TraceFields {
  /** Virtual milliseconds since the simulation epoch. */
  t: number;
  seq: number;
}

/** Canonical lines are hashed in chunks of about this many characters: one native call per chunk. */
const HASH_CHUNK_CHARS = 64 * 1024;

/**
 * `all` keeps every event in memory for the reports, the replay UI and trace files; `digest` keeps
 * only the digest and the listeners, for runs too large to hold their trace (the scale benchmark):
 * a listener can still stream every event to a file.
 */
export type TraceRetention = 'all' | 'digest';

export class TraceRecorder implements TraceSink {
  private readonly events: TraceEvent[] = [];
  private emitted = 0;
  private readonly hash = createHash('sha256');
  /** Canonical lines not yet fed to the hash; sha256 over the concatenation is the same however it is cut. */
  private unhashed = '';
  private readonly listeners: ((e: TraceEvent) => void)[] = [];
  private readonly chunkSinks: ((ndjson: string) => void)[] = [];
  private seq = 0;
  private readonly pending: TraceEvent[] = [];
  private delivering = false;

  constructor(
    private readonly clock: Clock,
    private readonly epochMs: number,
    readonly retention: TraceRetention = 'all',
  ) {}

  emit(fields: TraceFields): void {
    const event = { ...fields, t: this.clock.nowMs() - this.epochMs, seq: this.seq++ } as TraceEvent;
    if (this.retention === 'all') this.events.push(event);
    this.emitted++;
    this.unhashed += `${canonicalJson(event)}\n`;
    if (this.unhashed.length >= HASH_CHUNK_CHARS) this.flushHash();
    // A listener may emit (the status tap does). Its event is delivered after this one has reached
    // every listener, so all listeners see events in sequence order.
    this.pending.push(event);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let e = this.pending.shift(); e; e = this.pending.shift()) for (const l of this.listeners) l(e);
    } finally {
      this.delivering = false;
    }
  }

  private flushHash(): void {
    if (this.unhashed === '') return;
    this.hash.update(this.unhashed);
    for (const sink of this.chunkSinks) sink(this.unhashed);
    this.unhashed = '';
  }

  /**
   * Receives the canonical NDJSON in the chunks it is hashed in, so a run can spill its trace to a
   * file without encoding it twice. Chunks end at line ends; call `digest()` at the end to flush.
   */
  onChunk(sink: (ndjson: string) => void): void {
    this.chunkSinks.push(sink);
  }

  /** Called for every event from now on, e.g. to stream NDJSON to a file or feed a live UI. */
  subscribe(listener: (e: TraceEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Events emitted so far, kept or not. */
  get length(): number {
    return this.emitted;
  }

  all(): readonly TraceEvent[] {
    if (this.retention !== 'all') throw new Error(`this run keeps only its trace digest (retention "${this.retention}"); build it with trace retention "all" to read events back`);
    return this.events;
  }

  /** The sha256 of the canonical NDJSON so far: equal digests mean byte-identical traces. */
  digest(): string {
    this.flushHash();
    return this.hash.copy().digest('hex');
  }

  toNdjson(): string {
    return this.all().map((e) => canonicalJson(e)).join('\n') + (this.events.length ? '\n' : '');
  }
}

export function parseNdjson(text: string, source = 'trace'): TraceEvent[] {
  const out: TraceEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new Error(`${source}:${i + 1}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
    }
    if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string' || typeof (value as { t?: unknown }).t !== 'number') {
      throw new Error(`${source}:${i + 1}: a trace event needs a string "type" and a numeric "t"`);
    }
    out.push(value as TraceEvent);
  }
  return out;
}

// A trace sink for real-backend runs: every event stamped with wall-clock time and a sequence number,
// kept in memory (for tests and end-state comparison) and optionally appended to an NDJSON file.

import { appendFileSync } from 'node:fs';
import type { TraceFields, TraceSink } from '../../engine/runtime/trace-sink.js';

export class WallTrace implements TraceSink {
  readonly events: (TraceFields & { t: number; seq: number })[] = [];
  private seq = 0;

  constructor(private readonly file?: string) {}

  emit(event: TraceFields): void {
    const e = { ...structuredClone(event), t: Date.now(), seq: ++this.seq };
    this.events.push(e);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(e)}\n`);
  }

  ofType(type: string): (TraceFields & { t: number; seq: number })[] {
    return this.events.filter((e) => e.type === type);
  }
}

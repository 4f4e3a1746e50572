// Goal: the trace is byte-stable, its digest tracks content, and listeners see events in sequence
// order even when a listener itself emits.
import { describe, expect, it } from 'vitest';
import { SimTime } from '../../../../sim/kernel/sim-time.js';
import { canonicalJson } from '../../../../sim/trace/canonical-json.js';
import { parseNdjson, TraceRecorder } from '../../../../sim/trace/recorder.js';

describe('TraceRecorder', () => {
  it('encodes canonically: key order does not matter, undefined fields vanish', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
  });

  it('gives equal digests for equal content and different ones otherwise', () => {
    const a = new TraceRecorder(new SimTime(0), 0);
    const b = new TraceRecorder(new SimTime(0), 0);
    a.emit({ type: 'x', n: 1 });
    b.emit({ n: 1, type: 'x' });
    expect(a.digest()).toBe(b.digest());
    b.emit({ type: 'y' });
    expect(a.digest()).not.toBe(b.digest());
  });

  it('delivers an event emitted by a listener after the event being delivered', () => {
    const r = new TraceRecorder(new SimTime(0), 0);
    r.subscribe((e) => {
      if (e.type === 'write') r.emit({ type: 'derived' });
    });
    const seen: number[] = [];
    r.subscribe((e) => seen.push(e.seq));
    r.emit({ type: 'write' });
    r.emit({ type: 'write' });
    expect(seen).toEqual([0, 1, 2, 3]);
    expect(r.all().map((e) => e.type)).toEqual(['write', 'derived', 'write', 'derived']);
  });

  it('keeping only the digest gives the same digest, and the spilled chunks are the full NDJSON', () => {
    const kept = new TraceRecorder(new SimTime(0), 0);
    const spilled = new TraceRecorder(new SimTime(0), 0, 'digest');
    let file = '';
    spilled.onChunk((c) => (file += c));
    // Enough events to cross several hash chunks.
    for (let i = 0; i < 5_000; i++) {
      kept.emit({ type: 'write', i, pad: 'x'.repeat(i % 50) });
      spilled.emit({ type: 'write', i, pad: 'x'.repeat(i % 50) });
    }
    expect(spilled.digest()).toBe(kept.digest());
    expect(spilled.length).toBe(5_000);
    expect(file).toBe(kept.toNdjson());
    expect(() => spilled.all()).toThrow(/retention "digest"/);
  });

  it('round-trips NDJSON and names the line of a broken one', () => {
    const r = new TraceRecorder(new SimTime(5), 0);
    r.emit({ type: 'x' });
    expect(parseNdjson(r.toNdjson())).toEqual([{ type: 'x', t: 5, seq: 0 }]);
    expect(() => parseNdjson('{"type":"x","t":1}\nnot json\n', 'f.ndjson')).toThrow(/f\.ndjson:2/);
  });
});

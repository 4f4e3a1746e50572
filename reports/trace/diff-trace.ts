// Finds where two traces part ways. Two runs of the same seed should record the same bytes; when
// they do not, the first differing event is where to start reading, and the few events before it
// say what both runs had just done. Events compare by their canonical encoding, the same bytes the
// run digest hashes, so "identical" here means the digests agree.

import { canonicalJson } from '../../sim/trace/canonical-json.js';
import type { TraceEvent } from './read-trace.js';
import { eventLine } from './event-line.js';

export interface DiffOptions {
  /** Fields left out of the comparison, e.g. a wall-clock field a backend adds. Default none. */
  ignoreFields?: readonly string[];
  /** Event types left out of both traces before comparing. Default none. */
  ignoreTypes?: readonly string[];
  /** How many shared events before the difference to show. Default 3. */
  contextEvents?: number;
}

export interface TraceDiff {
  identical: boolean;
  /** Events compared (after `ignoreTypes`) in each trace. */
  lengthA: number;
  lengthB: number;
  /** Position, among the compared events, of the first difference; equal to the shorter length when one trace is a prefix of the other. */
  index: number;
  a?: TraceEvent;
  b?: TraceEvent;
  /** Fields whose values differ (present in one, absent in the other, or unequal), sorted. */
  fields: string[];
  /** The shared events just before the difference, oldest first. */
  context: TraceEvent[];
}

function strip(e: TraceEvent, ignore: ReadonlySet<string>): Record<string, unknown> {
  if (ignore.size === 0) return e;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(e)) if (!ignore.has(k)) out[k] = e[k];
  return out;
}

export function diffTraces(a: readonly TraceEvent[], b: readonly TraceEvent[], options: DiffOptions = {}): TraceDiff {
  const ignoreFields = new Set(options.ignoreFields ?? []);
  const ignoreTypes = new Set(options.ignoreTypes ?? []);
  const xs = ignoreTypes.size ? a.filter((e) => !ignoreTypes.has(e.type)) : a;
  const ys = ignoreTypes.size ? b.filter((e) => !ignoreTypes.has(e.type)) : b;
  const n = Math.min(xs.length, ys.length);
  let i = 0;
  while (i < n && canonicalJson(strip(xs[i]!, ignoreFields)) === canonicalJson(strip(ys[i]!, ignoreFields))) i++;
  const contextEvents = options.contextEvents ?? 3;
  const context = xs.slice(Math.max(0, i - contextEvents), i);
  const identical = i === xs.length && i === ys.length;
  const ea = xs[i];
  const eb = ys[i];
  const fields: string[] = [];
  if (ea && eb) {
    const ka = strip(ea, ignoreFields);
    const kb = strip(eb, ignoreFields);
    for (const k of new Set([...Object.keys(ka), ...Object.keys(kb)])) if (canonicalJson(ka[k]) !== canonicalJson(kb[k])) fields.push(k);
    fields.sort();
  }
  return { identical, lengthA: xs.length, lengthB: ys.length, index: i, ...(ea ? { a: ea } : {}), ...(eb ? { b: eb } : {}), fields, context };
}

/** A report for people: where, what changed, and the lines on both sides. */
export function formatTraceDiff(diff: TraceDiff, labelA = 'a', labelB = 'b'): string {
  if (diff.identical) return `traces are identical (${diff.lengthA} events)\n`;
  const out: string[] = [];
  if (!diff.a || !diff.b) {
    const [longer, shorter, extra] = diff.a ? [labelA, labelB, diff.a] : [labelB, labelA, diff.b!];
    out.push(`${shorter} ends after ${diff.index} events; ${longer} goes on (${diff.lengthA} vs ${diff.lengthB} events)`);
    if (diff.context.length) out.push('last shared events:', ...diff.context.map((e) => `    ${eventLine(e)}`));
    out.push(`first extra event in ${longer}:`, `  + ${eventLine(extra)}`);
    return out.join('\n') + '\n';
  }
  out.push(`traces differ at event ${diff.index} (fields: ${diff.fields.join(', ')})`);
  if (diff.context.length) out.push('last shared events:', ...diff.context.map((e) => `    ${eventLine(e)}`));
  out.push(`  ${labelA}: ${eventLine(diff.a)}`, `  ${labelB}: ${eventLine(diff.b)}`);
  for (const f of diff.fields) out.push(`    ${f}: ${canonicalJson(diff.a[f])} vs ${canonicalJson(diff.b[f])}`);
  return out.join('\n') + '\n';
}

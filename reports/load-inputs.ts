// Reads the files given to `drsim report`: result JSON (a run, a campaign, or an array of them) and
// NDJSON traces, told apart by their first line. Every error names the file, and the line where the
// text says where, so a broken artifact in CI is found without opening it.

import { readFileSync } from 'node:fs';
import { jsonErrorOffset, lineColOf } from './json-error-at.js';
import type { ReportSet, TraceInput } from './report-set.js';
import { checkResultDocument } from './result-schema.js';
import type { CampaignResult, RunResult } from './result-types.js';
import { looksLikeTrace, parseTrace } from './trace/read-trace.js';

export interface LoadedInputs {
  campaigns: CampaignResult[];
  runs: RunResult[];
  traces: TraceInput[];
  warnings: string[];
}

/** `file:line:col: not valid JSON (...)`, the place found by scanning since JSON.parse may not say. */
function jsonErrorWhere(text: string, source: string, err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 120);
  const at = jsonErrorOffset(text);
  if (at === undefined) return `${source}: not valid JSON (${message})`;
  const { line, col } = lineColOf(text, at);
  return `${source}:${line}:${col}: not valid JSON (${message})`;
}

export function loadInputText(text: string, source: string, into: LoadedInputs): void {
  if (looksLikeTrace(text)) {
    const t = parseTrace(text, source);
    into.traces.push({ source, events: t.events });
    into.warnings.push(...t.warnings);
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(jsonErrorWhere(text, source, err));
  }
  const doc = checkResultDocument(value, source);
  into.campaigns.push(...doc.campaigns);
  into.runs.push(...doc.runs);
}

export function loadInputs(paths: readonly string[]): LoadedInputs {
  const into: LoadedInputs = { campaigns: [], runs: [], traces: [], warnings: [] };
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new Error(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path}: is a directory; give the result or trace files in it` : `${path}: cannot read (${err instanceof Error ? err.message : String(err)})`);
    }
    if (text.trim() === '') throw new Error(`${path}: the file is empty`);
    loadInputText(text, path, into);
  }
  return into;
}

export function toReportSet(inputs: LoadedInputs): ReportSet {
  return { campaigns: inputs.campaigns, runs: inputs.runs, traces: inputs.traces };
}

// `drsim report`: JUnit XML, a Markdown summary and a self-contained HTML page from run and campaign
// results (JSON) and traces (NDJSON); `merge` joins the shards of a campaign; `diff` finds where two
// traces part ways; `seed` prints the seed and replay command of each input. The formatting itself
// lives in reports/; this file only reads arguments, files and writes output.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { renderHtml } from '../../reports/html.js';
import { renderJunit } from '../../reports/junit.js';
import { loadInputs, toReportSet } from '../../reports/load-inputs.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { mergeResults } from '../../reports/merge.js';
import { withTraceRuns } from '../../reports/pair-traces.js';
import { diffTraces, formatTraceDiff } from '../../reports/trace/diff-trace.js';
import { readTraceFile } from '../../reports/trace/read-trace.js';
import { seedLine, traceFacts } from '../../reports/trace/trace-facts.js';

/** Where the commands write; injectable so tests run them in-process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): void;
  setExitCode(code: number): void;
}

export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  writeFile: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** 1: the answer is "no" (traces differ); 2: the command could not do its job (bad input). */
export const EXIT_DIFFERENT = 1;
export const EXIT_BAD_INPUT = 2;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function guarded(io: CliIo, name: string, fn: () => void): () => void {
  return () => {
    try {
      fn();
    } catch (err) {
      io.stderr(`drsim report ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
      io.setExitCode(EXIT_BAD_INPUT);
    }
  };
}

function emit(io: CliIo, text: string, out: string | undefined, what: string): void {
  if (out) {
    io.writeFile(out, text);
    io.stderr(`wrote ${what} to ${out}\n`);
  } else io.stdout(text);
}

function load(io: CliIo, inputs: string[]) {
  const loaded = loadInputs(inputs);
  for (const w of loaded.warnings) io.stderr(`warning: ${w}\n`);
  return loaded;
}

export function registerReport(program: Command, io: CliIo = processIo): Command {
  const report = program
    .command('report')
    .description('make reports from run/campaign results (JSON) and traces (NDJSON)')
    .addHelpText('after', '\nInputs may be RunResult or CampaignResult JSON files (or arrays of them) and NDJSON traces;\na trace with no result beside it is reported from what the trace records.\n');

  const formatter = (name: string, description: string, what: string, render: (set: ReturnType<typeof toReportSet>, title: string | undefined) => string) =>
    report
      .command(`${name} <input...>`)
      .description(description)
      .option('-o, --output <file>', 'write to FILE instead of standard output')
      .option('--title <text>', 'title of the report')
      .action((inputs: string[], opts: { output?: string; title?: string }) =>
        guarded(io, name, () => {
          const set = withTraceRuns(toReportSet(load(io, inputs)));
          emit(io, render(set, opts.title), opts.output, what);
        })(),
      );

  formatter('junit', 'JUnit XML: one test case per scenario run or campaign seed', 'JUnit XML', (set) => renderJunit(set));
  formatter('summary', 'Markdown summary for a CI job summary page', 'the summary', (set, title) => renderMarkdown(set, title ? { title } : {}));
  formatter('html', 'one self-contained HTML page with a timeline per app', 'the HTML report', (set, title) => renderHtml(set, title ? { title } : {}));

  report
    .command('merge <input...>')
    .description('merge the shards of campaigns into one result (JSON)')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--allow-partial', 'merge even when some shards are missing')
    .action((inputs: string[], opts: { output?: string; allowPartial?: boolean }) =>
      guarded(io, 'merge', () => {
        const loaded = load(io, inputs);
        if (loaded.traces.length) throw new Error(`merge takes result JSON files; ${loaded.traces.map((t) => t.source).join(', ')} ${loaded.traces.length > 1 ? 'are traces' : 'is a trace'}`);
        const merged = mergeResults(loaded.campaigns, loaded.runs, { allowPartial: opts.allowPartial === true });
        for (const w of merged.warnings) io.stderr(`warning: ${w}\n`);
        const value = merged.campaigns.length === 1 && merged.runs.length === 0 ? merged.campaigns[0] : [...merged.campaigns, ...merged.runs];
        emit(io, JSON.stringify(value, null, 2) + '\n', opts.output, 'the merged result');
      })(),
    );

  report
    .command('diff <a> <b>')
    .description('show where two traces first differ (exit 1 if they do)')
    .option('--ignore-field <name>', 'leave a field out of the comparison (repeatable)', collect, [] as string[])
    .option('--ignore-type <type>', 'leave an event type out of both traces (repeatable)', collect, [] as string[])
    .action((a: string, b: string, opts: { ignoreField: string[]; ignoreType: string[] }) =>
      guarded(io, 'diff', () => {
        const ta = readTraceFile(a);
        const tb = readTraceFile(b);
        for (const w of [...ta.warnings, ...tb.warnings]) io.stderr(`warning: ${w}\n`);
        const diff = diffTraces(ta.events, tb.events, { ignoreFields: opts.ignoreField, ignoreTypes: opts.ignoreType });
        io.stdout(formatTraceDiff(diff, a, b));
        if (!diff.identical) io.setExitCode(EXIT_DIFFERENT);
      })(),
    );

  report
    .command('seed <input...>')
    .description('print the seed and the replay command of each trace or result')
    .action((inputs: string[]) =>
      guarded(io, 'seed', () => {
        const loaded = load(io, inputs);
        for (const t of loaded.traces) io.stdout(`${t.source}: ${seedLine(traceFacts(t.events), t.source)}`);
        for (const r of [...loaded.campaigns.flatMap((c) => c.runs), ...loaded.runs]) io.stdout(`SEED=${r.seed} ${r.scenario} ${r.passed ? 'passed' : 'FAILED'}\n  replay: ${r.replayCommand}\n`);
      })(),
    );

  return report;
}

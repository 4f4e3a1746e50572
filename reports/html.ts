// One self-contained HTML file: inline CSS and inline SVG, no script, no external resource, so it
// opens from a CI artifact or an e-mail attachment with no server. Summary figures first, then a
// table of every run, then a section per run worth reading (failed runs, runs with a trace, or every
// run when there are few) with its replay command, invariants, steps and a timeline per app.

import { buildRunTimeline } from './app-timeline.js';
import type { AppTimeline, RunTimeline } from './app-timeline.js';
import { escapeHtml } from './escape.js';
import { formatClock, formatSpan } from './format-time.js';
import { FAULT_COLOR, phaseColor, RPO_COLOR, seriesColor } from './html/palette.js';
import { REPORT_CSS } from './html/styles.js';
import { timelineSvg } from './html/timeline-svg.js';
import { pairTraces } from './pair-traces.js';
import type { ReportSet, Suite, TraceInput } from './report-set.js';
import { caseName, suitesOf } from './report-set.js';
import type { RunResult } from './result-types.js';
import { failuresOf } from './result-types.js';

export interface HtmlOptions {
  /** Page title. Default `drsim report`. */
  title?: string;
  /** Up to this many runs, every run gets a detail section; above it, only failed runs and runs with traces. Default 50. */
  detailAllUpTo?: number;
  /** Width of the timeline pictures in px. Default 960. */
  timelineWidthPx?: number;
}

const e = escapeHtml;

function badge(kind: string, text = kind): string {
  return `<span class="badge ${e(kind)}">${e(text)}</span>`;
}

function legend(app: AppTimeline, run: RunTimeline): string {
  const items: string[] = [];
  for (const phase of [...new Set(app.phases.map((p) => p.phase || '(none)'))]) items.push(`<span><span class="swatch" style="background:${phaseColor(phase)}"></span>${e(phase)}</span>`);
  app.lag.forEach((s, i) => items.push(`<span><span class="swatch" style="background:${seriesColor(i)}"></span>lag ${e(s.pvc)}</span>`));
  if (run.faults.length) items.push(`<span><span class="swatch" style="background:${FAULT_COLOR}"></span>fault in effect</span>`);
  if (app.rpo.length) items.push(`<span><span class="swatch" style="background:${RPO_COLOR}"></span>failover RPO</span>`);
  return `<div class="legend">${items.join('')}</div>`;
}

function runTitle(run: RunResult, suite: Suite): string {
  return suite.campaign ? `${suite.name}: ${caseName(run, suite)}` : caseName(run, suite) === run.scenario ? `${run.scenario} (seed ${run.seed})` : caseName(run, suite);
}

function runSection(run: RunResult, suite: Suite, id: string, trace: TraceInput | undefined, options: HtmlOptions): string {
  const out: string[] = [];
  out.push(`<section class="run" id="${id}">`);
  out.push(`<h2>${e(runTitle(run, suite))} ${run.passed ? badge('pass', 'passed') : badge('fail', 'failed')}</h2>`);
  out.push(`<p class="muted">backend ${e(run.backend)} · ${formatSpan(run.virtualDurationMs)} virtual${run.wallMs > 0 ? ` in ${formatSpan(run.wallMs)} wall` : ''} · faults: ${run.faultKinds.length ? e(run.faultKinds.join(', ')) : 'none'} · trace digest <code>${e(run.traceDigest.slice(0, 16))}</code>${trace ? ` · trace <code>${e(trace.source)}</code>` : ''}</p>`);
  out.push(`<pre class="replay"><code>${e(run.replayCommand)}</code></pre>`);
  const failures = failuresOf(run);
  if (!run.passed && failures.length) {
    out.push('<h3>Why it failed</h3><ul>');
    for (const f of failures) {
      out.push(`<li><strong>${e(f.name)}</strong>: ${e(f.explanation)}`);
      if (f.violations.length) out.push(`<ul>${f.violations.map((v) => `<li>at ${formatClock(v.atMs)}: ${e(v.message)}${v.events.length ? ` <span class="muted">(trace events ${e(v.events.join(', '))})</span>` : ''}</li>`).join('')}</ul>`);
      out.push('</li>');
    }
    out.push('</ul>');
  }
  if (run.invariants.length) {
    out.push('<h3>Invariants</h3><table><thead><tr><th>Invariant</th><th>Verdict</th><th>Explanation</th></tr></thead><tbody>');
    for (const i of run.invariants) out.push(`<tr><td>${e(i.name)}</td><td>${badge(i.verdict)}</td><td>${e(i.explanation)}</td></tr>`);
    out.push('</tbody></table>');
  }
  if (run.apps.length) {
    out.push('<h3>Apps</h3><table><thead><tr><th>App</th><th>Phase</th><th>Progression</th><th>Primary</th><th>Acked writes</th><th>Lost writes</th><th>Failovers (RPO)</th></tr></thead><tbody>');
    for (const a of run.apps) {
      const fo = a.failovers.map((f) => `${formatClock(f.atMs)}: ${formatSpan(f.rpoMs)} / ${f.rpoWrites} writes`).join('<br>');
      out.push(`<tr><td>${e(a.name)}</td><td>${e(a.phase || '-')}</td><td>${e(a.progression || '-')}</td><td>${e(a.primary || '-')}</td><td class="num">${a.ackedWrites}</td><td class="num">${a.lostWrites}</td><td>${fo || '-'}</td></tr>`);
    }
    out.push('</tbody></table>');
  }
  if (run.steps?.length) {
    out.push('<h3>Steps</h3><ol class="steps">');
    for (const s of run.steps) out.push(`<li class="${s.ok ? 'ok' : 'failed'}">${e(s.label)} <span class="muted">(line ${s.line}, at ${formatClock(s.atMs)})</span>${s.ok ? '' : `: ${e(s.message ?? 'failed')}`}</li>`);
    out.push('</ol>');
  }
  const timeline = buildRunTimeline(trace?.events ?? [], run);
  if (timeline.apps.length) {
    out.push(`<h3>Timeline${trace ? '' : ' <span class="muted">(no trace given: measurements only)</span>'}</h3>`);
    for (const app of timeline.apps) {
      const last = app.phases[app.phases.length - 1];
      out.push(`<figure class="app-timeline" data-app="${e(app.label)}"><figcaption>${e(app.label)}${last ? ` <span class="muted">ends ${e(last.phase || '(none)')}${last.progressions.length ? `/${e(last.progressions[last.progressions.length - 1]!)}` : ''}</span>` : ''}</figcaption>`);
      out.push(timelineSvg(app, timeline, { widthPx: options.timelineWidthPx ?? 960 }));
      out.push(legend(app, timeline), '</figure>');
    }
  }
  out.push('</section>');
  return out.join('\n');
}

export function renderHtml(set: ReportSet, options: HtmlOptions = {}): string {
  const suites = suitesOf(set);
  const runs = suites.flatMap((s) => s.runs);
  const failed = runs.filter((r) => !r.passed);
  const traces = pairTraces(runs, set.traces ?? []);
  const scenarios = new Set(runs.map((r) => r.scenario));
  const faultKinds = [...new Set(runs.flatMap((r) => r.faultKinds))].sort();
  const title = options.title ?? 'drsim report';
  const detailAll = runs.length <= (options.detailAllUpTo ?? 50);
  const verdict = runs.length === 0 ? 'no runs' : failed.length ? `${failed.length} of ${runs.length} runs failed` : runs.length === 1 ? 'the run passed' : `all ${runs.length} runs passed`;

  const body: string[] = [];
  body.push(`<header><h1>${e(title)}</h1><p class="verdict ${failed.length ? 'fail' : 'pass'}">${e(verdict)}</p>`);
  const stat = (label: string, value: string | number): string => `<div><dt>${e(label)}</dt><dd>${e(String(value))}</dd></div>`;
  body.push(
    `<dl class="stats">${stat('runs', runs.length)}${stat('passed', runs.length - failed.length)}${stat('failed', failed.length)}${stat('scenarios', scenarios.size)}${stat('seeds', new Set(runs.map((r) => r.seed)).size)}${stat('virtual time', formatSpan(runs.reduce((s, r) => s + r.virtualDurationMs, 0)))}</dl>`,
  );
  body.push(`<p>Fault kinds exercised: ${faultKinds.length ? faultKinds.map((k) => `<code>${e(k)}</code>`).join(', ') : 'none'}</p></header>`);

  const ids = new Map<RunResult, string>();
  let n = 0;
  for (const s of suites) for (const r of s.runs) ids.set(r, `run-${n++}`);
  const detailed = (r: RunResult): boolean => detailAll || !r.passed || traces.has(r);

  body.push('<section id="runs"><h2>Runs</h2><table><thead><tr><th>Suite</th><th>Run</th><th>Result</th><th>Backend</th><th>Virtual time</th><th>Faults</th><th>First failure</th></tr></thead><tbody>');
  for (const s of suites) {
    const suiteName = s.shard ? `${s.name} (shard ${s.shard.index + 1} of ${s.shard.count})` : s.name;
    for (const r of s.runs) {
      const name = detailed(r) ? `<a href="#${ids.get(r)}">${e(caseName(r, s))}</a>` : e(caseName(r, s));
      const first = r.passed ? '' : failuresOf(r)[0]!;
      body.push(
        `<tr class="${r.passed ? 'pass' : 'fail'}"><td>${e(suiteName)}</td><td class="name">${name}</td><td>${r.passed ? badge('pass', 'passed') : badge('fail', 'failed')}</td><td>${e(r.backend)}</td><td class="num">${formatSpan(r.virtualDurationMs)}</td><td>${e(r.faultKinds.join(', ') || '-')}</td><td>${first ? `${e(first.name)}: ${e(first.explanation)}` : ''}</td></tr>`,
      );
    }
  }
  body.push('</tbody></table></section>');
  for (const s of suites) for (const r of s.runs) if (detailed(r)) body.push(runSection(r, s, ids.get(r)!, traces.get(r), options));
  body.push(`<footer>drsim report · ${runs.length} runs · ${traces.size} traces</footer>`);

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${e(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

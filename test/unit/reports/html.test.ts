// Goal: the HTML report is one self-contained, deterministic file with a timeline per app, and headless
// Chromium, opening it from disk with no network, shows the runs, the phases, the faults and the RPO.
// Method: check the markup directly; then render with `chromium --dump-dom` (the DOM Chromium built)
// and `--screenshot` (decode the PNG and look for the phase colors). Chromium tests skip with one
// visible line when the browser is absent.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../../reports/html.js';
import { PHASE_COLORS } from '../../../reports/html/palette.js';
import { runFromTrace } from '../../../reports/trace/run-from-trace.js';
import { campaign, failingRun } from './fixtures/results.js';
import { countColor, decodePng } from './fixtures/mini-png.js';
import { syntheticTrace } from './fixtures/synthetic-trace.js';

const events = syntheticTrace({ events: 3000 });
const traced = { ...runFromTrace(events, 'demo.ndjson'), passed: false, invariants: failingRun().invariants };
const set = { campaigns: [campaign('nightly', 1, 3, [2])], runs: [traced], traces: [{ source: 'demo.ndjson', events }] };
const html = renderHtml(set);

describe('renderHtml', () => {
  it('needs nothing outside the file: no scripts, links, images or remote URLs', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|url\(|@import/i);
    expect(html).not.toMatch(/(href|xlink:href)="(?!#)/);
  });

  it('is the same bytes for the same input', () => {
    expect(renderHtml(structuredClone(set))).toBe(html);
  });

  it('draws one timeline per app of a traced run, with its phases, faults and RPO', () => {
    const section = html.slice(html.indexOf('id="run-3"'));
    expect(section.match(/<figure class="app-timeline"/g)).toHaveLength(2);
    expect(section).toContain('data-app="busybox/busybox"');
    for (const phase of ['Deployed', 'FailingOver', 'FailedOver', 'Relocating', 'Relocated']) expect(section).toContain(`data-phase="${phase}"`);
    expect(section).toContain('dr1 down');
    expect(section).toContain('hub &lt;-&gt; dr2 cut');
    expect(section).toMatch(/RPO ≈?\d+s · \d+ writes/);
  });

  it('escapes what comes from results', () => {
    expect(html).toContain('dr1 was not fenced &amp; still &lt;writing&gt;');
    expect(html).not.toContain('<writing>');
  });
});

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((bin) => spawnSync(bin, ['--version'], { stdio: 'ignore' }).status === 0);
if (!chromium) console.warn('SKIP html in Chromium: no chromium binary (apt-get install -y chromium)');

describe.skipIf(!chromium)('the HTML report in headless Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drsim-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // As root Chromium needs --no-sandbox; --disable-background-networking keeps it off the network.
  const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage', '--hide-scrollbars'];

  it('builds the DOM we expect: verdict, run rows, one SVG per app timeline, phase labels as SVG text', () => {
    const dom = execFileSync(chromium!, [...flags, '--dump-dom', `file://${file}`], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] });
    expect(dom).toContain('<p class="verdict fail">2 of 4 runs failed</p>');
    expect(dom.match(/<tr class="(pass|fail)">/g)).toHaveLength(4);
    // Chromium parsed the inline SVG as SVG: its elements survive with their text content.
    expect(dom.match(/<svg class="timeline"/g)!.length).toBeGreaterThanOrEqual(2);
    expect(dom).toMatch(/<text[^>]*>FailedOver<\/text>/);
    expect(dom).toMatch(/<text[^>]*>dr1 down<\/text>/);
    expect(dom).toContain('fencing-before-promotion');
  });

  it('paints the phase colors on screen', () => {
    const shot = join(dir, 'shot.png');
    execFileSync(chromium!, [...flags, '--window-size=1200,4000', `--screenshot=${shot}`, `file://${file}`], { timeout: 60_000, stdio: 'ignore' });
    const png = decodePng(readFileSync(shot));
    expect(png.width).toBe(1200);
    // A 960-px timeline of a 3000-event trace gives each of these phases a block of many pixels.
    for (const phase of ['Deployed', 'FailedOver', 'Relocating']) expect(countColor(png, PHASE_COLORS[phase]!), phase).toBeGreaterThan(500);
  });
});

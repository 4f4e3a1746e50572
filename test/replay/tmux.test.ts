// Goal: the replay UI works in a real terminal: it draws, reads keys (fault jump, step, app select,
// filter, quit) and gives the terminal back with the seed line printed. Method: run
// `cli/commands/replay-main.ts` in a detached tmux session of 160x48 on a private tmux socket in a temporary folder, type
// with send-keys and read the screen with capture-pane. Skips with one visible line without tmux.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticTrace, toNdjson } from '../unit/reports/fixtures/synthetic-trace.js';

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasTmux) console.warn('SKIP replay in tmux: no tmux binary (apt-get install -y tmux)');

const SESSION = 'replay';
const repo = resolve(import.meta.dirname, '../..');
const dir = hasTmux ? mkdtempSync(join(tmpdir(), 'drsim-tmux-')) : '';
// A private tmux server whose socket lives in the test's own folder: nothing is left behind.
const SOCKET = join(dir, 'tmux.sock');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-S', SOCKET, ...args], { encoding: 'utf8' });
}

function screen(): string {
  return tmux('capture-pane', '-p', '-t', SESSION);
}

/** Polls the screen until `test` passes; fails with the last screen if it never does. */
async function waitFor(test: (s: string) => boolean, what: string, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    last = screen();
    if (test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; the screen was:\n${last}`);
}

describe.skipIf(!hasTmux)('drsim replay in tmux', () => {
  const trace = join(dir, 'trace.ndjson');
  writeFileSync(trace, toNdjson(syntheticTrace({ events: 10_000 })));
  afterAll(() => {
    spawnSync('tmux', ['-S', SOCKET, 'kill-server'], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws, takes keys, and quits leaving the seed line', async () => {
    const tsx = join(repo, 'node_modules/.bin/tsx');
    // The pane outlives the program (the echo and sleep) so the last screen can be read.
    // CI=true as on a CI runner: Ink would draw nothing until exit unless drsim's entry point clears it on a terminal.
    const command = `cd '${repo}' && CI=true '${tsx}' cli/commands/replay-main.ts '${trace}'; echo "EXITED $?"; sleep 30`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '48', command);

    let s = await waitFor((x) => x.includes('drsim replay') && x.includes('space play/pause'), 'the first frame');
    expect(s).toContain('event 0/10000');
    expect(s).toContain('Hub · DRPCs');
    // Every line fits the 160-column terminal: a frame that overflowed would wrap and break boxes.
    expect(s.split('\n').filter((l) => l.startsWith('╭')).length).toBeGreaterThanOrEqual(3);

    tmux('send-keys', '-t', SESSION, 'f');
    s = await waitFor((x) => x.includes('fault.inject clusterDown dr1'), 'the first fault');
    expect(s).toContain('dr1 down for');

    tmux('send-keys', '-t', SESSION, 'Right');
    s = await waitFor((x) => x.includes('dr1 ✗ down'), 'the node going down after one step');

    tmux('send-keys', '-t', SESSION, 'p');
    s = await waitFor((x) => x.includes('FailingOver'), 'the next phase change');

    tmux('send-keys', '-t', SESSION, 'Tab', 'Tab');
    s = await waitFor((x) => x.includes('app: db'), 'selecting the second app');
    expect(s).not.toContain('VRG busybox/busybox');

    tmux('send-keys', '-t', SESSION, 'Tab', '/');
    await waitFor((x) => x.includes('filter: █'), 'the filter prompt');
    tmux('send-keys', '-t', SESSION, '-l', 'mirror');
    tmux('send-keys', '-t', SESSION, 'Enter', 'G');
    s = await waitFor((x) => x.includes('Events matching "mirror"') && x.includes('event 10000/10000'), 'the filtered log at the end');
    const logLines = s.split('\n').filter((l) => /^│ \d\d:\d\d:\d\d\.\d{3} #\d+ /.test(l));
    expect(logLines.length).toBeGreaterThan(5);
    for (const l of logLines) expect(l).toContain('mirror');

    tmux('send-keys', '-t', SESSION, 'q');
    s = await waitFor((x) => x.includes('EXITED'), 'the program to exit');
    expect(s).toContain('EXITED 0');
    expect(s).toContain('SEED=7 clusters=dr1,dr2 events=10000');
    // The alternate screen is gone: no box-drawing is left behind.
    expect(s).not.toContain('Hub · DRPCs');
  }, 60_000);
});

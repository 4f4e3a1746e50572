// Summarises a V8 CPU profile: where the time went, by function (self time) and by source folder, with
// the idle time (the process waiting, or another process holding the core) left out.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/p --import tsx bench/profile-demo.ts
//   npx tsx bench/profile-summary.ts /tmp/p [--top 40] [--depth 2] [--blame sim/apiserver]
//
// `--blame FOLDER` charges the time spent in FOLDER (and in what it calls) to the nearest caller
// outside it, which is how a cost such as the API server's copies is traced to the code asking for them.
//
// Given a folder, it reads the largest .cpuprofile in it (the main thread's; tsx's loader thread
// writes a small one of its own).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function profileFile(path: string): string {
  if (!statSync(path).isDirectory()) return path;
  const files = readdirSync(path)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => ({ f: join(path, f), size: statSync(join(path, f)).size }))
    .sort((a, b) => b.size - a.size);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${path}`);
  return files[0]!.f;
}

const REPO = process.cwd();

function where(url: string): string {
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  return path.startsWith(`${REPO}/`) ? path.slice(REPO.length + 1) : path;
}

function summarise(profile: CpuProfile, top: number, depth: number, blame: string | undefined): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const byFunction = new Map<string, number>();
  const byFolder = new Map<string, number>();
  const byBlamed = new Map<string, number>();
  let blamedTotal = 0;
  let total = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const fn = node.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)') continue;
    total += us;
    const file = where(node.callFrame.url);
    byFunction.set(`${fn} ${file}`, (byFunction.get(`${fn} ${file}`) ?? 0) + us);
    // A folder of this repository: the function's own, or for library and native code its nearest caller's.
    let folder: string | undefined;
    for (let cur: number | undefined = id; cur !== undefined && folder === undefined; cur = parent.get(cur)) {
      const f = where(byId.get(cur)!.callFrame.url);
      if (f !== '' && !f.startsWith('/') && !f.startsWith('node:') && !f.startsWith('node_modules')) folder = f.split('/').slice(0, depth).join('/');
    }
    const key = fn === '(garbage collector)' ? '(garbage collector)' : folder === undefined ? '(outside the repository)' : file === '' || file.startsWith('node') || file.startsWith('/') ? `${folder} (via libraries or natives)` : folder;
    byFolder.set(key, (byFolder.get(key) ?? 0) + us);
    if (blame !== undefined) {
      const caller = blamedCaller(id, blame, byId, parent);
      if (caller !== undefined) {
        blamedTotal += us;
        byBlamed.set(caller, (byBlamed.get(caller) ?? 0) + us);
      }
    }
  }
  const lines = [`busy ${(total / 1000).toFixed(0)} ms (idle excluded)`, '', 'self time by function:'];
  const row = (k: string, us: number): string => `${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`;
  for (const [k, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(row(k, us));
  lines.push('', `self time by folder (depth ${depth}):`);
  for (const [k, us] of [...byFolder].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(row(k, us));
  if (blame !== undefined) {
    lines.push('', `time in ${blame} (${(blamedTotal / 1000).toFixed(0)} ms) by the nearest caller outside it:`);
    for (const [k, us] of [...byBlamed].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(row(k, us));
  }
  return lines.join('\n');
}

/** For a sample inside `folder` (or in code it called), the first repository frame above it outside `folder`. */
function blamedCaller(id: number, folder: string, byId: Map<number, ProfileNode>, parent: Map<number, number>): string | undefined {
  let inside = false;
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const frame = byId.get(cur)!.callFrame;
    const f = where(frame.url);
    if (f.startsWith(`${folder}/`)) inside = true;
    else if (inside && f !== '' && !f.startsWith('/') && !f.startsWith('node:') && !f.startsWith('node_modules')) return `${frame.functionName || '(anonymous)'} ${f}`;
  }
  return undefined;
}

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--'));
if (!path) {
  process.stderr.write('usage: tsx bench/profile-summary.ts PROFILE_OR_DIR [--top N] [--depth N] [--blame FOLDER]\n');
  process.exit(2);
}
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const profile = JSON.parse(readFileSync(profileFile(path), 'utf8')) as CpuProfile;
const blameAt = args.indexOf('--blame');
console.log(summarise(profile, opt('--top', 40), opt('--depth', 2), blameAt >= 0 ? args[blameAt + 1] : undefined));

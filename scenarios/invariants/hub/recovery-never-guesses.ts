// Hub spec §18 S15: a pass whose hub-recovery verdict (§8) is Stop or AllowFailover writes no VRG
// ManifestWork other than by adoption and no placement decision.
//
// Writes are tied to passes by the hub's own brackets (`hub.drpc.begin` / `hub.drpc.end` around each
// DRPC pass, `hub.drpc.recovery` with the verdict in between). Passes of one DRPC run one at a time,
// except that a crashed operator's pass in flight finishes while its successor's runs: a write (or a
// verdict) is attributed only when exactly one pass that could have made it is open, and otherwise
// judged by nobody. A pass is taken as over PASS_SPAN_MS after it began (hub passes never last that
// long, tracking/hub-history.ts), so a pass that never ends cannot swallow later writes.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { PlacementDecision } from '../../../engine/api/ocm/placement-decision.js';
import { jsonEqual } from '../../../engine/api/storage/schema-parts.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { PASS_SPAN_MS } from '../tracking/hub-history.js';
import type { VrgWorkWrite } from '../tracking/vrg-work-writes.js';
import { VrgWorkWrites } from '../tracking/vrg-work-writes.js';
import { hubDecisionWrite } from './pass-reads.js';

interface Verdict {
  progress: string;
  row: number;
  seq: number;
}

interface Pass {
  drpc: string;
  beganMs: number;
  verdict?: Verdict;
  /** Two passes of the DRPC were open when a verdict came: which one it was is unknown. */
  ambiguous: boolean;
  works: VrgWorkWrite[];
  decisions: { seq: number; placement: string }[];
}

const GUARDED = new Set(['Stop', 'AllowFailover']);

function decisionsOf(obj: KubeObject | undefined): unknown {
  return (obj as PlacementDecision | undefined)?.status?.decisions ?? [];
}

export function recoveryNeverGuesses(): Checker {
  const log = new ViolationLog();
  const writes = new VrgWorkWrites();
  const open = new Map<string, Pass[]>();

  const judge = (p: Pass, atMs: number): void => {
    const v = p.verdict;
    if (!v || p.ambiguous || !GUARDED.has(v.progress)) return;
    const why = `${p.drpc}: in a pass whose recovery verdict was ${v.progress} (row ${v.row})`;
    for (const w of p.works) {
      if (w.purpose === 'adoption') continue;
      log.add(atMs, `${why}, the hub wrote VRG work ${w.key} (${w.purpose ?? `untagged ${w.verb}`})`, [v.seq, w.seq, w.purposeSeq ?? -1], `w${w.seq}`);
    }
    for (const d of p.decisions) log.add(atMs, `${why}, the hub wrote the decision of placement ${d.placement}`, [v.seq, d.seq], `d${d.seq}`);
  };
  const close = (drpc: string, atMs: number, all: boolean): void => {
    const list = open.get(drpc) ?? [];
    const keep = all ? [] : list.filter((p) => p.beganMs >= atMs - PASS_SPAN_MS);
    for (const p of list) if (!keep.includes(p)) judge(p, Math.min(atMs, p.beganMs + PASS_SPAN_MS));
    if (keep.length > 0) open.set(drpc, keep);
    else open.delete(drpc);
  };
  const openOf = (drpc: string, atMs: number): Pass[] => {
    close(drpc, atMs, false);
    return open.get(drpc) ?? [];
  };
  /** The one open pass among those of `drpcs`; undefined when none or several are open. */
  const soleOpen = (drpcs: readonly string[], atMs: number): Pass | undefined => {
    const passes = drpcs.flatMap((d) => openOf(d, atMs));
    return passes.length === 1 ? passes[0] : undefined;
  };

  return {
    name: 'recovery-never-guesses',
    kind: 'safety',
    source: 'hub spec §18 S15',
    explanation:
      'In a DRPC pass whose hub-recovery verdict was Stop or AllowFailover, the hub writes no VRG ManifestWork except to adopt a ' +
      'VRG, and changes no placement decision. Passes, verdicts and the purpose of each VRG work write come from the hub\'s own ' +
      'trace events; a write is judged only when exactly one pass that could have made it was open. The verdict is the hub\'s: ' +
      'this proves the writes respect it, not that the §8 table was evaluated right (the hub unit tests pin the table).',
    onEvent(o: Observed, w: ObservedWorld): void {
      const e = o.event;
      const { written } = writes.observe(o);
      if (written) {
        soleOpen([written.drpc], e.t)?.works.push(written);
        return;
      }
      if (e.type === 'hub.drpc.begin') {
        const drpc = String(e.drpc);
        open.set(drpc, [...openOf(drpc, e.t), { drpc, beganMs: e.t, ambiguous: false, works: [], decisions: [] }]);
        return;
      }
      if (e.type === 'hub.drpc.end') {
        close(String(e.drpc), e.t, true);
        return;
      }
      if (e.type === 'hub.drpc.recovery') {
        const passes = openOf(String(e.drpc), e.t);
        const verdict = { progress: String(e.progress), row: Number(e.row ?? -1), seq: e.seq };
        for (const p of passes) {
          p.verdict = verdict;
          p.ambiguous ||= passes.length > 1;
        }
        return;
      }
      const dw = hubDecisionWrite(o, w);
      if (!dw) return;
      const kind = String(e.kind);
      const name = String(e.name);
      if (jsonEqual(decisionsOf(w.hub.previous(kind, dw.namespace, name)), decisionsOf(w.hub.latest(kind, dw.namespace, name)))) return;
      soleOpen(dw.drpcs.map((d) => d.key), e.t)?.decisions.push({ seq: e.seq, placement: `${dw.namespace}/${dw.placement}` });
    },
    finish(): ReturnType<Checker['finish']> {
      for (const drpc of [...open.keys()]) close(drpc, Number.POSITIVE_INFINITY, true);
      return log.report('safety');
    },
  };
}

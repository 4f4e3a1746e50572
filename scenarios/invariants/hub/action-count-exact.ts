// Hub spec §18 S20: the dr-action-count annotation counts each failover and relocate initiation once.

import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';
import { DR_ACTION_COUNT_ANNOTATION } from '../../../engine/api/ramen/hub-constants.js';
import { parseActionCount } from '../../../engine/hub/drpc/progression.js';
import { HubKinds } from '../../../engine/hub/kinds.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import { HUB_OPERATOR } from '../kinds.js';

type Field = 'failover' | 'relocate';
const ENTERED: Record<Field, string> = { failover: 'FailingOver', relocate: 'Relocating' };
const REST_OR_INITIATING = new Set(['', 'WaitForUser', 'Deployed', 'FailedOver', 'Relocated', 'Initiating']);

interface DrpcCounts {
  phase: string;
  counts: Record<Field, number>;
  /** Counts stored when the stored phase last became a rest phase or Initiating. */
  baseline: Record<Field, number>;
  seq: number;
}

/**
 * The phases the hub moved a DRPC through in memory, by pass: `hub.drpc.pass` ends a pass's
 * processing, and its status write follows, so a write is judged on the moves of the pass in progress
 * or, when that has made none yet, of the pass that just ended.
 */
interface PassMoves {
  current: string[];
  last: string[];
}

function movesOf(p: PassMoves | undefined): string[] {
  if (!p) return [];
  return p.current.length > 0 ? p.current : p.last;
}

function countsOf(d: DRPlacementControl): Record<Field, number> {
  const c = parseActionCount(d.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION]);
  return { failover: c.failover, relocate: c.relocate };
}

/**
 * Whether the hub's pass moved from Initiating into `entered`. With
 * `fromStored`, a stored Initiating counts as the start: a raise is then possible, but not certain,
 * since the counter compares with the phase the annotation last recorded, which a lost status write
 * can leave ahead of the stored phase (a deployment's Deploying, say, over a stored Initiating).
 */
function initiated(prev: DrpcCounts, moves: readonly string[], entered: string, fromStored: boolean): boolean {
  const from = moves.lastIndexOf('Initiating');
  const to = moves.lastIndexOf(entered);
  return to >= 0 && (from >= 0 ? from < to : fromStored && prev.phase === 'Initiating');
}

export function actionCountExact(): Checker {
  const log = new ViolationLog();
  const state = new Map<string, DrpcCounts>();
  const passes = new Map<string, PassMoves>();
  return {
    name: 'action-count-exact',
    kind: 'safety',
    source: 'hub spec §18 S20',
    explanation:
      'The hub raises the dr-action-count failover (relocate) count by exactly one for each action initiation whose phase moves from ' +
      'Initiating to FailingOver (Relocating), even when both moves happen in one pass, and never otherwise: every hub write of the ' +
      'DRPC keeps each count or raises it by one, a raise needs that move (from the hub\'s phase trace events of the pass that wrote, ' +
      'or a stored Initiating), and a stored phase that enters FailingOver (Relocating) after the hub moved it through ' +
      'Initiating in memory comes with a count above the one stored when the DRPC last rested or began initiating. Counts a person edits, or a hub restored from backup, restart the tally.',
    onEvent(o: Observed): void {
      const e = o.event;
      if (e.type === 'api.wipe' && e.cluster === 'hub') state.clear();
      if (e.type === 'hub.drpc.phase' || e.type === 'hub.drpc.pass') {
        const key = String(e.drpc);
        const p = passes.get(key) ?? { current: [], last: [] };
        if (e.type === 'hub.drpc.phase') p.current.push(String(e.phase));
        else passes.set(key, { current: [], last: p.current });
        if (!passes.has(key)) passes.set(key, p);
        return;
      }
      if (e.type !== 'api.write' || e.cluster !== 'hub' || e.kind !== HubKinds.drpc.kind || e.noop || !o.object) return;
      const key = `${String(e.ns ?? '')}/${String(e.name)}`;
      const drpc = o.object as DRPlacementControl;
      const prev = state.get(key);
      const phase = drpc.status?.phase ?? '';
      const counts = countsOf(drpc);
      const phaseChanged = prev === undefined || prev.phase !== phase;
      const next: DrpcCounts = {
        phase,
        counts,
        baseline: phaseChanged && REST_OR_INITIATING.has(phase) ? counts : (prev?.baseline ?? counts),
        seq: e.seq,
      };
      if (e.verb === 'remove') {
        state.delete(key);
        return;
      }
      state.set(key, next);
      if (!prev || e.actor !== HUB_OPERATOR) {
        next.baseline = counts;
        return;
      }
      const moves = movesOf(passes.get(key));
      for (const field of ['failover', 'relocate'] as const) {
        const was = prev.counts[field];
        const now = counts[field];
        const events = [e.seq, prev.seq];
        if (now < was || now > was + 1) log.add(e.t, `${key}: the hub changed the ${field} count from ${was} to ${now}`, events, `${e.seq}/${field}`);
        else if (now === was + 1 && !initiated(prev, moves, ENTERED[field], true)) log.add(e.t, `${key}: the hub raised the ${field} count to ${now} without moving from Initiating to ${ENTERED[field]}`, events, `${e.seq}/${field}`);
        if (phase === ENTERED[field] && phaseChanged && initiated(prev, moves, ENTERED[field], false) && now <= prev.baseline[field]) {
          log.add(e.t, `${key}: the hub stored phase ${phase} entered from Initiating with the ${field} count still ${now}`, events, `${e.seq}/${field}/missed`);
        }
      }
    },
    finish: () => log.report('safety'),
  };
}

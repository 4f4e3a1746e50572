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
  /** Phases the hub moved this DRPC through (in memory) since the stored phase last changed. */
  moves: string[];
  seq: number;
}

function countsOf(d: DRPlacementControl): Record<Field, number> {
  const c = parseActionCount(d.metadata.annotations?.[DR_ACTION_COUNT_ANNOTATION]);
  return { failover: c.failover, relocate: c.relocate };
}

/** Whether the hub moved from Initiating into `entered` since the stored phase last changed. */
function initiated(prev: DrpcCounts, entered: string): boolean {
  const from = prev.moves.lastIndexOf('Initiating');
  const to = prev.moves.lastIndexOf(entered);
  return to >= 0 && (from >= 0 ? from < to : prev.phase === 'Initiating');
}

export function actionCountExact(): Checker {
  const log = new ViolationLog();
  const state = new Map<string, DrpcCounts>();
  return {
    name: 'action-count-exact',
    kind: 'safety',
    source: 'hub spec §18 S20',
    explanation:
      'The hub raises the dr-action-count failover (relocate) count by exactly one for each action initiation whose phase moves from ' +
      'Initiating to FailingOver (Relocating), even when both moves happen in one pass, and never otherwise: every hub write of the ' +
      'DRPC keeps each count or raises it by one, a raise needs that move (from the hub\'s phase trace events since the stored phase ' +
      'last changed), and a stored phase that enters FailingOver (Relocating) through Initiating comes with a count above the one ' +
      'stored when the DRPC last rested or began initiating. Counts a person edits, or a hub restored from backup, restart the tally.',
    onEvent(o: Observed): void {
      const e = o.event;
      if (e.type === 'api.wipe' && e.cluster === 'hub') state.clear();
      if (e.type === 'hub.drpc.phase') {
        state.get(String(e.drpc))?.moves.push(String(e.phase));
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
        moves: phaseChanged ? [] : (prev?.moves ?? []),
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
      for (const field of ['failover', 'relocate'] as const) {
        const was = prev.counts[field];
        const now = counts[field];
        const events = [e.seq, prev.seq];
        if (now < was || now > was + 1) log.add(e.t, `${key}: the hub changed the ${field} count from ${was} to ${now}`, events, `${e.seq}/${field}`);
        else if (now === was + 1 && !initiated(prev, ENTERED[field])) log.add(e.t, `${key}: the hub raised the ${field} count to ${now} without moving from Initiating to ${ENTERED[field]}`, events, `${e.seq}/${field}`);
        if (phase === ENTERED[field] && phaseChanged && initiated(prev, ENTERED[field]) && now <= prev.baseline[field]) {
          log.add(e.t, `${key}: the hub stored phase ${phase} entered from Initiating with the ${field} count still ${now}`, events, `${e.seq}/${field}/missed`);
        }
      }
    },
    finish: () => log.report('safety'),
  };
}

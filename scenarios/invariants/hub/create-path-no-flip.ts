// Hub spec §18 S12: the create path never flips state, and the optional-field refresh only rewrites
// primary works and never the fields that carry a decision.

import type { VolumeReplicationGroup } from '../../../engine/api/ramen/vrg.js';
import { jsonEqual } from '../../../engine/api/storage/schema-parts.js';
import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { VrgWorkWrite } from '../tracking/vrg-work-writes.js';
import { VrgWorkWrites } from '../tracking/vrg-work-writes.js';

/** The VRG fields the refresh must keep, normalized the way the hub writes them (false/empty = absent). */
const KEPT: readonly [string, (v: VolumeReplicationGroup) => unknown][] = [
  ['replicationState', (v) => v.spec?.replicationState ?? ''],
  ['pvcSelector', (v) => v.spec?.pvcSelector ?? {}],
  ['prepareForFinalSync', (v) => v.spec?.prepareForFinalSync === true],
  ['runFinalSync', (v) => v.spec?.runFinalSync === true],
  ['volSync.rdSpec', (v) => v.spec?.volSync?.rdSpec ?? []],
];

function judge(w: VrgWorkWrite): string | undefined {
  const where = `${w.drpc}: the hub's ${w.purpose} write of ${w.key}`;
  if (w.purpose === 'create') {
    if (!w.before) return undefined;
    const from = w.before.spec?.replicationState ?? '';
    const to = w.after?.spec?.replicationState ?? '(deleted)';
    return from !== to ? `${where} flipped an existing work from ${from} to ${to}` : `${where} modified an existing work`;
  }
  if (w.purpose !== 'refresh-optional') return undefined;
  if (w.before?.spec?.replicationState !== 'primary') return `${where} rewrote a work whose VRG was ${w.before?.spec?.replicationState ?? 'absent'}, not primary`;
  if (!w.after) return `${where} deleted the work`;
  const changed = KEPT.filter(([, get]) => !jsonEqual(get(w.before!), get(w.after!))).map(([name]) => name);
  return changed.length > 0 ? `${where} changed ${changed.join(', ')}` : undefined;
}

export function createPathNoFlip(): Checker {
  const log = new ViolationLog();
  const writes = new VrgWorkWrites();
  return {
    name: 'create-path-no-flip',
    kind: 'safety',
    source: 'hub spec §18 S12',
    explanation:
      'Every hub write of a VRG ManifestWork names its purpose in the trace; each write is judged by its effect on the stored work: ' +
      'a write of the create path (initial deploy, promotion of a target with no work) finds no work there, so it never modifies ' +
      'one, let alone flips its replicationState; an optional-field refresh rewrites only a work whose VRG was primary and keeps ' +
      'replicationState, pvcSelector, the final-sync flags and volSync.rdSpec. Secondary setup, state updates, final-sync requests, ' +
      'adoption and dry-run writes are not judged here (secondary setup may demote a primary work, as Ramen does).',
    onEvent(o: Observed): void {
      const { tagged } = writes.observe(o);
      if (!tagged) return;
      const problem = judge(tagged);
      if (problem) log.add(o.event.t, problem, [tagged.seq, tagged.purposeSeq ?? -1], String(tagged.seq));
    },
    finish: () => log.report('safety'),
  };
}

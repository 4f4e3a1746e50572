// DR-cluster spec §15 property 19: secondary state honesty.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { conditionOf, operatorVrgStatusWrite, trueAt } from './dr-facts.js';

export function secondaryStateHonesty(): Checker {
  const log = new ViolationLog();
  return {
    name: 'secondary-state-honesty',
    kind: 'safety',
    source: 'dr-cluster spec §15 property 19, §8.7, §14',
    explanation:
      'A VRG status the DR-cluster operator writes with state Secondary and spec action Relocate has DataProtected True at the ' +
      "status's generation: a relocated-away home reports Secondary only once its volumes finished the resync the hub waits for. " +
      'A status without a DataProtected condition is not judged (Ramen then decides by whether VolRep PVCs exist, which the status ' +
      'does not show); Ramen always initialises the condition, so this does not arise in practice.',
    onEvent(o: Observed, _w: ObservedWorld): void {
      const vrg = operatorVrgStatusWrite(o);
      if (!vrg || vrg.status?.state !== 'Secondary' || vrg.spec?.action !== 'Relocate') return;
      const conds = vrg.status.conditions;
      const dp = conditionOf(conds, 'DataProtected');
      if (!dp || trueAt(conds, 'DataProtected', vrg.status.observedGeneration)) return;
      const e = o.event;
      const where = `${String(e.cluster)}: VRG ${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}`;
      log.add(e.t, `${where} reported Secondary for a Relocate while DataProtected was ${dp.status}/${dp.reason} at generation ${String(dp.observedGeneration)} (status generation ${String(vrg.status.observedGeneration)})`, [e.seq], `${where}/${String(vrg.status.observedGeneration)}`);
    },
    finish: () => log.report('safety'),
  };
}

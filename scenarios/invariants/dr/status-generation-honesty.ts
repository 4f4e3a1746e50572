// DR-cluster spec §15 property 20 (and the second clause of 6): status generation honesty.

import type { Checker, Observed } from '../checker.js';
import { ViolationLog } from '../checker.js';
import type { ObservedWorld } from '../observed-world.js';
import { operatorVrgStatusWrite, trueAt } from './dr-facts.js';

export function statusGenerationHonesty(): Checker {
  const log = new ViolationLog();
  return {
    name: 'status-generation-honesty',
    kind: 'safety',
    source: 'dr-cluster spec §15 properties 20 and 6 (state=Primary clause), §3.3, §8.7',
    explanation:
      'Every VRG status the DR-cluster operator writes has observedGeneration equal to the generation it was written over (the ' +
      'status write is conditional on the resourceVersion read, so a newer spec fails the write), no condition observed at a later ' +
      'generation than that, state Unknown whenever DataReady is not True at that generation (so state Primary implies DataReady), ' +
      'and a state that names the spec it was computed from (Primary only with spec primary, Secondary only with spec secondary). ' +
      'Conditions may be older: conditions not re-evaluated on a path keep their generation.',
    onEvent(o: Observed, _w: ObservedWorld): void {
      const vrg = operatorVrgStatusWrite(o);
      if (!vrg) return;
      const e = o.event;
      const gen = vrg.status?.observedGeneration;
      const state = vrg.status?.state ?? '';
      const where = `${String(e.cluster)}: VRG ${vrg.metadata.namespace ?? ''}/${vrg.metadata.name}`;
      const problems: string[] = [];
      if (gen !== vrg.metadata.generation) problems.push(`observedGeneration ${String(gen)} over generation ${String(vrg.metadata.generation)}`);
      const ahead = (vrg.status?.conditions ?? []).filter((c) => gen !== undefined && (c.observedGeneration ?? 0) > gen);
      if (ahead.length) problems.push(`condition ${ahead[0]!.type} observed at generation ${String(ahead[0]!.observedGeneration)}, after the status's ${String(gen)}`);
      if (state !== 'Unknown' && state !== '' && !trueAt(vrg.status?.conditions, 'DataReady', gen)) problems.push(`state ${state} while DataReady is not True at generation ${String(gen)}`);
      const spec = vrg.spec?.replicationState;
      if ((state === 'Primary' && spec !== 'primary') || (state === 'Secondary' && spec !== 'secondary')) problems.push(`state ${state} with spec ${spec ?? '(none)'}`);
      if (problems.length === 0) return;
      log.add(e.t, `${where} status written with ${problems.join('; ')}`, [e.seq], `${where}/${problems[0]}`);
    },
    finish: () => log.report('safety'),
  };
}

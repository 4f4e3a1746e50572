// Goal: the simulator's API server passes the shared API-semantics suite (the same one a real
// kube-apiserver passes in kube-apiserver.test.ts).

import { kindsFor } from '../../engine/api/schema/registry.js';
import type { TraceFields, TraceSink } from '../../engine/runtime/trace-sink.js';
import { SimApiServer } from '../../sim/apiserver/server.js';
import { SimTime } from '../../sim/kernel/sim-time.js';
import { describeApiSemantics, type ConformanceTarget } from './api-semantics.js';

const nullTrace: TraceSink = { emit: (_e: TraceFields) => undefined };

describeApiSemantics('simulator (SimApiServer)', async (): Promise<ConformanceTarget> => {
  const time = new SimTime();
  const server = new SimApiServer({ name: 'dr1', clock: time, scheduler: time, trace: nullTrace, kinds: kindsFor('dr') });
  return {
    client: server.client({ actor: 'conformance' }),
    async eventually(what, check, timeoutMs = 30_000) {
      const deadline = time.nowMs() + timeoutMs;
      for (;;) {
        if (await check()) return;
        if (time.nowMs() >= deadline) throw new Error(`timed out after ${timeoutMs} virtual ms waiting for ${what}`);
        await time.run({ untilMs: time.nowMs() + 100 });
      }
    },
    outage: {
      down: async () => server.setAvailable(false),
      up: async () => server.setAvailable(true),
    },
  };
});

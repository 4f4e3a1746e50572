// Goal: a real kube-apiserver (with etcd and the GC/namespace controllers, the DR cluster's CRDs
// installed from crdsFor('dr')) passes the same API-semantics suite as the simulator, through the
// client-node ClusterClient. Skipped, with one visible line, when the binaries are not built.

import { describe, it } from 'vitest';
import { describeApiSemantics } from './api-semantics.js';
import { announceSkip, pollUntil, skipReason, startDrCluster } from './real-backend.js';

const reason = skipReason();

if (reason) {
  announceSkip('API semantics on a real kube-apiserver', reason);
  describe('API semantics: real kube-apiserver', () => {
    it.skip(`skipped: ${reason}`, () => undefined);
  });
} else {
  describeApiSemantics('real kube-apiserver', async () => {
    const started = await startDrCluster('conformance');
    process.stderr.write(`kube-apiserver conformance: cluster started in ${started.startMs} ms\n`);
    return {
      client: started.client,
      eventually: (what, check, timeoutMs = 30_000) => pollUntil(what, check, timeoutMs),
      outage: {
        down: () => started.cluster.stopApiServer(),
        up: () => started.cluster.restartApiServer(),
      },
      teardown: () => started.stop(),
    };
  });
}

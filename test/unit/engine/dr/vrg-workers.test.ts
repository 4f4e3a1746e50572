// Goal: the VRG controller runs as many reconciles at once as RamenConfig maxConcurrentReconciles
// says (0 or unset means 1), as Ramen's VRG controller does; before, drsim ran one whatever the config.
// Method: the DR-cluster operator's start hook against a simulated API server holding a config.
import { describe, expect, it } from 'vitest';
import { RAMEN_CONFIG_MAP_KEY, RAMEN_CONFIG_MAP_NAME } from '../../../../engine/api/ramen/dr-constants.js';
import { ALL_KINDS } from '../../../../engine/api/schema/all-kinds.js';
import type { ConfigMap } from '../../../../engine/dr/core-kinds.js';
import type { ObjectStoreFactory } from '../../../../engine/runtime/object-store.js';
import { createDrClusterOperator } from '../../../../engine/dr/operator.js';
import { SimApiServer } from '../../../../sim/apiserver/server.js';
import { SimTime } from '../../../../sim/kernel/sim-time.js';

const NS = 'ramen-system';
// The start hook never opens a store.
const noStores: ObjectStoreFactory = {
  open: () => {
    throw new Error('no S3 in this test');
  },
};

async function vrgWorkersWith(configYaml: string | undefined): Promise<number> {
  const time = new SimTime();
  const trace = { emit: () => undefined };
  const server = new SimApiServer({ name: 'dr1', clock: time, scheduler: time, trace, kinds: ALL_KINDS.filter((k) => k.servedOn.includes('dr')) });
  const client = server.client({ actor: 'test' });
  await client.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  if (configYaml !== undefined) await client.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: RAMEN_CONFIG_MAP_NAME, namespace: NS }, data: { [RAMEN_CONFIG_MAP_KEY]: configYaml } } as ConfigMap);
  const op = createDrClusterOperator({ clusterName: 'dr1', client: server.client({ actor: 'ramen' }), clock: time, trace, objectStores: noStores, operatorNamespace: NS });
  await op.startHook();
  const workers = op.controllers.find((c) => c.name === 'vrg')!.workers;
  return typeof workers === 'function' ? workers() : (workers ?? 1);
}

describe('VRG controller workers', () => {
  it("follow the config's maxConcurrentReconciles, 50 in Ramen's default config and 1 when it is 0", async () => {
    expect(await vrgWorkersWith('maxConcurrentReconciles: 7\n')).toBe(7);
    expect(await vrgWorkersWith(undefined)).toBe(50);
    expect(await vrgWorkersWith('maxConcurrentReconciles: 0\n')).toBe(1);
  });
});

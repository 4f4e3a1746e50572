// The doctor on the simulator: the hub's and each cluster's API server through ordinary clients, S3
// through the network model (so an outage or a cut link is seen as a real client would see it), and
// virtual time advanced while the doctor waits for S3 answers.

import { SimObjectStoreFactory } from '../../sim/s3/sim-object-store-factory.js';
import type { SimEnvironment } from '../../sim/world/environment.js';
import { HUB } from '../../sim/world/world.js';
import type { Check, DoctorTarget } from './doctor-types.js';
import { runDoctor } from './run-doctor.js';

/** Ramen's own bound on one S3 request (S3_REQUEST_TIMEOUT_MS). */
const S3_TIMEOUT_MS = 12_000;

export function simDoctorTarget(env: SimEnvironment): DoctorTarget {
  const w = env.world;
  return {
    hub: w.client(HUB, 'drsim-doctor'),
    clusters: w.clusterNames().map((name) => ({ name, client: w.client(name, 'drsim-doctor') })),
    objectStores: new SimObjectStoreFactory(w.s3, w.network, w.trace),
    timeout: { scheduler: w.time, ms: S3_TIMEOUT_MS },
  };
}

/** Runs the doctor while virtual time advances (S3 answers arrive after network latency). */
export async function runDoctorOnSim(env: SimEnvironment): Promise<Check[]> {
  let done = false;
  const result = runDoctor(simDoctorTarget(env)).finally(() => {
    done = true;
  });
  // Every S3 call is bounded by a scheduler timeout, so time always reaches an answer.
  await env.world.runUntil(() => done, 10 * 60_000);
  return result;
}

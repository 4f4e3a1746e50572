// What a scenario may ask of the real-time backend (real kube-apiservers and MinIO, drsim's agents in
// wall time), checked before any server starts: a run that would fail at step 9 after ten minutes of
// real time should fail now, naming the line.

import { describeFault } from '../../sim/faults/fault-injector.js';
import { s3EndpointUrl } from '../../sim/world/bootstrap-manifests.js';
import type { FaultDecl, Scenario, WorldDecl } from '../format/scenario-types.js';

/** The faults this backend carries out, and how, for the error message. */
export const REAL_TIME_FAULTS: Readonly<Partial<Record<FaultDecl['type'], string>>> = {
  clusterDown: "stops the cluster's kube-apiserver and cuts its links",
  clusterUp: 'restarts it and heals its links',
  hubDown: 'the same for the hub',
  hubUp: 'the same for the hub',
  partition: "cuts links between clusters in drsim's network model (OCM agents, replication)",
  heal: 'heals them',
  healAll: 'heals every cut',
  s3Outage: 'stops MinIO',
  s3Restore: 'starts MinIO again',
};

const SUPPORTED = Object.keys(REAL_TIME_FAULTS).join(', ');

/** Endpoint names a scenario may use for the one MinIO: what the simulator resolves for this world. */
export function isRealS3Endpoint(world: WorldDecl, endpoint: string): boolean {
  const url = s3EndpointUrl(world, world.clusters[0]?.name ?? '');
  return endpoint === url || url.includes(endpoint);
}

function faultProblem(world: WorldDecl, f: FaultDecl): string | undefined {
  if (!(f.type in REAL_TIME_FAULTS)) return `${describeFault(f)}: the apiserver backend has no ${f.type} fault (it supports ${SUPPORTED})`;
  if ((f.type === 'partition' || f.type === 'heal') && (f.from.startsWith('s3:') || f.to.startsWith('s3:'))) {
    return `${describeFault(f)}: S3 traffic does not cross drsim's network model on the apiserver backend; use s3Outage`;
  }
  // A per-cluster world is refused as a whole; its endpoints need no second message.
  if ((f.type === 's3Outage' || f.type === 's3Restore') && world.s3 === 'shared' && !isRealS3Endpoint(world, f.endpoint)) {
    return `${describeFault(f)}: the apiserver backend has one S3 endpoint, ${s3EndpointUrl(world, world.clusters[0]?.name ?? '')}`;
  }
  return undefined;
}

/** Everything in the scenario this backend cannot do, each with the file and line; empty when it can run. */
export function realTimeProblems(scenario: Scenario): string[] {
  const out: string[] = [];
  const where = (line: number) => `${scenario.file}:${line}`;
  if (scenario.world.s3 !== 'shared') out.push(`${scenario.file}: the apiserver backend runs one MinIO; declare \`s3: shared\` in the world`);
  for (const step of scenario.steps) {
    if (step.kind !== 'fault') continue;
    const problem = faultProblem(scenario.world, step.fault);
    if (problem) out.push(`${where(step.line)}: ${problem}`);
  }
  return out;
}

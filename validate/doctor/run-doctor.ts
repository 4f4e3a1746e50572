// `runDoctor`: the checklist of what Ramen needs before protection can work, in the order a person
// would fix it: APIs installed, hub configuration, S3 secrets and endpoints, OCM registration,
// DRClusters, storage labels, DRPolicies with peer classes, and what the hub delivered to each
// cluster. A check that cannot run (an API server not answering) fails with what went wrong.

import { DEFAULT_OPERATOR_NAMESPACE } from '../../engine/api/ramen/dr-constants.js';
import type { S3Credentials } from '../../engine/runtime/object-store.js';
import { drClusterConfigCheck } from './checks/dr-cluster-config.js';
import { drCrdCheck, hubCrdCheck } from './checks/crds.js';
import { hubConfigCheck } from './checks/hub-config.js';
import { s3EndpointCheck, s3SecretCheck, type SecretResult } from './checks/s3.js';
import { drPolicyChecks, readStorage, storageLabelCheck, type ClusterStorage } from './checks/storage.js';
import { drClusterChecks, drPolicyList, managedClusterChecks } from './checks/topology.js';
import type { Check, DoctorTarget } from './doctor-types.js';
import { errorText } from './reads.js';
import { redactChecks } from './redact.js';

async function guarded<T>(id: string, title: string, cluster: string, run: () => Promise<T>, onError: (c: Check) => T): Promise<T> {
  try {
    return await run();
  } catch (err) {
    return onError({ id, title, cluster, status: 'fail', detail: `could not check: ${errorText(err)}`, fix: `make the ${cluster === 'hub' ? 'hub' : `${cluster}`} API server reachable and run the doctor again` });
  }
}

export async function runDoctor(target: DoctorTarget): Promise<Check[]> {
  const ns = target.operatorNamespace ?? DEFAULT_OPERATOR_NAMESPACE;
  const checks: Check[] = [];
  const one = async (id: string, title: string, cluster: string, run: () => Promise<Check | Check[]>): Promise<void> => {
    const got = await guarded<Check | Check[]>(id, title, cluster, run, (c) => c);
    checks.push(...(Array.isArray(got) ? got : [got]));
  };

  await one('crds.hub', 'Ramen and OCM kinds served on the hub', 'hub', () => hubCrdCheck(target.hub));
  for (const c of target.clusters) await one(`crds.${c.name}`, `Ramen and storage kinds served on ${c.name}`, c.name, () => drCrdCheck(c.name, c.client));

  const hub = await guarded('hub-config', 'hub ConfigMap', 'hub', () => hubConfigCheck(target.hub, ns), (check) => ({ check, profiles: [] }));
  checks.push(hub.check);

  const credentials = new Map<string, S3Credentials | undefined>();
  for (const p of hub.profiles) {
    const r = await guarded<SecretResult>(`s3-secret.${p.s3ProfileName}`, `S3 secret of profile ${p.s3ProfileName}`, 'hub', () => s3SecretCheck(target, ns, p), (check) => ({ check }));
    checks.push(r.check);
    credentials.set(p.s3ProfileName, r.credentials);
  }
  for (const p of hub.profiles) await one(`s3-endpoint.${p.s3ProfileName}`, `S3 endpoint of profile ${p.s3ProfileName}`, 'hub', () => s3EndpointCheck(target, p, credentials.get(p.s3ProfileName)));

  await one('managed-clusters', 'ManagedClusters', 'hub', () => managedClusterChecks(target.hub, target.clusters.map((c) => c.name)));
  const topology = await guarded(
    'drclusters',
    'DRClusters',
    'hub',
    () => drClusterChecks(target.hub, hub.profiles, target.clusters.map((c) => c.name)),
    (c) => ({ checks: [c], drClusters: [] }),
  );
  checks.push(...topology.checks);

  const storage: ClusterStorage[] = [];
  for (const c of target.clusters) {
    await one(`storage.${c.name}`, `storage classes on ${c.name}`, c.name, async () => {
      const s = await readStorage(c.name, c.client);
      storage.push(s);
      return storageLabelCheck(s);
    });
  }
  await one('drpolicies', 'DRPolicies', 'hub', async () => drPolicyChecks(await drPolicyList(target.hub), topology.drClusters, storage));
  for (const c of target.clusters) await one(`dr-config.${c.name}`, `S3 profiles delivered to ${c.name}`, c.name, () => drClusterConfigCheck(c.name, c.client, ns, hub.config, hub.profiles));
  return redactChecks(checks, [...credentials.values()].filter((c): c is S3Credentials => c !== undefined));
}

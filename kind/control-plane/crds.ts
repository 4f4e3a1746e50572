// Installs on a real cluster exactly the CRDs its role has in a Ramen deployment (crdsFor(role), the
// same schemas the simulator admits with) and waits until the server serves every one of them.

import { crdsFor } from '../../engine/api/schema/crd.js';
import type { ClusterRole } from '../../engine/api/schema/types.js';
import type { KubeObject } from '../../engine/api/meta.js';
import { isAlreadyExists } from '../../engine/runtime/errors.js';
import type { KubeClusterClient } from '../client-node/kube-client.js';
import { waitUntil } from './readiness.js';

export const CRD_KIND = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;

interface CrdStatus {
  conditions?: { type: string; status: string; message?: string }[];
}

function condition(crd: KubeObject, type: string): { status: string; message?: string } | undefined {
  return ((crd.status ?? {}) as CrdStatus).conditions?.find((c) => c.type === type);
}

export async function installCrds(client: KubeClusterClient, role: ClusterRole, timeoutMs = 60_000): Promise<string[]> {
  const crds = crdsFor(role);
  // Sequential: CRD creation is cheap, and the API server rebuilds its OpenAPI on each one anyway.
  for (const crd of crds) {
    try {
      await client.create(crd, { fieldValidation: 'Strict' });
    } catch (err) {
      if (!isAlreadyExists(err)) throw new Error(`CRD ${crd.metadata.name} refused on ${client.clusterName}: ${(err as Error).message}`);
      const current = await client.get(CRD_KIND, { name: crd.metadata.name });
      await client.update({ ...crd, metadata: { ...crd.metadata, resourceVersion: current.metadata.resourceVersion } });
    }
  }
  const names = crds.map((c) => c.metadata.name);
  await waitUntil(
    `CRDs Established on ${client.clusterName}`,
    async () => {
      const { items } = await client.list(CRD_KIND);
      const byName = new Map(items.map((c) => [c.metadata.name, c]));
      for (const name of names) {
        const crd = byName.get(name);
        if (!crd) return false;
        const refused = condition(crd, 'NamesAccepted');
        if (refused?.status === 'False') throw new Error(`CRD ${name} names not accepted: ${refused.message ?? ''}`);
        if (condition(crd, 'Established')?.status !== 'True') return false;
      }
      return true;
    },
    timeoutMs,
  );
  // Established means the handler is installed; discovery follows a moment later.
  client.forgetDiscovery();
  const kinds = crds.flatMap((c) => {
    const spec = c.spec as { group: string; names: { kind: string }; versions: { name: string }[] };
    return spec.versions.map((v) => ({ apiVersion: `${spec.group}/${v.name}`, kind: spec.names.kind }));
  });
  await waitUntil(`discovery of the CRDs on ${client.clusterName}`, async () => (await Promise.all(kinds.map((k) => client.serves(k)))).every(Boolean), timeoutMs, 200);
  return names;
}

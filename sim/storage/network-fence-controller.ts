// The csi-addons NetworkFence controller of one cluster. A NetworkFence asks the storage this
// cluster's driver talks to to refuse (Fenced) or accept again (Unfenced) the clients in its CIDRs;
// the hub creates it on the *peer* of the cluster to fence (hub spec §15.4). As upstream: the spec
// is validated (failures are reported as result Failed without retry), the driver comes from the
// NetworkFenceClass when one is named, the finalizer is added before fencing, status carries only
// `result` and `message`, and deleting a NetworkFence does not unfence.

import type { ClusterClient } from '../../engine/runtime/client.js';
import { ignoreNotFound } from '../../engine/runtime/errors.js';
import { generationChanged } from '../../engine/runtime/reconcile.js';
import type { ControllerSpec, Request, Result } from '../../engine/runtime/reconcile.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { NetworkFence, NetworkFenceClass, FencingOperationResult } from '../../engine/api/storage/network-fence.js';
import {
  FENCE_OPERATION_SUCCESSFUL_MESSAGE,
  NETWORK_FENCE_FINALIZER,
  NetworkFenceClassKind,
  NetworkFenceKind,
  UNFENCE_OPERATION_SUCCESSFUL_MESSAGE,
} from '../../engine/api/storage/network-fence.js';
import { isValidCidr } from './cidr.js';
import type { StorageBackend } from './storage-backend.js';

export interface NetworkFenceControllerDeps {
  cluster: string;
  client: ClusterClient;
  trace: TraceSink;
  storage: StorageBackend;
}

function validate(nf: NetworkFence): string | undefined {
  if (!nf.spec.driver && !nf.spec.networkFenceClassName) return 'required parameter driver or networkFenceClassName is not specified';
  if ((nf.spec.cidrs ?? []).length === 0) return 'required parameter cidrs is not specified';
  const bad = nf.spec.cidrs.find((c) => !isValidCidr(c));
  if (bad !== undefined) return `invalid CIDR ${JSON.stringify(bad)}`;
  return undefined;
}

export function networkFenceController(deps: NetworkFenceControllerDeps): ControllerSpec {
  const { client, storage } = deps;
  const setStatus = async (nf: NetworkFence, result: FencingOperationResult, message: string): Promise<NetworkFence> =>
    client.updateStatus<NetworkFence>({ ...nf, status: { ...(nf.status ?? {}), result, message } });
  return {
    name: 'csi-addons-networkfence',
    reconciler: {
      async reconcile(request: Request): Promise<Result> {
        let nf = await ignoreNotFound(client.get<NetworkFence>(NetworkFenceKind, { name: request.name }));
        if (!nf) return {};
        const finalizers = nf.metadata.finalizers ?? [];
        if (nf.metadata.deletionTimestamp) {
          if (finalizers.includes(NETWORK_FENCE_FINALIZER)) {
            await client.update<NetworkFence>({ ...nf, metadata: { ...nf.metadata, finalizers: finalizers.filter((f) => f !== NETWORK_FENCE_FINALIZER) } });
          }
          return {};
        }
        const invalid = validate(nf);
        if (invalid !== undefined) {
          await setStatus(nf, 'Failed', `Failed to validate Networkfence parameters: ${invalid}`);
          return {};
        }
        let driver = nf.spec.driver ?? '';
        if (nf.spec.networkFenceClassName) {
          const nfc = await client.get<NetworkFenceClass>(NetworkFenceClassKind, { name: nf.spec.networkFenceClassName });
          driver = nfc.spec.provisioner;
        }
        const system = storage.systemFor(deps.cluster, driver);
        if (!system) throw new Error(`no CSI driver ${driver} with network fence support on ${deps.cluster}`);
        if (!finalizers.includes(NETWORK_FENCE_FINALIZER)) {
          nf = await client.update<NetworkFence>({ ...nf, metadata: { ...nf.metadata, finalizers: [...finalizers, NETWORK_FENCE_FINALIZER] } });
        }
        const fencing = nf.spec.fenceState !== 'Unfenced';
        try {
          if (fencing) storage.fence(system.storageId, nf.spec.cidrs);
          else storage.unfence(system.storageId, nf.spec.cidrs);
        } catch (err) {
          await setStatus(nf, 'Failed', err instanceof Error ? err.message : String(err));
          throw err;
        }
        await setStatus(nf, 'Succeeded', fencing ? FENCE_OPERATION_SUCCESSFUL_MESSAGE : UNFENCE_OPERATION_SUCCESSFUL_MESSAGE);
        deps.trace.emit({ type: 'storage.networkfence', cluster: deps.cluster, name: request.name, fenceState: fencing ? 'Fenced' : 'Unfenced' });
        return {};
      },
    },
    watches: [{ client, kind: NetworkFenceKind, predicate: (obj, old) => generationChanged(obj, old) }],
  };
}

// What every hub controller is given: the hub's API client, the clock, the trace, the S3 factory and
// the operator namespace. Nothing else reaches the hub code; managed clusters are only ever seen through
// ManifestWorks and ManagedClusterViews on the hub.

import type { ClusterClient } from '../runtime/client.js';
import type { ObjectStoreFactory } from '../runtime/object-store.js';
import type { Clock } from '../runtime/ports.js';
import type { TraceSink } from '../runtime/trace-sink.js';

export interface HubDeps {
  client: ClusterClient;
  clock: Clock;
  trace: TraceSink;
  objectStores: ObjectStoreFactory;
  /** Ramen's POD_NAMESPACE; `ramen-system` by default. */
  operatorNamespace: string;
}

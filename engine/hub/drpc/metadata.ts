// Writing the DRPC's metadata (labels, annotations, finalizers, owner) in the middle of a pass. The
// write is a plain update, which never touches status; the in-memory status the pass is building is
// kept, and only the new resourceVersion is taken from the answer so the final status write does not
// conflict with our own metadata write.

import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import type { ClusterClient } from '../../runtime/client.js';

export async function writeDrpcMetadata(client: ClusterClient, drpc: DRPlacementControl): Promise<void> {
  const stored = await client.update<DRPlacementControl>(drpc);
  drpc.metadata = { ...drpc.metadata, resourceVersion: stored.metadata.resourceVersion, generation: stored.metadata.generation ?? drpc.metadata.generation };
}

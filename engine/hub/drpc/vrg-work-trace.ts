// Every hub write of a VRG ManifestWork names its purpose in the trace, right after the write
// succeeded. The stored work alone cannot tell which hub function wrote it, and the hub's safety
// properties differ by writer (S12 judges the create path and the optional-field refresh; S15 allows
// only adoption while hub recovery waits for a user).

import type { DRPlacementControl } from '../../api/ramen/drpc.js';
import type { TraceSink } from '../../runtime/trace-sink.js';

export type VrgWorkPurpose =
  | 'create'
  | 'refresh-optional'
  | 'update-state'
  | 'final-sync'
  | 'secondary-setup'
  | 'volsync-source'
  | 'reset-rd'
  | 'dry-run'
  | 'adoption';

export function traceVrgWorkWrite(trace: TraceSink, drpc: DRPlacementControl, cluster: string, work: string, purpose: VrgWorkPurpose): void {
  trace.emit({ type: 'hub.vrg.write', drpc: `${drpc.metadata.namespace}/${drpc.metadata.name}`, cluster, work, purpose });
}

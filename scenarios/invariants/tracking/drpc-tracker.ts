// Each DRPC's requested action over the run, as episodes: an episode starts when the user changes
// `spec.action` or its target (failoverCluster for Failover, preferredCluster for Relocate) and lasts
// until the next change. Checkers scope relocate and failover properties to the episode they are in,
// so that a relocate replaced midway by a failover is not held to the relocate's promises.

import type { KubeObject } from '../../../engine/api/meta.js';
import type { DRPlacementControl } from '../../../engine/api/ramen/drpc.js';

export interface ActionEpisode {
  action: '' | 'Failover' | 'Relocate';
  /** failoverCluster for Failover, preferredCluster for Relocate and for no action. */
  target: string;
  startSeq: number;
  startMs: number;
  /** 1-based count of episodes of this DRPC. */
  index: number;
  /** The DRPC's PeerReady status when the episode began (a relocate then waits for a user, N4). */
  peerReadyAtStart: string;
}

export interface DrpcRecord {
  key: string;
  namespace: string;
  name: string;
  exists: boolean;
  deleting: boolean;
  phase: string;
  progression: string;
  episode: ActionEpisode;
  object: DRPlacementControl;
  /** Seq of the last write. */
  lastSeq: number;
}

export class DrpcTracker {
  private readonly records = new Map<string, DrpcRecord>();

  get(key: string): DrpcRecord | undefined {
    return this.records.get(key);
  }

  all(): DrpcRecord[] {
    return [...this.records.values()];
  }

  /** Returns the record and whether this write started a new action episode. */
  written(obj: KubeObject, seq: number, atMs: number, removed: boolean): { record: DrpcRecord; newEpisode: boolean } {
    const drpc = obj as DRPlacementControl;
    const key = `${drpc.metadata.namespace ?? ''}/${drpc.metadata.name}`;
    const prev = this.records.get(key);
    const action = (drpc.spec?.action ?? '') as ActionEpisode['action'];
    const target = action === 'Failover' ? (drpc.spec?.failoverCluster ?? '') : (drpc.spec?.preferredCluster ?? '');
    const sameEpisode = prev !== undefined && prev.exists && prev.episode.action === action && prev.episode.target === target;
    const peerReady = (drpc.status?.conditions ?? []).find((c) => c.type === 'PeerReady')?.status ?? '';
    const episode: ActionEpisode = sameEpisode ? prev.episode : { action, target, startSeq: seq, startMs: atMs, index: (prev?.episode.index ?? 0) + 1, peerReadyAtStart: peerReady };
    const record: DrpcRecord = {
      key,
      namespace: drpc.metadata.namespace ?? '',
      name: drpc.metadata.name,
      exists: !removed,
      deleting: drpc.metadata.deletionTimestamp !== undefined,
      phase: drpc.status?.phase ?? '',
      progression: drpc.status?.progression ?? '',
      episode,
      object: drpc,
      lastSeq: seq,
    };
    this.records.set(key, record);
    return { record, newEpisode: !sameEpisode };
  }
}

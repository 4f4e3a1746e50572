// The shape of one chaos run, as the generators draw it and the shrinker reduces it: a world, a
// schedule of faults (which, where, when, for how long) and the DR actions a user takes meanwhile.
// A plan is plain data; plan-to-scenario.ts turns it into a scenario file, which is what runs.

import type { WorldDecl } from '../../sim/world/world-decl.js';

/** Every fault kind a campaign can draw; `--faults` narrows a campaign to some of them. */
export const CHAOS_FAULT_KINDS = [
  'clusterDown',
  'clusterDestroy',
  'partition',
  'peerPartition',
  's3Outage',
  'replicationStall',
  'controllerCrash',
  'clockSkew',
  'hubDown',
  'hubRestore',
] as const;

export type ChaosFaultKind = (typeof CHAOS_FAULT_KINDS)[number];

interface Window {
  /** Virtual ms since the world began. */
  atMs: number;
  /** How long the fault lasts; a fault still in effect when the chaos phase ends is healed by the converge phase. */
  durationMs: number;
}

export type ChaosFault =
  | (Window & { kind: 'clusterDown' | 'clusterDestroy' | 'replicationStall' | 's3Outage'; cluster: string })
  /** `partition` cuts the hub from a cluster; `peerPartition` cuts the clusters (and replication) apart. */
  | (Window & { kind: 'partition' | 'peerPartition'; from: string; to: string; oneWay: boolean })
  | (Window & { kind: 'controllerCrash'; node: string })
  | (Window & { kind: 'clockSkew'; cluster: string; offsetMs: number })
  | (Window & { kind: 'hubDown' })
  | { kind: 'hubRestore'; atMs: number };

export type UserActionKind = 'failover' | 'relocate' | 'disable';

export interface UserAction {
  atMs: number;
  /** The app's name (its DRPC's name). */
  app: string;
  kind: UserActionKind;
  /** The failover or relocate target; ignored for disable. */
  to: string;
  /**
   * Metro failover only: whether the user fences the old home first, as Ramen's procedure says.
   * A careless user does not, and Ramen must then wait (hub spec S7). Default true.
   */
  fence?: boolean;
}

export interface ChaosPlan {
  /** The simulator's seed (scenario `spec.seed`). */
  worldSeed: number;
  world: WorldDecl;
  /** Length of the chaos phase in virtual ms. */
  runLengthMs: number;
  faults: ChaosFault[];
  actions: UserAction[];
}

/** The number of scheduled things in a plan: the size a shrunk reproduction is measured by. */
export function planSize(plan: ChaosPlan): number {
  return plan.faults.length + plan.actions.length;
}

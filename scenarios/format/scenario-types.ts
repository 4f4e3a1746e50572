// The parsed form of a scenario file: a world to build and a list of steps to run in order. Every
// step keeps the line it came from, so a failed expectation points back into the file.

import type { KubeObject } from '../../engine/api/meta.js';
import type { FieldValidation } from '../../engine/runtime/client.js';

import type { AppDecl, ClusterDecl, FaultDecl, PvcDecl, WorldDecl } from '../../sim/world/world-decl.js';
export type { AppDecl, ClusterDecl, FaultDecl, PvcDecl, WorldDecl };
export { FAULT_TYPES } from '../../sim/world/world-decl.js';

/** A condition on the world: what `waitFor` waits for and `expect` asserts. */
export interface Target {
  drpc?: { name: string; namespace: string };
  vrg?: { cluster: string; name: string; namespace: string };
  app?: string;
  phase?: string;
  progression?: string;
  /** Condition type to expected status, for example { Available: 'True' }; `reason` optionally. */
  conditions?: { type: string; status: string; reason?: string }[];
  /** The managed cluster that should be the app's home (DRPC) or hold the primary VRG. */
  primary?: string;
  /** VRG status.state. */
  state?: string;
  /** App: acknowledged writes that no surviving copy holds, at most this many. */
  lostWritesMax?: number;
  /** App: running on this cluster. */
  runningOn?: string;
  /** An object that must (or must not) exist. */
  object?: { cluster: string; apiVersion: string; kind: string; name: string; namespace?: string; absent: boolean };
}

interface StepBase {
  line: number;
  /** A label for the trace and the replay UI; defaults to the step's kind. */
  name?: string;
}

export type Step =
  | (StepBase & { kind: 'advance'; durationMs: number })
  | (StepBase & { kind: 'apply'; cluster: string; manifests: KubeObject[]; fieldValidation: FieldValidation; expectError?: { reason?: string; messageContains?: string } })
  | (StepBase & { kind: 'waitFor'; target: Target; timeoutMs: number })
  | (StepBase & { kind: 'expect'; target: Target })
  | (StepBase & { kind: 'fault'; fault: FaultDecl })
  | (StepBase & { kind: 'failover'; drpc: string; namespace: string; to: string })
  | (StepBase & { kind: 'relocate'; drpc: string; namespace: string; to?: string })
  | (StepBase & { kind: 'delete'; cluster: string; apiVersion: string; objectKind: string; objectName: string; namespace?: string })
  | (StepBase & { kind: 'patch'; cluster: string; apiVersion: string; objectKind: string; objectName: string; namespace?: string; patch: unknown });

export interface Scenario {
  name: string;
  description: string;
  file: string;
  seed: number;
  world: WorldDecl;
  steps: Step[];
  /** Run the invariants of the named set; by default all of them. */
  invariants: 'all' | 'none';
}

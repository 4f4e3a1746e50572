// Runs a parsed scenario on a built simulation (or, through runStepsOn, on any backend's StepWorld),
// step by step, and stops at the first step that fails, saying which line of the file it was and
// what was observed instead.

import type { KubeObject } from '../../engine/api/meta.js';
import { isApiError } from '../../engine/runtime/errors.js';
import type { SimEnvironment } from '../../sim/world/environment.js';
import { describeFault } from '../../sim/faults/fault-injector.js';
import type { Scenario, Step } from '../format/scenario-types.js';
import { formatDuration } from '../format/duration.js';
import { applyManifest } from './apply-manifest.js';
import type { StepWorld } from './step-world.js';
import { simStepWorld } from './step-world.js';

export interface StepOutcome {
  index: number;
  kind: Step['kind'];
  line: number;
  label: string;
  ok: boolean;
  /** Virtual milliseconds since the world began, when the step finished. */
  atMs: number;
  message?: string;
}

export interface StepsResult {
  passed: boolean;
  steps: StepOutcome[];
  /** The first failed step, if any. */
  failure?: StepOutcome;
}

/** Explains why an apply failed and what was probably meant; filled in by the validate module. */
export type ApplyHinter = (cluster: string, manifest: KubeObject, error: unknown) => string | undefined;

export function stepLabel(step: Step): string {
  if (step.name) return step.name;
  switch (step.kind) {
    case 'advance':
      return `advance ${formatDuration(step.durationMs)}`;
    case 'apply':
      return `apply ${step.manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')} to ${step.cluster}`;
    case 'waitFor':
    case 'expect': {
      const t = step.target;
      const subject = t.drpc ? `drpc ${t.drpc.name}` : t.vrg ? `vrg ${t.vrg.name} on ${t.vrg.cluster}` : t.app !== undefined ? `app ${t.app}` : `${t.object?.kind} ${t.object?.name}`;
      const what = [
        t.phase && `phase ${t.phase}`,
        t.progression && `progression ${t.progression}`,
        t.state && `state ${t.state}`,
        ...(t.conditions ?? []).map((c) => `${c.type}=${c.status}`),
        t.primary && `primary ${t.primary}`,
        t.runningOn && `running on ${t.runningOn}`,
        t.lostWritesMax !== undefined && `lost writes <= ${t.lostWritesMax}`,
        t.object?.absent && 'absent',
      ]
        .filter(Boolean)
        .join(', ');
      return `${step.kind} ${subject}${what ? ` ${what}` : ''}`;
    }
    case 'fault':
      return `fault: ${describeFault(step.fault)}`;
    case 'failover':
      return `failover ${step.drpc} to ${step.to}`;
    case 'relocate':
      return `relocate ${step.drpc}${step.to ? ` to ${step.to}` : ''}`;
    case 'delete':
      return `delete ${step.objectKind} ${step.objectName} on ${step.cluster}`;
    case 'patch':
      return `patch ${step.objectKind} ${step.objectName} on ${step.cluster}`;
  }
}

function errorText(err: unknown): string {
  if (isApiError(err)) return `${err.reason}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

async function runStep(w: StepWorld, step: Step, hinter: ApplyHinter | undefined): Promise<string | undefined> {
  const user = (cluster: string) => w.client(cluster);
  switch (step.kind) {
    case 'advance':
      await w.advance(step.durationMs);
      return undefined;
    case 'apply':
      for (const m of step.manifests) {
        try {
          await applyManifest(user(step.cluster), m, step.fieldValidation);
          if (step.expectError) return `applying ${m.kind}/${m.metadata.name} succeeded, but an error was expected`;
        } catch (err) {
          const text = errorText(err);
          if (step.expectError) {
            const e = step.expectError;
            if (e.reason !== undefined && !(isApiError(err) && err.reason === e.reason)) return `expected a ${e.reason} error, got ${text}`;
            if (e.messageContains !== undefined && !text.includes(e.messageContains)) return `expected an error containing "${e.messageContains}", got ${text}`;
            continue;
          }
          const hint = hinter?.(step.cluster, m, err);
          return `applying ${m.kind}/${m.metadata.name} to ${step.cluster} failed: ${text}${hint ? `\n  hint: ${hint}` : ''}`;
        }
      }
      return undefined;
    case 'waitFor': {
      const ok = await w.waitFor(step.target, step.timeoutMs);
      if (ok) return undefined;
      const v = w.evaluate(step.target);
      return `not reached within ${formatDuration(step.timeoutMs)}: ${(v instanceof Promise ? await v : v).mismatches.join('; ')}`;
    }
    case 'expect': {
      // Awaited only when it is a promise: a synchronous verdict must not cost the simulator a tick.
      const r = w.evaluate(step.target);
      const v = r instanceof Promise ? await r : r;
      return v.ok ? undefined : v.mismatches.join('; ');
    }
    case 'fault':
      await w.inject(step.fault);
      return undefined;
    case 'failover':
    case 'relocate': {
      const patch =
        step.kind === 'failover'
          ? { spec: { action: 'Failover', failoverCluster: step.to } }
          : { spec: { action: 'Relocate', ...(step.to ? { preferredCluster: step.to } : {}) } };
      try {
        await user('hub').patch({ apiVersion: 'ramendr.openshift.io/v1alpha1', kind: 'DRPlacementControl' }, { namespace: step.namespace, name: step.drpc }, patch);
      } catch (err) {
        return `setting the DRPC action failed: ${errorText(err)}`;
      }
      w.emit({ type: 'user.action', action: step.kind, drpc: step.drpc, namespace: step.namespace, to: step.to ?? null });
      return undefined;
    }
    case 'delete':
      try {
        await user(step.cluster).delete({ apiVersion: step.apiVersion, kind: step.objectKind }, step.namespace ? { namespace: step.namespace, name: step.objectName } : { name: step.objectName });
      } catch (err) {
        return `delete failed: ${errorText(err)}`;
      }
      return undefined;
    case 'patch':
      try {
        await user(step.cluster).patch({ apiVersion: step.apiVersion, kind: step.objectKind }, step.namespace ? { namespace: step.namespace, name: step.objectName } : { name: step.objectName }, step.patch);
      } catch (err) {
        return `patch failed: ${errorText(err)}`;
      }
      return undefined;
  }
}

export interface StepsOptions {
  hinter?: ApplyHinter;
  /** After each step, with its outcome. */
  onStep?: (o: StepOutcome) => void;
  /** Before each step starts: progress on a backend whose steps take real time. Awaited when it returns a promise. */
  onStepStart?: (index: number, label: string, step: Step) => void | Promise<void>;
}

export async function runSteps(scenario: Scenario, env: SimEnvironment, options: StepsOptions = {}): Promise<StepsResult> {
  return runStepsOn(scenario, simStepWorld(env), options);
}

/** Runs the steps on any backend's world (step-world.ts). */
export async function runStepsOn(scenario: Scenario, world: StepWorld, options: StepsOptions = {}): Promise<StepsResult> {
  const steps: StepOutcome[] = [];
  for (let i = 0; i < scenario.steps.length; i++) {
    const step = scenario.steps[i]!;
    const label = stepLabel(step);
    const before = options.onStepStart?.(i, label, step);
    if (before) await before;
    world.emit({ type: 'step.start', index: i, label, line: step.line });
    const message = await runStep(world, step, options.hinter);
    const outcome: StepOutcome = { index: i, kind: step.kind, line: step.line, label, ok: message === undefined, atMs: world.elapsedMs(), ...(message ? { message } : {}) };
    world.emit({ type: 'step.end', index: i, label, ok: outcome.ok, ...(message ? { message } : {}) });
    steps.push(outcome);
    options.onStep?.(outcome);
    if (!outcome.ok) return { passed: false, steps, failure: outcome };
  }
  return { passed: true, steps };
}

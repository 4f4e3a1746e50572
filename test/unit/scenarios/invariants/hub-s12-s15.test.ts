// Goal: the S12 (create-path-no-flip) and S15 (recovery-never-guesses) checkers can fail, on exactly
// the property each encodes, and hold on the library scenarios that walk the create path, the
// optional-field refresh and hub recovery.
// Method: broken runs made two ways. S12: the test writes a VRG work as the hub operator and names
// the write's purpose in the trace as the hub would (a forged purpose-tagged write). S15: a client
// wrapper makes the real hub operator, in the very pass whose recovery verdict was Stop (a restored
// hub adopting its VRGs), also rewrite a VRG work or move the decision just before its status write.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/meta.js';
import type { PlacementDecision } from '../../../../engine/api/ocm/placement-decision.js';
import { PLACEMENT_LABEL } from '../../../../engine/api/ramen/hub-constants.js';
import type { ClusterClient } from '../../../../engine/runtime/client.js';
import type { InvariantResult } from '../../../../reports/result-types.js';
import { parseScenario } from '../../../../scenarios/format/parse-scenario.js';
import { runScenarioChecked } from '../../../../scenarios/runner/run-result.js';
import type { ClientWrapper } from '../../../../sim/world/world.js';
import type { TraceEvent } from '../../../../sim/trace/recorder.js';
import { HUB, PD, editVrgWork } from './hub-safety-rig.js';
import { MW, rig, verdictOf, waitDrpc } from './rig.js';

const S12 = 'create-path-no-flip';
const S15 = 'recovery-never-guesses';

function expectFired(results: InvariantResult[], name: string, message: RegExp): void {
  const r = verdictOf(results, name);
  expect(r.verdict, `${name} should be violated`).toBe('violated');
  expect(r.violations.map((v) => v.message).join(' | ')).toMatch(message);
  expect(r.violations[0]!.events.length).toBeGreaterThan(0);
}

function expectHeld(results: InvariantResult[], name: string): void {
  const r = verdictOf(results, name);
  expect(r.violations.map((v) => v.message)).toEqual([]);
  expect(r.verdict).toBe('held');
}

type Work = KubeObject & { spec: { workload: { manifests: (KubeObject & { spec: Record<string, unknown> })[] } } };

/** What the hub emits after a VRG work write (engine/hub/drpc/vrg-work-trace.ts), forged for app1's work. */
function tagAsHub(trace: { emit(e: { type: string; [k: string]: string }): void }, cluster: string, purpose: string): void {
  trace.emit({ type: 'hub.vrg.write', drpc: 'app1/app1', cluster, work: 'app1-app1-vrg-mw', purpose });
}

/**
 * The hub operator's client, which once armed makes one extra write right before the first DRPC
 * status write that reports Paused (the status write that ends a Stop or AllowFailover pass).
 */
function extraWriteBeforePausedStatus(extra: (hub: ClusterClient) => Promise<boolean>): { wrap: ClientWrapper; arm(): void; wrote(): boolean } {
  let armed = false;
  let done = false;
  const wrap: ClientWrapper = (node, actor, client) => {
    if (node !== 'hub' || actor !== HUB) return client;
    return new Proxy(client, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop !== 'updateStatus' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        return async (obj: KubeObject & { status?: { progression?: string } }, ...rest: unknown[]) => {
          if (armed && !done && obj.kind === 'DRPlacementControl' && obj.status?.progression === 'Paused') done = await extra(target);
          return (value as (...a: unknown[]) => unknown).call(target, obj, ...rest);
        };
      },
    });
  };
  return { wrap, arm: () => void (armed = true), wrote: () => done };
}

async function hubLossRig(wrapClient?: ClientWrapper) {
  const r = await rig(undefined, wrapClient ? { wrapClient } : {});
  await waitDrpc(r.env, 'Deployed');
  await r.env.world.runFor(6 * 60_000);
  await r.env.faults.inject({ type: 'hubDown' });
  await r.env.world.runFor(10 * 60_000);
  return r;
}

/** Loses and restores the hub, whose first Stop pass after the restore makes the `extra` write. */
async function restoreWithBrokenStopPass(extra: (hub: ClusterClient) => Promise<boolean>): Promise<InvariantResult[]> {
  const broken = extraWriteBeforePausedStatus(extra);
  const r = await hubLossRig(broken.wrap);
  broken.arm();
  await r.env.faults.inject({ type: 'hubRestore' });
  await r.env.world.runFor(10 * 60_000);
  expect(broken.wrote()).toBe(true);
  return r.finish();
}

function recoveryVerdicts(events: readonly TraceEvent[]): string[] {
  return events.filter((e) => e.type === 'hub.drpc.recovery').map((e) => String(e.progress));
}

describe('S12 and S15 fire on a broken hub', () => {
  it(`${S12}: a refresh of optional fields that flips the work to secondary`, async () => {
    const r = await rig();
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['replicationState'] = 'secondary'));
    tagAsHub(r.env.world.trace, 'dr1', 'refresh-optional');
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), S12, /refresh-optional write of dr1\/app1-app1-vrg-mw changed replicationState/);
  });

  it(`${S12}: a refresh of optional fields that asks for a final sync`, async () => {
    const r = await rig();
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await editVrgWork(r.env, 'dr1', (spec) => void (spec['prepareForFinalSync'] = true));
    tagAsHub(r.env.world.trace, 'dr1', 'refresh-optional');
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), S12, /changed prepareForFinalSync/);
  });

  it(`${S12}: the create path overwrites the peer's existing secondary work as primary`, async () => {
    const r = await rig();
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(6 * 60_000);
    await editVrgWork(r.env, 'dr2', (spec) => void (spec['replicationState'] = 'primary'));
    tagAsHub(r.env.world.trace, 'dr2', 'create');
    await r.env.world.runFor(1_000);
    expectFired(r.finish(), S12, /create write of dr2\/app1-app1-vrg-mw flipped an existing work from secondary to primary/);
  });

  it(`${S15}: the hub rewrites a VRG work in a pass whose verdict was Stop`, async () => {
    const broken = async (hub: ClusterClient): Promise<boolean> => {
      const mw = await hub.get<Work>(MW, { namespace: 'dr1', name: 'app1-app1-vrg-mw' }).catch(() => undefined);
      if (!mw) return false;
      const vrg = mw.spec.workload.manifests[0]!;
      vrg.metadata.annotations = { ...(vrg.metadata.annotations ?? {}), 'test.drsim/forged': 'true' };
      await hub.update(mw);
      return true;
    };
    expectFired(await restoreWithBrokenStopPass(broken), S15, /recovery verdict was Stop \(row 0\), the hub wrote VRG work dr1\/app1-app1-vrg-mw \(untagged update\)/);
  });

  it(`${S15}: the hub moves the decision in a pass whose verdict was Stop`, async () => {
    const broken = async (hub: ClusterClient): Promise<boolean> => {
      // The restored hub has no decision yet while it waits on adoption: the broken pass makes one.
      const pd = await hub.create<PlacementDecision>({
        apiVersion: PD.apiVersion,
        kind: PD.kind,
        metadata: { name: 'app1-placement-decision-1', namespace: 'app1', labels: { [PLACEMENT_LABEL]: 'app1-placement' } },
      });
      await hub.updateStatus<PlacementDecision>({ ...pd, status: { decisions: [{ clusterName: 'dr2', reason: '' }] } });
      return true;
    };
    expectFired(await restoreWithBrokenStopPass(broken), S15, /recovery verdict was Stop \(row 0\), the hub wrote the decision of placement app1\/app1-placement/);
  });
});

describe('S12 and S15 hold where Ramen behaves', () => {
  it('a restored hub adopts its VRGs under Stop verdicts and resumes (the unbroken twin of the S15 runs)', async () => {
    const r = await hubLossRig();
    await r.env.faults.inject({ type: 'hubRestore' });
    await waitDrpc(r.env, 'Deployed');
    await r.env.world.runFor(10 * 60_000);
    const trace = r.env.world.trace.all();
    // The run really exercises the exemption: Stop passes that write works, by adoption.
    expect(recoveryVerdicts(trace)).toContain('Stop');
    expect(trace.some((e) => e.type === 'hub.vrg.write' && e.purpose === 'adoption')).toBe(true);
    const results = r.finish();
    expectHeld(results, S15);
    expectHeld(results, S12);
  });

  for (const file of ['hub-recovery.yaml', 'controller-crash-mid-failover.yaml', 'failover-primary-lost.yaml', 'relocate-while-unreachable.yaml']) {
    it(`library scenario ${file}`, async () => {
      const path = `scenarios/library/${file}`;
      const { result, env } = await runScenarioChecked(parseScenario(readFileSync(path, 'utf8'), path));
      expect(result.steps?.every((s) => s.ok)).toBe(true);
      expectHeld(result.invariants, S12);
      expectHeld(result.invariants, S15);
      // Both checkers had something to judge: create-path and refresh writes, and recovery verdicts.
      const purposes = new Set(env.world.trace.all().filter((e) => e.type === 'hub.vrg.write').map((e) => String(e.purpose)));
      expect(purposes).toContain('refresh-optional');
      expect(recoveryVerdicts(env.world.trace.all()).length).toBeGreaterThan(0);
    }, 120_000);
  }
});

// Carries out the faults a scenario or a chaos campaign schedules. Each fault acts on the world the
// way the real disaster would: a down cluster answers nothing and runs nothing but keeps its disks; a
// destroyed cluster loses everything; a partition cuts links without stopping anyone; a crashed
// controller loses its queues and caches and comes back later. Every fault and heal is traced.

import type { WorldDecl } from '../world/world-decl.js';
import type { FaultDecl } from '../world/world-decl.js';
import { HUB } from '../world/world.js';
import type { World } from '../world/world.js';

/** Hooks for what the storage and OCM models must do on a fault; the world wires them. */
export interface FaultHooks {
  /** A destroyed cluster's volumes and replicas are gone. */
  destroyClusterData?: (cluster: string) => void;
  /** Recreates a destroyed cluster's base objects (operators' namespaces, classes) when it returns. */
  rebootstrapCluster?: (cluster: string) => Promise<void>;
  stallReplication?: (cluster: string, stalled: boolean) => void;
  /** Replaces the hub's objects with what an OCM hub backup restores. */
  restoreHubFromBackup?: () => void;
}

export class FaultInjector {
  /** Faults in effect now, for the replay UI and the heal-and-converge phase of campaigns. */
  private readonly active = new Map<string, FaultDecl>();

  constructor(
    private readonly world: World,
    private readonly hooks: FaultHooks,
  ) {}

  activeFaults(): FaultDecl[] {
    return [...this.active.values()];
  }

  async inject(fault: FaultDecl): Promise<void> {
    const w = this.world;
    w.trace.emit({ type: 'fault.inject', fault: fault.type, detail: describeFault(fault) });
    switch (fault.type) {
      case 'clusterDown':
        this.nodeDown(fault.cluster);
        this.active.set(`down:${fault.cluster}`, fault);
        break;
      case 'clusterUp':
        await this.nodeUp(fault.cluster);
        this.active.delete(`down:${fault.cluster}`);
        break;
      case 'clusterDestroy': {
        this.nodeDown(fault.cluster);
        const c = w.clusters.get(fault.cluster)!;
        c.server.wipe();
        c.destroyed = true;
        this.hooks.destroyClusterData?.(fault.cluster);
        this.active.set(`down:${fault.cluster}`, fault);
        break;
      }
      case 'hubDown':
        this.nodeDown(HUB);
        this.active.set('down:hub', fault);
        break;
      case 'hubUp':
        await this.nodeUp(HUB);
        this.active.delete('down:hub');
        break;
      case 'hubRestore':
        // A new hub is built from the last backup: the old one's processes are gone for good.
        this.nodeDown(HUB);
        // The restore writes into the new hub's API server before any hub process starts on it.
        w.hub.setAvailable(true);
        this.hooks.restoreHubFromBackup?.();
        await this.nodeUp(HUB);
        this.active.delete('down:hub');
        break;
      case 'partition':
        w.network.cut(fault.from, fault.to, fault.oneWay);
        this.active.set(`cut:${[fault.from, fault.to].sort().join('|')}`, fault);
        break;
      case 'heal':
        w.network.heal(fault.from, fault.to);
        this.active.delete(`cut:${[fault.from, fault.to].sort().join('|')}`);
        break;
      case 'healAll':
        w.network.healAll();
        for (const k of [...this.active.keys()]) if (k.startsWith('cut:')) this.active.delete(k);
        break;
      case 's3Outage':
        this.endpoint(fault.endpoint).up = false;
        this.active.set(`s3:${fault.endpoint}`, fault);
        break;
      case 's3Restore':
        this.endpoint(fault.endpoint).up = true;
        this.active.delete(`s3:${fault.endpoint}`);
        break;
      case 'replicationStall':
        this.hooks.stallReplication?.(fault.cluster, true);
        this.active.set(`stall:${fault.cluster}`, fault);
        break;
      case 'replicationResume':
        this.hooks.stallReplication?.(fault.cluster, false);
        this.active.delete(`stall:${fault.cluster}`);
        break;
      case 'controllerCrash': {
        const op = w.actors.onNode(fault.operator).filter((a) => a.role === 'operator');
        for (const a of op) {
          a.crashed = true;
          a.manager.stop();
        }
        const restart = () => {
          for (const a of op) {
            a.crashed = false;
            if (w.network.isUp(a.node)) a.manager.start();
          }
          w.trace.emit({ type: 'fault.heal', fault: 'controllerCrash', detail: `${fault.operator} operator restarted` });
        };
        if (fault.downForMs > 0) w.time.after(fault.downForMs, 'fault.controllerRestart', restart);
        else restart();
        break;
      }
      case 'clockSkew':
        w.clockOf(fault.cluster).offsetMs = fault.offsetMs;
        if (fault.offsetMs === 0) this.active.delete(`skew:${fault.cluster}`);
        else this.active.set(`skew:${fault.cluster}`, fault);
        break;
    }
  }

  /** Ends every fault in effect: the heal step before a campaign checks convergence. */
  async healAll(): Promise<void> {
    for (const f of this.activeFaults()) {
      switch (f.type) {
        case 'clusterDown':
        case 'clusterDestroy':
          await this.inject({ type: 'clusterUp', cluster: f.cluster });
          break;
        case 'hubDown':
          await this.inject({ type: 'hubUp' });
          break;
        case 'partition':
          await this.inject({ type: 'heal', from: f.from, to: f.to });
          break;
        case 's3Outage':
          await this.inject({ type: 's3Restore', endpoint: f.endpoint });
          break;
        case 'replicationStall':
          await this.inject({ type: 'replicationResume', cluster: f.cluster });
          break;
        case 'clockSkew':
          await this.inject({ type: 'clockSkew', cluster: f.cluster, offsetMs: 0 });
          break;
        default:
          break;
      }
    }
  }

  private endpoint(name: string) {
    const ep = this.world.s3.get(name) ?? [...this.world.s3.values()].find((e) => e.url.includes(name));
    if (!ep) throw new Error(`no S3 endpoint "${name}" (endpoints: ${[...this.world.s3.keys()].join(', ')})`);
    return ep;
  }

  private nodeDown(node: string): void {
    const w = this.world;
    w.network.setUp(node, false);
    w.server(node).setAvailable(false);
    for (const a of w.actors.onNode(node)) a.manager.stop();
  }

  private async nodeUp(node: string): Promise<void> {
    const w = this.world;
    const c = w.clusters.get(node);
    w.server(node).setAvailable(true);
    w.network.setUp(node, true);
    if (c?.destroyed) {
      c.destroyed = false;
      await this.hooks.rebootstrapCluster?.(node);
    }
    for (const a of w.actors.onNode(node)) if (!a.crashed) a.manager.start();
  }
}

export function describeFault(f: FaultDecl): string {
  switch (f.type) {
    case 'partition':
      return `${f.from} ${f.oneWay ? '->' : '<->'} ${f.to} cut`;
    case 'heal':
      return `${f.from} <-> ${f.to} healed`;
    case 'controllerCrash':
      return `${f.operator} operator crashed${f.downForMs ? ` for ${f.downForMs / 1000}s` : ''}`;
    case 'clockSkew':
      return `${f.cluster} clock ${f.offsetMs >= 0 ? '+' : ''}${f.offsetMs / 1000}s`;
    case 's3Outage':
    case 's3Restore':
      return `${f.type} ${f.endpoint}`;
    case 'hubDown':
    case 'hubUp':
    case 'hubRestore':
    case 'healAll':
      return f.type;
    default:
      return `${f.type} ${f.cluster}`;
  }
}

export type { WorldDecl };

// The links of the simulated world: hub to each managed cluster (OCM delivery and status), cluster to
// cluster (replication), cluster to S3 and hub to S3. Each directed link has a latency and can be cut
// on its own, so one-way partitions are expressible. A node that is down reaches nothing and is
// reached by nothing, whatever its links say.

import type { Scheduler } from '../../engine/runtime/ports.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';

/** A node's name: `hub`, a managed cluster's name, or `s3:<endpoint>`. */
export type NodeId = string;

export interface NetworkOptions {
  /** Latency of every link unless set otherwise. Default 5 ms. */
  defaultLatencyMs?: number;
}

export class Network {
  private readonly cuts = new Set<string>();
  private readonly down = new Set<NodeId>();
  private readonly latency = new Map<string, number>();
  private readonly defaultLatencyMs: number;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly trace: TraceSink,
    options: NetworkOptions = {},
  ) {
    this.defaultLatencyMs = options.defaultLatencyMs ?? 5;
  }

  private static link(from: NodeId, to: NodeId): string {
    return `${from}->${to}`;
  }

  isUp(node: NodeId): boolean {
    return !this.down.has(node);
  }

  setUp(node: NodeId, up: boolean): void {
    if (up === this.isUp(node)) return;
    if (up) this.down.delete(node);
    else this.down.add(node);
    this.trace.emit({ type: up ? 'net.node.up' : 'net.node.down', node });
  }

  /** Whether a message sent now from `from` reaches `to`. A node always reaches itself while up. */
  canReach(from: NodeId, to: NodeId): boolean {
    if (this.down.has(from) || this.down.has(to)) return false;
    if (from === to) return true;
    return !this.cuts.has(Network.link(from, to));
  }

  /** Both directions work: what a request and its response need. */
  canTalk(a: NodeId, b: NodeId): boolean {
    return this.canReach(a, b) && this.canReach(b, a);
  }

  /** Cuts the link from a to b, and b to a as well unless `oneWay`. */
  cut(a: NodeId, b: NodeId, oneWay = false): void {
    this.cuts.add(Network.link(a, b));
    if (!oneWay) this.cuts.add(Network.link(b, a));
    this.trace.emit({ type: 'net.cut', from: a, to: b, oneWay });
  }

  heal(a: NodeId, b: NodeId): void {
    this.cuts.delete(Network.link(a, b));
    this.cuts.delete(Network.link(b, a));
    this.trace.emit({ type: 'net.heal', from: a, to: b });
  }

  healAll(): void {
    this.cuts.clear();
    this.trace.emit({ type: 'net.heal.all' });
  }

  /** The cut directed links, sorted, for snapshots and the replay UI. */
  cutLinks(): string[] {
    return [...this.cuts].sort();
  }

  setLatency(a: NodeId, b: NodeId, ms: number): void {
    this.latency.set(Network.link(a, b), ms);
    this.latency.set(Network.link(b, a), ms);
  }

  latencyMs(from: NodeId, to: NodeId): number {
    if (from === to) return 0;
    return this.latency.get(Network.link(from, to)) ?? this.defaultLatencyMs;
  }

  /**
   * Delivers a one-way message: `deliver` runs after the link's latency if the link works both when
   * it is sent and when it arrives; otherwise the message is lost and `dropped` runs (if given).
   */
  send(from: NodeId, to: NodeId, label: string, deliver: () => void, dropped?: () => void): void {
    if (!this.canReach(from, to)) {
      dropped?.();
      return;
    }
    this.scheduler.after(this.latencyMs(from, to), label, () => {
      if (this.canReach(from, to)) deliver();
      else dropped?.();
    });
  }

  /**
   * A request and its response as one promise: resolves with `handle()`'s value after a round trip,
   * or rejects with `unreachable()` when either leg is cut.
   */
  request<T>(from: NodeId, to: NodeId, label: string, handle: () => T | Promise<T>, unreachable: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.send(
        from,
        to,
        label,
        () => {
          let result: Promise<T>;
          try {
            result = Promise.resolve(handle());
          } catch (err) {
            result = Promise.reject(err);
          }
          result.then(
            (value) => this.send(to, from, `${label}.reply`, () => resolve(value), () => reject(unreachable())),
            (err: unknown) => this.send(to, from, `${label}.reply`, () => reject(err), () => reject(unreachable())),
          );
        },
        () => reject(unreachable()),
      );
    });
  }
}

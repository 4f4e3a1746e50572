// One controller: its watches feed a work queue of object keys, and workers run the reconciler on
// them, turning each result into a queue action exactly as controller-runtime's reconcileHandler does.

import { keyString } from '../api/meta.js';
import type { KubeObject } from '../api/meta.js';
import type { WatchHandle } from './client.js';
import { isApiError } from './errors.js';
import type { Clock, Scheduler } from './ports.js';
import { TerminalError } from './reconcile.js';
import type { ControllerSpec, Request, WatchSpec } from './reconcile.js';
import type { TraceSink } from './trace-sink.js';
import { requestOfId } from './watch-index.js';
import { WorkQueue } from './workqueue.js';

/** How long a closed watch first waits before it re-lists; doubled per failure up to the max. */
export const WATCH_RETRY_MS = 1_000;
/** client-go's reflector caps its relist backoff at 30 s; so does drsim. */
export const WATCH_RETRY_MAX_MS = 30_000;

function requestKey(r: Request): string {
  return keyString(r);
}

export class Controller {
  private queue: WorkQueue | undefined;
  private readonly handles: WatchHandle[] = [];
  private readonly lastSeen: Map<string, KubeObject>[] = [];
  private readonly watchFailures: number[] = [];
  private active = 0;
  private running = false;

  constructor(
    readonly manager: string,
    readonly spec: ControllerSpec,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly trace: TraceSink,
  ) {
  }

  private get workers(): number {
    const w = this.spec.workers;
    return Math.max(1, typeof w === 'function' ? w() : (w ?? 1));
  }

  get name(): string {
    return `${this.manager}/${this.spec.name}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // A reconcile still in flight from before a stop belongs to the crashed incarnation, not this one.
    this.active = 0;
    this.queue = new WorkQueue(this.scheduler, () => this.clock.nowMs(), () => this.pump(), this.name);
    this.spec.onStart?.();
    this.spec.watches.forEach((w, i) => this.startWatch(w, i));
  }

  /** Stops like a crashed process: queue, backoff state and watches are all lost. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.queue?.shutdown();
    this.queue = undefined;
    for (const h of this.handles.splice(0)) h.stop();
  }

  /** Enqueues a request directly, as a source of its own (used for periodic and external triggers). */
  enqueue(request: Request): void {
    this.queue?.add(requestKey(request));
  }

  private startWatch(w: WatchSpec, index: number): void {
    const seen = new Map<string, KubeObject>();
    this.lastSeen[index] = seen;
    const keepOld = w.predicate !== undefined || (w.map !== undefined && w.map.length >= 3);
    let delivered = false;
    const queue = this.queue;
    const handle = w.client.watch(w.kind, w.namespace === undefined ? {} : { namespace: w.namespace }, {
      onEvent: (ev) => {
        if (!this.running || this.queue !== queue) return;
        delivered = true;
        this.watchFailures[index] = 0;
        const id = `${ev.object.metadata.namespace ?? ''}/${ev.object.metadata.name}`;
        const old = seen.get(id);
        if (ev.type === 'DELETED') seen.delete(id);
        else if (keepOld) seen.set(id, ev.object);
        if (w.predicate && ev.type === 'MODIFIED' && !w.predicate(ev.object, old)) return;
        const requests = w.map ? w.map(ev.object, ev.type, old) : [{ ...(ev.object.metadata.namespace ? { namespace: ev.object.metadata.namespace } : {}), name: ev.object.metadata.name }];
        for (const r of requests) queue?.add(requestKey(r));
      },
      onClose: (reason) => {
        if (!this.running || this.queue !== queue) return;
        this.trace.emit({ type: 'watch.closed', controller: this.name, kind: w.kind.kind, reason });
        // Re-list after a pause that grows while the watch keeps failing (an API server that is down, or a
        // kind it does not serve): a fresh watch replays every object as ADDED, which requeues them all.
        const failures = delivered ? 0 : (this.watchFailures[index] ?? 0) + 1;
        this.watchFailures[index] = failures;
        const delayMs = Math.min(WATCH_RETRY_MS * 2 ** Math.max(0, failures - 1), WATCH_RETRY_MAX_MS);
        this.scheduler.after(delayMs, `${this.name}.rewatch`, () => {
          if (this.running && this.queue === queue) this.startWatch(w, index);
        });
      },
    });
    this.handles.push(handle);
  }

  private pump(): void {
    const queue = this.queue;
    if (!queue) return;
    while (this.active < this.workers && queue.length > 0) {
      const key = queue.get();
      if (key === undefined) return;
      this.active++;
      void this.process(queue, key);
    }
  }

  private async process(queue: WorkQueue, key: string): Promise<void> {
    const request = requestOfId(key);
    let outcome: string;
    try {
      const result = await this.spec.reconciler.reconcile(request);
      if (this.queue !== queue) return;
      if (result.requeueAfterMs !== undefined && result.requeueAfterMs > 0) {
        queue.forget(key);
        queue.addAfter(key, result.requeueAfterMs);
        outcome = `requeueAfter ${result.requeueAfterMs}ms`;
      } else if (result.requeue) {
        queue.addRateLimited(key);
        outcome = 'requeue';
      } else {
        queue.forget(key);
        outcome = 'done';
      }
      this.trace.emit({ type: 'reconcile', controller: this.name, key, result: outcome });
    } catch (err) {
      if (this.queue !== queue) return;
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof TerminalError) {
        queue.forget(key);
        outcome = 'terminal';
      } else {
        queue.addRateLimited(key);
        outcome = isApiError(err) ? `error ${err.reason}` : 'error';
      }
      this.trace.emit({ type: 'reconcile', controller: this.name, key, result: outcome, error: message });
    } finally {
      queue.done(key);
      if (this.queue === queue) {
        this.active--;
        this.pump();
      }
    }
  }
}

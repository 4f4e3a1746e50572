// Groups the controllers of one operator process (the hub operator, or the DR-cluster operator of one
// managed cluster). Stopping a manager is a crash: every queue and in-memory state goes with it.

import type { Clock, Scheduler } from './ports.js';
import type { ControllerSpec, Request } from './reconcile.js';
import type { TraceSink } from './trace-sink.js';
import { Controller } from './controller.js';

export interface ManagerOptions {
  name: string;
  clock: Clock;
  scheduler: Scheduler;
  trace: TraceSink;
}

export class Manager {
  private readonly controllers: Controller[] = [];
  private running = false;
  private readonly onStart: (() => void | Promise<void>)[] = [];

  constructor(private readonly options: ManagerOptions) {}

  get name(): string {
    return this.options.name;
  }

  get isRunning(): boolean {
    return this.running;
  }

  add(spec: ControllerSpec): Controller {
    if (this.controllers.some((c) => c.spec.name === spec.name)) throw new Error(`manager ${this.name}: controller ${spec.name} added twice`);
    const c = new Controller(this.name, spec, this.options.clock, this.options.scheduler, this.options.trace);
    this.controllers.push(c);
    if (this.running) c.start();
    return c;
  }

  /** A hook run at every start, as an operator's main does before its controllers begin. */
  addStartHook(fn: () => void | Promise<void>): void {
    this.onStart.push(fn);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.options.trace.emit({ type: 'manager.start', manager: this.name });
    for (const hook of this.onStart) void Promise.resolve(hook()).catch(() => undefined);
    for (const c of this.controllers) c.start();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.options.trace.emit({ type: 'manager.stop', manager: this.name });
    for (const c of this.controllers) c.stop();
  }

  enqueue(controller: string, request: Request): void {
    this.controllers.find((c) => c.spec.name === controller)?.enqueue(request);
  }
}

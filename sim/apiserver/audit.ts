// The server's audit log in the run trace: one compact `api.write` per stored change and one
// `api.reject` per refused write. Reads are not logged; they change nothing.

import type { KindSchema } from '../../engine/api/schema/types.js';
import { isApiError } from '../../engine/runtime/errors.js';
import type { TraceSink } from '../../engine/runtime/trace-sink.js';
import type { KubeObject } from '../../engine/api/meta.js';

/** `remove` is the object leaving storage; it follows the write or GC deletion that caused it. */
export type WriteVerb = 'create' | 'update' | 'patch' | 'status' | 'delete' | 'remove';

export class AuditLog {
  constructor(
    private readonly trace: TraceSink,
    private readonly cluster: string,
  ) {}

  write(actor: string, verb: WriteVerb, schema: KindSchema, obj: KubeObject, noop = false): void {
    this.trace.emit({
      type: 'api.write',
      cluster: this.cluster,
      actor,
      verb,
      kind: schema.kind,
      ns: obj.metadata.namespace,
      name: obj.metadata.name,
      rv: obj.metadata.resourceVersion,
      gen: obj.metadata.generation,
      noop: noop ? true : undefined,
    });
  }

  reject(actor: string, verb: WriteVerb, kind: string, ns: string | undefined, name: string | undefined, err: unknown): void {
    this.trace.emit({
      type: 'api.reject',
      cluster: this.cluster,
      actor,
      verb,
      kind,
      ns,
      name,
      reason: isApiError(err) ? err.reason : 'InternalError',
      message: err instanceof Error ? err.message : String(err),
    });
  }

  wipe(objects: number): void {
    this.trace.emit({ type: 'api.wipe', cluster: this.cluster, objects });
  }

  availability(up: boolean): void {
    this.trace.emit({ type: up ? 'api.up' : 'api.down', cluster: this.cluster });
  }
}

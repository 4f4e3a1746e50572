// Who last wrote each S3 key, and when each cluster last deleted under each VRG prefix, from the
// trace's s3.* events (each names its calling node and its keys).

import type { TraceEvent } from '../../../sim/trace/recorder.js';

export interface S3Put {
  atMs: number;
  caller: string;
  seq: number;
}

/** `<ns>/<name>` of a key under a VRG prefix. */
export function vrgPrefixOf(key: string): string {
  return key.split('/').slice(0, 2).join('/');
}

export class S3Activity {
  private readonly puts = new Map<string, S3Put>();
  private readonly deletes = new Map<string, number>();
  private readonly deleters = new Map<string, string>();

  observe(e: TraceEvent): void {
    const endpoint = String(e.endpoint);
    if (e.type === 's3.put') {
      this.puts.set(`${endpoint} ${String(e.key)}`, { atMs: e.t, caller: String(e.caller), seq: e.seq });
      this.deleters.delete(`${endpoint} ${String(e.key)}`);
      return;
    }
    if (e.type !== 's3.delete' && e.type !== 's3.deleteMany') return;
    for (const key of String(e.key).split(',')) {
      if (key === '') continue;
      this.puts.delete(`${endpoint} ${key}`);
      this.deleters.set(`${endpoint} ${key}`, String(e.caller));
      this.deletes.set(`${endpoint} ${String(e.caller)} ${vrgPrefixOf(key)}`, e.t);
    }
  }

  lastPut(endpoint: string, key: string): S3Put | undefined {
    return this.puts.get(`${endpoint} ${key}`);
  }

  /** Who deleted the key, if it was deleted and not put again since. */
  deleter(endpoint: string, key: string): string | undefined {
    return this.deleters.get(`${endpoint} ${key}`);
  }

  /** When `caller` last deleted anything under the VRG prefix `<ns>/<name>` at `endpoint`. */
  lastDelete(endpoint: string, caller: string, vrgPrefix: string): number | undefined {
    return this.deletes.get(`${endpoint} ${caller} ${vrgPrefix}`);
  }
}

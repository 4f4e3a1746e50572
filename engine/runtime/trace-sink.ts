// Where engine and simulator code report what they did. The simulator's recorder stamps each event
// with virtual time and a sequence number and writes it to the one NDJSON trace of a run.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TraceFields {
  /** The event's type, dotted by subsystem, for example `api.write`, `reconcile.done`, `fault.inject`. */
  type: string;
  [field: string]: JsonValue | undefined;
}

export interface TraceSink {
  emit(event: TraceFields): void;
}

export const nullTraceSink: TraceSink = { emit: () => undefined };

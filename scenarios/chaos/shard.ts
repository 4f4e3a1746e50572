// Deterministic seed slicing: run i of a campaign uses seed `seedStart + i`, and shard I of N runs
// exactly the runs whose index i satisfies i % N == I, so N CI jobs together run the same seeds as
// one job would, and a failing seed names its run wherever it ran.

export interface Shard {
  /** Counts from 0. */
  index: number;
  count: number;
}

export function validateShard(shard: Shard): void {
  if (!Number.isInteger(shard.count) || shard.count < 1) throw new RangeError(`shard.count must be an integer >= 1, got ${shard.count}`);
  if (!Number.isInteger(shard.index) || shard.index < 0 || shard.index >= shard.count) throw new RangeError(`shard.index must be an integer in [0, ${shard.count - 1}], got ${shard.index}`);
}

/** Parses `I/N` as the CLI's `--shard` takes it. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new RangeError(`--shard expects I/N, for example 0/4; got "${text}"`);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  validateShard(shard);
  return shard;
}

export function inShard(runIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || runIndex % shard.count === shard.index;
}

export function seedOfRun(seedStart: number, runIndex: number): number {
  return seedStart + runIndex;
}

// Option parsers shared by commands: each rejects a bad value with a message saying what is valid.

import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../scenarios/format/duration.js';

export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`a seed is a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"`);
  return Number(value);
}

export function parsePositiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got "${value}"`);
  return Number(value);
}

export function parseDurationOption(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration such as 30s, 5m, 1h or 1h30m, got "${value}"`);
  return ms;
}

export function parseShard(value: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count) throw new InvalidArgumentError(`a shard is I/N with 0 <= I < N, for example 0/4; got "${value}"`);
  return { index, count };
}

export type Backend = 'sim' | 'apiserver' | 'kind';
export function parseBackend(value: string): Backend {
  if (value !== 'sim' && value !== 'apiserver' && value !== 'kind') throw new InvalidArgumentError(`a backend is one of sim, apiserver, kind; got "${value}"`);
  return value;
}

// Reading a VolumeReplicationClass `schedulingInterval`. The storage side (the RBD snapshot
// schedule) understands minutes, hours and days (`5m`, `1h`, `1d`, Ramen's pattern `^\d+[mhd]$`);
// the csi-addons controller re-reads replication info on a period derived from the same string but
// parsed as a Go duration, which has no `d` and then falls back to an hour.

import { parseGoDuration } from '../../engine/api/storage/go-duration.js';

export const SCHEDULING_INTERVAL_DEFAULT_MS = 3_600_000;

/** The mirroring snapshot interval the storage applies, or undefined when the string is not one. */
export function mirrorIntervalMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)([smhd])$/.exec(text.trim());
  if (m) {
    const n = Number(m[1]);
    const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
    return n > 0 ? n * unit : undefined;
  }
  const go = parseGoDuration(text);
  return go !== undefined && go > 0 ? go : undefined;
}

/** How often the csi-addons controller refreshes a primary's replication info. */
export function infoRefreshIntervalMs(text: string | undefined): number {
  if (!text) return SCHEDULING_INTERVAL_DEFAULT_MS;
  const ms = parseGoDuration(text);
  if (ms === undefined) return SCHEDULING_INTERVAL_DEFAULT_MS;
  return ms < 120_000 ? ms : ms / 2;
}

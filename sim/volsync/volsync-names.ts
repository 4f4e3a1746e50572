// Names of the objects VolSync creates, as VolSync (and Ramen, which predicts them) spells them.
// A generated name longer than 63 characters keeps its prefix and replaces the rest with the
// 8-digit lower-case hex CRC-32 (IEEE) of the original name, so it still fits a Service name.

import { RSYNC_TLS_DST_SERVICE_PREFIX, RSYNC_TLS_SRC_JOB_PREFIX } from '../../engine/api/storage/volsync.js';

const CRC_TABLE: number[] = (() => {
  const table: number[] = [];
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table.push(c >>> 0);
  }
  return table;
})();

export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function shortenedName(prefix: string, name: string): string {
  const full = prefix + name;
  return full.length > 63 ? prefix + crc32(name).toString(16).padStart(8, '0') : full;
}

export const destinationServiceName = (rdName: string): string => shortenedName(RSYNC_TLS_DST_SERVICE_PREFIX, rdName);
export const sourceJobName = (rsName: string): string => shortenedName(RSYNC_TLS_SRC_JOB_PREFIX, rsName);
export const destinationJobName = (rdName: string): string => shortenedName('volsync-rsync-tls-dst-', rdName);

/** The PVC a destination provisions when spec.rsyncTLS.destinationPVC is not given. */
export const destinationClaimName = (rdName: string): string => `volsync-${rdName}-dst`;

/** Go's `20060102150405` layout in UTC, which VolSync appends to latest-image snapshot names. */
export function compactTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export const latestImageSnapshotName = (rdName: string, ms: number): string => `volsync-${rdName}-dst-${compactTimestamp(ms)}`;

/** A deterministic in-cluster address for a Service VolSync creates (the API server allocates none). */
export function clusterIpFor(cluster: string, namespace: string, service: string): string {
  const h = crc32(`${cluster}/${namespace}/${service}`);
  return `10.96.${(h >>> 8) & 0xff}.${1 + (h & 0xfd)}`;
}

/** A deterministic external address, as a cloud load balancer would hand out. */
export function loadBalancerIpFor(cluster: string, namespace: string, service: string): string {
  const h = crc32(`lb/${cluster}/${namespace}/${service}`);
  return `172.${16 + ((h >>> 16) & 0x0f)}.${(h >>> 8) & 0xff}.${1 + (h & 0xfd)}`;
}

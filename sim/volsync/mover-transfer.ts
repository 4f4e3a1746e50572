// One rsync-tls transfer from a source mover to a destination listener. The mover pod starts
// (moverStartupMs), resolves the destination address through the fabric, checks that both directions
// of the link between the two clusters work, compares pre-shared keys, then streams the missing
// writes: the time taken is the bytes to move over the bandwidth plus a round trip. The link is
// probed every linkProbeMs while streaming; a cut (or a down cluster) at any probe, or the listener
// going away, aborts the transfer, and the destination keeps what it had. On arrival the destination
// applies the point-in-time content atomically (or refuses it).

import type { DestinationListener } from './volsync-fabric.js';
import type { ResolvedVolSyncDeps } from './volsync-deps.js';
import { deltaWrites, type PointInTime } from './volume-images.js';

export type TransferResult = { ok: true; listener: DestinationListener; bytes: number; writes: number } | { ok: false; message: string };

function sleep(deps: ResolvedVolSyncDeps, ms: number, label: string): Promise<void> {
  return new Promise((resolve) => void deps.scheduler.after(ms, label, resolve));
}

export async function runTransfer(deps: ResolvedVolSyncDeps, source: PointInTime, address: string | undefined, psk: string, label: string): Promise<TransferResult> {
  const { network, fabric, storage, cluster } = deps;
  if (deps.moverStartupMs > 0) await sleep(deps, deps.moverStartupMs, `${label}.startup`);
  const resolved = fabric.resolve(cluster, address);
  if (!resolved.ok) return { ok: false, message: resolved.message };
  const listener = resolved.listener;
  const peer = listener.cluster;
  if (!network.canTalk(cluster, peer)) return { ok: false, message: `dial tcp ${address}:8000: i/o timeout` };
  if (listener.psk !== psk) return { ok: false, message: 'TLS handshake failed: pre-shared key mismatch' };

  const writes = deltaWrites(storage.data, source, listener.targetImage);
  const bytes = writes * storage.bytesPerWrite;
  let remainingMs = Math.ceil(bytes / deps.bandwidthBytesPerMs) + network.latencyMs(cluster, peer) + network.latencyMs(peer, cluster);
  while (remainingMs > 0) {
    const step = Math.min(deps.linkProbeMs, remainingMs);
    await sleep(deps, step, `${label}.stream`);
    remainingMs -= step;
    if (!network.canTalk(cluster, peer)) return { ok: false, message: `rsync: connection unexpectedly closed (${peer} unreachable)` };
    if (fabric.listenerOf(listener.cluster, listener.namespace, listener.service) !== listener) return { ok: false, message: 'rsync: connection reset by peer' };
  }
  const refused = listener.receive({ sourceCluster: cluster, source, psk });
  if (refused !== undefined) return { ok: false, message: `rsync error: ${refused}` };
  return { ok: true, listener, bytes, writes };
}

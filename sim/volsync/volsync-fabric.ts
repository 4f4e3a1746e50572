// The clusterset as VolSync's rsync-tls movers see it: which destination movers are listening, at
// which addresses, and which Services are exported through MCS (Submariner). One fabric is shared by
// every cluster of a world.
//
// Address resolution, from a source on cluster S:
// - `<svc>.<ns>.svc.clusterset.local` resolves only when some cluster exports that Service
//   (ServiceExport admitted by its MCS controller); the exporting cluster's listener answers,
//   preferring S itself, then the first other cluster in name order (as Lighthouse prefers local).
// - `<svc>.<ns>.svc[.cluster.local]` resolves on S only.
// - An IP address resolves to the listener that published it: a LoadBalancer address from anywhere,
//   a ClusterIP address only from its own cluster.
// Reachability over the network (cut links, down clusters) is checked by the mover, not here.

import { CLUSTERSET_DNS_SUFFIX } from '../../engine/api/storage/service-export.js';
import type { PointInTime } from './volume-images.js';

export interface TransferPayload {
  sourceCluster: string;
  source: PointInTime;
  /** The source's pre-shared key, which must equal the destination's. */
  psk: string | undefined;
}

export interface DestinationListener {
  cluster: string;
  namespace: string;
  service: string;
  rdName: string;
  rdUid: string;
  address: string;
  /** LoadBalancer: reachable by address from other clusters. */
  external: boolean;
  psk: string | undefined;
  /** The image the destination writes into, for delta sizing. */
  targetImage: string | undefined;
  /** Accepts a completed transfer at arrival; returns why it was refused, if it was. */
  receive(payload: TransferPayload): string | undefined;
}

export type Resolution = { ok: true; listener: DestinationListener } | { ok: false; message: string };

const IP = /^\d+\.\d+\.\d+\.\d+$/;

export class VolSyncFabric {
  private readonly listeners = new Map<string, DestinationListener>();
  private readonly exported = new Set<string>();

  private static serviceKey(cluster: string, namespace: string, service: string): string {
    return `${cluster}/${namespace}/${service}`;
  }

  listen(listener: DestinationListener): void {
    this.listeners.set(VolSyncFabric.serviceKey(listener.cluster, listener.namespace, listener.service), listener);
  }

  /** Stops the listener of that Service, but only if it still belongs to the given RD. */
  close(cluster: string, namespace: string, service: string, rdUid?: string): void {
    const key = VolSyncFabric.serviceKey(cluster, namespace, service);
    const l = this.listeners.get(key);
    if (l && (rdUid === undefined || l.rdUid === rdUid)) this.listeners.delete(key);
  }

  listenerOf(cluster: string, namespace: string, service: string): DestinationListener | undefined {
    return this.listeners.get(VolSyncFabric.serviceKey(cluster, namespace, service));
  }

  setExported(cluster: string, namespace: string, service: string, exported: boolean): void {
    const key = VolSyncFabric.serviceKey(cluster, namespace, service);
    if (exported) this.exported.add(key);
    else this.exported.delete(key);
  }

  isExported(cluster: string, namespace: string, service: string): boolean {
    return this.exported.has(VolSyncFabric.serviceKey(cluster, namespace, service));
  }

  /** The clusters exporting a Service, sorted. */
  exportersOf(namespace: string, service: string): string[] {
    const suffix = `/${namespace}/${service}`;
    return [...this.exported].filter((k) => k.endsWith(suffix) && k.split('/').length === 3).map((k) => k.split('/')[0]!).sort();
  }

  resolve(fromCluster: string, address: string | undefined): Resolution {
    if (!address) return { ok: false, message: 'no remote address to connect to' };
    const clusterset = `.${CLUSTERSET_DNS_SUFFIX}`;
    if (address.endsWith(clusterset)) {
      const [service, namespace] = address.slice(0, -clusterset.length).split('.');
      if (!service || !namespace) return { ok: false, message: `lookup ${address}: no such host` };
      const exporters = this.exportersOf(namespace, service);
      const ordered = exporters.includes(fromCluster) ? [fromCluster, ...exporters.filter((c) => c !== fromCluster)] : exporters;
      for (const c of ordered) {
        const l = this.listenerOf(c, namespace, service);
        if (l) return { ok: true, listener: l };
      }
      if (exporters.length === 0) return { ok: false, message: `lookup ${address}: no such host` };
      return { ok: false, message: `dial tcp ${address}:8000: connect: connection refused` };
    }
    const local = /^([^.]+)\.([^.]+)\.svc(\.cluster\.local)?$/.exec(address);
    if (local) {
      const l = this.listenerOf(fromCluster, local[2]!, local[1]!);
      return l ? { ok: true, listener: l } : { ok: false, message: `dial tcp ${address}:8000: connect: connection refused` };
    }
    if (IP.test(address)) {
      const candidates = [...this.listeners.values()].filter((l) => l.address === address && (l.external || l.cluster === fromCluster));
      candidates.sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
      const l = candidates[0];
      return l ? { ok: true, listener: l } : { ok: false, message: `dial tcp ${address}:8000: i/o timeout` };
    }
    return { ok: false, message: `lookup ${address}: no such host` };
  }

  /** Listening destinations, sorted, for world snapshots. */
  listening(): { cluster: string; namespace: string; service: string; address: string }[] {
    return [...this.listeners.values()]
      .map((l) => ({ cluster: l.cluster, namespace: l.namespace, service: l.service, address: l.address }))
      .sort((a, b) => `${a.cluster}/${a.namespace}/${a.service}`.localeCompare(`${b.cluster}/${b.namespace}/${b.service}`));
  }
}

// The Multi-Cluster Services API ServiceExport (multicluster.x-k8s.io/v1alpha1). Ramen creates one for
// every VolSync ReplicationDestination, named after the RD's rsync-tls Service, so that with
// Submariner the source cluster can reach `<service>.<ns>.svc.clusterset.local` (dr-cluster spec
// §6.2.2). The simulator's VolSync model treats an exported destination Service as reachable by its
// clusterset address.

import type { Condition, KindRef, KubeObject } from '../meta.js';
import type { KindSchema } from '../schema/types.js';
import { conditionSchema, stringMapSchema, typeMetaProperties } from './schema-parts.js';

export const MULTICLUSTER_GROUP = 'multicluster.x-k8s.io';
export const MULTICLUSTER_API_VERSION = `${MULTICLUSTER_GROUP}/v1alpha1`;

export const ServiceExportKind: KindRef = { apiVersion: MULTICLUSTER_API_VERSION, kind: 'ServiceExport' };

export interface ServiceExportSpec {
  exportedLabels?: Record<string, string>;
  exportedAnnotations?: Record<string, string>;
}

export interface ServiceExportStatus {
  conditions?: Condition[];
}

export interface ServiceExport extends KubeObject<ServiceExportSpec, ServiceExportStatus> {}

/** Condition types an MCS controller sets on a ServiceExport. */
export const ServiceExportConditionType = {
  /** The Service exists and can be exported. */
  Valid: 'Valid',
  /** Exports of the same Service from several clusters disagree. */
  Conflict: 'Conflict',
  /** The export has been synced to the clusterset (Submariner and newer MCS releases). */
  Ready: 'Ready',
} as const;

/** The DNS suffix under which an exported Service is resolvable from every cluster of the set. */
export const CLUSTERSET_DNS_SUFFIX = 'svc.clusterset.local';

export function clustersetAddress(serviceName: string, namespace: string): string {
  return `${serviceName}.${namespace}.${CLUSTERSET_DNS_SUFFIX}`;
}

export const ServiceExportSchema: KindSchema = {
  group: MULTICLUSTER_GROUP,
  version: 'v1alpha1',
  kind: 'ServiceExport',
  plural: 'serviceexports',
  singular: 'serviceexport',
  shortNames: ['svcexport', 'svcex'],
  scope: 'Namespaced',
  servedOn: ['dr'],
  statusSubresource: true,
  schema: {
    type: 'object',
    properties: {
      ...typeMetaProperties,
      spec: {
        type: 'object',
        properties: { exportedAnnotations: stringMapSchema, exportedLabels: stringMapSchema },
      },
      status: {
        type: 'object',
        properties: {
          conditions: { type: 'array', items: conditionSchema, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['type'] },
        },
      },
    },
  },
};

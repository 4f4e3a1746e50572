// Kinds drsim does not model but knows about, so that `validate` can tell "a real cluster serves
// this, drsim just does not check it" (a hint) from "no cluster serves this" (NoKindMatch, an error).

import type { ClusterRole } from '../engine/api/schema/types.js';

/** Kubernetes' built-in kinds by apiVersion (as served by kube-apiserver 1.30+). */
export const BUILT_IN_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io/v1': ['CSIDriver', 'CSINode', 'CSIStorageCapacity', 'StorageClass', 'VolumeAttachment'],
  'policy/v1': ['PodDisruptionBudget'],
  'scheduling.k8s.io/v1': ['PriorityClass'],
  'coordination.k8s.io/v1': ['Lease'],
  'discovery.k8s.io/v1': ['EndpointSlice'],
  'events.k8s.io/v1': ['Event'],
  'node.k8s.io/v1': ['RuntimeClass'],
  'admissionregistration.k8s.io/v1': ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'],
  'apiextensions.k8s.io/v1': ['CustomResourceDefinition'],
  'apiregistration.k8s.io/v1': ['APIService'],
  'certificates.k8s.io/v1': ['CertificateSigningRequest'],
  'flowcontrol.apiserver.k8s.io/v1': ['FlowSchema', 'PriorityLevelConfiguration'],
};

/** The API groups of Kubernetes itself: a kind not in BUILT_IN_KINDS there is served nowhere. */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set(Object.keys(BUILT_IN_KINDS).map((v) => (v.includes('/') ? v.slice(0, v.indexOf('/')) : '')));

export interface UnmodelledKind {
  kind: string;
  servedOn: ClusterRole[];
  note: string;
}

/**
 * Kinds in Ramen's own API group that drsim does not model. Ramen's group is complete with these: any
 * other kind in it is served nowhere (RamenConfig above all, which is not a resource).
 */
export const RAMEN_UNMODELLED_KINDS: readonly UnmodelledKind[] = [
  { kind: 'ReplicationGroupSource', servedOn: ['dr'], note: 'created by the VRG for CephFS consistency groups, not by users' },
  { kind: 'ReplicationGroupDestination', servedOn: ['dr'], note: 'created by the VRG for CephFS consistency groups, not by users' },
  { kind: 'Recipe', servedOn: ['dr'], note: 'from the RamenDR recipe project; referenced by kubeObjectProtection.recipeRef' },
];

export const RAMEN_GROUP = 'ramendr.openshift.io';

// The objects a configured Ramen environment holds before any application is protected, as Ramen's
// own test environment (drenv + `ramendev config`) leaves them: S3 secrets and the hub operator's
// ConfigMap, DRClusters and a DRPolicy on the hub; storage, snapshot and replication classes labelled
// the way Ramen pairs them on each managed cluster. Plain manifests, so they pass the same admission
// as anything a user applies.

import type { KubeObject } from '../../engine/api/meta.js';
import type { AppDecl, WorldDecl } from './world-decl.js';

export const RAMEN_NAMESPACE = 'ramen-system';
export const RAMEN_OPS_NAMESPACE = 'ramen-ops';
export const S3_BUCKET = 'bucket';
export const S3_ACCESS_KEY = 'minio';
export const S3_SECRET_KEY = 'minio123';
export const RBD_PROVISIONER = 'rook-ceph.rbd.csi.ceph.com';
export const CEPHFS_PROVISIONER = 'rook-ceph.cephfs.csi.ceph.com';
export const RBD_STORAGE_CLASS = 'rook-ceph-block';
export const CEPHFS_STORAGE_CLASS = 'rook-cephfs-fs1';
export const REPLICATION_ID = 'rook-ceph-replication-1';

const STORAGE_ID_LABEL = 'ramendr.openshift.io/storageid';
const REPLICATION_ID_LABEL = 'ramendr.openshift.io/replicationid';

export function s3ProfileName(decl: WorldDecl, cluster: string): string {
  return decl.s3 === 'shared' ? 'minio-shared' : `minio-on-${cluster}`;
}

export function s3EndpointUrl(decl: WorldDecl, cluster: string): string {
  return decl.s3 === 'shared' ? 'http://minio.minio.svc:9000' : `http://minio-${cluster}.minio.svc:30000`;
}

export function s3SecretName(decl: WorldDecl, cluster: string): string {
  return decl.s3 === 'shared' ? 'ramen-s3-secret' : `ramen-s3-secret-${cluster}`;
}

export function policyName(decl: WorldDecl): string {
  return decl.storage === 'metro' ? 'dr-policy-metro' : `dr-policy-${decl.schedulingInterval}`;
}

function storageId(decl: WorldDecl, sc: string, cluster: string): string {
  // Metro: one storage system stretched over both clusters, hence one storage id.
  return decl.storage === 'metro' ? `${sc}-metro-1` : `${sc}-${cluster}-1`;
}

const ns = (name: string, labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } });

function b64(s: string): string {
  return Buffer.from(s, 'utf8').toString('base64');
}

function uniqueProfiles(decl: WorldDecl): { cluster: string; name: string; url: string; secret: string }[] {
  const seen = new Set<string>();
  const out: { cluster: string; name: string; url: string; secret: string }[] = [];
  for (const c of decl.clusters) {
    const name = s3ProfileName(decl, c.name);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ cluster: c.name, name, url: s3EndpointUrl(decl, c.name), secret: s3SecretName(decl, c.name) });
  }
  return out;
}

/** The YAML of RamenConfig as `ramendev config` writes it, with this world's S3 profiles. */
export function ramenConfigYaml(decl: WorldDecl, controllerType: 'dr-hub' | 'dr-cluster'): string {
  const profiles = uniqueProfiles(decl)
    .map(
      (p, i) =>
        `- s3ProfileName: ${p.name}\n  s3Bucket: ${S3_BUCKET}\n  s3CompatibleEndpoint: ${p.url}\n  s3Region: ${i === 0 ? 'us-west-1' : 'us-east-1'}\n  s3SecretRef:\n    name: ${p.secret}\n    namespace: ${RAMEN_NAMESPACE}`,
    )
    .join('\n');
  return [
    'apiVersion: ramendr.openshift.io/v1alpha1',
    'kind: RamenConfig',
    `ramenControllerType: ${controllerType}`,
    'maxConcurrentReconciles: 50',
    'drClusterOperator:',
    '  deploymentAutomationEnabled: true',
    '  s3SecretDistributionEnabled: true',
    'volSync:',
    '  disabled: false',
    '  destinationCopyMethod: Direct',
    'multiNamespace:',
    '  FeatureEnabled: true',
    'volumeUnprotectionEnabled: true',
    `ramenOpsNamespace: ${RAMEN_OPS_NAMESPACE}`,
    'kubeObjectProtection:',
    '  veleroNamespaceName: velero',
    's3StoreProfiles:',
    profiles,
    '',
  ].join('\n');
}

export function s3SecretManifests(decl: WorldDecl): KubeObject[] {
  return uniqueProfiles(decl).map((p) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    // Labelled for OCM's hub backup, as a hub that is to be recoverable needs its S3 credentials back.
    metadata: { name: p.secret, namespace: RAMEN_NAMESPACE, labels: { 'cluster.open-cluster-management.io/backup': 'ramen' } },
    type: 'Opaque',
    data: { AWS_ACCESS_KEY_ID: b64(S3_ACCESS_KEY), AWS_SECRET_ACCESS_KEY: b64(S3_SECRET_KEY) },
  }));
}

/** Hub objects of a configured environment (before any application). */
export function hubBootstrap(decl: WorldDecl): KubeObject[] {
  const objs: KubeObject[] = [ns(RAMEN_NAMESPACE), ns(RAMEN_OPS_NAMESPACE), ...s3SecretManifests(decl)];
  objs.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'ramen-hub-operator-config', namespace: RAMEN_NAMESPACE },
    data: { 'ramen_manager_config.yaml': ramenConfigYaml(decl, 'dr-hub') },
  });
  decl.clusters.forEach((c, i) => {
    objs.push({
      apiVersion: 'ramendr.openshift.io/v1alpha1',
      kind: 'DRCluster',
      // Metro fencing builds a NetworkFence from these user-set annotations (hub spec §1.3).
      metadata: {
        name: c.name,
        ...(decl.storage === 'metro'
          ? {
              annotations: {
                'drcluster.ramendr.openshift.io/storage-driver': RBD_PROVISIONER,
                'drcluster.ramendr.openshift.io/storage-secret-name': 'rook-csi-rbd-provisioner',
                'drcluster.ramendr.openshift.io/storage-secret-namespace': 'rook-ceph',
                'drcluster.ramendr.openshift.io/storage-clusterid': 'rook-ceph',
              },
            }
          : {}),
      },
      spec: {
        s3ProfileName: s3ProfileName(decl, c.name),
        region: decl.storage === 'metro' ? 'metro-region' : c.region,
        ...(decl.storage === 'metro' ? { cidrs: [`192.168.${10 + i}.0/24`] } : {}),
      },
    });
  });
  objs.push({
    apiVersion: 'ramendr.openshift.io/v1alpha1',
    kind: 'DRPolicy',
    metadata: { name: policyName(decl) },
    spec: { drClusters: decl.clusters.map((c) => c.name), schedulingInterval: decl.storage === 'metro' ? '' : decl.schedulingInterval },
  });
  return objs;
}

/** Storage classes and the operator namespace of one managed cluster. */
export function managedClusterBootstrap(decl: WorldDecl, cluster: string): KubeObject[] {
  const objs: KubeObject[] = [ns(RAMEN_NAMESPACE), ns('velero'), ns('volsync-system')];
  const rbdLabels: Record<string, string> = { [STORAGE_ID_LABEL]: storageId(decl, RBD_STORAGE_CLASS, cluster) };
  if (decl.storage === 'regional') rbdLabels[REPLICATION_ID_LABEL] = REPLICATION_ID;
  objs.push({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: RBD_STORAGE_CLASS, labels: rbdLabels },
    provisioner: RBD_PROVISIONER,
    parameters: { clusterID: 'rook-ceph', pool: 'replicapool' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  objs.push({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: CEPHFS_STORAGE_CLASS, labels: { [STORAGE_ID_LABEL]: storageId(decl, CEPHFS_STORAGE_CLASS, cluster) } },
    provisioner: CEPHFS_PROVISIONER,
    parameters: { clusterID: 'rook-ceph', fsName: 'fs1' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  });
  for (const [name, driver, sc] of [
    ['csi-rbdplugin-snapclass', RBD_PROVISIONER, RBD_STORAGE_CLASS],
    ['csi-cephfsplugin-snapclass', CEPHFS_PROVISIONER, CEPHFS_STORAGE_CLASS],
  ] as const) {
    objs.push({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name, labels: { [STORAGE_ID_LABEL]: storageId(decl, sc, cluster) } },
      driver,
      deletionPolicy: 'Delete',
    });
  }
  if (decl.storage === 'regional') {
    for (const interval of unique(['1m', '5m', decl.schedulingInterval])) {
      objs.push({
        apiVersion: 'replication.storage.openshift.io/v1alpha1',
        kind: 'VolumeReplicationClass',
        metadata: { name: `vrc-${interval}`, labels: { [STORAGE_ID_LABEL]: storageId(decl, RBD_STORAGE_CLASS, cluster), [REPLICATION_ID_LABEL]: REPLICATION_ID } },
        spec: { provisioner: RBD_PROVISIONER, parameters: { schedulingInterval: interval, 'replication.storage.openshift.io/replication-secret-name': 'rook-csi-rbd-provisioner', 'replication.storage.openshift.io/replication-secret-namespace': 'rook-ceph' } },
      });
    }
  }
  return objs;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** The application's own manifests, as a GitOps repository or a Subscription would deliver them. */
export function appManifests(app: AppDecl): KubeObject[] {
  const sc = app.dataPath === 'volsync' ? CEPHFS_STORAGE_CLASS : RBD_STORAGE_CLASS;
  const labels = { app: app.name };
  const pvcs: KubeObject[] = app.pvcs.map((p) => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: p.name, namespace: app.namespace, labels },
    spec: { accessModes: [app.dataPath === 'volsync' ? 'ReadWriteMany' : 'ReadWriteOnce'], resources: { requests: { storage: p.size } }, storageClassName: sc },
  }));
  // A Pod rather than a Deployment: drsim models no workload controllers, and what Ramen cares about
  // is only that something mounts the PVCs (it blocks demotion) and writes to them.
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${app.name}-0`, namespace: app.namespace, labels },
    spec: {
      containers: [{ name: app.name, image: 'quay.io/nirsof/busybox:stable', command: ['sh', '-c', 'while true; do date >> /mnt/data/log; sleep 1; done'] }],
      volumes: app.pvcs.map((p) => ({ name: p.name, persistentVolumeClaim: { claimName: p.name } })),
    },
  };
  const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${app.name}-config`, namespace: app.namespace, labels }, data: { 'app.properties': `name=${app.name}\n` } };
  return [...pvcs, cm, pod];
}

/** The hub objects that protect one application: its namespace, Placement and DRPlacementControl. */
export function appHubManifests(decl: WorldDecl, app: AppDecl): KubeObject[] {
  const objs: KubeObject[] = [
    ns(app.namespace),
    {
      apiVersion: 'cluster.open-cluster-management.io/v1beta1',
      kind: 'Placement',
      // Ramen refuses to protect an app whose Placement OCM still schedules: this annotation hands the
      // decisions to Ramen (hub spec §5.3). An unprotected app's Placement stays with OCM.
      metadata: {
        name: `${app.name}-placement`,
        namespace: app.namespace,
        labels: { app: app.name },
        ...(app.protection === 'drpc' ? { annotations: { 'cluster.open-cluster-management.io/experimental-scheduling-disable': 'true' } } : {}),
      },
      spec: { clusterSets: ['default'], numberOfClusters: 1, predicates: [{ requiredClusterSelector: { labelSelector: { matchLabels: { name: app.cluster } } } }] },
    },
  ];
  if (app.protection === 'drpc') {
    objs.push({
      apiVersion: 'ramendr.openshift.io/v1alpha1',
      kind: 'DRPlacementControl',
      metadata: { name: app.name, namespace: app.namespace, labels: { app: app.name } },
      spec: {
        preferredCluster: app.cluster,
        drPolicyRef: { name: policyName(decl) },
        placementRef: { kind: 'Placement', name: `${app.name}-placement` },
        pvcSelector: { matchLabels: { 'app.drsim.io/name': app.name } },
        ...(app.kubeObjectProtection ? { kubeObjectProtection: { captureInterval: '5m' } } : {}),
      },
    });
  }
  return objs;
}

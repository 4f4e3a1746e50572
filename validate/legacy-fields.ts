// Fields people write that Ramen's CRDs do not have, because they belong to a shape Ramen removed
// years ago, to another kind, or to a guide that guessed. Each entry carries what to write instead;
// it is shown next to the server's "unknown field" answer, never instead of it.

export interface LegacyField {
  kind: string;
  /** The unknown field as kube names it: `spec.drClusterSet`. */
  path: string;
  hint: string;
}

export const LEGACY_FIELDS: readonly LegacyField[] = [
  {
    kind: 'DRPolicy',
    path: 'spec.drClusterSet',
    hint: 'drClusterSet was removed from DRPolicy in 2022 (commit dcd58659, "DRPolicy split"): list the two cluster names in spec.drClusters: [east, west] and create one DRCluster per cluster carrying spec.region and spec.s3ProfileName',
  },
  {
    kind: 'DRPolicy',
    path: 'spec.asyncSchedulingInterval',
    hint: 'DRPolicy has one spec.schedulingInterval ("5m", "1h", "1d"); regional (async) versus metro (sync) follows from it being empty and from the storage the two clusters share',
  },
  {
    kind: 'DRPolicy',
    path: 'spec.syncSchedulingInterval',
    hint: 'DRPolicy has one spec.schedulingInterval; for metro (sync) DR set it to "" and give both clusters storage with the same storageid',
  },
  {
    kind: 'DRPolicy',
    path: 'spec.s3ProfileName',
    hint: 'the S3 profile is per cluster: set spec.s3ProfileName on each DRCluster',
  },
  {
    kind: 'DRPolicy',
    path: 'spec.region',
    hint: 'the region is per cluster: set spec.region on each DRCluster',
  },
  {
    kind: 'DRPlacementControl',
    path: 'spec.replicationState',
    hint: 'DRPlacementControl has no replicationState: the hub sets each VRG\'s replicationState itself; the user-facing knob is spec.action (Failover or Relocate), left empty for the initial deployment',
  },
  {
    kind: 'DRPlacementControl',
    path: 'spec.s3Profiles',
    hint: 'the hub fills the VRG\'s s3Profiles from the s3ProfileName of the policy\'s DRClusters',
  },
  {
    kind: 'DRPlacementControl',
    path: 'spec.kubeObjectProtection.captureOrder',
    hint: 'captureOrder was removed when recipes arrived (2022): use spec.kubeObjectProtection.recipeRef to order capture and recovery',
  },
  {
    kind: 'DRPlacementControl',
    path: 'spec.kubeObjectProtection.recoverOrder',
    hint: 'recoverOrder was removed when recipes arrived (2022): use spec.kubeObjectProtection.recipeRef to order capture and recovery',
  },
  {
    kind: 'VolumeReplicationGroup',
    path: 'spec.kubeObjectProtection.captureOrder',
    hint: 'captureOrder was removed when recipes arrived (2022): use spec.kubeObjectProtection.recipeRef',
  },
  {
    kind: 'VolumeReplicationGroup',
    path: 'spec.kubeObjectProtection.recoverOrder',
    hint: 'recoverOrder was removed when recipes arrived (2022): use spec.kubeObjectProtection.recipeRef',
  },
  {
    kind: 'VolumeReplicationGroup',
    path: 'spec.schedulingInterval',
    hint: 'the VRG\'s interval is spec.async.schedulingInterval (async replication only)',
  },
  {
    kind: 'DRCluster',
    path: 'spec.s3Endpoint',
    hint: 'a DRCluster names a profile with spec.s3ProfileName; the endpoint (s3CompatibleEndpoint) goes in that profile in the hub operator\'s ConfigMap',
  },
  {
    kind: 'DRCluster',
    path: 'spec.s3CompatibleEndpoint',
    hint: 'a DRCluster names a profile with spec.s3ProfileName; the endpoint goes in that profile in the hub operator\'s ConfigMap (ramen-hub-operator-config)',
  },
];

export function legacyHint(kind: string, path: string): string | undefined {
  return LEGACY_FIELDS.find((l) => l.kind === kind && l.path === path)?.hint;
}

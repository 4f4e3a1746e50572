// The labels that decide what OCM's hub backup (cluster-backup-operator with Velero) carries to a
// restored hub (hub spec §1.2, §8).

/** Objects of any kind carrying this label are backed up (Ramen sets the value `ramen`). */
export const OCM_BACKUP_LABEL = 'cluster.open-cluster-management.io/backup';

/** Velero skips objects labelled with this (value `"true"`); Ramen puts it on its PlacementDecisions. */
export const VELERO_EXCLUDE_LABEL = 'velero.io/exclude-from-backup';

// The Job a mover runs as. Only its existence is modelled: Ramen waits, before stopping a source's
// schedule for a final sync, until no `volsync-rsync-tls-src-<pvc>` Job exists (dr-cluster spec
// §6.2.1), so a source keeps its Job from the start of a sync until cleanup, as VolSync does. When the
// cluster serves no batch/v1 Job the Job is skipped.

import type { KubeObject, OwnerReference } from '../../engine/api/meta.js';
import { VolSyncLabel } from '../../engine/api/storage/volsync.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isAlreadyExists, isNotFound } from '../../engine/runtime/errors.js';

export const JOB_KIND = { apiVersion: 'batch/v1', kind: 'Job' };

export const MOVER_IMAGE = 'quay.io/backube/volsync:latest';

export async function ensureMoverJob(client: ClusterClient, namespace: string, name: string, owner: OwnerReference, role: 'source' | 'destination'): Promise<void> {
  if (!(await client.serves(JOB_KIND))) return;
  const job: KubeObject = {
    apiVersion: JOB_KIND.apiVersion,
    kind: JOB_KIND.kind,
    metadata: { name, namespace, labels: { [VolSyncLabel.createdBy]: VolSyncLabel.createdByValue }, ownerReferences: [owner] },
    spec: {
      backoffLimit: 2,
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': name } },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'rsync-tls', image: MOVER_IMAGE, command: ['/bin/bash', '-c', role === 'source' ? '/mover-rsync-tls/client.sh' : '/mover-rsync-tls/server.sh'] }],
        },
      },
    },
  };
  try {
    await client.create(job);
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

export async function deleteMoverJob(client: ClusterClient, namespace: string, name: string): Promise<void> {
  if (!(await client.serves(JOB_KIND))) return;
  try {
    await client.delete(JOB_KIND, { namespace, name }, { propagationPolicy: 'Background' });
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

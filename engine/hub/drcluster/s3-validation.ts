// A DRCluster's S3 profile must be usable (hub spec §16): connecting (profile, endpoint, bucket, secret)
// fails with `s3ConnectionFailed`, HeadBucket with `s3BucketNotFound`, listing a prefix derived from the
// DRCluster with `s3ListFailed`. The special profile `NoS3` skips all of it.

import type { DRCluster } from '../../api/ramen/drcluster.js';
import { DRClusterReason } from '../../api/ramen/drcluster.js';
import { NO_S3_PROFILE } from '../../api/ramen/hub-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import type { ObjectStore } from '../../runtime/object-store.js';
import type { ProfileStoreDeps } from '../s3/profile-store.js';
import { openProfileStore } from '../s3/profile-store.js';

export class S3ValidationError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'S3ValidationError';
  }
}

/** Throws S3ValidationError with the Validated reason to report. */
export async function validateS3Profile(deps: ProfileStoreDeps, config: RamenConfig, drCluster: DRCluster): Promise<void> {
  const profile = drCluster.spec.s3ProfileName;
  if (profile === NO_S3_PROFILE) return;
  let store: ObjectStore;
  try {
    store = await openProfileStore(deps, config, profile, 'drpolicy validation');
  } catch (err) {
    throw new S3ValidationError(DRClusterReason.S3ConnectionFailed, `${profile}: ${(err as Error).message}`);
  }
  try {
    await store.headBucket();
  } catch (err) {
    throw new S3ValidationError(DRClusterReason.S3BucketNotFound, `${profile}: ${(err as Error).message}`);
  }
  try {
    // The prefix is the request's namespaced name, "/<name>" for a cluster-scoped DRCluster.
    await store.list(`/${drCluster.metadata.name}`);
  } catch (err) {
    throw new S3ValidationError(DRClusterReason.S3ListFailed, `${profile}: ${(err as Error).message}`);
  }
}

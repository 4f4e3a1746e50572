// Ramen's `GetLastKnownVRGPrimaryFromS3` (hub spec §16): the VRG each primary uploads of itself, read
// from every given profile; profiles that fail and VRGs that are not primary are skipped, and the one
// with the latest `status.lastUpdateTime` wins. The hub never writes these objects.

import type { VolumeReplicationGroup } from '../../api/ramen/vrg.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { parseRfc3339 } from '../../runtime/ports.js';
import { decodeObject, vrgObjectKey } from '../../dr/vrg/s3-layout.js';
import type { ProfileStoreDeps } from './profile-store.js';
import { openProfileStore } from './profile-store.js';

export async function lastKnownPrimaryVrgFromS3(
  deps: ProfileStoreDeps,
  config: RamenConfig,
  profileNames: readonly string[],
  vrgName: string,
  vrgNamespace: string,
): Promise<VolumeReplicationGroup | undefined> {
  let latest: VolumeReplicationGroup | undefined;
  let latestMs = Number.NEGATIVE_INFINITY;
  for (const profileName of profileNames) {
    let vrg: VolumeReplicationGroup;
    try {
      const store = await openProfileStore(deps, config, profileName, 'hub');
      const key = vrgObjectKey(vrgNamespace, vrgName);
      vrg = decodeObject<VolumeReplicationGroup>(await store.get(key), key);
    } catch {
      // A failing profile is skipped, exactly as Ramen logs and continues.
      continue;
    }
    if (vrg.spec?.replicationState !== 'primary') continue;
    const updatedMs = parseRfc3339(vrg.status?.lastUpdateTime) ?? Number.NEGATIVE_INFINITY;
    if (latest === undefined || updatedMs > latestMs) {
      latest = vrg;
      latestMs = updatedMs;
    }
  }
  return latest;
}

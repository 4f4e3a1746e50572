// Resolving an S3 profile name to an object store, as Ramen's s3ObjectStoreGetter does: the profile
// must be in RamenConfig and well formed, and its secret must exist (the namespace defaults to the
// operator's). Building a store never contacts S3; a wrong endpoint or bucket only shows at first use.

import { NO_S3_STORE_AVAILABLE, S3_SECRET_ACCESS_KEY_ID, S3_SECRET_SECRET_ACCESS_KEY } from '../../api/ramen/dr-constants.js';
import { findS3StoreProfile, s3StoreProfileFormatError } from '../../api/ramen/ramen-config.js';
import type { RamenConfig, S3StoreProfile } from '../../api/ramen/ramen-config.js';
import type { ObjectStore } from '../../runtime/object-store.js';
import { SECRET_KIND } from '../core-kinds.js';
import type { Secret } from '../core-kinds.js';
import type { DrDeps, S3Accessor, VrgInstance } from './instance.js';
import { errorMessage } from './instance.js';

function fromBase64(v: string | undefined): string {
  return v === undefined ? '' : Buffer.from(v, 'base64').toString('utf8');
}

/** Go's %v of a SecretReference: `{name namespace}`. */
function secretRefString(p: S3StoreProfile): string {
  return `{${p.s3SecretRef?.name ?? ''} ${p.s3SecretRef?.namespace ?? ''}}`;
}

export interface ResolvedStore {
  store: ObjectStore;
  profile: S3StoreProfile;
}

/** Ramen's ObjectStore(profileName): throws with Ramen's error text. */
export async function resolveObjectStore(deps: DrDeps, config: RamenConfig, profileName: string, callerTag: string): Promise<ResolvedStore> {
  const profile = findS3StoreProfile(config, profileName);
  if (!profile) throw new Error(`failed to get profile ${profileName} for caller ${callerTag}, s3 profile ${profileName} not found in RamenConfig`);
  const formatError = s3StoreProfileFormatError(profile);
  if (formatError) throw new Error(`failed to get profile ${profileName} for caller ${callerTag}, ${formatError}`);
  const namespace = profile.s3SecretRef?.namespace || deps.operatorNamespace;
  let secret: Secret;
  try {
    secret = await deps.client.get<Secret>(SECRET_KIND, { namespace, name: profile.s3SecretRef?.name ?? '' });
  } catch (err) {
    throw new Error(`failed to get secret ${secretRefString(profile)} for caller ${callerTag}, failed to get secret ${secretRefString(profile)}, ${errorMessage(err)}`);
  }
  // Missing keys read as empty credentials, as Ramen reads a nil map entry; S3 then refuses them.
  const credentials = {
    accessKeyId: secret.stringData?.[S3_SECRET_ACCESS_KEY_ID] ?? fromBase64(secret.data?.[S3_SECRET_ACCESS_KEY_ID]),
    secretAccessKey: secret.stringData?.[S3_SECRET_SECRET_ACCESS_KEY] ?? fromBase64(secret.data?.[S3_SECRET_SECRET_ACCESS_KEY]),
  };
  const store = deps.objectStores.open(
    {
      s3ProfileName: profile.s3ProfileName,
      s3Bucket: profile.s3Bucket,
      s3CompatibleEndpoint: profile.s3CompatibleEndpoint,
      s3Region: profile.s3Region,
      s3SecretRef: { name: profile.s3SecretRef?.name ?? '', ...(profile.s3SecretRef?.namespace ? { namespace: profile.s3SecretRef.namespace } : {}) },
      ...(profile.caCertificates ? { caCertificates: profile.caCertificates } : {}),
    },
    credentials,
    deps.clusterName,
  );
  return { store, profile };
}

/** The per-reconcile cached store of a profile (Ramen's getObjectStorer), errors cached too. */
export async function objectStorerFor(v: VrgInstance, profileName: string): Promise<ObjectStore> {
  const cached = v.objectStorers.get(profileName);
  if (cached?.store) return cached.store;
  if (cached?.error !== undefined) throw new Error(cached.error);
  try {
    const { store } = await resolveObjectStore(v.deps, v.ramenConfig, profileName, v.namespacedName);
    v.objectStorers.set(profileName, { store });
    return store;
  } catch (err) {
    const message = `error creating object store for s3Profile ${profileName}, ${errorMessage(err)}`;
    v.objectStorers.set(profileName, { error: message });
    throw new Error(message);
  }
}

/**
 * Ramen's s3StoreAccessorsGet: one accessor per profile except `NoS3`; if any profile cannot be
 * resolved the whole list is empty (a quirk the VRG-object upload and kube-object capture inherit).
 */
export async function s3StoreAccessors(v: VrgInstance): Promise<S3Accessor[]> {
  const out: S3Accessor[] = [];
  for (const name of v.vrg.spec.s3Profiles ?? []) {
    if (name === NO_S3_STORE_AVAILABLE) continue;
    try {
      const { store } = await resolveObjectStore(v.deps, v.ramenConfig, name, v.namespacedName);
      out.push({ profileName: name, store });
    } catch (err) {
      v.log('Kube object protection store inaccessible', { profile: name, error: errorMessage(err) });
      return [];
    }
  }
  return out;
}

/** Runs `op` against every profile except `NoS3` (Ramen's s3StoresDo); the first failure stops it. */
export async function s3StoresDo(v: VrgInstance, op: (store: ObjectStore) => Promise<void>, what: string): Promise<void> {
  for (const name of v.vrg.spec.s3Profiles ?? []) {
    if (name === NO_S3_STORE_AVAILABLE) continue;
    let store: ObjectStore;
    try {
      store = (await resolveObjectStore(v.deps, v.ramenConfig, name, v.namespacedName)).store;
    } catch (err) {
      throw new Error(`${what} using profile ${name}, err failed to get client for s3Profile ${name}, err ${errorMessage(err)}`);
    }
    try {
      await op(store);
    } catch (err) {
      throw new Error(`${what} using profile ${name}, err ${errorMessage(err)}`);
    }
  }
}

// Opening the object store of an S3 profile named in the hub's RamenConfig: the profile must exist and
// pass Ramen's format check, and its secret (namespace defaulting to the operator's) must carry the AWS
// key pair (hub spec §16). Every failure here is what Ramen reports as a connection failure.

import { S3_SECRET_ACCESS_KEY_ID, S3_SECRET_SECRET_ACCESS_KEY } from '../../api/ramen/dr-constants.js';
import type { RamenConfig } from '../../api/ramen/ramen-config.js';
import { findS3StoreProfile, s3StoreProfileFormatError } from '../../api/ramen/ramen-config.js';
import type { ClusterClient } from '../../runtime/client.js';
import type { ObjectStore, ObjectStoreFactory } from '../../runtime/object-store.js';
import type { Secret } from '../config.js';
import { secretValue } from '../config.js';
import { HubKinds } from '../kinds.js';

export interface ProfileStoreDeps {
  client: ClusterClient;
  objectStores: ObjectStoreFactory;
  operatorNamespace: string;
}

export async function openProfileStore(deps: ProfileStoreDeps, config: RamenConfig, profileName: string, caller: string): Promise<ObjectStore> {
  const profile = findS3StoreProfile(config, profileName);
  if (!profile) throw new Error(`failed to get profile ${profileName}, s3 profile ${profileName} not found in RamenConfig`);
  const formatError = s3StoreProfileFormatError(profile);
  if (formatError) throw new Error(formatError);
  const secretNamespace = profile.s3SecretRef.namespace || deps.operatorNamespace;
  const secretName = profile.s3SecretRef.name ?? '';
  let secret: Secret;
  try {
    secret = await deps.client.get<Secret>(HubKinds.secret, { namespace: secretNamespace, name: secretName });
  } catch (err) {
    throw new Error(`failed to get secret ${secretNamespace}/${secretName}: ${(err as Error).message}`);
  }
  const accessKeyId = secretValue(secret, S3_SECRET_ACCESS_KEY_ID);
  const secretAccessKey = secretValue(secret, S3_SECRET_SECRET_ACCESS_KEY);
  if (accessKeyId === undefined || secretAccessKey === undefined) throw new Error(`secret ${secretNamespace}/${secretName} is missing the AWS key pair`);
  const s3Profile = {
    s3ProfileName: profile.s3ProfileName,
    s3Bucket: profile.s3Bucket,
    s3CompatibleEndpoint: profile.s3CompatibleEndpoint,
    s3Region: profile.s3Region,
    s3SecretRef: { name: secretName, namespace: secretNamespace },
    ...(profile.caCertificates ? { caCertificates: profile.caCertificates } : {}),
  };
  return deps.objectStores.open(s3Profile, { accessKeyId, secretAccessKey }, caller);
}

// Opens the object store behind a BackupStorageLocation the way Velero's AWS plugin does: endpoint
// from `config.s3Url`, bucket and prefix from `objectStorage`, credentials from an AWS credentials
// file held in the Secret key `spec.credential` names (Ramen's `v<s3Secret>`/`ramengenerated`, with
// content `[default] aws_access_key_id = … aws_secret_access_key = …`). Every call then travels the
// network from the cluster Velero runs on, so partitions and S3 outages reach Velero as they would.

import type { KubeObject } from '../../engine/api/meta.js';
import type { BackupStorageLocation } from '../../engine/api/storage/velero.js';
import type { ClusterClient } from '../../engine/runtime/client.js';
import { isNotFound } from '../../engine/runtime/errors.js';
import type { ObjectStore, ObjectStoreFactory, S3Credentials } from '../../engine/runtime/object-store.js';

const SECRET_KIND = { apiVersion: 'v1', kind: 'Secret' };

/** The Secret Velero's install mounts when a location names no credential of its own. */
export const DEFAULT_CREDENTIAL = { name: 'cloud-credentials', key: 'cloud' } as const;

export interface LocationStore {
  store: ObjectStore;
  /** The location's prefix as a directory: empty, or ending with `/`. */
  prefix: string;
  bucket: string;
}

export type LocationStoreResult = { ok: true; value: LocationStore } | { ok: false; message: string };

interface SecretShape extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** Parses the `[default]` profile of an AWS shared credentials file. */
export function parseAwsCredentials(text: string, profile = 'default'): S3Credentials | undefined {
  let current: string | undefined;
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      current = section[1]!.trim();
      continue;
    }
    const kv = /^([^=]+)=(.*)$/.exec(line);
    if (kv && current === profile) values[kv[1]!.trim().toLowerCase()] = kv[2]!.trim();
  }
  const accessKeyId = values['aws_access_key_id'];
  const secretAccessKey = values['aws_secret_access_key'];
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined;
}

function secretValue(secret: SecretShape, key: string): string | undefined {
  const encoded = secret.data?.[key];
  if (encoded !== undefined) return Buffer.from(encoded, 'base64').toString('utf8');
  return secret.stringData?.[key];
}

export function directoryPrefix(prefix: string | undefined): string {
  if (!prefix) return '';
  return prefix.endsWith('/') ? prefix : `${prefix}/`;
}

export async function openLocationStore(
  client: ClusterClient,
  factory: ObjectStoreFactory,
  caller: string,
  bsl: BackupStorageLocation,
): Promise<LocationStoreResult> {
  const namespace = bsl.metadata.namespace ?? '';
  const ref = bsl.spec.credential ?? DEFAULT_CREDENTIAL;
  const secretName = ref.name ?? '';
  let secret: SecretShape;
  try {
    secret = await client.get<SecretShape>(SECRET_KIND, { namespace, name: secretName });
  } catch (err) {
    if (isNotFound(err)) return { ok: false, message: `unable to get credentials: secret "${secretName}" not found in namespace "${namespace}"` };
    return { ok: false, message: `unable to get credentials: ${(err as Error).message}` };
  }
  const file = secretValue(secret, ref.key);
  if (file === undefined) return { ok: false, message: `unable to get credentials: key "${ref.key}" not found in secret "${secretName}"` };
  const credentials = parseAwsCredentials(file);
  if (!credentials) return { ok: false, message: `unable to get credentials: no [default] profile with keys in secret "${secretName}"` };
  const endpoint = bsl.spec.config?.['s3Url'];
  if (!endpoint) return { ok: false, message: 'config.s3Url is required: the simulator has no AWS endpoint' };
  const bucket = bsl.spec.objectStorage.bucket;
  try {
    const store = factory.open(
      {
        s3ProfileName: bsl.metadata.name,
        s3Bucket: bucket,
        s3CompatibleEndpoint: endpoint,
        s3Region: bsl.spec.config?.['region'] ?? '',
        s3SecretRef: { name: secretName, namespace },
      },
      credentials,
      caller,
    );
    return { ok: true, value: { store, prefix: directoryPrefix(bsl.spec.objectStorage.prefix), bucket } };
  } catch (err) {
    return { ok: false, message: `unable to open object store ${endpoint}: ${(err as Error).message}` };
  }
}

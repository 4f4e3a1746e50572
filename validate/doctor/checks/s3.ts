// Each S3 profile: its Secret on the hub with the two keys Ramen reads, then its endpoint reachable
// with the bucket there and listable, from the hub and from every DR cluster (the hub validates
// DRClusters against S3; the DR clusters upload to it). Secret values are used, never shown.

import type { KubeObject } from '../../../engine/api/meta.js';
import { S3_SECRET_ACCESS_KEY_ID, S3_SECRET_SECRET_ACCESS_KEY } from '../../../engine/api/ramen/dr-constants.js';
import { s3StoreProfileFormatError, type S3StoreProfile } from '../../../engine/api/ramen/ramen-config.js';
import { isObjectStoreError, type S3Credentials } from '../../../engine/runtime/object-store.js';
import type { Check, DoctorTarget } from '../doctor-types.js';
import { errorText, getOrUndefined, KINDS } from '../reads.js';

interface Secret extends KubeObject {
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

function secretValue(s: Secret, key: string): string | undefined {
  if (s.stringData?.[key] !== undefined) return s.stringData[key];
  const b = s.data?.[key];
  return b === undefined ? undefined : Buffer.from(b, 'base64').toString('utf8');
}

export interface SecretResult {
  check: Check;
  credentials?: S3Credentials;
}

export async function s3SecretCheck(target: DoctorTarget, ns: string, p: S3StoreProfile): Promise<SecretResult> {
  const name = p.s3SecretRef?.name;
  const secretNs = p.s3SecretRef?.namespace || ns;
  const base = { id: `s3-secret.${p.s3ProfileName}`, title: `S3 secret of profile ${p.s3ProfileName}`, cluster: 'hub' };
  if (!name) return { check: { ...base, status: 'fail', detail: 'the profile has no s3SecretRef.name', fix: 'set s3SecretRef: {name, namespace} in the profile, naming a Secret on the hub' } };
  const secret = await getOrUndefined<Secret>(target.hub, KINDS.secret, { namespace: secretNs, name });
  const create = `kubectl create secret generic ${name} -n ${secretNs} --from-literal=${S3_SECRET_ACCESS_KEY_ID}=... --from-literal=${S3_SECRET_SECRET_ACCESS_KEY}=... (on the hub; the hub copies it to the DR clusters)`;
  if (!secret) return { check: { ...base, status: 'fail', detail: `Secret ${secretNs}/${name} does not exist on the hub`, fix: create } };
  const id = secretValue(secret, S3_SECRET_ACCESS_KEY_ID);
  const key = secretValue(secret, S3_SECRET_SECRET_ACCESS_KEY);
  const missing = [!id ? S3_SECRET_ACCESS_KEY_ID : undefined, !key ? S3_SECRET_SECRET_ACCESS_KEY : undefined].filter((k): k is string => k !== undefined);
  if (missing.length > 0) {
    const has = [...Object.keys(secret.data ?? {}), ...Object.keys(secret.stringData ?? {})];
    return { check: { ...base, status: 'fail', detail: `Secret ${secretNs}/${name} lacks ${missing.join(' and ')} (it has ${has.join(', ') || 'no keys'})`, fix: `Ramen reads exactly ${S3_SECRET_ACCESS_KEY_ID} and ${S3_SECRET_SECRET_ACCESS_KEY}: ${create}` } };
  }
  const credentials = { accessKeyId: id!, secretAccessKey: key! };
  if (secret.metadata.deletionTimestamp) {
    const holders = secret.metadata.finalizers ?? [];
    return {
      check: { ...base, status: 'warn', detail: `Secret ${secretNs}/${name} is being deleted${holders.length > 0 ? `, held by finalizers ${holders.join(', ')}` : ''}`, fix: `the hub's DRPolicy controller keeps an S3 secret while a DRPolicy uses it; it goes away with the last such policy. Recreate it if the deletion was a mistake: ${create}` },
      credentials,
    };
  }
  return { check: { ...base, status: 'ok', detail: `Secret ${secretNs}/${name} has ${S3_SECRET_ACCESS_KEY_ID} and ${S3_SECRET_SECRET_ACCESS_KEY}` }, credentials };
}

function withTimeout<T>(p: Promise<T>, target: DoctorTarget, label: string): Promise<T> {
  const t = target.timeout;
  if (!t) return p;
  return new Promise<T>((resolve, reject) => {
    const timer = t.scheduler.after(t.ms, `doctor.timeout.${label}`, () => reject(new Error(`no answer within ${t.ms} ms`)));
    p.then(
      (v) => {
        timer.cancel();
        resolve(v);
      },
      (e: unknown) => {
        timer.cancel();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/**
 * What went wrong, without credentials: an access refusal is described rather than quoted (servers
 * quote the access key in it), and any other text has the secret key masked should it appear.
 */
function describeFailure(err: unknown, c: S3Credentials): string {
  if (isObjectStoreError(err, 'AccessDenied')) return 'AccessDenied: the S3 server refused the credentials';
  const text = isObjectStoreError(err) ? `${err.code}: ${err.message}` : errorText(err);
  return c.secretAccessKey.length > 0 ? text.split(c.secretAccessKey).join('***') : text;
}

function fixFor(err: unknown, p: S3StoreProfile): string {
  if (isObjectStoreError(err, 'NoSuchBucket')) return `create bucket ${p.s3Bucket} on ${p.s3CompatibleEndpoint} (Ramen never creates buckets), or correct s3Bucket in the profile`;
  if (isObjectStoreError(err, 'AccessDenied')) return `the S3 server refuses the credentials: correct ${S3_SECRET_ACCESS_KEY_ID}/${S3_SECRET_SECRET_ACCESS_KEY} in Secret ${p.s3SecretRef?.name}, or grant that user access to ${p.s3Bucket}`;
  return `make ${p.s3CompatibleEndpoint} reachable from the hub and from every DR cluster (check the URL, DNS, the S3 server and the network between them)`;
}

export async function s3EndpointCheck(target: DoctorTarget, p: S3StoreProfile, credentials: S3Credentials | undefined): Promise<Check> {
  const base = { id: `s3-endpoint.${p.s3ProfileName}`, title: `S3 endpoint of profile ${p.s3ProfileName} reachable with a listable bucket`, cluster: 'hub' };
  const formatError = s3StoreProfileFormatError(p);
  if (formatError) return { ...base, status: 'fail', detail: formatError, fix: 'set s3CompatibleEndpoint to the http(s) URL of the S3 server and s3Bucket to an existing bucket' };
  if (!credentials) return { ...base, status: 'warn', detail: 'not checked: the profile\'s secret is missing or incomplete', fix: 'fix the S3 secret first' };
  const profile = { s3ProfileName: p.s3ProfileName, s3Bucket: p.s3Bucket, s3CompatibleEndpoint: p.s3CompatibleEndpoint, s3Region: p.s3Region, s3SecretRef: { name: p.s3SecretRef.name ?? '' } };
  const callers = ['hub', ...target.clusters.map((c) => c.name)];
  const failures: { caller: string; err: unknown }[] = [];
  for (const caller of callers) {
    const store = target.objectStores.open(profile, credentials, caller);
    try {
      await withTimeout(store.headBucket(), target, `${p.s3ProfileName}.${caller}.head`);
      await withTimeout(store.list('', { maxKeys: 1 }), target, `${p.s3ProfileName}.${caller}.list`);
    } catch (err) {
      failures.push({ caller, err });
    }
  }
  if (failures.length === 0) return { ...base, status: 'ok', detail: `bucket ${p.s3Bucket} at ${p.s3CompatibleEndpoint} listed from ${callers.join(', ')}` };
  return {
    ...base,
    status: 'fail',
    detail: failures.map((f) => `from ${f.caller}: ${describeFailure(f.err, credentials)}`).join('; '),
    fix: fixFor(failures[0]!.err, p),
  };
}

// AWS SDK errors → ObjectStoreError codes. Messages name the endpoint, bucket and key only: the SDK's
// own messages never carry the secret key, and neither do ours.

import { ObjectStoreError, type ObjectStoreErrorCode } from '../../engine/runtime/object-store.js';

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const CONNECTION_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE']);
const DENIED: ReadonlySet<string> = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'Forbidden', 'InvalidToken']);

export function codeOf(err: unknown, notFound: ObjectStoreErrorCode): ObjectStoreErrorCode | undefined {
  const e = (err ?? {}) as SdkError;
  const name = e.name ?? '';
  if (name === 'NoSuchKey') return 'NoSuchKey';
  if (name === 'NoSuchBucket') return 'NoSuchBucket';
  if (DENIED.has(name)) return 'AccessDenied';
  if (CONNECTION_CODES.has(e.code ?? '') || CONNECTION_CODES.has(name) || name === 'TimeoutError' || name === 'RequestTimeout') return 'Unavailable';
  const status = e.$metadata?.httpStatusCode;
  // HEAD answers carry no body, so the SDK can only say "NotFound" or "Forbidden" from the status.
  if (status === 404) return notFound;
  if (status === 403) return 'AccessDenied';
  if (status !== undefined && status >= 500) return 'Unavailable';
  if (status === undefined && /socket|connect|network/i.test(e.message ?? '')) return 'Unavailable';
  return undefined;
}

/** Wraps an SDK failure; anything that is not one of the port's codes is rethrown as is. */
export function toStoreError(err: unknown, where: string, notFound: ObjectStoreErrorCode = 'NoSuchKey'): Error {
  const code = codeOf(err, notFound);
  const detail = (err as SdkError | undefined)?.name ?? 'error';
  if (!code) return err instanceof Error ? err : new Error(String(err));
  return new ObjectStoreError(code, `${where}: ${code === 'Unavailable' ? `unreachable (${detail})` : detail}`);
}

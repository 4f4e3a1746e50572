// Maps a kube-apiserver error response (a metav1.Status) to the ApiError reasons of the cluster
// client contract, so reconcilers branch the same way over the simulator and a real server.

import { ApiError, type ApiErrorReason, type FieldCause } from '../../engine/runtime/errors.js';

interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

interface KubeStatus {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { causes?: StatusCause[] };
}

const FIELD_REASONS: ReadonlySet<string> = new Set([
  'FieldValueInvalid',
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueForbidden',
  'FieldValueDuplicate',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTooFew',
  'FieldValueNotFound',
  'FieldValueTypeInvalid',
]);

function asStatus(body: unknown): KubeStatus {
  return typeof body === 'object' && body !== null ? (body as KubeStatus) : {};
}

/** The reason for an HTTP status and a Status.reason; anything server-side and transient is Unavailable. */
export function reasonOf(httpStatus: number, statusReason: string | undefined): ApiErrorReason {
  switch (statusReason) {
    case 'NotFound':
      return 'NotFound';
    case 'AlreadyExists':
      return 'AlreadyExists';
    case 'Conflict':
      return 'Conflict';
    case 'Invalid':
      return 'Invalid';
    case 'BadRequest':
      return 'BadRequest';
    case 'Forbidden':
    case 'Unauthorized':
      return 'Forbidden';
    case 'ServiceUnavailable':
    case 'Timeout':
    case 'ServerTimeout':
    case 'TooManyRequests':
    case 'InternalError':
      return 'Unavailable';
  }
  if (httpStatus === 404 || httpStatus === 410) return 'NotFound';
  if (httpStatus === 409) return 'Conflict';
  if (httpStatus === 422) return 'Invalid';
  if (httpStatus === 401 || httpStatus === 403) return 'Forbidden';
  if (httpStatus === 429 || httpStatus >= 500) return 'Unavailable';
  return 'BadRequest';
}

function causesOf(status: KubeStatus): FieldCause[] {
  return (status.details?.causes ?? [])
    .filter((c) => c.field !== undefined)
    .map((c) => ({
      field: c.field!,
      message: c.message ?? '',
      ...(c.reason && FIELD_REASONS.has(c.reason) ? { reason: c.reason as FieldCause['reason'] } : {}),
    }));
}

/**
 * Client mistakes a real server reports as 500 InternalError (it fails them deep in storage). They are
 * BadRequest in the contract, as the simulator says: retrying cannot help.
 */
const CLIENT_MISTAKES_AS_500 = ['resourceVersion should not be set on objects to be created'];

export function apiErrorFromResponse(httpStatus: number, body: unknown): ApiError {
  const status = asStatus(body);
  const clientMistake = httpStatus === 500 && CLIENT_MISTAKES_AS_500.some((m) => status.message?.includes(m));
  const reason = clientMistake ? 'BadRequest' : reasonOf(httpStatus, status.reason);
  const message = status.message ?? (typeof body === 'string' && body !== '' ? body : `HTTP ${httpStatus}`);
  return new ApiError(reason, message, causesOf(status));
}

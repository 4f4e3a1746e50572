// The typed errors of the API-server contract. Both the simulator's API server and the client over a
// real kube-apiserver raise exactly these, so reconcilers branch on `reason`, never on message text.

export type ApiErrorReason =
  | 'NotFound'
  | 'Conflict'
  | 'AlreadyExists'
  | 'Invalid'
  | 'BadRequest'
  | 'NoKindMatch'
  | 'Unavailable'
  | 'Forbidden';

export interface FieldCause {
  /** A field path in kubectl's form, for example `spec.replicationState`. */
  field: string;
  /** Why the field was refused, for example `Unsupported value: "primry"`. */
  message: string;
  reason?: 'FieldValueInvalid' | 'FieldValueNotSupported' | 'FieldValueRequired' | 'FieldValueForbidden' | 'FieldValueDuplicate' | 'FieldValueTooLong' | 'FieldValueTooMany' | 'FieldValueTooFew' | 'FieldValueNotFound' | 'FieldValueTypeInvalid';
}

const HTTP_CODES: Record<ApiErrorReason, number> = {
  NotFound: 404,
  Conflict: 409,
  AlreadyExists: 409,
  Invalid: 422,
  BadRequest: 400,
  NoKindMatch: 404,
  Unavailable: 503,
  Forbidden: 403,
};

export class ApiError extends Error {
  readonly reason: ApiErrorReason;
  readonly code: number;
  readonly causes: FieldCause[];

  constructor(reason: ApiErrorReason, message: string, causes: FieldCause[] = []) {
    super(message);
    this.name = 'ApiError';
    this.reason = reason;
    this.code = HTTP_CODES[reason];
    this.causes = causes;
  }
}

export function isApiError(err: unknown, reason?: ApiErrorReason): err is ApiError {
  return err instanceof ApiError && (reason === undefined || err.reason === reason);
}

export const isNotFound = (err: unknown): boolean => isApiError(err, 'NotFound');
export const isConflict = (err: unknown): boolean => isApiError(err, 'Conflict');
export const isAlreadyExists = (err: unknown): boolean => isApiError(err, 'AlreadyExists');
export const isUnavailable = (err: unknown): boolean => isApiError(err, 'Unavailable');
export const isNoKindMatch = (err: unknown): boolean => isApiError(err, 'NoKindMatch');

/** Returns undefined for NotFound and rethrows anything else, as controller-runtime's IgnoreNotFound. */
export async function ignoreNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

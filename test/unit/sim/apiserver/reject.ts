// Awaits a promise expected to fail with an ApiError and returns that error.

import { isApiError, type ApiError } from '../../../../engine/runtime/errors.js';

export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (isApiError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to be rejected');
}

// The errors the simulated storage systems answer with, named after the gRPC codes a CSI driver
// returns, because the csi-addons controller branches on exactly those codes (for example it
// retries a promotion with force only after FailedPrecondition).

export type StorageErrorCode = 'NotFound' | 'FailedPrecondition' | 'Unavailable' | 'InvalidArgument' | 'Internal';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function isStorageError(err: unknown, code?: StorageErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

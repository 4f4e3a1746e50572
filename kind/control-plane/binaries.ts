// Where the real servers' binaries live and whether they are there. They are built from the Go module
// proxy by scripts/backends/build-binaries.sh into .cache/bin (git-ignored); DRSIM_BIN_DIR points
// elsewhere, for a CI cache restored to another place.

import { accessSync, constants, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type BinaryName = 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'minio';

export const CONTROL_PLANE_BINARIES: readonly BinaryName[] = ['etcd', 'kube-apiserver', 'kube-controller-manager'];
export const ALL_BINARIES: readonly BinaryName[] = [...CONTROL_PLANE_BINARIES, 'minio'];

export const BUILD_HINT = 'run `bash scripts/backends/build-binaries.sh` (builds kube-apiserver, etcd and MinIO from the Go module proxy into .cache/bin; needs Go >= 1.24)';

export function binDir(): string {
  return process.env.DRSIM_BIN_DIR ?? join(REPO_ROOT, '.cache', 'bin');
}

export function binaryPath(name: BinaryName): string {
  return join(binDir(), name);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The binaries among `names` that are not built yet. */
export function missingBinaries(names: readonly BinaryName[] = ALL_BINARIES): BinaryName[] {
  return names.filter((n) => !executable(binaryPath(n)));
}

/** The version a binary was built from, as the build script stamped it. */
export function builtVersion(name: BinaryName): string | undefined {
  try {
    return readFileSync(`${binaryPath(name)}.version`, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** One line for a skipped test or a refused command: what is missing and how to get it. */
export function missingMessage(names: readonly BinaryName[] = ALL_BINARIES): string | undefined {
  const missing = missingBinaries(names);
  return missing.length === 0 ? undefined : `${missing.join(', ')} not found in ${binDir()}: ${BUILD_HINT}`;
}

#!/usr/bin/env bash
# Makes sure the real backends' binaries (kube-apiserver, kube-controller-manager, etcd, MinIO) are in
# .cache/bin: already there, restored from the machine-wide cache, or built from the Go module proxy
# (then saved to that cache). Idempotent; prints a few progress lines, the full build log goes to
# .cache/build-binaries.log. CI calls this before the test command.
#
#   DRSIM_BACKENDS_CACHE  machine-wide cache (default ~/.cache/drsim/backends), keyed by versions.env
#   DRSIM_BIN_DIR         where the binaries go (default .cache/bin)
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
bin="${DRSIM_BIN_DIR:-$root/.cache/bin}"
key="$(sha256sum "$here/versions.env" | cut -c1-16)"
shared="${DRSIM_BACKENDS_CACHE:-$HOME/.cache/drsim/backends}/$key"
names=(etcd kube-apiserver kube-controller-manager minio)
declare -A want=([etcd]="$ETCD_VERSION" [kube-apiserver]="$KUBE_VERSION" [kube-controller-manager]="$KUBE_VERSION" [minio]="$MINIO_VERSION")

fresh_in() { # fresh_in DIR: every binary there, stamped with its pinned version
  local n
  for n in "${names[@]}"; do
    [[ -x "$1/$n" && -f "$1/$n.version" && "$(cat "$1/$n.version")" == "${want[$n]}" ]] || return 1
  done
}

start=$(date +%s)
mkdir -p "$bin"
if fresh_in "$bin"; then
  echo "backends: binaries present in $bin (kube $KUBE_VERSION, etcd $ETCD_VERSION)"
  exit 0
fi
if fresh_in "$shared"; then
  for n in "${names[@]}"; do cp -f "$shared/$n" "$shared/$n.version" "$bin/"; done
  echo "backends: restored from $shared in $(( $(date +%s) - start ))s"
  exit 0
fi
if ! command -v go >/dev/null; then
  echo "backends: go not installed; real-backend tests will be skipped (install Go >= 1.24, then run bash scripts/backends/ensure.sh)"
  exit 0
fi
log="$root/.cache/build-binaries.log"
echo "backends: building from the Go module proxy (cold: about 15 min on 2 cores); log in $log"
bash "$here/build-binaries.sh" >"$log" 2>&1 &
pid=$!
# Progress: the build script's own lines, not go's download chatter.
tail -n +1 -f "$log" --pid="$pid" 2>/dev/null | grep --line-buffered '^\[build-binaries\]' | sed -u 's/^\[build-binaries\]/backends:/'
wait "$pid"
rc=$?
if [[ $rc -ne 0 ]]; then
  echo "backends: build failed (exit $rc); last lines of $log:"
  tail -n 20 "$log"
  exit "$rc"
fi
mkdir -p "$shared"
for n in "${names[@]}"; do cp -f "$bin/$n" "$bin/$n.version" "$shared/"; done
echo "backends: built in $(( $(date +%s) - start ))s and saved to $shared"

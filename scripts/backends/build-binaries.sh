#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, etcd and MinIO from the Go module proxy into .cache/bin (git-ignored).
# Idempotent: a binary whose stamp file names the pinned version is not rebuilt.
# Usage: bash scripts/backends/build-binaries.sh [kube|etcd|minio ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"
bin="${DRSIM_BIN_DIR:-$root/.cache/bin}"
build="${DRSIM_BUILD_DIR:-$root/.cache/build}"
mkdir -p "$bin" "$build"
export CGO_ENABLED=0 GOFLAGS="${GOFLAGS:--mod=mod}" GOTOOLCHAIN=local

command -v go >/dev/null || { echo "build-binaries: go is not installed (apt-get install golang, or go.dev/dl; Go >= 1.24)" >&2; exit 2; }

log() { echo "[build-binaries] $(date +%H:%M:%S) $*"; }

fresh() { # fresh NAME VERSION: the binary exists and was built from VERSION
  [[ -x "$bin/$1" && -f "$bin/$1.version" && "$(cat "$bin/$1.version")" == "$2" ]]
}

build_kube() {
  # kube-apiserver, plus kube-controller-manager for the two controllers API semantics need:
  # ownerReference garbage collection and namespace deletion. Both come from one module, so the
  # second costs little once the first is compiled.
  local v="$KUBE_VERSION" minor="${KUBE_VERSION#v1.}" dir="$build/kube"
  if fresh kube-apiserver "$v" && fresh kube-controller-manager "$v"; then log "kube-apiserver, kube-controller-manager $v cached"; return; fi
  log "kubernetes $v: resolving modules"
  rm -rf "$dir" && mkdir -p "$dir"
  # The staging modules are replaced by local paths in k8s.io/kubernetes' own go.mod; a dependent
  # module must pin each of them to the published v0.X.Y, or resolution asks for v0.0.0.
  local gomod
  gomod="$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$v" | sed -n 's/^\s*"GoMod": "\(.*\)",\?$/\1/p')"
  {
    echo "module drsim.local/build/kube"
    echo
    echo "go 1.24"
    echo
    echo "require k8s.io/kubernetes $v"
    echo
    echo "replace ("
    sed -n 's#^\s*\(k8s.io/[a-z0-9./-]*\) => ./staging/src/.*$#\1#p' "$gomod" | sort -u |
      while read -r m; do echo "	$m => $m v0.$minor"; done
    echo ")"
  } >"$dir/go.mod"
  (cd "$dir" && go get "k8s.io/kubernetes/cmd/kube-apiserver@$v" "k8s.io/kubernetes/cmd/kube-controller-manager@$v")
  log "kubernetes $v: compiling kube-apiserver and kube-controller-manager (the longest step)"
  local major="${v#v}"; major="${major%%.*}"; local min="${minor%%.*}"
  local pkg=k8s.io/component-base/version out="$build/kube-out"
  rm -rf "$out" && mkdir -p "$out"
  (cd "$dir" && go build -trimpath -o "$out/" \
    -ldflags "-s -w -X $pkg.gitVersion=$v -X $pkg.gitMajor=$major -X $pkg.gitMinor=$min -X $pkg.gitTreeState=clean" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager)
  for b in kube-apiserver kube-controller-manager; do
    mv "$out/$b" "$bin/$b"
    echo "$v" >"$bin/$b.version"
  done
  log "kube-apiserver, kube-controller-manager $v built"
}

build_etcd() {
  local v="$ETCD_VERSION" dir="$build/etcd"
  fresh etcd "$v" && { log "etcd $v cached"; return; }
  log "etcd $v: resolving modules"
  rm -rf "$dir" && mkdir -p "$dir"
  # etcd's server module carries replace lines for its sibling modules, so `go install` refuses it;
  # a tiny main of our own that calls etcdmain.Main is the same program.
  cat >"$dir/go.mod" <<MOD
module drsim.local/build/etcd

go 1.24

require go.etcd.io/etcd/server/v3 $v
MOD
  cat >"$dir/main.go" <<'GO'
// Command etcd is etcd's own main, built from the Go module proxy.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
  (cd "$dir" && go mod tidy)
  log "etcd $v: compiling"
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$bin/etcd.tmp" .)
  mv "$bin/etcd.tmp" "$bin/etcd"
  echo "$v" >"$bin/etcd.version"
  log "etcd $v built"
}

build_minio() {
  local v="$MINIO_VERSION"
  fresh minio "$v" && { log "minio $v cached"; return; }
  log "minio $v: go install (several minutes on 2 cores)"
  local gobin="$build/minio-bin"
  rm -rf "$gobin" && mkdir -p "$gobin"
  GOFLAGS= GOBIN="$gobin" go install -trimpath -ldflags "-s -w" "github.com/minio/minio@$v"
  mv "$gobin/minio" "$bin/minio"
  echo "$v" >"$bin/minio.version"
  log "minio $v built"
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(etcd kube minio)
start=$(date +%s)
for t in "${targets[@]}"; do
  case "$t" in
    kube) build_kube ;;
    etcd) build_etcd ;;
    minio) build_minio ;;
    *) echo "build-binaries: unknown target $t (kube, etcd, minio)" >&2; exit 2 ;;
  esac
done
log "done in $(( $(date +%s) - start ))s: $(cd "$bin" && ls | grep -v '\.' | tr '\n' ' ')"

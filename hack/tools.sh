#!/usr/bin/env bash
# hack/tools.sh: build and cache, from source, the binaries the real-API tests need.
#
# Usage:
#   hack/tools.sh           build whatever is missing (envtest assets + helm)
#   hack/tools.sh envtest   only kube-apiserver, kubectl and etcd
#   hack/tools.sh helm      only helm
#   hack/tools.sh kube-router  only kube-router (the dataplane suite's NetworkPolicy enforcer;
#                              not part of "all": only `make test-dataplane` needs it)
#   hack/tools.sh golangci-lint  only golangci-lint (`make lint`; not part of "all")
#   hack/tools.sh cosign     only cosign (pkg/imagesig's interop test signs with the real CLI;
#                            not part of "all")
#   hack/tools.sh calico   only Calico v3.31.0's Felix and calico-apply, from the tool module
#                          hack/calico (`make test-calico`; not part of "all")
#   hack/tools.sh promtool   only promtool (`make test` checks and unit-tests the chart's alert
#                            rules with it; not part of "all")
#
# stdout holds only the result, as NAME=value lines for `eval`/`export`.
# The KUBEBUILDER_ASSETS line always comes last, e.g.
#   HELM_BIN=/work/main/.cache/tools/helm-v3.22.0/helm
#   KUBEBUILDER_ASSETS=/work/main/.cache/tools/k8s-v1.37.2
# so `export "$(hack/tools.sh | tail -n1)"` is enough for envtest.
# Progress and build output go to stderr.
#
# Why from source: this environment can reach the Go module proxy but no
# release downloads, so setup-envtest / get.helm.sh are not an option. Every
# binary is compiled from its released Go module with the local toolchain.
#
# Cache layout (under .cache/tools/, keyed by version, git-ignored):
#   k8s-<K8S_VERSION>/{kube-apiserver,kubectl}  and  etcd -> ../etcd-<ETCD_VERSION>/etcd
#   etcd-<ETCD_VERSION>/etcd                    (etcd-apt/etcd with ETCD_FROM=apt)
#   helm-<HELM_VERSION>/helm
#   kube-router-<KUBE_ROUTER_VERSION>/kube-router
#   golangci-lint-<GOLANGCI_LINT_VERSION>/golangci-lint
#   cosign-<COSIGN_VERSION>/cosign
#   calico-<CALICO_VERSION>-<hash of hack/calico's go.mod/go.sum>/calico-felix
#     and .../apply-<hash of hack/calico's go.mod/go.sum and code>/calico-apply
#   promtool-<PROMTOOL_VERSION>/promtool
#   src/                                        throw-away go.mod's used for the builds
# A binary is only moved into place after it built and reported the expected
# version, so an interrupted run never leaves a half binary that a later run trusts.
set -euo pipefail

# --- Versions (override from the environment) ---------------------------------
# K8S_VERSION matches the k8s.io/* v0.37.x libraries in go.mod.
K8S_VERSION="${K8S_VERSION:-v1.37.2}"
# The etcd that k8s.io/kubernetes v1.37.2's go.mod pins (go.etcd.io/etcd/server/v3);
# controller-runtime v0.25.2 does not pin one.
ETCD_VERSION="${ETCD_VERSION:-v3.7.0}"
HELM_VERSION="${HELM_VERSION:-v3.22.0}"
# The only kube-router the module proxy here serves (security reports exist against v2.1.0; move
# on when a later one is served). It is a test tool, never shipped or deployed: it enforces the
# policies test/dataplane applies, in a network namespace of the suite's own.
KUBE_ROUTER_VERSION="${KUBE_ROUTER_VERSION:-v2.1.0}"
# The linter `make lint` runs (config: .golangci.yml). v2 reads the v2 config format.
GOLANGCI_LINT_VERSION="${GOLANGCI_LINT_VERSION:-v2.15.0}"
# The signer whose signatures pkg/imagesig must read (`go test -tags e2e ./pkg/imagesig/`): a test
# tool, never shipped; the webhook verifies with sigstore's libraries, not with cosign.
COSIGN_VERSION="${COSIGN_VERSION:-v2.6.5}"
# Calico is not a version to override here: hack/calico/go.mod pins it (as the v3.31.0 tag's
# pseudo-version, with Calico's replace block); this is its name, for -X and the cache directory.
CALICO_VERSION=v3.31.0
CALICO_MODULE_VERSION=v0.0.0-20251021213802-b1f3c43f8437
# Checks and unit-tests the chart's PrometheusRule (`make test`: deploy/helm's TestAlertRules): a
# test tool, never shipped.
# Prometheus 3.16.0 (its Go module numbers 3.x as v0.3xx); it needs Go >= 1.26.7.
PROMTOOL_VERSION="${PROMTOOL_VERSION:-v0.316.0}"
# ETCD_FROM=apt uses Debian's etcd-server package instead of building etcd
# (a fallback, in case the source build breaks; its version is Debian's, not
# ETCD_VERSION: 3.4.x on bookworm, which may be too old for this kube-apiserver).
ETCD_FROM="${ETCD_FROM:-source}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="${TOOLS_DIR:-$ROOT/.cache/tools}"
K8S_DIR="$TOOLS_DIR/k8s-$K8S_VERSION"
HELM_DIR="$TOOLS_DIR/helm-$HELM_VERSION"
KUBE_ROUTER_DIR="$TOOLS_DIR/kube-router-$KUBE_ROUTER_VERSION"
LINT_DIR="$TOOLS_DIR/golangci-lint-$GOLANGCI_LINT_VERSION"
COSIGN_DIR="$TOOLS_DIR/cosign-$COSIGN_VERSION"
CALICO_MOD="$ROOT/hack/calico"
# Keyed by the tool module's content too: Felix by its go.mod and go.sum (and the stub's), so that
# a change of dependencies rebuilds it; calico-apply by those and its own code as well, so that a
# change to it rebuilds only it.
calico_hash() {
  (cd "$CALICO_MOD" && find . -type f \( "$@" \) -print0 | LC_ALL=C sort -z | xargs -0 sha256sum |
    sha256sum | cut -c1-12)
}
CALICO_DIR="$TOOLS_DIR/calico-$CALICO_VERSION-$(calico_hash -name go.mod -o -name go.sum)"
CALICO_APPLY_DIR="$CALICO_DIR/apply-$(calico_hash -name go.mod -o -name go.sum -o -name '*.go')"
PROMTOOL_DIR="$TOOLS_DIR/promtool-$PROMTOOL_VERSION"
SRC_DIR="$TOOLS_DIR/src"
if [[ $ETCD_FROM == apt ]]; then
  ETCD_DIR="$TOOLS_DIR/etcd-apt"
else
  ETCD_DIR="$TOOLS_DIR/etcd-$ETCD_VERSION"
fi

# Build environment, independent of the project's own module and of the caller:
# - GOWORK=off: never pick up a go.work from a parent directory.
# - -mod=mod: the temporary modules below have only a go.mod; let go fill in
#   requirements and go.sum from the proxy.
# - -buildvcs=false: the temporary modules live inside this git checkout; do not
#   stamp (or fail on) this repository's VCS state in third-party binaries.
# - GOTOOLCHAIN=local: never download a Go toolchain; build with the installed one.
# - CGO_ENABLED=0: static binaries, no C toolchain needed.
export GOWORK=off GOFLAGS="-mod=mod -buildvcs=false" GOTOOLCHAIN=local CGO_ENABLED=0

log() { printf '[tools] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# go, run at low priority: other builds share the same (2) cores.
nice_go() { nice -n 10 go "$@"; }

# Prints the module-cache directory of module@version, downloading it if needed.
mod_dir() {
  go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p'
}

# Prints the "go" directive of a go.mod file.
go_directive() { awk '$1 == "go" { print $2; exit }' "$1"; }

# Prints the module paths that go.mod ($1) replaces with a local directory
# whose path starts with $2 (both the `replace (` block and single-line form).
local_replaces() {
  awk -v prefix="$2" '
    /^replace[[:space:]]*\(/ { inblock = 1; next }
    inblock && /^\)/         { inblock = 0; next }
    inblock && $2 == "=>" && index($3, prefix) == 1 { print $1 }
    $1 == "replace" && $3 == "=>" && index($4, prefix) == 1 { print $2 }
  ' "$1"
}

# Writes $1/go.mod atomically from stdin, unless an identical one is already there.
write_gomod() {
  local dir="$1" tmp
  mkdir -p "$dir"
  tmp="$(mktemp "$dir/go.mod.XXXXXX")"
  cat >"$tmp"
  chmod 644 "$tmp" # mktemp makes it 0600
  if cmp -s "$tmp" "$dir/go.mod"; then
    rm -f "$tmp"
  else
    # go.sum belongs to the old go.mod's graph; let -mod=mod rebuild it.
    rm -f "$dir/go.sum"
    mv -f "$tmp" "$dir/go.mod"
  fi
}

# build_binary MODULE_DIR PACKAGE DEST LDFLAGS EXPECTED_VERSION VERSION_ARGS...
# Builds PACKAGE inside MODULE_DIR to a temporary file next to DEST, checks that
# `tmp VERSION_ARGS...` mentions EXPECTED_VERSION, and only then renames it to DEST.
build_binary() {
  local moddir="$1" pkg="$2" dest="$3" ldflags="$4" want="$5"
  shift 5
  local tmp="$dest.tmp.$$" start=$SECONDS out
  mkdir -p "$(dirname "$dest")"
  log "building $(basename "$dest") ($pkg) ..."
  (cd "$moddir" && nice_go build -trimpath -ldflags "$ldflags" -o "$tmp" "$pkg") >&2
  out="$("$tmp" "$@" 2>&1)" || die "$tmp $* failed: $out"
  [[ $out == *"$want"* ]] || die "$(basename "$dest") reports '$out', expected $want"
  mv -f "$tmp" "$dest"
  log "built $(basename "$dest") in $((SECONDS - start))s: $(head -n1 <<<"$out")"
}

# --- kube-apiserver + kubectl ----------------------------------------------------
# `go install k8s.io/kubernetes/cmd/...@v1.37.2` is impossible: k8s.io/kubernetes
# requires its staging modules (k8s.io/api, ...) at v0.0.0 and replaces them with
# ./staging/src/k8s.io/*. So build from a temporary module that requires
# k8s.io/kubernetes and replaces each staging module with its published v0.x.y
# release instead (v1.37.2 -> v0.37.2).
build_k8s() {
  local kdir moddir staging_version="v0.${K8S_VERSION#v1.}" major minor ldflags m
  kdir="$(mod_dir "k8s.io/kubernetes@$K8S_VERSION")"
  [[ -f $kdir/go.mod ]] || die "cannot download k8s.io/kubernetes@$K8S_VERSION"
  moddir="$SRC_DIR/k8s-$K8S_VERSION"
  {
    echo "module netiso.local/tools/k8s"
    echo
    echo "go $(go_directive "$kdir/go.mod")"
    echo
    echo "require k8s.io/kubernetes $K8S_VERSION"
    echo
    echo "replace ("
    for m in $(local_replaces "$kdir/go.mod" ./staging/src/); do
      echo "	$m => $m $staging_version"
    done
    echo ")"
  } | write_gomod "$moddir"

  major="${K8S_VERSION#v}"; major="${major%%.*}"
  minor="${K8S_VERSION#v*.}"; minor="${minor%%.*}"
  # What hack/lib/version.sh does: both packages carry the version; kube-apiserver
  # reports component-base's, kubectl's client version comes from client-go's.
  ldflags="-s -w"
  for m in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $m.gitVersion=$K8S_VERSION -X $m.gitMajor=$major -X $m.gitMinor=$minor"
  done

  [[ -x $K8S_DIR/kube-apiserver ]] ||
    build_binary "$moddir" k8s.io/kubernetes/cmd/kube-apiserver "$K8S_DIR/kube-apiserver" \
      "$ldflags" "$K8S_VERSION" --version
  [[ -x $K8S_DIR/kubectl ]] ||
    build_binary "$moddir" k8s.io/kubernetes/cmd/kubectl "$K8S_DIR/kubectl" \
      "$ldflags" "$K8S_VERSION" version --client
}

# --- etcd ------------------------------------------------------------------------
# Same story: go.etcd.io/etcd/server/v3 replaces its sibling modules with ../api
# etc., which `go install ...@version` refuses. The temporary module pins the
# siblings to the same release tag instead.
build_etcd_source() {
  local edir moddir m
  edir="$(mod_dir "go.etcd.io/etcd/server/v3@$ETCD_VERSION")"
  [[ -f $edir/go.mod ]] || die "cannot download go.etcd.io/etcd/server/v3@$ETCD_VERSION"
  moddir="$SRC_DIR/etcd-$ETCD_VERSION"
  {
    echo "module netiso.local/tools/etcd"
    echo
    echo "go $(go_directive "$edir/go.mod")"
    echo
    echo "require go.etcd.io/etcd/server/v3 $ETCD_VERSION"
    echo
    echo "replace ("
    for m in $(local_replaces "$edir/go.mod" ../); do
      echo "	$m => $m $ETCD_VERSION"
    done
    echo ")"
  } | write_gomod "$moddir"
  # The server module's root package is the etcd main package.
  build_binary "$moddir" go.etcd.io/etcd/server/v3 "$ETCD_DIR/etcd" \
    "-s -w" "${ETCD_VERSION#v}" --version
}

# Fallback (ETCD_FROM=apt): Debian's etcd-server, copied so the cache does not
# depend on the package staying installed.
install_etcd_apt() {
  if ! command -v etcd >/dev/null 2>&1; then
    log "installing Debian's etcd-server ..."
    (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y etcd-server) >&2
  fi
  mkdir -p "$ETCD_DIR"
  cp "$(command -v etcd)" "$ETCD_DIR/etcd.tmp.$$"
  mv -f "$ETCD_DIR/etcd.tmp.$$" "$ETCD_DIR/etcd"
  log "using $("$ETCD_DIR/etcd" --version 2>&1 | head -n1) from Debian"
}

ensure_etcd() {
  if [[ ! -x $ETCD_DIR/etcd ]]; then
    if [[ $ETCD_FROM == apt ]]; then install_etcd_apt; else build_etcd_source; fi
  fi
  # envtest expects etcd next to kube-apiserver; a relative link keeps the cache
  # relocatable and lets ETCD_VERSION change independently of K8S_VERSION.
  mkdir -p "$K8S_DIR"
  local target
  target="../$(basename "$ETCD_DIR")/etcd"
  [[ $(readlink "$K8S_DIR/etcd" 2>/dev/null) == "$target" ]] || ln -sfn "$target" "$K8S_DIR/etcd"
}

# --- helm --------------------------------------------------------------------------
# helm has no replace directives, so plain `go install ...@version` works. The
# -X flags are the ones helm's Makefile sets: without them `helm version` says
# "v3.22" and .Capabilities.KubeVersion (helm template/lint) defaults to v1.20.
build_helm() {
  local hmod client_go k8s_major k8s_minor ldflags gobin start=$SECONDS
  go list -m -versions helm.sh/helm/v3 | tr ' ' '\n' | grep -qxF "$HELM_VERSION" ||
    die "helm.sh/helm/v3 has no version $HELM_VERSION"
  hmod="$(go mod download -json "helm.sh/helm/v3@$HELM_VERSION" |
    sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  # As in helm's Makefile: the Kubernetes version helm assumes is that of its client-go.
  client_go="$(awk '$1 == "k8s.io/client-go" { print $2; exit }' "$hmod")" # v0.37.0
  client_go="${client_go#v}"
  k8s_major=$((${client_go%%.*} + 1))
  k8s_minor="${client_go#*.}"; k8s_minor="${k8s_minor%%.*}"
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor=$k8s_major"
  ldflags+=" -X helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor=$k8s_minor"
  ldflags+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor=$k8s_major"
  ldflags+=" -X helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor=$k8s_minor"

  mkdir -p "$HELM_DIR"
  gobin="$(mktemp -d "$HELM_DIR/.gobin.XXXXXX")"
  log "building helm $HELM_VERSION ..."
  GOBIN="$gobin" nice_go install -trimpath -ldflags "$ldflags" \
    "helm.sh/helm/v3/cmd/helm@$HELM_VERSION" >&2
  local out
  out="$("$gobin/helm" version --short 2>&1)" || die "helm version failed: $out"
  [[ $out == "$HELM_VERSION"* ]] || die "helm reports '$out', expected $HELM_VERSION"
  mv -f "$gobin/helm" "$HELM_DIR/helm"
  rm -rf "$gobin"
  log "built helm in $((SECONDS - start))s: $out"
}

# go_install_tool DIR PACKAGE@VERSION LDFLAGS WANT VERSION_ARGS...
# `go install`s a tool whose module has no replace directives into a temporary GOBIN under DIR,
# checks that `TOOL VERSION_ARGS...` mentions WANT, and only then moves it into DIR (TOOL is the
# package's last element). kube-router, golangci-lint, cosign and promtool are built this way.
go_install_tool() {
  local dir="$1" pkg="$2" ldflags="$3" want="$4"
  shift 4
  local tool gobin start=$SECONDS out
  tool="$(basename "${pkg%@*}")"
  mkdir -p "$dir"
  gobin="$(mktemp -d "$dir/.gobin.XXXXXX")"
  log "building $tool ${pkg##*@} ..."
  GOBIN="$gobin" nice_go install -trimpath -ldflags "$ldflags" "$pkg" >&2
  out="$("$gobin/$tool" "$@" 2>&1)" || die "$tool $* failed: $out"
  [[ $out == *"$want"* ]] || die "$tool reports '$out', expected $want"
  mv -f "$gobin/$tool" "$dir/$tool"
  rm -rf "$gobin"
  log "built $tool in $((SECONDS - start))s: $(grep -m1 -i version <<<"$out")"
}

# --- kube-router -------------------------------------------------------------------
# No replace directives either, so `go install` works; the -X flag is the one kube-router's
# Makefile sets, so `kube-router --version` names the release.
build_kube_router() {
  go_install_tool "$KUBE_ROUTER_DIR" "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$KUBE_ROUTER_VERSION" \
    "-s -w -X github.com/cloudnativelabs/kube-router/v2/pkg/version.Version=$KUBE_ROUTER_VERSION" \
    "$KUBE_ROUTER_VERSION" --version
}

# --- golangci-lint -----------------------------------------------------------------
# `go install` works (no replace directives); the -X flags are those of its release build, so
# `golangci-lint version` names the release. About 2 minutes on 2 cores.
build_golangci_lint() {
  go_install_tool "$LINT_DIR" "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$GOLANGCI_LINT_VERSION" \
    "-s -w -X main.version=${GOLANGCI_LINT_VERSION#v} -X main.commit=module-proxy" \
    "${GOLANGCI_LINT_VERSION#v}" version
}

# --- cosign --------------------------------------------------------------------------
# `go install` works (no replace directives); the -X flag is the one cosign's Makefile sets, so
# `cosign version` names the release. The first build took 9 minutes here (547 s, module downloads
# included, on 2 cores shared with other builds).
build_cosign() {
  go_install_tool "$COSIGN_DIR" "github.com/sigstore/cosign/v2/cmd/cosign@$COSIGN_VERSION" \
    "-s -w -buildid= -X sigs.k8s.io/release-utils/version.gitVersion=$COSIGN_VERSION -X sigs.k8s.io/release-utils/version.gitTreeState=clean" \
    "$COSIGN_VERSION" version
}

# --- Calico: Felix and calico-apply ----------------------------------------------
# Built from hack/calico, a module of its own (Calico's replace block stays out of netiso's go.mod),
# with its committed go.sum (-mod=readonly: nothing is re-resolved). CGO_ENABLED=0 (set above):
# every cgo file in Felix has a !cgo twin; only the eBPF dataplane is lost, and the tests use
# iptables. Felix is the tag's main package; both report the version the -X flag gives them.
# 10 to 19 minutes cold on 2 busy cores (README), nearly all of it Felix and its dependencies;
# calico-apply alone, once they are in Go's build cache, seconds.
build_calico() {
  local start=$SECONDS ldflags
  grep -q "github.com/projectcalico/calico $CALICO_MODULE_VERSION" "$CALICO_MOD/go.mod" ||
    die "hack/calico/go.mod does not pin github.com/projectcalico/calico $CALICO_MODULE_VERSION ($CALICO_VERSION)"
  ldflags="-s -w -X github.com/projectcalico/calico/pkg/buildinfo.Version=$CALICO_VERSION"
  ldflags+=" -X github.com/projectcalico/calico/pkg/buildinfo.GitRevision=${CALICO_MODULE_VERSION##*-}"
  [[ -x $CALICO_DIR/calico-felix ]] ||
    GOFLAGS="-mod=readonly -buildvcs=false" build_binary "$CALICO_MOD" \
      github.com/projectcalico/calico/felix/cmd/calico-felix "$CALICO_DIR/calico-felix" \
      "$ldflags" "$CALICO_VERSION" --version
  [[ -x $CALICO_APPLY_DIR/calico-apply ]] ||
    GOFLAGS="-mod=readonly -buildvcs=false" build_binary "$CALICO_MOD" ./cmd/calico-apply \
      "$CALICO_APPLY_DIR/calico-apply" "$ldflags" "$CALICO_VERSION" --version
  log "built Calico $CALICO_VERSION in $((SECONDS - start))s"
}

# --- promtool ------------------------------------------------------------------------
# `go install` works (no replace directives); the -X flags are those of Prometheus' release build
# (.promu.yml), so `promtool --version` names the release: module v0.316.0 is Prometheus 3.16.0.
# The first build took 19 minutes here (1144 s, module downloads included, on 2 cores shared with
# another build; about 3 minutes alone) and 3.2 GB of memory: it links every service discovery.
build_promtool() {
  local minor="${PROMTOOL_VERSION#v0.}" release
  minor="${minor%%.*}"                                                # v0.316.0 -> 316
  release="$((minor / 100)).$((minor % 100)).${PROMTOOL_VERSION##*.}" # -> 3.16.0
  go_install_tool "$PROMTOOL_DIR" "github.com/prometheus/prometheus/cmd/promtool@$PROMTOOL_VERSION" \
    "-s -w -X github.com/prometheus/common/version.Version=$release -X github.com/prometheus/common/version.Branch=module-proxy" \
    "version $release " --version
}

# --- main ----------------------------------------------------------------------
what="${1:-all}"
case "$what" in
  all | envtest | helm | kube-router | golangci-lint | cosign | calico | promtool) ;;
  -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown target '$what' (want: all, envtest, helm, kube-router, golangci-lint, cosign, calico, promtool)" ;;
esac

mkdir -p "$TOOLS_DIR"
# One run at a time (e.g. parallel test jobs): the second waits, then finds
# everything built. Holding the lock also makes it safe to sweep up temporary
# files that an interrupted run left behind.
# kube-router, golangci-lint, cosign, calico and promtool have a lock each (and sweep only their own directory), so they can
# build while another run builds the control plane.
lock="$TOOLS_DIR/.lock"
own=""
case "$what" in
  kube-router) own="$KUBE_ROUTER_DIR" lock="$TOOLS_DIR/.lock-kube-router" ;;
  golangci-lint) own="$LINT_DIR" lock="$TOOLS_DIR/.lock-golangci-lint" ;;
  cosign) own="$COSIGN_DIR" lock="$TOOLS_DIR/.lock-cosign" ;;
  calico) own="$CALICO_DIR" lock="$TOOLS_DIR/.lock-calico" ;;
  promtool) own="$PROMTOOL_DIR" lock="$TOOLS_DIR/.lock-promtool" ;;
esac
exec 9>"$lock"
if ! flock -n 9; then
  log "another tools.sh run holds $lock; waiting ..."
  flock 9
fi
if [[ -n $own ]]; then
  find "$own" -maxdepth 2 \( -name '.gobin.*' -o -name '*.tmp.*' \) -exec rm -rf {} + 2>/dev/null || true
else
  find "$TOOLS_DIR" -maxdepth 3 -not -path "$TOOLS_DIR/kube-router-*" -not -path "$TOOLS_DIR/golangci-lint-*" \
    -not -path "$TOOLS_DIR/cosign-*" \
    -not -path "$TOOLS_DIR/calico-*" \
    -not -path "$TOOLS_DIR/promtool-*" \
    \( -name '*.tmp.*' -o -name '.gobin.*' -o -name 'go.mod.??????' \) -exec rm -rf {} + 2>/dev/null || true
fi
# Every go command below runs in $SRC_DIR, a module of its own: run from inside
# this checkout, `go mod download` & co. would otherwise act on (and may write
# go.sum of) the project's module.
mkdir -p "$SRC_DIR"
[[ -f $SRC_DIR/go.mod ]] ||
  printf 'module netiso.local/tools\n\ngo %s\n' "$(go env GOVERSION | sed 's/^go//')" | write_gomod "$SRC_DIR"
cd "$SRC_DIR"
# This run's own temporary files, should it be interrupted.
# (Only under the lock this run holds.)
if [[ -n $own ]]; then
  trap 'rm -rf "$own"/.gobin.* "$own"/*.tmp.$$ "$own"/*/*.tmp.$$' EXIT
  case "$what" in
    kube-router)
      [[ -x $KUBE_ROUTER_DIR/kube-router ]] || build_kube_router
      echo "KUBE_ROUTER_BIN=$KUBE_ROUTER_DIR/kube-router"
      ;;
    golangci-lint)
      [[ -x $LINT_DIR/golangci-lint ]] || build_golangci_lint
      echo "GOLANGCI_LINT_BIN=$LINT_DIR/golangci-lint"
      ;;
    cosign)
      [[ -x $COSIGN_DIR/cosign ]] || build_cosign
      echo "COSIGN_BIN=$COSIGN_DIR/cosign"
      ;;
    calico)
      [[ -x $CALICO_DIR/calico-felix && -x $CALICO_APPLY_DIR/calico-apply ]] || build_calico
      echo "CALICO_FELIX_BIN=$CALICO_DIR/calico-felix"
      echo "CALICO_APPLY_BIN=$CALICO_APPLY_DIR/calico-apply"
      ;;
    promtool)
      [[ -x $PROMTOOL_DIR/promtool ]] || build_promtool
      echo "PROMTOOL_BIN=$PROMTOOL_DIR/promtool"
      ;;
  esac
  exit 0
fi
trap 'rm -rf "$K8S_DIR"/*.tmp.$$ "$ETCD_DIR"/*.tmp.$$ "$HELM_DIR"/.gobin.*' EXIT

if [[ $what == all || $what == helm ]]; then
  [[ -x $HELM_DIR/helm ]] || build_helm
  echo "HELM_BIN=$HELM_DIR/helm"
fi
if [[ $what == all || $what == envtest ]]; then
  if [[ ! -x $K8S_DIR/kube-apiserver || ! -x $K8S_DIR/kubectl ]]; then build_k8s; fi
  ensure_etcd
  echo "KUBEBUILDER_ASSETS=$K8S_DIR"
fi

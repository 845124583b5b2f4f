#!/usr/bin/env bash
# hack/dataplane-deps.sh: install what kube-router's network-policy controller calls, iptables
# (with iptables-save/-restore) and ipset, from Debian when missing; iproute2 for `ip netns`
# too. Used by `make test-dataplane`; needs root (it is the suite's own requirement anyway).
# Prints nothing on stdout; progress goes to stderr.
set -euo pipefail

missing=()
for bin in iptables iptables-save iptables-restore ipset ip; do
  command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) != 0 ]]; then
  echo "dataplane-deps: missing ${missing[*]}, and installing them needs root" >&2
  exit 1
fi
command -v apt-get >/dev/null 2>&1 || {
  echo "dataplane-deps: missing ${missing[*]}, and there is no apt-get to install them with" >&2
  exit 1
}
echo "dataplane-deps: installing iptables ipset iproute2 from Debian (missing: ${missing[*]}) ..." >&2
{
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends iptables ipset iproute2
} >&2
for bin in "${missing[@]}"; do
  command -v "$bin" >/dev/null 2>&1 || { echo "dataplane-deps: $bin still missing after apt-get" >&2; exit 1; }
done

#!/usr/bin/env bash
# hack/dataplane-deps.sh: what test/dataplane needs from the machine.
#
# Usage:
#   hack/dataplane-deps.sh          install iptables (with -save/-restore), ipset and iproute2 from
#                                   Debian when missing (what kube-router's network-policy
#                                   controller calls); needs root
#   hack/dataplane-deps.sh check    the above, then try the kernel features in a throw-away network
#                                   namespace (veth, an iptables chain, an ipset); on failure print
#                                   one line saying why and exit 1. `make test` runs the dataplane
#                                   suite only when this passes.
#
# Prints nothing on stdout but check's reason; progress goes to stderr.
set -euo pipefail

say() { printf '%s\n' "$*"; }

install_missing() {
  local missing=() bin
  for bin in iptables iptables-save iptables-restore ipset ip; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) != 0 ]]; then
    say "missing ${missing[*]}, and installing them needs root"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${missing[*]}, and there is no apt-get to install them with"
    return 1
  fi
  echo "dataplane-deps: installing iptables ipset iproute2 from Debian (missing: ${missing[*]}) ..." >&2
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends iptables ipset iproute2; } >&2; then
    say "apt-get could not install iptables ipset iproute2"
    return 1
  fi
  for bin in "${missing[@]}"; do
    command -v "$bin" >/dev/null 2>&1 || { say "$bin still missing after apt-get"; return 1; }
  done
}

# Each kernel feature the suite uses, tried where it touches nothing: a namespace of its own.
check_kernel() {
  local ns="ndpcheck$$" out
  if ! out=$(ip netns add "$ns" 2>&1); then
    say "cannot create a network namespace: $out"
    return 1
  fi
  trap 'ip netns del "'"$ns"'" 2>/dev/null || true' RETURN
  if ! out=$(ip -n "$ns" link add name ndpa type veth peer name ndpb 2>&1); then
    say "no veth: $out"
    return 1
  fi
  if ! out=$(ip netns exec "$ns" iptables -w -t filter -N NDPCHECK 2>&1); then
    say "iptables does not work ($(iptables --version 2>&1)): $out"
    return 1
  fi
  if ! out=$(ip netns exec "$ns" ipset create ndpcheck hash:ip 2>&1 &&
    ip netns exec "$ns" iptables -w -t filter -A NDPCHECK -m set --match-set ndpcheck src -j REJECT 2>&1); then
    say "ipset or its iptables match does not work: $out"
    return 1
  fi
}

case "${1:-install}" in
  install)
    if ! reason=$(install_missing); then
      echo "dataplane-deps: $reason" >&2
      exit 1
    fi
    ;;
  check)
    if [[ $(id -u) != 0 ]]; then
      say "not root (it needs network namespaces, veths and iptables)"
      exit 1
    fi
    [[ $(uname -s) == Linux ]] || { say "not Linux"; exit 1; }
    install_missing || exit 1
    check_kernel || exit 1
    ;;
  *) echo "usage: $0 [install|check]" >&2; exit 2 ;;
esac

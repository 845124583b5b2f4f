#!/usr/bin/env bash
# hack/browser.sh: a headless Chromium for the browser test of the HTML rules view (pkg/rulesview).
#
# Usage:
#   hack/browser.sh    print CHROME_BIN=<path> on stdout, for `eval`: a Chromium already there
#                      (CHROME_BIN, or chromium-headless-shell / chromium on PATH), else Debian's
#                      chromium-headless-shell, installed once through apt-get (as root; it stays
#                      installed, so later runs install nothing). Where no browser can be had, it
#                      prints CHROME_BIN= and BROWSER_SKIP='<why>' instead, and still exits 0: the
#                      test then skips, saying why, and `make test` goes on.
#
# Only Debian's package: nothing prebuilt is downloaded (no browser build of chromedp's or
# Puppeteer's own). Progress goes to stderr.
set -euo pipefail

PACKAGE=chromium-headless-shell

say() { printf '%s\n' "$*"; }
log() { printf '[browser] %s\n' "$*" >&2; }

# The first Chromium found, or nothing.
find_browser() {
  local bin
  if [[ -n ${CHROME_BIN:-} && -x ${CHROME_BIN} ]]; then
    say "$CHROME_BIN"
    return
  fi
  for bin in chromium-headless-shell chromium chromium-browser google-chrome; do
    if command -v "$bin" >/dev/null 2>&1; then
      command -v "$bin"
      return
    fi
  done
  # Debian's package keeps the binary under /usr/lib, with a wrapper on PATH; try it too.
  [[ -x /usr/lib/chromium/chromium-headless-shell ]] && say /usr/lib/chromium/chromium-headless-shell
  return 0
}

# install prints why it could not install, and fails; or installs Debian's package.
install() {
  if [[ $(id -u) != 0 ]]; then
    say "no Chromium on PATH, and installing Debian's $PACKAGE needs root (or set CHROME_BIN)"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    say "no Chromium on PATH, and no apt-get to install Debian's $PACKAGE with (or set CHROME_BIN)"
    return 1
  fi
  log "installing Debian's $PACKAGE (once; about 300 MB) ..."
  # The package lists may be old or absent on a fresh machine: update first, as apt wants.
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$PACKAGE"; } >&2; then
    say "apt-get could not install $PACKAGE"
    return 1
  fi
}

bin=$(find_browser)
if [[ -z $bin ]]; then
  if reason=$(install); then
    bin=$(find_browser)
    [[ -n $bin ]] || reason="$PACKAGE installed, but no Chromium binary found on PATH"
  fi
fi
if [[ -n $bin ]]; then
  log "using $bin ($("$bin" --version 2>/dev/null | head -n1 || echo 'version unknown'))"
  say "CHROME_BIN=$(printf %q "$bin")"
else
  log "no browser: $reason"
  say "CHROME_BIN="
  say "BROWSER_SKIP=$(printf %q "$reason")"
fi

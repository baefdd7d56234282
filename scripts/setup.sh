#!/usr/bin/env bash
# Sets up a fresh machine for this site, and is safe to run again.
#
#   scripts/setup.sh --site   what building and serving need: a virtual
#                             environment in .venv/ with the locked Python
#                             packages (and Debian's python3-venv if missing)
#   scripts/setup.sh          all that, plus what the tests drive: Debian's
#                             Chromium (Playwright's own browser download is
#                             not reachable), Java (the Nu Html Checker), nginx
#                             (the publish build is served by it), rsync
#                             (invoke deploy), and the npm packages of
#                             package.json (axe-core, vnu-jar,
#                             citation-js)
#
# Debian packages are installed as root, or with sudo: the script asks for
# nothing it does not need. Python packages go into .venv/, never into the
# system's Python: Debian 12 refuses that (PEP 668, "externally-managed-
# environment"). They come from requirements.lock, pinned with their hashes,
# and pip refuses any file whose hash differs (--require-hashes).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-all}
case "$mode" in
  --site) mode=site ;;
  all) ;;
  *) echo "usage: scripts/setup.sh [--site]" >&2; exit 2 ;;
esac

apt_install() {
  [ "$#" -gt 0 ] || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || {
      echo "scripts/setup.sh needs these Debian packages: $*" >&2
      echo "Run it as root, or install sudo, or run: apt-get install $*" >&2
      exit 1
    }
    sudo="sudo"
  fi
  echo "Installing Debian packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# --- Python: .venv with the locked packages -------------------------------------
# Debian's python3 has no venv module until python3-venv is installed.
if [ ! -x .venv/bin/python ]; then
  python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  --require-hashes --no-deps -r requirements.lock

[ "$mode" = site ] && exit 0

# --- What the tests drive ---------------------------------------------------------
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
# nginx lives in /usr/sbin, which a non-root PATH may lack.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
# Screenshots and the English pages' language switcher draw Arabic in a system face.
fc-list :lang=ar 2>/dev/null | grep -q . || need+=(fonts-dejavu-core)
apt_install "${need[@]}"

if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

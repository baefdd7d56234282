#!/usr/bin/env bash
# Installs what a fresh machine lacks for building and testing the site:
# the pinned Python packages, Debian's Chromium (Playwright drives it; its own
# browser download is not reachable), Java (for the Nu Html Checker), Debian's
# nginx (the tests serve the publish build with deploy/nginx.conf), rsync
# (invoke deploy), kiwix-tools (the offline edition's ZIM tests), and the npm packages in package.json (axe-core, vnu-jar).
# Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || need+=(npm)
# nginx lives in /usr/sbin, which a non-root PATH may lack.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v rsync >/dev/null 2>&1 || need+=(rsync)
# kiwix-serve: the offline edition's tests serve its ZIM files as Kiwix readers do.
command -v kiwix-serve >/dev/null 2>&1 || need+=(kiwix-tools)
# Screenshots and the English pages' language switcher draw Arabic in a system face.
fc-list :lang=ar 2>/dev/null | grep -q . || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -f package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

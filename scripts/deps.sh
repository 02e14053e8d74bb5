#!/usr/bin/env bash
# Installs every Debian package Gongkai needs to build, test and benchmark, the npm packages the build bundles into
# the static assets (web/: ECharts and esbuild) and the npm packages for browser tests.
# Idempotent: packages already present are skipped, so a second run costs a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache git
  libboost1.81-dev libboost-url1.81-dev libboost-json1.81-dev
  libsoci-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
  libkainjow-mustache-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libsodium-dev libspdlog-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libmagic-dev libicu-dev libopencc-dev opencc
  libzip-dev libexpat1-dev libpoppler-cpp-dev
  libpango1.0-dev libcairo2-dev libcurl4-openssl-dev poppler-utils
  libxlsxwriter-dev
  clang-14 libclang-rt-14-dev
  chromium fonts-noto-cjk wrk nginx-light curl procps
)
# Node.js and npm may come with the machine from outside Debian; take Debian's only where there is none.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Front-end packages the build bundles into the binary's static assets (CMake runs esbuild from web/node_modules).
if [ ! -x web/node_modules/.bin/esbuild ] || [ ! -d web/node_modules/echarts ]; then
  echo "==> installing front-end packages for the dashboard charts (npm)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error)
fi

# Browser-test tools from npm (Playwright drives Debian's Chromium; it never downloads a browser).
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/@axe-core/playwright ]; then
  echo "==> installing browser-test tools (npm)"
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
     || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error)
fi

#!/usr/bin/env bash
# Installs what is missing, builds, creates the demo district in ./var and serves it at http://127.0.0.1:8080.
# Environment: GONGKAI_PORT (default 8080), GONGKAI_DATA (default ./var), GONGKAI_DATABASE (PostgreSQL URL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
echo "==> building (release)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGKAI_BUILD_TESTS=OFF >/dev/null
ninja -C build gongkai | grep -vE '^\[[0-9]+/[0-9]+\]' || true
export GONGKAI_DATA=${GONGKAI_DATA:-./var}
echo "==> preparing the demo district"
./build/gongkai demo
echo "==> serving at http://127.0.0.1:${GONGKAI_PORT:-8080}  (Ctrl-C stops)"
exec ./build/gongkai serve --port "${GONGKAI_PORT:-8080}"

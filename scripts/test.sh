#!/usr/bin/env bash
# Installs what is missing, builds once (AddressSanitizer + UndefinedBehaviorSanitizer) and runs every test:
#   1. unit tests (GoogleTest, through ctest)
#   2. integration tests against the real binary on SQLite and on a real PostgreSQL started here (node:test)
#   3. browser tests (Playwright driving Debian's Chromium, axe-core)
#   4. a short libFuzzer run of every fuzz target
# Exits non-zero if any part fails; the last line sums up the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash scripts/deps.sh

BUILD=${GONGKAI_TEST_BUILD:-build-test}
echo "==> building $BUILD (ASan + UBSan)"
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGONGKAI_SANITIZE=ON >/dev/null
ninja -C "$BUILD" | grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' || true
test -x "$BUILD/gongkai"

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

LOGDIR=$(mktemp -d /tmp/gongkai-test.XXXXXX)
chmod 755 "$LOGDIR"   # the postgres user must reach the cluster folder inside it
PGDIR="$LOGDIR/pg"
PGPORT=$(free_port)
cleanup() { bash scripts/pg.sh stop "$PGDIR" >/dev/null 2>&1 || true; }
trap cleanup EXIT
echo "==> starting PostgreSQL on 127.0.0.1:$PGPORT"
GONGKAI_TEST_PG_URL=$(bash scripts/pg.sh start "$PGDIR" "$PGPORT") || { echo "!! PostgreSQL did not start"; exit 1; }
export GONGKAI_TEST_PG_URL
export GONGKAI_BIN="$ROOT/$BUILD/gongkai"
export GONGKAI_SHARED_DATA="$ROOT/../shared/data"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

pass=0; fail=0; status=0
run_suite() {  # name, log, command...
  local name=$1 log=$2; shift 2
  echo "==> $name"
  set +e
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  [ "$rc" = 0 ] || { echo "!! $name failed (exit $rc)"; status=1; }
}

run_suite "unit tests" "$LOGDIR/unit.log" ctest --test-dir "$BUILD" -j2 --output-on-failure --timeout 300
p=$(sed -nE 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2 \1/p' "$LOGDIR/unit.log" | tail -1)
if [ -n "$p" ]; then set -- $p; pass=$((pass + $1 - $2)); fail=$((fail + $2)); fi

node_suite() {  # name, dir
  local name=$1 dir=$2 log="$LOGDIR/$(basename "$2").log"
  if ! ls "$dir"/*.test.mjs >/dev/null 2>&1; then echo "==> $name: none"; return; fi
  run_suite "$name" "$log" node --test --test-concurrency="${3:-2}" --test-reporter=tap "$dir"/*.test.mjs
  local np nf
  np=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -1); nf=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -1)
  pass=$((pass + ${np:-0})); fail=$((fail + ${nf:-0}))
}
node_suite "integration tests (SQLite and PostgreSQL)" tests/integration 2
node_suite "browser tests (Chromium)" tests/browser 1

if [ -x scripts/fuzz.sh ]; then
  run_suite "fuzz smoke run" "$LOGDIR/fuzz.log" bash scripts/fuzz.sh smoke
fi

echo
echo "logs: $LOGDIR"
echo "all: $pass passed, $fail failed"
exit $status

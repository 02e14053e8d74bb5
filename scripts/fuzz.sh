#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in fuzz/ with clang++-14 (-fsanitize=fuzzer,address,undefined).
#   scripts/fuzz.sh                  build every fuzz/*.cpp into build-fuzz/
#   scripts/fuzz.sh smoke            build, then run every target for 20 s on its seed corpus; fails on any crash
#   scripts/fuzz.sh TARGET [SECONDS] build, then run one target (e.g. forms_fuzz) longer (default 600 s)
# Seeds are in fuzz/corpus/<target>/ (committed, hand-written); what a run discovers goes to
# build-fuzz/corpus/<target>/ and crashing inputs to build-fuzz/artifacts/. Objects are cached in build-fuzz/obj/
# and rebuilt when a source or a header it includes changes.
set -euo pipefail
cd "$(dirname "$0")/.."

CXX=${FUZZ_CXX:-clang++-14}
OUT=build-fuzz
SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-20}

if ! command -v "$CXX" >/dev/null 2>&1 || [ ! -d /usr/lib/llvm-14/lib/clang ] ||
   ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  echo "==> installing clang-14 and libclang-rt-14-dev"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi

# The few translation units each target needs (the parsers are kept free of I/O and of the server), and libraries.
sources_for() {
  case "$1" in
    forms_fuzz) echo "src/platform/http/forms.cpp src/platform/http/message.cpp" ;;
    router_fuzz) echo "src/platform/http/router.cpp src/platform/http/forms.cpp src/platform/http/message.cpp
                       src/platform/errors.cpp" ;;
    privacy_scan_fuzz) echo src/gongkai/privacy/*.cpp ;;
    disclosure_fuzz) echo "src/gongkai/disclosure/model.cpp src/gongkai/text.cpp src/gongkai/calendar/model.cpp
                           src/platform/crypto.cpp" ;;
    markdown_fuzz) echo src/platform/render/markdown.cpp ;;
    csv_fuzz) echo "src/platform/text/csv.cpp src/platform/http/forms.cpp" ;;
    zip_text_fuzz) echo "src/platform/files/text_extract.cpp src/platform/files/xlsx_reader.cpp src/platform/files/xml.cpp
                         src/platform/files/zip.cpp src/platform/http/forms.cpp" ;;
    notice_template_fuzz) echo "src/gongkai/requests/notice_model.cpp src/gongkai/requests/model.cpp src/gongkai/text.cpp
                                src/gongkai/calendar/model.cpp src/gongkai/privacy/identifiers.cpp
                                src/platform/mail/message.cpp src/platform/crypto.cpp
                                src/platform/http/forms.cpp" ;;
    oversight_fuzz) echo "src/gongkai/oversight/model.cpp src/gongkai/oversight/indicators.cpp src/gongkai/disclosure/model.cpp src/gongkai/requests/model.cpp
                          src/gongkai/units/model.cpp src/gongkai/privacy/*.cpp src/gongkai/text.cpp
                          src/gongkai/calendar/model.cpp src/platform/crypto.cpp" ;;
    search_query_fuzz) echo "src/gongkai/search/analysis.cpp src/gongkai/search/query.cpp src/gongkai/search/highlight.cpp
                             src/gongkai/text.cpp src/platform/http/message.cpp src/platform/http/forms.cpp" ;;
    *) echo "scripts/fuzz.sh: no sources listed for fuzz target '$1' (add it to sources_for)" >&2; return 1 ;;
  esac
}
libs_for() {
  case "$1" in
    router_fuzz) echo "$(pkg-config --libs spdlog fmt) -lsoci_core" ;;  # router.cpp logs handler exceptions (errors.cpp)
    disclosure_fuzz) echo "-lsodium -lboost_json" ;;
    oversight_fuzz) echo "-lsodium -lboost_json" ;;
    markdown_fuzz) echo "-lcmark-gfm-extensions -lcmark-gfm" ;;
    zip_text_fuzz) pkg-config --libs libzip expat poppler-cpp ;;
    notice_template_fuzz) echo "-lsodium" ;;
    search_query_fuzz) pkg-config --libs icu-uc opencc ;;
    *) echo "" ;;
  esac
}

CXXFLAGS=(-std=c++20 -g -O1 -fno-omit-frame-pointer -I src
          -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
          -DBOOST_ASIO_NO_DEPRECATED $(pkg-config --cflags spdlog fmt libzip expat poppler-cpp)
          -Wall -Wno-unused-parameter)
LDFLAGS=(-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all)

mkdir -p "$OUT/obj"
flags_stamp="$OUT/obj/flags"
if [ "$(cat "$flags_stamp" 2>/dev/null)" != "$CXX ${CXXFLAGS[*]}" ]; then
  rm -f "$OUT"/obj/*.o
  echo "$CXX ${CXXFLAGS[*]}" >"$flags_stamp"
fi

# True if object $1 exists and is newer than everything in its dependency file $2.
fresh() {
  [ -f "$1" ] && [ -f "$2" ] || return 1
  local dep
  for dep in $(sed -e 's/\\$//' -e 's/^[^:]*://' "$2"); do
    [ "$dep" -nt "$1" ] && return 1
  done
  return 0
}

compile() {  # source → prints the object's path
  local src=$1 obj
  obj="$OUT/obj/$(echo "$src" | tr '/' '_' | sed 's/\.cpp$//').o"
  if ! fresh "$obj" "${obj%.o}.d"; then
    echo "    compiling $src" >&2
    "$CXX" "${CXXFLAGS[@]}" -MMD -MF "${obj%.o}.d" -c "$src" -o "$obj"
  fi
  echo "$obj"
}

build() {  # target name
  local t=$1 objs=() src
  local srcs
  srcs=$(sources_for "$t")
  for src in "fuzz/$t.cpp" $srcs; do objs+=("$(compile "$src")"); done
  local bin="$OUT/$t" newest=0
  if [ -x "$bin" ]; then
    for o in "${objs[@]}"; do [ "$o" -nt "$bin" ] && newest=1; done
  else
    newest=1
  fi
  if [ "$newest" = 1 ]; then
    echo "    linking $bin" >&2
    # shellcheck disable=SC2046
    "$CXX" "${LDFLAGS[@]}" "${objs[@]}" $(libs_for "$t") -o "$bin"
  fi
}

run() {  # target seconds
  local t=$1 secs=$2
  local work="$OUT/corpus/$t" seeds="fuzz/corpus/$t"
  mkdir -p "$work" "$OUT/artifacts"
  local dirs=("$work")
  [ -d "$seeds" ] && dirs+=("$seeds")
  echo "==> fuzzing $t for ${secs}s (corpus: ${dirs[*]})"
  local log="$OUT/$t.log" rc=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
    "$OUT/$t" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 \
      -artifact_prefix="$OUT/artifacts/$t-" "${dirs[@]}" >"$log" 2>&1 || rc=$?
  grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|^stat::number_of_executed_units|^stat::peak_rss_mb' "$log" | sed 's/^/    /' || true
  if [ "$rc" != 0 ]; then
    echo "!! $t failed (exit $rc); last lines of $log:"
    tail -n 40 "$log"
    return 1
  fi
}

targets=()
for f in fuzz/*.cpp; do targets+=("$(basename "$f" .cpp)"); done

mode=${1:-build}
case "$mode" in
  build)
    for t in "${targets[@]}"; do echo "==> building $t"; build "$t"; done
    ;;
  smoke)
    for t in "${targets[@]}"; do echo "==> building $t"; build "$t"; done
    failed=()
    for t in "${targets[@]}"; do run "$t" "$SMOKE_SECONDS" || failed+=("$t"); done
    if ((${#failed[@]})); then echo "fuzz smoke: FAILED: ${failed[*]}"; exit 1; fi
    echo "fuzz smoke: ${#targets[@]} targets, no crash"
    ;;
  *)
    t=${mode%.cpp}; t=${t#fuzz/}
    [ -f "fuzz/$t.cpp" ] || { echo "unknown fuzz target: $t (have: ${targets[*]})" >&2; exit 2; }
    echo "==> building $t"; build "$t"
    run "$t" "${2:-600}"
    ;;
esac

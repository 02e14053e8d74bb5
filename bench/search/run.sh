#!/usr/bin/env bash
# bench/search/run.sh — search quality and speed on the shared data, with Xapian beside it. Not a test: CI never
# runs it. Prints MRR@10/Recall@10 on CMRC 2018 and the known-item rate on the 2,000 documents (SQLite and, with
# PG_URL, PostgreSQL), then, for each size in SIZES (copies of the 2,000 real documents: 10 → 20,000), the index
# build time and size and the latency of a mixed query set through `gongkai serve` (1 connection timed request by
# request by timed.py, 16 connections by wrk; without the result cache, then with it),
# and the same queries against a Xapian index of the same documents (python3-xapian, CJK n-grams) in-process.
#
# Knobs: SIZES="10 50" (copies; 50 → 100,000 documents, 500 → 1,000,000), DURATION=20s, PG_URL=postgresql://…,
#        BUILD_DIR=build-bench, SKIP_BUILD=1, SKIP_QUALITY=1, SKIP_XAPIAN=1, KEEP=1 (keep the data folders),
#        REUSE=/path/to/data (one size: measure a data folder kept earlier instead of building it),
#        XAPIAN_REUSE=/path/to/index (query a Xapian index built earlier with xapian_peer.py --build-only),
#        PER_URL=1 (also time each URL alone, best and worst of three),
#        DB_URL=postgresql://… (one size: measure the server on a PostgreSQL database loaded beforehand with
#        `gongkai --database URL demo` and `search_bench --db URL --set load --copies K`).
set -euo pipefail
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^GONGKAI_' || true)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SIZES=${SIZES:-"10"}
DURATION=${DURATION:-20s}
BUILD_DIR=${BUILD_DIR:-build-bench}
for tool in wrk curl; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }; done
TMP=$(mktemp -d /tmp/gongkai-search-bench.XXXXXX)
cd "$ROOT"
if [[ -z "${SKIP_BUILD:-}" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF >/dev/null
  ninja -C "$BUILD_DIR" gongkai search_bench >/dev/null
fi
BIN="$ROOT/$BUILD_DIR/gongkai"
BENCH="$ROOT/$BUILD_DIR/search_bench"

echo "== quality"
if [[ -z "${SKIP_QUALITY:-}" ]]; then
  "$BENCH" --set all 2>/dev/null
  if [[ -n "${PG_URL:-}" ]]; then "$BENCH" --db "$PG_URL" --set all 2>/dev/null; fi
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }

# The mixed query set: single terms (common and rare, one Traditional), phrases, AND with exclusion, filters,
# sort by date, and deep pages (the 10th page of common terms, reached through the cursor).
QUERIES=(政府 规定 管理 环境保护 安全生产 税 消费者权益保护 行政许可 人民代表大会常务委员会 國務院辦公廳 環境保護
         "食品 安全 监督" "劳动 合同 -解除" '"政务公开"' "公开 OR 公示" 城市规划 著作权 野生动物 突发事件应对)
for copies in $SIZES; do
  n=$((copies * 2000))
  DATA="$TMP/data-$copies"
  echo "== $n documents (the 2,000 real ones × $copies)"
  DB=()
  if [[ -n "${DB_URL:-}" ]]; then
    # PostgreSQL, loaded beforehand: gongkai --database URL demo, then search_bench --db URL --set load --copies K.
    DB=(--database "$DB_URL")
    mkdir -p "$DATA"
    echo "  measuring the index loaded in PostgreSQL ($(psql "$DB_URL" -Atc 'SELECT count(*) FROM search_entries') entries," \
         "$(psql "$DB_URL" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))"))"
  elif [[ -n "${REUSE:-}" ]]; then
    DATA=$REUSE  # a data folder kept by an earlier run (KEEP=1) with this many copies: not built again
    echo "  reusing $DATA"
  else
    mkdir -p "$DATA"
    "$BIN" --data "$DATA" demo >/dev/null 2>&1
    "$BENCH" --db "sqlite:$DATA/gongkai.db" --set load --copies "$copies" 2>/dev/null
  fi
  [[ -n "${DB_URL:-}" ]] || du -sh "$DATA"/gongkai.db* | awk '{print "  database file " $2 ": " $1}'
  port=$(free_port)
  # Without the result cache first: every request is answered from the index (the cost of a search nobody made in
  # this generation of the index); the URLs are built meanwhile.
  "$BIN" --data "$DATA" "${DB[@]}" serve --port "$port" --workers 4 --search-cache 0 >"$TMP/serve-$copies.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
  URLS="$TMP/urls-$copies.txt"
  : >"$URLS"
  for q in "${QUERIES[@]}"; do echo "/search?q=$(enc "$q")" >>"$URLS"; done
  echo "/search?q=$(enc 管理)&year_from=2022&year_to=2023" >>"$URLS"
  echo "/search?q=$(enc 条例)&validity=in_force" >>"$URLS"
  echo "/search?q=$(enc 规定)&unit=3" >>"$URLS"
  echo "/search?q=$(enc 管理)&sort=date" >>"$URLS"
  for q in 规定 管理; do
    cursor=""
    for _ in $(seq 1 9); do
      cursor=$(curl -fs "http://127.0.0.1:$port/api/v1/search?q=$(enc "$q")${cursor:+&after=$(enc "$cursor")}" |
               python3 -c 'import json,sys; print(json.load(sys.stdin).get("next_cursor") or "")')
      [[ -z "$cursor" ]] && break
    done
    [[ -n "$cursor" ]] && echo "/search?q=$(enc "$q")&after=$(enc "$cursor")" >>"$URLS"
  done
  echo "  $(wc -l <"$URLS") URLs (terms, phrases, filters, sort by date, 10th pages)"
  # Which answers are estimated (more matches than --search-exact-up-to: a sample ranked, the counts estimated).
  sampled=0
  while read -r u; do
    # grep reads the whole page: with -q it would stop at the first match, and curl's failed write (pipefail) then
    # made a sampled answer count as exact, at random.
    curl -fs "http://127.0.0.1:$port$u" | grep '找到约\|结果很多' >/dev/null && sampled=$((sampled + 1))
  done <"$URLS"
  echo "  answered from a sample (more than 2,000 matches, counts shown as estimates): $sampled of $(wc -l <"$URLS") URLs"
  if [[ -n "${PER_URL:-}" ]]; then
    # Each URL alone, best and worst of three (ms), without the cache: which queries make the percentiles.
    echo "  per URL (best / worst of 3, ms, without the cache):"
    while read -r u; do
      ts=$(for _ in 1 2 3; do curl -fs -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$u"; done | sort -n)
      printf '    %7.1f / %7.1f  %s\n' "$(echo "$ts" | head -1 | awk '{print $1 * 1000}')" \
        "$(echo "$ts" | tail -1 | awk '{print $1 * 1000}')" "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.argv[1]))' "$u")"
    done <"$URLS"
  fi
  for cache in 0 256; do
    if [[ $cache != 0 ]]; then
      kill "$pid"; wait "$pid" || true
      "$BIN" --data "$DATA" "${DB[@]}" serve --port "$port" --workers 4 --search-cache "$cache" >>"$TMP/serve-$copies.log" 2>&1 &
      pid=$!
      for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
      # One pass first, so the cache holds every answer (at 1,000,000 documents one cold pass takes half a minute).
      while read -r u; do curl -fs -o /dev/null "http://127.0.0.1:$port$u"; done <"$URLS"
      echo "  with the result cache (--search-cache $cache, filled by one pass; the same URLs again and again, as popular searches are):"
    else
      echo "  without the result cache (--search-cache 0):"
    fi
    # One connection: a client that times each request (wrk's percentiles contradicted its throughput there).
    python3 "$ROOT/bench/search/timed.py" --urls "$URLS" --base "http://127.0.0.1:$port" --duration "${DURATION%s}" \
      --connections 1 | sed 's/^/    1 connection:   /'
    # wrk gives up on a request after 2 s by default; uncached searches at 1,000,000 documents wait longer.
    URLS="$URLS" wrk -t2 -c16 -d"$DURATION" --timeout 60s -s "$ROOT/bench/search/latency.lua" "http://127.0.0.1:$port" | grep RESULT | sed 's/^/    16 connections: /'
  done
  kill "$pid"; wait "$pid" || true
  if [[ -z "${SKIP_XAPIAN:-}" ]]; then
    if [[ -n "${XAPIAN_REUSE:-}" ]]; then
      /usr/bin/python3 "$ROOT/bench/search/xapian_peer.py" --reuse --dir "$XAPIAN_REUSE" "${QUERIES[@]}"
    else
      /usr/bin/python3 "$ROOT/bench/search/xapian_peer.py" --copies "$copies" --dir "$TMP/xapian-$copies" "${QUERIES[@]}"
    fi
  fi
done
[[ -n "${KEEP:-}" ]] || rm -rf "$TMP"/data-* "$TMP"/xapian-*
echo "raw files: $TMP"

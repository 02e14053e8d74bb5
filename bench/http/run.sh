#!/usr/bin/env bash
# bench/http/run.sh — HTTP throughput of `gongkai serve` side by side with nginx serving the very same bytes.
#
# Not a test: CI never runs it. It builds a release binary, seeds a demo district in a temporary folder, starts
# gongkai and nginx on free loopback ports, drives both with wrk and prints one table (req/s, p50, p99, ratio
# gongkai/nginx) plus the resident memory of both servers. Raw wrk output and server logs stay in a temporary folder
# whose path is printed at the end. All traffic goes to 127.0.0.1. See bench/README.md for how to read the numbers.
#
# Knobs (environment):
#   DURATION=5s  WARMUP=2s  CONNS=32  THREADS=1    wrk settings for every measured run (one warm-up run per URL)
#   REPEAT=3                                        measured runs per URL; the table shows the best (most req/s)
#   SERVER_CPU=0  WRK_CPU=1                         pinning for the pinned sections (taskset -c)
#   BUILD_DIR=build-bench  SKIP_BUILD=1             reuse an existing build
#   BENCH_BIN=/path/to/gongkai                      benchmark this binary (no build)
#   REV=<commit>                                    benchmark a clean export of that commit instead of the tree
#   SECTIONS="log nolog nocache scale"              which sections to run (default: all four)
#   TARGETS="home unit doc healthz css"             which URLs to load (nocache: only home, unit and doc of these)
#   QUIET_BUSY=15 QUIET_WAIT=30 QUIET_BUDGET=900   before each run wait until other work uses < 15% of all cores
#                                                   (at most 30 s per run, 900 s in all), then measure anyway
#   KEEP=1                                          keep the temporary folder (raw wrk output is always kept)
set -euo pipefail
# The servers get exactly the flags below: settings from the caller's environment must not leak in.
while IFS= read -r v; do unset "$v"; done < <(compgen -e | grep '^GONGKAI_' || true)

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-5s}
WARMUP=${WARMUP:-2s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-1}
SERVER_CPU=${SERVER_CPU:-0}
WRK_CPU=${WRK_CPU:-1}
BUILD_DIR=${BUILD_DIR:-build-bench}
SECTIONS=${SECTIONS:-"log nolog nocache scale"}
TARGETS=${TARGETS:-"home unit doc healthz css"}
REPEAT=${REPEAT:-3}
QUIET_BUSY=${QUIET_BUSY:-15}
QUIET_WAIT=${QUIET_WAIT:-30}
QUIET_BUDGET=${QUIET_BUDGET:-900}

for tool in wrk nginx taskset curl ss awk; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool (apt-get install wrk nginx-light util-linux curl iproute2)" >&2; exit 2; }
done

TMP=$(mktemp -d /tmp/gongkai-bench.XXXXXX)
chmod 755 "$TMP"   # nginx workers (user nobody when started as root) read the static copies from here
RAW="$TMP/raw"
mkdir -p "$RAW" "$TMP/www/static/css" "$TMP/hdr"

# ---- build -------------------------------------------------------------------------------------------------------
# Default: the working tree as it is (uncommitted changes included). REV=<commit>: a clean export of that commit,
# built in the temporary folder (a full build: minutes).
cd "$ROOT"
SRC="$ROOT"
if [[ -n "${REV:-}" ]]; then
  SRC="$TMP/src"
  mkdir -p "$SRC"
  git -C "$ROOT" archive "$REV" | tar -x -C "$SRC"
  SKIP_BUILD=0
fi
if [[ -n "${BENCH_BIN:-}" ]]; then
  SKIP_BUILD=1
elif [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building release binary into $SRC/$BUILD_DIR" >&2
  cmake -S "$SRC" -B "$SRC/$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DGONGKAI_BUILD_TESTS=OFF >/dev/null
  ninja -C "$SRC/$BUILD_DIR" gongkai -j2 >&2
fi
BIN=${BENCH_BIN:-"$SRC/$BUILD_DIR/gongkai"}
[[ -x "$BIN" ]] || { echo "no binary at $BIN" >&2; exit 2; }

ROWS="$TMP/rows.tsv"
: >"$ROWS"

# ---- process bookkeeping: every child we start is remembered by pid and ended by pid -----------------------------
PIDS=()
stop_pid() {  # stop_pid PID [SIGNAL]: signal, then wait at most 10 s, then SIGKILL
  local pid=$1 sig=${2:-TERM} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local p
  for p in "${PIDS[@]}"; do stop_pid "$p"; done
  if [[ "${KEEP:-0}" != 1 ]]; then rm -rf "$TMP/data" "$TMP/www" "$TMP/src"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {  # a port nobody listens on, bounded attempts
  local i p
  for ((i = 0; i < 200; i++)); do
    p=$((20000 + RANDOM % 40000))
    if [[ -z "$(ss -Hltn "sport = :$p" 2>/dev/null)" ]]; then echo "$p"; return 0; fi
  done
  echo "no free port found" >&2
  return 1
}

rss_kb() {  # rss_kb PID...: sum of VmRSS in kB
  local sum=0 p v
  for p in "$@"; do
    v=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f MB", k / 1024}'; }

wait_http() {  # wait_http URL: at most 15 s
  local i
  for ((i = 0; i < 150; i++)); do
    curl -s -o /dev/null --max-time 1 "$1" && return 0
    sleep 0.1
  done
  echo "server at $1 did not answer in 15 s" >&2
  return 1
}

# ---- gongkai -----------------------------------------------------------------------------------------------------
GK_PID=""
GK_PORT=""
start_gongkai() {  # start_gongkai NAME CPUSPEC(-: unpinned) EXTRA_ARGS...
  local name=$1 cpus=$2 i
  shift 2
  rm -f "$TMP/$name.port"
  local cmd=("$BIN" --data "$TMP/data" serve --address 127.0.0.1 --port 0 --port-file "$TMP/$name.port" "$@")
  [[ "$cpus" != - ]] && cmd=(taskset -c "$cpus" "${cmd[@]}")
  # The access log goes to stderr, as under systemd; here into a file on the same disk as nginx's access log.
  "${cmd[@]}" >"$TMP/$name.stdout" 2>"$TMP/$name.log" &
  GK_PID=$!
  PIDS+=("$GK_PID")
  for ((i = 0; i < 200; i++)); do
    [[ -s "$TMP/$name.port" ]] && break
    kill -0 "$GK_PID" 2>/dev/null || { echo "gongkai ($name) exited; log:" >&2; tail -20 "$TMP/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  [[ -s "$TMP/$name.port" ]] || { echo "gongkai ($name) did not write its port in 20 s" >&2; exit 1; }
  GK_PORT=$(<"$TMP/$name.port")
  sleep 1   # let start-up work (migrations check, scheduler's first tick) settle before reading idle RSS
  echo "$GK_PORT"
}

# ---- nginx -------------------------------------------------------------------------------------------------------
NG_PID=""
NG_PORT=""
# conf_location URLPATH FILE HEADERFILE [static]: an exact-match location answering with FILE and gongkai's headers
conf_location() {
  local url=$1 file=$2 hdr=$3 static=${4:-}
  local ctype
  ctype=$(awk 'tolower($0) ~ /^content-type:/ {sub(/^[^:]*:[ \t]*/, ""); sub(/\r$/, ""); print}' "$hdr")
  echo "    location = $url {"
  echo "      types {}"
  echo "      default_type \"$ctype\";"
  [[ -z "$static" ]] && echo "      etag off;"
  # Same response headers as gongkai sends (security headers, cache-control), so both answers are the same size.
  awk '/^[A-Za-z0-9-]+:/ {
         line=$0; sub(/\r$/, "", line)
         name=line; sub(/:.*/, "", name)
         value=line; sub(/^[^:]*:[ \t]*/, "", value)
         n=tolower(name)
         if (n ~ /^(date|server|content-length|content-type|connection|keep-alive|etag|last-modified|accept-ranges)$/) next
         if (value ~ /\$/) next
         gsub(/"/, "\\\"", value)
         printf "      add_header %s \"%s\";\n", name, value
       }' "$hdr"
  echo "      try_files /$file =404;"
  echo "    }"
}

start_nginx() {  # start_nginx NAME WORKERS(1|auto) ACCESS_LOG(on|off) CPUSPEC(-: unpinned)
  local name=$1 workers=$2 alog=$3 cpus=$4
  local dir="$TMP/nginx-$name"
  mkdir -p "$dir"
  NG_PORT=$(free_port)
  local log_directive="access_log off;"
  [[ "$alog" == on ]] && log_directive="access_log $dir/access.log combined;"
  {
    echo "worker_processes $workers;"
    echo "pid $dir/nginx.pid;"
    echo "error_log $dir/error.log warn;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  $log_directive"
    echo "  sendfile on; tcp_nopush on; tcp_nodelay on;"
    echo "  keepalive_timeout 15s;"           # gongkai: --idle-timeout 15
    echo "  keepalive_requests 1000000;"      # gongkai never closes a keep-alive connection after N requests
    echo "  server_tokens off;"
    echo "  open_file_cache max=64 inactive=60s; open_file_cache_valid 60s;"   # no open/fstat per request: nginx at its best
    echo "  client_body_temp_path $dir/body; proxy_temp_path $dir/proxy; fastcgi_temp_path $dir/fcgi;"
    echo "  uwsgi_temp_path $dir/uwsgi; scgi_temp_path $dir/scgi;"
    echo "  server {"
    echo "    listen 127.0.0.1:$NG_PORT;"
    echo "    root $TMP/www;"
    conf_location / home.html "$TMP/hdr/home"
    conf_location "$UNIT_PATH" unit.html "$TMP/hdr/unit"
    conf_location "$DOC_PATH" doc.html "$TMP/hdr/doc"
    conf_location /healthz healthz.json "$TMP/hdr/healthz"
    conf_location /static/css/site.css static/css/site.css "$TMP/hdr/css" static
    echo "  }"
    echo "}"
  } >"$dir/nginx.conf"
  local cmd=(nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g "daemon off;")
  [[ "$cpus" != - ]] && cmd=(taskset -c "$cpus" "${cmd[@]}")
  "${cmd[@]}" >"$dir/stdout" 2>&1 &
  NG_PID=$!
  PIDS+=("$NG_PID")
  wait_http "http://127.0.0.1:$NG_PORT/healthz" || { cat "$dir/error.log" "$dir/stdout" >&2; exit 1; }
  sleep 0.5
}
nginx_pids() { echo "$NG_PID" $(pgrep -P "$NG_PID" 2>/dev/null || true); }

# ---- wrk ---------------------------------------------------------------------------------------------------------
# The machine may be shared (other people's compilers): besides req/s each run records how much CPU the server used
# (utime+stime of its processes, all threads) and how much CPU everybody else used meanwhile, so a run disturbed by
# other work can be told apart, and requests per CPU-second of the server stay comparable even when it was.
SRV_PIDS=""
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
proc_ticks() {  # proc_ticks PID...: utime+stime in clock ticks (fields 14, 15 after the command name)
  local p sum=0 v
  for p in "$@"; do
    v=$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null || echo 0)
    sum=$((sum + ${v:-0}))
  done
  echo "$sum"
}
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4, $9}' /proc/stat; }  # user+nice+system, steal
children_seconds() {  # CPU seconds of this shell's reaped children (wrk, via timeout and taskset)
  times >"$TMP/times"
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); s += p[1] * 60 + p[2] }; print s }' "$TMP/times"
}

# Before each run, wait (bounded) for the rest of the machine to go quiet: at most QUIET_WAIT s per run and
# QUIET_BUDGET s in all; then measure anyway and let the 'other' column tell.
QUIET_LEFT=$QUIET_BUDGET
wait_quiet() {
  local start=$SECONDS a b busy
  while :; do
    read -r a _ < <(machine_ticks)
    sleep 1
    read -r b _ < <(machine_ticks)
    busy=$(((b - a) * 100 / (HZ * NCPU)))
    ((busy < QUIET_BUSY)) && break
    if ((SECONDS - start >= QUIET_WAIT || SECONDS - start >= QUIET_LEFT)); then
      echo "  (machine still ${busy}% busy with other work; measuring anyway)" >&2
      break
    fi
  done
  QUIET_LEFT=$((QUIET_LEFT - (SECONDS - start)))
  ((QUIET_LEFT < 0)) && QUIET_LEFT=0
  return 0
}

# run_wrk SECTION SERVER TARGET URL CPUSPEC: a warm-up run, then REPEAT measured runs; the row is the run with the
# most req/s (the least disturbed one on a shared machine), with errors summed over all runs.
run_wrk() {
  local section=$1 server=$2 target=$3 url=$4 cpus=$5
  local base="$RAW/$section.$server.$target"
  local pre=()
  [[ "$cpus" != - ]] && pre=(taskset -c "$cpus")
  wait_quiet
  timeout 60 "${pre[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" "$url" >"$base.warmup.txt" 2>&1 || true
  local rep best="" best_rps=-1 all_errs=0 out
  for ((rep = 1; rep <= REPEAT; rep++)); do
    ((rep > 1)) && wait_quiet
    out="$base.$rep.txt"
    local s0 m0 st0 c0 t0 s1 m1 st1 c1 t1
    s0=$(proc_ticks $SRV_PIDS); read -r m0 st0 < <(machine_ticks); c0=$(children_seconds); t0=$(date +%s.%N)
    timeout 120 "${pre[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency "$url" >"$out" 2>&1 || true
    s1=$(proc_ticks $SRV_PIDS); read -r m1 st1 < <(machine_ticks); c1=$(children_seconds); t1=$(date +%s.%N)
    local rps p50 p99 errs nreq cpu
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    nreq=$(awk '$2 == "requests" && $3 == "in" {print $1}' "$out")
    p50=$(awk '$1 == "50%" {print $2}' "$out")
    p99=$(awk '$1 == "99%" {print $2}' "$out")
    errs=$(awk '/Socket errors:/ {gsub(/,/, ""); s += $4 + $6 + $8 + $10} /Non-2xx or 3xx/ {s += $NF} END {print s + 0}' "$out")
    all_errs=$((all_errs + errs))
    # server CPU %, requests per server CPU-second, other processes' CPU % of the whole machine, steal %
    cpu=$(awk -v s="$((s1 - s0))" -v m="$((m1 - m0))" -v st="$((st1 - st0))" -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" \
              -v hz="$HZ" -v n="$NCPU" -v req="${nreq:-0}" 'BEGIN {
          el = t1 - t0; srv = s / hz; wrk = c1 - c0; other = m / hz - srv - wrk; if (other < 0) other = 0
          printf "%.0f%%\t%.0f\t%.0f%%\t%.0f%%", 100 * srv / el, (srv > 0 ? req / srv : 0), 100 * other / (el * n), 100 * st / hz / (el * n) }')
    printf '  %-13s %-8s %-8s run %d/%d %10s req/s  p50 %-8s p99 %-8s errors %s  srvCPU/req-per-CPUs/other/steal %s\n' "$section" "$server" \
      "$target" "$rep" "$REPEAT" "${rps:-0}" "${p50:--}" "${p99:--}" "$errs" "$(echo "$cpu" | tr '\t' ' ')" >&2
    if awk -v a="${rps:-0}" -v b="$best_rps" 'BEGIN {exit !(a > b)}'; then
      best_rps=${rps:-0}
      best=$(printf '%s\t%s\t%s\t%s' "${rps:-0}" "${p50:--}" "${p99:--}" "$cpu")
    fi
  done
  local bytes
  bytes=$(curl -s -o /dev/null -w '%{size_header}+%{size_download}' "$url")
  IFS=$'\t' read -r rps p50 p99 c1 c2 c3 c4 <<<"$best"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$server" "$target" "$rps" "$p50" "$p99" "$all_errs" "$bytes" \
    "$c1" "$c2" "$c3" "$c4" >>"$ROWS"
}

# ---- facts -------------------------------------------------------------------------------------------------------
FACTS="$TMP/facts.txt"
{
  echo "date:        $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if [[ -n "${REV:-}" ]]; then
    echo "commit:      $(git -C "$ROOT" rev-parse --short "$REV") (clean export)"
  else
    echo "commit:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" status --porcelain -- src templates static migrations CMakeLists.txt 2>/dev/null | grep -q . && echo ' + uncommitted changes in the working tree')"
  fi
  echo "cpu:         $(nproc) online, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "kernel:      $(uname -r)"
  read -r b0 _ < <(machine_ticks); sleep 1; read -r b1 _ < <(machine_ticks)
  busy=$(((b1 - b0) * 100 / (HZ * NCPU)))
  echo "busy:        ${busy}% of all cores in a 1 s sample at start, load avg $(cut -d' ' -f1-3 /proc/loadavg)$( ((busy >= QUIET_BUSY)) && echo ' — WARNING: other work is running; req/s will be low and noisy (see the other column)')"
  echo "binary:      $BIN"
  echo "compiler:    $(c++ --version | head -1)"
  echo "nginx:       $(nginx -v 2>&1 | sed 's/^nginx version: //')"
  echo "wrk:         $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "wrk command: wrk -t$THREADS -c$CONNS -d$DURATION --latency URL, best of $REPEAT runs (after a $WARMUP warm-up run)"
  echo "pinning:     pinned sections: server on CPU $SERVER_CPU, wrk on CPU $WRK_CPU (taskset -c); 'scale': nobody pinned"
} >"$FACTS"

# ---- demo district and the bytes to serve ------------------------------------------------------------------------
echo "== demo district in $TMP/data" >&2
"$BIN" --data "$TMP/data" demo >"$TMP/demo.txt" 2>"$TMP/demo.log"

echo "== fetching the bytes nginx will serve" >&2
start_gongkai probe "$SERVER_CPU" --access-log false >/dev/null
BASE="http://127.0.0.1:$GK_PORT"
curl -sf -D "$TMP/hdr/home" -o "$TMP/www/home.html" "$BASE/"
UNIT_PATH=$(grep -o 'href="/units/[0-9][0-9]*"' "$TMP/www/home.html" | head -1 | sed 's/href="//; s/"$//')
[[ -n "$UNIT_PATH" ]] || { echo "no /units/{id} link on the home page" >&2; exit 1; }
curl -sf -D "$TMP/hdr/unit" -o "$TMP/www/unit.html" "$BASE$UNIT_PATH"
# The document page: the first /documents/{id} in the home page's 最新公开 (the demo publishes a few).
DOC_PATH=$(grep -o 'href="/documents/[0-9][0-9]*"' "$TMP/www/home.html" | head -1 | sed 's/href="//; s/"$//')
[[ -n "$DOC_PATH" ]] || { echo "no /documents/{id} link on the home page" >&2; exit 1; }
curl -sf -D "$TMP/hdr/doc" -o "$TMP/www/doc.html" "$BASE$DOC_PATH"
curl -sf -D "$TMP/hdr/healthz" -o "$TMP/www/healthz.json" "$BASE/healthz"
curl -sf -D "$TMP/hdr/css" -o "$TMP/www/static/css/site.css" "$BASE/static/css/site.css"
sleep 1.2   # past the micro-cache TTL: the next copy is rendered afresh
curl -sf -o "$TMP/home2.html" "$BASE/"
if cmp -s "$TMP/www/home.html" "$TMP/home2.html"; then HOME_STABLE=yes; else HOME_STABLE="NO (the page differs between renders)"; fi
if grep -qi '^set-cookie:' "$TMP/hdr/home"; then HOME_COOKIE="yes (then it is never micro-cached)"; else HOME_COOKIE=no; fi
chmod -R a+rX "$TMP/www"
stop_pid "$GK_PID"
{
  echo "unit page:   $UNIT_PATH"
  echo "doc page:    $DOC_PATH"
  echo "bytes:       home $(stat -c %s "$TMP/www/home.html"), unit $(stat -c %s "$TMP/www/unit.html"), doc $(stat -c %s "$TMP/www/doc.html"), healthz $(stat -c %s "$TMP/www/healthz.json"), site.css $(stat -c %s "$TMP/www/static/css/site.css") (bodies)"
  echo "home page:   identical bytes on two renders: $HOME_STABLE; sets a cookie: $HOME_COOKIE"
} >>"$FACTS"
cat "$FACTS" >&2

MEM="$TMP/memory.txt"
: >"$MEM"
CACHED="$TMP/cached.txt"
: >"$CACHED"

# gongkai_section SECTION CPUSPEC WRKCPU TARGETS -- SERVE_ARGS...
gongkai_section() {
  local section=$1 cpus=$2 wcpu=$3 targets=$4
  shift 5
  start_gongkai "gk-$section" "$cpus" "$@" >/dev/null
  local pid=$GK_PID base="http://127.0.0.1:$GK_PORT"
  SRV_PIDS=$pid
  local idle=$(rss_kb "$pid")
  local t
  for t in $targets; do
    case $t in
      home) run_wrk "$section" gongkai home "$base/" "$wcpu" ;;
      unit) run_wrk "$section" gongkai unit "$base$UNIT_PATH" "$wcpu" ;;
      doc) run_wrk "$section" gongkai doc "$base$DOC_PATH" "$wcpu" ;;
      healthz) run_wrk "$section" gongkai healthz "$base/healthz" "$wcpu" ;;
      css) run_wrk "$section" gongkai css "$base/static/css/site.css" "$wcpu" ;;
    esac
  done
  sleep 2
  local after=$(rss_kb "$pid") hwm=$(hwm_kb "$pid")
  printf '%-8s gongkai %-40s idle after start %-9s after load %-9s peak %s\n' "$section" "($*)" "$(mb "$idle")" "$(mb "$after")" "$(mb "$hwm")" >>"$MEM"
  curl -s "$base/metrics" | grep -E '^gongkai_http_requests_total' | sed "s/^/$section: /" >>"$CACHED" || true
  stop_pid "$pid"
}

# nginx_section SECTION WORKERS LOG CPUSPEC WRKCPU TARGETS
nginx_section() {
  local section=$1 workers=$2 alog=$3 cpus=$4 wcpu=$5 targets=$6
  start_nginx "$section" "$workers" "$alog" "$cpus"
  local base="http://127.0.0.1:$NG_PORT"
  local idle=$(rss_kb $(nginx_pids)) nw=$(($(nginx_pids | wc -w) - 1))
  SRV_PIDS=$(nginx_pids)
  local t
  for t in $targets; do
    case $t in
      home) run_wrk "$section" nginx home "$base/" "$wcpu" ;;
      unit) run_wrk "$section" nginx unit "$base$UNIT_PATH" "$wcpu" ;;
      doc) run_wrk "$section" nginx doc "$base$DOC_PATH" "$wcpu" ;;
      healthz) run_wrk "$section" nginx healthz "$base/healthz" "$wcpu" ;;
      css) run_wrk "$section" nginx css "$base/static/css/site.css" "$wcpu" ;;
    esac
  done
  sleep 2
  local after=$(rss_kb $(nginx_pids))
  printf '%-8s nginx   %-40s idle after start %-9s after load %-9s (master + %d worker(s))\n' "$section" "(worker_processes $workers, access_log $alog)" "$(mb "$idle")" "$(mb "$after")" "$nw" >>"$MEM"
  stop_pid "$NG_PID" QUIT
}

ALL=$TARGETS
RENDERED=""
for t in $TARGETS; do case $t in home | unit | doc) RENDERED+="$t " ;; esac; done
echo "== load runs (each URL: $WARMUP warm-up + $REPEAT x $DURATION measured)" >&2
for s in $SECTIONS; do
  case $s in
    log)  # defaults: access log on, micro-cache 1 s, 1 io thread, 4 workers — server pinned to one core
      gongkai_section log "$SERVER_CPU" "$WRK_CPU" "$ALL" --
      nginx_section log 1 on "$SERVER_CPU" "$WRK_CPU" "$ALL" ;;
    nolog)
      gongkai_section nolog "$SERVER_CPU" "$WRK_CPU" "$ALL" -- --access-log false
      nginx_section nolog 1 off "$SERVER_CPU" "$WRK_CPU" "$ALL" ;;
    nocache)  # raw render + database cost: every request goes to a worker, the router, SQLite and the templates
      gongkai_section nocache "$SERVER_CPU" "$WRK_CPU" "$RENDERED" -- --page-cache-seconds 0
      gongkai_section nocache-nolog "$SERVER_CPU" "$WRK_CPU" "$RENDERED" -- --page-cache-seconds 0 --access-log false ;;
    scale)  # nobody pinned: nginx worker_processes auto vs gongkai with one io thread per core; wrk shares the cores
      gongkai_section scale - - "$ALL" -- --access-log false --io-threads "$(nproc)"
      nginx_section scale auto off - - "$ALL" ;;
  esac
done

# ---- table -------------------------------------------------------------------------------------------------------
# The nginx row a gongkai row is compared with: same section, or the section with the same access-log setting.
TABLE="$TMP/table.txt"
awk -F'\t' '
  { key = $1 "|" $2 "|" $3; rps[key] = $4; eff[key] = $10; row[NR] = $0 }
  function ref(section) {
    if (section == "nocache") return "log"
    if (section == "nocache-nolog") return "nolog"
    return section
  }
  function pct(a, b) { return (b > 0) ? sprintf("%.0f%%", 100 * a / b) : "-" }
  END {
    printf "%-13s %-7s %-7s %8s %8s %8s %5s %9s %6s %8s %6s %6s %9s %9s\n", "section", "server", "target", "req/s", "p50", "p99", "errs", "bytes h+b", "srvCPU", "req/CPUs", "other", "steal", "gk/ng r/s", "gk/ng eff"
    for (i = 1; i <= NR; i++) {
      split(row[i], f, "\t")
      r1 = ""; r2 = ""
      if (f[2] == "gongkai") {
        k = ref(f[1]) "|nginx|" f[3]
        r1 = pct(f[4], rps[k]); r2 = pct(f[10], eff[k])
      }
      printf "%-13s %-7s %-7s %8.0f %8s %8s %5s %9s %6s %8s %6s %6s %9s %9s\n", f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], r1, r2
    }
  }' "$ROWS" >"$TABLE"

{
  echo
  echo "=== gongkai vs nginx, same bytes ==="
  cat "$FACTS"
  echo
  echo "sections: log = defaults (access log on, micro-cache 1 s, --io-threads 1, --workers 4) vs nginx worker_processes 1 + access_log on"
  echo "          nolog = gongkai --access-log false vs nginx worker_processes 1 + access_log off"
  echo "          nocache = --page-cache-seconds 0 (ratio against the nginx row with the same access-log setting)"
  echo "          scale = nobody pinned, gongkai --io-threads $(nproc) --access-log false vs nginx worker_processes auto, access_log off"
  echo "columns:  srvCPU = server CPU time / wall time; req/CPUs = requests per CPU-second of the server;"
  echo "          other = CPU used by everything else on the machine (% of all cores; >5% means a disturbed run);"
  echo "          gk/ng r/s = gongkai req/s / nginx req/s; gk/ng eff = the same for req/CPUs"
  echo
  cat "$TABLE"
  echo
  echo "resident memory (VmRSS from /proc/PID/status; 'peak' is VmHWM):"
  cat "$MEM"
  echo
  echo "gongkai request counters after each section (route=\"(cached)\" = answered from the micro-cache):"
  grep -v 'route="/metrics"' "$CACHED" || true
  echo
  echo "aims: home page ≥ 60% of nginx req/s; idle RSS < 40 MB"
  echo "raw wrk output, server logs and nginx configs: $TMP"
} | tee "$TMP/summary.txt"

#!/usr/bin/env bash
# Home page benchmark (issue 10): a logged-in user's home page of 8 widgets, 3 of them data tiles, at a fixed rate,
# with warm caches; then the same while one data tile's app hangs and browsers keep loading that tile. The goal: the
# page's HTML answers with p99 under 30 ms at 100 requests per second on this 2-core machine, and a hanging app does
# not change that. See src/docs/benchmarks.md for the figures and how to read them.
#
# What it does, in order:
#   1. logs the site admin and the user in to the running Portico (curl, the real login form);
#   2. starts a "hanging app" of its own on 127.0.0.1 (a Python socket server that accepts connections and never
#      answers) and registers it as the app bench-hang through /api/admin/apps (once);
#   3. composes the home page through /api/admin/pages (PUT with If-Match) with 8 widgets: the welcome block, two app
#      tiles, a links list, the demo app's pane and three data tiles of the demo app's invoices ("healthy"); asks each
#      tile once as the user's browser does on a first visit (which warms the tile cache), and then, beside the page
#      views, asks the tiles the page still leaves to the browser (a placeholder with data-tile-url, read from the page)
#      once per page view, as each page view's browser would (js/tile.js: GET /api/tiles/{id}; wrk with tile.lua on
#      --tile-loaders connections). A warm page shows its tiles itself, so in this case it leaves none;
#   4. a warm-up run, then --rounds measured runs of wrk (page.lua) on GET /home.xhtml as the user, at --rate;
#   5. recomposes the home page with the third data tile on bench-hang ("hanging"): a failure is never cached, so the
#      page leaves that tile to the browser, whose requests wait for the fetch's timeout or get "unavailable" at once
#      while the app's circuit is open (without holding a worker thread); measures again. The difference between the
#      cases is what a hanging app brings: its tile's requests, one per page view;
#   6. restores the home page as it was, stops the tile loads and the hanging app, prints the table (also written to
#      <work dir>/results/).
#
# Exit status: 0 clean runs and the goal met; 1 setup failed, a run had errors or the goal was not met; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
readonly GOAL_P99_MS=30
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

bench_load_defaults
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-10}
duration=${BENCH_DURATION:-60s}
warmup=${BENCH_WARMUP:-20s}
rate=${BENCH_RATE:-100}
tile_loaders=${BENCH_TILE_LOADERS:-32}
tile_rate=${BENCH_TILE_RATE:-}
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
portico_user=${PORTICO_USER:-alice}
portico_admin=${PORTICO_ADMIN:-ada}
portico_password=${PORTICO_PASSWORD:-portico-demo}
portico_pid=${PORTICO_PID:-}
hang_port=${HANG_PORT:-18099}

invocation=$(bench_invocation "--portico-password" "$0" "$@")

usage() {
  cat <<EOF
Usage: $0 [options]

Load (wrk at a fixed rate: each thread sends one request every threads × 1000 / rate ms on a free connection):
  --rate N                 requests per second               (BENCH_RATE, default 100)
  --connections N          open connections                  (BENCH_CONNECTIONS, default 10)
  --threads N              wrk threads                       (BENCH_THREADS, default 2)
  --duration D             measured run, wrk syntax: 60s 2m  (BENCH_DURATION, default 60s)
  --warmup D               warm-up before the first run       (BENCH_WARMUP, default 20s)
  --rounds N               measured runs per case             (BENCH_ROUNDS, default 1)
  --tile-loaders N         connections loading the tiles the page leaves to the browser  (BENCH_TILE_LOADERS, default 32)
  --tile-rate N            their requests per second  (BENCH_TILE_RATE, default --rate × the tiles the page leaves)
Portico (must be running with the demo data, e.g. mvn -Prun package; the home page is changed and put back):
  --portico-base URL       Portico on this machine           (PORTICO_BASE, default http://127.0.0.1:8080)
  --portico-user U         the user whose home page is read  (PORTICO_USER, default alice)
  --portico-admin U        the site admin who composes it    (PORTICO_ADMIN, default ada)
  --portico-password P     both users' password              (PORTICO_PASSWORD, default portico-demo)
  --portico-pid PID|auto   Portico's server JVM (optional): its CPU time per request (PORTICO_PID)
  --hang-port P            the hanging app's port on 127.0.0.1 (HANG_PORT, default 18099)
  --work-dir DIR           results go to DIR/results/        (BENCH_WORK_DIR, default <repo>/target/bench)
  -h, --help
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --rate) rate=${2:?}; shift 2 ;;
    --tile-loaders) tile_loaders=${2:?}; shift 2 ;;
    --tile-rate) tile_rate=${2:?}; shift 2 ;;
    --portico-base) portico_base=${2:?}; shift 2 ;;
    --portico-user) portico_user=${2:?}; shift 2 ;;
    --portico-admin) portico_admin=${2:?}; shift 2 ;;
    --portico-password) portico_password=${2:?}; shift 2 ;;
    --portico-pid) portico_pid=${2:?}; shift 2 ;;
    --hang-port) hang_port=${2:?}; shift 2 ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    *) if [[ $# -ge 2 ]] && bench_load_option "$1" "$2"; then shift 2; else die_usage "unknown option '$1'"; fi ;;
  esac
done
bench_check_load
[[ $rate =~ ^[1-9][0-9]*$ ]] || die_usage "--rate must be a positive whole number, got '$rate'"
[[ $tile_loaders =~ ^[1-9][0-9]*$ ]] || die_usage "--tile-loaders must be a positive whole number, got '$tile_loaders'"
[[ -z $tile_rate || $tile_rate =~ ^[1-9][0-9]*$ ]] || die_usage "--tile-rate must be a positive whole number, got '$tile_rate'"
bench_check_port "$hang_port" "--hang-port"
bench_require_tools "apt-get install wrk curl python3" wrk curl python3
portico_base=${portico_base%/}
bench_check_portico_pid "$portico_base"

run_dir=$work_dir/home-page
mkdir -p "$run_dir" "$work_dir/results"
admin_jar=$run_dir/admin.cookies
user_jar=$run_dir/user.cookies
hang_pid=""
tiles_pid=""
original_home=""

clean_up() {
  bench_stop_wrk
  [[ -z $tiles_pid ]] || kill "$tiles_pid" 2>/dev/null || true
  if [[ -n $original_home ]]; then put_home "$original_home" >/dev/null 2>&1 || echo "could not put the home page back" >&2; fi
  if [[ -n $hang_pid ]]; then kill "$hang_pid" 2>/dev/null || true; fi
}
bench_traps clean_up

# ---- the admin's API ------------------------------------------------------------------------------------------------
api() { # method path [json]: the answer's body; dies on a status other than 2xx
  local out status
  out=$(curl -sS -m 30 -b "$admin_jar" -X "$1" -H "Origin: $portico_base" -H 'Accept: application/json' \
        ${3:+-H 'Content-Type: application/json' --data-binary "$3"} ${IF_MATCH:+-H "If-Match: $IF_MATCH"} \
        -w '\n%{http_code}' "$portico_base/api$2")
  status=${out##*$'\n'}
  [[ $status == 2?? ]] || die "$1 /api$2 answered $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}

home_etag() {
  curl -sS -m 30 -b "$admin_jar" -o /dev/null -D - "$portico_base/api/admin/pages/home" \
    | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'
}

put_home() { # page json
  IF_MATCH=$(home_etag) api PUT /admin/pages/home "$1"
}

# The bench home page: 8 widgets, 3 data tiles; the third tile's app is the demo app or bench-hang.
home_json() { # healthy|hanging
  local demo=$portico_base/demo-app third_app=demo-app third_url
  third_url=$demo/api/invoices
  if [[ $1 == hanging ]]; then third_app=bench-hang; third_url=http://127.0.0.1:$hang_port/api/invoices; fi
  python3 - "$demo" "$third_app" "$third_url" <<'PY'
import json, sys
demo, third_app, third_url = sys.argv[1:4]
framed = demo.replace("127.0.0.1", "localhost") if "127.0.0.1" in demo else demo.replace("localhost", "127.0.0.1")
def tile(i, app, url, limit):
    return {"id": f"bench-tiles-{i}", "kind": "data-tile", "title": f"Invoices {i}", "width": 4, "roles": [],
            "optional": False, "settings": {"app": app, "url": url, "list": "/items", "title": "/customer",
            "subtitle": "/amount", "date": "/issued", "id": "/id", "route": "invoice", "param": "id", "limit": limit}}
widgets = [
    {"id": "bench-welcome", "kind": "cms-block", "title": "", "width": 8, "roles": [], "optional": False,
     "settings": {"block": "welcome"}},
    {"id": "bench-app", "kind": "app-tile", "title": "", "width": 4, "roles": [], "optional": False,
     "settings": {"app": "demo-app", "text": "The demo app.", "icon": "pi pi-briefcase", "url": demo + "/"}},
    {"id": "bench-report", "kind": "app-tile", "title": "", "width": 4, "roles": [], "optional": False,
     "settings": {"app": "demo-app", "text": "This week's report.", "route": "report", "params": {"period": "week"}}},
    {"id": "bench-links", "kind": "links-list", "title": "Links", "width": 4, "roles": [], "optional": False,
     "settings": {"links": [{"label": "Invoice 42", "route": "invoice", "params": {"id": "42"}},
                            {"label": "Ticket OPS-42", "route": "ticket", "params": {"key": "OPS-42"}}]}},
    {"id": "bench-pane", "kind": "app-pane", "title": "Demo App", "width": 4, "roles": [], "optional": False,
     "settings": {"app": "demo-app", "url": framed + "/pane", "height": 300}},
    tile(1, "demo-app", demo + "/api/invoices", 5),
    tile(2, "demo-app", demo + "/api/invoices", 3),
    tile(3, third_app, third_url, 5),
]
print(json.dumps({"slug": "home", "title": "Home", "roles": ["content-editor", "end-user", "site-admin"],
                  "inNavigation": True, "navOrder": 0, "widgets": widgets}))
PY
}

# ---- the hanging app --------------------------------------------------------------------------------------------------
start_hanging_app() {
  port_in_use "$hang_port" && die "port $hang_port is in use: choose another with --hang-port"
  setsid python3 -c '
import socket, sys
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1])))
server.listen(512)
held = []
while True:
    connection, _ = server.accept()
    held.append(connection)   # read nothing, answer nothing: an app that hangs
' "$hang_port" >/dev/null 2>&1 &
  hang_pid=$!
  for _ in $(seq 1 50); do port_in_use "$hang_port" && return 0; sleep 0.1; done
  die "the hanging app did not start on port $hang_port"
}

register_hanging_app() {
  local status
  status=$(curl -sS -m 30 -o /dev/null -w '%{http_code}' -b "$admin_jar" "$portico_base/api/admin/apps/bench-hang")
  [[ $status == 200 ]] && return 0
  api POST /admin/apps "{\"id\":\"bench-hang\",\"name\":\"Bench: an app that hangs\",\"audience\":\"urn:portico-bench:hang\",
    \"baseUrls\":[\"http://127.0.0.1:$hang_port/\"],\"claims\":[\"name\"],\"tokenLifetimeSeconds\":300,
    \"clientAuthentication\":\"client_secret\"}" >/dev/null
}

# ---- loading the tiles as browsers do after the page --------------------------------------------------------------------
# The page shows a tile whose answer is in the cache itself; for each other tile it holds a placeholder with
# data-tile-url, which js/tile.js asks after the page (GET /api/tiles/{id}). So the browsers of --rate page views a
# second ask each placeholder's tile --rate times a second: read here from the page itself, in the user's session.
# While the third tile's app hangs, its answer is never cached: its placeholder stays, and each of its requests is
# answered when the fetch gave up (the tile's timeout) or at once while the app's circuit is open. wrk runs tile.lua
# in the background from start_tiles to stop_tiles (SIGINT makes it print its results).
warm_tiles() { # the user's first visit: the browser asks every tile once
  local i
  for i in 1 2 3; do
    curl -sS -m 10 -b "$user_jar" -H 'Accept: application/json' "$portico_base/api/tiles/bench-tiles-$i" >/dev/null \
      || die "tile bench-tiles-$i did not answer"
  done
  sleep 3 # the first fetches complete behind the answers of a hanging app
}

start_tiles() { # case
  local page paths count
  page=$(curl -sS -m 30 -b "$user_jar" "$portico_base/home.xhtml") || die "the home page did not load"
  paths=$(grep -o 'data-tile-url="[^"]*"' <<<"$page" | sed 's/^data-tile-url="//;s/"$//' | paste -sd, -) || true
  count=$(awk -F, '{print NF}' <<<"$paths")
  tiles_asked[$1]="${count:-0}"
  if [[ -z $paths ]]; then
    log "The tiles, $1: every tile is in the page itself; the browsers ask for none"
    tiles_pid=""
    return
  fi
  log "The tiles, $1: the page leaves $count to its browsers ($paths), asked ${tile_rate:-$((rate * count))} times a second"
  TILE_COOKIE=$(awk '$6 == "PORTICO_SESSION" {print "PORTICO_SESSION=" $7}' "$user_jar") TILE_PATHS=$paths \
  TILE_RATE=${tile_rate:-$((rate * count))} TILE_THREADS=1 TILE_LABEL=$1 \
    wrk -t1 -c"$tile_loaders" -d1h --timeout 10s --latency -s "$SCRIPT_DIR/tile.lua" "$portico_base" \
    >"$run_dir/tiles-$1.out" 2>&1 &
  tiles_pid=$!
}

declare -A tiles_asked=()
declare -A tile_summary=()
stop_tiles() { # case
  local line tiles
  if [[ -z $tiles_pid ]]; then
    tile_summary[$1]="none asked: every tile was in the page"
    return
  fi
  kill -INT "$tiles_pid" 2>/dev/null || true
  wait "$tiles_pid" || true
  tiles_pid=""
  line=$(grep '^RESULT ' "$run_dir/tiles-$1.out") || { cat "$run_dir/tiles-$1.out"; die "the tile loaders printed no result"; }
  tiles=$(grep '^TILES ' "$run_dir/tiles-$1.out") || die "the tile loaders printed no TILES line"
  field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
  if [[ $(field bad_responses "$line") != 0 || $(field socket_errors "$line") != 0 ]]; then
    clean=false
    grep -E '^(BAD|SOCKET)' "$run_dir/tiles-$1.out" >&2 || true
  fi
  tile_summary[$1]="$(field requests "$line") answers ($(field rps "$line")/s): $(field items "$tiles") with items,\
 $(field unavailable "$tiles") unavailable, $(field bad_responses "$line") not the tile; p50 $(field p50_ms "$line") ms,\
 p99 $(field p99_ms "$line") ms, max $(field max_ms "$line") ms"
  log "The tiles, $1: ${tile_summary[$1]}"
}

# ---- the runs ------------------------------------------------------------------------------------------------------------
page_run() { # label length
  PAGE_COOKIE=$(awk '$6 == "PORTICO_SESSION" {print "PORTICO_SESSION=" $7}' "$user_jar") \
  PAGE_MARK='data-widget="bench-tiles-3"' PAGE_RATE=$rate PAGE_THREADS=$threads PAGE_LABEL=$1 \
    bench_wrk "$1" "$SCRIPT_DIR/page.lua" "$portico_base/home.xhtml" "$2"
}

log "Logging in $portico_admin and $portico_user at $portico_base"
rm -f "$admin_jar" "$user_jar"
portico_login "$portico_base" "$admin_jar" "$portico_admin" "$portico_password" || die "the admin's login failed"
portico_login "$portico_base" "$user_jar" "$portico_user" "$portico_password" || die "the user's login failed"
original_home=$(api GET /admin/pages/home | python3 -c 'import json,sys; p=json.load(sys.stdin); p.pop("revision", None); print(json.dumps(p))')

log "Starting the hanging app on 127.0.0.1:$hang_port and registering it"
start_hanging_app
register_hanging_app

log "Home page: 8 widgets, 3 data tiles of the demo app"
put_home "$(home_json healthy)" >/dev/null
warm_tiles
start_tiles healthy
sleep 5
bench_warn_if_busy
bench_warm_up healthy page_run healthy
for round in $(seq 1 "$rounds"); do
  bench_measure "$round" healthy "$portico_pid" page_run healthy
done

stop_tiles healthy

log "Home page: the third data tile on the hanging app"
put_home "$(home_json hanging)" >/dev/null
warm_tiles
start_tiles hanging
sleep 5
for round in $(seq 1 "$rounds"); do
  bench_measure "$round" hanging "$portico_pid" page_run hanging
done

stop_tiles hanging

p99_ok=true
for round in $(seq 1 "$rounds"); do
  for case in healthy hanging; do
    awk -v g=$GOAL_P99_MS -v p="${result_p99[$case:$round]}" 'BEGIN {exit !(p < g)}' || p99_ok=false
  done
done
reference_median=$(bench_median_rps healthy)
other_median=$(bench_median_rps hanging)
ratio=$(awk -v o="$other_median" -v r="$reference_median" 'BEGIN {printf "%.3f", o / r}')
if ! $clean; then verdict="INVALID: a measured run had errors, see above"
elif $p99_ok; then verdict="goal met: the HTML's p99 is under $GOAL_P99_MS ms in every run"
else verdict="goal NOT met: an HTML p99 of $GOAL_P99_MS ms or more"; fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
bench_report "$work_dir/results/home-page-$stamp.md" "Home page, 8 widgets with 3 data tiles, $stamp" \
  healthy "all apps answer" true hanging "one tile's app hangs" true \
  "$invocation
$(machine_facts "Portico: $portico_base, GET /home.xhtml as $portico_user; $rate req/s on $connections connections, $threads threads; the tiles the page leaves to the browser asked (GET /api/tiles/{id}) once per page view on $tile_loaders connections: ${tiles_asked[healthy]} all apps answering, ${tiles_asked[hanging]} one app hanging")" \
  "The figures are the HTML's: the data tiles load after the page, in requests of their own.
The tiles' own requests (the browsers asking for the tiles the page did not show itself):
all apps answer: ${tile_summary[healthy]};
one tile's app hangs: ${tile_summary[hanging]}."
$clean && $p99_ok

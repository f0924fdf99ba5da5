#!/usr/bin/env bash
# CMS page benchmark (issue 11): a logged-in user's portal page showing a WordPress page, and the built-in CMS's page,
# at a fixed rate with a warm cache; then the WordPress page again while WordPress is down, stopped (connection
# refused) and hanging (its processes stopped with SIGSTOP: connections are accepted by the kernel and never
# answered). The goal: p99 under 20 ms at 200 requests per second, 0 errors, and the same while the source is down —
# every answer a 200 with the content (the last good one). See src/docs/benchmarks.md for the figures.
#
# What it does, in order:
#   1. starts a throwaway WordPress with src/cms-dev/wordpress.sh in a new folder under /tmp on free ports (or uses
#      the one installed in --wordpress-dir), whose seed page about-wordpress is the content;
#   2. logs the site admin and the user in to the running Portico (curl, the real login form), registers WordPress as
#      the CMS source bench-cms-wordpress through /api/admin/cms/sources (fresh for --fresh-for seconds, so that the
#      cache asks WordPress again during the runs; --source-timeout; internal host allowed), checks that Portico
#      reaches it, and composes the page /p/bench-cms-wordpress through /api/admin/pages: one CMS content widget
#      (cms-block) bound to the WordPress page; opens it and /p/<--builtin-page> once as the user (which warms the
#      caches) and checks both show their content;
#   3. a warm-up run of each page (climbing to --rate over its first half), then --rounds measured runs of each,
#      taking turns ("wp-up", "built-in"): ../browsers.py, page views at --rate on an open schedule, latency counted
#      from when each view was due. An answer other than 200, or a page without its content's mark, is an error;
#   4. stops WordPress (wordpress.sh stop), waits until Portico's copy is older than --fresh-for, and measures the
#      WordPress page again ("wp-down"): every refresh fails at once with "connection refused";
#   5. starts WordPress again, lets the cache refresh, then stops its Apache and MariaDB processes with SIGSTOP,
#      waits as before and measures again ("wp-hang"): every refresh waits for the source's timeout; then SIGCONT;
#   6. deletes the page and the source it made, stops and deletes its WordPress (or leaves the given one running),
#      prints the table (also written to <work dir>/results/). An interrupted run cleans up the same way.
#
# Exit status: 0 every run clean and every p99 under the goal; 1 setup failed, a run had errors or the goal was not
# met; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
readonly WORDPRESS_SH=$REPO_ROOT/src/cms-dev/wordpress.sh
readonly GOAL_P99_MS=20
readonly SOURCE_ID=bench-cms-wordpress   # the source and the page this script makes, and deletes again
readonly PAGE_SLUG=bench-cms-wordpress
readonly CASES=(wp-up built-in wp-down wp-hang)
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

bench_load_defaults
connections=${BENCH_CONNECTIONS:-32}
duration=${BENCH_DURATION:-60s}
warmup=${BENCH_WARMUP:-60s}
rate=${BENCH_RATE:-200}
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
portico_user=${PORTICO_USER:-alice}
portico_admin=${PORTICO_ADMIN:-ada}
portico_password=${PORTICO_PASSWORD:-portico-demo}
portico_pid=${PORTICO_PID:-}
builtin_page=${BUILTIN_PAGE:-about}
builtin_mark=${BUILTIN_MARK:-One door to every app}
wordpress_dir=${WORDPRESS_DIR:-}
wordpress_page=${WORDPRESS_PAGE:-about-wordpress}
wordpress_mark=${WORDPRESS_MARK:-Pages from WordPress}
fresh_for=${FRESH_FOR:-5}
source_timeout=${SOURCE_TIMEOUT:-2000}

invocation=$(bench_invocation "--portico-password" "$0" "$@")

usage() {
  cat <<EOF
Usage: $0 [options]

Load (../browsers.py: page views at a fixed rate on an open schedule, latency from when each view was due):
  --rate N                 page views per second              (BENCH_RATE, default 200)
  --connections N          at most this many open             (BENCH_CONNECTIONS, default 32)
  --duration D             measured run: 60s 2m               (BENCH_DURATION, default 60s)
  --warmup D               warm-up of each page before its first run, climbing to --rate over its first half; 0s for
                           none                               (BENCH_WARMUP, default 60s)
  --rounds N               measured runs per case             (BENCH_ROUNDS, default 1; 3 for figures worth recording)
Portico (must be running with the demo data, e.g. mvn -Prun package; a source and a page are added, then deleted):
  --portico-base URL       Portico on this machine            (PORTICO_BASE, default http://127.0.0.1:8080)
  --portico-user U         the user who reads the pages       (PORTICO_USER, default alice)
  --portico-admin U        the site admin who adds the source and the page (PORTICO_ADMIN, default ada)
  --portico-password P     both users' password               (PORTICO_PASSWORD, default portico-demo)
  --portico-pid PID|auto   Portico's server JVM (optional): its CPU time per request (PORTICO_PID)
  --builtin-page SLUG      the built-in CMS's page, at /p/SLUG (BUILTIN_PAGE, default about, a demo page)
  --builtin-mark TEXT      text every good answer of it holds (BUILTIN_MARK, default 'One door to every app')
The source (WordPress 6.1 from src/cms-dev/wordpress.sh, which needs root and Debian's packages):
  --wordpress-dir DIR      use the WordPress installed in DIR by wordpress.sh (started if stopped; stopped and
                           started again for the down cases, left running). Default: a new one in a new folder under
                           /tmp on free ports, deleted at the end   (WORDPRESS_DIR)
  --wordpress-page SLUG    the WordPress page shown           (WORDPRESS_PAGE, default about-wordpress, a seed page)
  --wordpress-mark TEXT    text every good answer of it holds (WORDPRESS_MARK, default 'Pages from WordPress')
  --fresh-for S            seconds Portico serves what it fetched before asking again, 5 to 60 (FRESH_FOR, default 5,
                           so that the cache asks WordPress during every run)
  --source-timeout MS      how long Portico waits for WordPress, 200 to 30000 (SOURCE_TIMEOUT, default 2000)
  --work-dir DIR           results go to DIR/results/         (BENCH_WORK_DIR, default <repo>/target/bench)
  -h, --help

Cases: wp-up (the WordPress page, WordPress answering), built-in (/p/<--builtin-page>), wp-down (WordPress stopped:
connection refused), wp-hang (WordPress's processes stopped with SIGSTOP: no answer until the timeout).
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --rate) rate=${2:?}; shift 2 ;;
    --portico-base) portico_base=${2:?}; shift 2 ;;
    --portico-user) portico_user=${2:?}; shift 2 ;;
    --portico-admin) portico_admin=${2:?}; shift 2 ;;
    --portico-password) portico_password=${2:?}; shift 2 ;;
    --portico-pid) portico_pid=${2:?}; shift 2 ;;
    --builtin-page) builtin_page=${2:?}; shift 2 ;;
    --builtin-mark) builtin_mark=${2:?}; shift 2 ;;
    --wordpress-dir) wordpress_dir=${2:?}; shift 2 ;;
    --wordpress-page) wordpress_page=${2:?}; shift 2 ;;
    --wordpress-mark) wordpress_mark=${2:?}; shift 2 ;;
    --fresh-for) fresh_for=${2:?}; shift 2 ;;
    --source-timeout) source_timeout=${2:?}; shift 2 ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    --threads) die_usage "--threads is wrk's: browsers.py is one process (use --rate and --connections)" ;;
    *) if [[ $# -ge 2 ]] && bench_load_option "$1" "$2"; then shift 2; else die_usage "unknown option '$1'"; fi ;;
  esac
done

# ---- checks before anything starts ----------------------------------------------------------------------------------
bench_check_load
[[ $rate =~ ^[1-9][0-9]*$ ]] || die_usage "--rate must be a positive whole number such as 200, got '$rate'"
portico_base=${portico_base%/}
[[ $portico_base =~ ^http://(127\.0\.0\.1|localhost):[0-9]+$ ]] \
  || die_usage "--portico-base must be Portico's root on this machine, such as http://127.0.0.1:8080, got '$portico_base'"
[[ -n $portico_user && -n $portico_admin && -n $portico_password ]] \
  || die_usage "--portico-user, --portico-admin and --portico-password must not be empty"
[[ $builtin_page =~ ^[a-z0-9][a-z0-9-]{0,62}$ ]] \
  || die_usage "--builtin-page must be a page's slug such as about (a-z, 0-9 and -), got '$builtin_page'"
[[ $wordpress_page =~ ^[a-z0-9]([a-z0-9-]{0,98}[a-z0-9])?$ ]] \
  || die_usage "--wordpress-page must be a WordPress slug such as about-wordpress (a-z, 0-9 and -), got '$wordpress_page'"
[[ -n $builtin_mark && -n $wordpress_mark ]] || die_usage "--builtin-mark and --wordpress-mark must not be empty"
if ! [[ $fresh_for =~ ^[0-9]{1,2}$ ]] || (( fresh_for < 5 || fresh_for > 60 )); then
  die_usage "--fresh-for must be a number of seconds from 5 (Portico's least) to 60, got '$fresh_for'"
fi
if ! [[ $source_timeout =~ ^[0-9]{1,5}$ ]] || (( source_timeout < 200 || source_timeout > 30000 )); then
  die_usage "--source-timeout must be a number of milliseconds from 200 to 30000, got '$source_timeout'"
fi
if [[ -n $wordpress_dir ]]; then
  wordpress_dir=$(realpath -m "$wordpress_dir")
  [[ -f $wordpress_dir/installed && -f $wordpress_dir/env ]] \
    || die_usage "--wordpress-dir must be a folder where src/cms-dev/wordpress.sh installed WordPress (with 'installed' and 'env'), got '$wordpress_dir'"
fi
bench_require_tools "Debian: apt-get install curl python3 procps" curl python3 pgrep
[[ $(id -u) == 0 ]] || die "run as root: src/cms-dev/wordpress.sh starts WordPress as root, and the hanging case stops its processes"
bench_check_portico_pid "$portico_base"

run_dir=$work_dir/cms-page
mkdir -p "$run_dir" "$work_dir/results"
admin_jar=$run_dir/admin.cookies
user_jar=$run_dir/user.cookies
wordpress_log=$run_dir/wordpress.log
own_wordpress=false     # the script made the WordPress: stop it and delete its folder at the end
wordpress_stopped=false # the script stopped a WordPress that must run again at the end
stopped_pids=()         # processes held with SIGSTOP, to continue
made_source=false
made_page=false

# ---- clean-up: whatever happens, stopped processes go on, what was made goes, WordPress as it was found -------------
clean_up() {
  local status=$?
  trap - EXIT INT TERM
  bench_stop_wrk
  continue_wordpress
  if $made_page; then
    echo "==> deleting the page /p/$PAGE_SLUG"
    (api DELETE "/admin/pages/$PAGE_SLUG" >/dev/null) || echo "could not delete the page /p/$PAGE_SLUG: delete it by hand" >&2
  fi
  if $made_source; then
    echo "==> deleting the CMS source $SOURCE_ID"
    (api DELETE "/admin/cms/sources/$SOURCE_ID" >/dev/null) || echo "could not delete the CMS source $SOURCE_ID: delete it by hand" >&2
  fi
  if $own_wordpress; then
    echo "==> stopping WordPress and deleting $wordpress_dir"
    "$WORDPRESS_SH" stop --dir "$wordpress_dir" --clean >>"$wordpress_log" 2>&1 \
      || echo "could not stop WordPress: $WORDPRESS_SH stop --dir $wordpress_dir --clean (log: $wordpress_log)" >&2
  elif $wordpress_stopped; then
    echo "==> starting WordPress again, as it was found"
    "$WORDPRESS_SH" start --dir "$wordpress_dir" >/dev/null 2>>"$wordpress_log" \
      || echo "could not start WordPress again: $WORDPRESS_SH start --dir $wordpress_dir (log: $wordpress_log)" >&2
  fi
  rm -f "$admin_jar" "$user_jar"
  exit "$status"
}
bench_traps clean_up

# ---- Portico ----------------------------------------------------------------------------------------------------------
api() { portico_api "$portico_base" "$admin_jar" "$@"; } # method path [json]: the body; dies on a status other than 2xx

exists() { # path under /api: true when the admin can read it (200)
  [[ $(curl -sS -m 30 -o /dev/null -w '%{http_code}' -b "$admin_jar" "$portico_base/api$1") == 200 ]]
}

user_page() { # path: the page's body as the user reads it; dies unless it answers 200
  local out
  out=$(curl -sS -m 30 -b "$user_jar" -H 'Accept: text/html' -w '\n%{http_code}' "$portico_base$1") \
    || die "GET $1 as $portico_user had no answer"
  [[ ${out##*$'\n'} == 200 ]] || die "GET $1 as $portico_user answered ${out##*$'\n'}, expected 200"
  printf '%s' "${out%$'\n'*}"
}

check_mark() { # path mark: the user's page holds the mark
  local body
  body=$(user_page "$1") || exit 1  # not piped into grep -q: its early exit would fail the page's printf (pipefail)
  grep -qF -- "$2" <<<"$body" \
    || die "GET $1 as $portico_user answered 200 without '$2': is that the content's text (see --help)?"
}

source_json() { # url user app-password
  python3 - "$SOURCE_ID" "$1" "$2" "$3" "$source_timeout" "$fresh_for" <<'PY'
import json, sys
source, url, user, password, timeout, fresh = sys.argv[1:7]
print(json.dumps({"id": source, "type": "wordpress", "name": "Bench: WordPress (src/bench/cms-page)",
                  "baseUrl": url.rstrip("/") + "/", "options": {"user": user}, "credential": password,
                  "timeoutMillis": int(timeout), "freshForSeconds": int(fresh), "enabled": True,
                  "allowInternalHost": True}))
PY
}

page_json() {
  python3 - "$PAGE_SLUG" "$SOURCE_ID" "$wordpress_page" <<'PY'
import json, sys
slug, source, page = sys.argv[1:4]
print(json.dumps({"slug": slug, "title": "Bench: a WordPress page", "roles": ["end-user"], "inNavigation": False,
                  "navOrder": 90, "widgets": [{"id": slug + "-content", "kind": "cms-block", "title": "", "width": 12,
                  "roles": [], "optional": False, "settings": {"source": source, "page": page}}]}))
PY
}

# ---- WordPress ----------------------------------------------------------------------------------------------------------
wordpress_env() { sed -n "s/^$1=//p" "$wordpress_dir/env"; } # name: a variable of wordpress.sh's env file

start_wordpress() {
  "$WORDPRESS_SH" start --dir "$wordpress_dir" "$@" >/dev/null 2>>"$wordpress_log" \
    || { tail -n 20 "$wordpress_log" >&2; die "WordPress did not start (log: $wordpress_log)"; }
}

wordpress_answers() { # true when WordPress serves the page over REST
  curl -sS -m 5 -o /dev/null -w '%{http_code}' "$wordpress_url/wp-json/wp/v2/pages?slug=$wordpress_page&_fields=id" \
    2>/dev/null | grep -q '^200$'
}

# SIGSTOP to Apache (the parent first, so it starts no new child, then its children) and MariaDB: the listening
# sockets stay open, the kernel still accepts connections, and nothing answers.
hang_wordpress() {
  local apache mariadb
  apache=$(cat "$wordpress_dir/apache/run/apache2.pid")
  mariadb=$(cat "$wordpress_dir/mysql/run/mariadb.pid")
  # shellcheck disable=SC2207 # pids: words without spaces
  stopped_pids=("$apache" $(pgrep -P "$apache") "$mariadb")
  kill -STOP "${stopped_pids[@]}"
  echo "    SIGSTOP sent to Apache (pid $apache and its children) and MariaDB (pid $mariadb): ${stopped_pids[*]}"
}

continue_wordpress() { # in reverse order: MariaDB, the children, then Apache's parent
  local i
  (( ${#stopped_pids[@]} )) || return 0
  for (( i = ${#stopped_pids[@]} - 1; i >= 0; i-- )); do kill -CONT "${stopped_pids[i]}" 2>/dev/null || true; done
  echo "==> SIGCONT sent to ${stopped_pids[*]}"
  stopped_pids=()
}

# Portico's copy must be older than --fresh-for before a down case is measured, so that every run asks WordPress (in
# the background) and is served the last good content meanwhile; one page view starts the first of these refreshes.
# What that view got is printed, not judged: the measured runs count the errors.
let_copy_age() {
  local out
  echo "    waiting $(( fresh_for + 1 )) s for Portico's copy to be older than --fresh-for ($fresh_for s)"
  sleep $(( fresh_for + 1 ))
  out=$(curl -sS -m 30 -b "$user_jar" -H 'Accept: text/html' -w '\n%{http_code} %{time_total}' "$portico_base/p/$PAGE_SLUG" 2>&1) || true
  echo "    one view of /p/$PAGE_SLUG: HTTP ${out##*$'\n'} s, $(grep -qF -- "$wordpress_mark" <<<"$out" && echo "with" || echo "WITHOUT") its content"
}

# ---- the browsers ---------------------------------------------------------------------------------------------------------
ramp=""
bench_load_label="browsers.py at $rate page views/s"
browsers_run() { # label path mark length
  bench_browsers "$1" --base "$portico_base" --path "$2" --mark "$3" \
    --cookie "$(awk '$6 == "PORTICO_SESSION" {print "PORTICO_SESSION=" $7}' "$user_jar")" \
    --rate "$rate" --connections "$connections" ${ramp:+--ramp "$ramp"} "$4"
}
wordpress_run() { browsers_run "$1" "/p/$PAGE_SLUG" "$wordpress_mark" "$2"; } # label length
builtin_run() { browsers_run "$1" "/p/$builtin_page" "$builtin_mark" "$2"; } # label length

# ---- 1. WordPress -----------------------------------------------------------------------------------------------------
[[ -x $WORDPRESS_SH ]] || die "$WORDPRESS_SH is missing or not executable"
: >"$wordpress_log"
if [[ -z $wordpress_dir ]]; then
  wordpress_dir=$(mktemp -d /tmp/portico-bench-wordpress.XXXXXX)
  own_wordpress=true
  log "Starting a new WordPress in $wordpress_dir (free ports; log: $wordpress_log)"
  start_wordpress --port auto --db-port auto
else
  log "Using the WordPress of $wordpress_dir (started if stopped)"
  start_wordpress
fi
wordpress_url=$(wordpress_env PORTICO_IT_WORDPRESS_URL)
wordpress_answers || die "WordPress at $wordpress_url does not serve the page '$wordpress_page' (GET /wp-json/wp/v2/pages?slug=$wordpress_page)"
echo "    $wordpress_url serves the page '$wordpress_page'"

# ---- 2. Portico: the source, the page, the first views -----------------------------------------------------------------
log "Logging in $portico_admin and $portico_user at $portico_base"
rm -f "$admin_jar" "$user_jar"
portico_login "$portico_base" "$admin_jar" "$portico_admin" "$portico_password" || die "the admin's login failed"
portico_login "$portico_base" "$user_jar" "$portico_user" "$portico_password" || die "the user's login failed"

log "Registering WordPress as the CMS source $SOURCE_ID (fresh for $fresh_for s, timeout $source_timeout ms)"
exists "/admin/cms/sources/$SOURCE_ID" \
  && die "a CMS source $SOURCE_ID exists already (an interrupted run?): delete it (Admin > CMS sources, or DELETE /api/admin/cms/sources/$SOURCE_ID) and run again"
exists "/admin/pages/$PAGE_SLUG" \
  && die "a page $PAGE_SLUG exists already (an interrupted run?): delete it (Admin > Pages, or DELETE /api/admin/pages/$PAGE_SLUG) and run again"
api POST /admin/cms/sources "$(source_json "$wordpress_url" "$(wordpress_env PORTICO_IT_WORDPRESS_USER)" \
  "$(wordpress_env PORTICO_IT_WORDPRESS_APP_PASSWORD)")" >/dev/null
made_source=true
reached=$(api POST "/admin/cms/sources/$SOURCE_ID/test")
echo "    test: $reached"
grep -q '"reached":true' <<<"$reached" || die "Portico does not reach WordPress at $wordpress_url (see the test above)"

log "Composing the page /p/$PAGE_SLUG: one CMS content widget bound to WordPress's page '$wordpress_page'"
api POST /admin/pages "$(page_json)" >/dev/null
made_page=true
check_mark "/p/$PAGE_SLUG" "$wordpress_mark"
check_mark "/p/$builtin_page" "$builtin_mark"
echo "    both pages show their content to $portico_user"

# ---- 3. both pages, WordPress answering ---------------------------------------------------------------------------------
bench_warn_if_busy
facts=$(machine_facts "Portico: $portico_base, as $portico_user: GET /p/$PAGE_SLUG (one cms-block of WordPress's page '$wordpress_page') and GET /p/$builtin_page (built-in CMS), $rate page views a second (browsers.py, at most $connections connections)" \
  "WordPress: $wordpress_url ($wordpress_dir); source fresh for $fresh_for s, timeout $source_timeout ms")
# The warm-up climbs to the rate over its first half: a cold server at once at the full rate falls behind, and under
# an open schedule stays behind for long.
ramp=$(( $(bench_seconds "$warmup") / 2 ))
if (( ramp > 0 )); then ramp=${ramp}s; else ramp=""; fi
bench_warm_up "wp-up (/p/$PAGE_SLUG)" wordpress_run wp-up
bench_warm_up "built-in (/p/$builtin_page)" builtin_run built-in
ramp=""
for round in $(seq 1 "$rounds"); do
  bench_measure "$round" wp-up "$portico_pid" wordpress_run wp-up
  bench_measure "$round" built-in "$portico_pid" builtin_run built-in
done

# ---- 4. WordPress stopped ----------------------------------------------------------------------------------------------
log "WordPress down: stopped (connection refused)"
"$WORDPRESS_SH" stop --dir "$wordpress_dir" >>"$wordpress_log" 2>&1 || die "WordPress did not stop (log: $wordpress_log)"
wordpress_stopped=true
wordpress_answers && die "WordPress still answers at $wordpress_url after wordpress.sh stop"
let_copy_age
for round in $(seq 1 "$rounds"); do
  bench_measure "$round" wp-down "$portico_pid" wordpress_run wp-down
done

# ---- 5. WordPress hanging -----------------------------------------------------------------------------------------------
log "WordPress back, then hanging (SIGSTOP: connections accepted, never answered)"
start_wordpress
wordpress_stopped=false
wordpress_answers || die "WordPress at $wordpress_url does not answer after its restart"
let_copy_age  # the refresh this view starts succeeds: Portico's copy is fresh again
sleep 1
hang_wordpress
wordpress_answers && die "WordPress still answers at $wordpress_url after SIGSTOP"
let_copy_age
for round in $(seq 1 "$rounds"); do
  bench_measure "$round" wp-hang "$portico_pid" wordpress_run wp-hang
done
continue_wordpress

# ---- 6. the report --------------------------------------------------------------------------------------------------
p99_ok=true
for case in "${CASES[@]}"; do
  for round in $(seq 1 "$rounds"); do
    awk -v g=$GOAL_P99_MS -v p="${result_p99[$case:$round]}" 'BEGIN {exit !(p < g)}' || p99_ok=false
  done
done
median_p99() { # case
  local r
  for r in $(seq 1 "$rounds"); do echo "${result_p99[$1:$r]}"; done | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
if ! $clean; then verdict="goal NOT met: a measured run had errors (a non-200 answer, or a page without its content), see above"
elif $p99_ok; then verdict="goal met: 0 errors, and p99 under $GOAL_P99_MS ms in every run of every case"
else verdict="goal NOT met: a p99 of $GOAL_P99_MS ms or more"; fi
stamp=$(date -u +%Y%m%dT%H%M%SZ)
file=$work_dir/results/cms-page-$stamp.md
{
  echo "## CMS page with warm cache, source up and down (issue 11), $stamp"
  echo
  echo '```'
  echo "$invocation"
  echo "$facts"
  echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the runs"
  echo '```'
  echo
  bench_table_header
  for case in "${CASES[@]}"; do
    for round in $(seq 1 "$rounds"); do bench_row "$case" "$round"; done
  done
  echo
  echo "wp-up: /p/$PAGE_SLUG, WordPress answering; built-in: /p/$builtin_page; wp-down: WordPress stopped (connection"
  echo "refused); wp-hang: WordPress's Apache and MariaDB held with SIGSTOP (no answer until the $source_timeout ms timeout)."
  echo "An error: no answer, an answer other than 200, or a page without its content's mark."
  echo "p99 medians: wp-up $(median_p99 wp-up) ms, built-in $(median_p99 built-in) ms, wp-down $(median_p99 wp-down) ms, wp-hang $(median_p99 wp-hang) ms."
  echo "**$verdict**"
  echo
  echo "Latency from when each view was due (an open schedule). CPU ms/req: CPU time of Portico's JVM during the run /"
  echo "requests answered (\"-\": pid unknown); load 1m: the machine's load average just before the run."
} | tee "$file"
echo
echo "(written to $file)"
$clean && $p99_ok

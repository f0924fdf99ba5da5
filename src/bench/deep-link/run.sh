#!/usr/bin/env bash
# Deep-link hop benchmark: a logged-in user's GET /link/<route>/<params> on Portico, answered by a 303 to the target
# with a freshly signed token, against nginx answering the same path with "return 302" on the same machine, same wrk
# script (hop.lua), same request. See src/docs/benchmarks.md for what it measures and how to read it.
#
# What it does, in order:
#   1. writes an nginx configuration into <work dir>/deep-link/ and starts nginx from it as a child of this script
#      (daemon off, one worker per core, access log off, 127.0.0.1 only); the system's nginx and its files are not
#      touched. One request by curl must answer 302 with the configured Location;
#   2. logs the demo user into the running Portico through its login form (curl) and follows the link twice by curl:
#      each must answer 303 with a Location holding portico_token=, and the two tokens must differ. A link that
#      answers 404 (no /link/ endpoint in that Portico, or no such route) or a Portico that does not answer:
#      "Portico endpoint not available: skipped", and no Portico figures at all;
#   3. unless --skip-wildfly: one request by curl to --wildfly-path on Portico's own server, which WildFly answers
#      with a redirect of its own (Undertow sends /demo-app to /demo-app/) without running any Portico code: the
#      floor of what any application on this stack can answer, measured as a third server ("wildfly");
#   4. a warm-up run per server, then --rounds measured runs of wrk per server, the servers taking turns;
#   5. prints the comparison table (also written to <work dir>/results/), stops nginx (also on error or Ctrl-C).
#
# Exit status: 0 all measured runs were clean; 1 setup failed or a measured run had errors (the figures are then
# worthless and the table says so); 2 bad usage; 3 Portico was asked for but its link is not available (the nginx
# figures are still printed).
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
readonly GOAL=0.5   # issue 4: Portico answers at least half as many hops per second as nginx's bare redirect
readonly NGINX_LOCATION=http://127.0.0.1/target
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

# ---- parameters: option > environment variable > default ----------------------------------------------------------
bench_load_defaults
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
bench_nginx_defaults 18081
skip_nginx=false
portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
portico_link=${PORTICO_LINK:-/link/invoice/42}
portico_user=${PORTICO_USER:-alice}
portico_password=${PORTICO_PASSWORD:-portico-demo}
portico_pid=${PORTICO_PID:-}
skip_portico=false
wildfly_path=${WILDFLY_PATH:-/demo-app}
skip_wildfly=false

# The command as given, for the report; the password masked.
invocation=$(bench_invocation "--portico-password" "$0" "$@")

usage() {
  cat <<EOF
Usage: $0 [options]

$(bench_load_usage "nginx and Portico")
nginx (started by this script from its own configuration, stopped at the end; the system's nginx is not touched):
$(bench_nginx_usage)
  --skip-nginx             measure Portico only (quick iterations; no ratio)
  --work-dir DIR           nginx's configuration and log go to DIR/deep-link/, results to DIR/results/
                           (BENCH_WORK_DIR, default <repo>/target/bench)
Portico (must be running, e.g. mvn -Prun package; the route of the link must be reusable, not one-time):
  --portico-base URL       Portico on this machine           (PORTICO_BASE, default http://127.0.0.1:8080)
  --portico-link PATH      the link to follow                (PORTICO_LINK, default /link/invoice/42)
  --portico-user U         the user who logs in and follows it (PORTICO_USER, default alice, a demo user)
  --portico-password P     that user's password              (PORTICO_PASSWORD, default portico-demo)
  --portico-pid PID|auto   Portico's server JVM (optional): adds its CPU time per hop to the table; "auto" takes the
                           process listening on --portico-base's port (PORTICO_PID)
  --skip-portico           measure nginx only
WildFly's own redirect on Portico's server (no Portico code runs: the floor of any application on this stack):
  --wildfly-path PATH      a path WildFly itself redirects    (WILDFLY_PATH, default /demo-app: Undertow sends a
                           context root without its slash to /demo-app/)
  --skip-wildfly           leave this baseline out
  -h, --help
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --threads|--connections|--duration|--warmup|--rounds) bench_load_option "$1" "${2:?}"; shift 2 ;;
    --nginx-bin|--nginx-port|--nginx-workers) bench_nginx_option "$1" "${2:?}"; shift 2 ;;
    --skip-nginx) skip_nginx=true; shift ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    --portico-base) portico_base=${2:?}; shift 2 ;;
    --portico-link) portico_link=${2:?}; shift 2 ;;
    --portico-user) portico_user=${2:?}; shift 2 ;;
    --portico-password) portico_password=${2:?}; shift 2 ;;
    --portico-pid) portico_pid=${2:?}; shift 2 ;;
    --skip-portico) skip_portico=true; shift ;;
    --wildfly-path) wildfly_path=${2:?}; shift 2 ;;
    --skip-wildfly) skip_wildfly=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done

# ---- checks before anything starts ----------------------------------------------------------------------------------
bench_check_load
$skip_nginx && $skip_portico && die_usage "--skip-nginx and --skip-portico together leave nothing to measure"
bench_require_tools "Debian: apt-get install wrk curl jq" wrk curl jq awk base64 java
$skip_nginx || bench_check_nginx
portico_base=${portico_base%/}
[[ $portico_base =~ ^https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?$ ]] \
  || die_usage "--portico-base must be Portico's root on this machine, such as http://127.0.0.1:8080, got '$portico_base'"
[[ $portico_link =~ ^/link/[^[:space:]#]+$ ]] \
  || die_usage "--portico-link must be a path such as /link/invoice/42 (no host, no spaces, no fragment), got '$portico_link'"
[[ $wildfly_path =~ ^/[^[:space:]#?]*$ ]] || die_usage "--wildfly-path must be a path such as /demo-app, got '$wildfly_path'"
$skip_portico && skip_wildfly=true   # it runs on Portico's server
[[ -n $portico_user && -n $portico_password ]] || die_usage "--portico-user and --portico-password must not be empty"
bench_check_portico_pid "$portico_base"

work_dir=$(realpath -m "$work_dir")   # nginx reads the paths of its configuration relative to its prefix
run_dir=$work_dir/deep-link
cookie_jar=$run_dir/portico-cookies.txt   # a live session: removed at the end

# ---- clean-up: whatever happens, nginx and wrk stop and the session cookie goes -----------------------------------
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  bench_stop_wrk
  # nginx was started with setsid: its group holds the master and its workers, nothing else.
  if [[ -n $nginx_pid ]]; then bench_stop_group nginx "$nginx_pid" 10; fi
  rm -f "$cookie_jar"
  exit "$status"
}
bench_traps cleanup

# ---- helpers ----------------------------------------------------------------------------------------------------------
# One wrk run of hop.lua; the length comes last (bench_warm_up and bench_measure append it).
hop_wrk() { # label url expected-status location-contains fresh(0|1) duration
  HOP_LABEL=$1 HOP_STATUS=$3 HOP_LOCATION_CONTAINS=$4 HOP_FRESH=$5 HOP_COOKIE=$cookie \
    bench_wrk "$1" "$SCRIPT_DIR/hop.lua" "$2" "$6"
}

# One hop by curl, not followed. Sets hop_status, hop_location and hop_title (of the page, if any).
hop_once() { # url
  local out headers
  headers=$(mktemp)
  out=$(curl -sS -m 30 -D "$headers" -w '\n%{http_code}' ${cookie:+-H "Cookie: $cookie"} "$1" 2>&1) || true
  hop_status=${out##*$'\n'}
  [[ $hop_status =~ ^[0-9]{3}$ && $hop_status != 000 ]] || { hop_status=000; hop_title=$(grep -m 1 '^curl:' <<<"$out" || echo "no answer"); }
  hop_location=$(tr -d '\r' <"$headers" | sed -n 's/^[Ll]ocation: //p' | tail -n 1)
  rm -f "$headers"
  [[ $hop_status == 000 ]] || hop_title=$(grep -o '<title>[^<]*' <<<"$out" | head -n 1 | sed 's/<title>//' || true)
}

link_token() { # location: the value of portico_token in its fragment or query
  local t=${1#*portico_token=}
  printf '%s' "${t%%[&#]*}"
}

describe_hop() { # location of a good hop: printed with the token left out, then the token's header and claims
  local token
  token=$(link_token "$1")
  echo "Location: ${1/"$token"/<token>}"
  echo "link token header: $(jwt_claims "$token" header | jq -c '{alg, typ, kid}' 2>/dev/null || echo '(not a JWS)')"
  echo "link token claims: $(jwt_claims "$token" | jq -c '{iss, sub, aud, route, params, lifetime_s: (.exp - .iat), jti: (.jti != null)}' 2>/dev/null || echo '(not a JWS)')"
}

nginx_config() {
  bench_nginx_config src/bench/deep-link/run.sh "$run_dir" "    server {
        listen 127.0.0.1:$nginx_port;

        location /link/ {
            return 302 $NGINX_LOCATION;
        }
        location / {
            return 404;
        }
    }"
}

# ---- start ------------------------------------------------------------------------------------------------------------
mkdir -p "$work_dir/results" "$run_dir"
echo "Deep-link hop benchmark (wrk -t$threads -c$connections -d$duration, warm-up $warmup, $rounds round(s))"
if $skip_nginx; then facts=$(machine_facts); else
  facts=$(machine_facts "$(bench_nginx_fact)")
fi
echo "$facts"
bench_warn_if_busy

# ---- nginx ------------------------------------------------------------------------------------------------------------
nginx_url=http://127.0.0.1:$nginx_port$portico_link
nginx_ready=false
if ! $skip_nginx; then
  bench_nginx_start "$run_dir" "$(nginx_config)"

  log "nginx: one hop by curl (GET $nginx_url)"
  cookie=""
  hop_once "$nginx_url"
  [[ $hop_status == 302 && $hop_location == "$NGINX_LOCATION" ]] \
    || die "nginx answered $hop_status with Location '$hop_location', expected 302 to $NGINX_LOCATION (log: $run_dir/nginx-error.log)"
  # The master and its workers (which have answered by now), for the CPU time per hop.
  bench_nginx_find_pids
  echo "302, Location: $hop_location (master and workers: $nginx_pids)"
  nginx_ready=true
fi

# ---- Portico: log in, then the same link twice by curl -----------------------------------------------------------------
portico_url=$portico_base$portico_link
portico_status="not measured"
portico_ready=false
portico_unavailable=false
cookie=""
unavailable() { # reason
  portico_status="not measured: link not available"
  portico_unavailable=true
  log "Portico endpoint not available: skipped ($1)"
}
if $skip_portico; then
  portico_status="not measured: --skip-portico"
else
  log "Portico: logging in $portico_user at $portico_base (login form, curl)"
  install -m 600 /dev/null "$cookie_jar"
  login_status=0
  portico_login "$portico_base" "$cookie_jar" "$portico_user" "$portico_password" || login_status=$?
  if (( login_status == 2 )); then
    unavailable "Portico does not answer at $portico_base"
  elif (( login_status != 0 )); then
    die "could not log in '$portico_user' at $portico_base (see above); check --portico-user/--portico-password"
  else
    cookie=$(cookie_header "$cookie_jar")
    echo "logged in; session cookie: ${cookie%%=*}"
    log "Portico: one hop by curl as $portico_user (GET $portico_url)"
    hop_once "$portico_url"
    if [[ $hop_status == 404 ]]; then
      unavailable "GET $portico_url answered 404, page '${hop_title}': this Portico has no /link/ endpoint yet, or no route '$(cut -d/ -f3 <<<"$portico_link")'"
    elif [[ $hop_status == 000 ]]; then
      unavailable "no answer from $portico_url: $hop_title"
    elif [[ $hop_status != 303 || $hop_location != *portico_token=* ]]; then
      where=$([[ $hop_location == *login* ]] && echo " — to the login page: the session did not count as logged in" || true)
      die "GET $portico_url answered $hop_status with Location '${hop_location:-(none)}'$where (page '${hop_title}');
       expected 303 to the route's target with portico_token= in the fragment or query.
       Check that the route exists, is enabled, lets $portico_user in and points at a registered app."
    else
      first_location=$hop_location
      describe_hop "$hop_location"
      hop_once "$portico_url"
      [[ $hop_status == 303 && $hop_location == *portico_token=* ]] \
        || die "the second hop of the same link answered $hop_status with Location '${hop_location:-(none)}' (page '${hop_title}'),
       expected 303 again: is the route one-time? The benchmark follows one link again and again; give a reusable one."
      [[ $(link_token "$hop_location") != "$(link_token "$first_location")" ]] \
        || die "two hops of $portico_url carried the same token: Portico answered from a cache instead of signing a fresh one"
      echo "second hop: 303 with a different token"
      portico_ready=true
      portico_status=measured
    fi
  fi
fi
# ---- WildFly's own redirect on the same server: the stack's floor ------------------------------------------------------
wildfly_url=$portico_base$wildfly_path
wildfly_ready=false
if $portico_ready && ! $skip_wildfly; then
  log "WildFly: one request by curl (GET $wildfly_url, answered by Undertow itself)"
  hop_once "$wildfly_url"
  if [[ $hop_status == 30[1278] && -n $hop_location && $hop_location != *portico_token=* ]]; then
    wildfly_status=$hop_status
    wildfly_location=$hop_location
    echo "$hop_status, Location: $hop_location"
    wildfly_ready=true
  else
    log "WildFly baseline skipped: GET $wildfly_url answered $hop_status with Location '${hop_location:-(none)}', expected a redirect by the server itself (choose another --wildfly-path)"
  fi
fi
if ! $nginx_ready && ! $portico_ready; then
  if $portico_unavailable; then echo >&2; echo "Nothing measured: nginx skipped and Portico's link not available (see above)." >&2; exit 3; fi
  die "nothing to measure"
fi

# ---- load: warm-ups, then the measured runs, nginx and Portico taking turns -------------------------------------------
# Taking turns round by round spreads the other load of a shared machine over both servers alike.
nginx_hop=(hop_wrk nginx "$nginx_url" 302 "$NGINX_LOCATION" 0)
portico_hop=(hop_wrk portico "$portico_url" 303 portico_token= 1)
$wildfly_ready && wildfly_hop=(hop_wrk wildfly "$wildfly_url" "$wildfly_status" "$wildfly_location" 0)
$nginx_ready && bench_warm_up nginx "${nginx_hop[@]}"
$portico_ready && bench_warm_up portico "${portico_hop[@]}"
$wildfly_ready && bench_warm_up wildfly "${wildfly_hop[@]}"
for round in $(seq 1 "$rounds"); do
  $nginx_ready && bench_measure "$round" nginx "$nginx_pids" "${nginx_hop[@]}"
  $portico_ready && bench_measure "$round" portico "$portico_pid" "${portico_hop[@]}"
  $wildfly_ready && bench_measure "$round" wildfly "$portico_pid" "${wildfly_hop[@]}"
done

# ---- comparison -------------------------------------------------------------------------------------------------------
if $skip_nginx; then no_comparison="no comparison: nginx skipped (--skip-nginx)"; else no_comparison="no comparison: Portico $portico_status"; fi
bench_verdict nginx nginx portico Portico "$GOAL" "$no_comparison"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
details="$invocation
(effective: --threads $threads --connections $connections --duration $duration --warmup $warmup --rounds $rounds --portico-link $portico_link --portico-user $portico_user)
$facts"
bench_report "$work_dir/results/deep-link-$stamp.md" "Deep-link hop, $stamp" \
  nginx nginx "$nginx_ready" portico Portico "$portico_ready" "$details" \
  "hop: GET $portico_link; nginx answers 302 (return 302), Portico as $portico_user 303 with a fresh portico_token$($wildfly_ready && echo "; wildfly: GET $wildfly_path on Portico's server, answered $wildfly_status by Undertow itself (no Portico code)")." \
  "$($wildfly_ready && echo wildfly:WildFly-own-redirect)"

$clean || exit 1
$portico_unavailable && exit 3
exit 0

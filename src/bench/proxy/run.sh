#!/usr/bin/env bash
# Reverse-proxy benchmark (issue 13): a small GET of the demo app (/demo-app/proxied/small, a fixed 11-byte JSON body,
# no work) straight from the app and through Portico's proxy (/apps/demo-app/small on the proxy origin
# demo-app.localhost:<port>, with alice's proxy session, so every request is looked up, gets her access token from
# the cache and the header rewriting). Same server, same wrk script (small.lua), same connections; only the URL, the
# Host header and the cookie differ. The goal: the proxy adds less than 1 ms at the median (p50).
#
# What it does, in order:
#   1. logs alice in to Portico (its real login form, ../lib.sh), opens Portico's /apps/demo-app/small for the hop
#      page and posts its ticket to the proxy origin (curl --resolve: demo-app.localhost is 127.0.0.1), which answers
#      the proxy session cookie; checks that both URLs answer 200 {"ok":true};
#   2. a warm-up run per URL, then --rounds measured runs of wrk per URL, direct and proxied taking turns;
#   3. prints each run's p50/p90/p99 and requests per second, the median p50 of each and their difference.
# Portico must run with the demo data (mvn -Prun package, or portico.demo.enabled=true) and its default proxy origin
# (portico.proxy.origin unset, Portico on a loopback name). Run it on a quiet machine: no other build at the same time.
#
# Exit status: 0 clean runs and the proxy's p50 less than 1 ms above the direct p50; 1 setup failed, a run had
# errors, or the goal was missed; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

bench_load_defaults
portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
username=${BENCH_USER:-alice}
password=${BENCH_PASSWORD:-portico-demo}
readonly GOAL_MS=1.0

usage() {
  cat <<EOF
Usage: $0 [options]

$(bench_load_usage "direct and proxied")
Portico (must be running with the demo data on a loopback name, e.g. mvn -Prun package):
  --portico-base URL       Portico on this machine (PORTICO_BASE, default http://127.0.0.1:8080)
  --user NAME              who opens the app (BENCH_USER, default alice; password BENCH_PASSWORD, default portico-demo)
  -h, --help

Goal (issue 13): the proxied small GET's median p50 at most $GOAL_MS ms above the direct one's.
Example, a quick check (not a measurement): $0 --duration 3s --warmup 2s --rounds 1 --connections 8
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --portico-base) portico_base=${2:?}; shift 2 ;;
    --user) username=${2:?}; shift 2 ;;
    *) [[ $# -ge 2 ]] && bench_load_option "$1" "$2" || die_usage "unknown option '$1'"; shift 2 ;;
  esac
done
bench_check_load
bench_require_tools "apt-get install wrk curl" wrk curl

port=$(sed -E 's#^https?://[^:/]+:?([0-9]*).*#\1#' <<<"$portico_base"); port=${port:-80}
proxy_host="demo-app.localhost:$port"
direct_url="$portico_base/demo-app/proxied/small"
proxied_url="http://127.0.0.1:$port/apps/demo-app/small"

work=$(mktemp -d)
cleanup() { bench_stop_wrk; rm -rf "$work"; }
trap cleanup EXIT INT TERM

log "logging $username in to $portico_base and hopping to $proxy_host"
portico_login "$portico_base" "$work/jar" "$username" "$password" || die "could not log $username in"
hop_page=$(curl -sS -m 30 -b "$work/jar" "$portico_base/apps/demo-app/small")
ticket=$(grep -o 'name="ticket" value="[^"]*"' <<<"$hop_page" | sed 's/.*value="//;s/"$//' || true)
[[ -n $ticket ]] || die "Portico's /apps/demo-app/small gave no hop ticket: is the demo app registered as proxied? $(head -c 300 <<<"$hop_page")"
cookie=$(curl -sS -m 30 -o /dev/null -D - --resolve "demo-app.localhost:$port:127.0.0.1" \
           -H "Origin: $(sed -E 's#^(https?://[^/]+).*#\1#' <<<"$portico_base")" --data-urlencode "ticket=$ticket" \
           "http://$proxy_host/apps/demo-app/_portico/hop" | grep -i '^set-cookie: portico-proxy=' \
           | sed 's/^[^:]*: //;s/;.*//' | tr -d '\r' || true)
[[ -n $cookie ]] || die "the hop answered no proxy session cookie"
body=$(curl -sS -m 10 "$direct_url")
[[ $body == '{"ok":true}' ]] || die "$direct_url answered '$body', expected {\"ok\":true}"
body=$(curl -sS -m 10 -H "Host: $proxy_host" -H "Cookie: $cookie" "$proxied_url")
[[ $body == '{"ok":true}' ]] || die "$proxied_url (Host $proxy_host) answered '$body', expected {\"ok\":true}"

direct() { SMALL_LABEL=direct bench_wrk direct "$SCRIPT_DIR/small.lua" "$direct_url" "$1"; }
proxied() {
  SMALL_LABEL=proxied SMALL_HOST=$proxy_host SMALL_COOKIE=$cookie bench_wrk proxied "$SCRIPT_DIR/small.lua" "$proxied_url" "$1"
}

bench_warm_up direct direct
bench_warm_up proxied proxied
for (( round = 1; round <= rounds; round++ )); do
  bench_measure "$round" direct "" direct
  bench_measure "$round" proxied "" proxied
done

median_p50() { # label: the median p50 of its rounds
  local r
  for (( r = 1; r <= rounds; r++ )); do echo "${result_p50[$1:$r]}"; done | sort -g \
    | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
log "results ($(nproc) cores, wrk -t$threads -c$connections -d$duration, $rounds round(s))"
printf '%-8s %5s %10s %10s %10s %10s %8s\n' server round p50_ms p90_ms p99_ms req/s errors
for label in direct proxied; do
  for (( r = 1; r <= rounds; r++ )); do
    key="$label:$r"
    printf '%-8s %5s %10s %10s %10s %10s %8s\n' "$label" "$r" "${result_p50[$key]}" "${result_p90[$key]}" \
      "${result_p99[$key]}" "${result_rps[$key]}" "${result_errors[$key]}"
  done
done
direct_p50=$(median_p50 direct)
proxied_p50=$(median_p50 proxied)
added=$(awk -v p="$proxied_p50" -v d="$direct_p50" 'BEGIN {printf "%.3f", p - d}')
echo
echo "median p50: direct $direct_p50 ms, proxied $proxied_p50 ms: the proxy adds $added ms (goal < $GOAL_MS ms)"
$clean || die "a measured run had errors: the figures are not valid"
awk -v a="$added" -v g="$GOAL_MS" 'BEGIN {exit !(a < g)}' || die "the proxy adds $added ms at p50, the goal is < $GOAL_MS ms"
echo "goal met"

#!/usr/bin/env bash
# Cluster soak: mixed traffic (page views, deep-link hops, token exchanges; mixed.lua) through the balancer of a
# running Portico cluster for a long run, with one node restarted midway, then the figures that matter for operators:
# requests per second per node, failures and when they happened, heap after a full GC on every node before and after.
#
#   wildfly-config/run-cluster.sh …                       # in another terminal: the cluster to soak
#   src/bench/cluster/soak.sh --base http://127.0.0.1:8080 --duration 10m --restart-at 300 \
#       --restart-command 'kill -9 <pid of node 2> …' --pids '<pid of node 1> <pid of node 2>'
#
# What it does:
#   1. as the demo admin `ada`, registers a caller app and a target app for RFC 8693 exchanges (tokens of 1 h); logs
#      in the demo user `alice` through the real login form, once per wrk thread (the balancer spreads these sessions
#      over the nodes); gets her token for the caller app;
#   2. runs a full GC in every given JVM and notes its heap use (jcmd GC.run, GC.heap_info);
#   3. runs wrk with mixed.lua for --duration; after --restart-at seconds it runs --restart-command (whatever stops and
#      starts a node: kill -9 and start, or a graceful stop) and notes the time;
#   4. full GC and heap use again, on the JVMs given by --pids-after (the restarted node has a new pid);
#   5. prints wrk's RESULT, the good answers per kind, and every failed request by second relative to the restart.
#
# A clean soak has failures (bad answers or socket errors) only in the seconds after the restart: requests in flight on
# a killed node. The verdict line says whether any failure lies outside --grace seconds after the restart.
# Needs wrk, curl, jq and jcmd. Demo passwords only: never point this at a real portal. Load goes to 127.0.0.1 only.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

base=http://127.0.0.1:8080
link=/link/invoice/42
duration=10m
restart_at=300
restart_command=
pids=
pids_after=
grace=30
threads=2
connections=16

usage() {
  cat <<EOF
usage: soak.sh [options]
  --base URL                the balancer                                  (default $base)
  --link PATH               the deep link to follow                       (default $link)
  --duration D              wrk's run, e.g. 60s or 10m                    (default $duration)
  --restart-at S            seconds into the run to restart a node        (default $restart_at)
  --restart-command CMD     run by bash at --restart-at; empty: no restart
  --pids 'P1 P2'            the nodes' JVMs, for heap after GC before the run
  --pids-after 'P1 P2'      the nodes' JVMs after the run (default: --pids); or a command prefixed with @ that
                            prints them, e.g. '@pgrep -f jboss.node.name=portico-'
  --grace S                 failures this long after the restart count as in flight on the killed node (default $grace)
  --threads N --connections N   wrk's load                                (default $threads, $connections)
EOF
}

while (($#)); do
  case $1 in
    --base) base=${2:?}; shift 2 ;;
    --link) link=${2:?}; shift 2 ;;
    --duration) duration=${2:?}; shift 2 ;;
    --restart-at) restart_at=${2:?}; shift 2 ;;
    --restart-command) restart_command=${2-}; shift 2 ;;
    --pids) pids=${2-}; shift 2 ;;
    --pids-after) pids_after=${2-}; shift 2 ;;
    --grace) grace=${2:?}; shift 2 ;;
    --threads) threads=${2:?}; shift 2 ;;
    --connections) connections=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done
[[ $base =~ ^http://(127\.0\.0\.1|localhost)(:[0-9]+)?$ ]] || die_usage "--base must be http://127.0.0.1:<port> (load goes to loopback only), got '$base'"
[[ $duration =~ ^[1-9][0-9]*[sm]$ ]] || die_usage "--duration must look like 60s or 10m, got '$duration'"
[[ $restart_at =~ ^[0-9]+$ ]] || die_usage "--restart-at must be whole seconds, got '$restart_at'"
[[ $grace =~ ^[0-9]+$ ]] || die_usage "--grace must be whole seconds, got '$grace'"
bench_require_tools "Debian: apt-get install wrk curl jq; jcmd comes with the JDK" wrk curl jq jcmd

work=$(mktemp -d)
wrk_pid=
cleanup() {
  bench_stop_wrk
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. apps, a session and a subject token ------------------------------------------------------------------------
log "Preparing: apps for the exchange (as ada), alice's session and her token"
portico_login "$base" "$work/ada" ada portico-demo || die "could not log in as ada at $base"
tag=$(date +%s)
target="urn:portico-soak:target-$tag"
caller="urn:portico-soak:caller-$tag"
register() { # id audience [exchange audience]
  portico_api "$base" "$work/ada" POST /admin/apps "$(jq -n --arg id "$1" --arg aud "$2" --arg ex "${3:-}" '{id: $id,
      name: ("Soak " + $id), audience: $aud, baseUrls: ["https://" + $id + ".example/"], claims: ["name", "roles"],
      tokenLifetimeSeconds: 3600, clientAuthentication: "client_secret",
      exchangeAudiences: (if $ex == "" then [] else [$ex] end)}')"
}
register "soak-target-$tag" "$target" >/dev/null
secret=$(register "soak-caller-$tag" "$caller" "$target" | jq -r .clientSecret)
# One session of alice per wrk thread: the balancer spreads new sessions over the nodes, and keeps each on its node.
cookies=""
for ((i = 1; i <= threads; i++)); do
  portico_login "$base" "$work/alice-$i" alice portico-demo || die "could not log in as alice at $base"
  cookies+="${cookies:+|}$(cookie_header "$work/alice-$i")"
  cp "$work/alice-$i" "$work/alice"
done
subject=$(curl -fsS -b "$work/alice" --get --data-urlencode "audience=$caller" "$base/api/token" | jq -r .access_token)
[[ -n $subject && $subject != null ]] || die "no token for alice for $caller"
hop=$(curl -sS -o /dev/null -w '%{http_code}' -b "$work/alice" -H 'User-Agent: Mozilla/5.0 Chrome/142.0' "$base$link")
[[ $hop == 303 ]] || die "GET $link answered $hop, expected 303 (is there such a route in the demo data?)"

heap_used() { # pid: the heap in use after a full GC, in MiB
  jcmd "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); printf "%.0f", v / 1024; exit } }'
}
heap_line() { # pids...
  local pid line=""
  for pid in "$@"; do line+="pid $pid: $(heap_used "$pid") MiB; "; done
  echo "${line:-no JVMs given}"
}
# shellcheck disable=SC2086 # lists of pids
before=$(heap_line $pids)
log "Heap after full GC before the run: $before"

# ---- 2. the load, and the restart midway -----------------------------------------------------------------------------
log "Mixed traffic for $duration through $base ($threads threads, $connections connections)"
start=$(date +%s)
MIX_COOKIE=$cookies MIX_LINK=$link MIX_SUBJECT_TOKEN=$subject MIX_AUDIENCE=$target \
  MIX_AUTHORIZATION="Basic $(printf '%s:%s' "soak-caller-$tag" "$secret" | base64 -w0)" \
  wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency -s "$here/mixed.lua" "$base" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
restarted=
if [[ -n $restart_command ]]; then
  while (( $(date +%s) - start < restart_at )) && kill -0 "$wrk_pid" 2>/dev/null; do sleep 1; done
  if kill -0 "$wrk_pid" 2>/dev/null; then
    restarted=$(date +%s)
    log "Restarting a node at +$((restarted - start)) s: $restart_command"
    bash -c "$restart_command" || die "the restart command failed"
    log "Restart command done after $(( $(date +%s) - restarted )) s"
  fi
fi
wait "$wrk_pid" || { cat "$work/wrk.out"; die "wrk failed"; }
wrk_pid=
sed 's/^/    /' "$work/wrk.out"

# ---- 3. heap after, and the verdict -----------------------------------------------------------------------------------
if [[ $pids_after == @* ]]; then pids_after=$(bash -c "${pids_after#@}" | tr '\n' ' '); fi
# shellcheck disable=SC2086
after=$(heap_line ${pids_after:-$pids})
log "Heap after full GC after the run: $after"

result=$(grep '^RESULT ' "$work/wrk.out")
fails=$(grep '^FAILS ' "$work/wrk.out" | sed 's/^FAILS t=//')
socket=$(bench_field socket_errors "$result")
outside=0
timeline=""
for entry in ${fails//,/ }; do
  second=${entry%%:*} count=${entry##*:}
  if [[ -n $restarted ]]; then
    offset=$((second - restarted))
    timeline+=" restart$( ((offset >= 0)) && echo + )$offset s: $count;"
    (( offset >= 0 && offset <= grace )) || outside=$((outside + count))
  else
    timeline+=" +$((second - start)) s: $count;"
    outside=$((outside + count))
  fi
done
echo
echo "SOAK base=$base duration=$duration rps=$(bench_field rps "$result") p50_ms=$(bench_field p50_ms "$result") p99_ms=$(bench_field p99_ms "$result") requests=$(bench_field requests "$result") bad=$(bench_field bad_responses "$result") socket_errors=$socket restart_at=${restarted:+$((restarted - start))}"
echo "SOAK $(grep '^KINDS ' "$work/wrk.out")"
echo "SOAK failures by second:${timeline:- none}"
echo "SOAK heap before: $before"
echo "SOAK heap after:  $after"
if (( outside == 0 )); then
  if [[ -n $restarted ]]; then
    echo "SOAK verdict: clean: every failed request lies within $grace s after the restart (socket errors, which wrk does not time: $socket)"
  else
    echo "SOAK verdict: clean: no failed request (socket errors: $socket)"
  fi
else
  echo "SOAK verdict: $outside failed request(s) outside the restart's $grace s"
  exit 1
fi

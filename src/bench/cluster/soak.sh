#!/usr/bin/env bash
# Cluster soak (issue 14): mixed traffic (page views, deep-link hops, RFC 8693 token exchanges; mixed.lua) through
# HAProxy to a local two-node cluster for --duration, with node 2 restarted at --restart-at: gracefully (SIGTERM:
# suspend, stop, start again) or killed (kill -9, start again). Reports wrk's figures, requests per second, every failed
# request by second relative to the restart, and each node's heap after a full GC before and after.
# Load goes to 127.0.0.1 only.
#
#   mvn -B -o package -pl portal-web -am -Pcluster -Dexec.skip=true     # provisions portal-web/target/cluster-server
#   src/bench/cluster/soak.sh --duration 600 --restart-at 300             # the soak of issue 14 (10 minutes)
#   src/bench/cluster/soak.sh --duration 60 --restart-at 20 --kill        # a one-minute trial, node 2 killed
#
# Options:
#   --duration S      seconds of load (default 600)
#   --restart-at S    when node 2 is restarted (default: half of --duration)
#   --kill            restart node 2 by kill -9 instead of SIGTERM (then requests in flight on it may fail)
#   --grace S         failures up to this long after the restart count as in flight on the restarted node (default 30)
#   --connections N --threads N   wrk's load (default 16, 2); each thread has a session of alice of its own
#   --port P          the balancer (default 8980); --offset O: node 1's port offset (800), node 2 at O+50
#   --server DIR      the provisioned server (portal-web/target/cluster-server)
#   --data-dir DIR    the cluster's data (target/soak-cluster, emptied first)
# The cluster's PostgreSQL: PORTICO_DB_URL/_USER/_PASSWORD, or Debian's, started by run-cluster.sh.
#
# What it checks: every answer must be right for what was asked (mixed.lua): a page view is alice's page, not the
# login form (a session lost in the restart would show here), a hop a 303 with a signed token, an exchange an access
# token. A clean soak has failures only within --grace seconds after the restart, and with SIGTERM none at all.
# Needs wrk, curl, jq, haproxy, jcmd. Demo passwords only: never point this at a real portal.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

duration=600
restart_at=
kill_node=false
grace=30
connections=16
threads=2
port=8980
offset=800
server="$repo/portal-web/target/cluster-server"
data_dir="$repo/target/soak-cluster"
while (($#)); do
    case $1 in
        --duration) duration=${2:?}; shift 2 ;;
        --restart-at) restart_at=${2:?}; shift 2 ;;
        --kill) kill_node=true; shift ;;
        --grace) grace=${2:?}; shift 2 ;;
        --connections) connections=${2:?}; shift 2 ;;
        --threads) threads=${2:?}; shift 2 ;;
        --port) port=${2:?}; shift 2 ;;
        --offset) offset=${2:?}; shift 2 ;;
        --server) server=${2:?}; shift 2 ;;
        --data-dir) data_dir=${2:?}; shift 2 ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die_usage "unknown option $1" ;;
    esac
done
restart_at=${restart_at:-$((duration / 2))}
for number in "$duration" "$restart_at" "$grace" "$connections" "$threads" "$port" "$offset"; do
    [[ $number =~ ^[0-9]+$ ]] || die_usage "not a whole number: '$number'"
done
((restart_at < duration)) || die_usage "--restart-at ($restart_at) must lie within --duration ($duration)"
[[ -x $server/bin/standalone.sh ]] || die "no provisioned server at $server: mvn -B package -pl portal-web -am -Pcluster -Dexec.skip=true"
bench_require_tools "Debian: apt-get install wrk curl jq haproxy; jcmd comes with the JDK" wrk curl jq jcmd

rm -rf "$data_dir"
mkdir -p "$data_dir"
# localhost, not 127.0.0.1: the issuer, and so the Origin Portico's admin API insists on.
base="http://localhost:$port"
cluster_pid=
wrk_pid=
cleanup() {
    bench_stop_wrk
    if [[ -n $cluster_pid ]]; then
        kill -TERM "$cluster_pid" 2>/dev/null || true
        wait "$cluster_pid" 2>/dev/null || true
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "Starting a two-node cluster (log: $data_dir/run-cluster.log)"
"$repo/wildfly-config/run-cluster.sh" "$server" "$data_dir" --nodes 2 --port "$port" --offset "$offset" \
    --offset-step 50 --issuer "$base" > "$data_dir/run-cluster.log" 2>&1 &
cluster_pid=$!
until [[ -f $data_dir/cluster.env ]]; do
    kill -0 "$cluster_pid" 2>/dev/null || { cat "$data_dir/run-cluster.log" >&2; die "the cluster did not start"; }
    sleep 1
done
env_of() { grep "^$1=" "$data_dir/cluster.env" | cut -d= -f2-; }

heap() { # label: each node's heap in use after a full GC, in MiB
    local i pid used line=""
    for i in 1 2; do
        pid=$(env_of "PORTICO_NODE${i}_PID")
        if jcmd "$pid" GC.run >/dev/null 2>&1; then
            used=$(jcmd "$pid" GC.heap_info | grep -m1 -oE 'used [0-9]+K' | grep -oE '[0-9]+')
            line+="node$i $((used / 1024)) MiB; "
        else
            line+="node$i not running; "
        fi
    done
    echo "$line"
}

# ---- apps for the exchange, alice's sessions, her subject token ------------------------------------------------------
log "Preparing: ada registers a target app and a caller app; alice logs in once per wrk thread"
portico_login "$base" "$data_dir/ada" ada portico-demo || die "ada's login failed"
tag=$(date +%s)
target="urn:portico-soak:target-$tag"
caller="urn:portico-soak:caller-$tag"
register() { # id audience [exchange audience]
    portico_api "$base" "$data_dir/ada" POST /admin/apps "$(jq -n --arg id "$1" --arg aud "$2" --arg ex "${3:-}" '{id: $id,
        name: ("Soak " + $id), audience: $aud, baseUrls: ["https://" + $id + ".example/"], claims: ["name", "roles"],
        tokenLifetimeSeconds: 3600, clientAuthentication: "client_secret",
        exchangeAudiences: (if $ex == "" then [] else [$ex] end)}')"
}
register "soak-target-$tag" "$target" > /dev/null
secret=$(register "soak-caller-$tag" "$caller" "$target" | jq -r .clientSecret)
# One session per wrk thread: HAProxy spreads new sessions over the nodes and keeps each on its node (its cookie).
cookies=""
for ((i = 1; i <= threads; i++)); do
    portico_login "$base" "$data_dir/alice-$i" alice portico-demo || die "alice's login failed"
    cookies+="${cookies:+|}$(cookie_header "$data_dir/alice-$i")"
done
subject=$(curl -fsS -b "$data_dir/alice-1" --get --data-urlencode "audience=$caller" "$base/api/token" | jq -r .access_token)
[[ -n $subject && $subject != null ]] || die "no token of alice for $caller"

before=$(heap)
log "Heap after a full GC, before: $before"

# ---- the load, and node 2's restart midway -----------------------------------------------------------------------------
how=$($kill_node && echo "killed (kill -9)" || echo "stopped gracefully (SIGTERM)")
log "Load: $duration s, $threads threads, $connections connections; node2 $how at +$restart_at s and started again"
start=$(date +%s)
MIX_COOKIE=$cookies MIX_LINK=/link/invoice/42 MIX_SUBJECT_TOKEN=$subject MIX_AUDIENCE=$target \
    MIX_AUTHORIZATION="Basic $(printf '%s:%s' "soak-caller-$tag" "$secret" | base64 -w0)" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$here/mixed.lua" "$base" \
    > "$data_dir/wrk.txt" 2>&1 &
wrk_pid=$!
while (($(date +%s) - start < restart_at)); do
    kill -0 "$wrk_pid" 2>/dev/null || break
    sleep 1
done
restarted=$(date +%s)
touch "$data_dir/node2/restart" # run-cluster.sh starts a node again that stops while this file exists
kill "$($kill_node && echo -KILL || echo -TERM)" "$(env_of PORTICO_NODE2_PID)"
wait "$wrk_pid" || { cat "$data_dir/wrk.txt"; die "wrk failed"; }
wrk_pid=
sed 's/^/    /' "$data_dir/wrk.txt"
grep -q 'node2 has stopped: starting it again' "$data_dir/run-cluster.log" || die "node2 was not started again: see $data_dir/run-cluster.log"
until [[ $(env_of PORTICO_NODE2_PID) != "" ]] && curl -fsS -o /dev/null "$(env_of PORTICO_NODE2_MANAGEMENT_URL)/health/ready" 2>/dev/null; do
    kill -0 "$cluster_pid" 2>/dev/null || die "the cluster stopped"
    sleep 2
done
after=$(heap)
log "Heap after a full GC, after: $after"

# ---- the verdict ---------------------------------------------------------------------------------------------------------
result=$(grep '^RESULT ' "$data_dir/wrk.txt")
fails=$(grep '^FAILS ' "$data_dir/wrk.txt" | sed 's/^FAILS t=//')
socket=$(bench_field socket_errors "$result")
outside=0
timeline=""
for entry in ${fails//,/ }; do
    second=${entry%%:*} count=${entry##*:}
    offset_s=$((second - restarted))
    timeline+=" restart$( ((offset_s >= 0)) && echo +)$offset_s s: $count;"
    ((offset_s >= 0 && offset_s <= grace)) || outside=$((outside + count))
done
echo
echo "SOAK duration=${duration}s rps=$(bench_field rps "$result") p50_ms=$(bench_field p50_ms "$result") p99_ms=$(bench_field p99_ms "$result") requests=$(bench_field requests "$result") bad=$(bench_field bad_responses "$result") socket_errors=$socket node2 $how at +$((restarted - start)) s"
echo "SOAK $(grep '^KINDS ' "$data_dir/wrk.txt")"
echo "SOAK failures by second:${timeline:- none}"
echo "SOAK heap after full GC, before: $before"
echo "SOAK heap after full GC, after:  $after"
echo "SOAK HAProxy's log of failed requests: $data_dir/haproxy.log; node logs: $data_dir/node*/log/"
if ((outside > 0)); then
    echo "SOAK verdict: $outside failed request(s) outside the restart's $grace s"
    exit 1
elif ((socket > 0)); then
    echo "SOAK verdict: $socket socket error(s), which wrk does not time: see HAProxy's log"
    exit 1
else
    echo "SOAK verdict: clean: every failed request (if any) lies within $grace s after the restart"
fi

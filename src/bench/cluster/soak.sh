#!/usr/bin/env bash
# Cluster soak (issue 14): mixed traffic (alice's page views, deep-link hops, RFC 8693 token exchanges; mixed.lua)
# through HAProxy to a local two-node cluster for --duration, with node 2 restarted gracefully (SIGTERM: suspend, stop,
# start again) at --restart-at. Reports wrk's figures, every HTTP status seen, socket errors, and each node's heap
# after a full GC (jcmd GC.run, then GC.heap_info) before and after. Load goes to 127.0.0.1 only.
#
#   mvn -B -o package -pl portal-web -am -Pcluster -Dexec.skip=true     # provisions portal-web/target/cluster-server
#   src/bench/cluster/soak.sh --duration 600 --restart-at 300             # the soak of issue 14 (10 minutes)
#   src/bench/cluster/soak.sh --duration 60 --restart-at 20               # a one-minute trial
#
# Options: --duration S (seconds, default 600), --restart-at S (default: half of it), --connections N (16),
# --threads N (2), --port P (balancer, 8980), --offset O (node 1's port offset, 800; node 2 at O+50),
# --server DIR (portal-web/target/cluster-server), --data-dir DIR (target/soak-cluster, emptied first).
# The cluster's PostgreSQL: PORTICO_DB_URL/_USER/_PASSWORD, or Debian's started by run-cluster.sh.
# Needs wrk, curl, jq, haproxy, jcmd. Demo passwords only: never point this at a real portal.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

duration=600
restart_at=
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
        --connections) connections=${2:?}; shift 2 ;;
        --threads) threads=${2:?}; shift 2 ;;
        --port) port=${2:?}; shift 2 ;;
        --offset) offset=${2:?}; shift 2 ;;
        --server) server=${2:?}; shift 2 ;;
        --data-dir) data_dir=${2:?}; shift 2 ;;
        *) die_usage "unknown option $1" ;;
    esac
done
restart_at=${restart_at:-$((duration / 2))}
[[ -x $server/bin/standalone.sh ]] || die "no provisioned server at $server: mvn -B package -pl portal-web -am -Pcluster -Dexec.skip=true"
for tool in wrk curl jq jcmd; do command -v "$tool" >/dev/null || die "$tool is missing"; done

rm -rf "$data_dir"
mkdir -p "$data_dir"
base="http://127.0.0.1:$port"
cluster_pid=
wrk_pid=
jar="$data_dir/cookies"
cleanup() {
    [[ -n $wrk_pid ]] && kill "$wrk_pid" 2>/dev/null || true
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

heap() { # label: each node's heap after a full GC
    local i pid
    for i in 1 2; do
        pid=$(env_of "PORTICO_NODE${i}_PID")
        jcmd "$pid" GC.run >/dev/null 2>&1 || { echo "  node$i ($1): not running"; continue; }
        printf '  node%d (%s): %s\n' "$i" "$1" "$(jcmd "$pid" GC.heap_info | grep -m1 -oE 'total [0-9]+K, used [0-9]+K')"
    done
}

log "Preparing: ada registers a target app and a caller app; alice logs in and gets a subject token"
portico_login "$base" "$jar" ada portico-demo || die "ada's login failed"
tag=$(date +%s)
register() { # id audience [exchange audience]
    local body
    body=$(jq -n --arg id "$1" --arg aud "$2" --arg ex "${3:-}" '{id: $id, name: ("Soak " + $id), audience: $aud,
        baseUrls: ["https://" + $id + ".example/"], claims: ["name"], tokenLifetimeSeconds: 3600,
        clientAuthentication: "client_secret", exchangeAudiences: (if $ex == "" then [] else [$ex] end)}')
    curl -fsS -b "$jar" -H 'Content-Type: application/json' -H 'Accept: application/json' --data "$body" "$base/api/admin/apps"
}
register "soak-target-$tag" "urn:soak:target-$tag" > /dev/null
secret=$(register "soak-caller-$tag" "urn:soak:caller-$tag" "urn:soak:target-$tag" | jq -r .clientSecret)
rm -f "$jar"
portico_login "$base" "$jar" alice portico-demo || die "alice's login failed"
subject=$(curl -fsS -b "$jar" --get --data-urlencode "audience=urn:soak:caller-$tag" "$base/api/token" | jq -r .access_token)
export SOAK_COOKIE="PORTICO_SESSION=$(awk '$6 == "PORTICO_SESSION" {print $7}' "$jar")"
export SOAK_BASIC="Basic $(printf '%s:%s' "soak-caller-$tag" "$secret" | base64 -w0)"
export SOAK_SUBJECT=$subject
export SOAK_AUDIENCE="urn%3Asoak%3Atarget-$tag"

heap "before"
log "Load: $duration s, $threads threads, $connections connections; node2 restarted at $restart_at s"
wrk -t "$threads" -c "$connections" -d "${duration}s" --timeout 10s --latency -s "$here/mixed.lua" "$base" \
    > "$data_dir/wrk.txt" 2>&1 &
wrk_pid=$!
sleep "$restart_at"
log "Restarting node2 gracefully (SIGTERM: suspend, stop; run-cluster.sh starts it again)"
touch "$data_dir/node2/restart"
kill -TERM "$(env_of PORTICO_NODE2_PID)"
wait "$wrk_pid" || true
wrk_pid=
cat "$data_dir/wrk.txt"
until grep -q 'node2 ready' <(grep -A100 'starting it again' "$data_dir/run-cluster.log"); do
    kill -0 "$cluster_pid" 2>/dev/null || die "the cluster stopped"
    sleep 2
done
heap "after"
log "Done; the cluster's log: $data_dir/run-cluster.log, node logs under $data_dir/node*/log/"

#!/usr/bin/env bash
# Runs a local Portico cluster on 127.0.0.1: N WildFly nodes of one provisioned server, a shared PostgreSQL and HAProxy
# in front (the cluster command `mvn -Pcluster package`, and the cluster ITs). Ctrl-C (or SIGTERM, or Maven going
# away) stops everything it started: HAProxy, then the nodes (each suspends first: in-flight requests finish), then
# the PostgreSQL it started. See src/docs/operations.md "Running a cluster".
#
# Usage: run-cluster.sh <jboss-home> <data-dir> [options] [-- standalone.sh arguments for every node...]
#   --nodes N          nodes to start (default 2)
#   --port P           the balancer's port on 127.0.0.1 (default 8080)
#   --offset O         port offset of node 1 (default 10: http 8090, management 10000, JGroups 7610)
#   --offset-step S    added per further node (default 10)
#   --issuer URL       portico.issuer (default http://localhost:<port>)
#   --demo true|false  demo users and data (default true)
#
# The database: PORTICO_DB_URL, PORTICO_DB_USER, PORTICO_DB_PASSWORD from the environment (PostgreSQL; H2 cannot be
# shared). Without PORTICO_DB_URL, a PostgreSQL of Debian's (/usr/lib/postgresql/*/bin) is started with its data under
# <data-dir>/postgresql, kept between runs like the run command's H2 database.
#
# What it writes under <data-dir>: master-secret (one for all nodes: every node must decrypt the signing keys the
# first one made), node<i>/ (the node's jboss.server.base.dir: configuration and deployments copied from the
# provisioned server at every start, data/, log/ with console.log and server.log, java.pid), haproxy.cfg,
# haproxy.log, and cluster.env once the balancer is up (the URLs and pids, for scripts and tests to read).
set -euo pipefail

usage="usage: run-cluster.sh <jboss-home> <data-dir> [--nodes N] [--port P] [--offset O] [--offset-step S] [--issuer URL] [--demo true|false] [-- standalone.sh arguments...]"
jboss_home=${1:?$usage}
data_dir=${2:?$usage}
shift 2
nodes=2
port=8080
offset=10
offset_step=10
issuer=
demo=true
while (($#)); do
    case $1 in
        --nodes) nodes=${2:?$usage}; shift 2 ;;
        --port) port=${2:?$usage}; shift 2 ;;
        --offset) offset=${2:?$usage}; shift 2 ;;
        --offset-step) offset_step=${2:?$usage}; shift 2 ;;
        --issuer) issuer=${2:?$usage}; shift 2 ;;
        --demo) demo=${2:?$usage}; shift 2 ;;
        --) shift; break ;;
        *) echo "$usage" >&2; exit 2 ;;
    esac
done
for number in "$nodes" "$port" "$offset" "$offset_step"; do
    [[ $number =~ ^[0-9]+$ ]] || { echo "not a number: '$number'" >&2; echo "$usage" >&2; exit 2; }
done
((nodes >= 1 && nodes <= 9)) || { echo "--nodes must be between 1 and 9, got $nodes" >&2; exit 2; }
issuer=${issuer:-http://localhost:$port}
haproxy=$(command -v haproxy || echo /usr/sbin/haproxy)
[[ -x $haproxy ]] || { echo "HAProxy is missing: apt-get install haproxy" >&2; exit 1; }
parent_pid=$PPID

mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
log() { printf '[cluster] %s\n' "$*"; }

# --- Stopping: everything this script started, in reverse order, whatever way it ends ----------------------------
haproxy_pid=
pg_ctl=
pg_data=
declare -a node_pids=()
stopping=false
stop_all() {
    $stopping && return 0
    stopping=true
    trap '' INT TERM HUP
    rm -f "$data_dir/cluster.env"
    # HAProxy: a soft stop (SIGUSR1): it accepts nothing new and lets the requests it is relaying finish (at most
    # hard-stop-after, haproxy.cfg).
    if [[ -n $haproxy_pid ]]; then
        kill -USR1 "$haproxy_pid" 2>/dev/null || true
    fi
    # All nodes at once: each suspends (finishes its requests, bounded by org.wildfly.sigterm.suspend.timeout), then
    # stops. standalone.sh (LAUNCH_JBOSS_IN_BACKGROUND) relays TERM to its JVM and waits for it.
    local pid
    for pid in "${node_pids[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${node_pids[@]}"; do
        while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    done
    if [[ -n $haproxy_pid ]]; then
        while kill -0 "$haproxy_pid" 2>/dev/null; do sleep 0.1; done
    fi
    if [[ -n $pg_ctl ]]; then
        log "Stopping PostgreSQL"
        as_pg "$pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    log "Stopped"
}
trap 'stop_all; exit 0' INT
trap 'stop_all; exit 0' TERM HUP
trap stop_all EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- The database ---------------------------------------------------------------------------------------------------
if [[ -z ${PORTICO_DB_URL:-} ]]; then
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $pg_bin ]]; then
        echo "A cluster needs a shared PostgreSQL: set PORTICO_DB_URL, PORTICO_DB_USER and PORTICO_DB_PASSWORD, or apt-get install postgresql to let this script start one." >&2
        exit 1
    fi
    pg_dir="$data_dir/postgresql"
    pg_data="$pg_dir/data"
    mkdir -p "$pg_dir"
    chown postgres:postgres "$pg_dir" 2>/dev/null || true
    as_pg() { if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi; }
    pg_port=55500
    while ! port_free "$pg_port"; do pg_port=$((pg_port + 1)); done
    if [[ ! -s $pg_dir/password ]]; then
        (umask 077 && od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$pg_dir/password")
    fi
    pg_password=$(cat "$pg_dir/password")
    fresh=false
    if [[ ! -f $pg_data/PG_VERSION ]]; then
        log "Creating a PostgreSQL cluster in $pg_data"
        as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --auth-local=peer --auth-host=scram-sha-256 \
            --encoding=UTF8 --no-instructions >/dev/null
        fresh=true
    fi
    log "Starting PostgreSQL on 127.0.0.1:$pg_port"
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_dir/postgresql.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir" start >/dev/null
    pg_ctl="$pg_bin/pg_ctl"
    if $fresh; then
        as_pg "$pg_bin/psql" -h "$pg_dir" -p "$pg_port" -U postgres -v ON_ERROR_STOP=1 -q \
            -c "CREATE ROLE portico LOGIN PASSWORD '$pg_password'" \
            -c "CREATE DATABASE portico OWNER portico"
    fi
    export PORTICO_DB_URL="jdbc:postgresql://127.0.0.1:$pg_port/portico"
    export PORTICO_DB_USER=portico
    export PORTICO_DB_PASSWORD="$pg_password"
fi
export PORTICO_DB_DRIVER=postgresql

# --- One master secret for all nodes ----------------------------------------------------------------------------------
# PORTICO_KEYS_MASTER_SECRET from the environment wins over the file (each node reads it); without it, one is
# generated on the first start and kept, like the run command's.
master_secret_file="$data_dir/master-secret"
if [[ ! -s $master_secret_file ]]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' > "$master_secret_file")
fi

# --- The nodes, one after another ------------------------------------------------------------------------------------
# A unique cluster name per data directory: two local clusters (or a cluster and the ITs) never merge.
cluster_name="portico-$(printf '%s' "$data_dir" | cksum | cut -d ' ' -f 1)"
members=
for ((i = 1; i <= nodes; i++)); do
    members+="${members:+,}127.0.0.1[$((7600 + offset + (i - 1) * offset_step))]"
done
for ((i = 1; i <= nodes; i++)); do
    node_offset=$((offset + (i - 1) * offset_step))
    for p in $((8080 + node_offset)) $((9990 + node_offset)) $((7600 + node_offset)); do
        port_free "$p" || { echo "Port $p (node $i, offset $node_offset) is in use: choose another --offset" >&2; exit 1; }
    done
done
port_free "$port" || { echo "The balancer's port $port is in use: choose another --port" >&2; exit 1; }

start_node() {
    local i=$1
    shift
    local node_offset=$((offset + (i - 1) * offset_step))
    local base="$data_dir/node$i"
    local management="http://127.0.0.1:$((9990 + node_offset))"
    mkdir -p "$base/log" "$base/data"
    # Configuration and deployments fresh from the provisioned server; data/ (Infinispan's files, tx logs) stays.
    rm -rf "$base/configuration" "$base/deployments"
    cp -a "$jboss_home/standalone/configuration" "$jboss_home/standalone/deployments" "$base/"
    rm -f "$base/log/java.pid"
    log "Starting node$i (offset $node_offset: http 127.0.0.1:$((8080 + node_offset)), management $management)"
    JBOSS_PIDFILE="$base/log/java.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 "$jboss_home/bin/standalone.sh" \
        "-Djboss.server.base.dir=$base" \
        "-Djboss.node.name=node$i" \
        "-Djboss.tx.node.id=node$i" \
        "-Djboss.socket.binding.port-offset=$node_offset" \
        "-Dportico.cluster.name=$cluster_name" \
        "-Dportico.cluster.members=$members" \
        "-Dportico.data.dir=$base/data/portico" \
        "-Dportico.keys.master-secret-file=$master_secret_file" \
        "-Dportico.issuer=$issuer" \
        "-Dportico.demo.enabled=$demo" \
        "-Dorg.wildfly.sigterm.suspend.timeout=${PORTICO_SUSPEND_TIMEOUT:-20}" \
        -Djava.net.preferIPv4Stack=true \
        "$@" > "$base/log/console.log" 2>&1 &
    node_pids[i]=$!
    local start=$SECONDS
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$management/health/ready" 2>/dev/null) == 200 ]]; do
        if ! kill -0 "${node_pids[i]}" 2>/dev/null; then
            echo "node$i stopped while starting; its log: $base/log/console.log" >&2
            tail -n 30 "$base/log/console.log" >&2
            exit 1
        fi
        if ((SECONDS - start > 300)); then
            echo "node$i not ready after 300 s; its log: $base/log/console.log" >&2
            exit 1
        fi
        sleep 1
    done
    log "node$i ready after $((SECONDS - start)) s"
}
for ((i = 1; i <= nodes; i++)); do
    start_node "$i" "$@"
done

# --- HAProxy ----------------------------------------------------------------------------------------------------------
config="$data_dir/haproxy.cfg"
{
    sed "s|@BIND@|127.0.0.1:$port|" "$(dirname "$0")/haproxy.cfg"
    for ((i = 1; i <= nodes; i++)); do
        node_offset=$((offset + (i - 1) * offset_step))
        printf '    server node%d 127.0.0.1:%d cookie node%d check port %d\n' \
            "$i" $((8080 + node_offset)) "$i" $((9990 + node_offset))
    done
} > "$config"
"$haproxy" -c -q -f "$config"
"$haproxy" -f "$config" -db > "$data_dir/haproxy.log" 2>&1 &
haproxy_pid=$!
until ! port_free "$port"; do
    kill -0 "$haproxy_pid" 2>/dev/null || { cat "$data_dir/haproxy.log" >&2; exit 1; }
    sleep 0.2
done

{
    echo "PORTICO_CLUSTER_URL=http://127.0.0.1:$port"
    echo "PORTICO_CLUSTER_ISSUER=$issuer"
    echo "PORTICO_CLUSTER_NODES=$nodes"
    for ((i = 1; i <= nodes; i++)); do
        node_offset=$((offset + (i - 1) * offset_step))
        echo "PORTICO_NODE${i}_URL=http://127.0.0.1:$((8080 + node_offset))"
        echo "PORTICO_NODE${i}_MANAGEMENT_URL=http://127.0.0.1:$((9990 + node_offset))"
        echo "PORTICO_NODE${i}_PID=$(cat "$data_dir/node$i/log/java.pid")"
        echo "PORTICO_NODE${i}_BASE_DIR=$data_dir/node$i"
    done
    echo "PORTICO_HAPROXY_PID=$haproxy_pid"
} > "$data_dir/cluster.env.tmp"
mv "$data_dir/cluster.env.tmp" "$data_dir/cluster.env"

log "Portico cluster of $nodes nodes: $issuer (balancer 127.0.0.1:$port, issuer $issuer)"
for ((i = 1; i <= nodes; i++)); do
    node_offset=$((offset + (i - 1) * offset_step))
    log "  node$i: http://127.0.0.1:$((8080 + node_offset))/  metrics http://127.0.0.1:$((9990 + node_offset))/metrics  log $data_dir/node$i/log/server.log"
done
log "Demo users (if on): alice / portico-demo, eddie, ada. Ctrl-C stops the cluster."

# --- Wait: until Ctrl-C, SIGTERM, Maven's end or HAProxy's ------------------------------------------------------------
# A node that dies is reported and left dead (HAProxy takes it out of rotation); the cluster carries on. A rolling
# restart: `touch <data-dir>/node<i>/restart`, then stop that node (kill -TERM its java.pid): it is started again.
declare -A reported=()
while kill -0 "$haproxy_pid" 2>/dev/null; do
    if ((parent_pid > 1)) && ! kill -0 "$parent_pid" 2>/dev/null; then
        log "Parent process gone: stopping"
        break
    fi
    for ((i = 1; i <= nodes; i++)); do
        if ! kill -0 "${node_pids[i]}" 2>/dev/null; then
            if [[ -f $data_dir/node$i/restart ]]; then
                rm -f "$data_dir/node$i/restart"
                log "node$i has stopped: starting it again"
                start_node "$i" "$@"
                sed -i "s/^PORTICO_NODE${i}_PID=.*/PORTICO_NODE${i}_PID=$(cat "$data_dir/node$i/log/java.pid")/" "$data_dir/cluster.env"
                unset "reported[$i]"
            elif [[ -z ${reported[$i]:-} ]]; then
                reported[$i]=1
                log "node$i has stopped (log: $data_dir/node$i/log/server.log)"
            fi
        fi
    done
    sleep 1
done

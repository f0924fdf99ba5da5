#!/usr/bin/env bash
# Runs a provisioned WildFly in the foreground for the run command (`mvn -Prun package`, exec-maven-plugin) and
# ties the server's life to Maven's, so no WildFly JVM is left behind:
#   - Ctrl-C / SIGTERM / SIGHUP to this script: WildFly is asked to shut down (SIGTERM) and we wait for it.
#   - Maven itself killed (SIGTERM to mvn, even SIGKILL): exec-maven-plugin does not stop its child in that case,
#     so we watch our parent and shut WildFly down as soon as Maven is gone.
# LAUNCH_JBOSS_IN_BACKGROUND=1 makes standalone.sh run java in the background, relay TERM to it and wait for it.
#
# Usage: run-foreground.sh <jboss-home> <data-dir> [standalone.sh arguments...]
#   <data-dir> becomes -Dportico.data.dir and is created first (H2 database, TLS key store).
set -euo pipefail

usage="usage: run-foreground.sh <jboss-home> <data-dir> [standalone.sh arguments...]"
jboss_home=${1:?$usage}
data_dir=${2:?$usage}
shift 2
maven_pid=$PPID

# Elytron cannot store a generated TLS certificate into a missing directory: create it up front.
mkdir -p "$data_dir"

# The master secret that encrypts Portico's signing keys. A production server sets PORTICO_KEYS_MASTER_SECRET (which
# wins over the file); for the run command's embedded defaults one is generated on the first start and kept, readable
# by this user only, beside the database whose keys it protects.
master_secret_file="$data_dir/master-secret"
if [ ! -s "$master_secret_file" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' > "$master_secret_file")
fi

export LAUNCH_JBOSS_IN_BACKGROUND=1
"$jboss_home/bin/standalone.sh" "-Dportico.data.dir=$data_dir" "-Dportico.keys.master-secret-file=$master_secret_file" "$@" &
server_pid=$!

stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
}
trap stop_server INT TERM HUP

# Poll once a second: is the server still running, is Maven still there?
while kill -0 "$server_pid" 2>/dev/null; do
    if ! kill -0 "$maven_pid" 2>/dev/null; then
        stop_server
    fi
    sleep 1
done

# Report the server's exit status (wait may be interrupted by a trapped signal: then ask again).
status=0
wait "$server_pid" || status=$?
exit "$status"

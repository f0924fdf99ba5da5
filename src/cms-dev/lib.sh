# shellcheck shell=bash
# Helpers shared by wordpress.sh, strapi.sh and smoke.sh (sourced, not run).

# The program name used in messages.
prog=${prog:-$(basename "$0")}

log() { printf '%s: %s\n' "$prog" "$*" >&2; }

die() {
    printf '%s: error: %s\n' "$prog" "$*" >&2
    exit 1
}

# need COMMAND WHAT-TO-INSTALL: fails with the package to install when COMMAND is missing.
need() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' not found: install $2 (e.g. apt-get install $2)"
}

# random_alnum N: N random letters and digits (safe in URLs, env files and shell words).
random_alnum() {
    local out=''
    while ((${#out} < $1)); do
        out+=$(head -c 256 /dev/urandom | LC_ALL=C tr -dc 'A-Za-z0-9')
    done
    printf '%s' "${out:0:$1}"
}

# random_hex N: N random bytes as lower-case hex.
random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

# port_in_use PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# check_port NAME PORT OPTION: fails when PORT is not a port number or is taken.
check_port() {
    if ! [[ $2 =~ ^[0-9]+$ ]] || (($2 < 1 || $2 > 65535)); then
        die "$1 port must be a number between 1 and 65535 or 'auto', got '$2'"
    fi
    if port_in_use "$2"; then
        die "$1 port $2 on 127.0.0.1 is already in use (by another program or an earlier run): choose another with $3 PORT, or $3 auto"
    fi
}

# free_port FROM: the first port from FROM upwards that nothing listens on.
free_port() {
    local port=$1
    while port_in_use "$port"; do
        port=$((port + 1))
    done
    printf '%s' "$port"
}

# pid_alive PIDFILE: true when PIDFILE names a running process.
pid_alive() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null
}

# stop_pid PIDFILE NAME [SECONDS]: TERM the process, wait for it to end (KILL after SECONDS, default 20).
stop_pid() {
    local pid waited=0 limit=${3:-20}
    pid_alive "$1" || return 0
    pid=$(<"$1")
    kill -TERM "$pid" 2>/dev/null || return 0
    while kill -0 "$pid" 2>/dev/null; do
        if ((waited >= limit * 10)); then
            log "$2 (pid $pid) did not stop within ${limit} s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
}

# spawn PIDFILE LOGFILE COMMAND...: runs COMMAND in the background in a session of its own (so it outlives this
# script and no terminal signal reaches it), its pid written to PIDFILE even if setsid has to fork.
spawn() {
    local pidfile=$1 logfile=$2
    shift 2
    # shellcheck disable=SC2016 # expanded by sh, not here
    setsid sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$logfile" 2>&1 &
    local tries=0
    until [[ -s $pidfile ]] || ((tries > 50)); do
        sleep 0.02
        tries=$((tries + 1))
    done
}

# env_value FILE KEY: the value of KEY=... in an env file written by these scripts.
env_value() { sed -n "s/^$2=//p" "$1" | tail -n 1; }

# elapsed_since START_NS: seconds since START_NS (from `date +%s%N`), with one decimal.
elapsed_since() {
    local ns=$(($(date +%s%N) - $1))
    printf '%d.%d' $((ns / 1000000000)) $((ns / 100000000 % 10))
}

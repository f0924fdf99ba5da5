#!/usr/bin/env bash
# A throwaway Varnish 7 with Portico's VCL (src/cdn/varnish/portico.vcl) in front of a Portico on this machine, for
# development and the Varnish ITs: bound to 127.0.0.1, its working directory, VCL copy, pid file and log under --dir.
# Nothing under /etc is read or written. Conventions of src/cms-dev/ (lib.sh): start/stop/status, --port auto,
# DIR/env with the URL, stop --clean.
set -euo pipefail

prog=varnish.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=../cms-dev/lib.sh
. "$here/../cms-dev/lib.sh"
vcl_source=$(cd "$here/../cdn/varnish" && pwd)/portico.vcl

usage() {
    cat <<EOF
Usage: $prog start|stop|status [options]

A throwaway Varnish 7 on 127.0.0.1 with Portico's VCL in front of a Portico (Debian packages varnish and
varnish-modules, for the xkey vmod).

  start    copy the VCL with --backend and --purger filled in, start varnishd; prints the variables below on
           standard output and writes them to DIR/env. Running again while it runs prints them again.
  stop     stop varnishd; with --clean also delete --dir.
  status   say whether it runs; exit status 0 when it does, 3 when not.

Options:
  --dir DIR            state: VCL copy, varnishd's working directory, pid file, log
                       (default \$PORTICO_VARNISH_DIR or /tmp/portico-varnish)
  --port PORT          Varnish's HTTP port, or 'auto' for the first free one from 16081 (default 16081)
  --backend HOST:PORT  Portico's HTTP address (default 127.0.0.1:8080)
  --purger ADDRESS     an address or CIDR that may send PURGE, repeatable (default 127.0.0.1 and ::1)
  --cache-size SIZE    memory for cached objects (default 64m)
  --clean              with stop: delete --dir afterwards
  -h, --help           this help

Printed variables (also in DIR/env):
  PORTICO_IT_VARNISH_URL   http://127.0.0.1:PORT
  PORTICO_IT_VARNISH_DIR   DIR (log in DIR/varnishd.log, the VCL used in DIR/portico.vcl)
EOF
}

cmd=${1:-}
[[ $cmd == -h || $cmd == --help ]] && { usage; exit 0; }
[[ $cmd == start || $cmd == stop || $cmd == status ]] || { usage >&2; exit 2; }
shift

dir=${PORTICO_VARNISH_DIR:-/tmp/portico-varnish}
port=16081
backend=127.0.0.1:8080
purgers=()
cache_size=64m
clean=false
while (($#)); do
    case $1 in
        --dir) dir=${2:?--dir needs a value}; shift 2 ;;
        --port) port=${2:?--port needs a value}; shift 2 ;;
        --backend) backend=${2:?--backend needs a value}; shift 2 ;;
        --purger) purgers+=("${2:?--purger needs a value}"); shift 2 ;;
        --cache-size) cache_size=${2:?--cache-size needs a value}; shift 2 ;;
        --clean) clean=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
dir=$(realpath -m "$dir")
[[ $dir != / ]] || die "--dir must not be /"
((${#purgers[@]})) || purgers=(127.0.0.1 ::1)

pid_file=$dir/varnishd.pid
env_file=$dir/env
log_file=$dir/varnishd.log

running() { pid_alive "$pid_file"; }

start() {
    if running; then
        cat "$env_file"
        return 0
    fi
    need varnishd varnish
    compgen -G '/usr/lib/*/varnish/vmods/libvmod_xkey.so' >/dev/null \
        || compgen -G '/usr/lib/varnish/vmods/libvmod_xkey.so' >/dev/null \
        || die "the xkey vmod is missing: install varnish-modules (e.g. apt-get install varnish-modules)"
    [[ $backend =~ ^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]):([0-9]+)$ ]] \
        || die "--backend must be HOST:PORT, such as 127.0.0.1:8080, got '$backend'"
    local backend_host=${BASH_REMATCH[1]} backend_port=${BASH_REMATCH[2]} purger acl='' entry
    backend_host=${backend_host#[}
    backend_host=${backend_host%]}
    for purger in "${purgers[@]}"; do
        [[ $purger =~ ^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$ ]] \
            || die "--purger must be an IP address or CIDR, such as 10.0.0.0/8, got '$purger'"
        entry=\"${purger%%/*}\"
        [[ $purger == */* ]] && entry+="/${purger#*/}"
        acl+="    $entry;"$'\n'
    done
    if [[ $port == auto ]]; then
        port=$(free_port 16081)
    else
        check_port Varnish "$port" --port
    fi

    mkdir -p "$dir"
    # The shipped VCL with its marked lines (backend address, purgers ACL) filled in.
    ACL="$acl" awk -v host="$backend_host" -v port="$backend_port" '
        /# portico-backend-host$/ { print "    .host = \"" host "\";"; next }
        /# portico-backend-port$/ { print "    .port = \"" port "\";"; next }
        /# portico-purgers$/ { printf "%s", ENVIRON["ACL"]; skip = 1; next }
        skip && /^}/ { skip = 0 }
        skip { next }
        { print }
    ' "$vcl_source" >"$dir/portico.vcl"

    log "starting Varnish on http://127.0.0.1:$port/ in front of $backend_host:$backend_port"
    rm -f "$pid_file"
    # varnishd compiles the VCL and binds the port before it goes into the background: failures are reported here.
    varnishd -a "127.0.0.1:$port" -f "$dir/portico.vcl" -n "$dir/work" -P "$pid_file" -s "malloc,$cache_size" \
        -p vcc_allow_inline_c=off >>"$log_file" 2>&1 \
        || { tail -n 30 "$log_file" >&2; die "Varnish did not start (log: $log_file)"; }
    local tries=0
    until port_in_use "$port" && running; do
        tries=$((tries + 1))
        if ((tries > 100)); then
            tail -n 30 "$log_file" >&2
            die "Varnish does not answer on 127.0.0.1:$port (log: $log_file)"
        fi
        sleep 0.1
    done
    cat >"$env_file" <<VARS
PORTICO_IT_VARNISH_URL=http://127.0.0.1:$port
PORTICO_IT_VARNISH_DIR=$dir
VARS
    cat "$env_file"
}

stop() {
    if running; then
        log "stopping Varnish"
        stop_pid "$pid_file" Varnish 20
    fi
    if $clean; then
        rm -rf "$dir"
    fi
}

case $cmd in
    start) start ;;
    stop) stop ;;
    status)
        if running; then
            echo "Varnish runs (pid $(<"$pid_file")): $(env_value "$env_file" PORTICO_IT_VARNISH_URL)"
        else
            echo "Varnish does not run"
            exit 3
        fi
        ;;
esac

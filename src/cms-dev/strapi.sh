#!/usr/bin/env bash
# A throwaway Strapi 5 with SQLite for Portico's development and integration tests, bound to 127.0.0.1.
#
# The Strapi project is made once per version in a cache folder (npm install and the admin panel's build take
# minutes) and reused; every start copies Portico's content types and bootstrap (src/cms-dev/strapi/) into it and
# runs `strapi start` (NODE_ENV=production, admin pre-built) on a fresh SQLite file in --dir, so runs are
# independent and take seconds.
set -euo pipefail

prog=strapi.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

strapi_version=5.54.0
cache_root=${PORTICO_CACHE_DIR:-${HOME:-/root}/.cache/portico}
project=$cache_root/strapi-$strapi_version
overlay=$here/strapi

usage() {
    cat <<EOF
Usage: $prog prepare|start|stop|status [options]

A throwaway Strapi $strapi_version (SQLite) on 127.0.0.1 for Portico's development and tests (needs Node.js 20+
with npm, and the npm registry the first time).

  prepare  make the cached project if it is missing or was installed from another package-lock.json:
           npx create-strapi@$strapi_version, npm ci with src/cms-dev/strapi/package-lock.json, then the admin
           panel's build (about 7 minutes, ~730 MB) in
           \${PORTICO_CACHE_DIR:-\$HOME/.cache/portico}/strapi-$strapi_version (now: $project)
  start    prepare if needed, copy src/cms-dev/strapi/ into the project, start Strapi on a fresh database in --dir;
           bootstrap creates an admin, a full-access API token, the locales en and de and seed content. If Strapi
           already runs for --dir, only prints. Prints the variables below and writes them to DIR/env.
  stop     stop Strapi; with --clean also delete --dir.
  status   say whether it runs; exit status 0 when it does, 3 when not.

Options:
  --dir DIR    run folder: SQLite file, log, env (default \$PORTICO_STRAPI_DIR or /tmp/portico-strapi)
  --port PORT  HTTP port, or 'auto' for the first free one from 11337 (default 11337)
  --node-env production|development
               NODE_ENV for \`strapi start\` (default production). In production Strapi's admin API refuses
               webhooks to loopback or private addresses (POST /admin/webhooks: "isn't reachable over the public
               internet"); use POST /api/portico/webhook with the API token instead, or development.
  --clean      with stop: delete --dir afterwards
  -h, --help   this help

Environment for start:
  PORTICO_STRAPI_WEBHOOK_URL     if set, bootstrap adds a webhook to this URL for entry.create, entry.update,
                                 entry.delete, entry.publish and entry.unpublish
  PORTICO_STRAPI_WEBHOOK_SECRET  sent with it as the header X-Portico-Webhook-Secret

Printed variables (also in DIR/env, mode 600):
  PORTICO_IT_STRAPI_URL             http://127.0.0.1:PORT (REST API under /api/, admin under /admin/)
  PORTICO_IT_STRAPI_TOKEN           a full-access API token (Authorization: Bearer ...)
  PORTICO_IT_STRAPI_ADMIN_EMAIL     the super admin's e-mail (POST /admin/login)
  PORTICO_IT_STRAPI_ADMIN_PASSWORD  and password
  PORTICO_IT_STRAPI_DIR             DIR (log in DIR/strapi.log)
EOF
}

cmd=${1:-}
[[ $cmd == -h || $cmd == --help ]] && { usage; exit 0; }
[[ $cmd == prepare || $cmd == start || $cmd == stop || $cmd == status ]] || { usage >&2; exit 2; }
shift

dir=${PORTICO_STRAPI_DIR:-/tmp/portico-strapi}
port=11337
node_env=production
clean=false
while (($#)); do
    case $1 in
        --dir) dir=${2:?--dir needs a value}; shift 2 ;;
        --port) port=${2:?--port needs a value}; shift 2 ;;
        --node-env) node_env=${2:?--node-env needs a value}; shift 2 ;;
        --clean) clean=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see --help)" ;;
    esac
done
dir=$(realpath -m "$dir")
[[ $dir != / ]] || die "--dir must not be /"
[[ $node_env == production || $node_env == development ]] ||
    die "--node-env must be production or development, got '$node_env'"

stamp=$dir/.portico-strapi
pid_file=$dir/strapi.pid
env_file=$dir/env

require_node() {
    need node nodejs
    need npm npm
    node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' ||
        die "Strapi $strapi_version needs Node.js 20 or later, found $(node --version)"
}

# The cached project: made in place under a lock. .portico-ready holds the hash of the package-lock.json it was
# installed from; a half-made project, or one from another lock file, is made again.
lock_hash() { sha256sum "$overlay/package-lock.json" | cut -d' ' -f1; }

do_prepare() {
    require_node
    [[ $(cat "$project/.portico-ready" 2>/dev/null) == "$(lock_hash)" ]] && return 0
    mkdir -p "$cache_root"
    exec 9>"$project.lock"
    flock 9
    if [[ $(cat "$project/.portico-ready" 2>/dev/null) == "$(lock_hash)" ]]; then
        exec 9>&-
        return 0
    fi
    rm -rf "$project"
    local t0 t1 logs=$cache_root/strapi-$strapi_version
    t0=$(date +%s%N)
    log "creating the Strapi $strapi_version project in $project (npm install and admin build: several minutes)"
    # create-strapi makes the project; the dependencies come from our package-lock.json (npm ci), so every
    # machine gets the same versions.
    (
        cd "$cache_root"
        STRAPI_TELEMETRY_DISABLED=true npx --yes "create-strapi@$strapi_version" "$project" --non-interactive \
            --skip-cloud --no-run --dbclient=sqlite --no-example --no-git-init --use-npm --javascript --no-install
    ) >"$logs-create.log" 2>&1 || {
        tail -n 30 "$logs-create.log" >&2
        die "create-strapi failed (log: $logs-create.log)"
    }
    cp -R "$overlay/." "$project/"
    (cd "$project" && npm ci --no-audit --no-fund) >>"$logs-create.log" 2>&1 || {
        tail -n 30 "$logs-create.log" >&2
        die "npm ci failed (log: $logs-create.log)"
    }
    log "project created in $(elapsed_since "$t0") s"
    t1=$(date +%s%N)
    log "building the admin panel"
    (cd "$project" && NODE_ENV=production STRAPI_TELEMETRY_DISABLED=true npm run build) >"$logs-build.log" 2>&1 || {
        tail -n 30 "$logs-build.log" >&2
        die "the admin panel's build failed (log: $logs-build.log)"
    }
    log "admin panel built in $(elapsed_since "$t1") s"
    lock_hash >"$project/.portico-ready"
    log "Strapi project ready in $(elapsed_since "$t0") s ($(du -sh "$project" | cut -f1))"
    exec 9>&-
}

running() { pid_alive "$pid_file"; }

do_start() {
    if [[ -e $dir && ! -e $stamp ]] && [[ -n $(ls -A "$dir") ]]; then
        die "$dir exists and was not made by $prog: choose another --dir"
    fi
    if running && [[ -f $env_file ]]; then
        log "already running: $(env_value "$env_file" PORTICO_IT_STRAPI_URL)"
        cat "$env_file"
        return 0
    fi
    do_prepare
    [[ $port == auto ]] && port=$(free_port 11337)
    check_port Strapi "$port" --port

    local t0 url admin_email admin_password
    t0=$(date +%s%N)
    mkdir -p "$dir"
    chmod 700 "$dir"
    touch "$stamp"
    # Each start is a new site: new database, new secrets, new credentials.
    rm -f "$dir/data.db" "$dir/data.db-shm" "$dir/data.db-wal" "$dir/api-token" "$dir/ready" "$env_file"
    cp -R "$overlay/." "$project/"

    url="http://127.0.0.1:$port"
    admin_email=strapi-admin@example.com
    admin_password="Pa1$(random_alnum 21)" # Strapi wants upper and lower case letters and a digit
    log "starting Strapi $strapi_version ($node_env) on $url/ (log: $dir/strapi.log)"
    rm -f "$pid_file"
    : >"$dir/strapi.log"
    (
        cd "$project"
        spawn "$pid_file" "$dir/strapi.log" env NODE_ENV="$node_env" HOST=127.0.0.1 PORT="$port" \
            DATABASE_CLIENT=sqlite DATABASE_FILENAME="$dir/data.db" \
            APP_KEYS="$(random_hex 16),$(random_hex 16),$(random_hex 16),$(random_hex 16)" \
            API_TOKEN_SALT="$(random_hex 16)" ADMIN_JWT_SECRET="$(random_hex 32)" \
            TRANSFER_TOKEN_SALT="$(random_hex 16)" JWT_SECRET="$(random_hex 32)" ENCRYPTION_KEY="$(random_hex 32)" \
            STRAPI_TELEMETRY_DISABLED=true STRAPI_DISABLE_UPDATE_NOTIFICATION=true BROWSER=none \
            PORTICO_STRAPI_RUN_DIR="$dir" PORTICO_STRAPI_ADMIN_EMAIL="$admin_email" \
            PORTICO_STRAPI_ADMIN_PASSWORD="$admin_password" \
            node node_modules/@strapi/strapi/bin/strapi.js start
    )
    local tries=0
    until [[ -f $dir/ready ]] && curl -fsS -o /dev/null "$url/_health" 2>/dev/null; do
        tries=$((tries + 1))
        if ! running; then
            tail -n 30 "$dir/strapi.log" >&2 || true
            die "Strapi stopped during start (log: $dir/strapi.log)"
        fi
        if ((tries > 1200)); then
            tail -n 30 "$dir/strapi.log" >&2 || true
            stop_pid "$pid_file" Strapi 10
            die "Strapi did not get ready within 120 s (log: $dir/strapi.log)"
        fi
        sleep 0.1
    done
    [[ -s $dir/api-token ]] || die "Strapi's bootstrap wrote no API token (log: $dir/strapi.log)"
    (
        umask 077
        cat >"$env_file" <<EOF
PORTICO_IT_STRAPI_URL=$url
PORTICO_IT_STRAPI_TOKEN=$(<"$dir/api-token")
PORTICO_IT_STRAPI_ADMIN_EMAIL=$admin_email
PORTICO_IT_STRAPI_ADMIN_PASSWORD=$admin_password
PORTICO_IT_STRAPI_DIR=$dir
EOF
    )
    log "Strapi started in $(elapsed_since "$t0") s: $url/api/"
    cat "$env_file"
}

do_stop() {
    if [[ -e $dir && ! -e $stamp ]]; then
        die "$dir was not made by $prog: nothing to stop there"
    fi
    if running; then
        log "stopping Strapi"
        stop_pid "$pid_file" Strapi 20
    fi
    if $clean && [[ -e $stamp ]]; then
        log "deleting $dir"
        rm -rf "$dir"
    fi
}

do_status() {
    if running; then
        echo "Strapi: running (pid $(<"$pid_file")), $(env_value "$env_file" PORTICO_IT_STRAPI_URL 2>/dev/null)"
        exit 0
    fi
    echo "Strapi: stopped ($dir)"
    exit 3
}

case $cmd in
    prepare) do_prepare ;;
    start) do_start ;;
    stop) do_stop ;;
    status) do_status ;;
esac

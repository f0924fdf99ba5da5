#!/usr/bin/env bash
# Proves the development CMSs for real: starts WordPress and Strapi in private folders on free ports, runs
# smoke.py (REST reads with and without credentials, edits through REST, webhooks received and verified by a
# listener on 127.0.0.1), then stops both and deletes their folders. Exits non-zero on any failure.
set -euo pipefail

prog=smoke.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

case ${1:-} in
    -h | --help)
        cat <<EOF
Usage: $prog [--keep]

Starts a throwaway WordPress (wordpress.sh) and two Strapis (strapi.sh; one with --node-env development for the
admin webhooks API), checks their REST APIs and webhooks with
smoke.py, and stops them. As root; needs python3 and what the two scripts need (see their --help). The first
run prepares Strapi's cached project (several minutes). --keep leaves both running (and their folders) afterwards.
EOF
        exit 0
        ;;
    --keep) keep=true ;;
    '') keep=false ;;
    *) die "unknown option '$1' (see --help)" ;;
esac
need python3 python3
need curl curl

work=$(mktemp -d /tmp/portico-cms-smoke.XXXXXX)
chmod 755 "$work" # WordPress's MariaDB and Apache run as mysql and www-data
cleanup() {
    local status=$? f
    if ((status != 0)); then
        for f in "$work/wordpress/apache/logs/error.log" "$work/wordpress/mysql/mariadb.log" "$work/strapi/strapi.log" \
            "$work/strapi-dev/strapi.log"; do
            [[ -s $f ]] && { printf '\n--- last lines of %s\n' "$f" >&2; tail -n 25 "$f" >&2; }
        done
    fi
    if ! $keep; then
        "$here/wordpress.sh" stop --dir "$work/wordpress" --clean || true
        "$here/strapi.sh" stop --dir "$work/strapi" --clean || true
        "$here/strapi.sh" stop --dir "$work/strapi-dev" --clean || true
        rm -rf "$work"
    else
        log "left running; stop with: $here/wordpress.sh stop --dir $work/wordpress --clean;" \
            "$here/strapi.sh stop --dir $work/strapi --clean; $here/strapi.sh stop --dir $work/strapi-dev --clean"
    fi
    if ((status != 0)); then
        log "FAILED (exit status $status)"
    fi
}
trap cleanup EXIT

listen_port=$(free_port 18990)
strapi_secret=$(random_alnum 32)

t0=$(date +%s%N)
"$here/wordpress.sh" start --dir "$work/wordpress" --port auto --db-port auto >"$work/wordpress.env" ||
    die "WordPress did not start"
wp_seconds=$(elapsed_since "$t0")

t0=$(date +%s%N)
PORTICO_STRAPI_WEBHOOK_URL="http://127.0.0.1:$listen_port/strapi" PORTICO_STRAPI_WEBHOOK_SECRET="$strapi_secret" \
    "$here/strapi.sh" start --dir "$work/strapi" --port auto >"$work/strapi.env" || die "Strapi did not start"
strapi_seconds=$(elapsed_since "$t0")
# A second Strapi in development mode, where the admin API accepts webhooks to 127.0.0.1.
"$here/strapi.sh" start --dir "$work/strapi-dev" --port auto --node-env development >"$work/strapi-dev.env" ||
    die "Strapi (development) did not start"
log "WordPress started in $wp_seconds s, Strapi in $strapi_seconds s; running the checks"

python3 "$here/smoke.py" --listen-port "$listen_port" --wordpress-env "$work/wordpress.env" \
    --strapi-env "$work/strapi.env" --strapi-secret "$strapi_secret" --strapi-dev-env "$work/strapi-dev.env" ||
    die "smoke checks failed (run with --keep to look at both sites afterwards)"
log "all checks passed"

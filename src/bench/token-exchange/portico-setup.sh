#!/usr/bin/env bash
# Prepares a running Portico (the run command's demo data) for run.sh: as the demo admin `ada` it registers a target
# app and a caller app that may exchange tokens for the target, and prints the run.sh options for them. With
# --subject-token it only prints a fresh subject token: the demo user `alice`'s token for the caller app.
#
#   eval "$(src/bench/token-exchange/portico-setup.sh --base http://127.0.0.1:8080)"   # sets PORTICO_* variables
#   src/bench/token-exchange/portico-setup.sh --base http://127.0.0.1:8080 --subject-token <caller audience>
#
# Needs curl and jq. Demo passwords only: never point this at a real portal.
set -euo pipefail

base=http://127.0.0.1:8080
subject_for=
while (($#)); do
    case $1 in
        --base) base=${2:?}; shift 2 ;;
        --subject-token) subject_for=${2:?}; shift 2 ;;
        *) echo "usage: portico-setup.sh [--base URL] [--subject-token CALLER_AUDIENCE]" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../lib.sh
source "$here/../lib.sh"

jar=$(mktemp)
trap 'rm -f "$jar"' EXIT

# Through the real login form (lib.sh); stops with lib.sh's reason when the login does not work.
login() {
    portico_login "$base" "$jar" "$1" "$2" || { echo "portico-setup.sh: could not log in as $1 at $base" >&2; exit 1; }
}

if [[ -n $subject_for ]]; then
    login alice portico-demo
    curl -fsS -b "$jar" --get --data-urlencode "audience=$subject_for" "$base/api/token" | jq -r .access_token
    exit 0
fi

login ada portico-demo
tag=$(date +%s)
target="urn:portico-bench:target-$tag"
caller="urn:portico-bench:caller-$tag"

register() { # id audience [exchange audience]
    local body
    body=$(jq -n --arg id "$1" --arg aud "$2" --arg ex "${3:-}" '{id: $id, name: ("Benchmark " + $id), audience: $aud,
        baseUrls: ["https://" + $id + ".example/"], claims: ["name", "email", "roles"], tokenLifetimeSeconds: 300,
        clientAuthentication: "client_secret", exchangeAudiences: (if $ex == "" then [] else [$ex] end)}')
    curl -fsS -b "$jar" -H 'Content-Type: application/json' -H 'Accept: application/json' \
        --data "$body" "$base/api/admin/apps"
}

register "bench-target-$tag" "$target" > /dev/null
secret=$(register "bench-caller-$tag" "$caller" "$target" | jq -r .clientSecret)
printf 'export PORTICO_URL=%q PORTICO_CLIENT_ID=%q PORTICO_CLIENT_SECRET=%q PORTICO_AUDIENCE=%q\n' \
    "$base/oauth2/token" "bench-caller-$tag" "$secret" "$target"
printf 'export PORTICO_SUBJECT_TOKEN_COMMAND=%q\n' "$here/portico-setup.sh --base $base --subject-token $caller"

#!/usr/bin/env bash
# Token-exchange benchmark: Portico's POST /oauth2/token against Keycloak's standard token exchange (V2), same
# machine, same wrk script (exchange.lua), same request shape. See src/docs/benchmarks.md for what it measures and
# the recorded figures.
#
# What it does, in order:
#   1. fetches Keycloak (Maven Central, org.keycloak:keycloak-quarkus-dist) into <repo>/target/bench/, builds it once
#      for the dev-file database and the local cache, starts it on 127.0.0.1 with keycloak-realm.json imported into a
#      fresh database, and waits until the realm answers;
#   2. gets bench-user's access token (password grant at bench-initial) as the subject token, exchanges it once with
#      curl as bench-requester for audience bench-target and stops with Keycloak's error JSON if that is not a 200;
#   3. the same check against Portico, if --portico-url is given; when its endpoint answers 404 (or nothing):
#      "Portico endpoint not available: skipped", and no Portico figures at all;
#   4. a warm-up run per server, then --rounds measured runs of wrk per server, Keycloak and Portico taking turns;
#   5. prints the comparison table (also written to target/bench/results/), stops Keycloak (also on error or Ctrl-C).
#
# Exit status: 0 all measured runs were clean; 1 setup failed or a measured run had errors (the figures are then
# worthless and the table says so); 2 bad usage; 3 Portico was asked for but its endpoint is not available (the
# Keycloak figures are still printed).
set -euo pipefail

readonly KEYCLOAK_VERSION=26.7.3
readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
readonly GRANT_TYPE=urn:ietf:params:oauth:grant-type:token-exchange
readonly ACCESS_TOKEN_TYPE=urn:ietf:params:oauth:token-type:access_token
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

# ---- parameters: option > environment variable > default ----------------------------------------------------------
bench_load_defaults
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
kc_port=${KEYCLOAK_PORT:-18080}
kc_management_port=${KEYCLOAK_MANAGEMENT_PORT:-19000}
kc_alg=${KEYCLOAK_SIGNATURE_ALG:-ES256}
kc_heap=${KEYCLOAK_HEAP:--Xms64m -Xmx512m}   # Keycloak's own default outside containers, stated so it is recorded
skip_keycloak=false
portico_url=${PORTICO_URL:-}
portico_client=${PORTICO_CLIENT_ID:-}
portico_secret=${PORTICO_CLIENT_SECRET:-}
portico_subject_token=${PORTICO_SUBJECT_TOKEN:-}
portico_subject_token_command=${PORTICO_SUBJECT_TOKEN_COMMAND:-}
portico_audience=${PORTICO_AUDIENCE:-}
portico_pid=${PORTICO_PID:-}

# The command as given, for the report; secrets and tokens masked.
invocation=$(bench_invocation "--portico-secret --portico-subject-token" "$0" "$@")

usage() {
  cat <<EOF
Usage: $0 [options]

$(bench_load_usage "Keycloak and Portico")
Keycloak:
  --keycloak-port P        HTTP port on 127.0.0.1           (KEYCLOAK_PORT, default 18080)
  --keycloak-management-port P                              (KEYCLOAK_MANAGEMENT_PORT, default 19000)
  --keycloak-alg A         realm signature algorithm: ES256, RS256, PS256, EdDSA ... (KEYCLOAK_SIGNATURE_ALG, default
                           ES256 = Portico's default, so both sides sign and verify the same way)
  --keycloak-heap "OPTS"   heap options for Keycloak's JVM  (KEYCLOAK_HEAP, default "-Xms64m -Xmx512m", Keycloak's own)
  --skip-keycloak          measure Portico only (quick iterations; no ratio)
  --work-dir DIR           where Keycloak is unpacked and results go (BENCH_WORK_DIR, default <repo>/target/bench)
Portico (all of url, client, secret, audience and one of the subject-token options are needed to measure it):
  --portico-url URL        token endpoint, e.g. http://127.0.0.1:8080/oauth2/token (PORTICO_URL)
  --portico-client ID      client_id, sent with the secret as HTTP Basic (PORTICO_CLIENT_ID)
  --portico-secret S       client_secret                    (PORTICO_CLIENT_SECRET)
  --portico-audience A     audience asked for               (PORTICO_AUDIENCE)
  --portico-subject-token T          a Portico access token to exchange (PORTICO_SUBJECT_TOKEN)
  --portico-subject-token-command C  shell command printing a fresh one, run just before Portico is measured, so a
                           5-minute token cannot expire while Keycloak is measured (PORTICO_SUBJECT_TOKEN_COMMAND)
  --portico-pid PID        Portico's server JVM (optional): adds its CPU time per exchange to the table (PORTICO_PID)
  -h, --help
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --threads|--connections|--duration|--warmup|--rounds) bench_load_option "$1" "${2:?}"; shift 2 ;;
    --keycloak-port) kc_port=${2:?}; shift 2 ;;
    --keycloak-management-port) kc_management_port=${2:?}; shift 2 ;;
    --keycloak-alg) kc_alg=${2:?}; shift 2 ;;
    --keycloak-heap) kc_heap=${2:?}; shift 2 ;;
    --skip-keycloak) skip_keycloak=true; shift ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    --portico-url) portico_url=${2:?}; shift 2 ;;
    --portico-client) portico_client=${2:?}; shift 2 ;;
    --portico-secret) portico_secret=${2:?}; shift 2 ;;
    --portico-audience) portico_audience=${2:?}; shift 2 ;;
    --portico-subject-token) portico_subject_token=${2:?}; shift 2 ;;
    --portico-subject-token-command) portico_subject_token_command=${2:?}; shift 2 ;;
    --portico-pid) portico_pid=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done

# ---- checks before anything starts ----------------------------------------------------------------------------------
bench_check_load
bench_check_port "$kc_port" --keycloak-port
bench_check_port "$kc_management_port" --keycloak-management-port
[[ $kc_alg =~ ^(RS|PS|ES|HS)(256|384|512)$|^EdDSA$ ]] || die_usage "--keycloak-alg must be a JWS algorithm Keycloak knows, such as ES256 or RS256, got '$kc_alg'"
bench_require_tools "Debian: apt-get install wrk curl jq unzip maven openjdk-17-jdk-headless" wrk curl jq unzip mvn java base64 awk
[[ -n $portico_subject_token && -n $portico_subject_token_command ]] \
  && die_usage "give either --portico-subject-token or --portico-subject-token-command, not both"

portico_wanted=false
if [[ -n $portico_url ]]; then
  portico_wanted=true
  missing=()
  [[ -n $portico_client ]] || missing+=(--portico-client)
  [[ -n $portico_secret ]] || missing+=(--portico-secret)
  [[ -n $portico_audience ]] || missing+=(--portico-audience)
  [[ -n $portico_subject_token || -n $portico_subject_token_command ]] || missing+=("--portico-subject-token(-command)")
  (( ${#missing[@]} == 0 )) || die_usage "--portico-url is set, so these are needed too: ${missing[*]}"
  [[ $portico_url =~ ^https?://(127\.0\.0\.1|localhost|\[::1\])[:/] ]] \
    || die_usage "--portico-url must point at this machine (127.0.0.1 or localhost), got '$portico_url'"
fi
bench_check_portico_pid
$skip_keycloak && ! $portico_wanted && die_usage "--skip-keycloak leaves nothing to measure without --portico-url"

# ---- clean-up: whatever happens, Keycloak and wrk stop --------------------------------------------------------------
kc_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  bench_stop_wrk
  # kc.sh was started with setsid: its group holds kc.sh and the JVM, nothing else.
  if [[ -n $kc_pid ]]; then bench_stop_group Keycloak "$kc_pid" 30; fi
  exit "$status"
}
bench_traps cleanup

# ---- helpers ----------------------------------------------------------------------------------------------------------
basic_auth() { # RFC 6749 §2.3.1: form-urlencode id and secret, then base64
  local id secret
  id=$(jq -rn --arg v "$1" '$v|@uri'); secret=$(jq -rn --arg v "$2" '$v|@uri')
  printf 'Basic %s' "$(printf '%s:%s' "$id" "$secret" | base64 -w0)"
}

# The check before any load: one real exchange, printed; the caller decides what a failure means.
# Sets check_status and check_body.
exchange_once() { # url authorization subject_token audience
  local out
  out=$(curl -sS -m 30 -w '\n%{http_code}' -X POST "$1" -H "Authorization: $2" -H 'Accept: application/json' \
        --data-urlencode "grant_type=$GRANT_TYPE" --data-urlencode "subject_token=$3" \
        --data-urlencode "subject_token_type=$ACCESS_TOKEN_TYPE" --data-urlencode "audience=$4" 2>&1) || true
  check_status=${out##*$'\n'}
  check_body=${out%$'\n'*}
  [[ $check_status =~ ^[0-9]{3}$ ]] || { check_body=$out; check_status=000; }
}

describe_exchange() { # prints what the one exchange returned, without the token itself
  echo "$check_body" | jq -c '{token_type, issued_token_type, expires_in, scope, refresh_token: (has("refresh_token"))}'
  local token
  token=$(echo "$check_body" | jq -r .access_token)
  echo "exchanged token header: $(jwt_claims "$token" header | jq -c '{alg, typ, kid}')"
  echo "exchanged token claims: $(jwt_claims "$token" | jq -c '{aud, azp, client_id, sub, scope, lifetime_s: (.exp - .iat)}')"
}

# One wrk run of exchange.lua; the length comes last (bench_warm_up and bench_measure append it).
exchange_wrk() { # label url authorization subject_token audience duration
  TE_LABEL=$1 TE_AUTHORIZATION=$3 TE_SUBJECT_TOKEN=$4 TE_AUDIENCE=$5 \
    bench_wrk "$1" "$SCRIPT_DIR/exchange.lua" "$2" "$6"
}

fresh_portico_token() {
  [[ -n $portico_subject_token_command ]] || return 0
  portico_subject_token=$(bash -c "$portico_subject_token_command") \
    || die "--portico-subject-token-command failed: $portico_subject_token_command"
  portico_subject_token=${portico_subject_token//[$'\r\n ']/}
  [[ -n $portico_subject_token ]] || die "--portico-subject-token-command printed nothing"
}

# ---- Keycloak ---------------------------------------------------------------------------------------------------------
mkdir -p "$work_dir/results"
echo "Token-exchange benchmark (wrk -t$threads -c$connections -d$duration, warm-up $warmup, $rounds round(s))"
facts=$(machine_facts)
echo "$facts"
bench_warn_if_busy

kc_home=$work_dir/keycloak-$KEYCLOAK_VERSION
kc_url=http://127.0.0.1:$kc_port/realms/bench/protocol/openid-connect/token
kc_startup=""
kc_subject_token=""
if ! $skip_keycloak; then
  for p in "$kc_port" "$kc_management_port"; do
    port_in_use "$p" && die "port $p on 127.0.0.1 is taken; choose free ones with --keycloak-port / --keycloak-management-port"
  done

  if [[ ! -x $kc_home/bin/kc.sh ]]; then
    log "fetching Keycloak $KEYCLOAK_VERSION from Maven Central"
    # Run from the work dir, which has no pom.xml: otherwise Maven would run the goal for every module of Portico.
    (cd "$work_dir" && mvn -B -q dependency:copy \
        -Dartifact=org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip -DoutputDirectory="$work_dir") \
      || die "could not fetch org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip with Maven"
    rm -rf "$kc_home"
    unzip -q "$work_dir/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" -d "$work_dir"
  fi

  # Build-time options, applied once (kc.sh build takes ~40 s); start --optimized then skips that on every run.
  build_options=(--db=dev-file --cache=local)
  if [[ "$(cat "$kc_home/.bench-build" 2>/dev/null)" != "${build_options[*]}" ]]; then
    log "building Keycloak for ${build_options[*]} (once)"
    JAVA_OPTS_KC_HEAP=$kc_heap "$kc_home/bin/kc.sh" build "${build_options[@]}" >"$work_dir/keycloak-build.log" 2>&1 \
      || { tail -30 "$work_dir/keycloak-build.log"; die "kc.sh build failed (log: $work_dir/keycloak-build.log)"; }
    echo "${build_options[*]}" >"$kc_home/.bench-build"
  fi

  # A fresh database every run: the realm is imported as written, no sessions left from an earlier run.
  rm -rf "$kc_home/data/h2" "$kc_home/data/import"
  mkdir -p "$kc_home/data/import"
  jq --arg alg "$kc_alg" '.defaultSignatureAlgorithm = $alg' "$SCRIPT_DIR/keycloak-realm.json" \
    >"$kc_home/data/import/bench-realm.json"

  log "starting Keycloak $KEYCLOAK_VERSION on http://127.0.0.1:$kc_port (production mode, heap $kc_heap, log: $work_dir/keycloak.log)"
  started_at=$(date +%s.%N)
  # setsid: kc.sh and its JVM get their own process group, which cleanup() stops as a whole.
  JAVA_OPTS_KC_HEAP=$kc_heap setsid "$kc_home/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$kc_port" \
    --http-management-port="$kc_management_port" --hostname-strict=false --import-realm \
    </dev/null >"$work_dir/keycloak.log" 2>&1 &
  kc_pid=$!
  kc_java_pid=""
  until curl -fsS -o /dev/null -m 5 "http://127.0.0.1:$kc_port/realms/bench/.well-known/openid-configuration" 2>/dev/null; do
    kill -0 "$kc_pid" 2>/dev/null || { tail -40 "$work_dir/keycloak.log"; die "Keycloak exited during start-up (log: $work_dir/keycloak.log)"; }
    (( $(date +%s) - ${started_at%.*} < 300 )) || { tail -40 "$work_dir/keycloak.log"; die "Keycloak not ready after 300 s"; }
    sleep 1
  done
  kc_java_pid=$(ps -o pid= --ppid "$kc_pid" | tr -d ' ' | head -1)
  kc_startup=$(awk -v a="$started_at" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
  echo "ready after ${kc_startup} s; Keycloak says: $(grep -o 'started in [0-9.]*s' "$work_dir/keycloak.log" | head -1)"

  log "Keycloak: subject token for bench-user (password grant at bench-initial)"
  token_json=$(curl -sS -m 30 -X POST "$kc_url" -d grant_type=password -d client_id=bench-initial \
                 -d username=bench-user -d password=bench-password -d scope=openid) \
    || die "Keycloak's token endpoint did not answer"
  kc_subject_token=$(jq -r '.access_token // empty' <<<"$token_json")
  [[ -n $kc_subject_token ]] || die "no access token for bench-user from Keycloak: $token_json"
  echo "subject token claims: $(jwt_claims "$kc_subject_token" | jq -c '{aud, azp, sub, scope, lifetime_s: (.exp - .iat)}')"

  log "Keycloak: one exchange by curl (bench-requester → audience bench-target)"
  kc_auth=$(basic_auth bench-requester bench-requester-secret)
  exchange_once "$kc_url" "$kc_auth" "$kc_subject_token" bench-target
  [[ $check_status == 200 ]] \
    || die "Keycloak refused the exchange (HTTP $check_status): $check_body
       The realm in keycloak-realm.json is not set up for standard token exchange; see src/docs/benchmarks.md."
  describe_exchange
fi

# ---- Portico: the same one-exchange check -----------------------------------------------------------------------------
portico_status="not measured"
portico_ready=false
portico_unavailable=false
if ! $portico_wanted; then
  portico_status="not measured: no --portico-url given"
  log "Portico endpoint not available: skipped (no --portico-url given; see --help)"
else
  fresh_portico_token
  log "Portico: one exchange by curl ($portico_client → audience $portico_audience at $portico_url)"
  portico_auth=$(basic_auth "$portico_client" "$portico_secret")
  exchange_once "$portico_url" "$portico_auth" "$portico_subject_token" "$portico_audience"
  if [[ $check_status == 404 || $check_status == 000 ]]; then
    reason=$([[ $check_status == 404 ]] && echo "POST $portico_url answered 404" || echo "no answer from $portico_url: $check_body")
    portico_status="not measured: endpoint not available"
    portico_unavailable=true
    log "Portico endpoint not available: skipped ($reason)"
  elif [[ $check_status != 200 ]] || ! jq -e '.access_token | type == "string"' <<<"$check_body" >/dev/null 2>&1; then
    die "Portico refused the exchange (HTTP $check_status): $check_body
       Check --portico-client/--portico-secret/--portico-audience and that the subject token is a fresh Portico token."
  else
    describe_exchange
    portico_ready=true
    portico_status=measured
  fi
fi
kc_ready=$([[ -n $kc_subject_token ]] && echo true || echo false)
$kc_ready || $portico_ready || die "nothing to measure"

# ---- load: warm-ups, then the measured runs, Keycloak and Portico taking turns --------------------------------------
# Taking turns round by round spreads the other load of a shared machine over both servers alike.
$kc_ready && bench_warm_up keycloak exchange_wrk keycloak "$kc_url" "$kc_auth" "$kc_subject_token" bench-target
if $portico_ready; then
  fresh_portico_token
  bench_warm_up portico exchange_wrk portico "$portico_url" "$portico_auth" "$portico_subject_token" "$portico_audience"
fi
for round in $(seq 1 "$rounds"); do
  $kc_ready && bench_measure "$round" keycloak "$kc_java_pid" \
    exchange_wrk keycloak "$kc_url" "$kc_auth" "$kc_subject_token" bench-target
  if $portico_ready; then
    fresh_portico_token
    bench_measure "$round" portico "$portico_pid" \
      exchange_wrk portico "$portico_url" "$portico_auth" "$portico_subject_token" "$portico_audience"
  fi
done

# ---- comparison -------------------------------------------------------------------------------------------------------
if $skip_keycloak; then no_comparison="no comparison: Keycloak skipped (--skip-keycloak)"; else no_comparison="no comparison: Portico $portico_status"; fi
bench_verdict keycloak Keycloak portico Portico 3 "$no_comparison"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
details="$invocation
(effective: --threads $threads --connections $connections --duration $duration --warmup $warmup --rounds $rounds --keycloak-alg $kc_alg)
$facts"
[[ -z $kc_startup ]] || details+="
keycloak: $KEYCLOAK_VERSION, production mode (start --optimized), dev-file H2, local cache, $kc_alg, heap $kc_heap, ready after $kc_startup s"
bench_report "$work_dir/results/token-exchange-$stamp.md" "Token exchange, $stamp" \
  keycloak Keycloak "$kc_ready" portico Portico "$portico_ready" "$details"

$clean || exit 1
$portico_unavailable && exit 3
exit 0

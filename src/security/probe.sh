#!/usr/bin/env bash
# Hostile requests against a running Portico, sent the way an attacker with curl would, and what each must get:
# never a 5xx, never a token, never a session, never a change. One line per check, then "N passed, N failed".
#
# The classes of the outside review (issue 8; the Threat model in src/docs/architecture.md names the controls and the
# ITs that prove each of them in depth): CSRF on the cookie-authenticated API, roles, content types, request bodies,
# credentials in a URL query, throttled client authentication, unknown link names, the "page expired" link, guessed
# or replayed sign-on choices.
#
# Usage: src/security/probe.sh [base-url]     (default http://localhost:8080, the README's run command; it must be
#        the address of portico.issuer, since changes through the API are accepted only from that origin)
# Needs the demo data (users ada/alice, app demo-app, route invoice). Sends a few hundred requests, to that base URL
# only; run it against 127.0.0.1 or localhost. The throttle checks come last: afterwards this address is locked out of
# client authentication for up to 30 s, and a made-up client id for 15 min.
# Exit status: 0 every check passed, 1 a check failed, 2 Portico did not answer or the demo login failed.
set -uo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../bench/lib.sh
source "$SCRIPT_DIR/../bench/lib.sh"

base=${1:-http://localhost:8080}
base=${base%/}
evil=https://evil.example
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); printf 'ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL  %s\n' "$1"; }

# A request with curl; prints the status code and keeps the headers and body in $work/h and $work/b. Any 5xx fails
# the run on its own.
call() {
  local status
  status=$(curl -sS -m 30 -o "$work/b" -D "$work/h" -w '%{http_code}' "$@" 2>/dev/null) || status=000
  if [[ $status == 5* || $status == 000 ]]; then
    fail "no 5xx and an answer: $* -> $status"
  fi
  printf '%s' "$status"
}

expect() { # description expected-status actual-status
  if [[ $3 == "$2" ]]; then pass "$1 ($3)"; else fail "$1: expected $2, got $3 $(head -c 300 "$work/b" | tr '\n' ' ')"; fi
}

header() { grep -i "^$1:" "$work/h" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

problem() { # description: the last answer was problem+json
  if header Content-Type | grep -qi 'application/problem+json'; then pass "$1 is problem+json"; else fail "$1 is problem+json (got $(header Content-Type))"; fi
}

code=$(curl -s -o /dev/null -m 10 -w '%{http_code}' "$base/login.xhtml") || code=000
[[ $code == 200 ]] || { echo "Portico does not answer at $base/login.xhtml ($code): start it with 'mvn -Prun package'" >&2; exit 2; }

admin=$work/admin.jar
user=$work/alice.jar
portico_login "$base" "$admin" ada portico-demo || exit 2
portico_login "$base" "$user" alice portico-demo || exit 2

echo "# CSRF on the cookie-authenticated API (item 4)"
expect "a stranger's page deletes a route with the admin's cookie" 403 \
  "$(call -X DELETE -b "$admin" -H "Origin: $evil" -H 'Accept: application/json' "$base/api/admin/routes/invoice")"
problem "the refusal"
expect "the route is still there" 200 "$(call -b "$admin" "$base/api/admin/routes/invoice")"
before=$(cat "$work/b")
expect "a stranger's form rotates the demo app's secret" 403 \
  "$(call -X POST -b "$admin" -H "Origin: $evil" -H 'Content-Type: application/x-www-form-urlencoded' -d x=1 \
       "$base/api/admin/apps/demo-app/secret")"
expect "a cross-site request without Origin (Sec-Fetch-Site) deletes a route" 403 \
  "$(call -X DELETE -b "$admin" -H 'Sec-Fetch-Site: cross-site' "$base/api/admin/routes/invoice")"
expect "a sandboxed frame (Origin: null) deletes a route" 403 \
  "$(call -X DELETE -b "$admin" -H 'Origin: null' "$base/api/admin/routes/invoice")"
call -b "$admin" "$base/api/admin/routes/invoice" >/dev/null
if [[ $(cat "$work/b") == "$before" ]]; then pass "the route is unchanged"; else fail "the route is unchanged"; fi
expect "the demo app's documented secret still works (introspection)" 200 \
  "$(call -u demo-app:demo-app-secret-change-me-in-production -d token=abc "$base/oauth2/introspect")"

echo "# Roles (item 4)"
expect "a guest lists the apps" 401 "$(call -H 'Accept: application/json' "$base/api/admin/apps")"
problem "the guest's refusal"
expect "an end-user lists the apps" 403 "$(call -b "$user" "$base/api/admin/apps")"
problem "the end-user's refusal"
expect "an end-user deletes a route from Portico's own origin" 403 \
  "$(call -X DELETE -b "$user" -H "Origin: $base" "$base/api/admin/routes/invoice")"
expect "an end-user reads the audit log" 403 "$(call -b "$user" "$base/api/admin/audit.csv")"

echo "# Content types and bodies (items 4 and 7)"
expect "JSON sent as text/plain" 415 \
  "$(call -X POST -b "$admin" -H "Origin: $base" -H 'Content-Type: text/plain' -d '{}' "$base/api/admin/routes")"
expect "JSON without a Content-Type" 415 \
  "$(call -X POST -b "$admin" -H "Origin: $base" -H 'Content-Type:' --data-binary '{}' "$base/api/admin/routes")"
head -c 2097152 /dev/zero | tr '\0' 'x' > "$work/huge"
expect "a guest's 2 MiB body is refused unread" 401 \
  "$(call -X POST -H 'Content-Type: application/json' --data-binary @"$work/huge" "$base/api/admin/routes")"
expect "an admin's 2 MiB body" 413 \
  "$(call -X POST -b "$admin" -H "Origin: $base" -H 'Content-Type: application/json' --data-binary @"$work/huge" \
       "$base/api/admin/routes")"
problem "the 413"
expect "an admin's 2 MiB body, chunked" 413 \
  "$(call -X POST -b "$admin" -H "Origin: $base" -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' \
       --data-binary @"$work/huge" "$base/api/admin/routes")"
expect "a 2 MiB form at the token endpoint" 413 \
  "$(call -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$work/huge" "$base/oauth2/token")"

echo "# Credentials in the URL (item 5)"
expect "client credentials in the token endpoint's query" 400 \
  "$(call -d grant_type=client_credentials \
       "$base/oauth2/token?client_id=demo-app&client_secret=demo-app-secret-change-me-in-production")"
if grep -q access_token "$work/b"; then fail "no token for query credentials"; else pass "no token for query credentials"; fi
expect "a token to introspect in the query" 400 \
  "$(call -u demo-app:demo-app-secret-change-me-in-production -d x=1 "$base/oauth2/introspect?token=abc")"
expect "client credentials in the query of /api/links" 400 \
  "$(call -H 'Content-Type: application/json' -d '{"route":"invoice"}' \
       "$base/api/links?client_id=demo-app&client_secret=demo-app-secret-change-me-in-production")"

echo "# Unknown link names and the page-expired link (items 8 and 10)"
for i in $(seq 1 20); do
  status=$(call "$base/link/probe-$RANDOM$RANDOM-$i")
  [[ $status == 404 ]] || fail "an unknown link name answers 404 (got $status)"
done
pass "20 unknown link names answered 404"
call -b "$admin" "$base/api/admin/link-analytics" >/dev/null
if grep -q 'probe-' "$work/b"; then fail "the analytics list no typed names"; else pass "the analytics list no typed names"; fi
status=$(call --path-as-is -H 'Content-Type: application/x-www-form-urlencoded' \
  -d 'login=login&jakarta.faces.ViewState=stale' "$base//evil.example/../login.xhtml")
again=$(grep -o '<a id="start-again"[^>]*href="[^"]*"' "$work/b" | sed 's/.*href="//; s/"$//')
if [[ $again =~ ^/([^/\\]|$) ]]; then pass "the page-expired link stays local ($status, '$again')"; else fail "the page-expired link stays local ($status, '$again')"; fi

echo "# Sign-on choices (item 2)"
expect "a GET on the sign-on choice does nothing" 404 "$(call -b "$user" "$base/link-sign-on")"
expect "a cross-site POST of a guessed sign-on choice" 403 \
  "$(call -X POST -b "$user" -H "Origin: $evil" -d 'choice=AAAAAAAAAAAAAAAAAAAAAA&answer=continue' "$base/link-sign-on")"
expect "a guessed sign-on choice from Portico's origin" 410 \
  "$(call -X POST -b "$user" -H "Origin: $base" -d 'choice=AAAAAAAAAAAAAAAAAAAAAA&answer=continue' "$base/link-sign-on")"

echo "# Forced work: client authentication is throttled (item 6)"
client=probe-$RANDOM$RANDOM
last=
for i in $(seq 1 12); do
  last=$(call -u "$client:wrong-$i" -d grant_type=client_credentials "$base/oauth2/token")
done
expect "the 12th wrong secret for one client id" 429 "$last"
if [[ -n $(header Retry-After) ]]; then pass "the 429 says when to retry (Retry-After: $(header Retry-After))"; else fail "the 429 has Retry-After"; fi

printf '\n%d passed, %d failed\n' "$passed" "$failed"
((failed == 0))

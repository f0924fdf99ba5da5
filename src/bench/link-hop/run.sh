#!/usr/bin/env bash
# Link-hop benchmark: a logged-in user's GET /link/{route}/{params} on a running Portico (303 with a freshly signed
# link token each time) against nginx answering "return 302" on the same machine, with the same wrk script (hop.lua).
# Goal of issue 4: Portico at least 0.5× nginx's requests per second; p99 latency reported. See src/docs/benchmarks.md.
#
#   src/bench/link-hop/run.sh --portico-url http://127.0.0.1:8080 [--link /link/invoice/42] [--user alice]
#                             [--password portico-demo] [--threads 2] [--connections 16] [--duration 30s]
#                             [--warmup 15s] [--rounds 3] [--nginx-port 18480]
#
# It logs the user in with curl through the real login form, checks that the link answers 303 with a token, starts
# nginx on 127.0.0.1 (own prefix under target/bench/link-hop, stopped on exit), warms both up, then runs wrk
# --rounds times per server, taking turns, and prints one line per run and the ratio of the medians.
# Exit status: 0 clean runs; 1 setup failed or a run had unexpected answers or socket errors; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)

portico_url=${PORTICO_URL:-}
link=${HOP_LINK:-/link/invoice/42}
user=${HOP_USER:-alice}
password=${HOP_PASSWORD:-portico-demo}
threads=${BENCH_THREADS:-2}
connections=${BENCH_CONNECTIONS:-16}
duration=${BENCH_DURATION:-30s}
warmup=${BENCH_WARMUP:-15s}
rounds=${BENCH_ROUNDS:-3}
nginx_port=${NGINX_PORT:-18480}
work=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench/link-hop}

while [[ $# -gt 0 ]]; do
  case $1 in
    --portico-url) portico_url=$2; shift 2 ;;
    --link) link=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --nginx-port) nginx_port=$2; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -n $portico_url ]] || { echo "--portico-url is required, e.g. http://127.0.0.1:8080" >&2; exit 2; }
for tool in curl wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install $tool)" >&2; exit 1; }
done
portico_url=${portico_url%/}
mkdir -p "$work"

# ---- log in through the form, the way a browser without JavaScript does ------------------------------------------
jar=$work/cookies.txt
rm -f "$jar"
page=$(curl -sS -c "$jar" -b "$jar" "$portico_url/login.xhtml")
view_state=$(printf '%s' "$page" | tr '\n' ' ' | sed -n 's/.*id="login".*name="jakarta.faces.ViewState"[^>]*value="\([^"]*\)".*/\1/p')
[[ -n $view_state ]] || { echo "no login form at $portico_url/login.xhtml" >&2; exit 1; }
status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$portico_url/login.xhtml" \
  --data-urlencode "login=login" --data-urlencode "login:username=$user" --data-urlencode "login:password=$password" \
  --data-urlencode "login:continue=" --data-urlencode "login:submit=" --data-urlencode "jakarta.faces.ViewState=$view_state")
[[ $status == 302 ]] || { echo "login of $user failed (HTTP $status)" >&2; exit 1; }
cookie=$(awk '$6 == "PORTICO_SESSION" { print "PORTICO_SESSION=" $7 }' "$jar")
[[ -n $cookie ]] || { echo "no session cookie after the login" >&2; exit 1; }

ua='Mozilla/5.0 (X11; Linux x86_64) link-hop-bench'
read -r hop_status hop_location < <(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\n' -A "$ua" -H "Cookie: $cookie" "$portico_url$link")
if [[ $hop_status != 303 || $hop_location != *portico_token=* ]]; then
  echo "$portico_url$link answered $hop_status $hop_location, not 303 with a token" >&2
  exit 1
fi
echo "Portico: $link → 303 ${hop_location%%portico_token=*}portico_token=…"

# ---- nginx: return 302 -------------------------------------------------------------------------------------------
cat > "$work/nginx.conf" <<CONF
worker_processes auto;
error_log $work/nginx-error.log warn;
pid $work/nginx.pid;
events { worker_connections 4096; }
http {
    access_log off;
    server {
        listen 127.0.0.1:$nginx_port;
        location / { return 302 https://app.example/landing; }
    }
}
CONF
nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf"
trap 'nginx -p "$work" -e "$work/nginx-error.log" -c "$work/nginx.conf" -s stop 2>/dev/null || true' EXIT
sleep 0.5
[[ $(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port$link") == 302 ]] \
  || { echo "nginx does not answer on 127.0.0.1:$nginx_port" >&2; exit 1; }

run() { # name url expected-status duration → one RESULT line
  HOP_COOKIE=$4 HOP_STATUS=$3 wrk -t"$threads" -c"$connections" -d"$5" -s "$SCRIPT_DIR/hop.lua" "$2" \
    | sed -n "s/^RESULT /$1 /p"
}

echo "wrk -t$threads -c$connections -d$duration, warm-up $warmup each, $rounds round(s); $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
run warmup-nginx "http://127.0.0.1:$nginx_port$link" 302 "" "$warmup" >/dev/null
run warmup-portico "$portico_url$link" 303 "$cookie" "$warmup" >/dev/null
results=$work/results-$(date -u +%Y%m%dT%H%M%SZ).txt
clean=true
for ((i = 1; i <= rounds; i++)); do
  for side in nginx portico; do
    if [[ $side == nginx ]]; then
      line=$(run nginx "http://127.0.0.1:$nginx_port$link" 302 "" "$duration")
    else
      line=$(run portico "$portico_url$link" 303 "$cookie" "$duration")
    fi
    echo "$line" | tee -a "$results"
    [[ $line == *"unexpected=0 socket_errors=0"* ]] || clean=false
  done
done
median() { grep "^$1 " "$results" | sed 's/.* rps=\([0-9.]*\).*/\1/' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
nginx_rps=$(median nginx)
portico_rps=$(median portico)
ratio=$(awk -v p="$portico_rps" -v n="$nginx_rps" 'BEGIN { printf "%.2f", p / n }')
echo "median req/s: nginx $nginx_rps, Portico $portico_rps — Portico/nginx $ratio (goal ≥ 0.5)" | tee -a "$results"
$clean || { echo "some runs had unexpected answers or socket errors: the figures are worthless" >&2; exit 1; }

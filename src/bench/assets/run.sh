#!/usr/bin/env bash
# Fingerprinted asset benchmark (issue 12): one of the assets Portico's pages name by a fingerprinted URL
# (/assets/css/portico.<12 characters>.css by default), served by the running Portico and, side by side, by nginx
# serving the same file at the same path with the same cache headers, on the same machine, with the same wrk script
# (asset.lua) and the same request; only the URL and, for a revalidation, the ETag differ. The goals: a fingerprinted
# asset at least 0.7× nginx's requests per second, a 304 revalidation at least 0.8×.
#
# What it does, in order:
#   1. fetches Portico's /login.xhtml and picks the first asset URL on it that matches --asset; downloads that asset
#      twice by curl, as is (identity) and with Accept-Encoding: gzip. Each must answer 200 with
#      "Cache-Control: ... immutable" and an ETag, the gzip answer gzip-encoded with an ETag of its own and the same
#      bytes once unpacked; and Portico must answer 304 to that gzip ETag;
#   2. puts both files into <work dir>/assets/root/ at the asset's path (<file> and <file>.gz, as gzip_static wants),
#      writes an nginx configuration into <work dir>/assets/ and starts nginx from it as a child of this script (daemon
#      off, one worker per core, access log off, sendfile, etag on, gzip_static when this nginx has it: nginx -V;
#      127.0.0.1 only); the system's nginx and its files are not touched. nginx must answer the same bytes as
#      Portico in both codings with the same Cache-Control, and 304 to its own gzip ETag;
#   3. a warm-up run per case and server, then --rounds measured runs of wrk per case and server, nginx and Portico
#      taking turns. The cases:
#        asset            GET with Accept-Encoding: gzip: 200, gzip, the gzip file's length and that server's ETag
#        asset-identity   GET without Accept-Encoding: 200, not encoded, the file's length and ETag
#        revalidate       GET with Accept-Encoding: gzip and If-None-Match: <that server's gzip ETag>: 304
#      Any other answer counts as an error (asset.lua, with ../lib.lua's counting);
#   4. prints a table and a verdict per case (also written to <work dir>/results/), stops nginx (also on error or
#      Ctrl-C).
# Without gzip_static in this nginx, asset is left out and revalidate uses the identity ETag without Accept-Encoding
# (said at the start and in the report); issue 12's asset goal is then not judged.
#
# Exit status: 0 all measured runs were clean and issue 12's goals met (asset ≥ 0.7×, revalidate ≥ 0.8× nginx; the
# identity case's 0.7× is reported, not counted); 1 setup failed, a measured run had errors, or a goal was not met
# or not judged; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
readonly ALL_CASES="asset asset-identity revalidate"
declare -rA GOAL=([asset]=0.7 [asset-identity]=0.7 [revalidate]=0.8)   # issue 12 (identity: reported only)
declare -rA COUNTS=([asset]=true [asset-identity]=false [revalidate]=true)   # part of the exit status
readonly CACHE_CONTROL="public, max-age=31536000, immutable"
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

# ---- parameters: option > environment variable > default ----------------------------------------------------------
bench_load_defaults
bench_nginx_defaults 18082
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
asset_pattern=${ASSET_PATTERN:-'^/assets/css/portico\.[^/]+\.css$'}
cases=${BENCH_CASES:-$ALL_CASES}
portico_pid=${PORTICO_PID:-}
floor_url=${UNDERTOW_FLOOR_URL:-}

invocation=$(bench_invocation "" "$0" "$@")

usage() {
  cat <<EOF
Usage: $0 [options]

$(bench_load_usage "nginx and Portico")
  --cases "A B"            the cases to run, of: $ALL_CASES   (BENCH_CASES, default all three)
                           (the warm-up and the rounds are per case and server: 2 × cases × (warm-up + rounds × duration))
nginx (started by this script from its own configuration, stopped at the end; the system's nginx is not touched):
$(bench_nginx_usage)
  --work-dir DIR           the asset's copy, nginx's configuration and log go to DIR/assets/, results to
                           DIR/results/ (BENCH_WORK_DIR, default <repo>/target/bench)
Portico (must be running, e.g. mvn -Prun package; nothing is logged in, the assets are public):
  --portico-base URL       Portico on this machine           (PORTICO_BASE, default http://127.0.0.1:8080)
  --asset REGEX            the asset: the first URL on /login.xhtml that matches this extended regular expression
                           (ASSET_PATTERN, default '^/assets/css/portico\\.[^/]+\\.css\$', Portico's own stylesheet;
                           PrimeFaces' script: '/primefaces/components\\.[^/]+\\.js\$')
  --portico-pid PID|auto   Portico's server JVM (optional): adds its CPU time per request to the table; "auto" takes
                           the process listening on --portico-base's port (PORTICO_PID)
  --floor URL              the revalidate case measures this URL as well, on Portico's server: a constant 304 from
                           Undertow's own response-code handler (undertow-floor.cli adds it at /bench/floor-304),
                           what any answer of that server costs at least (UNDERTOW_FLOOR_URL; default: not measured)
  -h, --help

Goals (issue 12): asset ≥ 0.7× and revalidate ≥ 0.8× nginx's median req/s; asset-identity's 0.7× is reported only.
Example, a quick check (not a measurement): $0 --duration 3s --warmup 2s --rounds 1 --connections 8
EOF
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --threads|--connections|--duration|--warmup|--rounds) bench_load_option "$1" "${2:?}"; shift 2 ;;
    --nginx-bin|--nginx-port|--nginx-workers) bench_nginx_option "$1" "${2:?}"; shift 2 ;;
    --cases) cases=${2:?}; shift 2 ;;
    --work-dir) work_dir=${2:?}; shift 2 ;;
    --portico-base) portico_base=${2:?}; shift 2 ;;
    --asset) asset_pattern=${2:?}; shift 2 ;;
    --portico-pid) portico_pid=${2:?}; shift 2 ;;
    --floor) floor_url=${2:?}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
done

# ---- checks before anything starts ----------------------------------------------------------------------------------
bench_check_load
bench_check_nginx
bench_require_tools "Debian: apt-get install wrk curl gzip" wrk curl gzip cmp awk java
portico_base=${portico_base%/}
[[ $portico_base =~ ^https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?$ ]] \
  || die_usage "--portico-base must be Portico's root on this machine, such as http://127.0.0.1:8080, got '$portico_base'"
cases=${cases//,/ }
for c in $cases; do
  [[ " $ALL_CASES " == *" $c "* ]] || die_usage "--cases must name some of: $ALL_CASES; got '$c'"
done
[[ -n ${cases// /} ]] || die_usage "--cases must name at least one of: $ALL_CASES"
# grep's status 2 is a bad expression; 1 (no match) is fine here
grep -qE -- "$asset_pattern" <<<"" 2>/dev/null || (( $? == 1 )) \
  || die_usage "--asset must be an extended regular expression such as '/primefaces/components\\.[^/]+\\.js\$', got '$asset_pattern'"
bench_check_portico_pid "$portico_base"

work_dir=$(realpath -m "$work_dir")   # nginx reads the paths of its configuration relative to its prefix
run_dir=$work_dir/assets
headers_file=$run_dir/last-headers.txt

if "$nginx_bin" -V 2>&1 | grep -q -- '--with-http_gzip_static_module'; then gzip_static=true; else gzip_static=false; fi
if ! $gzip_static && [[ " $cases " == *" asset "* ]]; then
  cases=$(sed -E 's/(^| )asset( |$)/ /; s/^ +| +$//g' <<<"$cases")
  asset_skipped="asset not measured: $nginx_bin has no gzip_static module (nginx -V), so nginx cannot serve the gzip file; identity only"
fi
[[ -n $cases ]] || die "nothing to measure: ${asset_skipped:-no case}"

# ---- clean-up: whatever happens, nginx and wrk stop ----------------------------------------------------------------
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  bench_stop_wrk
  # nginx was started with setsid: its group holds the master and its workers, nothing else.
  if [[ -n $nginx_pid ]]; then bench_stop_group nginx "$nginx_pid" 10; fi
  exit "$status"
}
bench_traps cleanup

# ---- helpers ----------------------------------------------------------------------------------------------------------
# One GET by curl, the body into a file, nothing decoded; sets got_status (000: no answer), got_header_bytes and
# got_body_bytes, and keeps the answer's headers in $headers_file for header().
get() { # url body-file [curl options: headers]
  local url=$1 body=$2
  shift 2
  local out
  out=$(curl -sS -m 30 -o "$body" -D "$headers_file" -w '%{http_code} %{size_header} %{size_download}' "$@" "$url" 2>"$run_dir/curl-error") \
    || { got_status=000; got_header_bytes=0; got_body_bytes=0; echo "no answer from $url: $(<"$run_dir/curl-error")" >&2; return 0; }
  read -r got_status got_header_bytes got_body_bytes <<<"$out"
}

header() { # name: its value in the last answer, empty when absent
  tr -d '\r' <"$headers_file" | awk -v n="$1" 'index(tolower($0), tolower(n) ": ") == 1 { v = substr($0, length(n) + 3) } END { print v }'
}

# Checks the last answer of a server: the status, the Content-Encoding (empty: none), and for a 200 the
# Cache-Control and an ETag; dies saying what it got instead.
expect() { # who what status encoding
  local encoding cache_control etag
  encoding=$(header Content-Encoding); cache_control=$(header Cache-Control); etag=$(header ETag)
  [[ $got_status == "$3" ]] || die "$1: $2 answered $got_status, expected $3"
  [[ $3 == 304 || $encoding == "$4" ]] || die "$1: $2 answered Content-Encoding '${encoding:-(none)}', expected '${4:-(none)}'"
  [[ $3 == 304 || $cache_control == *immutable* ]] || die "$1: $2 answered Cache-Control '${cache_control:-(none)}', expected '$CACHE_CONTROL'"
  [[ $3 == 304 || $etag == \"*\" ]] || die "$1: $2 answered ETag '${etag:-(none)}', expected a strong ETag"
  [[ $3 == 304 ]] && encoding="no body" || encoding=${encoding:-identity}
  echo "    $1 $2: $got_status, $encoding, ETag $etag, Vary: $(header Vary), $got_body_bytes bytes of body, $got_header_bytes bytes of headers"
}

# What a case sends, what it expects and how it is named, for one server: sets case_* for asset_wrk and the report.
case_setup() { # server case
  local s=$1
  case $2 in
    asset) case_accept=gzip; case_inm=""; case_status=200; case_encoding=gzip
           case_length=${length_gz}; case_etag=${etag_gz[$s]}
           case_what="GET with Accept-Encoding: gzip → 200, gzip ($length_gz bytes)" ;;
    asset-identity) case_accept=""; case_inm=""; case_status=200; case_encoding=""
           case_length=$length_id; case_etag=${etag_id[$s]}
           case_what="GET without Accept-Encoding → 200, identity ($length_id bytes)" ;;
    revalidate)
      if [[ $s == floor ]]; then s=portico; fi   # the floor is asked Portico's request; it answers 304 without an ETag
      if $gzip_static; then case_accept=gzip; case_etag=${etag_gz[$s]}; else case_accept=""; case_etag=${etag_id[$s]}; fi
      case_inm=$case_etag; case_status=304; case_encoding=""; case_length=0
      if [[ $1 == floor ]]; then case_etag=""; fi
      case_what="GET${case_accept:+ with Accept-Encoding: gzip} with If-None-Match: <that server's ${case_accept:-identity} ETag> → 304" ;;
  esac
}

# One wrk run of asset.lua; the length comes last (bench_warm_up and bench_measure append it).
asset_wrk() { # server case duration
  case_setup "$1" "$2"
  ASSET_LABEL=$1/$2 ASSET_STATUS=$case_status ASSET_ACCEPT_ENCODING=$case_accept ASSET_IF_NONE_MATCH=$case_inm \
    ASSET_ENCODING=$case_encoding ASSET_LENGTH=$case_length ASSET_ETAG=$case_etag \
    bench_wrk "$1/$2" "$SCRIPT_DIR/asset.lua" "${url[$1]}" "$3"
}

nginx_config() {
  local gzip_line="gzip_static on;               # the .gz file beside the asset for a client that accepts gzip"
  $gzip_static || gzip_line="# gzip_static: not in this nginx (nginx -V); identity only"
  bench_nginx_config src/bench/assets/run.sh "$run_dir" "    # The asset as Portico serves it: the same file at the same path, the same Cache-Control, a strong ETag, the
    # precompressed gzip file chosen by Accept-Encoding (with Vary), straight from the page cache.
    types {
        text/css css;
        application/javascript js;
        image/svg+xml svg;
        font/woff2 woff2;
        font/woff woff;
        image/png png;
    }
    default_type application/octet-stream;
    charset utf-8;                 # Portico: text/css;charset=UTF-8
    charset_types text/css application/javascript image/svg+xml;
    sendfile on;
    tcp_nopush on;
    etag on;
    $gzip_line
    gzip_vary on;
    # A tuned static server keeps the file's descriptor and stat() open: leaving it out would flatter the ratio.
    open_file_cache max=64 inactive=60s;
    open_file_cache_valid 60s;

    server {
        listen 127.0.0.1:$nginx_port;
        root $run_dir/root;

        location /assets/ {
            add_header Cache-Control \"$CACHE_CONTROL\";
        }
        location / {
            return 404;
        }
    }"
}

# ---- start ------------------------------------------------------------------------------------------------------------
mkdir -p "$work_dir/results" "$run_dir"
echo "Fingerprinted asset benchmark (wrk -t$threads -c$connections -d$duration, warm-up $warmup, $rounds round(s); cases: $cases)"
facts=$(machine_facts "$(bench_nginx_fact), gzip_static $($gzip_static && echo yes || echo "NO (identity only)")" "Portico:  $portico_base")
echo "$facts"
[[ -z ${asset_skipped:-} ]] || echo "NOTE: $asset_skipped" >&2
bench_warn_if_busy

# ---- Portico: the page, the asset in both codings, a revalidation ------------------------------------------------------
declare -A url etag_id etag_gz header_bytes
log "Portico: the asset URLs on $portico_base/login.xhtml"
get "$portico_base/login.xhtml" "$run_dir/login.html"
[[ $got_status == 200 ]] || die "GET $portico_base/login.xhtml answered $got_status, expected 200: is Portico running there?"
assets=$(grep -oE '(href|src)="[^"]*/assets/[^"]*"' "$run_dir/login.html" | sed -E 's/^[a-z]+="//; s/"$//' | sort -u)
[[ -n $assets ]] || die "$portico_base/login.xhtml names no /assets/ URL: is that Portico's login page?"
asset_path=$(grep -E -- "$asset_pattern" <<<"$assets" | head -n 1) \
  || die "no asset URL on /login.xhtml matches --asset '$asset_pattern'; these are there:
$(sed 's/^/    /' <<<"$assets")"
[[ $asset_path == /assets/* ]] \
  || die "the asset is named as '$asset_path', not under Portico's /assets/: with portico.cdn.url set, the pages name the CDN; run this against a Portico without it"
[[ $asset_path =~ ^/assets/[A-Za-z0-9_./-]*\.[A-Za-z0-9_-]{12}\.[A-Za-z0-9]+$ && $asset_path != *..* ]] \
  || die "'$asset_path' is not a fingerprinted asset URL such as /assets/css/portico.<12 characters>.css"
echo "asset: $asset_path"
url[portico]=$portico_base$asset_path

log "Portico: the asset by curl, as is and with Accept-Encoding: gzip, then a revalidation"
root_file=$run_dir/root$asset_path
rm -rf "$run_dir/root"   # the previous run's asset goes
mkdir -p "$(dirname "$root_file")"
get "${url[portico]}" "$root_file"
expect Portico identity 200 ""
etag_id[portico]=$(header ETag)
get "${url[portico]}" "$root_file.gz" -H 'Accept-Encoding: gzip'
[[ $(header Content-Encoding) == gzip ]] \
  || die "Portico answered '$asset_path' with Accept-Encoding: gzip as '$(header Content-Encoding)' instead of gzip: it keeps no gzip variant of it (an image or font?); choose a stylesheet or script with --asset"
expect Portico gzip 200 gzip
etag_gz[portico]=$(header ETag)
header_bytes[portico]=$got_header_bytes
gzip -t "$root_file.gz" 2>/dev/null && gzip -dc "$root_file.gz" | cmp -s - "$root_file" \
  || die "Portico's gzip answer of $asset_path does not unpack to its identity answer"
[[ ${etag_gz[portico]} != "${etag_id[portico]}" ]] || die "Portico gave both codings the same ETag ${etag_id[portico]}: a strong ETag must differ per coding"
get "${url[portico]}" "$run_dir/got" -H 'Accept-Encoding: gzip' -H "If-None-Match: ${etag_gz[portico]}"
expect Portico revalidation 304 ""
length_id=$(wc -c <"$root_file"); length_gz=$(wc -c <"$root_file.gz")
floor_extra=""
if [[ -n $floor_url && " $cases " == *" revalidate "* ]]; then
  log "Undertow's floor: a constant 304 at $floor_url"
  url[floor]=$floor_url
  get "$floor_url" "$run_dir/got" -H 'Accept-Encoding: gzip' -H "If-None-Match: ${etag_gz[portico]}"
  [[ $got_status == 304 ]] || die "--floor $floor_url answered $got_status, expected 304: add the handler first (jboss-cli.sh --connect --file=$SCRIPT_DIR/undertow-floor.cli)"
  echo "    floor: 304, $got_header_bytes bytes of headers"
  floor_extra="floor/revalidate:Undertow-floor"
fi

# ---- nginx: the same files at the same path ----------------------------------------------------------------------------
bench_nginx_start "$run_dir" "$(nginx_config)"
url[nginx]=http://127.0.0.1:$nginx_port$asset_path
log "nginx: the same by curl (GET ${url[nginx]})"
get "${url[nginx]}" "$run_dir/got"
expect nginx identity 200 ""
cmp -s "$run_dir/got" "$root_file" || die "nginx did not answer the identity file (log: $run_dir/nginx-error.log)"
etag_id[nginx]=$(header ETag)
[[ $(header Cache-Control) == "$CACHE_CONTROL" ]] || die "nginx answered Cache-Control '$(header Cache-Control)', expected '$CACHE_CONTROL'"
if $gzip_static; then
  get "${url[nginx]}" "$run_dir/got" -H 'Accept-Encoding: gzip'
  expect nginx gzip 200 gzip
  cmp -s "$run_dir/got" "$root_file.gz" || die "nginx did not answer Portico's gzip file (log: $run_dir/nginx-error.log)"
  etag_gz[nginx]=$(header ETag)
  header_bytes[nginx]=$got_header_bytes
  get "${url[nginx]}" "$run_dir/got" -H 'Accept-Encoding: gzip' -H "If-None-Match: ${etag_gz[nginx]}"
else
  get "${url[nginx]}" "$run_dir/got" -H "If-None-Match: ${etag_id[nginx]}"
fi
expect nginx revalidation 304 ""
bench_nginx_find_pids
echo "    (master and workers: $nginx_pids)"

# ---- load: warm-ups, then the measured runs, nginx and Portico taking turns -------------------------------------------
# Taking turns round by round spreads the other load of a shared machine over both servers alike.
bench_label_width=8
for c in $cases; do (( ${#c} + 8 > bench_label_width )) && bench_label_width=$(( ${#c} + 8 )); done
for c in $cases; do
  bench_warm_up "nginx/$c" asset_wrk nginx "$c"
  bench_warm_up "portico/$c" asset_wrk portico "$c"
  if [[ -n $floor_extra && $c == revalidate ]]; then bench_warm_up "floor/$c" asset_wrk floor "$c"; fi
done
for round in $(seq 1 "$rounds"); do
  for c in $cases; do
    bench_measure "$round" "nginx/$c" "$nginx_pids" asset_wrk nginx "$c"
    bench_measure "$round" "portico/$c" "$portico_pid" asset_wrk portico "$c"
    if [[ -n $floor_extra && $c == revalidate ]]; then bench_measure "$round" "floor/$c" "$portico_pid" asset_wrk floor "$c"; fi
  done
done

# ---- comparison, case by case -----------------------------------------------------------------------------------------
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report=$work_dir/results/assets-$stamp.md
goals_met=true
[[ -z ${asset_skipped:-} ]] || goals_met=false
{
  bench_report_head "Fingerprinted asset, $stamp" "$invocation
(effective: --threads $threads --connections $connections --duration $duration --warmup $warmup --rounds $rounds --cases \"$cases\" --asset '$asset_pattern')
$facts"
  echo "asset: \`$asset_path\`, $length_id bytes, $length_gz gzipped (the same files from both servers)."
  echo "headers of a gzip answer: Portico ${header_bytes[portico]} bytes, nginx ${header_bytes[nginx]:--} bytes (Portico's carry its security headers too)."
  [[ -z ${asset_skipped:-} ]] || echo "**$asset_skipped.**"
  for c in $cases; do
    case_setup nginx "$c"
    echo
    echo "### $c: $case_what"
    echo
    bench_verdict "nginx/$c" nginx "portico/$c" Portico "${GOAL[$c]}" "no comparison"
    ${COUNTS[$c]} || verdict+=" (reported only: not one of issue 12's goals)"
    bench_comparison "nginx/$c" nginx true "portico/$c" Portico true "$([[ $c == revalidate ]] && echo "$floor_extra")"
    if [[ -n $floor_extra && $c == revalidate && -n $(bench_median_rps floor/revalidate) ]]; then
      echo "Portico / Undertow-floor: $(awk -v p="$(bench_median_rps portico/revalidate)" -v f="$(bench_median_rps floor/revalidate)" 'BEGIN {printf "%.3f", p / f}') — the floor is what the same server answers at most with a constant 304 and no work at all"
    fi
    if ${COUNTS[$c]} && [[ $verdict != "goal met"* ]]; then goals_met=false; fi
  done
  echo
  bench_report_legend
  echo "Goals (issue 12): asset ≥ 0.7×, revalidate ≥ 0.8× nginx's median req/s; $($goals_met && $clean && echo "**all met**" || echo "**not all met**")."
} >"$report"
echo
cat "$report"
echo
echo "(written to $report)"

$clean && $goals_met

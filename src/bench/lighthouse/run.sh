#!/usr/bin/env bash
# Lighthouse on the run command's portal (issue 12): the login page and alice's home page, scored by Lighthouse 12
# (its default mobile profile: simulated slow 4G and a 4× slower CPU) in this machine's Chromium. The goal:
# performance ≥ 95 on the login page and ≥ 90 on the home page; accessibility and best practices ≥ 95 on both.
#
# What it does, in order:
#   1. logs alice in through the real login form (curl) and opens both pages once, so that the server's first-use
#      costs (a fresh deployment's first render, brotli compressing each asset once) are paid before measuring: a
#      visitor of a running portal never pays them;
#   2. runs Lighthouse --rounds times per page, taking turns (npx lighthouse@12 from the npm registry; CHROME_PATH
#      defaults to /usr/bin/chromium), the home page with alice's session cookie;
#   3. prints each run's four category scores and the median per page, writes the JSON reports and a table under
#      <work dir>/results/, and checks the medians against the goal.
#
# Exit status: 0 the goal met; 1 setup failed or the goal was not met; 2 bad usage.
set -euo pipefail

readonly SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
# shellcheck source=../lib.sh
source "$SCRIPT_DIR/../lib.sh"

portico_base=${PORTICO_BASE:-http://127.0.0.1:8080}
portico_user=${PORTICO_USER:-alice}
portico_password=${PORTICO_PASSWORD:-portico-demo}
rounds=${BENCH_ROUNDS:-3}
work_dir=${BENCH_WORK_DIR:-$REPO_ROOT/target/bench}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

usage() {
  cat <<EOF
Usage: $0 [options]

Scores the login page and $portico_user's home page of a running Portico with Lighthouse 12 (mobile profile).

  --portico URL     Portico's base URL          (PORTICO_BASE, default http://127.0.0.1:8080)
  --user NAME       the logged-in user          (PORTICO_USER, default alice; password PORTICO_PASSWORD)
  --rounds N        Lighthouse runs per page    (BENCH_ROUNDS, default 3; the median counts)
  --work-dir DIR    reports and results         (BENCH_WORK_DIR, default target/bench)
  -h, --help        this text

Needs curl, node with npx (npm registry reachable, or lighthouse@12 in npx's cache) and Chromium (CHROME_PATH).
Usage: $0 [options]

Scores the login page and $portico_user's home page of a running Portico with Lighthouse 12 (mobile profile).

  --portico URL     Portico's base URL          (PORTICO_BASE, default http://127.0.0.1:8080)
  --user NAME       the logged-in user          (PORTICO_USER, default alice; password PORTICO_PASSWORD)
  --rounds N        Lighthouse runs per page    (BENCH_ROUNDS, default 3; the median counts)
  --work-dir DIR    reports and results         (BENCH_WORK_DIR, default target/bench)
  -h, --help        this text

Needs curl, node with npx (npm registry reachable, or lighthouse@12 in npx's cache) and Chromium (CHROME_PATH).
EOF
}

while (($#)); do
  case $1 in
    --portico) portico_base=${2:?}; shift ;;
    --user) portico_user=${2:?}; shift ;;
    --rounds) rounds=${2:?}; shift ;;
    --work-dir) work_dir=${2:?}; shift ;;
    -h|--help) usage; exit 0 ;;
    *) die_usage "unknown option '$1'" ;;
  esac
  shift
done
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die_usage "--rounds must be a positive whole number, got '$rounds'"
bench_require_tools "apt-get install curl nodejs npm chromium" curl npx node
[[ -x $CHROME_PATH ]] || die "no Chromium at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)"

stamp=$(date -u +%Y%m%dT%H%M%SZ)
out_dir=$work_dir/lighthouse-$stamp
mkdir -p "$out_dir" "$work_dir/results"
jar=$out_dir/cookies.txt

log "Logging $portico_user in at $portico_base, and opening both pages once"
portico_login "$portico_base" "$jar" "$portico_user" "$portico_password" || die "could not log $portico_user in"
cookie=$(cookie_header "$jar")
for page in /login.xhtml /home.xhtml; do
  curl -sS -m 60 -o /dev/null --compressed -b "$jar" "$portico_base$page"
done
sleep 5 # the assets the pages name are compressed in the background

# lighthouse label url [extra options...]: one run; prints "performance accessibility best-practices seo | metrics"
lighthouse() {
  local label=$1 url=$2 report
  shift 2
  report=$out_dir/$label.json
  npx -y lighthouse@12 "$url" --quiet --chrome-flags="--headless=new --no-sandbox" --output=json \
    --output-path="$report" "$@" >"$out_dir/$label.log" 2>&1 \
    || die "Lighthouse failed on $url, see $out_dir/$label.log"
  node -e 'const r = require(process.argv[1]); const c = r.categories;
           if (/login\.xhtml/.test(r.finalDisplayedUrl) && !/login\.xhtml/.test(r.requestedUrl)) {
             console.error("ended on the login page: the session cookie was not taken"); process.exit(1);
           }
           console.log(["performance", "accessibility", "best-practices", "seo"]
             .map(k => Math.round(c[k].score * 100)).join(" "),
             "| FCP", r.audits["first-contentful-paint"].displayValue,
             "LCP", r.audits["largest-contentful-paint"].displayValue,
             "TBT", r.audits["total-blocking-time"].displayValue,
             "CLS", r.audits["cumulative-layout-shift"].displayValue)' "$report" \
    || die "$url: see $report"
}

declare -A scores
for ((round = 1; round <= rounds; round++)); do
  log "Round $round of $rounds"
  scores[login:$round]=$(lighthouse "login-$round" "$portico_base/login.xhtml")
  echo "login: ${scores[login:$round]}"
  scores[home:$round]=$(lighthouse "home-$round" "$portico_base/home.xhtml" \
    --extra-headers="{\"Cookie\": \"$cookie\"}")
  echo "home:  ${scores[home:$round]}"
done

# median page column: the median of one score over the rounds
median() {
  local page=$1 column=$2 round
  for ((round = 1; round <= rounds; round++)); do
    awk -v c="$column" '{ print $c }' <<<"${scores[$page:$round]}"
  done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

result=$work_dir/results/lighthouse-$stamp.md
{
  echo "# Lighthouse 12, $stamp ($portico_base, mobile profile, $rounds rounds)"
  echo
  echo "| page | round | performance | accessibility | best practices | SEO | metrics |"
  echo "|---|---|---|---|---|---|---|"
  for page in login home; do
    for ((round = 1; round <= rounds; round++)); do
      read -r p a b s rest <<<"${scores[$page:$round]}"
      echo "| $page | $round | $p | $a | $b | $s | ${rest#| } |"
    done
    echo "| **$page** | median | **$(median "$page" 1)** | **$(median "$page" 2)** | **$(median "$page" 3)** | $(median "$page" 4) | |"
  done
} >"$result"
echo
cat "$result"

met=true
(( $(median login 1) >= 95 )) || { echo "login performance below 95"; met=false; }
(( $(median home 1) >= 90 )) || { echo "home performance below 90"; met=false; }
for page in login home; do
  (( $(median "$page" 2) >= 95 )) || { echo "$page accessibility below 95"; met=false; }
  (( $(median "$page" 3) >= 95 )) || { echo "$page best practices below 95"; met=false; }
done
echo
if $met; then echo "Goal met (reports in $out_dir)"; else echo "Goal NOT met (reports in $out_dir)"; exit 1; fi

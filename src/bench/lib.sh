# Shared by the benchmark scripts under src/bench/ (sourced, never run on its own): the load options and their checks,
# machine facts, wrk runs that parse the RESULT line of a benchmark's Lua script (see lib.lua), CPU time per request,
# browsers.py runs (an open schedule at a fixed rate), the verdict against the goal and the report, the traps, stopping a
# server's process group, a throwaway nginx of the script's own (options, configuration, start), reading a JWT for the log, logging in to Portico through its real login form with curl, and
# its admin API.
#
# Sourcing it only defines functions. The functions read and write these variables of the script that sources it:
#   threads connections duration warmup rounds   the load (bench_load_defaults, bench_load_option)
#   wrk_pid                                      the running wrk, for the script's clean-up trap (bench_stop_wrk)
#   clean                                        false once a measured run had errors
#   result_rps result_p50 result_p90 result_p99 result_max result_requests result_errors result_cpu result_load
#                                                associative arrays keyed "<label>:<round>" (bench_measure)
#   last_rps last_p50 last_p90 last_p99 last_max last_requests last_bad last_socket   the latest wrk run (bench_wrk)
#                                                or browsers.py run (bench_browsers; also last_tiles, its TILES line)
#   reference_median other_median ratio verdict  the comparison (bench_verdict, read by bench_report)
#   portico_pid                                  Portico's server JVM, checked (bench_check_portico_pid)
#   nginx_bin nginx_port nginx_workers nginx_default_port   the nginx options (bench_nginx_defaults, bench_nginx_option)
#   nginx_pid nginx_pids                         the nginx started (bench_nginx_start; its master and workers, bench_nginx_find_pids)
#   bench_label_width                            width of the table's server column (default 8)

die_usage() { echo "$0: $*" >&2; echo "Try: $0 --help" >&2; exit 2; }
die() { echo >&2; echo "FAILED: $*" >&2; exit 1; }
log() { printf '\n==> %s\n' "$*"; }

# ---- the load: wrk's threads, connections, run lengths and rounds ------------------------------------------------------
bench_load_defaults() {
  threads=${BENCH_THREADS:-2}
  connections=${BENCH_CONNECTIONS:-16}
  duration=${BENCH_DURATION:-30s}
  warmup=${BENCH_WARMUP:-30s}
  rounds=${BENCH_ROUNDS:-1}
  wrk_pid=""
  clean=true
  declare -gA result_rps result_p50 result_p90 result_p99 result_max result_requests result_errors result_cpu result_load
}

bench_load_usage() { # "who takes turns", e.g. "Keycloak and Portico"
  cat <<EOF
Load (wrk):
  --threads N              wrk threads                      (BENCH_THREADS, default 2)
  --connections N          open connections                 (BENCH_CONNECTIONS, default 16)
  --duration D             measured run, wrk syntax: 30s 2m (BENCH_DURATION, default 30s)
  --warmup D               warm-up run per server before the first measured run, not counted (BENCH_WARMUP, 30s)
  --rounds N               measured runs per server, $1 taking turns; the table gives each and
                           the ratio uses the medians (BENCH_ROUNDS, default 1; 3 for figures worth recording)
EOF
}

bench_load_option() { # option value: sets the load variable of the option; returns 1 for an option of another kind
  case $1 in
    --threads) threads=$2 ;;
    --connections) connections=$2 ;;
    --duration) duration=$2 ;;
    --warmup) warmup=$2 ;;
    --rounds) rounds=$2 ;;
    *) return 1 ;;
  esac
}

bench_check_load() {
  [[ $threads =~ ^[1-9][0-9]*$ ]] || die_usage "--threads must be a positive whole number such as 2, got '$threads'"
  [[ $connections =~ ^[1-9][0-9]*$ ]] || die_usage "--connections must be a positive whole number such as 16, got '$connections'"
  (( connections >= threads )) || die_usage "--connections ($connections) must be at least --threads ($threads): wrk gives each thread one or more connections"
  [[ $duration =~ ^[1-9][0-9]*[smh]$ ]] || die_usage "--duration must look like 30s, 2m or 1h, got '$duration'"
  [[ $rounds =~ ^[1-9][0-9]?$ ]] || die_usage "--rounds must be a whole number from 1 to 99, got '$rounds'"
  [[ $warmup =~ ^[0-9]+[smh]$ ]] || die_usage "--warmup must look like 15s or 0s (no warm-up), got '$warmup'"
}

bench_check_port() { # value what: a TCP port a server of ours may listen on
  [[ $1 =~ ^[0-9]+$ ]] && (( $1 >= 1024 && $1 <= 65535 )) || die_usage "$2 must be a number between 1024 and 65535, got '$1'"
}

bench_require_tools() { # "how to install them" tool...
  local hint=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || die "'$tool' is not installed ($hint)"
  done
}

# The command as given, for the report, with the values of the named options masked: masked-options command args...
bench_invocation() {
  local masked=" $1 " line=$2 hide=false arg
  shift 2
  for arg in "$@"; do
    if $hide; then line+=" '***'"; hide=false; continue; fi
    [[ $masked == *" $arg "* ]] && hide=true
    line+=" $(printf '%q' "$arg")"
  done
  printf '%s' "$line"
}

# --portico-pid: empty (not given), or the process id of Portico's running server JVM, whose CPU time the table gives.
# With Portico's root URL, "auto" is allowed too: the process listening on that URL's port, found with ss (iproute2).
bench_check_portico_pid() { # [url: allows "auto"]
  local port
  if (( $# )) && [[ $portico_pid == auto ]]; then
    bench_require_tools "Debian: apt-get install iproute2" ss
    port=${1##*:}
    [[ $port =~ ^[0-9]+$ ]] || port=80
    portico_pid=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2) || true
    [[ -n $portico_pid ]] || die_usage "--portico-pid auto: no process found listening on port $port (is Portico running? ss needs root to name it)"
  fi
  if [[ -n $portico_pid ]]; then
    [[ $portico_pid =~ ^[0-9]+$ ]] && [[ -r /proc/$portico_pid/stat ]] \
      || die_usage "--portico-pid must be the process id of Portico's running server JVM${1:+ (or auto)}, got '$portico_pid'"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---- the machine ---------------------------------------------------------------------------------------------------------
machine_facts() { # [more lines about the servers, printed before the load average]
  echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu:      $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "memory:   $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo "wrk:      $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}')"
  if (( $# )); then printf '%s\n' "$@"; fi
  echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) before the runs"
}

bench_warn_if_busy() {
  local load_now
  load_now=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load_now" -v n="$(nproc)" 'BEGIN {exit !(l > n / 2)}'; then
    echo "WARNING: this machine is not idle (load average $load_now on $(nproc) cores): expect low, noisy figures." \
         "Record them only from an otherwise idle machine, or say so next to them." >&2
  fi
}

# CPU time (user + system) the given processes have used so far, summed, in milliseconds; empty when none is running.
cpu_ms() { # pid...
  local files=() pid
  for pid in "$@"; do
    if [[ -r /proc/$pid/stat ]]; then files+=("/proc/$pid/stat"); fi
  done
  (( ${#files[@]} )) || return 0
  # fields after the ")" that closes the command name: utime is the 12th, stime the 13th
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); t += $12 + $13 } END { printf "%d", t * 1000 / hz }' "${files[@]}"
}

# ---- wrk runs ------------------------------------------------------------------------------------------------------------
# One wrk run with the Lua script, in the environment of the caller (which passes the script's variables as
# VAR=value prefixes). wrk runs in the background so that INT/TERM reach the caller's trap at once and wrk is stopped
# with it (bench_stop_wrk). Prints wrk's output indented and sets last_* from the RESULT line.
bench_wrk() { # label lua-script url duration
  local label=$1 out line
  out=$(mktemp)
  wrk -t"$threads" -c"$connections" -d"$4" --timeout 10s --latency -s "$2" "$3" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$out"; rm -f "$out"; die "wrk failed against $label"; }
  wrk_pid=""
  sed 's/^/    /' "$out"
  line=$(grep '^RESULT ' "$out") || { rm -f "$out"; die "wrk printed no RESULT line for $label (see above)"; }
  rm -f "$out"
  field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$line"; }
  last_rps=$(field rps); last_p50=$(field p50_ms); last_p90=$(field p90_ms); last_p99=$(field p99_ms)
  last_max=$(field max_ms); last_requests=$(field requests)
  last_bad=$(field bad_responses); last_socket=$(field socket_errors)
}

bench_stop_wrk() {
  if [[ -n ${wrk_pid:-} ]] && kill -0 "$wrk_pid" 2>/dev/null; then kill -TERM "$wrk_pid" 2>/dev/null || true; fi
}

# A warm-up run, not counted; errors in it stop the benchmark. command... is called with the length appended and must
# end in bench_wrk.
bench_warm_up() { # label command...
  local label=$1
  shift
  [[ $warmup == 0[smh] ]] && return 0
  log "$label: warm-up, $warmup (not counted)"
  "$@" "$warmup"
  (( last_bad == 0 && last_socket == 0 )) \
    || die "$label answered $last_bad bad responses and had $last_socket socket errors during the warm-up; fix that before measuring"
}

# A measured run: its figures go into result_*[label:round]; "server pids" (may be empty) give the CPU time per
# request. command... as for bench_warm_up.
bench_measure() { # round label "server pids" command...
  local round=$1 label=$2 pids=$3 key="$2:$1" cpu_before cpu_after
  shift 3
  result_load[$key]=$(cut -d' ' -f1 /proc/loadavg)
  log "$label, round $round/$rounds: measured run, ${bench_load_label:-wrk -t$threads -c$connections} -d$duration (load avg before: ${result_load[$key]})"
  # shellcheck disable=SC2086 # a list of pids
  cpu_before=$(cpu_ms $pids)
  "$@" "$duration"
  # shellcheck disable=SC2086
  cpu_after=$(cpu_ms $pids)
  result_cpu[$key]=-
  if [[ -n $cpu_before && -n $cpu_after ]] && (( last_requests > 0 )); then
    result_cpu[$key]=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$last_requests" 'BEGIN {printf "%.3f", (b - a) / n}')
    echo "    server CPU: $(( cpu_after - cpu_before )) ms for $last_requests requests = ${result_cpu[$key]} ms each"
  fi
  result_rps[$key]=$last_rps; result_p50[$key]=$last_p50; result_p90[$key]=$last_p90; result_p99[$key]=$last_p99
  result_max[$key]=$last_max; result_requests[$key]=$last_requests; result_errors[$key]=$(( last_bad + last_socket ))
  if (( last_bad > 0 || last_socket > 0 )); then
    clean=false
    echo "!!! $label: $last_bad bad responses, $last_socket socket errors: these figures are NOT valid" >&2
  fi
}

# ---- browsers.py runs ------------------------------------------------------------------------------------------------------
# A wrk-style length (30s, 2m, 1h) in seconds.
bench_seconds() {
  local n=${1%[smh]}
  case ${1: -1} in s) echo "$n" ;; m) echo $(( n * 60 )) ;; h) echo $(( n * 3600 )) ;; esac
}

bench_field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; } # name result-line: the value of name=value in it

# One run of browsers.py (beside this file: page views at a fixed rate on an open schedule, each followed by the tiles
# its page left to the browser), in the background as bench_wrk runs wrk, so that the caller's trap stops it
# (bench_stop_wrk); the length comes last (bench_warm_up and bench_measure append it). Prints its output indented and
# sets last_* from its RESULT line, the tiles' bad answers and failures counted in, and last_tiles to its TILES line.
bench_browsers() { # label browsers.py-options... length
  local label=$1 length=${!#} out line
  out=$(mktemp)
  python3 "$(dirname "${BASH_SOURCE[0]}")/browsers.py" --label "$label" "${@:2:$#-2}" --duration "$length" >"$out" 2>&1 &
  wrk_pid=$!
  wait "$wrk_pid" || { cat "$out"; rm -f "$out"; die "browsers.py failed against $label"; }
  wrk_pid=""
  sed 's/^/    /' "$out"
  line=$(grep '^RESULT ' "$out") || { rm -f "$out"; die "browsers.py printed no RESULT line for $label (see above)"; }
  last_tiles=$(grep '^TILES ' "$out") || { rm -f "$out"; die "browsers.py printed no TILES line for $label (see above)"; }
  rm -f "$out"
  last_rps=$(bench_field rps "$line"); last_p50=$(bench_field p50_ms "$line"); last_p90=$(bench_field p90_ms "$line")
  last_p99=$(bench_field p99_ms "$line"); last_max=$(bench_field max_ms "$line"); last_requests=$(bench_field requests "$line")
  last_bad=$(( $(bench_field bad_responses "$line") + $(bench_field bad "$last_tiles") ))
  last_socket=$(( $(bench_field socket_errors "$line") + $(bench_field errors "$last_tiles") ))
}

# ---- the results table ---------------------------------------------------------------------------------------------------
bench_median_rps() { # label: the median requests per second of its measured rounds; empty when it has none
  local r
  for r in $(seq 1 "$rounds"); do
    if [[ -n ${result_rps[$1:$r]:-} ]]; then echo "${result_rps[$1:$r]}"; fi
  done | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Compares the median requests per second of the other server to the reference's against the goal (a factor);
# sets reference_median, other_median, ratio and verdict. A measured run with errors makes the verdict INVALID.
bench_verdict() { # reference Reference other Other goal "why there is no comparison, when there is none"
  reference_median=$(bench_median_rps "$1")
  other_median=$(bench_median_rps "$3")
  ratio="n/a"
  verdict=$6
  if [[ -n $reference_median && -n $other_median ]]; then
    ratio=$(awk -v o="$other_median" -v r="$reference_median" 'BEGIN {printf "%.3f", o / r}')
    # compared unrounded: 0.4996 is printed as 0.500 but does not meet 0.5
    verdict=$(awk -v a="$other_median" -v b="$reference_median" -v g="$5" -v o="$4" -v r="$2" \
      'BEGIN {print (a / b >= g ? "goal met (" o " ≥ " g "× " r ")" : "goal NOT met (" o " < " g "× " r ")")}')
  fi
  if ! $clean; then verdict="INVALID: a measured run had errors, see above"; fi
}

# The report of a run: the command and the machine, the table of both servers round by round (a row of dashes for
# one not measured), the medians and the verdict of bench_verdict; printed and written to the file.
# Further servers measured beside the two (a baseline, say) come as "label:Name" words in [extras]: a row of each per
# round when it was measured, and its median and share of the reference's after the verdict.
bench_report() { # file heading reference Reference reference-measured(true|false) other Other other-measured details [note] [extras]
  local file=$1 note=${10:-}
  {
    bench_report_head "$2" "$9"
    bench_comparison "$3" "$4" "$5" "$6" "$7" "$8" "${11:-}"
    echo
    bench_report_legend
    if [[ -n $note ]]; then echo "$note"; fi
  } | tee "$file"
  echo
  echo "(written to $file)"
}

# The parts of a report, for a script that compares several cases in one: its heading and details (the command, the
# machine) with the load average after the runs ...
bench_report_head() { # heading details
  echo "## $1"
  echo
  echo '```'
  echo "$2"
  echo "load avg: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) after the runs"
  echo '```'
  echo
}

# ... a comparison: the table round by round, the medians and the verdict of bench_verdict, the extras ...
bench_comparison() { # reference Reference reference-measured other Other other-measured [extras]
  local ref=$1 ref_name=$2 ref_ready=$3 other=$4 other_name=$5 other_ready=$6 extras=${7:-} extra median r
  bench_table_header
  for r in $(seq 1 "$rounds"); do
    if $ref_ready; then bench_row "$ref" "$r"; fi
    if $other_ready; then bench_row "$other" "$r"; fi
    for extra in $extras; do
      if [[ -n ${result_rps["${extra%%:*}:$r"]:-} ]]; then bench_row "${extra%%:*}" "$r"; fi
    done
  done
  if ! $ref_ready; then bench_row "$ref" -; fi
  if ! $other_ready; then bench_row "$other" -; fi
  echo
  echo "median req/s: $ref_name ${reference_median:--}, $other_name ${other_median:--}; $other_name / $ref_name: **$ratio** — $verdict"
  for extra in $extras; do
    median=$(bench_median_rps "${extra%%:*}")
    [[ -n $median ]] || continue
    echo "median req/s: ${extra#*:} $median$([[ -n ${reference_median:-} ]] && awk -v m="$median" -v r="$reference_median" -v n="$ref_name" 'BEGIN {printf ", %.3f× %s", m / r, n}')"
  done
}

# ... and how to read the table's last columns.
bench_report_legend() {
  echo "CPU ms/req: CPU time of the server's processes during the measured run / requests answered (\"-\": pid unknown);"
  echo "load 1m: the machine's load average just before the run."
}

bench_table_header() {
  local w=${bench_label_width:-8} dashes
  printf -v dashes '%*s' "$w" ''
  printf '| %-*s | round |     req/s |   p50 ms |   p90 ms |   p99 ms |   max ms | requests | errors | CPU ms/req | load 1m |\n' "$w" server
  echo "|-${dashes// /-}-|------:|----------:|---------:|---------:|---------:|---------:|---------:|-------:|-----------:|--------:|"
}

bench_row() { # label round; dashes when that run did not happen
  local k="$1:$2" format="| %-${bench_label_width:-8}s | %5s | %9s | %8s | %8s | %8s | %8s | %8s | %6s | %10s | %7s |\n"
  if [[ -n ${result_rps[$k]:-} ]]; then
    # shellcheck disable=SC2059 # the format is ours
    printf "$format" "$1" "$2" "${result_rps[$k]}" "${result_p50[$k]}" "${result_p90[$k]}" "${result_p99[$k]}" \
      "${result_max[$k]}" "${result_requests[$k]}" "${result_errors[$k]}" "${result_cpu[$k]}" "${result_load[$k]}"
  else
    # shellcheck disable=SC2059
    printf "$format" "$1" "$2" - - - - - - - - -
  fi
}


# The script's clean-up function runs on every exit; Ctrl-C and SIGTERM exit with the usual 130 and 143.
bench_traps() { # clean-up function
  trap "$1" EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# ---- servers the script starts ---------------------------------------------------------------------------------------------
# Stops a process group started with setsid (the server and nothing else): SIGTERM, then SIGKILL after the grace time.
bench_stop_group() { # name pgid grace-seconds
  kill -0 -- "-$2" 2>/dev/null || return 0
  echo "==> stopping $1 (process group $2)"
  kill -TERM -- "-$2" 2>/dev/null || true
  local i
  for (( i = 0; i < $3 * 2; i++ )); do kill -0 -- "-$2" 2>/dev/null || return 0; sleep 0.5; done
  echo "$1 did not stop within $3 s of SIGTERM; sending SIGKILL to its process group" >&2
  kill -KILL -- "-$2" 2>/dev/null || true
}

# ---- a throwaway nginx of the script's own --------------------------------------------------------------------------------
# Started from a configuration the script writes into its run directory, as a child of the script in a process group
# of its own, and stopped by the script's clean-up (bench_stop_group nginx "$nginx_pid" 10); the system's nginx,
# /etc/nginx and /var/lib/nginx are not touched.
bench_nginx_defaults() { # default-port
  nginx_bin=${NGINX_BIN:-/usr/sbin/nginx}
  nginx_port=${NGINX_PORT:-$1}
  nginx_default_port=$1
  nginx_workers=${NGINX_WORKERS:-$(nproc)}
  nginx_pid=""
  nginx_pids=""
}

bench_nginx_usage() {
  cat <<EOF
  --nginx-bin PATH         the nginx binary                  (NGINX_BIN, default /usr/sbin/nginx)
  --nginx-port P           port on 127.0.0.1                 (NGINX_PORT, default $nginx_default_port)
  --nginx-workers N        worker processes                  (NGINX_WORKERS, default the number of cores: $(nproc))
EOF
}

bench_nginx_option() { # option value: sets the nginx variable of the option; returns 1 for an option of another kind
  case $1 in
    --nginx-bin) nginx_bin=$2 ;;
    --nginx-port) nginx_port=$2 ;;
    --nginx-workers) nginx_workers=$2 ;;
    *) return 1 ;;
  esac
}

bench_check_nginx() {
  bench_check_port "$nginx_port" --nginx-port
  [[ $nginx_workers =~ ^[1-9][0-9]?$ ]] || die_usage "--nginx-workers must be a whole number from 1 to 99, got '$nginx_workers'"
  [[ -x $nginx_bin ]] || die "no nginx at '$nginx_bin' (Debian: apt-get install nginx-light; or give --nginx-bin)"
}

bench_nginx_fact() { echo "nginx:    $("$nginx_bin" -v 2>&1 | sed 's/.*version: //'), $nginx_workers worker(s)"; }

# The whole nginx.conf around the script's own http-level directives and server blocks: one worker per core, access
# log off, keep-alive connections never closed by nginx, temporary files and pid inside the run directory.
bench_nginx_config() { # generator run-dir "http-level directives and server blocks"
  cat <<EOF
# Generated by $1 for one benchmark run (overwritten by the next); not the system's nginx.
daemon off;                        # the master stays a child of the script, which stops it
master_process on;
worker_processes $nginx_workers;               # one per core, as a tuned deployment runs it
pid $2/nginx.pid;
lock_file $2/nginx.lock;
error_log $2/nginx-error.log warn;

events {
    worker_connections 1024;
}

http {
    access_log off;                # Portico writes no access log either
    server_tokens off;
    keepalive_timeout 75s;
    keepalive_requests 1000000;    # like Undertow, never close a busy keep-alive connection (nginx's default: 1000)
    # Temporary files inside the work directory, never /var/lib/nginx.
    client_body_temp_path $2/tmp/body;
    proxy_temp_path $2/tmp/proxy;
    fastcgi_temp_path $2/tmp/fastcgi;
    uwsgi_temp_path $2/tmp/uwsgi;
    scgi_temp_path $2/tmp/scgi;

$3
}
EOF
}

# Writes the configuration to <run dir>/nginx.conf, has nginx check it, starts nginx from it and waits until it
# listens on 127.0.0.1:$nginx_port (10 s at most); sets nginx_pid (the master, the leader of its process group).
bench_nginx_start() { # run-dir configuration
  local run_dir=$1 check args
  port_in_use "$nginx_port" && die "port $nginx_port on 127.0.0.1 is taken; choose a free one with --nginx-port"
  mkdir -p "$run_dir/tmp"
  printf '%s\n' "$2" >"$run_dir/nginx.conf"
  args=(-p "$run_dir" -c "$run_dir/nginx.conf" -e "$run_dir/nginx-error.log")
  if ! check=$("$nginx_bin" -t -q "${args[@]}" 2>&1); then
    sed 's/^/    /' <<<"$check" >&2
    die "nginx refused the generated configuration $run_dir/nginx.conf (see above)"
  fi
  log "starting nginx on http://127.0.0.1:$nginx_port ($nginx_workers worker(s), configuration $run_dir/nginx.conf)"
  # setsid: the master and its workers get their own process group, which the clean-up stops as a whole.
  setsid "$nginx_bin" "${args[@]}" </dev/null >>"$run_dir/nginx-error.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 50); do
    port_in_use "$nginx_port" && break
    kill -0 "$nginx_pid" 2>/dev/null || { tail -20 "$run_dir/nginx-error.log" >&2; die "nginx exited during start-up (log: $run_dir/nginx-error.log)"; }
    sleep 0.2
  done
  port_in_use "$nginx_port" || die "nginx did not listen on 127.0.0.1:$nginx_port within 10 s (log: $run_dir/nginx-error.log)"
}

# The master and its workers, for the CPU time per request: call once nginx has answered (its workers are up).
bench_nginx_find_pids() {
  nginx_pids="$nginx_pid $(ps -o pid= --ppid "$nginx_pid" | tr -d ' ' | paste -sd ' ' -)"
}

# ---- tokens ----------------------------------------------------------------------------------------------------------------
jwt_claims() { # payload of a JWT as JSON, for the log; header instead with a second argument "header"
  local part=${1#*.}; part=${part%%.*}
  [[ ${2:-} == header ]] && part=${1%%.*}
  part=$(printf '%s' "$part" | tr '_-' '/+')
  while (( ${#part} % 4 )); do part+="="; done
  printf '%s' "$part" | base64 -d 2>/dev/null
}

# ---- Portico --------------------------------------------------------------------------------------------------------------
# Logs in through Portico's real login form, as a browser does: the login page for a session, its Faces view state
# and its CSP nonce (which PrimeFaces' script sends with every form, and without which a form shown again, as after a
# wrong password, is refused as expired), the form posted back, then home.xhtml must answer 200 (not a redirect to
# the login page). The session cookie lands in the curl cookie jar. On failure says why on stderr and returns 1; a
# Portico that does not answer at all returns 2, so that the caller can tell "not running" from "refused".
portico_login() { # base-url cookie-jar username password
  local base=$1 jar=$2 page view_state nonce out status message
  page=$(curl -sS -m 30 -c "$jar" -b "$jar" -w '\n%{http_code}' "$base/login.xhtml" 2>&1) \
    || { echo "no answer from $base/login.xhtml: ${page%$'\n'*}" >&2; return 2; }
  status=${page##*$'\n'}
  [[ $status == 200 ]] || { echo "GET $base/login.xhtml answered $status, expected 200 with the login form" >&2; return 1; }
  view_state=$(grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="//;s/"$//')
  [[ -n $view_state ]] || { echo "$base/login.xhtml has no jakarta.faces.ViewState field: is that Portico's login page?" >&2; return 1; }
  nonce=$(grep -o "PrimeFaces.csp.init('[^']*')" <<<"$page" | head -n 1 | sed "s/.*('//;s/')//")
  out=$(curl -sS -m 30 -c "$jar" -b "$jar" -w '\n%{http_code}' "$base/login.xhtml" \
        --data-urlencode login=login --data-urlencode "login:username=$3" --data-urlencode "login:password=$4" \
        --data-urlencode login:continue= --data-urlencode login:submit= --data-urlencode "jakarta.faces.ViewState=$view_state" \
        ${nonce:+--data-urlencode "primefaces.nonce=$nonce"} 2>&1) \
    || { echo "no answer from POST $base/login.xhtml: ${out%$'\n'*}" >&2; return 2; }
  status=${out##*$'\n'}
  if [[ $status != 30[123] ]]; then
    # The form's error messages (PrimeFaces renders them as ...-summary / ...-detail spans), else the page's title.
    message=$(grep -oE 'ui-message[s]?-error-(summary|detail)[^>]*>[^<]+' <<<"$out" | sed 's/.*>//' | sort -u | paste -sd ' ' -)
    [[ -n $message ]] || message="a page titled '$(grep -o '<title>[^<]*' <<<"$out" | head -n 1 | sed 's/<title>//')'"
    echo "login of '$3' at $base refused (POST login.xhtml answered $status, expected a redirect): $message" >&2
    return 1
  fi
  status=$(curl -sS -m 30 -o /dev/null -b "$jar" -w '%{http_code}' "$base/home.xhtml" 2>/dev/null) || status=000
  [[ $status == 200 ]] \
    || { echo "after logging in '$3', GET $base/home.xhtml answered $status, expected 200: the session did not stick" >&2; return 1; }
}

# Portico's admin API as the user of the cookie jar (logged in with portico_login): prints the answer's body; dies on
# a status other than 2xx. IF_MATCH in the environment is sent as If-Match.
portico_api() { # base-url cookie-jar method path [json]
  local out status
  out=$(curl -sS -m 30 -b "$2" -X "$3" -H "Origin: $1" -H 'Accept: application/json' \
        ${5:+-H 'Content-Type: application/json' --data-binary "$5"} ${IF_MATCH:+-H "If-Match: $IF_MATCH"} \
        -w '\n%{http_code}' "$1/api$4")
  status=${out##*$'\n'}
  [[ $status == 2?? ]] || die "$3 /api$4 answered $status: ${out%$'\n'*}"
  printf '%s' "${out%$'\n'*}"
}

# The cookies of a curl cookie jar as one Cookie header value ("name=value; name=value"), for wrk.
cookie_header() { # cookie-jar
  awk -F'\t' '/^#HttpOnly_/ { sub(/^#HttpOnly_/, "") } /^#/ || NF < 7 { next } { printf "%s%s=%s", sep, $6, $7; sep = "; " }' "$1"
}

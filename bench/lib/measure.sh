# One wrk run against one target, recorded as a JSON line in $RESULTS. Sourced by run.sh.
# Uses: WORK, RESULTS, BENCH_DIR, BENCH_PATH, BENCH_COOKIE, WRK_THREADS, TARGET_* (lib/targets.sh).

CLK_TCK=$(getconf CLK_TCK)

# measure NAME CONNS DURATION PHASE ROUND: proxied GETs with the token cookie; the target's CPU time and peak RSS
# are read from /proc around the run.
measure() {
  local name=$1 conns=$2 duration=$3 phase=$4 round=$5
  wrk_run "$name" "$conns" "$duration" "$phase" "$round" "$BENCH_DIR/lua/summary.lua" -H "Cookie: $BENCH_COOKIE" \
    "${TARGET_URL[$name]}$BENCH_PATH"
}

# measure_logins NAME CONNS DURATION PHASE ROUND: JSON logins posted to the gateway.
measure_logins() {
  local name=$1 conns=$2 duration=$3 phase=$4 round=$5
  # A login queued behind others behind the hashing gate may take seconds: that is queuing, not failure.
  wrk_run "$name" "$conns" "$duration" "$phase" "$round" "$BENCH_DIR/lua/login.lua" --timeout 30s \
    "${TARGET_URL[$name]}/auth/login"
}

wrk_run() {
  local name=$1 conns=$2 duration=$3 phase=$4 round=$5 script=$6; shift 6
  local pid=${TARGET_PID[$name]} threads=$((conns < WRK_THREADS ? conns : WRK_THREADS))
  local out="$WORK/wrk/${phase}-${name}-c${conns}-r${round}.txt" before after summary alloc_before alloc_after
  require_running "$name" "${TARGET_LOG[$name]}" || die "$name is not running"
  alloc_before=$(allocated_bytes "$name")
  before=$(cpu_ticks "$pid")
  wrk --threads "$threads" --connections "$conns" --duration "$duration" --latency --script "$script" "$@" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed against $name"; }
  after=$(cpu_ticks "$pid")
  alloc_after=$(allocated_bytes "$name")
  summary=$(sed -n 's/^BENCH_SUMMARY //p' "$out")
  [ -n "$summary" ] || { cat "$out" >&2; die "wrk printed no summary for $name"; }
  printf '{"phase":"%s","target":"%s","conns":%d,"round":%d,"cpu_ticks":%d,"clk_tck":%d,"peak_rss_kb":%d,"rss_kb":%d,"alloc_bytes":%s,"wrk":%s}\n' \
    "$phase" "$name" "$conns" "$round" $((after - before)) "$CLK_TCK" "$(peak_rss_kb "$pid")" "$(rss_kb "$pid")" \
    "$(alloc_delta "$alloc_before" "$alloc_after")" "$summary" >>"$RESULTS"
  log "$(printf '%-16s %-14s c=%-3d round %d: %s' "$phase" "$name" "$conns" "$round" "$(rate_of "$summary")")"
  # The gateway logs every request: past 50 MB, start its log afresh so a long run's disk use stays bounded.
  [ "$(stat -c %s "${TARGET_LOG[$name]}")" -lt 50000000 ] || truncate -s 0 "${TARGET_LOG[$name]}"
}

# allocated_bytes NAME: the bytes the target's .NET process has allocated so far (GET /_bench/allocated, see
# bench/README.md), or nothing for a target without the probe (nginx).
allocated_bytes() {
  [[ $1 == nginx ]] && return 0
  curl -sf --max-time 5 "${TARGET_URL[$1]}/_bench/allocated" || true
}

alloc_delta() {
  if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]]; then echo $(($2 - $1)); else echo null; fi
}

rate_of() {
  python3 -c 'import json, sys; s = json.loads(sys.argv[1]); print("%.0f req/s, p50 %d us, errors %s" % (
    s["requests"] / s["duration_us"] * 1e6, s["p50_us"], sum(s["errors"].values())))' "$1"
}

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
  local out="$WORK/wrk/${phase}-${name}-c${conns}-r${round}.txt" before after summary
  require_running "$name" "${TARGET_LOG[$name]}" || die "$name is not running"
  before=$(cpu_ticks "$pid")
  wrk --threads "$threads" --connections "$conns" --duration "$duration" --latency --script "$script" "$@" >"$out" 2>&1 \
    || { cat "$out" >&2; die "wrk failed against $name"; }
  after=$(cpu_ticks "$pid")
  summary=$(sed -n 's/^BENCH_SUMMARY //p' "$out")
  [ -n "$summary" ] || { cat "$out" >&2; die "wrk printed no summary for $name"; }
  printf '{"phase":"%s","target":"%s","conns":%d,"round":%d,"cpu_ticks":%d,"clk_tck":%d,"peak_rss_kb":%d,"wrk":%s}\n' \
    "$phase" "$name" "$conns" "$round" $((after - before)) "$CLK_TCK" "$(peak_rss_kb "$pid")" "$summary" >>"$RESULTS"
  log "$(printf '%-16s %-14s c=%-3d round %d: %s' "$phase" "$name" "$conns" "$round" "$(rate_of "$summary")")"
  # The gateway logs every request: past 50 MB, start its log afresh so a long run's disk use stays bounded.
  [ "$(stat -c %s "${TARGET_LOG[$name]}")" -lt 50000000 ] || truncate -s 0 "${TARGET_LOG[$name]}"
}

rate_of() {
  python3 -c 'import json, sys; s = json.loads(sys.argv[1]); print("%.0f req/s, p50 %d us, errors %s" % (
    s["requests"] / s["duration_us"] * 1e6, s["p50_us"], sum(s["errors"].values())))' "$1"
}

# The benchmark's phases, in the order run.sh calls them. Sourced by run.sh.
# Each phase appends JSON lines to $RESULTS (lib/measure.sh) for report.py.

# A first run per target lets the JIT tier up and the connection pools fill before anything is recorded.
phase_warmup() {
  local name
  for name in "${TARGETS[@]}"; do
    measure "$name" 32 "$BENCH_WARMUP" warmup 0
  done
  if ledger_on; then
    for name in "${LEDGER_STEPS[@]}"; do measure "$name" 32 "$BENCH_WARMUP" warmup 0; done
  fi
}

# Rounds of A B C D E at each connection count: the machine's drift hits every target alike within a round.
phase_proxy_rounds() {
  local round conns name
  for ((round = 1; round <= BENCH_ROUNDS; round++)); do
    for conns in $BENCH_CONNECTIONS; do
      for name in "${TARGETS[@]}"; do
        measure "$name" "$conns" "$BENCH_DURATION" proxy "$round"
      done
    done
  done
}

# The cost ledger: bare YARP, the shipped gateway and each ledger step in interleaved rounds at 32 connections.
phase_ledger() {
  local round name
  for ((round = 1; round <= BENCH_LEDGER_ROUNDS; round++)); do
    for name in bare-yarp gateway-memory "${LEDGER_STEPS[@]}"; do
      measure "$name" 32 "$BENCH_DURATION" ledger "$round"
    done
  done
}

# Login latency with one client, and logins/s with a few, at the gateway's configured hashing cost.
phase_logins() {
  measure_logins gateway-memory 1 "$BENCH_DURATION" login 1
  measure_logins gateway-memory "$BENCH_LOGIN_CONNS" "$BENCH_DURATION" login 1
}

# Proxied throughput alone, then again while a flood of logins runs, in alternation: the report divides each
# flooded run by the plain run just before it.
phase_login_flood() {
  local round flood_pid seconds
  seconds=$(seconds_of "$BENCH_DURATION")
  for ((round = 1; round <= BENCH_FLOOD_ROUNDS; round++)); do
    measure gateway-memory 32 "$BENCH_DURATION" flood-baseline "$round"
    # The flood starts half a second early and ends a second late, so it covers the whole proxied run.
    measure_logins gateway-memory "$BENCH_FLOOD_CONNS" "$((seconds + 1))s" flood-logins "$round" &
    flood_pid=$!
    sleep 0.5
    measure gateway-memory 32 "$BENCH_DURATION" flood "$round"
    wait "$flood_pid" || die "the login flood failed"
  done
}

# Logout on gateway-redis (A) enforced by a second instance (B) sharing the same Redis, data folder and key.
phase_logout_propagation() {
  local port=$1
  start_gateway gateway-redis-b "$port" "$GATEWAY_CONFIG" --Gateway:Redis:Configuration "127.0.0.1:$REDIS_PORT"
  python3 "$BENCH_DIR/logout_propagation.py" --a "${TARGET_URL[gateway-redis]}" --b "${TARGET_URL[gateway-redis-b]}" \
    --username="$BENCH_USER" --password="$BENCH_PASSWORD" --path "$BENCH_PATH" \
    --trials "$BENCH_LOGOUT_TRIALS" --timeout 3 >>"$RESULTS" || die "the logout propagation test failed"
  log "logout propagation: $(tail -n 1 "$RESULTS")"
}

# seconds_of 10s|2m|15: the number of seconds in a wrk duration.
seconds_of() {
  case $1 in
    *s) echo "${1%s}" ;;
    *m) echo $((${1%m} * 60)) ;;
    *h) echo $((${1%h} * 3600)) ;;
    *) echo "$1" ;;
  esac
}

# The soak: BENCH_SOAK_DURATION at BENCH_SOAK_LOAD % of the gateway's peak throughput (the median of its 32-connection
# rounds, or of a short run when there were none), at a fixed rate (lua/paced.lua), with the RSS sampled every
# BENCH_SOAK_SAMPLE seconds.
phase_soak() {
  local peak rate samples sampler pid=${TARGET_PID[gateway-memory]}
  peak=$(python3 - "$RESULTS" <<'PY'
import json, statistics, sys
runs = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
rates = [r["wrk"]["requests"] / r["wrk"]["duration_us"] * 1e6 for r in runs
         if r.get("target") == "gateway-memory" and r.get("conns") == 32 and r["phase"] in ("proxy", "ledger")]
print(int(statistics.median(rates)) if rates else 0)
PY
)
  if [ "$peak" -eq 0 ]; then
    measure gateway-memory 32 "$BENCH_DURATION" soak-peak 1
    peak=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(int(r["wrk"]["requests"] / r["wrk"]["duration_us"] * 1e6))' "$(tail -n 1 "$RESULTS")")
  fi
  rate=$((peak * BENCH_SOAK_LOAD / 100))
  samples="$WORK/soak-rss.txt"
  log "soak: ${BENCH_SOAK_DURATION} at $rate req/s (${BENCH_SOAK_LOAD}% of $peak)"
  (
    start=$(date +%s.%N)
    while kill -0 "$pid" 2>/dev/null; do
      printf '%s %s\n' "$(python3 -c "import time; print(round(time.time() - $start, 1))")" "$(rss_kb "$pid")"
      sleep "$BENCH_SOAK_SAMPLE"
    done
  ) >"$samples" &
  sampler=$!
  BENCH_RATE=$rate BENCH_THREADS=$WRK_THREADS wrk_run gateway-memory 32 "$BENCH_SOAK_DURATION" soak 1 "$BENCH_DIR/lua/paced.lua" \
    -H "Cookie: $BENCH_COOKIE" "${TARGET_URL[gateway-memory]}$BENCH_PATH"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  python3 - "$samples" "$rate" "$peak" >>"$RESULTS" <<'PY'
import json, sys
samples = [tuple(float(v) for v in line.split()) for line in open(sys.argv[1]) if len(line.split()) == 2]
print(json.dumps({"phase": "soak-rss", "target_rate": int(sys.argv[2]), "peak_rate": int(sys.argv[3]),
                  "samples": [[t, int(kb)] for t, kb in samples]}))
PY
}

# 10,000 signed-in users: BENCH_USERS distinct tokens (mint_tokens.py) sent round robin (lua/tokens.lua), against the
# single token of the other phases, in alternation on gateway-memory.
phase_users() {
  local tokens="$WORK/tokens.txt" first status round
  GATEWAY_SIGNING_KEY=$GATEWAY_SIGNING_KEY python3 "$BENCH_DIR/mint_tokens.py" "$BENCH_USERS" >"$tokens"
  first=$(head -n 1 "$tokens")
  status=$(http_status "${TARGET_URL[gateway-memory]}$BENCH_PATH" -H "Cookie: gateway_token=$first")
  [ "$status" = 200 ] || die "gateway-memory answered $status to a token from mint_tokens.py, expected 200"
  # One pass through every token first, so the many-token rounds measure a warm cache, as the single token's do.
  BENCH_TOKENS=$tokens wrk_run gateway-memory 32 "$BENCH_WARMUP" users-warmup 0 "$BENCH_DIR/lua/tokens.lua" \
    "${TARGET_URL[gateway-memory]}$BENCH_PATH"
  for ((round = 1; round <= BENCH_USERS_ROUNDS; round++)); do
    measure gateway-memory 32 "$BENCH_DURATION" users-single "$round"
    BENCH_TOKENS=$tokens wrk_run gateway-memory 32 "$BENCH_DURATION" users-many "$round" "$BENCH_DIR/lua/tokens.lua" \
      "${TARGET_URL[gateway-memory]}$BENCH_PATH"
  done
}

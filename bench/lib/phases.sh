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
    --username "$BENCH_USER" --password "$BENCH_PASSWORD" --path "$BENCH_PATH" \
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

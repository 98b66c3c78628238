#!/usr/bin/env bash
# Benchmarks the gateway against the bare backend, bare YARP and nginx on this machine, all on 127.0.0.1,
# and writes a markdown report to bench/results/. See bench/README.md for the settings and how to read the report.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH_DIR")
for lib in common deps build configs processes targets measure auth phases hashing outage; do
  # shellcheck source=/dev/null
  source "$BENCH_DIR/lib/$lib.sh"
done

# Settings (environment variables).
BENCH_DURATION=${BENCH_DURATION:-10s}          # each measured wrk run
BENCH_ROUNDS=${BENCH_ROUNDS:-5}                # interleaved rounds over all targets
BENCH_WARMUP=${BENCH_WARMUP:-5s}               # one unrecorded run per target first
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-32 1}   # wrk connection counts
WRK_THREADS=${BENCH_WRK_THREADS:-2}            # wrk threads (at most one per connection)
BENCH_LOGIN_CONNS=${BENCH_LOGIN_CONNS:-4}      # clients for the logins/s figure
BENCH_FLOOD_CONNS=${BENCH_FLOOD_CONNS:-16}     # clients posting logins during the flood
BENCH_FLOOD_ROUNDS=${BENCH_FLOOD_ROUNDS:-3}    # plain/flooded pairs
BENCH_LOGOUT_TRIALS=${BENCH_LOGOUT_TRIALS:-20} # logouts timed across two instances
BENCH_PATH=${BENCH_PATH:-/bench/ping}          # a protected route (the gateway's catch-all)
BENCH_KEEP_WORK=${BENCH_KEEP_WORK:-0}          # 1 keeps the temp folder (configs, logs, raw wrk output)
read -r -a TARGETS <<<"${BENCH_TARGETS:-direct bare-yarp nginx gateway-memory gateway-metrics gateway-sliding-off gateway-assertion gateway-redis}"
BENCH_SCRAPE_INTERVAL=${BENCH_SCRAPE_INTERVAL:-5} # seconds between scrapes of gateway-metrics' /metrics
BENCH_LOGINS=${BENCH_LOGINS:-1}                # 0 skips the login and login-flood phases
BENCH_SOAK_DURATION=${BENCH_SOAK_DURATION:-60s} # the fixed-rate soak (0 skips it)
BENCH_SOAK_LOAD=${BENCH_SOAK_LOAD:-80}         # its rate, in % of the gateway's peak req/s
BENCH_SOAK_SAMPLE=${BENCH_SOAK_SAMPLE:-2}      # seconds between RSS samples during the soak
BENCH_OUTAGE_DURATION=${BENCH_OUTAGE_DURATION:-60s} # each run of the outage phase (0 skips it)
BENCH_OUTAGE_CONNS=${BENCH_OUTAGE_CONNS:-32}   # wrk connections against the backend that refuses connections
BENCH_OUTAGE_HANG_CONNS=${BENCH_OUTAGE_HANG_CONNS:-256} # and against the one that never answers
BENCH_OUTAGE_TIMEOUT=${BENCH_OUTAGE_TIMEOUT:-00:00:02} # both proxies' activity timeout in the outage phase
BENCH_OUTAGE_SAMPLE=${BENCH_OUTAGE_SAMPLE:-2}  # seconds between the outage phase's RSS samples
BENCH_OUTAGE_IDLE=${BENCH_OUTAGE_IDLE:-10}     # seconds of RSS samples after each outage run's load
BENCH_USERS=${BENCH_USERS:-10000}              # distinct signed-in users (tokens) of the users phase (0 skips it)
BENCH_USERS_ROUNDS=${BENCH_USERS_ROUNDS:-3}    # single-token / many-token pairs
BENCH_LEDGER_ROUNDS=${BENCH_LEDGER_ROUNDS:-3}  # rounds of the cost ledger (0 skips it; needs bare-yarp and gateway-memory)

BENCH_USER=bench-user
BENCH_PASSWORD=$(random_secret 18)
GATEWAY_SIGNING_KEY=$(random_secret 48)
export BENCH_USER BENCH_PASSWORD

WORK=$(mktemp -d -t gateway-bench.XXXXXX)
RESULTS=$WORK/results.jsonl

cleanup() {
  [ ${#STARTED_PIDS[@]} -eq 0 ] || log "stopping the ${#STARTED_PIDS[@]} processes this run started"
  stop_started
  if [ "$BENCH_KEEP_WORK" = 1 ]; then log "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ledger_on() { [ "$BENCH_LEDGER_ROUNDS" -gt 0 ] && has_target bare-yarp && has_target gateway-memory; }

has_target() {
  local name
  for name in "${TARGETS[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}

start_targets() {
  local ports
  mapfile -t ports < <(free_ports 20)
  BACKEND_PORT=${ports[0]} REDIS_PORT=${ports[5]} GATEWAY_B_PORT=${ports[6]}
  GATEWAY_CONFIG=$WORK/gateway.json
  write_proxy_json "$WORK/bare-yarp.json" "$BACKEND_PORT"
  write_gateway_json "$GATEWAY_CONFIG" "$BACKEND_PORT" "$WORK/data"
  write_nginx_conf "$WORK/nginx.conf" "$WORK/nginx" "${ports[2]}" "$BACKEND_PORT"

  start_backend "$BACKEND_PORT"
  has_target bare-yarp && start_bare_yarp "${ports[1]}" "$WORK/bare-yarp.json"
  has_target nginx && start_nginx "${ports[2]}" "$WORK/nginx.conf"
  # Gateways one after the other: they share the SQLite file, which the first one creates.
  has_target gateway-memory && start_gateway gateway-memory "${ports[3]}" "$GATEWAY_CONFIG"
  has_target gateway-assertion && start_gateway_assertion "${ports[10]}" "$GATEWAY_CONFIG"
  if has_target gateway-metrics; then
    start_gateway gateway-metrics "${ports[7]}" "$GATEWAY_CONFIG" --Gateway:Metrics:Url "http://127.0.0.1:${ports[9]}"
    start_scraper "http://127.0.0.1:${ports[9]}/metrics" "$BENCH_SCRAPE_INTERVAL"
  fi
  if ledger_on; then start_ledger "${ports[@]:11:8}"; fi
  has_target gateway-sliding-off && start_gateway gateway-sliding-off "${ports[8]}" "$GATEWAY_CONFIG" --Gateway:Session:Sliding false
  if has_target gateway-redis; then
    start_redis "$REDIS_PORT" "$WORK/redis"
    start_gateway gateway-redis "${ports[4]}" "$GATEWAY_CONFIG" --Gateway:Redis:Configuration "127.0.0.1:$REDIS_PORT"
    # The gateway says at start-up when it keeps revocations in memory; then the Redis target measures no Redis.
    if grep -q "kept in memory" "${TARGET_LOG[gateway-redis]}"; then
      printf '{"phase":"note","text":"gateway-redis ignored Gateway:Redis:Configuration: its start-up log says revocations are kept in memory."}\n' >>"$RESULTS"
    fi
  fi
}

sign_in() {
  local gateway
  for gateway in gateway-memory gateway-metrics gateway-sliding-off gateway-redis; do has_target "$gateway" && break; done
  has_target "$gateway" || { BENCH_COOKIE="gateway_token=none"; return; }
  create_user "${TARGET_URL[$gateway]}" "$BENCH_USER" "$BENCH_PASSWORD"
  BENCH_COOKIE="gateway_token=$(login_token "${TARGET_URL[$gateway]}" "$BENCH_USER" "$BENCH_PASSWORD")"
}

main() {
  mkdir -p "$WORK"/{logs,wrk,data}
  ensure_packages
  build_projects "$REPO" "$WORK/logs"
  NGINX=$(nginx_binary) python3 "$BENCH_DIR/machine_info.py" "$REPO" >>"$RESULTS"
  printf '{"phase":"settings","duration":"%s","rounds":%d,"warmup":"%s","connections":"%s","wrk_threads":%d,"path":"%s","login_conns":%d,"flood_conns":%d,"flood_rounds":%d,"password_iterations":"%s","users":%d}\n' \
    "$BENCH_DURATION" "$BENCH_ROUNDS" "$BENCH_WARMUP" "$BENCH_CONNECTIONS" "$WRK_THREADS" "$BENCH_PATH" \
    "$BENCH_LOGIN_CONNS" "$BENCH_FLOOD_CONNS" "$BENCH_FLOOD_ROUNDS" "${Gateway__Users__PasswordIterations:-gateway default}" "$BENCH_USERS" >>"$RESULTS"

  start_targets
  sign_in
  local name
  for name in "${TARGETS[@]}"; do check_protected "$name"; done
  if ledger_on; then for name in "${LEDGER_STEPS[@]}"; do check_protected "$name"; done; fi

  phase_warmup
  phase_proxy_rounds
  ledger_on && phase_ledger
  # The soak before the users phase, whose 10,000 cached tokens would count in the soak's RSS.
  if has_target gateway-memory && [ "$BENCH_SOAK_DURATION" != 0 ]; then phase_soak; fi
  # Its own processes, started and stopped by the phase; it needs bare YARP's build and the gateway's cookie.
  if has_target gateway-memory && [ "$BENCH_OUTAGE_DURATION" != 0 ]; then phase_outage; fi
  if has_target gateway-memory && [ "$BENCH_USERS" -gt 0 ]; then phase_users; fi
  if has_target gateway-metrics; then
    require_running scraper "${TARGET_LOG[scraper]}" || die "the /metrics scraper stopped; log: ${TARGET_LOG[scraper]}"
  fi
  phase_hash_cost
  if has_target gateway-memory && [ "$BENCH_LOGINS" = 1 ]; then
    phase_logins
    phase_login_flood
  fi
  has_target gateway-redis && phase_logout_propagation "$GATEWAY_B_PORT"
  local load1 load5 load15
  read -r load1 load5 load15 _ </proc/loadavg
  printf '{"phase":"end","loadavg_end":["%s","%s","%s"]}\n' "$load1" "$load5" "$load15" >>"$RESULTS"

  local report
  report="$BENCH_DIR/results/$(date -u +%Y-%m-%d-%H%M)-$(hostname -s)"
  mkdir -p "$BENCH_DIR/results"
  cp "$RESULTS" "$report.jsonl"
  python3 "$BENCH_DIR/report.py" "$RESULTS" >"$report.md"
  cat "$report.md"
  log "report: $report.md (raw results: $report.jsonl)"
}

main "$@"

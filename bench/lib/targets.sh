# Starts each benchmarked program on 127.0.0.1 and waits until it answers. Sourced by run.sh.
# Every target is recorded in TARGET_PID (lib/processes.sh), TARGET_URL and TARGET_LOG.

declare -A TARGET_URL=() TARGET_LOG=()

# start_target NAME PORT READY_PATH COMMAND...: starts COMMAND, then waits (30 s at most) for a 200 on READY_PATH,
# giving up at once if the process exits.
start_target() {
  local name=$1 port=$2 ready_path=$3 i; shift 3
  TARGET_URL[$name]="http://127.0.0.1:${port}"
  TARGET_LOG[$name]="$WORK/logs/${name}.log"
  start_process "$name" "${TARGET_LOG[$name]}" "$@"
  for ((i = 0; i < 150; i++)); do
    http_ok "${TARGET_URL[$name]}${ready_path}" && return 0
    require_running "$name" "${TARGET_LOG[$name]}" || die "$name exited during start-up"
    sleep 0.2
  done
  die "$name did not answer 200 on $ready_path within 30 s; log: ${TARGET_LOG[$name]}"
}

# start_scraper URL SECONDS: GETs URL every SECONDS, as Prometheus would; stops (and so fails the run's check) on an error.
start_scraper() {
  local url=$1 seconds=$2
  http_ok "$url" || die "the metrics listener did not answer 200 on $url"
  TARGET_LOG[scraper]="$WORK/logs/scraper.log"
  start_process scraper "${TARGET_LOG[scraper]}" bash -c \
    'while sleep "$2"; do curl -fsS -o /dev/null "$1" || { echo "scrape of $1 failed"; exit 1; }; done' scraper "$url" "$seconds"
}

start_backend() {
  start_target direct "$1" / dotnet "$BACKEND_DLL" --urls "http://127.0.0.1:$1"
}

start_bare_yarp() {
  local port=$1 config=$2
  start_target bare-yarp "$port" / dotnet "$BARE_YARP_DLL" --config "$config" --urls "http://127.0.0.1:$port"
}

start_nginx() {
  local port=$1 config=$2
  start_target nginx "$port" / "$(nginx_binary)" -c "$config" -g 'daemon off;'
}

# Redis for revocations only: no persistence, loopback only, its files in DIR.
start_redis() {
  local port=$1 dir=$2
  mkdir -p "$dir"
  TARGET_LOG[redis]="$WORK/logs/redis.log"
  start_process redis "${TARGET_LOG[redis]}" redis-server --port "$port" --bind 127.0.0.1 --save "" \
    --appendonly no --dir "$dir" --daemonize no --logfile ""
  wait_until 15 "redis on port $port" redis_answers "$port" || die "redis-server did not start; log: ${TARGET_LOG[redis]}"
}

redis_answers() {
  local port=$1 reply
  exec 9<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'PING\r\n' >&9
  read -r -t 2 reply <&9 || true
  exec 9>&-
  [[ $reply == +PONG* ]]
}

# start_gateway NAME PORT CONFIG [--Gateway:Section:Key VALUE ...]: the gateway in Production. Every instance gets the
# same signing key (GATEWAY_SIGNING_KEY), so a token from one is valid on the others; it goes through the environment
# of this call only, so it is neither logged nor seen by the other programs.
# The shipped gateway reads no benchmark switch: with the allocation probe (the default) or GATEWAY_BENCH_OFF set, it runs
# in the benchmark's own host (bench/StagedGateway), the same composition with those switches added.
start_gateway() {
  local name=$1 port=$2 config=$3; shift 3
  local dll=$GATEWAY_DLL
  if [[ ${GATEWAY_BENCH_PROBE:-1} != 0 || -n ${GATEWAY_BENCH_OFF:-} ]]; then dll=$STAGED_GATEWAY_DLL; fi
  ASPNETCORE_ENVIRONMENT=Production Gateway__Jwt__SigningKey=$GATEWAY_SIGNING_KEY GATEWAY_BENCH_PROBE=${GATEWAY_BENCH_PROBE:-1} \
    start_target "$name" "$port" /healthz dotnet "$dll" --config "$config" --urls "http://127.0.0.1:$port" "$@"
}

# gateway-assertion: gateway-memory that also signs an X-Gateway-Assertion for the backend (cached per token and cluster).
start_gateway_assertion() {
  start_gateway gateway-assertion "$1" "$2" --Gateway:Assertion:Enabled true
}

# The cost ledger (bench/README.md): each step switches off one more stage of the request path than the step before,
# through the benchmark-only GATEWAY_BENCH_OFF (and, for sliding, the real Gateway:Session:Sliding setting).
LEDGER_STEPS=(ledger-log ledger-metrics ledger-sliding ledger-revocation ledger-checks ledger-auth ledger-identity ledger-extras)
declare -A LEDGER_STAGE=(
  [ledger-log]=request-log [ledger-metrics]=metrics [ledger-sliding]=sliding [ledger-revocation]=revocation
  [ledger-checks]=checks [ledger-auth]=auth [ledger-identity]=identity [ledger-extras]=extras
)

# start_ledger PORT...: one gateway per step, on the given ports in order.
start_ledger() {
  local off="" sliding=() step stage i=0
  local ports=("$@")
  for step in "${LEDGER_STEPS[@]}"; do
    stage=${LEDGER_STAGE[$step]}
    if [ "$stage" = sliding ]; then
      sliding=(--Gateway:Session:Sliding false)
    else
      off=${off:+$off,}$stage
    fi
    GATEWAY_BENCH_OFF=$off start_gateway "$step" "${ports[i]}" "$GATEWAY_CONFIG" "${sliding[@]}"
    i=$((i + 1))
  done
}

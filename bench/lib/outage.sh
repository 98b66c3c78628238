# The outage phase: bare YARP and the gateway in front of a backend that refuses connections, then of one that
# accepts them and never answers; throughput, and the RSS from before the load to a while after it. Sourced by run.sh.

# phase_outage: each proxy is a fresh process per backend, so its RSS starts from its own start-up.
phase_outage() {
  local ports kind proxy
  mapfile -t ports < <(free_ports 2)
  # Nothing listens on ports[0]: the OS just handed it out and took it back.
  TARGET_LOG[hanging-backend]="$WORK/logs/hanging-backend.log"
  start_process hanging-backend "${TARGET_LOG[hanging-backend]}" python3 "$BENCH_DIR/hanging_backend.py" "${ports[1]}"
  wait_until 15 "the hanging backend on port ${ports[1]}" tcp_open "${ports[1]}" || die "the hanging backend did not start"
  for kind in refused hanging; do
    for proxy in bare-yarp gateway; do
      if [ "$kind" = refused ]; then outage_run "$kind" "$proxy" "${ports[0]}"; else outage_run "$kind" "$proxy" "${ports[1]}"; fi
    done
  done
  stop_process hanging-backend
}

tcp_open() { (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# outage_run KIND PROXY DESTINATION_PORT: PROXY (bare-yarp or gateway) in front of the failing backend, wrk for
# BENCH_OUTAGE_DURATION with the token cookie, then BENCH_OUTAGE_IDLE seconds without load; the RSS is sampled every
# BENCH_OUTAGE_SAMPLE seconds throughout. The gateway is the shipped binary (no allocation probe).
outage_run() {
  local kind=$1 proxy=$2 destination=$3 name="outage-$1-$2" port config conns expected status samples sampler pid
  port=$(free_ports 1)
  config="$WORK/$name.json"
  if [ "$kind" = refused ]; then conns=$BENCH_OUTAGE_CONNS expected=502; else conns=$BENCH_OUTAGE_HANG_CONNS expected=504; fi
  # The same activity timeout for both (a cluster's own wins over the gateway's Gateway:Proxy:Timeout).
  local timeout=(--ReverseProxy:Clusters:backend:HttpRequest:ActivityTimeout "$BENCH_OUTAGE_TIMEOUT")
  if [ "$proxy" = gateway ]; then
    write_gateway_json "$config" "$destination" "$WORK/data"
    GATEWAY_BENCH_PROBE=0 start_gateway "$name" "$port" "$config" "${timeout[@]}"
  else
    write_proxy_json "$config" "$destination"
    start_target "$name" "$port" /_bench/allocated dotnet "$BARE_YARP_DLL" --config "$config" --urls "http://127.0.0.1:$port" "${timeout[@]}"
  fi
  pid=${TARGET_PID[$name]}
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -H "Cookie: $BENCH_COOKIE" "${TARGET_URL[$name]}$BENCH_PATH" || true)
  [ "$status" = "$expected" ] || die "$name answered $status on $BENCH_PATH, expected $expected"

  samples="$WORK/$name-rss.txt"
  (
    start=$(date +%s%N)
    while kill -0 "$pid" 2>/dev/null; do
      printf '%s %s\n' "$((($(date +%s%N) - start) / 1000000))" "$(rss_kb "$pid")"
      # Both log every failed request: a long run's log starts afresh past 50 MB, so the disk use stays bounded.
      [ "$(stat -c %s "${TARGET_LOG[$name]}")" -lt 50000000 ] || truncate -s 0 "${TARGET_LOG[$name]}"
      sleep "$BENCH_OUTAGE_SAMPLE"
    done
  ) >"$samples" &
  sampler=$!
  log "outage: $name, $conns connections for $BENCH_OUTAGE_DURATION, then ${BENCH_OUTAGE_IDLE}s idle"
  wrk_run "$name" "$conns" "$BENCH_OUTAGE_DURATION" outage 1 "$BENCH_DIR/lua/summary.lua" --timeout 60s \
    -H "Cookie: $BENCH_COOKIE" "${TARGET_URL[$name]}$BENCH_PATH"
  sleep "$BENCH_OUTAGE_IDLE"
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  python3 - "$samples" "$kind" "$proxy" "$name" "$status" "$(seconds_of "$BENCH_OUTAGE_DURATION")" "$BENCH_OUTAGE_TIMEOUT" >>"$RESULTS" <<'PY'
import json, sys
path, kind, proxy, name, status, load_s, timeout = sys.argv[1:]
samples = [[int(ms) / 1000, int(kb)] for ms, kb in (line.split() for line in open(path) if len(line.split()) == 2)]
print(json.dumps({"phase": "outage-rss", "kind": kind, "proxy": proxy, "target": name, "status": int(status),
                  "load_s": int(load_s), "activity_timeout": timeout, "samples": samples}))
PY
  stop_process "$name"
}

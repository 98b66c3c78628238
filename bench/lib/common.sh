# Logging, free ports and bounded waiting. Sourced by run.sh.

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

die() { log "ERROR: $*"; exit 1; }

# Prints N distinct free TCP ports on 127.0.0.1, one per line. The sockets are held until all N are chosen,
# so the ports differ; another program could still take one before we bind it, which start-up would report.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
held = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    held.append(s)
print("\n".join(str(s.getsockname()[1]) for s in held))
for s in held:
    s.close()
PY
}

# wait_until SECONDS DESCRIPTION COMMAND...: retries COMMAND every 0.2 s, for at most SECONDS.
wait_until() {
  local seconds=$1 what=$2; shift 2
  local tries=$((seconds * 5)) i
  for ((i = 0; i < tries; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "gave up after ${seconds}s waiting for $what"
  return 1
}

# http_status URL [CURL ARGS...]: the status code of one GET (000 when nothing answered).
http_status() {
  local url=$1; shift
  curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" "$url" || true
}

# random_secret BYTES: that many random bytes, base64url without padding (safe in JSON, URLs and cookies).
random_secret() {
  head -c "$1" /dev/urandom | base64 -w0 | tr '+/' '-_' | tr -d '='
}

http_ok() { [ "$(http_status "$@")" = 200 ]; }

# Installs the Debian packages the benchmark drives, when they are missing.
# Sourced by run.sh.

# nginx and redis-server are run by hand, never as services: when the machine has no policy-rc.d,
# one that forbids starting services (Debian's documented mechanism, exit code 101) is in place during the install only.
ensure_packages() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet, version per global.json) must be on PATH"
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ -x "$(nginx_binary)" ] || missing+=(nginx-light)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] && return 0

  log "installing with apt-get: ${missing[*]}"
  local sudo="" policy=/usr/sbin/policy-rc.d added_policy=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Temporary, from bench/lib/deps.sh: keep apt-get from starting services.\nexit 101\n' \
      | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    added_policy=1
  fi
  local status=0
  $sudo apt-get update -qq || status=$?
  [ $status -eq 0 ] && { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?; }
  [ -n "$added_policy" ] && $sudo rm -f "$policy"
  [ $status -eq 0 ] || die "apt-get failed (exit $status) installing: ${missing[*]}"
}

# Debian puts nginx in /usr/sbin, which is not on a normal user's PATH.
nginx_binary() {
  command -v nginx 2>/dev/null || echo /usr/sbin/nginx
}

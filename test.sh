#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (redis-server, nginx, caddy, postgresql and Debian's chromium,
# via apt-get), then builds and runs Gateway.Tests against real Kestrel servers, a real SQLite file, real PostgreSQL,
# real Redis and real Chromium.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The forward-auth tests start Debian's nginx themselves, from /usr/sbin (not on a normal user's PATH), and its Caddy.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/caddy ] || missing+=(caddy)
# The PostgreSQL user-store tests run initdb and pg_ctl themselves (PostgresServer), from Debian's versioned folder.
command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# Checks docker-compose.yml without a Docker engine (ComposeFileTests).
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # The tests run nginx, Caddy, redis-server and PostgreSQL by hand, never as services: a policy-rc.d that forbids starting services
  # (Debian's documented mechanism, exit code 101) is in place during the install when the machine has none.
  policy=/usr/sbin/policy-rc.d added_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\n# Temporary, from test.sh: keep apt-get from starting services.\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
    added_policy=1
  fi
  status=0
  $sudo apt-get update -qq || status=$?
  [ $status -eq 0 ] && { DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?; }
  [ -n "$added_policy" ] && $sudo rm -f "$policy"
  [ $status -eq 0 ] || { echo "apt-get failed (exit $status) installing: ${missing[*]}" >&2; exit $status; }
fi

# Every in-process gateway watches its yarp.json; Debian's default of 128 inotify instances per user is tight for a
# suite that starts many of them, and for a machine where other .NET processes run too.
if [ "$(id -u)" -eq 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)" -lt 1024 ]; then
  { echo 1024 >/proc/sys/fs/inotify/max_user_instances; } 2>/dev/null || echo "Could not raise fs.inotify.max_user_instances; tests may run out of file watchers."
fi

dotnet test Gateway.Tests/Gateway.Tests.csproj --configuration Release "$@"

#!/usr/bin/env bash
# Runs every test: installs what the tests need when it is missing (redis-server and Debian's chromium, via apt-get),
# then builds and runs Gateway.Tests against real Kestrel servers, a real SQLite file, real Redis and real Chromium.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Checks docker-compose.yml without a Docker engine (ComposeFileTests).
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Every in-process gateway watches its yarp.json; Debian's default of 128 inotify instances per user is tight for a
# suite that starts many of them, and for a machine where other .NET processes run too.
if [ "$(id -u)" -eq 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)" -lt 1024 ]; then
  { echo 1024 >/proc/sys/fs/inotify/max_user_instances; } 2>/dev/null || echo "Could not raise fs.inotify.max_user_instances; tests may run out of file watchers."
fi

dotnet test Gateway.Tests/Gateway.Tests.csproj --configuration Release "$@"

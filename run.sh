#!/usr/bin/env bash
# Runs the gateway in front of the sample backend on embedded defaults: no Redis, no Docker.
#   Gateway:        http://127.0.0.1:8080   (GATEWAY_URLS to change)
#   Sample backend: http://127.0.0.1:5080   (the address yarp.json's "sample" cluster points at)
# Development mode: with no Gateway__Jwt__SigningKey set, a signing key is generated once into ./data.
set -euo pipefail
cd "$(dirname "$0")"

gateway_urls="${GATEWAY_URLS:-http://127.0.0.1:8080}"
backend_urls="${BACKEND_URLS:-http://127.0.0.1:5080}"

dotnet build Gateway.sln --configuration Release --nologo -clp:ErrorsOnly

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

dotnet SampleBackend/bin/Release/net10.0/SampleBackend.dll --urls "$backend_urls" &
pids+=($!)

ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  dotnet Gateway/bin/Release/net10.0/Gateway.dll --config yarp.json --urls "$gateway_urls" &
pids+=($!)

echo "Gateway on ${gateway_urls} in front of the sample backend on ${backend_urls}. Ctrl+C stops both."
wait -n "${pids[@]}"

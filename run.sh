#!/usr/bin/env bash
# Runs the gateway in front of the sample backend on embedded defaults: no Redis, no Docker. For the sample only: in
# front of your own app, run Gateway.dll yourself (README, "In front of your own app").
#   Gateway:        http://127.0.0.1:8080   (GATEWAY_URLS to change)
#   Sample backend: http://127.0.0.1:5080   (BACKEND_URLS to change; yarp.json's cluster "sample" follows it, and
#                                            run.sh says so)
# Development mode: with no Gateway__Jwt__SigningKey set, a signing key is generated once into ./data.
set -euo pipefail
cd "$(dirname "$0")"

gateway_urls="${GATEWAY_URLS:-http://127.0.0.1:8080}"
backend_urls="${BACKEND_URLS:-http://127.0.0.1:5080}"

dotnet build Gateway.sln --configuration Release --nologo -clp:ErrorsOnly

# yarp.json's cluster "sample" (destination "local") points at 5080; when the backend moves, point the gateway at
# where it went: the first of BACKEND_URLS, with a wildcard host (0.0.0.0, [::], *, +) replaced by loopback. Only while
# yarp.json still has that cluster and destination: in one edited for another app, the override would add a cluster
# or a second destination of its own.
cluster_args=()
if [[ -n "${BACKEND_URLS:-}" ]]; then
  backend_address="$(printf '%s' "${backend_urls%%;*}" | sed -E 's#//(0\.0\.0\.0|\[::\]|\*|\+)#//127.0.0.1#')"
  if grep -Eq '"sample"[[:space:]]*:[[:space:]]*[{]' yarp.json && grep -Eq '"local"[[:space:]]*:[[:space:]]*[{]' yarp.json; then
    cluster_args=(--ReverseProxy:Clusters:sample:Destinations:local:Address "${backend_address%/}/")
    echo "BACKEND_URLS is set: the gateway's cluster 'sample' (destination 'local') points at ${backend_address%/}/ instead of yarp.json's address."
  else
    echo "BACKEND_URLS is set, but yarp.json has no cluster 'sample' with a destination 'local': the gateway's clusters stay as yarp.json says." >&2
  fi
fi

pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

dotnet SampleBackend/bin/Release/net10.0/SampleBackend.dll --urls "$backend_urls" &
pids+=($!)

ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" \
  dotnet Gateway/bin/Release/net10.0/Gateway.dll --config yarp.json --urls "$gateway_urls" "${cluster_args[@]}" &
pids+=($!)

echo "Gateway on ${gateway_urls} in front of the sample backend on ${backend_urls}. Ctrl+C stops both."
wait -n "${pids[@]}"

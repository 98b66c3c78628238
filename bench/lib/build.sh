# Builds the .NET programs in Release. Sourced by run.sh; sets GATEWAY_DLL, STAGED_GATEWAY_DLL, BACKEND_DLL, BARE_YARP_DLL.

# build_projects REPO LOG_DIR: each build's output goes to LOG_DIR/build-NAME.log, shown only when it fails.
build_projects() {
  local repo=$1 log_dir=$2 project name
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  for project in Gateway/Gateway.csproj bench/StagedGateway/StagedGateway.csproj bench/Backend/Backend.csproj bench/BareYarp/BareYarp.csproj; do
    name=$(basename "$project" .csproj)
    log "building $project (Release)"
    if ! dotnet build "$repo/$project" --configuration Release >"$log_dir/build-$name.log" 2>&1; then
      tail -n 40 "$log_dir/build-$name.log" >&2
      die "build of $project failed"
    fi
  done
  GATEWAY_DLL=$repo/Gateway/bin/Release/net10.0/Gateway.dll
  # The same gateway in the benchmark's own host: stage switches (GATEWAY_BENCH_OFF) and the allocation probe.
  STAGED_GATEWAY_DLL=$repo/bench/StagedGateway/bin/Release/net10.0/StagedGateway.dll
  BACKEND_DLL=$repo/bench/Backend/bin/Release/net10.0/BenchBackend.dll
  BARE_YARP_DLL=$repo/bench/BareYarp/bin/Release/net10.0/BareYarp.dll
  local dll
  for dll in "$GATEWAY_DLL" "$STAGED_GATEWAY_DLL" "$BACKEND_DLL" "$BARE_YARP_DLL"; do
    [ -f "$dll" ] || die "build produced no $dll"
  done
}

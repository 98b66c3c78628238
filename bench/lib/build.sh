# Builds the three .NET programs in Release. Sourced by run.sh; sets GATEWAY_DLL, BACKEND_DLL, BARE_YARP_DLL.

build_projects() {
  local repo=$1 project
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  for project in Gateway/Gateway.csproj bench/Backend/Backend.csproj bench/BareYarp/BareYarp.csproj; do
    log "building $project (Release)"
    dotnet build "$repo/$project" --configuration Release --nologo -v quiet -clp:ErrorsOnly \
      || die "build of $project failed"
  done
  GATEWAY_DLL=$repo/Gateway/bin/Release/net10.0/Gateway.dll
  BACKEND_DLL=$repo/bench/Backend/bin/Release/net10.0/BenchBackend.dll
  BARE_YARP_DLL=$repo/bench/BareYarp/bin/Release/net10.0/BareYarp.dll
  local dll
  for dll in "$GATEWAY_DLL" "$BACKEND_DLL" "$BARE_YARP_DLL"; do
    [ -f "$dll" ] || die "build produced no $dll"
  done
}

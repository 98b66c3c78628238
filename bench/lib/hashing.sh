# The CPU cost of one password hash of each scheme, side by side in the same run. Sourced by run.sh.
# bench/HashCost hashes with the gateway's own code (Gateway/Users/Argon2idHash.cs, ASP.NET Core Identity's PBKDF2)
# on one thread and reports process CPU time per hash; report.py renders the row.

BENCH_HASH_COUNT=${BENCH_HASH_COUNT:-10}   # hashes of each scheme per round
BENCH_HASH_ROUNDS=${BENCH_HASH_ROUNDS:-3}  # interleaved rounds (PBKDF2, Argon2id..., PBKDF2, ...)

phase_hash_cost() {
  local project=$REPO/bench/HashCost/HashCost.csproj
  log "building bench/HashCost (Release)"
  if ! dotnet build "$project" --configuration Release >"$WORK/logs/build-HashCost.log" 2>&1; then
    tail -n 40 "$WORK/logs/build-HashCost.log" >&2
    die "build of $project failed"
  fi
  log "timing $BENCH_HASH_COUNT hashes of each scheme, $BENCH_HASH_ROUNDS rounds"
  dotnet "$REPO/bench/HashCost/bin/Release/net10.0/HashCost.dll" "$BENCH_HASH_COUNT" "$BENCH_HASH_ROUNDS" \
    "${Gateway__Users__PasswordScheme:-Argon2id}" >>"$RESULTS" || die "bench/HashCost failed"
}

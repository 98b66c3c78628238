# Starting, measuring and stopping the processes this run owns. Sourced by run.sh.
# Only PIDs recorded here are ever signalled.

STARTED_PIDS=()
declare -A TARGET_PID=()

# start_process NAME LOGFILE COMMAND...: runs COMMAND in the background, appending its output to LOGFILE.
# The log is opened in append mode so it can be truncated between runs without leaving a sparse file.
start_process() {
  local name=$1 logfile=$2; shift 2
  "$@" >>"$logfile" 2>&1 </dev/null &
  local pid=$!
  STARTED_PIDS+=("$pid")
  TARGET_PID[$name]=$pid
  log "started $name (pid $pid): $*"
}

# Stops every started process, newest first: SIGTERM, then SIGKILL after 5 s.
stop_started() {
  local i pid tries
  for ((i = ${#STARTED_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${STARTED_PIDS[i]}
    kill -0 "$pid" 2>/dev/null || continue
    kill -TERM "$pid" 2>/dev/null || true
    for ((tries = 0; tries < 25; tries++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  done
  STARTED_PIDS=()
}

# stop_process NAME: stops one process this run started (SIGTERM, then SIGKILL after 5 s) and forgets it.
stop_process() {
  local pid=${TARGET_PID[$1]} tries i
  kill -TERM "$pid" 2>/dev/null || true
  for ((tries = 0; tries < 25; tries++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
  for i in "${!STARTED_PIDS[@]}"; do
    [ "${STARTED_PIDS[i]}" = "$pid" ] && unset 'STARTED_PIDS[i]'
  done
  STARTED_PIDS=("${STARTED_PIDS[@]}")
  unset 'TARGET_PID[$1]'
}

# The process and its children (nginx's workers), one PID per line.
process_tree() {
  local pid=$1 child
  echo "$pid"
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    process_tree "$child"
  done
}

# User plus system CPU time of a process tree, in clock ticks (proc(5): fields 14 and 15 of /proc/PID/stat).
cpu_ticks() {
  local total=0 pid stat fields
  for pid in $(process_tree "$1"); do
    stat=$(cat /proc/"$pid"/stat 2>/dev/null) || continue
    # The command name (field 2) may hold spaces: split what follows its closing parenthesis, which starts at field 3.
    read -r -a fields <<<"${stat##*) }"
    total=$((total + fields[11] + fields[12]))
  done
  echo "$total"
}

# Peak resident set size of a process tree in kB (VmHWM), summed over its processes.
peak_rss_kb() {
  local total=0 pid kb
  for pid in $(process_tree "$1"); do
    kb=$(awk '/^VmHWM:/ { print $2 }' /proc/"$pid"/status 2>/dev/null)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

# Current resident set size of a process tree in kB (VmRSS).
rss_kb() {
  local total=0 pid kb
  for pid in $(process_tree "$1"); do
    kb=$(awk '/^VmRSS:/ { print $2 }' /proc/"$pid"/status 2>/dev/null)
    total=$((total + ${kb:-0}))
  done
  echo "$total"
}

require_running() {
  local name=$1 logfile=$2
  kill -0 "${TARGET_PID[$name]}" 2>/dev/null && return 0
  log "$name exited; the end of its log ($logfile):"
  tail -n 30 "$logfile" >&2
  return 1
}

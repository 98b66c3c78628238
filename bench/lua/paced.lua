-- A fixed request rate without wrk2 (not in Debian): each wrk thread sends BENCH_RATE / threads requests a second on
-- a fixed schedule, whatever the answers take. delay() books the next free slot of the thread's schedule for the
-- connection that asks, so a slow answer does not push later slots back (which a per-connection sleep would) as long
-- as some connection is free. Latency is measured from the actual send, not the slot: a stall shows as fewer
-- requests (reported) rather than as latency, unlike wrk2's corrected histogram.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "summary.lua")

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local interval, next_slot

function init(args)
  -- Each thread has its own Lua state: the thread count comes from run.sh.
  local thread_count = tonumber(os.getenv("BENCH_THREADS")) or 1
  interval = 1000 * thread_count / tonumber(os.getenv("BENCH_RATE"))
  next_slot = now_ms()
end

function delay()
  local now = now_ms()
  if next_slot < now then
    next_slot = now
  end
  local wait = next_slot - now
  next_slot = next_slot + interval
  return math.floor(wait)
end

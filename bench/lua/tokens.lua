-- GETs with a different token cookie on each request, round robin through BENCH_TOKENS (one token a line, from
-- mint_tokens.py). Each wrk thread starts at its own offset, so the threads do not send the same token together.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "summary.lua")

local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do
  tokens[#tokens + 1] = line
end

local next_index = 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
end

function init(args)
  next_index = ((offset or 1) * 7919) % #tokens + 1
end

function request()
  local token = tokens[next_index]
  next_index = next_index % #tokens + 1
  return wrk.format(nil, nil, { ["Cookie"] = "gateway_token=" .. token })
end

-- Posts the benchmark user's JSON login again and again (BENCH_USER and BENCH_PASSWORD from the environment).
-- Every login must answer 200: summary.lua's done() reports any other status as errors.status.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "summary.lua")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = string.format('{"username":"%s","password":"%s"}', os.getenv("BENCH_USER"), os.getenv("BENCH_PASSWORD"))

-- wrk script: method, body and headers from the command line; prints a JSON summary with
-- p50/p95/p99 (wrk's own report has no p95).
--   wrk ... -s bench/wrk.lua URL -- METHOD BODY_FILE HEADER_FILE
-- With BENCH_EXPECT_STATUS (and BENCH_EXPECT_LOCATION for a redirect) in the environment, every
-- response is checked and those that differ are counted as "unexpected". Off by default: wrk
-- then has to hand each response's headers and body to Lua, which costs its own CPU.
local expect_status = tonumber(os.getenv("BENCH_EXPECT_STATUS") or "")
local expect_location = os.getenv("BENCH_EXPECT_LOCATION") or ""
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
  wrk.method = args[1] or "GET"
  if args[2] and args[2] ~= "-" then
    local f = assert(io.open(args[2], "r")); wrk.body = f:read("*a"); f:close()
  end
  if args[3] and args[3] ~= "-" then
    for line in io.lines(args[3]) do
      local name, value = line:match("^([^:]+):%s*(.*)$")
      if name then wrk.headers[name] = value end
    end
  end
end

if expect_status then
  function response(status, headers, body)
    if status ~= expect_status or (headers["Location"] or "") ~= expect_location then
      unexpected = unexpected + 1
    end
  end
end

function done(summary, latency, requests)
  local statuses = summary.errors.status
  local checked, wrong = expect_status and 1 or 0, 0
  for _, thread in ipairs(threads) do wrong = wrong + (thread:get("unexpected") or 0) end
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "non_2xx_3xx": %d, "socket_errors": %d, ' ..
    '"checked": %d, "unexpected": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, statuses,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    checked, wrong,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end

-- wrk script: method, body and headers from the command line; prints a JSON summary with
-- p50/p95/p99 (wrk's own report has no p95).
--   wrk ... -s bench/wrk.lua URL -- METHOD BODY_FILE HEADER_FILE
function init(args)
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

function done(summary, latency, requests)
  local statuses = summary.errors.status
  io.write(string.format(
    '\nRESULT {"requests": %d, "duration_us": %d, "non_2xx_3xx": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %.1f}\n',
    summary.requests, summary.duration, statuses,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end

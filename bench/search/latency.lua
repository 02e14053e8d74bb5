-- wrk script: cycles through the URLs listed in $URLS (one path per line), one after the other per connection,
-- and prints the latency percentiles (in ms) and the status counts at the end.
local paths = {}
local counter = 0
local statuses = {}

function init(args)
  local f = assert(io.open(os.getenv("URLS") or "urls.txt"))
  for line in f:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  f:close()
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f rps=%.1f\n",
    summary.requests, summary.errors.status + summary.errors.timeout + summary.errors.connect,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end

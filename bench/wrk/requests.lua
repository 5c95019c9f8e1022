-- Sends the requests listed in the file named by $QSELF_REQUESTS, one per
-- line: "METHOD PATH TOKEN [BODY]", round-robin, each thread from its own offset.
local lines = {}
local next_index = 1

function init(args)
  for line in io.lines(os.getenv("QSELF_REQUESTS")) do
    local method, path, token, body = line:match("^(%S+) (%S+) (%S+) ?(.*)$")
    if method then
      lines[#lines + 1] = { method = method, path = path, token = token, body = body ~= "" and body or nil }
    end
  end
  next_index = math.random(#lines)
end

function request()
  local r = lines[next_index]
  next_index = next_index % #lines + 1
  local headers = { ["Authorization"] = "Bearer " .. r.token, ["Accept-Encoding"] = "gzip" }
  if r.body then headers["Content-Type"] = "application/json" end
  return wrk.format(r.method, r.path, headers, r.body)
end

function done(summary, latency, requests)
  io.write(string.format("QSELF rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end

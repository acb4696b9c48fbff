-- wrk script for `make bench`. With the argument "save" each request POSTs a person form
-- (CSRF token from BENCH_CSRF) to a record not saved before (ids from BENCH_SAVE_BASE,
-- threads interleaved). done() prints one JSON line that bench.mjs reads.
local counter = 0
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
end

local function save_request()
  counter = counter + 1
  local id = base + counter * 2 + tid
  local headers = {}
  for k, v in pairs(wrk.headers) do headers[k] = v end
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrf_token=" .. csrf .. "&id=" .. id .. "&version=1&code=B" .. id ..
    "&first_name=Bench&last_name=Saved" .. counter .. "&priority=3"
  return wrk.format("POST", nil, headers, body)
end

function init(args)
  if args[1] == "save" then
    csrf = os.getenv("BENCH_CSRF")
    base = tonumber(os.getenv("BENCH_SAVE_BASE"))
    request = save_request
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"duration_us":%d,"errors":%d,"status_errors":%d,"p50":%d,"p99":%d,"max":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency.max))
end

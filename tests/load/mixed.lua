-- wrk script of the read load test (`cargo xtask load`): each request takes the next path of the
-- mix written by `backend/examples/load_paths.rs` (lists, search, details, matches), each thread
-- starting at its own offset. Counts non-2xx answers so the report can show them.
local paths = {}
local counter = 0
local errors = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7919)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  counter = offset or 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], { ["Accept-Language"] = "zh-CN" })
end

function response(status, headers, body)
  if status >= 300 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + (t:get("errors") or 0) end
  io.write(string.format("requests %d, non-2xx %d, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %.0f req/s\n",
    summary.requests, failed, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end

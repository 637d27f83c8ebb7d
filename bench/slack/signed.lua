-- One signed slash command, repeated: body and headers come from the environment (see ack_bench.py).
-- Counts the acknowledgements with a body: ProductOps answers "very busy" in the body when its
-- work queue is full, and an empty 200 when it has stored the command for its turn.
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["X-Slack-Request-Timestamp"] = os.getenv("BENCH_TS")
wrk.headers["X-Slack-Signature"] = os.getenv("BENCH_SIG")

local threads = {}

function setup(thread)
  thread:set("busy", 0)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if body ~= nil and #body > 0 then
    busy = busy + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("busy")
  end
  io.write(string.format("Acknowledgements with a body: %d\n", total))
end

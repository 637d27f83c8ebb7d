-- Authenticated Teams message activities, each with its own activity id so dedupe keeps them all.
-- BENCH_TEMPLATE is the activity JSON with markers (__ID__, __SERVICE__, __USER__, __AAD__,
-- __CONVERSATION__, __CHANNEL__, __TEAM__) for the activity id, service URL, user id, user AAD
-- object id, conversation, channel and team. BENCH_TOKENS names a file of "serviceUrl token" lines: one signed
-- token per service URL (the serviceurl claim must match the activity). Each service URL has its
-- own user, as in Teams, where a user's service URL is that of their tenant's region.
-- Activity ids are numbers that grow with time, as Teams' message ids (milliseconds since 1970) do;
-- each run counts from its own start in microseconds, so runs never collide.
local template = os.getenv("BENCH_TEMPLATE")
local first = os.time() * 1000000
local conversations = tonumber(os.getenv("BENCH_CONVERSATIONS") or "4096")
local urls, tokens = {}, {}
for line in io.lines(os.getenv("BENCH_TOKENS")) do
  local url, token = line:match("^(%S+) (%S+)$")
  urls[#urls + 1] = url
  tokens[#tokens + 1] = "Bearer " .. token
end

local counter = 0
local headers = { ["Content-Type"] = "application/json" }

function request()
  counter = counter + 1
  local k = counter % #urls
  local channel = counter % conversations
  headers["Authorization"] = tokens[k + 1]
  local values = {
    ID = string.format("%.0f", first + counter),
    SERVICE = urls[k + 1],
    USER = "29:bench-user-" .. k,
    AAD = "aad-bench-" .. k,
    CONVERSATION = string.format("19:bench%d@thread.tacv2;messageid=%d", channel, k),
    CHANNEL = string.format("19:bench%d@thread.tacv2", channel),
    TEAM = string.format("19:benchteam%d@thread.tacv2", k),
  }
  return wrk.format("POST", nil, headers, (template:gsub("__(%u+)__", values)))
end

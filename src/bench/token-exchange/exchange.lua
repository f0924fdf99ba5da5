-- wrk script: RFC 8693 token exchange, the same request to every server.
--
--   wrk -t2 -c16 -d30s --latency -s exchange.lua http://127.0.0.1:18080/realms/bench/protocol/openid-connect/token
--
-- The request comes from environment variables, so one script serves Keycloak and Portico alike:
--   TE_AUTHORIZATION     value of the Authorization header, "Basic base64(urlencode(id):urlencode(secret))" (required)
--   TE_SUBJECT_TOKEN     the user's access token to exchange (required)
--   TE_AUDIENCE          the audience asked for (required)
--   TE_SUBJECT_TOKEN_TYPE  default urn:ietf:params:oauth:token-type:access_token
--   TE_LABEL             name printed in the result line (default "server")
--
-- A benchmark of errors is worthless, so every response that is not 200 with an access_token in its body counts as
-- an error. done() prints one machine-readable line that run.sh parses:
--   RESULT label=… requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad_responses=… socket_errors=…
-- and, when there were bad responses, the status codes seen and the first bad body (cut to 300 characters).

local function required(name)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " must be set (see the header of exchange.lua), got nothing")
  end
  return value
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local body = "grant_type=" .. urlencode("urn:ietf:params:oauth:grant-type:token-exchange")
    .. "&subject_token=" .. urlencode(required("TE_SUBJECT_TOKEN"))
    .. "&subject_token_type=" .. urlencode(os.getenv("TE_SUBJECT_TOKEN_TYPE") or "urn:ietf:params:oauth:token-type:access_token")
    .. "&audience=" .. urlencode(required("TE_AUDIENCE"))
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Accept"] = "application/json"
  wrk.headers["Authorization"] = required("TE_AUTHORIZATION")
  -- Pre-built once per thread: wrk sends the same bytes for every request.
  request_bytes = wrk.format()
  bad = 0
  statuses = ""      -- "code:count," pairs, kept as a string because thread:get only copies plain values
  status_counts = {}
  first_bad = nil
end

function request()
  return request_bytes
end

function response(status, headers, body)
  -- plain find: no pattern matching cost on the hot path
  if status ~= 200 or body == nil or not string.find(body, "\"access_token\"", 1, true) then
    bad = bad + 1
    status_counts[status] = (status_counts[status] or 0) + 1
    local parts = {}
    for code, count in pairs(status_counts) do table.insert(parts, code .. ":" .. count) end
    statuses = table.concat(parts, ",")
    if first_bad == nil then first_bad = string.sub(body or "", 1, 300) end
  end
end

function done(summary, latency, requests)
  local bad_total, by_status, sample = 0, {}, nil
  for _, thread in ipairs(threads) do
    bad_total = bad_total + (thread:get("bad") or 0)
    for code, count in string.gmatch(thread:get("statuses") or "", "(%d+):(%d+)") do
      by_status[code] = (by_status[code] or 0) + tonumber(count)
    end
    if sample == nil then sample = thread:get("first_bad") end
  end
  local statuses_all = {}
  for code, count in pairs(by_status) do table.insert(statuses_all, code .. ":" .. count) end
  table.sort(statuses_all)
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT label=%s requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f bad_responses=%d socket_errors=%d\n",
    os.getenv("TE_LABEL") or "server", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad_total, socket_errors))
  if bad_total > 0 then
    io.write("BAD statuses=" .. table.concat(statuses_all, ",") .. " (status:count; 200 means a 200 without access_token)\n")
    io.write("BAD first_body=" .. string.gsub(sample or "", "\n", " ") .. "\n")
  end
  if socket_errors > 0 then
    io.write(string.format("SOCKET connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
  end
end

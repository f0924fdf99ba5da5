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
-- and, when there were bad responses, the status codes seen and the first bad body (cut to 300 characters); the
-- counting and that line come from ../lib.lua.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

local function required(name)
  return bench.required(name, "exchange.lua")
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

setup = bench.setup

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
  bench.init_thread(wrk.format())
end

request = bench.request

function response(status, headers, body)
  -- plain find: no pattern matching cost on the hot path
  if status ~= 200 or body == nil or not string.find(body, "\"access_token\"", 1, true) then
    bench.bad(status, body or "")
  end
end

done = bench.done(os.getenv("TE_LABEL") or "server", "200 means a 200 without access_token")

-- wrk script for the cluster soak (soak.sh): mixed traffic through the balancer, each connection taking turns at
--   1. a page view:      GET  /home.xhtml with alice's session           -> 200, her home page (not the login page)
--   2. a deep-link hop:  GET  MIX_LINK with alice's session              -> 303 with a freshly signed token
--   3. a token exchange: POST /oauth2/token, RFC 8693, client_secret_basic -> 200 with an access_token
--
--   MIX_COOKIE=… MIX_LINK=/link/invoice/42 MIX_AUTHORIZATION='Basic …' MIX_SUBJECT_TOKEN=… MIX_AUDIENCE=… \
--     wrk -t2 -c16 -d10m --latency -s mixed.lua http://127.0.0.1:8080
--
-- Environment (all required):
--   MIX_COOKIE         the Cookie header of a logged-in session (alice's); several, separated by "|", give each wrk
--                      thread its own session in turn (sessions spread over the nodes by the balancer)
--   MIX_LINK           the deep link to follow, a path such as /link/invoice/42
--   MIX_AUTHORIZATION  the caller app's "Basic base64(id:secret)" for the token endpoint
--   MIX_SUBJECT_TOKEN  alice's token for the caller app, to exchange
--   MIX_AUDIENCE       the audience asked for in the exchange
--
-- What a soak must tell apart is *when* requests failed: those in flight on a node that was killed are expected,
-- any other is a bug. So besides lib.lua's RESULT/BAD lines, done() prints
--   KINDS page=… hop=… exchange=…               good answers per kind
--   FAILS t=<second>:<count>,…                   bad responses per second since the start of the run
-- A bad response is any other answer: a page answered with the login form or a redirect to it (the session was
-- lost), a hop without a Location holding "portico_token=", an exchange without an access_token, a 502/503. Socket errors (a connection
-- reset by a dying node) are wrk's own and are in the RESULT line.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

local ffi = require("ffi")
pcall(ffi.cdef, [[
  typedef struct { long tv_sec; long tv_nsec; } mix_timespec;
  int clock_gettime(int clock_id, mix_timespec *now);
]])
local now_buffer = ffi.new("mix_timespec")
local function now_s()
  ffi.C.clock_gettime(0, now_buffer) -- CLOCK_REALTIME: the same clock in every thread and in soak.sh's log
  return tonumber(now_buffer.tv_sec)
end

local function urlencode(s)
  return (string.gsub(s, "[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local threads = {}

function setup(thread)
  bench.setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local required = function(name) return bench.required(name, "mixed.lua") end
  local browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"
  local cookies = {}
  for cookie in string.gmatch(required("MIX_COOKIE"), "[^|]+") do table.insert(cookies, cookie) end
  local cookie = cookies[(id - 1) % #cookies + 1] -- id: this thread's number, set by bench.setup
  local page_headers = {Cookie = cookie, Accept = "text/html,application/xhtml+xml", ["User-Agent"] = browser}
  local exchange_body = "grant_type=" .. urlencode("urn:ietf:params:oauth:grant-type:token-exchange")
    .. "&subject_token=" .. urlencode(required("MIX_SUBJECT_TOKEN"))
    .. "&subject_token_type=" .. urlencode("urn:ietf:params:oauth:token-type:access_token")
    .. "&audience=" .. urlencode(required("MIX_AUDIENCE"))
  -- Built once per thread; request() only picks one.
  prebuilt = {
    wrk.format("GET", "/home.xhtml", page_headers),
    wrk.format("GET", required("MIX_LINK"), page_headers),
    wrk.format("POST", "/oauth2/token", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      Accept = "application/json",
      Authorization = required("MIX_AUTHORIZATION")}, exchange_body),
  }
  bench.init_thread(prebuilt[1])
  turn = 0
  count_page, count_hop, count_exchange = 0, 0, 0
  fails = {}      -- second -> count
  fail_list = ""  -- "second:count," for thread:get
end

function request()
  turn = turn % 3 + 1
  return prebuilt[turn]
end

local function fail(status, sample)
  bench.bad(status, sample)
  local t = now_s()
  fails[t] = (fails[t] or 0) + 1
  local parts = {}
  for second, count in pairs(fails) do table.insert(parts, second .. ":" .. count) end
  fail_list = table.concat(parts, ",")
end

-- wrk does not tell response() which request it answers (a thread's connections answer in any order), so the answer
-- itself says what it was: a redirect is a hop, JSON an exchange, HTML a page view. Each kind's good answer is
-- distinct enough that a wrong answer of one kind never passes for a good answer of another.
function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  local content_type = headers["Content-Type"] or headers["content-type"] or ""
  if location ~= nil then
    if status == 303 and string.find(location, "portico_token=", 1, true) then
      count_hop = count_hop + 1
      return
    end
    fail(status, "a redirect that is no hop: " .. status .. " Location: " .. location)
  elseif string.find(content_type, "json", 1, true) then
    if status == 200 and body ~= nil and string.find(body, "\"access_token\"", 1, true) then
      count_exchange = count_exchange + 1
      return
    end
    fail(status, "exchange: " .. status .. " " .. (body or ""))
  else
    if status == 200 and body ~= nil and not string.find(body, "login:password", 1, true) then
      count_page = count_page + 1
      return
    end
    fail(status, "page: " .. status .. " " .. (body or ""))
  end
end

local lib_done = bench.done("cluster", "a page view with the login form, a hop without a fresh token, an exchange"
  .. " without an access_token")

function done(summary, latency, requests)
  lib_done(summary, latency, requests)
  local by_second = {}
  for _, thread in ipairs(threads) do
    for second, count in string.gmatch(thread:get("fail_list") or "", "(%d+):(%d+)") do
      by_second[second] = (by_second[second] or 0) + tonumber(count)
    end
  end
  local seconds = {}
  for second in pairs(by_second) do table.insert(seconds, second) end
  table.sort(seconds)
  local parts = {}
  for _, second in ipairs(seconds) do table.insert(parts, second .. ":" .. by_second[second]) end
  io.write(string.format("KINDS page=%d hop=%d exchange=%d\n", bench.sum("count_page"), bench.sum("count_hop"),
    bench.sum("count_exchange")))
  io.write("FAILS t=" .. table.concat(parts, ",") .. "\n")
end

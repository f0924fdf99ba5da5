-- Shared by the wrk scripts under src/bench/: counting bad responses per thread and the RESULT line that lib.sh
-- parses. A benchmark script loads it relative to its own file:
--
--   local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")
--   setup = bench.setup
--   request = bench.request
--   done = bench.done(label, what_is_bad)
--   in init(): bench.init_thread(wrk.format(...))      in response(), for each bad answer: bench.bad(status, sample)
--
-- wrk runs every thread in a Lua state of its own and done() in the main one; the counts travel from the threads to
-- done() through thread:get, which copies only plain values, hence the "code:count," string.

local bench = {}

local threads = {}

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock_id, bench_timespec *now);
]]
local CLOCK_MONOTONIC = 1
local now_buffer = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

-- A delay() for wrk at a fixed rate, to call from init(): rate is the requests per second of the whole run, threads
-- wrk's -t. wrk has no fixed-rate mode and wrk2 is not packaged by Debian, so each thread keeps a schedule of its own:
-- one request every threads × 1000 / rate ms, sent on whichever of its connections is free (a connection waits in
-- delay() for the next free slot, read on LuaJIT's monotonic clock). A thread that falls behind (all its connections
-- busy) does not burst to catch up beyond one slot: the rate then drops below the goal, which the RESULT line's rps
-- shows. With rate 0 or nil, the delay is pause_ms (default 0: as fast as the connections go).
function bench.fixed_rate(rate, threads, pause_ms)
  rate = tonumber(rate or "0") or 0
  if rate <= 0 then
    local pause = tonumber(pause_ms or "0") or 0
    return function() return pause end
  end
  local period = tonumber(threads) * 1000 / rate
  local next_slot = nil
  return function()
    local now = now_ms()
    if next_slot == nil or next_slot < now - period then
      next_slot = now -- the first request, or fallen behind by more than a slot: start again from now
    end
    local wait = next_slot - now
    next_slot = next_slot + period
    return wait > 0 and wait or 0 -- wrk takes whole milliseconds, unsigned
  end
end

-- The sum over the threads of a number each thread keeps in a global of its state (in done(), the main state).
function bench.sum(name)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (tonumber(thread:get(name)) or 0)
  end
  return total
end

-- The value of an environment variable the script cannot do without.
function bench.required(name, script)
  local value = os.getenv(name)
  if value == nil or value == "" then
    error(name .. " must be set (see the header of " .. script .. "), got nothing")
  end
  return value
end

-- wrk's setup(thread), in the main state: remembers the threads for done().
function bench.setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

-- To call from init(), in every thread's state, with the request built there once (wrk.format()): request() then
-- hands wrk the same bytes for every request.
function bench.init_thread(request_bytes)
  prebuilt_request = request_bytes
  bad = 0
  statuses = ""      -- "code:count," pairs, kept as a string because thread:get only copies plain values
  status_counts = {}
  first_bad = nil
end

-- wrk's request(): the bytes given to init_thread.
function bench.request()
  return prebuilt_request
end

-- Counts one bad response; sample is what to show of the first one (a body, a header), cut to 300 characters.
function bench.bad(status, sample)
  bad = bad + 1
  status_counts[status] = (status_counts[status] or 0) + 1
  local parts = {}
  for code, count in pairs(status_counts) do table.insert(parts, code .. ":" .. count) end
  statuses = table.concat(parts, ",")
  if first_bad == nil then first_bad = string.sub(sample, 1, 300) end
end

-- A done() function that prints the machine-readable line
--   RESULT label=… requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad_responses=… socket_errors=…
-- and, when there were bad responses, the status codes seen (with what_is_bad explaining a good status counted bad)
-- and the first bad sample; socket errors by kind.
function bench.done(label, what_is_bad)
  return function(summary, latency, requests)
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
      label, summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      bad_total, socket_errors))
    if bad_total > 0 then
      io.write("BAD statuses=" .. table.concat(statuses_all, ",") .. " (status:count; " .. what_is_bad .. ")\n")
      io.write("BAD first=" .. string.gsub(sample or "", "[\r\n]", " ") .. "\n")
    end
    if socket_errors > 0 then
      io.write(string.format("SOCKET connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
    end
  end
end

return bench

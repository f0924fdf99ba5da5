-- wrk script: browsers loading the data tiles of a portal page after the page, as js/tile.js does
-- (GET /api/tiles/{widget id} over the session), at a fixed rate. The home page benchmark (run.sh) runs it beside
-- page.lua, in both of its cases, so that the only difference between them is one tile's app: answering, or hanging.
--
--   TILE_COOKIE='PORTICO_SESSION=…' TILE_PATHS=/api/tiles/a,/api/tiles/b TILE_RATE=300 TILE_THREADS=1 \
--   wrk -t1 -c32 -d1h --latency -s tile.lua http://127.0.0.1:8680
--
--   TILE_COOKIE   the Cookie header: the session of a user who has the page open (required)
--   TILE_PATHS    the tiles' addresses, comma-separated, asked in turn, as each page view asks each of its tiles once
--                 (required)
--   TILE_RATE     requests per second of the whole run; TILE_THREADS wrk's -t (see bench.fixed_rate in ../lib.lua).
--                 A request that waits for a hanging app holds its connection: with C connections and a timeout of
--                 T seconds, at most C / T requests a second wait at once, as C browsers would
--   TILE_LABEL    name printed in the result lines (default "tile")
--
-- An answer counts as good when it is a tile: a 200 of JSON with "state" "items", "empty" or "unavailable"; anything
-- else is bad. done() prints the RESULT line of ../lib.lua and a TILES line: how many answers showed items and how
-- many were "unavailable".

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  pace = bench.fixed_rate(bench.required("TILE_RATE", "tile.lua"), bench.required("TILE_THREADS", "tile.lua"))
  wrk.headers["Cookie"] = bench.required("TILE_COOKIE", "tile.lua")
  wrk.headers["Accept"] = "application/json"
  tile_requests = {}
  for path in string.gmatch(bench.required("TILE_PATHS", "tile.lua"), "[^,]+") do
    table.insert(tile_requests, wrk.format("GET", path))
  end
  next_request = 0
  bench.init_thread(tile_requests[1])
  items = 0
  unavailable = 0
end

function request()
  next_request = next_request % #tile_requests + 1
  return tile_requests[next_request]
end

function delay()
  return pace()
end

function response(status, headers, body)
  if status ~= 200 then
    bench.bad(status, body or "")
  elseif string.find(body, '"state":"unavailable"', 1, true) then
    unavailable = unavailable + 1
  elseif string.find(body, '"state":"items"', 1, true) or string.find(body, '"state":"empty"', 1, true) then
    items = items + 1
  else
    bench.bad(200, body)
  end
end

local label = os.getenv("TILE_LABEL") or "tile"
local report = bench.done(label, "a 200 that is not a tile's JSON")

function done(summary, latency, requests)
  report(summary, latency, requests)
  io.write(string.format("TILES label=%s items=%d unavailable=%d\n", label, bench.sum("items"), bench.sum("unavailable")))
end

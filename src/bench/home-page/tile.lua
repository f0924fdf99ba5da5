-- wrk script: the browsers of a portal page's views asking for the data tiles the page leaves to them, as js/tile.js
-- does (GET /api/tiles/{widget id} over the session), at a fixed rate. The page shows a tile whose answer is cached
-- (or "unavailable" while its app's circuit is open) itself; every other tile is a placeholder with data-tile-url that
-- each page view's browser asks once. Which tiles those are changes (a hanging app's circuit opens, half-opens, opens
-- again), so this script reads the page once a second and asks what it leaves now, TILE_RATE times a second each.
-- The home page benchmark (run.sh) runs it beside page.lua in both of its cases.
--
--   TILE_COOKIE='PORTICO_SESSION=…' TILE_PAGE=/home.xhtml TILE_RATE=100 TILE_THREADS=1 \
--   wrk -t1 -c32 -d1h --latency -s tile.lua http://127.0.0.1:8680
--
--   TILE_COOKIE   the Cookie header: the session of the user whose page it is (required)
--   TILE_PAGE     the page's path, read once a second for its data-tile-url attributes (required)
--   TILE_RATE     page views a second: each tile the page leaves is asked this often (required); TILE_THREADS wrk's
--                 -t (see bench.fixed_rate in ../lib.lua). A request that waits for a hanging app holds its
--                 connection: with C connections and a timeout of T seconds, at most C / T wait at once
--   TILE_LABEL    name printed in the result lines (default "tile")
--
-- An answer counts as good when it is a tile (a 200 of JSON with "state" "items", "empty" or "unavailable") or the
-- page; anything else is bad. done() prints the RESULT line of ../lib.lua, whose latencies include the page reads
-- (one a second), and a TILES line: the tiles' answers with items, "unavailable", and the pages read.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  page_views = tonumber(bench.required("TILE_RATE", "tile.lua"))
  thread_count = tonumber(bench.required("TILE_THREADS", "tile.lua"))
  wrk.headers["Cookie"] = bench.required("TILE_COOKIE", "tile.lua")
  wrk.headers["Accept"] = "application/json, text/html"
  page_request = wrk.format("GET", bench.required("TILE_PAGE", "tile.lua"))
  bench.init_thread(page_request)
  tile_paths = ""
  tile_requests = {}
  next_tile = 0
  pace = nil
  last_read = -1e9
  read_due = false
  items = 0
  unavailable = 0
  pages = 0
end

function delay()
  if not read_due and bench.now_ms() - last_read >= 1000 then
    read_due = true -- this connection reads the page next
    return 0
  end
  if #tile_requests == 0 then
    return 250 -- the page leaves nothing to ask: look again soon
  end
  return pace()
end

function request()
  if read_due or #tile_requests == 0 then
    read_due = false
    last_read = bench.now_ms()
    return page_request
  end
  next_tile = next_tile % #tile_requests + 1
  return tile_requests[next_tile]
end

-- The page's placeholders become the tiles to ask, each page_views times a second.
local function read_page(body)
  local paths = {}
  for path in string.gmatch(body, 'data%-tile%-url="([^"]*)"') do
    table.insert(paths, path)
  end
  local joined = table.concat(paths, ",")
  if joined ~= tile_paths then
    tile_paths = joined
    tile_requests = {}
    for _, path in ipairs(paths) do
      table.insert(tile_requests, wrk.format("GET", path))
    end
    if #paths > 0 then
      pace = bench.fixed_rate(page_views * #paths, thread_count)
    end
  end
end

function response(status, headers, body)
  if status ~= 200 then
    bench.bad(status, body or "")
  elseif string.find(body, "<html", 1, true) then
    pages = pages + 1
    read_page(body)
  elseif string.find(body, '"state":"unavailable"', 1, true) then
    unavailable = unavailable + 1
  elseif string.find(body, '"state":"items"', 1, true) or string.find(body, '"state":"empty"', 1, true) then
    items = items + 1
  else
    bench.bad(200, body)
  end
end

local label = os.getenv("TILE_LABEL") or "tile"
local report = bench.done(label, "a 200 that is neither a tile's JSON nor the page")

function done(summary, latency, requests)
  report(summary, latency, requests)
  io.write(string.format("TILES label=%s items=%d unavailable=%d pages=%d\n", label, bench.sum("items"),
    bench.sum("unavailable"), bench.sum("pages")))
end

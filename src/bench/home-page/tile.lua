-- wrk script: browsers loading one data tile of a portal page after the page, as PrimeFaces' deferred panel does
-- (an Ajax post of the tile's form), at a fixed rate. The home page benchmark (run.sh) runs it beside page.lua, in both
-- of its cases, so that the only difference between them is the tile's app: answering, or hanging.
--
--   TILE_COOKIE='PORTICO_SESSION=…' TILE_BODY='jakarta.faces.partial.ajax=true&…' TILE_ORIGIN=http://127.0.0.1:8680 \
--   TILE_RATE=8 TILE_THREADS=1 wrk -t1 -c4 -d1h --latency -s tile.lua http://127.0.0.1:8680/home.xhtml
--
--   TILE_COOKIE   the Cookie header: the session of a user who has the page open (required). Not the session that
--                 page.lua reads pages in: Faces keeps a session's last 15 views, and 100 page views a second would
--                 push this one out between two requests
--   TILE_BODY     the form body, application/x-www-form-urlencoded: the partial request's parameters, the page's view
--                 state and its CSP nonce (PrimeFaces' CSP mode refuses an Ajax request without it) (required)
--   TILE_ORIGIN   the Origin header, Portico's own (required: a cookie-authenticated post must name it)
--   TILE_RATE     requests per second of the whole run; TILE_THREADS wrk's -t (see bench.fixed_rate in ../lib.lua).
--                 A request that waits for a hanging app holds its connection: with C connections and a timeout of
--                 T seconds, at most C / T requests a second wait at once, as C browsers would
--   TILE_LABEL    name printed in the result lines (default "tile")
--
-- An answer counts as good when it is the tile: its items or its "unavailable" message; anything else is bad. done()
-- prints the RESULT line of ../lib.lua and a TILES line: how many answers showed items and how many "unavailable".

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  pace = bench.fixed_rate(bench.required("TILE_RATE", "tile.lua"), bench.required("TILE_THREADS", "tile.lua"))
  wrk.method = "POST"
  wrk.body = bench.required("TILE_BODY", "tile.lua")
  wrk.headers["Cookie"] = bench.required("TILE_COOKIE", "tile.lua")
  wrk.headers["Origin"] = bench.required("TILE_ORIGIN", "tile.lua")
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
  wrk.headers["Faces-Request"] = "partial/ajax"
  wrk.headers["X-Requested-With"] = "XMLHttpRequest"
  bench.init_thread(wrk.format())
  items = 0
  unavailable = 0
end

request = bench.request

function delay()
  return pace()
end

function response(status, headers, body)
  if status ~= 200 then
    bench.bad(status, body or "")
  elseif string.find(body, "portico-data-tile-unavailable", 1, true) then
    unavailable = unavailable + 1
  elseif string.find(body, "portico-data-tile-items", 1, true) then
    items = items + 1
  else
    bench.bad(200, body)
  end
end

local label = os.getenv("TILE_LABEL") or "tile"
local report = bench.done(label, "a 200 without the tile's items or its \"unavailable\" is not the tile")

function done(summary, latency, requests)
  report(summary, latency, requests)
  io.write(string.format("TILES label=%s items=%d unavailable=%d\n", label, bench.sum("items"), bench.sum("unavailable")))
end

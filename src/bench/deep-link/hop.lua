-- wrk script: one deep-link hop, GET <link> answered by a redirect, the same request to every server.
--
--   HOP_STATUS=302 wrk -t2 -c16 -d30s --latency -s hop.lua http://127.0.0.1:18081/link/invoice/42
--
-- The request is a GET of the URL's path with the headers a browser's click would carry that matter here; what
-- counts as a good answer comes from environment variables, so one script serves Portico and nginx alike:
--   HOP_STATUS             the expected status, 303 for Portico, 302 for nginx's "return 302" (required)
--   HOP_LOCATION_CONTAINS  text the Location header must hold, e.g. "portico_token=" (in the fragment or the query)
--   HOP_FRESH              "1": every Location must differ from the one before it on the same wrk thread, i.e. a
--                          freshly signed token each time, not a cached answer
--   HOP_COOKIE             value of the Cookie header: the logged-in user's session (sent to both servers, so that
--                          both read requests of the same size)
--   HOP_LABEL              name printed in the result line (default "server")
--
-- A benchmark of errors is worthless, so every response that is not the expected status with a Location as described
-- counts as an error (a 303 to the login page, for one: the session was lost). done() prints one machine-readable
-- line that run.sh parses:
--   RESULT label=… requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad_responses=… socket_errors=…
-- and, when there were bad responses, the status codes seen and the first bad answer (status, Location or body, cut
-- to 300 characters); the counting and that line come from ../lib.lua.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  expected_status = tonumber(bench.required("HOP_STATUS", "hop.lua"))
  if expected_status == nil or expected_status < 300 or expected_status > 399 then
    error("HOP_STATUS must be a redirect status such as 303 or 302, got '" .. os.getenv("HOP_STATUS") .. "'")
  end
  location_contains = os.getenv("HOP_LOCATION_CONTAINS") or ""
  fresh = os.getenv("HOP_FRESH") == "1"
  local cookie = os.getenv("HOP_COOKIE") or ""
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
  wrk.headers["Accept"] = "text/html,application/xhtml+xml"
  -- A browser's User-Agent: Portico treats requests without one (or from mail scanners and link previews) as
  -- prefetches and answers them with a harmless page instead of the hop.
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"
  previous_location = nil
  -- Pre-built once per thread: wrk sends the same bytes for every request.
  bench.init_thread(wrk.format("GET"))
end

request = bench.request

function response(status, headers, body)
  -- wrk hands over the header names as the server wrote them
  local location = headers["Location"] or headers["location"]
  -- plain find: no pattern matching cost on the hot path
  local good = status == expected_status and location ~= nil
    and (location_contains == "" or string.find(location, location_contains, 1, true) ~= nil)
    and not (fresh and location == previous_location)
  if not good then
    local why = (fresh and location ~= nil and location == previous_location) and " (the same Location as before)" or ""
    bench.bad(status, status .. why .. " Location: " .. (location or "(none)") .. " body: " .. (body or ""))
  end
  previous_location = location
end

done = bench.done(os.getenv("HOP_LABEL") or "server",
  "a " .. (os.getenv("HOP_STATUS") or "?") .. " here means a wrong or missing Location, or one that was not fresh")

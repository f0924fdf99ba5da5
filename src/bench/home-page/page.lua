-- wrk script: a logged-in user's portal page (the HTML only), at a fixed rate per connection.
--
--   PAGE_COOKIE='PORTICO_SESSION=…' PAGE_MARK='data-widget="bench-tiles-3"' PAGE_DELAY_MS=100 \
--     wrk -t2 -c10 -d30s --latency -s page.lua http://127.0.0.1:8680/home.xhtml
--
--   PAGE_COOKIE    the Cookie header: the user's session (required)
--   PAGE_MARK      text every good answer holds, e.g. the last widget's data-widget attribute (required): a login
--                  page or an error page instead of the portal page counts as bad
--   PAGE_DELAY_MS  the pause of each connection between an answer and its next request; with C connections the
--                  rate is at most C × 1000 / PAGE_DELAY_MS requests per second (wrk has no fixed-rate mode; wrk2 is
--                  not packaged by Debian), e.g. 10 connections × 100 ms = 100 req/s (default 0: as fast as it can)
--   PAGE_LABEL     name printed in the result line (default "portico")
--
-- done() prints the RESULT line that ../lib.sh parses (the counting and that line come from ../lib.lua).

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  mark = bench.required("PAGE_MARK", "page.lua")
  pause = tonumber(os.getenv("PAGE_DELAY_MS") or "0")
  wrk.headers["Cookie"] = bench.required("PAGE_COOKIE", "page.lua")
  wrk.headers["Accept"] = "text/html,application/xhtml+xml"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"
  bench.init_thread(wrk.format("GET"))
end

request = bench.request

function delay()
  return pause
end

function response(status, headers, body)
  if status ~= 200 then
    bench.bad(status, body or "")
  elseif not string.find(body, mark, 1, true) then
    bench.bad(200, body)
  end
end

done = bench.done(os.getenv("PAGE_LABEL") or "portico", "a 200 without PAGE_MARK is not the portal page")

-- wrk script: a logged-in user's portal page (the HTML only), at a fixed rate.
--
--   PAGE_COOKIE='PORTICO_SESSION=…' PAGE_MARK='data-widget="bench-tiles-3"' PAGE_RATE=100 PAGE_THREADS=2 \
--     wrk -t2 -c10 -d30s --latency -s page.lua http://127.0.0.1:8680/home.xhtml
--
--   PAGE_COOKIE    the Cookie header: the user's session (required)
--   PAGE_MARK      text every good answer holds, e.g. the last widget's data-widget attribute (required): a login
--                  page or an error page instead of the portal page counts as bad
--   PAGE_RATE      requests per second of the whole run (default 0: as fast as the connections go); see
--                  bench.fixed_rate in ../lib.lua for how wrk keeps a rate
--   PAGE_THREADS   wrk's -t, to split the rate between the threads (required with PAGE_RATE)
--   PAGE_DELAY_MS  instead of a rate: the pause of each connection between an answer and its next request
--   PAGE_LABEL     name printed in the result line (default "portico")
--
-- done() prints the RESULT line that ../lib.sh parses (the counting and that line come from ../lib.lua).

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  mark = bench.required("PAGE_MARK", "page.lua")
  local rate = os.getenv("PAGE_RATE")
  pace = bench.fixed_rate(rate, (tonumber(rate or "0") or 0) > 0 and bench.required("PAGE_THREADS", "page.lua"),
    os.getenv("PAGE_DELAY_MS"))
  wrk.headers["Cookie"] = bench.required("PAGE_COOKIE", "page.lua")
  wrk.headers["Accept"] = "text/html,application/xhtml+xml"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"
  bench.init_thread(wrk.format("GET"))
end

request = bench.request

-- Defined when the script loads (wrk looks for delay() then, before any init()), pacing as init() decided.
function delay()
  return pace()
end

function response(status, headers, body)
  if status ~= 200 then
    bench.bad(status, body or "")
  elseif not string.find(body, mark, 1, true) then
    bench.bad(200, body)
  end
end

done = bench.done(os.getenv("PAGE_LABEL") or "portico", "a 200 without PAGE_MARK is not the portal page")

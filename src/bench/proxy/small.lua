-- wrk script: a small GET answered 200, the same request to the demo app directly and through Portico's proxy.
--
--   SMALL_LABEL=direct wrk -t2 -c16 -d30s --latency -s small.lua http://127.0.0.1:8080/demo-app/proxied/small
--   SMALL_LABEL=proxied SMALL_HOST=demo-app.localhost:8080 SMALL_COOKIE='portico-proxy=…' \
--     wrk -t2 -c16 -d30s --latency -s small.lua http://127.0.0.1:8080/apps/demo-app/small
--
--   SMALL_HOST    the Host header (the proxy origin; wrk connects to the URL's address)
--   SMALL_COOKIE  the Cookie header (the proxy session)
--   SMALL_LABEL   name printed in the result line (default "server")
-- Anything but 200 with the body {"ok":true} counts as an error; done() prints the RESULT line of ../lib.lua.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

function init(args)
  local host = os.getenv("SMALL_HOST") or ""
  if host ~= "" then wrk.headers["Host"] = host end
  local cookie = os.getenv("SMALL_COOKIE") or ""
  if cookie ~= "" then wrk.headers["Cookie"] = cookie end
  bench.init_thread(wrk.format("GET"))
end

request = bench.request

function response(status, headers, body)
  if status ~= 200 or body ~= '{"ok":true}' then
    bench.bad(status, status .. " body: " .. (body or ""))
  end
end

done = bench.done(os.getenv("SMALL_LABEL") or "server", "anything but 200 with {\"ok\":true} is bad")

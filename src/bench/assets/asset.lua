-- wrk script: one fingerprinted asset, GET <asset URL>, the same request to every server.
--
--   ASSET_STATUS=200 ASSET_ENCODING=gzip ASSET_ACCEPT_ENCODING=gzip ASSET_LENGTH=5364 ASSET_ETAG='"…"' \
--     wrk -t2 -c16 -d30s --latency -s asset.lua http://127.0.0.1:18082/assets/css/portico.pL2Vy-CegPkP.css
--
-- The request is a GET of the URL's path with the headers a browser's request for a stylesheet or script carries that
-- matter here; what is sent and what counts as a good answer come from environment variables, so that one script
-- serves Portico and nginx alike (only the URL and, for a revalidation, the ETag differ between them):
--   ASSET_STATUS            the expected status: 200, or 304 for a revalidation (required)
--   ASSET_ACCEPT_ENCODING   value of the Accept-Encoding header, e.g. "gzip"; empty or unset: none sent
--   ASSET_IF_NONE_MATCH     value of the If-None-Match header (that server's ETag); empty or unset: none sent
--   ASSET_ENCODING          the Content-Encoding a 200 must have, e.g. "gzip"; empty or unset: none (identity)
--   ASSET_LENGTH            the body length in bytes a 200 must have (the file that server serves); unset: not checked
--   ASSET_ETAG              the ETag every answer must carry (a 304 too); empty or unset: not checked
--   ASSET_LABEL             name printed in the result line (default "server")
--
-- A benchmark of errors is worthless, so every response that is not the expected status with the expected coding,
-- length and ETag counts as an error (a 200 to a revalidation, for one: the ETag did not match). done() prints one
-- machine-readable line that run.sh parses:
--   RESULT label=… requests=… duration_s=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad_responses=… socket_errors=…
-- and, when there were bad responses, the status codes seen and the first bad answer (status, coding, length, ETag),
-- cut to 300 characters; the counting and that line come from ../lib.lua.

local bench = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../lib.lua")

setup = bench.setup

local function optional(name)
  local value = os.getenv(name)
  if value == "" then return nil end
  return value
end

function init(args)
  expected_status = tonumber(bench.required("ASSET_STATUS", "asset.lua"))
  if expected_status ~= 200 and expected_status ~= 304 then
    error("ASSET_STATUS must be 200 or 304, got '" .. os.getenv("ASSET_STATUS") .. "'")
  end
  expected_encoding = optional("ASSET_ENCODING")
  expected_length = tonumber(optional("ASSET_LENGTH") or "")
  expected_etag = optional("ASSET_ETAG")
  wrk.headers["Accept"] = "text/css,*/*;q=0.1"
  wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36"
  wrk.headers["Accept-Encoding"] = optional("ASSET_ACCEPT_ENCODING")
  wrk.headers["If-None-Match"] = optional("ASSET_IF_NONE_MATCH")
  -- Pre-built once per thread: wrk sends the same bytes for every request.
  bench.init_thread(wrk.format("GET"))
end

request = bench.request

function response(status, headers, body)
  -- wrk hands over the header names as the server wrote them
  local encoding = headers["Content-Encoding"] or headers["content-encoding"]
  local etag = headers["ETag"] or headers["Etag"] or headers["etag"]
  local length = body and #body or 0
  local good = status == expected_status and (expected_etag == nil or etag == expected_etag)
  if good and status == 200 then
    good = encoding == expected_encoding and (expected_length == nil or length == expected_length)
  end
  if not good then
    bench.bad(status, status .. " Content-Encoding: " .. (encoding or "(none)") .. " ETag: " .. (etag or "(none)")
      .. " body: " .. length .. " bytes")
  end
end

done = bench.done(os.getenv("ASSET_LABEL") or "server",
  "a " .. (os.getenv("ASSET_STATUS") or "?") .. " here means the wrong coding, length or ETag")

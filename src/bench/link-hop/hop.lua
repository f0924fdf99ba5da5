-- wrk script for the link-hop benchmark (run.sh): the same GET again and again with the session cookie of a logged-in
-- user, a browser's User-Agent (Portico treats requests without one as link prefetchers), and a count of answers
-- other than the expected status (303 from Portico, 302 from nginx), printed with p50/p90/p99 at the end.
local cookie = os.getenv("HOP_COOKIE") or ""
local expected = tonumber(os.getenv("HOP_STATUS") or "303")

wrk.headers["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 link-hop-bench"
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
end

function response(status, headers, body)
  if status ~= expected then
    unexpected = unexpected + 1
  end
end

function done(summary, latency, requests)
  local wrong = 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("unexpected")
  end
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f unexpected=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    wrong, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

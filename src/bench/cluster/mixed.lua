-- Mixed traffic for the cluster soak (soak.sh): alice's page views, deep-link hops and RFC 8693 token exchanges,
-- 5 : 3 : 2, all through the balancer. Without HAProxy's stickiness cookie every request may land on either node, so
-- both read alice's replicated session all the time. The inputs come from the environment (soak.sh sets them).
local cookie = os.getenv("SOAK_COOKIE")
local basic = os.getenv("SOAK_BASIC")
local exchange = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
    .. "&subject_token=" .. os.getenv("SOAK_SUBJECT")
    .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
    .. "&audience=" .. os.getenv("SOAK_AUDIENCE")

local threads = {}
function setup(thread)
    table.insert(threads, thread)
end

local counter = 0
statuses = {}

function request()
    counter = counter + 1
    local kind = counter % 10
    if kind < 5 then
        return wrk.format("GET", "/home.xhtml", { Cookie = cookie })
    elseif kind < 8 then
        return wrk.format("GET", "/link/invoice/" .. (counter % 1000), { Cookie = cookie })
    end
    return wrk.format("POST", "/oauth2/token",
        { ["Content-Type"] = "application/x-www-form-urlencoded", Authorization = basic }, exchange)
end

function response(status)
    statuses[status] = (statuses[status] or 0) + 1
end

function done(summary)
    local total = {}
    for _, thread in ipairs(threads) do
        for status, count in pairs(thread:get("statuses")) do
            total[status] = (total[status] or 0) + count
        end
    end
    io.write("statuses:")
    for status, count in pairs(total) do
        io.write(string.format(" %d=%d", status, count))
    end
    io.write(string.format("\nsocket errors: connect %d, read %d, write %d, timeout %d\n",
        summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end

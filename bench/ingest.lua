-- wrk script for bench/ingest.sh: unique, correctly signed Shopify orders/create deliveries.
--
--   wrk -t THREADS -c CONNS -d MAX_SECONDS -s ingest.lua URL -- \
--       TEMPLATE TOKEN REQS_PREFIX QUOTA_PER_THREAD SECONDS MARKER_PREFIX THREADS
--
-- Requests: thread n reads its own file REQS_PREFIX.n (lines "ORDER_ID WEBHOOK_ID HMAC", written by
-- sign_requests.py), one line per request, so no webhook id is sent twice. The body is TEMPLATE with
-- every TOKEN replaced by ORDER_ID: the same bytes sign_requests.py signed.
--
-- Ending cleanly: wrk normally stops with requests still in flight, whose responses it never reads, which
-- would make "stored == 2xx" unanswerable. Here each thread sends for SECONDS, then parks its connections
-- (delay() returns an hour) and waits for the requests in flight. When a thread has none left it writes
-- MARKER_PREFIX.n; the thread that completes the set sends SIGINT to wrk, which then reports at once.
-- (MAX_SECONDS only bounds a server that never answers.) A thread that uses up its file parks early and
-- reports exhausted=1; it never wraps around.

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
int getpid(void);
int kill(int pid, int sig);
]]
local ts = ffi.new("bench_timespec")
local function now() -- CLOCK_MONOTONIC in seconds: comparable between wrk threads
    ffi.C.clock_gettime(1, ts)
    return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) * 1e-9
end

local PARK_MS = 3600 * 1000
local SIGINT = 2

------------------------------------------------------------------------------------------------------------
-- main Lua state: number the threads; done() sums their counters

local threads = {}

function setup(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

------------------------------------------------------------------------------------------------------------
-- per-thread Lua state (globals are read by done() through thread:get)

sent, answered, ok2xx, dup, exhausted = 0, 0, 0, 0, 0
statuses = ""          -- non-2xx answers as "code:count,..."
t_first, t_last = 0, 0 -- first send, last answer
local parts, lines, quota, seconds, marker, nthreads, headers
local started, deadline, reserved, drained = false, 0, 0, false
local other = {}       -- non-2xx status -> count

function init(args)
    local template_path, token, reqs_prefix = args[1], args[2], args[3]
    quota, seconds, marker, nthreads = tonumber(args[4]), tonumber(args[5]), args[6], tonumber(args[7])
    local f = assert(io.open(template_path, "rb"))
    local template = f:read("*a")
    f:close()
    parts = {} -- the template split on TOKEN, exactly like Python's bytes.split
    local from = 1
    while true do
        local s, e = string.find(template, token, from, true)
        if not s then break end
        table.insert(parts, string.sub(template, from, s - 1))
        from = e + 1
    end
    table.insert(parts, string.sub(template, from))
    assert(#parts > 1, "token not found in template")
    lines = assert(io.open(reqs_prefix .. "." .. tid, "r"))
    headers = {
        ["Content-Type"] = "application/json",
        ["X-Shopify-Topic"] = "orders/create",
        ["X-Shopify-Shop-Domain"] = "bench-shop.myshopify.com",
    }
end

-- Past the deadline (or out of requests) with nothing in flight: mark this thread done; the last one stops wrk.
local function check_drained(t)
    if drained or not (t >= deadline or reserved >= quota) or math.max(reserved, sent) > answered then
        return
    end
    drained = true
    assert(io.open(marker .. "." .. tid, "w")):close()
    for i = 0, nthreads - 1 do
        local f = io.open(marker .. "." .. i, "r")
        if not f then return end
        f:close()
    end
    ffi.C.kill(ffi.C.getpid(), SIGINT) -- wrk's handler ends its sleep and prints the results
end

-- Called before each request a connection sends: 0 = send now, PARK_MS = this connection is finished.
function delay()
    local t = now()
    if not started then
        started, t_first, deadline = true, t, t + seconds
    end
    if t < deadline and reserved < quota then
        reserved = reserved + 1 -- one line for the request() that follows
        return 0
    end
    if reserved >= quota then
        exhausted = 1
    end
    check_drained(t)
    return PARK_MS
end

function request()
    if not started then
        -- wrk calls request() once in thread 0 before the run only to check that it parses: not sent
        return wrk.format("POST", "/webhook/shopify", headers, parts[1])
    end
    sent = sent + 1
    local line = lines:read("*l")
    if not line then
        -- only reachable when wrk resends after a socket error without asking delay(); never wrap around
        exhausted = 1
        return wrk.format("GET", "/bench-exhausted")
    end
    local order_id, webhook_id, hmac = string.match(line, "^(%S+) (%S+) (%S+)$")
    headers["X-Shopify-Webhook-Id"] = webhook_id
    headers["X-Shopify-Hmac-Sha256"] = hmac
    return wrk.format("POST", "/webhook/shopify", headers, table.concat(parts, order_id))
end

function response(status, _, body)
    answered = answered + 1
    t_last = now()
    if status >= 200 and status < 300 then
        ok2xx = ok2xx + 1
        if string.find(body, '"duplicate"', 1, true) then
            dup = dup + 1
        end
    else
        other[status] = (other[status] or 0) + 1
        local s = {}
        for code, n in pairs(other) do
            table.insert(s, code .. ":" .. n)
        end
        statuses = table.concat(s, ",")
    end
    check_drained(t_last)
end

------------------------------------------------------------------------------------------------------------
-- main Lua state: one machine-readable line for ingest.sh

function done(summary, latency, _)
    local total = { sent = 0, answered = 0, ok2xx = 0, dup = 0, exhausted = 0 }
    local first, last, codes = math.huge, 0, {}
    for _, t in ipairs(threads) do
        for k in pairs(total) do
            total[k] = total[k] + t:get(k)
        end
        if t:get("t_first") > 0 then
            first = math.min(first, t:get("t_first"))
        end
        last = math.max(last, t:get("t_last"))
        for code, n in string.gmatch(t:get("statuses"), "(%d+):(%d+)") do
            codes[code] = (codes[code] or 0) + tonumber(n)
        end
    end
    local window = last > first and (last - first) or 0 -- first request sent .. last answer read
    local codelist = {}
    for code, n in pairs(codes) do
        table.insert(codelist, code .. "x" .. n)
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH sent=%d answered=%d ok2xx=%d non2xx=%d dup=%d unanswered=%d exhausted=%d window_s=%.3f rps=%.0f"
            .. " p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f statuses=%s"
            .. " sock_connect=%d sock_read=%d sock_write=%d sock_timeout=%d\n",
        total.sent, total.answered, total.ok2xx, total.answered - total.ok2xx, total.dup,
        total.sent - total.answered, total.exhausted, window, window > 0 and total.answered / window or 0,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, #codelist > 0 and table.concat(codelist, ",") or "-",
        e.connect, e.read, e.write, e.timeout))
end

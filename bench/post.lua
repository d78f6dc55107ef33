-- wrk script: JSON POST bodies, optional fixed request rate, and a machine-readable summary.
--
--   wrk -t2 -c32 -d20s --latency -s post.lua URL -- BODY_FILE [rate=N threads=T] [H=Name:Value ...]
--
-- BODY_FILE  the request body (sent with Content-Type: application/json)
-- rate=N     open-loop pacing: the whole run sends N requests/s (requires threads=T, the -t value).
--            wrk calls delay() before every request; each thread hands out send slots every
--            T/N seconds from its own clock (LuaJIT ffi clock_gettime), so a slow response does not
--            slow the schedule down (a connection that is busy simply leaves the slot to another).
--            wrk's latency clock starts when the request is written, so this is service time.
-- H=Name:Value  extra request headers
--
-- Non-2xx answers are counted by wrk itself (err_status below).
-- done() prints one line, "BENCH_JSON {...}", with requests, duration, errors and latency
-- percentiles in microseconds; run.sh parses it.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms = nil
local next_slot = nil

local function read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open body file " .. tostring(path))
  local s = f:read("*a")
  f:close()
  return s
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  local rate, threads = nil, 1
  for i, a in ipairs(args) do
    if i == 1 then
      wrk.body = read_file(a)
    elseif a:match("^rate=") then
      rate = tonumber(a:sub(6))
    elseif a:match("^threads=") then
      threads = tonumber(a:sub(9))
    elseif a:match("^H=") then
      local name, value = a:sub(3):match("^([^:]+):%s*(.*)$")
      wrk.headers[name] = value
    end
  end
  if rate and rate > 0 then
    interval_ms = 1000.0 * threads / rate
    -- defined only when pacing: with a delay() function wrk routes every request through a timer
    delay = paced_delay
  end
end

function paced_delay()
  local now = now_ms()
  if not next_slot then
    next_slot = now
  end
  local slot = next_slot
  next_slot = next_slot + interval_ms
  local wait = slot - now
  if wait < 0 then
    return 0
  end
  return math.floor(wait + 0.5)
end

function done(summary, latency, requests)
  local e = summary.errors
  local p = function(q) return latency:percentile(q) end
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"err_connect":%d,"err_read":%d,' ..
    '"err_write":%d,"err_status":%d,"err_timeout":%d,"lat_mean_us":%.1f,"lat_max_us":%d,' ..
    '"p50_us":%d,"p90_us":%d,"p99_us":%d,"p999_us":%d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.max, p(50), p(90), p(99), p(99.9)))
end

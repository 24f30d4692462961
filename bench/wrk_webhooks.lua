-- wrk script used by bench/webhooks.py (not meant to be run by hand).
--
-- BENCH_MODE=get      plain requests to the URL given on the command line (e.g. /healthz).
-- BENCH_MODE=webhook  POSTs pre-signed webhook deliveries. Python writes one file per
--                     wrk thread, "<BENCH_BODIES>.<thread id>", one delivery per line:
--                     "<x-printora-signature value>\t<raw JSON body>". Each thread sends
--                     its own file in order, so every request is a distinct event and the
--                     events of one order arrive in their life-cycle order.
--
-- Either way done() prints one line, "BENCH_JSON {...}", that webhooks.py parses.

local mode = os.getenv("BENCH_MODE") or "get"
local prefix = os.getenv("BENCH_BODIES")
local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   table.insert(threads, thread)
   next_id = next_id + 1
end

-- Read back through thread:get() in done(); globals of each thread's own Lua state.
sent = 0
wrapped = 0

if mode == "webhook" then
   local prepared = {}
   local count = 0
   local position = 0

   function init(args)
      local path = prefix .. "." .. tostring(id)
      for line in io.lines(path) do
         local tab = line:find("\t", 1, true)
         local headers = {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "Printora-Webhooks/bench",
            ["X-Printora-Signature"] = line:sub(1, tab - 1),
         }
         count = count + 1
         -- Formatted once here, so request() costs nothing while the clock runs.
         prepared[count] = wrk.format("POST", nil, headers, line:sub(tab + 1))
      end
   end

   function request()
      position = position + 1
      if position > count then
         -- Out of distinct deliveries: from here on they repeat (reported as wrapped).
         position = 1
         wrapped = wrapped + 1
      end
      sent = sent + 1
      return prepared[position]
   end
end

function done(summary, latency, requests)
   local per_thread = {}
   local total_wrapped = 0
   for i, thread in ipairs(threads) do
      per_thread[i] = tostring(thread:get("sent") or 0)
      total_wrapped = total_wrapped + (thread:get("wrapped") or 0)
   end
   local errors = summary.errors
   io.write(string.format(
      'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,'
         .. '"connect_errors":%d,"read_errors":%d,"write_errors":%d,'
         .. '"status_errors":%d,"timeouts":%d,'
         .. '"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,"mean_us":%.1f,'
         .. '"sent_per_thread":[%s],"wrapped":%d}\n',
      summary.requests, summary.duration, summary.bytes,
      errors.connect, errors.read, errors.write, errors.status, errors.timeout,
      latency:percentile(50), latency:percentile(90), latency:percentile(99),
      latency.max, latency.mean,
      table.concat(per_thread, ","), total_wrapped
   ))
end

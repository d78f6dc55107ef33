#!/usr/bin/env python3
"""Stream clients for the benchmarks (Python 3 stdlib, asyncio).

  concurrent URL BODY_FILE --streams N --expect-events E [--ramp PER_SECOND] [--timeout S]
      Opens N streams at once (connections started at PER_SECOND), reads every one to the end
      and checks it: HTTP 200, E events, then `data: [DONE]`, no error event. Prints
      "ALL_OPEN <n>" once every stream has its response headers (run.sh samples the gateway's
      heap and RSS then), and a final "RESULT {json}".

  ttft URL BODY_FILE [--requests N]
      Sends N streamed requests one after another on one keep-alive connection and measures the
      time from writing the request to receiving the first complete SSE event (time to first
      token). Prints "RESULT {json}" with p50/p90/p99/mean in milliseconds.

Extra request headers: --header 'Name: value' (repeatable).
"""
import argparse
import asyncio
import json
import sys
import time
from collections import Counter
from urllib.parse import urlsplit


class Failure(Exception):
    pass


def build_request(url, body, headers):
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    lines = [f"POST {path} HTTP/1.1", f"Host: {parts.hostname}:{parts.port}", "Content-Type: application/json",
             "Accept: text/event-stream", f"Content-Length: {len(body)}"]
    lines += headers
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body, parts.hostname, parts.port


class SseCounter:
    """Counts SSE events in a byte stream; notes [DONE] and error events."""

    def __init__(self):
        self.buf = b""
        self.events = 0
        self.done = False
        self.error = None

    def feed(self, data):
        self.buf += data.replace(b"\r\n", b"\n")
        new = 0
        while True:
            end = self.buf.find(b"\n\n")
            if end < 0:
                return new
            raw, self.buf = self.buf[:end], self.buf[end + 2:]
            payload = b"\n".join(line[5:].lstrip() for line in raw.split(b"\n") if line.startswith(b"data:"))
            if not payload:
                continue
            if payload == b"[DONE]":
                self.done = True
            elif payload.startswith(b'{"error"'):
                self.error = payload[:300].decode(errors="replace")
            else:
                self.events += 1
                new += 1


async def read_response(reader, on_data):
    """Reads one HTTP/1.1 response; feeds body bytes to on_data. Returns the status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode(errors="replace").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    on_data(None, status)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            data = await reader.readexactly(size + 2)
            on_data(data[:-2], status)
    elif "content-length" in headers:
        data = await reader.readexactly(int(headers["content-length"]))
        on_data(data, status)
    else:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            on_data(data, status)
    return status, headers


class Concurrent:
    def __init__(self, n):
        self.n = n
        self.open = 0
        self.peak = 0
        self.with_headers = 0
        self.ok = 0
        self.failures = Counter()
        self.events = []
        self.all_open_at = None
        self.started_at = time.monotonic()


async def one_stream(i, state, request, host, port, expect, start_at, timeout):
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    writer = None
    counted = False
    sse = SseCounter()
    try:
        async def run():
            nonlocal writer, counted
            reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
            writer.write(request)
            await writer.drain()

            def on_data(data, status):
                nonlocal counted
                if data is None:
                    state.with_headers += 1
                    state.open += 1
                    counted = True
                    state.peak = max(state.peak, state.open)
                    if state.with_headers == state.n and state.all_open_at is None:
                        state.all_open_at = time.monotonic()
                        print(f"ALL_OPEN {state.open}", flush=True)
                    return
                if status == 200:
                    sse.feed(data)

            status, _ = await read_response(reader, on_data)
            if status != 200:
                raise Failure(f"HTTP {status}")
            if sse.error:
                raise Failure("error event")
            if not sse.done:
                raise Failure("no [DONE]")
            if sse.events != expect:
                raise Failure(f"{sse.events} events, expected {expect}")

        await asyncio.wait_for(run(), timeout)
        state.ok += 1
    except Failure as e:
        state.failures[str(e)] += 1
    except asyncio.TimeoutError:
        state.failures["timeout"] += 1
    except (OSError, asyncio.IncompleteReadError, ValueError) as e:
        state.failures[type(e).__name__ + (": " + str(e)[:80] if str(e) else "")] += 1
    finally:
        state.events.append(sse.events)
        if counted:
            state.open -= 1
        if writer is not None:
            writer.close()


async def concurrent(args):
    body = open(args.body, "rb").read()
    request, host, port = build_request(args.url, body, args.header)
    state = Concurrent(args.streams)
    t0 = time.monotonic()
    tasks = [asyncio.create_task(one_stream(i, state, request, host, port, args.expect_events,
                                            t0 + i / args.ramp, args.timeout))
             for i in range(args.streams)]

    async def progress():
        while True:
            await asyncio.sleep(5)
            print(f"progress t={time.monotonic() - t0:.0f}s open={state.open} peak={state.peak} "
                  f"ok={state.ok} failed={sum(state.failures.values())}", file=sys.stderr, flush=True)

    reporter = asyncio.create_task(progress())
    await asyncio.gather(*tasks)
    reporter.cancel()
    elapsed = time.monotonic() - t0
    result = {
        "streams": args.streams, "ok": state.ok, "failed": sum(state.failures.values()),
        "failures": dict(state.failures.most_common(10)), "peak_open": state.peak,
        "all_open_after_s": round(state.all_open_at - t0, 1) if state.all_open_at else None,
        "elapsed_s": round(elapsed, 1),
        "events_min": min(state.events) if state.events else 0,
        "events_max": max(state.events) if state.events else 0,
    }
    print("RESULT " + json.dumps(result), flush=True)
    return 0 if state.ok == args.streams else 1


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


async def ttft(args):
    body = open(args.body, "rb").read()
    request, host, port = build_request(args.url, body, args.header)
    reader = writer = None
    samples, totals, failures = [], [], Counter()
    for _ in range(args.requests):
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            sse = SseCounter()
            first = [None]
            t0 = time.perf_counter()
            writer.write(request)

            def on_data(data, status):
                if data is not None and sse.feed(data) and first[0] is None:
                    first[0] = time.perf_counter()

            status, headers = await read_response(reader, on_data)
            t_end = time.perf_counter()
            if status != 200 or not sse.done or sse.error or first[0] is None:
                failures[f"HTTP {status}" if status != 200 else "bad stream"] += 1
            else:
                samples.append((first[0] - t0) * 1000.0)
                totals.append((t_end - t0) * 1000.0)
            if headers.get("connection", "").lower() == "close":
                writer.close()
                writer = None
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            failures[type(e).__name__] += 1
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()
    s = sorted(samples)
    result = {"requests": args.requests, "ok": len(samples), "failures": dict(failures),
              "p50_ms": percentile(s, 50), "p90_ms": percentile(s, 90), "p99_ms": percentile(s, 99),
              "mean_ms": sum(s) / len(s) if s else None, "min_ms": s[0] if s else None,
              "total_p50_ms": percentile(sorted(totals), 50)}
    print("RESULT " + json.dumps(result), flush=True)
    return 0 if not failures else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    c = sub.add_parser("concurrent")
    c.add_argument("url")
    c.add_argument("body")
    c.add_argument("--streams", type=int, default=10000)
    c.add_argument("--expect-events", type=int, required=True)
    c.add_argument("--ramp", type=float, default=1000.0, help="connections opened per second")
    c.add_argument("--timeout", type=float, default=120.0, help="per stream, seconds")
    c.add_argument("--header", action="append", default=[])
    t = sub.add_parser("ttft")
    t.add_argument("url")
    t.add_argument("body")
    t.add_argument("--requests", type=int, default=60)
    t.add_argument("--header", action="append", default=[])
    args = parser.parse_args()
    sys.exit(asyncio.run(concurrent(args) if args.mode == "concurrent" else ttft(args)))


if __name__ == "__main__":
    main()

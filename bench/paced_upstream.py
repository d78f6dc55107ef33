#!/usr/bin/env python3
"""A paced OpenAI-compatible SSE upstream for the benchmarks (Python 3 stdlib, asyncio).

nginx answers the throughput scenarios from static files, but it cannot pace a stream. This server
answers every POST whose path contains /paced/<first_ms>/<interval_ms>/<events>/ with a
chat.completion.chunk stream: response headers at once, the first event after <first_ms>, then one
event every <interval_ms>, <events> events in all (the last one carries finish_reason "stop" and
usage), then `data: [DONE]`. The body is sent with chunked transfer encoding, one chunk per event,
as OpenAI does. Keep-alive is honoured, so a gateway can reuse its connections.

A path containing /flaky/<n>/<status>/ instead fails every n-th request on that prefix with <status>
(an OpenAI error body and `retry-after-ms: 20`) and answers the others at once: a chat.completion,
or, when the body asks for "stream": true, a 5-event stream (the soak's failing target).

Examples (the gateway's api_base is everything before /chat/completions):
  POST /paced/1000/1000/30/v1/chat/completions   one event a second for 30 s (the 10,000-streams test)
  POST /paced/50/10/5/v1/chat/completions        first token after 50 ms (time to first token)
  POST /flaky/2/429/v1/chat/completions          every second call a 429, the others answered

  python3 paced_upstream.py --port 18070
"""
import argparse
import asyncio
import json
import re
import signal
import sys

PACED = re.compile(rb"/paced/(\d+)/(\d+)/(\d+)/")
FLAKY = re.compile(rb"/flaky/(\d+)/(\d{3})/")
FLAKY_COUNTS = {}
COMPLETION = json.dumps({"id": "chatcmpl-flaky", "object": "chat.completion", "created": 1735689600,
                         "model": "gpt-4o-mini-2024-07-18",
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"},
                                      "logprobs": None, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 24, "completion_tokens": 1, "total_tokens": 25}}).encode()
BASE = {"id": "chatcmpl-paced", "object": "chat.completion.chunk", "created": 1735689600,
        "model": "gpt-4o-mini-2024-07-18", "system_fingerprint": "fp_bench0001"}


def chunk(data: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(data), data)


def event(i: int, total: int) -> bytes:
    if i == 0:
        delta = {"role": "assistant", "content": "tok0"}
    else:
        delta = {"content": " tok%d" % i}
    body = dict(BASE)
    body["choices"] = [{"index": 0, "delta": delta, "logprobs": None,
                        "finish_reason": "stop" if i == total - 1 else None}]
    body["usage"] = ({"prompt_tokens": 24, "completion_tokens": total, "total_tokens": 24 + total}
                     if i == total - 1 else None)
    return chunk(b"data: " + json.dumps(body, separators=(",", ":")).encode() + b"\n\n")


EVENTS_CACHE = {}


def events_for(total: int):
    if total not in EVENTS_CACHE:
        EVENTS_CACHE[total] = [event(i, total) for i in range(total)]
    return EVENTS_CACHE[total]


DONE = chunk(b"data: [DONE]\n\n") + b"0\r\n\r\n"
STREAM_HEADERS = (b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                  b"Transfer-Encoding: chunked\r\n")


class Stats:
    open_streams = 0
    peak_streams = 0
    started = 0
    finished = 0
    aborted = 0


class Conn(asyncio.Protocol):
    def __init__(self, loop):
        self.loop = loop
        self.buf = b""
        self.transport = None
        self.busy = False
        self.timer = None
        self.close_after = False

    def connection_made(self, transport):
        self.transport = transport

    def connection_lost(self, exc):
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
            Stats.aborted += 1
            Stats.open_streams -= 1
        self.transport = None

    def data_received(self, data):
        self.buf += data
        self.next_request()

    def next_request(self):
        while not self.busy and self.transport is not None:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = self.buf[:end]
            lines = head.split(b"\r\n")
            try:
                method, path, _ = lines[0].split(b" ", 2)
            except ValueError:
                self.transport.close()
                return
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(b":")
                headers[name.strip().lower()] = value.strip()
            rest = self.buf[end + 4:]
            if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
                consumed = self.chunked_length(rest)
                if consumed is None:
                    return
            else:
                consumed = int(headers.get(b"content-length", b"0") or 0)
                if len(rest) < consumed:
                    return
            body = rest[:consumed] if consumed <= len(rest) else b""
            self.buf = rest[consumed:]
            self.close_after = headers.get(b"connection", b"").lower() == b"close"
            self.handle(method, path, body)

    @staticmethod
    def chunked_length(data):
        pos = 0
        while True:
            eol = data.find(b"\r\n", pos)
            if eol < 0:
                return None
            size = int(data[pos:eol].split(b";")[0], 16)
            pos = eol + 2 + size + 2
            if pos > len(data):
                return None
            if size == 0:
                return pos

    def respond(self, status, body, content_type=b"application/json", extra=b""):
        self.transport.write(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n%s%s\r\n%s" % (
            status, content_type, len(body), extra, b"Connection: close\r\n" if self.close_after else b"", body))
        if self.close_after:
            self.transport.close()

    def handle(self, method, path, body):
        if path.startswith(b"/health"):
            self.respond(b"200 OK", b'{"status":"OK","open_streams":%d,"peak_streams":%d,"started":%d,'
                                    b'"finished":%d,"aborted":%d}' % (
                             Stats.open_streams, Stats.peak_streams, Stats.started, Stats.finished,
                             Stats.aborted))
            return
        if path.startswith(b"/reset"):
            Stats.peak_streams = Stats.open_streams
            Stats.started = Stats.finished = Stats.aborted = 0
            self.respond(b"200 OK", b"{}")
            return
        flaky = FLAKY.search(path)
        if flaky is not None and method == b"POST" and path.endswith(b"chat/completions"):
            self.flaky(path[:flaky.end()], int(flaky.group(1)), flaky.group(2), body)
            return
        m = PACED.search(path)
        if method != b"POST" or m is None or not path.endswith(b"chat/completions"):
            self.respond(b"404 Not Found", b'{"error":{"message":"POST /paced/<first_ms>/<interval_ms>/<events>/'
                                           b'.../chat/completions","type":"invalid_request_error"}}')
            return
        self.stream(*(int(g) for g in m.groups()))

    def flaky(self, prefix, every, status, body):
        count = FLAKY_COUNTS.get(prefix, 0) + 1
        FLAKY_COUNTS[prefix] = count
        if count % max(1, every) == 0:
            self.respond(status + b" Failing", b'{"error":{"message":"flaky upstream: failing on purpose",'
                                               b'"type":"rate_limit_error","param":null,"code":null}}',
                         extra=b"retry-after-ms: 20\r\n")
        elif re.search(rb'"stream"\s*:\s*true', body):
            self.stream(0, 0, 5)
        else:
            self.respond(b"200 OK", COMPLETION)

    def stream(self, first_ms, interval_ms, total):
        self.busy = True
        Stats.started += 1
        Stats.open_streams += 1
        Stats.peak_streams = max(Stats.peak_streams, Stats.open_streams)
        self.transport.write(STREAM_HEADERS + (b"Connection: close\r\n" if self.close_after else b"") + b"\r\n")
        events = events_for(max(1, total))
        self.timer = self.loop.call_later(first_ms / 1000.0, self.send, events, 0, interval_ms / 1000.0)

    def send(self, events, i, interval):
        self.timer = None
        if self.transport is None:
            return
        self.transport.write(events[i])
        if i + 1 < len(events):
            self.timer = self.loop.call_later(interval, self.send, events, i + 1, interval)
            return
        self.transport.write(DONE)
        Stats.open_streams -= 1
        Stats.finished += 1
        self.busy = False
        if self.close_after:
            self.transport.close()
            return
        self.next_request()


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=18070)
    args = parser.parse_args()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Conn(loop), args.host, args.port, backlog=8192, reuse_address=True)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print(f"paced upstream listening on http://{args.host}:{args.port}", flush=True)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)

#!/usr/bin/env python3
"""Writes the static upstream's canned responses (run once; the outputs are checked in next to it)."""
import json
import os
import random

here = os.path.dirname(os.path.abspath(__file__))
content = ("Switchboard benchmark reply. This fixed answer stands in for a model's output so that every "
           "request costs the upstream the same tiny amount of work, and the numbers measure only the "
           "gateway in between: parsing, routing, usage accounting, metrics and response headers, per call.")
usage_details = {"prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                               "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}}


def write(name, text):
    with open(os.path.join(here, name), "w") as f:
        f.write(text)
    print(f"{name}: {len(text.encode())} bytes")


def compact(obj):
    return json.dumps(obj, separators=(",", ":"))


# OpenAI chat.completion, with usage (~900 bytes)
write("chat.json", compact({
    "id": "chatcmpl-bench0000000000000000000001", "object": "chat.completion", "created": 1735689600,
    "model": "gpt-4o-mini-2024-07-18",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": None, "annotations": []},
                 "logprobs": None, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 24, "completion_tokens": 52, "total_tokens": 76, **usage_details},
    "service_tier": "default", "system_fingerprint": "fp_bench0001"}))

# 40 chat.completion.chunk events (role, 37 content deltas, finish_reason, usage), then [DONE]
words = content.split()
base = {"id": "chatcmpl-bench0000000000000000000002", "object": "chat.completion.chunk", "created": 1735689600,
        "model": "gpt-4o-mini-2024-07-18", "service_tier": "default", "system_fingerprint": "fp_bench0001"}
events = []


def event(choices, usage=None):
    events.append("data: " + compact({**base, "choices": choices, "usage": usage}) + "\n\n")


event([{"index": 0, "delta": {"role": "assistant", "content": "", "refusal": None}, "logprobs": None,
        "finish_reason": None}])
for i in range(37):
    event([{"index": 0, "delta": {"content": (" " if i else "") + words[i % len(words)]}, "logprobs": None,
            "finish_reason": None}])
event([{"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}])
event([], {"prompt_tokens": 24, "completion_tokens": 38, "total_tokens": 62, **usage_details})
assert len(events) == 40
write("chat-stream.sse", "".join(events) + "data: [DONE]\n\n")

# Anthropic message
write("anthropic-message.json", compact({
    "id": "msg_bench0000000000000000001", "type": "message", "role": "assistant",
    "model": "claude-3-5-haiku-20241022", "content": [{"type": "text", "text": content}],
    "stop_reason": "end_turn", "stop_sequence": None,
    "usage": {"input_tokens": 24, "output_tokens": 52, "cache_creation_input_tokens": 0,
              "cache_read_input_tokens": 0}}))

# OpenAI embeddings (one 64-dimension vector)
rng = random.Random(7)
write("embeddings.json", compact({
    "object": "list",
    "data": [{"object": "embedding", "index": 0, "embedding": [round(rng.uniform(-0.1, 0.1), 6) for _ in range(64)]}],
    "model": "text-embedding-3-small", "usage": {"prompt_tokens": 8, "total_tokens": 8}}))

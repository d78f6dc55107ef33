#!/usr/bin/env python3
"""The soak's streams and edits (Python 3 stdlib, asyncio); the unary load is wrk's. See bench/soak.sh.

  soak_client.py GATEWAY_URL --seconds S --key GATEWAY_KEY --admin USER:PASSWORD
                 [--streams N] [--edit-interval SECONDS]

Keeps N paced streams open at all times through the gateway (half on the OpenAI route, passed
through; half on the MLflow route, translated), and hangs up one stream in five after its second
event, as impatient clients do. Every --edit-interval seconds it changes the configuration: it
flips the traffic split of endpoint soak-split, and makes a secret, a model definition and an
endpoint, calls it, then deletes all three. Every 10 s it prints "SOAK {json}" with running counts;
a stream or an edit that fails is counted with its reason.
"""
import argparse
import asyncio
import base64
import itertools
import json
import random
import sys
import time
import urllib.error
import urllib.request
from collections import Counter
from urllib.parse import urlsplit

from stream_client import SseCounter, build_request, read_response

API = "/api/3.0/mlflow/gateway/"
counts = Counter()


class HungUp(Exception):
    pass


async def one_stream(url, body, key, hang_up):
    request, host, port = build_request(url, body, [f"Authorization: Bearer {key}"])
    reader, writer = await asyncio.open_connection(host, port, limit=1 << 20)
    sse = SseCounter()
    try:
        writer.write(request)
        await writer.drain()

        def on_data(data, status):
            if data is not None and status == 200:
                sse.feed(data)
                if hang_up and sse.events >= 2:
                    raise HungUp()

        status, _ = await asyncio.wait_for(read_response(reader, on_data), 120)
        if status != 200:
            counts[f"stream_failed_http_{status}"] += 1
        elif sse.error:
            counts["stream_failed_error_event"] += 1
        elif not sse.done:
            counts["stream_failed_no_done"] += 1
        else:
            counts["streams_ok"] += 1
    except HungUp:
        counts["streams_hung_up"] += 1
    except asyncio.TimeoutError:
        counts["stream_failed_timeout"] += 1
    except (OSError, asyncio.IncompleteReadError) as e:
        counts[f"stream_failed_{type(e).__name__}"] += 1
    finally:
        writer.close()


async def stream_slot(gateway, key, stop_at, slot):
    bodies = {
        "openai": (gateway + "/gateway/openai/v1/chat/completions",
                   json.dumps({"model": "soak-paced", "stream": True,
                               "messages": [{"role": "user", "content": "soak"}]}).encode()),
        "mlflow": (gateway + "/gateway/soak-paced/mlflow/invocations",
                   json.dumps({"stream": True, "messages": [{"role": "user", "content": "soak"}]}).encode()),
    }
    url, body = bodies["openai" if slot % 2 == 0 else "mlflow"]
    while time.monotonic() < stop_at:
        await one_stream(url, body, key, hang_up=random.random() < 0.2)


def call(gateway, admin, method, route, payload):
    request = urllib.request.Request(gateway + API + route, method=method,
                                     data=None if payload is None else json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json",
                                              "Authorization": "Basic " + base64.b64encode(admin.encode()).decode()})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"{}")


def invoke(gateway, key, endpoint):
    request = urllib.request.Request(gateway + "/gateway/" + endpoint + "/mlflow/invocations", method="POST",
                                     data=b'{"messages": [{"role": "user", "content": "soak"}]}',
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()


def edit(gateway, admin, key, n, split_endpoint, split_definitions, upstream):
    """One configuration change: the split flipped (odd n), or an endpoint made, used and deleted (even n)."""
    if n % 2:
        a, b = split_definitions
        weights = (90, 10) if n % 4 == 1 else (10, 90)
        call(gateway, admin, "POST", "endpoints/update", {"endpoint_id": split_endpoint, "model_configs": [
            {"model_definition_id": a, "linkage_type": "PRIMARY", "weight": weights[0]},
            {"model_definition_id": b, "linkage_type": "PRIMARY", "weight": weights[1]}]})
        counts["edits_split"] += 1
        return
    name = "soak-tmp"  # one name, made and deleted again and again (a new id each time)
    secret = call(gateway, admin, "POST", "secrets/create", {
        "secret_name": name, "secret_value": {"api_key": "sk-soak-not-a-secret"}, "provider": "custom",
        "auth_config": {"api_base": upstream}})["secret"]["secret_id"]
    definition = call(gateway, admin, "POST", "model-definitions/create", {
        "name": name, "secret_id": secret, "provider": "custom",
        "model_name": "gpt-4o-mini"})["model_definition"]["model_definition_id"]
    endpoint = call(gateway, admin, "POST", "endpoints/create", {"name": name, "model_configs": [
        {"model_definition_id": definition, "linkage_type": "PRIMARY"}]})["endpoint"]["endpoint_id"]
    call(gateway, admin, "POST", "endpoints/permissions/create",
         {"endpoint_id": endpoint, "username": "soak-caller", "permission": "USE"})
    invoke(gateway, key, name)
    call(gateway, admin, "DELETE", "endpoints/delete", {"endpoint_id": endpoint})
    call(gateway, admin, "DELETE", "model-definitions/delete", {"model_definition_id": definition})
    call(gateway, admin, "DELETE", "secrets/delete", {"secret_id": secret})
    counts["edits_made_used_deleted"] += 1


async def edits(args, stop_at):
    found = call(args.gateway, args.admin, "GET", "endpoints/get?name=soak-split", None)["endpoint"]
    definitions = [m["model_definition_id"] for m in found["model_mappings"]][:2]
    for n in itertools.count(1):
        if time.monotonic() >= stop_at:
            return
        try:
            await asyncio.to_thread(edit, args.gateway, args.admin, args.key, n, found["endpoint_id"],
                                    definitions, args.upstream)
        except urllib.error.HTTPError as e:
            counts[f"edit_failed_http_{e.code}"] += 1
            print(f"edit {n} failed: HTTP {e.code} {e.read()[:300]!r}", file=sys.stderr, flush=True)
        except OSError as e:
            counts[f"edit_failed_{type(e).__name__}"] += 1
        await asyncio.sleep(args.edit_interval)


async def report(stop_at):
    while time.monotonic() < stop_at:
        await asyncio.sleep(10)
        print("SOAK " + json.dumps(dict(counts), sort_keys=True), flush=True)


async def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gateway")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--admin", required=True)
    parser.add_argument("--upstream", required=True, help="api_base of the endpoints the edits make")
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--edit-interval", type=float, default=1.0)
    args = parser.parse_args()
    split = urlsplit(args.gateway)
    assert split.scheme == "http", "the soak talks plain HTTP on loopback"
    stop_at = time.monotonic() + args.seconds
    tasks = [stream_slot(args.gateway, args.key, stop_at, slot) for slot in range(args.streams)]
    tasks += [edits(args, stop_at), report(stop_at)]
    await asyncio.gather(*tasks)
    print("SOAK " + json.dumps(dict(counts), sort_keys=True), flush=True)


if __name__ == "__main__":
    asyncio.run(main())

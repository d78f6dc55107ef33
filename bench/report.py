#!/usr/bin/env python3
"""Records and renders the benchmark results (used by run.sh).

  report.py load   --out RESULTS.jsonl --id ID --family F --label L --wrk WRK_OUTPUT
                   --ticks T --clk HZ --rss-kb KB --proc NAME
  report.py rate   --out RESULTS.jsonl --id ID --label L --rate N --wrk WRK_OUTPUT
  report.py json   --out RESULTS.jsonl --kind KIND [--field k=v ...] < a line "RESULT {json}" or {json}
  report.py render RESULTS.jsonl [--readme README.md] [--md RESULTS.md]

Every measurement is one JSON line in RESULTS.jsonl; `render` turns them into the markdown results
section (tables, ratios, and each target met or missed), written between the markers
<!-- bench-results:begin --> and <!-- bench-results:end --> of the README.
"""
import argparse
import json
import os
import re
import sys
import time

BEGIN = "<!-- bench-results:begin -->"
END = "<!-- bench-results:end -->"


def parse_wrk(path):
    text = open(path, errors="replace").read()
    m = re.search(r"^BENCH_JSON (\{.*\})$", text, re.M)
    if not m:
        raise SystemExit(f"no BENCH_JSON line in {path}:\n{text[-2000:]}")
    data = json.loads(m.group(1))
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6) if data["duration_us"] else 0.0
    data["errors"] = sum(data[k] for k in ("err_connect", "err_read", "err_write", "err_timeout"))
    data["non2xx"] = data["err_status"]
    return data


def append(out, record):
    with open(out, "a") as f:
        f.write(json.dumps(record) + "\n")


def upsert(out, rec):
    """Appends rec, or replaces an earlier attempt at the same measurement if rec was less disturbed."""
    lines = [json.loads(x) for x in open(out) if x.strip()] if os.path.exists(out) else []
    same = [r for r in lines if r.get("kind") == rec["kind"] and r.get("id") == rec["id"]]
    if same:
        old = same[0]
        if (old.get("foreign_cpu_pct") or 0) <= (rec.get("foreign_cpu_pct") or 0):
            return False
        lines = [r for r in lines if r is not old]
    lines.append(rec)
    with open(out, "w") as f:
        f.writelines(json.dumps(r) + "\n" for r in lines)
    return True


def finish(a, rec):
    """Stores the record; exit status 3 tells run.sh the run was disturbed by other processes."""
    if a.snapshot:
        rec["foreign_cpu_pct"], rec["foreign_top"] = foreign_cpu_pct(a.snapshot, set(a.exclude.split()), a.clk,
                                                                      wrk_ticks(a.wrk, a.clk))
    kept = upsert(a.out, rec)
    return rec, kept, (rec.get("foreign_cpu_pct") or 0) >= a.disturbed


def foreign_note(rec, kept):
    if rec.get("foreign_cpu_pct") is None:
        return ""
    return (f"  other cpu {rec['foreign_cpu_pct']}% {' '.join(rec.get('foreign_top', []))}"
            f"{'' if kept else ' (an earlier, less disturbed attempt is kept)'}")


def cpu_snapshot():
    """{pid: [comm, utime+stime ticks]} for every process."""
    snap = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        comm = raw[raw.index("(") + 1:raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        snap[entry] = [comm, int(fields[11]) + int(fields[12])]
    return snap


def machine_busy():
    """Busy clock ticks of the whole machine (user, nice, system, irq, softirq, steal)."""
    f = open("/proc/stat").readline().split()
    return sum(int(f[i]) for i in (1, 2, 3, 6, 7, 8))


def cmd_snapshot(a):
    json.dump({"t": time.monotonic(), "busy": machine_busy(), "procs": cpu_snapshot()}, open(a.file, "w"))


def wrk_ticks(path, clk):
    """wrk's own CPU, from the `times` line run.sh appends to its output (children's user and system)."""
    lines = [x for x in open(path, errors="replace").read().splitlines() if re.match(r"^\d+m[\d.]+s \d+m[\d.]+s$", x)]
    if not lines:
        return None
    total = 0.0
    for part in lines[-1].split():
        m, sec = part[:-1].split("m")
        total += int(m) * 60 + float(sec)
    return total * clk


def foreign_cpu_pct(path, exclude, clk, wrk=None):
    """CPU used (in % of one core) since the snapshot by anything that is not the benchmark.

    Two estimates, the larger wins: the processes seen (living ones that are not the benchmark's),
    and, when wrk's own CPU is known, the whole machine's busy time minus the benchmark's processes
    and wrk (this one also sees processes that started and ended meanwhile, e.g. a build's forks).
    """
    before = json.load(open(path))
    now = cpu_snapshot()
    busy = machine_busy()
    elapsed = time.monotonic() - before["t"]
    ticks, top, ours = 0, [], 0
    for pid, (comm, t) in now.items():
        # a process that started meanwhile used all its CPU time inside the window
        d = t - before["procs"][pid][1] if pid in before["procs"] else t
        if pid in exclude:
            ours += max(0, d)
            continue
        if comm in ("wrk", "python3"):
            continue
        if d > 0:
            ticks += d
            top.append((d, f"{comm}[{pid}]"))
    top.sort(reverse=True)
    seen = 100.0 * ticks / clk / elapsed
    if wrk is not None and "busy" in before:
        residual = 100.0 * (busy - before["busy"] - ours - wrk) / clk / elapsed
        if residual > seen + 10:
            top.insert(0, (0, "short-lived processes"))
        seen = max(seen, residual)
    return round(seen, 1), [n for _, n in top[:3]]


def cmd_load(a):
    w = parse_wrk(a.wrk)
    rec = {"kind": "load", "id": a.id, "family": a.family, "label": a.label, "proc": a.proc,
           "rps": round(w["rps"], 1), "requests": w["requests"], "p50_us": w["p50_us"], "p90_us": w["p90_us"],
           "p99_us": w["p99_us"], "p999_us": w["p999_us"], "errors": w["errors"], "non2xx": w["non2xx"],
           "cpu_ms_per_1k": round(a.ticks * 1000.0 / a.clk / w["requests"] * 1000.0, 1) if w["requests"] else None,
           "rss_mb": round(a.rss_kb / 1024.0, 1) if a.rss_kb else None}
    rec, kept, disturbed = finish(a, rec)
    print(f"  {a.id:<15} {rec['rps']:>9.0f} req/s  p50 {w['p50_us'] / 1000:.2f} ms  p99 {w['p99_us'] / 1000:.2f} ms"
          f"  cpu {rec['cpu_ms_per_1k']} ms/1k  rss {rec['rss_mb']} MB  non-2xx {w['non2xx']}  errors {w['errors']}"
          + foreign_note(rec, kept))
    sys.exit(3 if disturbed else 0)


def cmd_rate(a):
    w = parse_wrk(a.wrk)
    rec = {"kind": "rate", "id": a.id, "label": a.label, "rate": a.rate, "rps": round(w["rps"], 1),
           "requests": w["requests"], "p50_us": w["p50_us"], "p90_us": w["p90_us"], "p99_us": w["p99_us"],
           "p999_us": w["p999_us"], "errors": w["errors"], "non2xx": w["non2xx"]}
    rec, kept, disturbed = finish(a, rec)
    print(f"  {a.id:<15} at {a.rate} req/s: got {rec['rps']:.0f} req/s  p50 {w['p50_us'] / 1000:.3f} ms"
          f"  p99 {w['p99_us'] / 1000:.3f} ms  non-2xx {w['non2xx']}  errors {w['errors']}" + foreign_note(rec, kept))
    sys.exit(3 if disturbed else 0)


def cmd_json(a):
    text = sys.stdin.read()
    m = re.search(r"^(?:RESULT )?(\{.*\})\s*$", text, re.M)
    rec = json.loads(m.group(1)) if m else {"missing": True, "raw": text[-500:]}
    rec = {"kind": a.kind, **rec}
    for kv in a.field:
        k, _, v = kv.partition("=")
        try:
            rec[k] = json.loads(v)
        except ValueError:
            rec[k] = v
    append(a.out, rec)
    print("  " + json.dumps(rec))


# ---------------------------------------------------------------- rendering

def ms(us):
    return "—" if us is None else f"{us / 1000:.2f}"


def num(x, fmt="{:,.0f}"):
    return "—" if x is None else fmt.format(x)


def ratio(x, base):
    if x is None or not base:
        return "—"
    return f"{x / base:.2f}"


def per_stream_kb(s):
    if s.get("heap_live_mb") is None or s.get("heap_idle_mb") is None or not s.get("open_at_sample"):
        return None
    return (s["heap_live_mb"] - s["heap_idle_mb"]) * 1024.0 / s["open_at_sample"]


def foreign(r):
    pct = r.get("foreign_cpu_pct")
    if pct is None:
        return "—"
    return f"**{pct:.0f}** ({', '.join(r.get('foreign_top', []))})" if pct >= 10 else f"{pct:.0f}"


def verdict(ok):
    return "n/a" if ok is None else ("**met**" if ok else "**missed**")


def render(records):
    meta = next((r for r in records if r["kind"] == "meta"), {})
    loads = {r["id"]: r for r in records if r["kind"] == "load"}
    rates = {r["id"]: r for r in records if r["kind"] == "rate"}
    ttft = {r["id"]: r for r in records if r["kind"] == "ttft"}
    streams = next((r for r in records if r["kind"] == "streams"), None)
    probe = next((r for r in records if r["kind"] == "streams_probe"), None)
    notes = [r["text"] for r in records if r["kind"] == "note"]
    usage = [r for r in records if r["kind"] == "usage"]
    out = []
    w = out.append
    w(f"Measured {meta.get('date', '?')} on `{meta.get('host', '?')}`: {meta.get('nproc', '?')} cores, "
      f"{meta.get('cpu', '?')}, {meta.get('mem', '?')} RAM; {meta.get('jdk', '?')}; "
      f"{meta.get('nginx', '?')}; {meta.get('wrk', '?')}; Node {meta.get('node', '?')}; "
      f"Portkey {meta.get('portkey', 'not installed')}. Gateway: {meta.get('gateway', '?')}, "
      f"JVM options for the load runs: `{meta.get('gateway_java_opts') or '(none, as ./switchboard runs it)'}`.")
    w("")
    w(f"Load: wrk, {meta.get('threads', '?')} threads, {meta.get('connections', '?')} connections, "
      f"{meta.get('duration', '?')} per scenario after a {meta.get('warmup', '?')} warm-up per gateway "
      f"scenario family{'; **QUICK mode: figures are not meaningful**' if meta.get('quick') else ''}. "
      f"CPU is the measured process's user+system time (/proc/<pid>/stat) during the run divided by the "
      f"requests; RSS is VmRSS right after the run. Ratios are requests/s divided by (a)'s or (b)'s of the "
      f"same family. \"Other CPU\" is what the rest of the machine used meanwhile, in % of one core (bold "
      f"when ≥ 10 %: that row was disturbed, even after the retries).")
    w("")
    families = [("unary", "Unary chat completion (~900 B response with usage)"),
                ("stream", "Streaming chat completion (40 chat.completion.chunk events + [DONE], ~12 KB)")]
    for fam, title in families:
        rows = [r for r in loads.values() if r["family"] == fam]
        if not rows:
            continue
        base_a = loads.get(f"a-{fam}", {}).get("rps")
        base_b = loads.get(f"b-{fam}", {}).get("rps")
        w(f"**{title}**")
        w("")
        w("| scenario | process measured | req/s | p50 ms | p90 ms | p99 ms | CPU ms / 1k req | RSS MB | × (a) | × (b) | non-2xx / socket errors | other CPU % |")
        w("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            w(f"| {r['label']} | {r['proc']} | {num(r['rps'])} | {ms(r['p50_us'])} | {ms(r['p90_us'])} | "
              f"{ms(r['p99_us'])} | {num(r['cpu_ms_per_1k'], '{:,.1f}')} | {num(r['rss_mb'], '{:,.0f}')} | "
              f"{ratio(r['rps'], base_a)} | {ratio(r['rps'], base_b)} | {r['non2xx']} / {r['errors']} | "
              f"{foreign(r)} |")
        w("")
    if rates:
        base = rates.get("a")
        w(f"**Fixed rate: {meta.get('rate', 1000)} req/s** (open-loop pacing in post.lua, "
          f"{meta.get('rate_duration', '?')}, {meta.get('connections', '?')} connections; added = scenario − (a))")
        w("")
        w("| scenario | achieved req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | added p50 ms | added p99 ms | non-2xx / errors | other CPU % |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in rates.values():
            add50 = ms(r["p50_us"] - base["p50_us"]) if base else "—"
            add99 = ms(r["p99_us"] - base["p99_us"]) if base else "—"
            w(f"| {r['label']} | {num(r['rps'])} | {ms(r['p50_us'])} | {ms(r['p90_us'])} | {ms(r['p99_us'])} | "
              f"{ms(r['p999_us'])} | {add50} | {add99} | {r['non2xx']} / {r['errors']} | {foreign(r)} |")
        w("")
    if ttft:
        d = ttft.get("direct", {})
        w(f"**Time to first token**, paced upstream (first event after {meta.get('ttft_first_ms', '?')} ms, "
          f"then one every {meta.get('ttft_interval_ms', '?')} ms), {meta.get('ttft_requests', '?')} sequential "
          f"streams per path on one keep-alive connection; added = path − direct")
        w("")
        w("| path | ok | p50 ms | p90 ms | p99 ms | mean ms | added p50 ms | added p99 ms |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in ttft.values():
            def f(x):
                return "—" if x is None else f"{x:.2f}"

            def add(k):
                return "—" if r.get(k) is None or d.get(k) is None else f"{r[k] - d[k]:+.2f}"
            w(f"| {r.get('label', r['id'])} | {r.get('ok', 0)}/{r.get('requests', 0)} | {f(r.get('p50_ms'))} | "
              f"{f(r.get('p90_ms'))} | {f(r.get('p99_ms'))} | {f(r.get('mean_ms'))} | {add('p50_ms')} | "
              f"{add('p99_ms')} |")
        w("")
    runs = [r for r in (probe, streams) if r]
    if runs:
        s0 = runs[-1]
        w(f"**Concurrent slow streams** (a fresh gateway with `{s0.get('java_opts', '?')}` for each run; the "
          f"upstream sends one event every {s0.get('interval_ms', '?')} ms, {s0.get('events', '?')} events per "
          f"stream; connections opened at {s0.get('ramp', '?')}/s; the probe measures the live heap per stream "
          f"where everything fits)")
        w("")
        w("| pass | streams requested | streams run | completed intact | failed | peak open at client | all open after s | "
          "total s | open when sampled | heap used MB | live heap after GC MB | live heap per open stream KB | "
          "heap committed MB | RSS when sampled MB | peak RSS (VmHWM) MB | gateway threads (max) | gateway fds (max) |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for s in runs:
            w(f"| {'probe' if s['kind'] == 'streams_probe' else 'main'} | {num(s.get('requested'))} | "
              f"{num(s.get('streams'))} | {num(s.get('ok'))} | {num(s.get('failed'))} | "
              f"{num(s.get('peak_open'))} | {s.get('all_open_after_s') or '—'} | {s.get('elapsed_s') or '—'} | "
              f"{num(s.get('open_at_sample'))} | {num(s.get('heap_used_mb'))} | {num(s.get('heap_live_mb'))} | "
              f"{num(per_stream_kb(s), '{:,.1f}')} | {num(s.get('heap_committed_mb'))} | "
              f"{num(s.get('rss_at_all_open_mb'))} | {num(s.get('rss_hwm_mb'))} | {num(s.get('threads_peak'))} | "
              f"{num(s.get('fds_peak'))} |")
        for s in runs:
            if s.get("failures"):
                w("")
                w(f"Failures ({'probe' if s['kind'] == 'streams_probe' else 'main'}): `{json.dumps(s['failures'])}`")
        if streams and streams.get("streams") != streams.get("requested"):
            w("")
            w(f"Only {streams.get('streams')} of {streams.get('requested')} streams could run: the gateway holds "
              f"two file descriptors per relayed stream (caller and provider), and this machine's hard "
              f"`ulimit -n` is {streams.get('fd_limit')} and cannot be raised here.")
        w("")
    # targets
    w("**Targets** (issue 4)")
    w("")
    w("| target | measured | verdict |")
    w("|---|---|---|")
    a_u, b_u = loads.get("a-unary"), loads.get("b-unary")
    for sid, name in (("c-unary", "(c) OpenAI pass-through"), ("d-unary", "(d) /mlflow/invocations")):
        r = loads.get(sid)
        if r and a_u and b_u:
            ra, rb = r["rps"] / a_u["rps"], r["rps"] / b_u["rps"]
            w(f"| {name}: unary throughput ≥ 0.40 × (a) and ≥ 0.65 × (b) | {ra:.2f} × (a), {rb:.2f} × (b) | "
              f"{verdict(ra >= 0.40 and rb >= 0.65)} |")
    for sid, name in (("c-unary", "(c)"), ("d-unary", "(d)")):
        r = loads.get(sid)
        if r and r.get("cpu_ms_per_1k") is not None:
            w(f"| {name} ≤ 120 ms CPU per 1,000 unary requests | {r['cpu_ms_per_1k']:.1f} ms | "
              f"{verdict(r['cpu_ms_per_1k'] <= 120)} |")
    on = [loads[r["id"]]["rps"] for r in usage if r["tracking"] == "on" and r["id"] in loads]
    off = [loads[r["id"]]["rps"] for r in usage if r["tracking"] == "off" and r["id"] in loads]
    if on and off:
        on_rps, off_rps = sum(on) / len(on), sum(off) / len(off)
        cost = 1 - on_rps / off_rps
        seconds = sum(r["seconds"] for r in usage if r["tracking"] == "on") or 1
        written = sum(r["written"] for r in usage if r["tracking"] == "on")
        dropped = sum(r["dropped"] for r in usage if r["tracking"] == "on")
        w(f"| usage tracking on costs < 5 % of unary throughput | {num(on_rps)} req/s on vs {num(off_rps)} off "
          f"(mean of {len(on)} and {len(off)} alternating runs): {cost * 100:+.1f} %; {num(written / seconds)} "
          f"records written per second, {num(dropped)} dropped | {verdict(cost < 0.05)} |")
    ep, et = loads.get("e-pass-stream"), loads.get("e-trans-stream")
    if ep and et:
        x = ep["rps"] / et["rps"] if et["rps"] else None
        w(f"| pass-through streams ≥ 2 × the translating path | {x:.2f} × ({num(ep['rps'])} vs {num(et['rps'])} req/s) | "
          f"{verdict(x is not None and x >= 2)} |")
    if rates.get("a"):
        for sid, name in (("c", "(c)"), ("d", "(d)")):
            r = rates.get(sid)
            if r:
                add = (r["p99_us"] - rates["a"]["p99_us"]) / 1000.0
                w(f"| {name} added p99 ≤ 1 ms at {meta.get('rate', 1000)} req/s | {add:+.2f} ms "
                  f"({ms(r['p99_us'])} vs {ms(rates['a']['p99_us'])}) | {verdict(add <= 1.0)} |")
    if streams:
        req, ran, ok_n = streams.get("requested") or 0, streams.get("streams") or 0, streams.get("ok") or 0
        if req < 10000:
            v = "n/a (fewer than 10,000 requested)"
        elif ok_n == ran and ran < req:
            v = f"**met** for the {ran:,} that fit the fd limit"
        else:
            v = verdict(ok_n == req)
        w(f"| 10,000 concurrent streams within a 512 MB heap | {num(ok_n)} of {num(ran)} run ({num(req)} requested) "
          f"completed with `{streams.get('java_opts')}`; heap used {num(streams.get('heap_used_mb'))} MB, live "
          f"{num(streams.get('heap_live_mb'))} MB with {num(streams.get('open_at_sample'))} open"
          + (f"; the probe measured {per_stream_kb(probe):,.0f} KB of live heap per open stream"
             if probe and per_stream_kb(probe) else "") + f" | {v} |")
    gw_rss = [r["rss_mb"] for r in loads.values() if r["proc"].startswith("Switchboard") and r.get("rss_mb")]
    if gw_rss:
        peak = max(gw_rss)
        hwm = streams.get("rss_hwm_mb") if streams else None
        # The concurrent-streams run is judged by its heap (its 512 MB heap alone exceeds 300 MB);
        # its peak RSS is shown for the record.
        extra = (f"; the concurrent-streams run, judged by its heap above, peaked at {num(hwm)} MB (VmHWM)"
                 if hwm else "")
        ok = peak <= 300
        w(f"| RSS ≤ 300 MB under load | max {peak:.0f} MB after the load runs{extra} | {verdict(ok)} |")
    w("")
    for n in notes:
        w(f"- {n}")
    if notes:
        w("")
    return "\n".join(out)


def cmd_render(a):
    records = [json.loads(line) for line in open(a.results) if line.strip()]
    text = render(records)
    if a.md:
        with open(a.md, "w") as f:
            f.write(text + "\n")
    if a.readme:
        readme = open(a.readme).read()
        if BEGIN in readme and END in readme:
            head, rest = readme.split(BEGIN, 1)
            _, tail = rest.split(END, 1)
            readme = head + BEGIN + "\n" + text + "\n" + END + tail
        else:
            readme = readme.rstrip("\n") + "\n\n## Results\n\n" + BEGIN + "\n" + text + "\n" + END + "\n"
        with open(a.readme, "w") as f:
            f.write(readme)
    print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("load")
    for k in ("--out", "--id", "--family", "--label", "--wrk", "--proc"):
        s.add_argument(k, required=True)
    s.add_argument("--ticks", type=int, required=True)
    s.add_argument("--clk", type=int, required=True)
    s.add_argument("--rss-kb", type=int, default=0)
    s.set_defaults(fn=cmd_load)
    s = sub.add_parser("snapshot")
    s.add_argument("file")
    s.set_defaults(fn=cmd_snapshot)
    s = sub.add_parser("rate")
    for k in ("--out", "--id", "--label", "--wrk"):
        s.add_argument(k, required=True)
    s.add_argument("--rate", type=int, required=True)
    s.add_argument("--clk", type=int, default=100)
    s.set_defaults(fn=cmd_rate)
    for s in (sub.choices["load"], sub.choices["rate"]):
        s.add_argument("--snapshot", help="file from `snapshot`, to measure CPU used by other processes meanwhile")
        s.add_argument("--exclude", default="", help="benchmark pids (space-separated) not to count as other")
        s.add_argument("--disturbed", type=float, default=10.0,
                       help="other processes' CPU (%% of one core) from which a run counts as disturbed (exit 3)")
    s = sub.add_parser("json")
    s.add_argument("--out", required=True)
    s.add_argument("--kind", required=True)
    s.add_argument("--field", action="append", default=[])
    s.set_defaults(fn=cmd_json)
    s = sub.add_parser("render")
    s.add_argument("results")
    s.add_argument("--readme")
    s.add_argument("--md")
    s.set_defaults(fn=cmd_render)
    a = p.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()

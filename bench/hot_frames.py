#!/usr/bin/env python3
"""Hot frames from `jfr print --stack-depth 64 --events jdk.ExecutionSample FILE.jfr` output.

  hot_frames.py SAMPLES.txt [--top 40]

Prints the methods most often on top of the stack (self time) and most often anywhere on it
(total time), as counts and shares of all samples, plus the same by package.
"""
import argparse
import re
from collections import Counter

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("samples")
    p.add_argument("--top", type=int, default=40)
    a = p.parse_args()
    stacks, cur, inside = [], [], False
    for line in open(a.samples, errors="replace"):
        if "stackTrace = [" in line:
            inside, cur = True, []
        elif inside and line.strip() == "]":
            inside = False
            stacks.append(cur)
        elif inside:
            m = FRAME.match(line)
            if m:
                cur.append(m.group(1))
    n = len(stacks) or 1
    self_c, total_c, pkg_self = Counter(), Counter(), Counter()
    for st in stacks:
        if not st:
            continue
        self_c[st[0]] += 1
        pkg_self[st[0].rsplit(".", 2)[0]] += 1
        for f in set(st):
            total_c[f] += 1
    print(f"{len(stacks)} samples\n\n== self (top of stack) ==")
    for f, c in self_c.most_common(a.top):
        print(f"{c:7d} {100.0 * c / n:5.1f}%  {f}")
    print("\n== self, by class ==")
    for f, c in pkg_self.most_common(a.top):
        print(f"{c:7d} {100.0 * c / n:5.1f}%  {f}")
    print("\n== total (anywhere on the stack) ==")
    for f, c in total_c.most_common(a.top):
        print(f"{c:7d} {100.0 * c / n:5.1f}%  {f}")


if __name__ == "__main__":
    main()

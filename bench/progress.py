#!/usr/bin/env python3
"""A status line for actfn_bench on a terminal (bench/run.sh).

    actfn_bench ... | python3 bench/progress.py TOTAL

Passes Google Benchmark's console output through unchanged and keeps one
line on stderr below it: benchmarks finished out of TOTAL (the count
--benchmark_list_tests gives for the same filter) and the time left,
extrapolated from the time spent so far.  Repetitions and their aggregates
(_mean, _median, ...) count once.
"""
import re
import sys
import time

total = int(sys.argv[1])
seen = set()
start = time.monotonic()
aggregate = re.compile(r"_(mean|median|stddev|cv)$")


def status():
    done = len(seen)
    line = f"bench: {done}/{total}"
    if 0 < done < total:
        left = (time.monotonic() - start) / done * (total - done)
        line += f", ~{left / 60:.0f} min left" if left >= 90 else f", ~{left:.0f} s left"
    sys.stderr.write("\r" + line.ljust(40))
    sys.stderr.flush()


for line in sys.stdin:
    sys.stderr.write("\r" + " " * 40 + "\r")
    sys.stdout.write(line)
    sys.stdout.flush()
    words = line.split()
    # a result line: "<name> <time> <unit> <cpu> <unit> <iterations> ..."
    if len(words) >= 6 and "/" in words[0] and words[2] in ("ns", "us", "ms", "s"):
        seen.add(aggregate.sub("", words[0]))
    status()
sys.stderr.write("\r" + " " * 40 + "\r")

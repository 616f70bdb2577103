#!/usr/bin/env python3
"""Two builds side by side: python3 bench/compare.py old=a.json new=b.json ...

Each argument is LABEL=FILE (actfn_bench JSON); the runs of one label are
pooled and the median ns/element per benchmark is taken.  Prints, per
benchmark, the medians of the first two labels and second/first, slowest
ratio first, then a count of how many are slower by more than 5%."""
import json
import statistics
import sys


def main(args):
    runs = {}
    cpu = "unknown"
    for a in args:
        label, path = a.split("=", 1)
        with open(path) as f:
            doc = json.load(f)
        cpu = doc.get("context", {}).get("cpu_model", cpu)
        for b in doc["benchmarks"]:
            if b.get("run_type", "iteration") == "iteration" and "ns_per_elem" in b:
                runs.setdefault(label, {}).setdefault(b["run_name"] if "run_name" in b else b["name"], []).append(b["ns_per_elem"])
    labels = list(runs)
    if len(labels) != 2:
        sys.exit("compare.py: need runs of exactly two labels")
    a, b = labels
    names = [n for n in runs[a] if n in runs[b]]
    rows = []
    for n in names:
        ma, mb = statistics.median(runs[a][n]), statistics.median(runs[b][n])
        rows.append((mb / ma if ma > 0 else float("inf"), n, ma, mb))
    rows.sort(reverse=True)
    print(f"CPU: {cpu}; medians of {len(runs[a][names[0]])} runs each" if names else "no common benchmarks")
    print(f"{'benchmark':44} {a + ' ns':>10} {b + ' ns':>10} {b + '/' + a:>8}")
    for r, n, ma, mb in rows:
        print(f"{n:44} {ma:10.4f} {mb:10.4f} {r:8.3f}")
    slower = sum(1 for r in rows if r[0] > 1.05)
    print(f"{len(rows)} benchmarks; {slower} slower by more than 5% in {b} than in {a}")


if __name__ == "__main__":
    main(sys.argv[1:])

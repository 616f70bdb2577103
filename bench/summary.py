#!/usr/bin/env python3
"""Per-size tables from actfn_bench's JSON output (Google Benchmark format).

  python3 bench/summary.py bench.json          one run: every path, memcpy, oneDNN
  python3 bench/summary.py a.json b.json       two runs (two CPUs, two builds)
  python3 bench/summary.py --markdown bench.json [N ...]
                                               markdown tables (for the README)
                                               for the sizes N (default: all)

Times are ns per element.  The subnormal/ runs (x all subnormal, n = 4096)
get a table of their own: each path's time on them over its time on the
normal input of the same size.  "/memcpy" is the best path's time over memcpy's
for the same n; bwd moves 12 bytes per element to memcpy's 8, so 1.5 is
bandwidth parity there.  "/onednn" is the best path's time over oneDNN's
(below 1: actfn is faster).  With --benchmark_repetitions the median is used.
"""
import json
import signal
import statistics
import sys

ISAS = ["scalar", "avx2", "avx512", "neon"]  # the last one present is "best"


def load(path):
    """-> (context, {n: {row: {column: (ns_per_elem, bytes_per_second)}}})

    row is (fn, dir), or ("memcpy", "") for memcpy; column is a path name
    or "onednn"."""
    with open(path) as f:
        doc = json.load(f)
    samples = {}
    for b in doc["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
            continue
        if "ns_per_elem" in b:
            samples.setdefault(b.get("run_name", b["name"]), []).append(
                (b["ns_per_elem"], b.get("bytes_per_second", 0.0)))
    sizes = {}
    for name, runs in samples.items():
        part = name.split("/")
        if part[0] == "memcpy":
            n, row, col = part[1], ("memcpy", ""), "memcpy"
        elif part[0] == "subnormal":
            n, row, col = part[4], (part[2], part[1]), "sub:" + part[3]
        elif part[0] == "onednn":
            n, row, col = part[3], (part[2], part[1]), "onednn"
        else:
            n, row, col = part[3], (part[1], part[0]), part[2]
        cell = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        sizes.setdefault(int(n), {}).setdefault(row, {})[col] = cell
    return doc.get("context", {}), sizes


def paths_of(sizes):
    cols = {c for rows in sizes.values() for cells in rows.values() for c in cells}
    return [isa for isa in ISAS if isa in cols]


def best_of(sizes):
    return (paths_of(sizes) or ["-"])[-1]


def num(v, width=8, prec=3):
    return f"{v:{width}.{prec}f}" if v is not None else f"{'—':>{width}}"


def ratio(a, b):
    return a / b if a is not None and b else None


def machine(ctx, label=""):
    caches = " ".join(f"L{c['level']}{c['type'][0].lower() if c['type'] != 'Unified' else ''} "
                      f"{c['size'] // 1024} KiB" for c in ctx.get("caches", []))
    print(f"{label}CPU: {ctx.get('cpu_model', '?')}, {ctx.get('num_cpus', '?')} cpus "
          f"@ {ctx.get('mhz_per_cpu', '?')} MHz; {caches}")
    load = ctx.get("load_avg") or ["?"]
    print(f"{' ' * len(label)}date: {ctx.get('date', '?')}; load average {load[0]:.3}; "
          f"libactfn {ctx.get('actfn_version', '?')}, "
          f"oneDNN {ctx.get('onednn_version', 'not built in')}")


def size_title(n, rows):
    memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
    line = f"n = {n} floats ({n * 4 // 1024} KiB per array)"
    if memcpy:
        line += f"; memcpy {memcpy[0]:.3f} ns/elem, {memcpy[1] / 1e9:.1f} GB/s"
    return line


def one(path):
    ctx, sizes = load(path)
    paths, best = paths_of(sizes), best_of(sizes)
    machine(ctx)
    head = (f"{'function':<18}{'dir':<4}" + "".join(f"{p:>8}" for p in paths)
            + f"{'onednn':>8}{best + ' GB/s':>13}{'/memcpy':>9}{'/onednn':>9}")
    for n in sorted(sizes):
        rows = sizes[n]
        memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
        print(f"\n{size_title(n, rows)}\n{head}")
        for (fn, d), cells in rows.items():
            if fn == "memcpy":
                continue
            ns = {c: v[0] for c, v in cells.items()}
            gbs = cells[best][1] / 1e9 if best in cells else None
            print(f"{fn:<18}{d:<4}" + "".join(num(ns.get(p)) for p in paths)
                  + num(ns.get("onednn")) + num(gbs, 13, 1)
                  + num(ratio(ns.get(best), memcpy and memcpy[0]), 9, 2)
                  + num(ratio(ns.get(best), ns.get("onednn")), 9, 2))
    subnormal(sizes)


def subnormal(sizes, md=False):
    """Each path's time on all-subnormal x over its time on the normal x."""
    paths = paths_of(sizes)
    for n in sorted(sizes):
        rows = sizes[n]
        if not any(c.startswith("sub:") for cells in rows.values() for c in cells):
            continue
        title = (f"Subnormal inputs, n = {n}: ns per element with x all subnormal, and its "
                 f"ratio to the same path on the normal input")
        head = ["function", "dir"] + [f"{p} sub" for p in paths] + [f"{p} ratio" for p in paths]
        if md:
            print(f"\n{title}\n\n| " + " | ".join(head) + " |")
            print("|---|---|" + "---:|" * (len(head) - 2))
        else:
            print(f"\n{title}\n{'function':<18}{'dir':<4}"
                  + "".join(f"{h:>13}" for h in head[2:]))
        for (fn, d), cells in rows.items():
            if not any(c.startswith("sub:") for c in cells):
                continue
            sub = [cells.get("sub:" + p, (None,))[0] for p in paths]
            rat = [ratio(cells.get("sub:" + p, (None,))[0], cells.get(p, (None,))[0])
                   for p in paths]
            if md:
                out = [num(v, 0) for v in sub] + [num(v, 0, 2) for v in rat]
                print(f"| {fn} | {d} | " + " | ".join(o.strip() for o in out) + " |")
            else:
                print(f"{fn:<18}{d:<4}" + "".join(num(v, 13) for v in sub)
                      + "".join(num(v, 13, 2) for v in rat))


def two(path_a, path_b):
    (ctx_a, a), (ctx_b, b) = load(path_a), load(path_b)
    best_a, best_b = best_of(a), best_of(b)
    machine(ctx_a, "a: ")
    machine(ctx_b, "b: ")
    print(f"\na = {path_a} ({best_a}), b = {path_b} ({best_b}): ns per element on each run's"
          " best path; b/a below 1: b is faster")
    for n in sorted(set(a) & set(b)):
        print(f"\n{'n = ' + str(n):<22}{'a':>8}{'b':>8}{'b/a':>8}")
        for row, cells in a[n].items():
            col_a, col_b = ("memcpy", "memcpy") if row[0] == "memcpy" else (best_a, best_b)
            va = cells.get(col_a, (None,))[0]
            vb = b[n].get(row, {}).get(col_b, (None,))[0]
            print(f"{row[0]:<18}{row[1]:<4}" + num(va) + num(vb) + num(ratio(vb, va), 8, 2))


def markdown(path, wanted):
    ctx, sizes = load(path)
    paths, best = paths_of(sizes), best_of(sizes)
    load_avg = (ctx.get("load_avg") or [0])[0]
    print(f"{ctx.get('cpu_model', '?')} @ {ctx.get('mhz_per_cpu', '?')} MHz, one thread, "
          f"{ctx.get('date', '?')[:10]}, load average {load_avg:.2f}; libactfn "
          f"{ctx.get('actfn_version', '?')}, oneDNN {ctx.get('onednn_version', '—')}. "
          f"ns per element; /memcpy and /oneDNN: {best}'s time over memcpy's and "
          f"oneDNN's (below 1: {best} is faster); avx2/avx512: avx2's time over avx512's.")
    second = "avx2" if best == "avx512" and "avx2" in paths else None
    for n in sorted(sizes):
        if wanted and n not in wanted:
            continue
        rows = sizes[n]
        memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
        print(f"\n{size_title(n, rows)}\n")
        head = ["function", "dir"] + paths + ["oneDNN", "/memcpy", "/oneDNN"]
        if second:
            head.append(f"{second}/{best}")
        print("| " + " | ".join(head) + " |")
        print("|---|---|" + "---:|" * (len(head) - 2))
        for (fn, d), cells in rows.items():
            if fn == "memcpy":
                continue
            ns = {c: v[0] for c, v in cells.items()}
            vals = [ns.get(p) for p in paths] + [ns.get("onednn")]
            out = [num(v, 0) for v in vals]
            out.append(num(ratio(ns.get(best), memcpy and memcpy[0]), 0, 2))
            out.append(num(ratio(ns.get(best), ns.get("onednn")), 0, 2))
            if second:
                out.append(num(ratio(ns.get(second), ns.get(best)), 0, 2))
            print(f"| {fn} | {d} | " + " | ".join(o.strip() for o in out) + " |")
    if not wanted or any(n in wanted for n in sizes):
        subnormal({n: r for n, r in sizes.items() if not wanted or n in wanted}, md=True)


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    if len(sys.argv) >= 3 and sys.argv[1] == "--markdown":
        markdown(sys.argv[2], {int(a) for a in sys.argv[3:]})
    elif len(sys.argv) == 2:
        one(sys.argv[1])
    elif len(sys.argv) == 3:
        two(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)

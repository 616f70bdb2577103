#!/usr/bin/env python3
"""Per-dtype, per-size tables from actfn_bench's JSON output (Google Benchmark format).

  python3 bench/summary.py bench.json          one run: every path, memcpy, oneDNN
  python3 bench/summary.py a.json b.json       two runs (two CPUs, two builds)
  python3 bench/summary.py --markdown bench.json [N ...]
                                               markdown tables (for the README)
                                               for the sizes N (default: all)

One set of tables per dtype (f32 first; benchmark names without a dtype are
f32's).  Times are ns per element, n in elements.  The subnormal/ runs (x
all subnormal, n = 4096) get a table of their own: each path's time on them
over its time on the normal input of the same size.  "GB/s" is the bytes
the best path's call moves (in and out: fwd 2 elements per element, bwd 3).
"/memcpy" is the best path's time over memcpy's of the same dtype and n,
that is of the same bytes; bwd moves 3 elements per element to memcpy's 2,
so 1.5 is bandwidth parity there (and for the gated units, rows "swiglu
glu" and "geglu glu": y = f(a)·b).  "/onednn" (f32) is the best path's time
over oneDNN's (below 1: actfn is faster), "/xnnpack" over XNNPACK's (relu,
leaky_relu, elu, sigmoid, hard_swish, softmax); "mvec512" and "sleef512"
are the textbook formula over glibc's libmvec and SLEEF u10 built for
AVX-512 (-O3 -ffast-math, bench/composed.c); "/peers" is the best path's
time over the fastest of those four, "avx2/comp" the avx2 path's over the
faster AVX2 composition, "avx2/512" the avx2 path's over avx512's.  Softmax rows are
"softmax/<cols>" and "log_softmax/<cols>" at n = the elements of all rows
(4 MiB and 256 MiB of f32).  "/f32 <path>" (other dtypes) is
the path's time over the f32 call's of the same function, path and n.
With --benchmark_repetitions the median is used.
"""
import json
import signal
import statistics
import sys

ISAS = ["scalar", "avx2", "avx512", "neon"]  # the last one present is "best"


def parse(name):
    """-> (dtype, n, row, column) of a benchmark name, or None."""
    part = name.split("/")
    if part[0] == "memcpy":
        dt, n = ("f32", part[1]) if len(part) == 2 else (part[1], part[2])
        return dt, n, ("memcpy", ""), "memcpy"
    if part[0] == "subnormal":
        if len(part) == 5:
            return "f32", part[4], (part[2], part[1]), "sub:" + part[3]
        return part[2], part[5], (part[3], part[1]), "sub:" + part[4]
    if part[0] in ("onednn", "xnnpack"):
        return "f32", part[3], (part[2], part[1]), part[0]
    if part[0] in ("libmvec", "sleef") and len(part) == 5:
        return "f32", part[4], (part[2], part[1]), part[0] + ":" + part[3]
    if part[0] in ("softmax", "log_softmax") and len(part) == 4:
        return "f32", part[3], (part[0] + "/" + part[1], "fwd"), part[2]
    if len(part) == 4:
        return "f32", part[3], (part[1], part[0]), part[2]
    if len(part) == 5:
        return part[1], part[4], (part[2], part[0]), part[3]
    return None


def load(path):
    """-> (context, {dtype: {n: {row: {column: (ns_per_elem, bytes_per_second)}}}})

    row is (fn, dir), or ("memcpy", "") for memcpy; column is a path name,
    "onednn", "memcpy" or "sub:<path>".  f32 comes first."""
    with open(path) as f:
        doc = json.load(f)
    samples = {}
    for b in doc["benchmarks"]:
        if b.get("run_type", "iteration") != "iteration" or b.get("error_occurred"):
            continue
        if "ns_per_elem" in b:
            samples.setdefault(b.get("run_name", b["name"]), []).append(
                (b["ns_per_elem"], b.get("bytes_per_second", 0.0)))
    dtypes = {"f32": {}}
    for name, runs in samples.items():
        p = parse(name)
        if p is None:
            continue
        dt, n, row, col = p
        cell = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs))
        dtypes.setdefault(dt, {}).setdefault(int(n), {}).setdefault(row, {})[col] = cell
    return doc.get("context", {}), {dt: sizes for dt, sizes in dtypes.items() if sizes}


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


ELEMENT_BYTES = {"f32": 4, "f64": 8, "bf16": 2, "f16": 2}


def size_title(n, rows, dt="f32"):
    memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
    size = ELEMENT_BYTES.get(dt)
    line = f"{dt}, n = {n}" + (f" ({n * size // 1024} KiB per array)" if size else "")
    if memcpy:
        line += f"; memcpy {memcpy[0]:.3f} ns/elem, {memcpy[1] / 1e9:.1f} GB/s"
    return line


def one(path):
    ctx, data = load(path)
    machine(ctx)
    f32 = data.get("f32", {})
    for dt, sizes in data.items():
        paths, best = paths_of(sizes), best_of(sizes)
        print(f"\n=== {dt} ===")
        if dt == "f32":
            head = (f"{'function':<18}{'dir':<4}" + "".join(f"{p:>8}" for p in paths)
                    + f"{'onednn':>8}{'xnnpack':>8}{'mvec512':>8}{'sleef512':>9}"
                    + f"{best + ' GB/s':>13}{'/memcpy':>9}"
                    + f"{'/onednn':>9}{'/xnnpack':>9}{'/peers':>8}{'avx2/comp':>10}{'avx2/512':>9}")
        else:
            head = (f"{'function':<18}{'dir':<4}" + "".join(f"{p:>8}" for p in paths)
                    + f"{best + ' GB/s':>13}{'/memcpy':>9}"
                    + "".join(f"{'/f32 ' + p:>13}" for p in paths))
        for n in sorted(sizes):
            rows = sizes[n]
            memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
            print(f"\n{size_title(n, rows, dt)}\n{head}")
            for (fn, d), cells in rows.items():
                if fn == "memcpy":
                    continue
                ns = {c: v[0] for c, v in cells.items()}
                gbs = cells[best][1] / 1e9 if best in cells else None
                line = f"{fn:<18}{d:<4}" + "".join(num(ns.get(p)) for p in paths)
                if dt == "f32":
                    peers = [ns.get(c) for c in ("onednn", "xnnpack", "libmvec:avx512",
                                                 "sleef:avx512") if ns.get(c)]
                    comp2 = [ns.get(c) for c in ("libmvec:avx2", "sleef:avx2") if ns.get(c)]
                    line += (num(ns.get("onednn")) + num(ns.get("xnnpack"))
                             + num(ns.get("libmvec:avx512")) + num(ns.get("sleef:avx512"), 9)
                             + num(gbs, 13, 1)
                             + num(ratio(ns.get(best), memcpy and memcpy[0]), 9, 2)
                             + num(ratio(ns.get(best), ns.get("onednn")), 9, 2)
                             + num(ratio(ns.get(best), ns.get("xnnpack")), 9, 2)
                             + num(ratio(ns.get(best), min(peers) if peers else None), 8, 2)
                             + num(ratio(ns.get("avx2"), min(comp2) if comp2 else None), 10, 2)
                             + num(ratio(ns.get("avx2"), ns.get("avx512")), 9, 2))
                else:
                    ref = f32.get(n, {}).get((fn, d), {})
                    line += (num(gbs, 13, 1)
                             + num(ratio(ns.get(best), memcpy and memcpy[0]), 9, 2)
                             + "".join(num(ratio(ns.get(p), ref.get(p, (None,))[0]), 13, 2)
                                       for p in paths))
                print(line)
        subnormal(sizes, dt=dt)


def subnormal(sizes, md=False, dt="f32"):
    """Each path's time on all-subnormal x over its time on the normal x."""
    paths = paths_of(sizes)
    for n in sorted(sizes):
        rows = sizes[n]
        if not any(c.startswith("sub:") for cells in rows.values() for c in cells):
            continue
        title = (f"Subnormal {dt} inputs, n = {n}: ns per element with x all subnormal, and "
                 f"its ratio to the same path on the normal input")
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
    (ctx_a, da), (ctx_b, db) = load(path_a), load(path_b)
    machine(ctx_a, "a: ")
    machine(ctx_b, "b: ")
    for dt in [d for d in da if d in db]:
        a, b = da[dt], db[dt]
        best_a, best_b = best_of(a), best_of(b)
        print(f"\n=== {dt} ===\na = {path_a} ({best_a}), b = {path_b} ({best_b}): ns per element "
              "on each run's best path; b/a below 1: b is faster")
        for n in sorted(set(a) & set(b)):
            print(f"\n{dt + ', n = ' + str(n):<22}{'a':>8}{'b':>8}{'b/a':>8}")
            for row, cells in a[n].items():
                col_a, col_b = ("memcpy", "memcpy") if row[0] == "memcpy" else (best_a, best_b)
                va = cells.get(col_a, (None,))[0]
                vb = b[n].get(row, {}).get(col_b, (None,))[0]
                print(f"{row[0]:<18}{row[1]:<4}" + num(va) + num(vb) + num(ratio(vb, va), 8, 2))


def markdown(path, wanted):
    ctx, data = load(path)
    load_avg = (ctx.get("load_avg") or [0])[0]
    f32 = data.get("f32", {})
    print(f"{ctx.get('cpu_model', '?')} @ {ctx.get('mhz_per_cpu', '?')} MHz, one thread, "
          f"{ctx.get('date', '?')[:10]}, load average {load_avg:.2f}; libactfn "
          f"{ctx.get('actfn_version', '?')}, oneDNN {ctx.get('onednn_version', '—')}. "
          f"ns per element; /memcpy: the best path's time over memcpy's of the same bytes; "
          f"/oneDNN (f32): over oneDNN's (below 1: actfn is faster); avx2/avx512: avx2's time "
          f"over avx512's; /f32 (other dtypes): the best path's time over the f32 call's.")
    for dt, sizes in data.items():
        paths, best = paths_of(sizes), best_of(sizes)
        second = "avx2" if best == "avx512" and "avx2" in paths else None
        for n in sorted(sizes):
            if wanted and n not in wanted:
                continue
            rows = sizes[n]
            memcpy = rows.get(("memcpy", ""), {}).get("memcpy")
            print(f"\n{size_title(n, rows, dt)}\n")
            head = ["function", "dir"] + paths
            head += ["oneDNN", "/memcpy", "/oneDNN"] if dt == "f32" else ["/memcpy", "/f32"]
            if second:
                head.append(f"{second}/{best}")
            print("| " + " | ".join(head) + " |")
            print("|---|---|" + "---:|" * (len(head) - 2))
            for (fn, d), cells in rows.items():
                if fn == "memcpy":
                    continue
                ns = {c: v[0] for c, v in cells.items()}
                vals = [ns.get(p) for p in paths] + ([ns.get("onednn")] if dt == "f32" else [])
                out = [num(v, 0) for v in vals]
                out.append(num(ratio(ns.get(best), memcpy and memcpy[0]), 0, 2))
                if dt == "f32":
                    out.append(num(ratio(ns.get(best), ns.get("onednn")), 0, 2))
                else:
                    ref = f32.get(n, {}).get((fn, d), {})
                    out.append(num(ratio(ns.get(best), ref.get(best, (None,))[0]), 0, 2))
                if second:
                    out.append(num(ratio(ns.get(second), ns.get(best)), 0, 2))
                print(f"| {fn} | {d} | " + " | ".join(o.strip() for o in out) + " |")
        if not wanted or any(n in wanted for n in sizes):
            subnormal({n: r for n, r in sizes.items() if not wanted or n in wanted}, md=True,
                      dt=dt)


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

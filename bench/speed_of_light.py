#!/usr/bin/env python3
"""A speed-of-light estimate for each f32 kernel (docs/speed-of-light.md).

    python3 bench/speed_of_light.py LIBACTFN.so UNIT_COSTS.json [BENCH.json] [--isa avx512]
                                    [--markdown] [--only fn,fn,...]

For each kernel <fn>_<fwd|bwd>_f32__<isa> in the library, the main loop is
taken from its disassembly (objdump): the loop with the most full-width
vector stores (the unrolled in-cache loop).  Its instructions are counted
per vector stored and sorted into classes; with the cycles per instruction
bench/unit_costs measured on this CPU, the bound is the busiest of

    FMA-class (fma, mul) / 2 per cycle        ADD-class (add, min, max,
    round, convert, shift, compare) / 2       permutes / 2    scalef / 1
    divisions (measured cost each)            all vector ops / 3 (the most a
                                              mixed FMA + ADD stream sustained)

in cycles per vector, then ns per element at the measured clock.  A lower
bound for that loop on this core (no dependency or front-end limit is
modelled), not for the function: a different algorithm can go below it.
With BENCH.json (actfn_bench) the measured time at 4,096 elements is set
next to it, and the fraction of the bound reached.
"""
import collections
import json
import re
import subprocess
import sys

FMA = re.compile(r"^v(fn?m(add|sub)\d+[ps]s|mul[ps]s)$")
ADD = re.compile(r"^v(add|sub|min|max|rndscale|round|cvt\w*|cmp\w*|psll\w*|psrl\w*|psra\w*|getexp|getmant|fixupimm|range|reduce|and[n]?p[sd]|orp[sd]|xorp[sd])")
PERM = re.compile(r"^v(perm\w*|shuf\w*|unpck\w*|pshufb|broadcast\w*|insert\w*|extract\w*)$")
ANY = re.compile(r"^v(pand\w*|por\w*|pxor\w*|pternlog\w*|padd\w*|psub\w*|blendm\w*|movdq\w*|movaps|movups|mova\w*|pcmp\w*|blend\w*)$")


def classify(mn, ops):
    if mn.startswith("vscalef"):
        return "scalef"
    if mn.startswith("vdiv") or mn.startswith("vsqrt"):
        return "div"
    if FMA.match(mn):
        return "fma"
    if PERM.match(mn):
        return "perm"
    if ADD.match(mn):
        return "add"
    if ANY.match(mn) or mn.startswith("k"):
        return "any"
    if mn.startswith("v"):
        return "other"
    return None  # scalar bookkeeping


def loops(lines):
    """(start, end) address ranges of backward jumps."""
    out = []
    for addr, mn, ops in lines:
        if mn.startswith("j") and mn != "jmp":
            m = re.match(r"([0-9a-f]+)", ops)
            if m and int(m.group(1), 16) < addr:
                out.append((int(m.group(1), 16), addr))
    return out


def kernel_lines(dis, name):
    m = re.search(r"^[0-9a-f]+ <" + re.escape(name) + r">:\n(.*?)(?:\n\n|\Z)", dis, re.S | re.M)
    if not m:
        return None
    res = []
    for line in m.group(1).split("\n"):
        p = re.match(r"\s*([0-9a-f]+):\s+(\S+)\s*(.*)", line)
        if p:
            res.append((int(p.group(1), 16), p.group(2), p.group(3)))
    return res


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    isa = "avx512"
    if "--isa" in sys.argv:
        isa = sys.argv[sys.argv.index("--isa") + 1]
        args = [a for a in args if a != isa]
    lib, costs_file = args[0], args[1]
    bench = {}
    if len(args) > 2:
        for b in json.load(open(args[2]))["benchmarks"]:
            if b.get("run_type") == "iteration" and "ns_per_elem" in b:
                n = b.get("run_name", b["name"])
                bench[n] = min(bench.get(n, 1e9), b["ns_per_elem"])
    md = "--markdown" in sys.argv
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
        args = [a for a in args if a != sys.argv[sys.argv.index("--only") + 1]]
    costs = json.load(open(costs_file))
    ghz = costs["clock_ghz"]
    cpi = costs["cycles_per_instruction"]
    w = "zmm" if isa == "avx512" else "ymm"
    lanes = 16 if isa == "avx512" else 8
    div_cost = cpi.get(f"{w}_div", 2.5)
    scalef_cost = cpi.get("zmm_scalef", 1.0)
    dis = subprocess.run(["objdump", "-d", "--no-show-raw-insn", lib], capture_output=True,
                         text=True, check=True).stdout
    names = sorted(set(re.findall(r"<([a-z0-9_]+_(?:fwd|bwd)_f32__" + isa + r")>:", dis)))
    if md:
        print(f"| kernel ({isa}, {ghz:.2f} GHz) | FMA-class | ADD-class | permute | any | scalef | div |"
              " bound (cycles/vector) | bound (ns/element) | measured at 4,096 | fraction |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    else:
        print(f"{isa}, clock {ghz:.2f} GHz; per vector of {lanes} floats in the main loop")
        print(f"{'kernel':34s} {'fma':>5s} {'add':>5s} {'perm':>5s} {'any':>5s} {'scf':>4s} {'div':>4s}"
              f" {'bound cyc':>9s} {'bound ns/el':>11s} {'measured':>9s} {'fraction':>8s}")
    for name in names:
        if only and re.match(r"(.*)_(fwd|bwd)_f32__", name).group(1) not in only:
            continue
        lines = kernel_lines(dis, name)
        if not lines:
            continue
        best = None
        for lo, hi in loops(lines):
            body = [(a, mn, ops) for a, mn, ops in lines if lo <= a <= hi]
            stores = sum(1 for _, mn, ops in body
                         if mn in ("vmovups", "vmovaps", "vmovntps", "vmovdqu32", "vmovdqu64")
                         and re.match(r"%" + w + r"\d+,\s*-?(0x[0-9a-f]+)?\(", ops)
                         and "{" not in ops)
            # the most unmasked stores; among those the tightest loop
            if stores and (best is None or (stores, -len(body)) > (best[0], -len(best[1]))):
                best = (stores, body)
        if best is None:
            continue
        stores, body = best
        if any(mn.startswith("call") for _, mn, _ in body):
            if not md:
                print(f"{name:34s} calls out of line (SLEEF): not modelled")
            continue
        cnt = collections.Counter()
        for _, mn, ops in body:
            c = classify(mn, ops)
            if c and not (mn.startswith("vmov") and "(" in ops):  # loads and stores apart
                cnt[c] += 1
        per = {k: v / stores for k, v in cnt.items()}
        total = sum(per.get(k, 0) for k in ("fma", "add", "perm", "any", "scalef", "div", "other"))
        bound = max(per.get("fma", 0) / 2, per.get("add", 0) / 2, per.get("perm", 0) / 2,
                    per.get("scalef", 0) * scalef_cost, per.get("div", 0) * div_cost, total / 3)
        ns = bound / ghz / lanes
        fn, call = re.match(r"(.*)_(fwd|bwd)_f32__", name).groups()
        meas = bench.get(f"{call}/{fn}/{isa}/4096")
        frac = f"{ns / meas:8.2f}" if meas else ""
        ms = f"{meas:9.3f}" if meas else ""
        if md:
            print(f"| {fn} {call} | {per.get('fma', 0):.1f} | {per.get('add', 0):.1f} | {per.get('perm', 0):.1f}"
                  f" | {per.get('any', 0):.1f} | {per.get('scalef', 0):.1f} | {per.get('div', 0):.1f}"
                  f" | {bound:.2f} | {ns:.4f} | {meas:.3f} | {ns / meas:.2f} |" if meas else
                  f"| {fn} {call} | {per.get('fma', 0):.1f} | {per.get('add', 0):.1f} | {per.get('perm', 0):.1f}"
                  f" | {per.get('any', 0):.1f} | {per.get('scalef', 0):.1f} | {per.get('div', 0):.1f}"
                  f" | {bound:.2f} | {ns:.4f} | | |")
        else:
            print(f"{name:34s} {per.get('fma', 0):5.1f} {per.get('add', 0):5.1f} {per.get('perm', 0):5.1f}"
                  f" {per.get('any', 0):5.1f} {per.get('scalef', 0):4.1f} {per.get('div', 0):4.1f}"
                  f" {bound:9.2f} {ns:11.4f} {ms} {frac}")


if __name__ == "__main__":
    main()

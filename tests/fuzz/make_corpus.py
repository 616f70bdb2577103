#!/usr/bin/env python3
"""Writes the seed corpus of tests/fuzz/fuzz_api.c into tests/fuzz/corpus/.

    python3 tests/fuzz/make_corpus.py

One small file per situation the fuzzer should start from: each call and
memory layout, invalid kinds and parameters, n = 0 and n past a few vector
widths, misalignment, and input bit patterns that reach the special cases
(NaN payloads, ±inf, ±0, subnormals, huge values, kinks), in f32 and, the
f64-* seeds, in f64.  The layout of an
input is documented at the top of tests/fuzz/fuzz_api.c; kind numbers are the
actfn_kind values of include/actfn.h.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "corpus")

FWD, DER, BWD = 0, 1, 2
SEPARATE, INPLACE, INPLACE_X, OVERLAP_X, OVERLAP_DY, INPUTS_OVERLAP, NULL_X, NULL_OUT = range(8)
K = {"relu": 0, "leaky_relu": 1, "elu": 2, "sigmoid": 4, "tanh": 5, "gelu": 6, "mish": 9,
     "softplus": 10, "hard_swish": 11, "sign": 14, "rrelu": 18, "celu": 19, "srelu": 20,
     "log_sigmoid": 21, "hard_sigmoid": 22, "hard_tanh": 23, "sinc": 33, "softshrink": 37}
SPECIAL = [0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x3f800000, 0xbf800000,
           0x40400000, 0xc0400000, 0x40c00000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
           0x7fc00000, 0xffc00000, 0x7fa00001, 0xc2b40000, 0x42b40000, 0x3f000000]


# The dtypes in src/registry/dtypes.def's order (the index goes into bits
# 9-15 of the n field), with each one's pattern width for struct.
F32, F64 = 0, 1
PACK = {F32: "<I", F64: "<Q"}
SPECIAL64 = [0x0000000000000000, 0x8000000000000000, 0x0000000000000001, 0x800fffffffffffff,
             0x0010000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x4008000000000000,
             0xc008000000000000, 0x4018000000000000, 0x7fefffffffffffff, 0xffefffffffffffff,
             0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000,
             0x7ff4000000000001, 0xc087700000000000, 0x4086340000000000, 0x3fe0000000000000,
             0xc05a000000000000, 0x4037000000000000]


def f32(v):
    return struct.unpack("<I", struct.pack("<f", v))[0]


def f64(v):
    return struct.unpack("<Q", struct.pack("<d", v))[0]


def seed(name, kind, call, layout, n, params=None, path=0, mis_out=0, mis_in=0, dist=0,
         values=(), dtype=F32):
    null_params = params is None
    flags = call | layout << 2 | (1 if null_params else 0) << 5 | path << 6
    head = bytes([kind, flags, mis_out | mis_in << 4, dist]) + struct.pack("<H", n | dtype << 9)
    p = [0, 0, 0, 0] if params is None else params
    head += struct.pack("<4I", *p)
    mask = (1 << (8 * struct.calcsize(PACK[dtype]))) - 1
    body = b"".join(struct.pack(PACK[dtype], v & mask) for v in values)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(head + body)


def ramp(n, lo, hi, conv=f32):
    return [conv(lo + (hi - lo) * i / max(n - 1, 1)) for i in range(n)]


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    seed("gelu-fwd-specials", K["gelu"], FWD, SEPARATE, 37, values=SPECIAL)
    seed("relu-der-inplace", K["relu"], DER, INPLACE, 16, path=1, values=SPECIAL[:8])
    seed("sigmoid-bwd-misaligned", K["sigmoid"], BWD, SEPARATE, 67, path=2, mis_out=3, mis_in=5,
         values=ramp(40, -100.0, 100.0) + SPECIAL)
    seed("tanh-fwd-n300", K["tanh"], FWD, SEPARATE, 300, values=ramp(300, -12.0, 12.0))
    seed("mish-bwd-dx-is-x", K["mish"], BWD, INPLACE_X, 19, values=ramp(19, -3.0, 3.0) + SPECIAL)
    seed("leaky-relu-nan-alpha", K["leaky_relu"], FWD, SEPARATE, 9,
         params=[0x7fc00000, 0, 0, 0], values=SPECIAL)
    seed("softplus-alpha-minus-zero", K["softplus"], DER, SEPARATE, 9,
         params=[0x80000000, 0, 0, 0], values=SPECIAL)
    seed("softplus-alpha-subnormal", K["softplus"], FWD, SEPARATE, 24,
         params=[0x00000001, 0, 0, 0], values=SPECIAL)
    seed("hard-tanh-alpha-gt-beta", K["hard_tanh"], BWD, SEPARATE, 9,
         params=[f32(1.0), f32(-1.0), 0, 0], values=SPECIAL)
    seed("srelu-params", K["srelu"], BWD, SEPARATE, 33,
         params=[f32(-2.5), f32(0.3), f32(4.0), f32(-0.2)], values=ramp(33, -6.0, 6.0))
    seed("hard-sigmoid-params", K["hard_sigmoid"], DER, INPLACE, 21,
         params=[f32(0.2), f32(0.5), 0, 0], values=ramp(21, -3.0, 3.0))
    seed("rrelu-params", K["rrelu"], FWD, SEPARATE, 17,
         params=[f32(0.1), f32(0.4), 0, 0], values=SPECIAL)
    seed("celu-alpha-tiny", K["celu"], DER, SEPARATE, 12,
         params=[0x00800000, 0, 0, 0], values=SPECIAL)
    seed("elu-alpha-huge", K["elu"], BWD, SEPARATE, 12,
         params=[f32(3e38), 0, 0, 0], values=SPECIAL)
    seed("softshrink-overlap-x", K["softshrink"], FWD, OVERLAP_X, 20, dist=9, values=SPECIAL)
    seed("log-sigmoid-bwd-overlap-dy", K["log_sigmoid"], BWD, OVERLAP_DY, 20, dist=4,
         values=SPECIAL)
    seed("hard-swish-bwd-inputs-overlap", K["hard_swish"], BWD, INPUTS_OVERLAP, 23, dist=7,
         values=ramp(23, -4.0, 4.0))
    seed("sign-null-x", K["sign"], DER, NULL_X, 5, values=SPECIAL)
    seed("sinc-null-out", K["sinc"], FWD, NULL_OUT, 5, values=SPECIAL)
    seed("relu-n0", K["relu"], BWD, SEPARATE, 0)
    seed("invalid-kind", 0xF2, FWD, SEPARATE, 5, values=SPECIAL)
    seed("kind-count", 39, BWD, SEPARATE, 5, params=[0x7fc00000] * 4, values=SPECIAL)
    # f64: the same situations on 8-byte elements (half the lanes per vector)
    seed("f64-gelu-fwd-specials", K["gelu"], FWD, SEPARATE, 37, values=SPECIAL64, dtype=F64)
    seed("f64-relu-der-inplace", K["relu"], DER, INPLACE, 16, path=1, values=SPECIAL64[:8],
         dtype=F64)
    seed("f64-sigmoid-bwd-misaligned", K["sigmoid"], BWD, SEPARATE, 67, path=2, mis_out=3,
         mis_in=5, values=ramp(40, -800.0, 800.0, f64) + SPECIAL64, dtype=F64)
    seed("f64-tanh-fwd-n300", K["tanh"], FWD, SEPARATE, 300, values=ramp(300, -25.0, 25.0, f64),
         dtype=F64)
    seed("f64-srelu-params", K["srelu"], BWD, SEPARATE, 33,
         params=[f32(-2.5), f32(0.3), f32(4.0), f32(-0.2)], values=ramp(33, -6.0, 6.0, f64),
         dtype=F64)
    seed("f64-softshrink-overlap-x", K["softshrink"], FWD, OVERLAP_X, 20, dist=9,
         values=SPECIAL64, dtype=F64)
    seed("f64-hard-swish-bwd-inputs-overlap", K["hard_swish"], BWD, INPUTS_OVERLAP, 23, dist=7,
         values=ramp(23, -4.0, 4.0, f64), dtype=F64)
    seed("f64-sinc-null-out", K["sinc"], FWD, NULL_OUT, 5, values=SPECIAL64, dtype=F64)


if __name__ == "__main__":
    main()

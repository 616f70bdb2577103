/*
 * The libactfn benchmark, a thin harness over the public C API: every
 * dtype (src/registry/dtypes.def) × function × every path this CPU runs ×
 * {fwd, bwd} × four sizes, next to memcpy of the same bytes and, when built
 * with it, oneDNN's f32 eltwise primitive on the same buffers.  Benchmark
 * names (f32 without its dtype, as before there were others):
 *
 *   fwd/<fn>/<isa>/<n>   bwd/<fn>/<isa>/<n>   memcpy/<n>          f32
 *   fwd/<dtype>/<fn>/<isa>/<n>   bwd/<dtype>/...   memcpy/<dtype>/<n>
 *   onednn/fwd/<fn>/<n>  onednn/bwd/<fn>/<n>                      f32
 *   subnormal/fwd/<fn>/<isa>/4096  subnormal/fwd/<dtype>/<fn>/<isa>/4096 ...
 *   glu/<gate>/<isa>/<n>   glu/<dtype>/<gate>/<isa>/<n>   (swiglu, geglu: y = f(a)·b)
 *   channels/<op>/<layout>/<isa>/<n>   f32 channel calls, layout cf (64
 *       channels of n/64) or cl (n/64 rows of 64 channels): prelu_fwd,
 *       prelu_bwd (with dalpha), bias_gelu_fused, bias_gelu_two_pass (a
 *       bias-add pass, then actfn_forward_f32 gelu), bias_gelu_bwd (with
 *       dbias); rrelu_train/fwd (with noise) and rrelu_train/bwd
 *
 * n is in elements: an f64 array of n elements is twice the bytes of an
 * f32 one.  The subnormal/ runs take x all subnormal (random mantissa and
 * sign; dy as usual), next to the normal runs of the same size: a path that
 * slowed down on denormal operands (microcode assists) would show there.
 *
 * Each reports items/s, bytes/s (the bytes the call moves: fwd 2 elements
 * per element, bwd and glu 3, memcpy 2 — 8, 12 and 8 bytes for f32, 16, 24 and 16
 * for f64) and ns_per_elem.  Times are the CPU time of the one calling
 * thread (Google Benchmark's default; steadier than wall time on a busy
 * machine), which is why oneDNN is held to one thread too.
 * bench/summary.py turns the JSON output into per-dtype, per-size tables
 * (with the ratios to memcpy of the same bytes and to the f32 call).
 *
 * actfn_bench --peer-accuracy[=S] times nothing: it scores actfn's f32
 * paths and every peer above against the tests' long-double reference over
 * every S-th float (peer_accuracy() below; docs/benchmarks.md).
 */
#include <actfn.h>
#include <benchmark/benchmark.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#ifdef ACTFN_BENCH_XNNPACK
#include <xnnpack.h>
#endif
extern "C" {
#include "ref.h" // tests/reference: the long-double reference, for --peer-accuracy
}
#ifdef ACTFN_BENCH_COMPOSED
#include "composed.h"
#endif
#ifdef ACTFN_BENCH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
#include <omp.h>
#endif
#endif

// The dtype registry, for the list of dtypes and their calls (relative:
// the benchmark's include path has only the public header).
#include "../src/registry/dtypes.def"

namespace
{

// One row per line of dtypes.def: the element size, the binary format (to
// write inputs) and fwd/bwd behind untyped pointers.  A new line needs its
// format in formats[] below (bf16 and f16 are there).
using fwd_fn = actfn_status (*)(actfn_kind, const actfn_params *, const void *, void *, size_t);
using bwd_fn = actfn_status (*)(actfn_kind, const actfn_params *, const void *, const void *,
                                void *, size_t);
using glu_fn = actfn_status (*)(actfn_kind, const actfn_params *, const void *, const void *,
                                void *, size_t);
struct Dtype {
    const char *name;
    size_t size;
    fwd_fn fwd;
    bwd_fn bwd;
    glu_fn glu;
};

#define ACTFN_BENCH_DTYPE(c_, T, TN, ctype, grade)                                                \
    {#T, sizeof(ctype),                                                                            \
     [](actfn_kind k, const actfn_params *p, const void *x, void *y, size_t n) {                   \
         return actfn_forward_##T(k, p, static_cast<const ctype *>(x), static_cast<ctype *>(y), n); \
     },                                                                                            \
     [](actfn_kind k, const actfn_params *p, const void *x, const void *dy, void *dx, size_t n) {  \
         return actfn_backward_##T(k, p, static_cast<const ctype *>(x),                            \
                                   static_cast<const ctype *>(dy), static_cast<ctype *>(dx), n);   \
     },                                                                                            \
     [](actfn_kind k, const actfn_params *p, const void *a, const void *b, void *y, size_t n) {    \
         return actfn_glu_##T(k, p, static_cast<const ctype *>(a), static_cast<const ctype *>(b),  \
                              static_cast<ctype *>(y), n);                                         \
     }},
const Dtype dtypes[] = {ACTFN_DTYPES(ACTFN_BENCH_DTYPE, ~)};
#undef ACTFN_BENCH_DTYPE

struct Format {
    const char *name;
    int exp_bits, man_bits;
};
const Format formats[] = {{"f32", 8, 23}, {"f64", 11, 52}, {"bf16", 8, 7}, {"f16", 5, 10}};

const Format &format_of(const Dtype &t)
{
    for (const Format &f : formats)
        if (std::strcmp(f.name, t.name) == 0 && 1 + f.exp_bits + f.man_bits == int(8 * t.size))
            return f;
    std::fprintf(stderr, "actfn_bench: no binary format for dtype %s (bench.cc formats[])\n",
                 t.name);
    std::exit(1);
}

// v in the dtype, as a bit pattern: the mantissa truncated (inputs need
// not be correctly rounded), 0 below the format's normal range.
uint64_t to_bits(const Format &f, double v)
{
    uint64_t d;
    std::memcpy(&d, &v, sizeof d);
    const uint64_t sign = d >> 63;
    const int e = int((d >> 52) & 0x7ff) - 1023, bias = (1 << (f.exp_bits - 1)) - 1;
    if (v == 0 || e < 1 - bias)
        return sign << (f.exp_bits + f.man_bits);
    const uint64_t man = (d & ((uint64_t(1) << 52) - 1)) >> (52 - f.man_bits);
    return sign << (f.exp_bits + f.man_bits) | uint64_t(e + bias) << f.man_bits | man;
}

void put(unsigned char *a, size_t i, size_t size, uint64_t bits)
{
    // little- or big-endian alike: through the integer of the element's size
    if (size == 2) {
        uint16_t b = static_cast<uint16_t>(bits);
        std::memcpy(a + 2 * i, &b, 2);
    } else if (size == 4) {
        uint32_t b = static_cast<uint32_t>(bits);
        std::memcpy(a + 4 * i, &b, 4);
    } else {
        std::memcpy(a + 8 * i, &bits, 8);
    }
}

// 16 KiB, 1 MiB, 16 MiB and 256 MiB per array: from L1-resident to far
// beyond the last-level cache.
const size_t sizes[] = {4096, 262144, 4194304, 67108864};

// x and dy are inputs, y and dx outputs.  Allocated and written once per
// (size, dtype, kind of input), on first use (never inside a timed loop),
// then shared by every benchmark of that key; a new size frees the others'
// (benchmarks run size by size: at most 4 arrays of 64M doubles, 2 GiB,
// plus the f32 ones, are alive at once).  The arrays sit 64 bytes apart
// modulo 4 KiB, so a load of x[i] never falsely waits on a store to y[i]
// with the same page offset (4K aliasing).
struct Buffers {
    unsigned char *x, *dy, *y, *dx;
};

Buffers &buffers_of(size_t n, const Dtype &t, bool subnormal)
{
    using Key = std::pair<std::pair<size_t, const Dtype *>, bool>;
    static std::map<Key, Buffers> all;
    const Key key{{n, &t}, subnormal};
    auto it = all.find(key);
    if (it != all.end())
        return it->second;
    for (auto o = all.begin(); o != all.end();)
        if (o->first.first.first != n) {
            std::free(o->second.x);
            o = all.erase(o);
        } else {
            ++o;
        }
    const size_t stride = (n + 16) * t.size; // bytes, a multiple of 64 for every size
    auto *p = static_cast<unsigned char *>(std::aligned_alloc(64, 4 * stride));
    if (!p) {
        std::fprintf(stderr, "actfn_bench: cannot allocate the %s buffers for n = %zu\n", t.name, n);
        std::exit(1);
    }
    Buffers b = {p, p + stride, p + 2 * stride, p + 3 * stride};
    // A fixed-seed LCG (Numerical Recipes constants): the same inputs on
    // every machine, uniform in [-8, 8) with 24 random bits each (the same
    // values in every dtype wide enough for them); with subnormal, x instead
    // has a random sign and a random nonzero mantissa under a zero exponent
    // (dy is the same as for the normal runs).
    const Format &f = format_of(t);
    uint32_t s = 20240601u;
    for (unsigned char *a : {b.x, b.dy})
        for (size_t i = 0; i < n; i++) {
            s = s * 1664525u + 1013904223u;
            put(a, i, t.size, to_bits(f, -8.0 + static_cast<double>(s >> 8) * 0x1p-20));
        }
    if (subnormal) {
        const int w = 1 + f.exp_bits + f.man_bits;
        uint32_t u = 20241201u;
        for (size_t i = 0; i < n; i++) {
            u = u * 1664525u + 1013904223u;
            uint64_t r = uint64_t(u) << 32 | (u * 2654435761u);
            uint64_t bits = ((r >> 63) << (w - 1)) | ((r >> 8) & ((uint64_t(1) << f.man_bits) - 1)) | 1u;
            put(b.x, i, t.size, bits);
        }
    }
    std::memset(b.y, 0, n * t.size);
    std::memset(b.dx, 0, n * t.size);
    return all.emplace(key, b).first->second;
}

const Dtype &f32() { return dtypes[0]; } // the registry's first line

void count(benchmark::State &state, size_t n, int64_t bytes_per_elem)
{
    const int64_t items = state.iterations() * static_cast<int64_t>(n);
    state.SetItemsProcessed(items);
    state.SetBytesProcessed(items * bytes_per_elem);
    // n·1e-9 per iteration as a rate, inverted: seconds per 1e9 elements,
    // which is ns per element.
    state.counters["ns_per_elem"] = benchmark::Counter(
        static_cast<double>(n) * 1e-9,
        benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void bench_actfn(benchmark::State &state, const Dtype &t, actfn_kind k, actfn_isa isa, bool bwd,
                 size_t n, bool subnormal)
{
    Buffers &b = buffers_of(n, t, subnormal);
    actfn_set_isa(isa);
    for (auto _ : state) {
        actfn_status s = bwd ? t.bwd(k, nullptr, b.x, b.dy, b.dx, n) : t.fwd(k, nullptr, b.x, b.y, n);
        if (s != ACTFN_OK) {
            state.SkipWithError(actfn_strerror(s));
            break;
        }
    }
    count(state, n, static_cast<int64_t>((bwd ? 3 : 2) * t.size));
}

// A gated unit, y = f(a)·b over n elements (a, b: the x and dy buffers):
// 3 elements move per element, as in the backward.
void bench_glu(benchmark::State &state, const Dtype &t, actfn_kind k, actfn_isa isa, size_t n)
{
    Buffers &b = buffers_of(n, t, false);
    actfn_set_isa(isa);
    for (auto _ : state) {
        actfn_status s = t.glu(k, nullptr, b.x, b.dy, b.y, n);
        if (s != ACTFN_OK) {
            state.SkipWithError(actfn_strerror(s));
            break;
        }
    }
    count(state, n, static_cast<int64_t>(3 * t.size));
}

void bench_memcpy(benchmark::State &state, const Dtype &t, size_t n)
{
    Buffers &b = buffers_of(n, t, false);
    for (auto _ : state) {
        std::memcpy(b.y, b.x, n * t.size);
        benchmark::ClobberMemory();
    }
    count(state, n, static_cast<int64_t>(2 * t.size));
}

// The channel calls on f32 [outer][64][inner]: cf (outer 1, inner n/64)
// or cl (outer n/64, inner 1).  Bytes moved per element: forward 2,
// backward 3, the two-pass bias + gelu 4 (x read, t written, t read, y
// written), rrelu_train with noise 3.
enum class ChOp { prelu_fwd, prelu_bwd, bias_fused, bias_two_pass, bias_bwd, rrelu_fwd, rrelu_bwd };
void bench_channels(benchmark::State &state, ChOp op, bool cl, actfn_isa isa, size_t n)
{
    Buffers &b = buffers_of(n, f32(), false);
    const size_t c = 64, outer = cl ? n / c : 1, inner = cl ? 1 : n / c;
    static float w[64], dw[64];
    for (size_t i = 0; i < c; i++)
        w[i] = 0.01f * static_cast<float>(i) - 0.3f;
    const float *x = reinterpret_cast<const float *>(b.x),
                *dy = reinterpret_cast<const float *>(b.dy);
    float *y = reinterpret_cast<float *>(b.y), *dx = reinterpret_cast<float *>(b.dx);
    actfn_set_isa(isa);
    for (auto _ : state) {
        actfn_status s = ACTFN_OK;
        switch (op) {
        case ChOp::prelu_fwd:
            s = actfn_prelu_channels_f32(outer, c, inner, x, w, y);
            break;
        case ChOp::prelu_bwd:
            s = actfn_prelu_channels_backward_f32(outer, c, inner, x, w, dy, dx, dw);
            break;
        case ChOp::bias_fused:
            s = actfn_bias_forward_f32(ACTFN_GELU, nullptr, outer, c, inner, x, w, y);
            break;
        case ChOp::bias_two_pass: // t in dx
            for (size_t o = 0; o < outer; o++)
                for (size_t ch = 0; ch < c; ch++) {
                    const size_t e = (o * c + ch) * inner;
                    const float bv = w[ch];
                    for (size_t i = 0; i < inner; i++)
                        dx[e + i] = x[e + i] + bv;
                }
            s = actfn_forward_f32(ACTFN_GELU, nullptr, dx, y, n);
            break;
        case ChOp::bias_bwd:
            s = actfn_bias_backward_f32(ACTFN_GELU, nullptr, outer, c, inner, x, w, dy, dx, dw);
            break;
        case ChOp::rrelu_fwd:
            s = actfn_rrelu_train_f32(nullptr, 1234, 0, x, y, dx, n);
            break;
        case ChOp::rrelu_bwd:
            s = actfn_rrelu_train_backward_f32(nullptr, 1234, 0, x, dy, dx, n);
            break;
        }
        if (s != ACTFN_OK) {
            state.SkipWithError(actfn_strerror(s));
            break;
        }
        benchmark::ClobberMemory();
    }
    const int64_t bytes = op == ChOp::bias_two_pass                         ? 16
                          : op == ChOp::prelu_fwd || op == ChOp::bias_fused ? 8
                                                                            : 12;
    count(state, n, bytes);
}

#ifdef ACTFN_BENCH_ONEDNN
// oneDNN runs on the f32 buffers.
Buffers &buffers(size_t n) { return buffers_of(n, f32(), false); }

// The functions oneDNN 2.6's eltwise primitive computes as actfn defines
// them with default parameters.  Backward uses the plain algorithms, which
// take the derivative from src like actfn_backward_f32 does.  Left out:
// selu, hard_sigmoid and the rest, which 2.6 has no single primitive for.
struct OnednnOp {
    actfn_kind k;
    dnnl::algorithm alg;
    float alpha, beta;
};

using alg = dnnl::algorithm;
const OnednnOp onednn_ops[] = {
    {ACTFN_RELU, alg::eltwise_relu, 0.0f, 0.0f},
    {ACTFN_LEAKY_RELU, alg::eltwise_relu, 0.01f, 0.0f},
    {ACTFN_PRELU, alg::eltwise_relu, 0.25f, 0.0f},
    {ACTFN_RRELU, alg::eltwise_relu, (0.125f + 0x1.555556p-2f) / 2, 0.0f},
    {ACTFN_ELU, alg::eltwise_elu, 1.0f, 0.0f},
    {ACTFN_SIGMOID, alg::eltwise_logistic, 0.0f, 0.0f},
    {ACTFN_TANH, alg::eltwise_tanh, 0.0f, 0.0f},
    {ACTFN_GELU, alg::eltwise_gelu_erf, 0.0f, 0.0f},
    {ACTFN_GELU_TANH, alg::eltwise_gelu_tanh, 0.0f, 0.0f},
    {ACTFN_SILU, alg::eltwise_swish, 1.0f, 0.0f},
    {ACTFN_SWISH, alg::eltwise_swish, 1.0f, 0.0f},
    {ACTFN_QUICK_GELU, alg::eltwise_swish, 1.702f, 0.0f},
    {ACTFN_MISH, alg::eltwise_mish, 0.0f, 0.0f},
    {ACTFN_SOFTPLUS, alg::eltwise_soft_relu, 0.0f, 0.0f}, // log(1 + e^x) in 2.6
    {ACTFN_LOG_SIGMOID, alg::eltwise_logsigmoid, 0.0f, 0.0f},
    {ACTFN_HARD_SWISH, alg::eltwise_hardswish, 0.0f, 0.0f},
    {ACTFN_IDENTITY, alg::eltwise_linear, 1.0f, 0.0f},
    {ACTFN_ABSOLUTE, alg::eltwise_abs, 0.0f, 0.0f},
    // clip_v2, not clip: its derivative is 0 at both bounds, as in actfn.
    {ACTFN_RELU6, alg::eltwise_clip_v2, 0.0f, 6.0f},
    {ACTFN_HARD_TANH, alg::eltwise_clip_v2, -1.0f, 1.0f},
};

dnnl::engine &onednn_engine()
{
    static dnnl::engine e(dnnl::engine::kind::cpu, 0);
    return e;
}

// One primitive bound to its arguments, built outside any timed loop.
struct OnednnCall {
    dnnl::primitive prim;
    std::unordered_map<int, dnnl::memory> args;

    void operator()(dnnl::stream &s)
    {
        prim.execute(s, args);
        s.wait();
    }
};

OnednnCall onednn_call(const OnednnOp &op, bool bwd, size_t n, void *x, void *dy, void *out)
{
    using namespace dnnl;
    engine &eng = onednn_engine();
    memory::desc md({static_cast<memory::dim>(n)}, memory::data_type::f32, memory::format_tag::a);
    eltwise_forward::primitive_desc fwd(
        {bwd ? prop_kind::forward_training : prop_kind::forward_inference, op.alg, md, op.alpha,
         op.beta},
        eng);
    if (!bwd)
        return {eltwise_forward(fwd),
                {{DNNL_ARG_SRC, memory(md, eng, x)}, {DNNL_ARG_DST, memory(md, eng, out)}}};
    eltwise_backward::primitive_desc pd({op.alg, md, md, op.alpha, op.beta}, eng, fwd);
    return {eltwise_backward(pd),
            {{DNNL_ARG_SRC, memory(md, eng, x)},
             {DNNL_ARG_DIFF_DST, memory(md, eng, dy)},
             {DNNL_ARG_DIFF_SRC, memory(md, eng, out)}}};
}

void bench_onednn(benchmark::State &state, const OnednnOp &op, bool bwd, size_t n)
{
    Buffers &b = buffers(n);
    try {
        OnednnCall call = onednn_call(op, bwd, n, b.x, b.dy, bwd ? b.dx : b.y);
        dnnl::stream s(onednn_engine());
        for (auto _ : state)
            call(s);
    } catch (const dnnl::error &e) {
        state.SkipWithError(e.what());
    }
    count(state, n, bwd ? 12 : 8);
}

// A wrong entry in the table above would compare against another function:
// check each against actfn on the benchmark's own inputs, forward and
// backward.  The bound is loose on purpose: oneDNN 2.6 is not that accurate
// everywhere (its gelu_tanh backward is ~10% off near x = -5, where the
// result is ~1e-5), and a wrong function misses by far more.
bool onednn_matches(const OnednnOp &op)
{
    const size_t n = 4096;
    Buffers &b = buffers(n);
    std::vector<float> ours(n), theirs(n);
    dnnl::stream s(onednn_engine());
    for (bool bwd : {false, true}) {
        const float *x = reinterpret_cast<const float *>(b.x);
        if (bwd)
            actfn_backward_f32(op.k, nullptr, x, reinterpret_cast<const float *>(b.dy), ours.data(),
                               n);
        else
            actfn_forward_f32(op.k, nullptr, x, ours.data(), n);
        onednn_call(op, bwd, n, b.x, b.dy, theirs.data())(s);
        for (size_t i = 0; i < n; i++)
            if (!(std::fabs(ours[i] - theirs[i]) <= 1e-3f * std::fabs(ours[i]) + 1e-4f)) {
                std::fprintf(stderr,
                             "actfn_bench: oneDNN %s %s differs at x = %a (%a vs %a); "
                             "not compared\n",
                             bwd ? "bwd" : "fwd", actfn_kind_name(op.k),
                             reinterpret_cast<const float *>(b.x)[i], theirs[i], ours[i]);
                return false;
            }
    }
    return true;
}
#endif

#ifdef ACTFN_BENCH_XNNPACK
// XNNPACK's f32 operators that compute what actfn defines with default
// parameters, on the f32 buffers, one thread (no threadpool): one operator
// of n channels, batch 1, built outside the timed loop.
const actfn_kind xnnpack_kinds[] = {ACTFN_RELU, ACTFN_LEAKY_RELU, ACTFN_ELU, ACTFN_SIGMOID,
                                    ACTFN_HARD_SWISH};

xnn_operator_t xnnpack_op(actfn_kind k, size_t n, const void *x, void *y)
{
    xnn_operator_t op = nullptr;
    xnn_status s = xnn_status_unsupported_parameter;
    const float *in = static_cast<const float *>(x);
    float *out = static_cast<float *>(y);
    switch (k) {
    case ACTFN_RELU:
        s = xnn_create_clamp_nc_f32(n, n, n, 0.0f, INFINITY, 0, &op);
        if (s == xnn_status_success)
            s = xnn_setup_clamp_nc_f32(op, 1, in, out, nullptr);
        break;
    case ACTFN_LEAKY_RELU:
        s = xnn_create_leaky_relu_nc_f32(n, n, n, 0.01f, 0, &op);
        if (s == xnn_status_success)
            s = xnn_setup_leaky_relu_nc_f32(op, 1, in, out, nullptr);
        break;
    case ACTFN_ELU:
        s = xnn_create_elu_nc_f32(n, n, n, 1.0f, 0, &op);
        if (s == xnn_status_success)
            s = xnn_setup_elu_nc_f32(op, 1, in, out, nullptr);
        break;
    case ACTFN_SIGMOID:
        s = xnn_create_sigmoid_nc_f32(n, n, n, 0, &op);
        if (s == xnn_status_success)
            s = xnn_setup_sigmoid_nc_f32(op, 1, in, out, nullptr);
        break;
    case ACTFN_HARD_SWISH:
        s = xnn_create_hardswish_nc_f32(n, n, n, 0, &op);
        if (s == xnn_status_success)
            s = xnn_setup_hardswish_nc_f32(op, 1, in, out, nullptr);
        break;
    default:
        break;
    }
    if (s != xnn_status_success && op) {
        xnn_delete_operator(op);
        op = nullptr;
    }
    return op;
}

void bench_xnnpack(benchmark::State &state, actfn_kind k, size_t n)
{
    Buffers &b = buffers_of(n, f32(), false);
    xnn_operator_t op = xnnpack_op(k, n, b.x, b.y);
    if (!op) {
        state.SkipWithError("XNNPACK operator not created");
        return;
    }
    for (auto _ : state)
        xnn_run_operator(op, nullptr);
    xnn_delete_operator(op);
    count(state, n, 8);
}

// XNNPACK's softmax over rows of cols (XNNPACK has no log_softmax).
void bench_softmax_xnnpack(benchmark::State &state, size_t cols, size_t total)
{
    Buffers &b = buffers_of(total, f32(), false);
    xnn_operator_t op = nullptr;
    if (xnn_create_softmax_nc_f32(cols, cols, cols, 0, &op) != xnn_status_success ||
        xnn_setup_softmax_nc_f32(op, total / cols, reinterpret_cast<const float *>(b.x),
                                 reinterpret_cast<float *>(b.y), nullptr) != xnn_status_success) {
        state.SkipWithError("XNNPACK softmax not created");
        return;
    }
    for (auto _ : state)
        xnn_run_operator(op, nullptr);
    xnn_delete_operator(op);
    count(state, total, 8);
}
#endif

#ifdef ACTFN_BENCH_ONEDNN
// oneDNN's softmax_v2 (accurate or log) over rows of cols, axis 1.
void bench_softmax_onednn(benchmark::State &state, bool log, size_t cols, size_t total)
{
    using namespace dnnl;
    Buffers &b = buffers_of(total, f32(), false);
    try {
        engine &eng = onednn_engine();
        memory::desc md({static_cast<memory::dim>(total / cols), static_cast<memory::dim>(cols)},
                        memory::data_type::f32, memory::format_tag::ab);
        softmax_v2_forward::primitive_desc pd(
            {prop_kind::forward_inference,
             log ? algorithm::softmax_log : algorithm::softmax_accurate, md, md, 1},
            eng);
        OnednnCall call = {softmax_v2_forward(pd),
                           {{DNNL_ARG_SRC, memory(md, eng, b.x)}, {DNNL_ARG_DST, memory(md, eng, b.y)}}};
        stream s(eng);
        for (auto _ : state)
            call(s);
    } catch (const dnnl::error &e) {
        state.SkipWithError(e.what());
    }
    count(state, total, 8);
}
#endif

#ifdef ACTFN_BENCH_COMPOSED
// The composed peers (bench/composed.c): the textbook formula over glibc's
// libmvec or SLEEF u10, for the AVX-512 or AVX2 build; swish is silu at its
// default alpha = 1.
const std::pair<actfn_kind, composed_fn> composed_kinds[] = {
    {ACTFN_SIGMOID, COMPOSED_SIGMOID},       {ACTFN_ELU, COMPOSED_ELU},
    {ACTFN_HARD_SWISH, COMPOSED_HARD_SWISH}, {ACTFN_SILU, COMPOSED_SILU},
    {ACTFN_SWISH, COMPOSED_SILU},            {ACTFN_GELU_TANH, COMPOSED_GELU_TANH},
    {ACTFN_GELU, COMPOSED_GELU},             {ACTFN_MISH, COMPOSED_MISH},
    {ACTFN_TANH, COMPOSED_TANH},             {ACTFN_SOFTPLUS, COMPOSED_SOFTPLUS},
    {ACTFN_LOG_SIGMOID, COMPOSED_LOG_SIGMOID}};

void bench_composed(benchmark::State &state, composed_call f, composed_fn fn, bool bwd, size_t n)
{
    Buffers &b = buffers_of(n, f32(), false);
    const float *x = reinterpret_cast<const float *>(b.x);
    const float *dy = reinterpret_cast<const float *>(b.dy);
    float *y = reinterpret_cast<float *>(bwd ? b.dx : b.y);
    for (auto _ : state)
        if (!f(fn, bwd, x, dy, y, n)) {
            state.SkipWithError("not composed");
            break;
        }
    count(state, n, bwd ? 12 : 8);
}
#endif

// actfn's softmax or log_softmax (f32) over rows of cols on a path.
void bench_softmax_actfn(benchmark::State &state, actfn_isa isa, bool log, size_t cols,
                         size_t total)
{
    Buffers &b = buffers_of(total, f32(), false);
    actfn_set_isa(isa);
    const float *x = reinterpret_cast<const float *>(b.x);
    float *y = reinterpret_cast<float *>(b.y);
    for (auto _ : state) {
        actfn_status s = (log ? actfn_log_softmax_f32 : actfn_softmax_f32)(total / cols, cols, x,
                                                                         cols, y, cols);
        if (s != ACTFN_OK) {
            state.SkipWithError(actfn_strerror(s));
            break;
        }
    }
    count(state, total, 8);
}

// Softmax rows: cols per row, rows enough for 4 MiB and 256 MiB of f32.
const size_t softmax_cols[] = {128, 4096, 65536};
const size_t softmax_totals[] = {size_t(1) << 20, size_t(1) << 26};

std::string cpu_model()
{
    std::ifstream f("/proc/cpuinfo");
    for (std::string line; std::getline(f, line);)
        if (line.rfind("model name", 0) == 0 && line.find(':') != std::string::npos)
            return line.substr(line.find(':') + 2);
    return "unknown";
}

void register_all()
{
    std::vector<actfn_isa> isas;
    for (int i = 0; i < ACTFN_ISA_COUNT; i++) {
        actfn_isa isa = static_cast<actfn_isa>(i);
        if (actfn_isa_supported(isa))
            isas.push_back(isa);
        else
            std::fprintf(stderr,
                         "actfn_bench: skipping path %s (not built, or not run by this CPU)\n",
                         actfn_isa_name(isa));
    }
#ifdef ACTFN_BENCH_ONEDNN
    const OnednnOp *onednn[ACTFN_KIND_COUNT] = {};
    for (const OnednnOp &op : onednn_ops)
        if (onednn_matches(op))
            onednn[op.k] = &op;
#endif
    auto add = [](const std::string &name, auto &&...args) {
        benchmark::RegisterBenchmark(name.c_str(), args...)->Unit(benchmark::kMicrosecond);
    };
    // size by size (buffers_of keeps one size's arrays), each dtype's in turn
    for (size_t n : sizes) {
        const std::string sn = "/" + std::to_string(n);
        for (const Dtype &t : dtypes) {
            // f32 unnamed: its benchmark names are those from before dtypes
            const std::string dt = &t == &f32() ? "" : std::string("/") + t.name;
            add("memcpy" + dt + sn, bench_memcpy, std::cref(t), n);
            for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
                actfn_kind k = static_cast<actfn_kind>(i);
                for (bool bwd : {false, true}) {
                    const std::string fn =
                        std::string(bwd ? "bwd" : "fwd") + dt + "/" + actfn_kind_name(k);
                    for (actfn_isa isa : isas)
                        add(fn + "/" + actfn_isa_name(isa) + sn, bench_actfn, std::cref(t), k, isa,
                            bwd, n, false);
#ifdef ACTFN_BENCH_ONEDNN
                    if (onednn[k] && &t == &f32())
                        add("onednn/" + fn + sn, bench_onednn, *onednn[k], bwd, n);
#endif
                }
            }
            // the gated units of LLM feed-forward blocks
            for (auto g :
                 {std::make_pair("swiglu", ACTFN_SILU), std::make_pair("geglu", ACTFN_GELU)})
                for (actfn_isa isa : isas)
                    add(std::string("glu") + dt + "/" + g.first + "/" + actfn_isa_name(isa) + sn,
                        bench_glu, std::cref(t), g.second, isa, n);
        }
    }
#ifdef ACTFN_BENCH_XNNPACK
    for (size_t n : sizes)
        for (actfn_kind k : xnnpack_kinds)
            add(std::string("xnnpack/fwd/") + actfn_kind_name(k) + "/" + std::to_string(n),
                bench_xnnpack, k, n);
#endif
#ifdef ACTFN_BENCH_COMPOSED
    // libmvec/<fwd|bwd>/<fn>/<avx512|avx2>/<n>, sleef/...: where this CPU runs the path
    for (size_t n : sizes)
        for (const auto &kc : composed_kinds)
            for (bool bwd : {false, true}) {
                if (bwd && !composed_libmvec_avx2(kc.second, 1, nullptr, nullptr, nullptr, 0))
                    continue; // no backward composed for this function
                const std::string fn =
                    std::string(bwd ? "/bwd/" : "/fwd/") + actfn_kind_name(kc.first);
                for (actfn_isa isa : isas) {
                    const bool w = isa == ACTFN_ISA_AVX512;
                    if (!w && isa != ACTFN_ISA_AVX2)
                        continue;
                    const std::string tail = std::string("/") + actfn_isa_name(isa) + "/" +
                                             std::to_string(n);
                    add("libmvec" + fn + tail, bench_composed,
                        w ? composed_libmvec_avx512 : composed_libmvec_avx2, kc.second, bwd, n);
                    add("sleef" + fn + tail, bench_composed,
                        w ? composed_sleef_avx512 : composed_sleef_avx2, kc.second, bwd, n);
                }
            }
#endif
    // softmax rows: softmax/<cols>/<impl>/<total elements>
    for (size_t total : softmax_totals) {
        const std::string st = "/" + std::to_string(total);
        add("memcpy" + st, bench_memcpy, std::cref(f32()), total);
        for (size_t cols : softmax_cols)
            for (bool log : {false, true}) {
                const std::string stem =
                    std::string(log ? "log_softmax/" : "softmax/") + std::to_string(cols) + "/";
                for (actfn_isa isa : isas)
                    add(stem + actfn_isa_name(isa) + st, bench_softmax_actfn, isa, log, cols, total);
#ifdef ACTFN_BENCH_ONEDNN
                add(stem + "onednn" + st, bench_softmax_onednn, log, cols, total);
#endif
#ifdef ACTFN_BENCH_XNNPACK
                if (!log)
                    add(stem + "xnnpack" + st, bench_softmax_xnnpack, cols, total);
#endif
            }
    }
    // the channel calls, at the smallest and the largest size
    for (size_t n : {sizes[0], sizes[sizeof sizes / sizeof sizes[0] - 1]}) {
        const std::string sn = "/" + std::to_string(n);
        add("memcpy" + sn, bench_memcpy, std::cref(f32()), n);
        static const std::pair<const char *, ChOp> ops[] = {
            {"prelu_fwd", ChOp::prelu_fwd},           {"prelu_bwd", ChOp::prelu_bwd},
            {"bias_gelu_fused", ChOp::bias_fused},    {"bias_gelu_two_pass", ChOp::bias_two_pass},
            {"bias_gelu_bwd", ChOp::bias_bwd},
        };
        for (const auto &op : ops)
            for (bool cl : {false, true})
                for (actfn_isa isa : isas)
                    add(std::string("channels/") + op.first + (cl ? "/cl/" : "/cf/") +
                            actfn_isa_name(isa) + sn,
                        bench_channels, op.second, cl, isa, n);
        for (actfn_isa isa : isas) {
            add(std::string("rrelu_train/fwd/") + actfn_isa_name(isa) + sn, bench_channels,
                ChOp::rrelu_fwd, false, isa, n);
            add(std::string("rrelu_train/bwd/") + actfn_isa_name(isa) + sn, bench_channels,
                ChOp::rrelu_bwd, false, isa, n);
        }
    }
    // denormal operands, at the size where nothing but the arithmetic counts
    const size_t ns = sizes[0];
    for (const Dtype &t : dtypes) {
        const std::string dt = &t == &f32() ? "" : std::string("/") + t.name;
        for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
            actfn_kind k = static_cast<actfn_kind>(i);
            for (bool bwd : {false, true})
                for (actfn_isa isa : isas)
                    add(std::string("subnormal/") + (bwd ? "bwd" : "fwd") + dt + "/" +
                            actfn_kind_name(k) + "/" + actfn_isa_name(isa) + "/" +
                            std::to_string(ns),
                        bench_actfn, std::cref(t), k, isa, bwd, ns, true);
        }
    }
}

// --peer-accuracy[=S]: not a benchmark.  Every S-th float bit pattern (S odd, default 1021:
// 4.2M inputs, ~8,200 per binade of each sign, subnormals and ±inf included, NaN left out)
// through each function that a peer also computes, forward and (dy = 1) backward, on actfn's
// avx512 and avx2 paths and on each peer, scored in float ULPs against the tests' long-double
// reference (tests/reference/ref.h).  A derivative is not scored within 2^-6 of a zero of f',
// where the contract bounds its absolute error instead.  Markdown on stdout: the price in
// accuracy of each peer's speed.
struct PeerImpl {
    std::string name;
    std::function<bool(const float *x, const float *dy, float *y, size_t n)> run;
};

std::vector<PeerImpl> peer_impls(actfn_kind k, bool bwd)
{
    std::vector<PeerImpl> v;
    for (actfn_isa isa : {ACTFN_ISA_AVX512, ACTFN_ISA_AVX2})
        if (actfn_isa_supported(isa))
            v.push_back({std::string("actfn ") + actfn_isa_name(isa),
                         [=](const float *x, const float *dy, float *y, size_t n) {
                             actfn_set_isa(isa);
                             return (bwd ? actfn_backward_f32(k, nullptr, x, dy, y, n)
                                         : actfn_forward_f32(k, nullptr, x, y, n)) == ACTFN_OK;
                         }});
#ifdef ACTFN_BENCH_ONEDNN
    for (const OnednnOp &op : onednn_ops)
        if (op.k == k)
            v.push_back({"oneDNN", [=](const float *x, const float *dy, float *y, size_t n) {
                             dnnl::stream s(onednn_engine());
                             onednn_call(op, bwd, n, const_cast<float *>(x),
                                         const_cast<float *>(dy), y)(s);
                             return true;
                         }});
#endif
#ifdef ACTFN_BENCH_XNNPACK
    for (actfn_kind xk : xnnpack_kinds)
        if (xk == k && !bwd)
            v.push_back({"XNNPACK", [=](const float *x, const float *, float *y, size_t n) {
                             xnn_operator_t op = xnnpack_op(k, n, x, y);
                             if (!op)
                                 return false;
                             bool ok = xnn_run_operator(op, nullptr) == xnn_status_success;
                             xnn_delete_operator(op);
                             return ok;
                         }});
#endif
#ifdef ACTFN_BENCH_COMPOSED
    if (actfn_isa_supported(ACTFN_ISA_AVX512))
        for (const auto &kc : composed_kinds)
            if (kc.first == k &&
                composed_libmvec_avx512(kc.second, bwd, nullptr, nullptr, nullptr, 0))
                for (auto c : {std::make_pair("libmvec avx512", composed_libmvec_avx512),
                               std::make_pair("SLEEF avx512", composed_sleef_avx512)}) {
                    composed_fn fn = kc.second;
                    composed_call f = c.second;
                    v.push_back({c.first, [=](const float *x, const float *dy, float *y, size_t n) {
                                     return f(fn, bwd, x, dy, y, n) != 0;
                                 }});
                }
#endif
    return v;
}

int peer_accuracy(uint32_t stride)
{
    if (ref_init() != 0)
        return 1;
    std::printf(
        "One float bit pattern in every %u (NaN left out), ULPs against the long-double reference; "
        "a derivative not scored within 2^-6 of a zero of f'.  CPU: %s\n\n",
        stride, cpu_model().c_str());
    std::printf(
        "| function | dir | implementation | max ULP, normal x, \\|x\\| ≤ 8 | max ULP | at x | "
        "inputs over 4 (fwd) / 8 (bwd) ULP | inf or NaN against a finite "
        "reference, or the reverse |\n|---|---|---|---:|---:|---|---:|---:|\n");
    const size_t chunk = size_t(1) << 20;
    std::vector<float> xs, dy(chunk, 1.0f), y(chunk);
    std::vector<long double> r;
    for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
        actfn_kind k = static_cast<actfn_kind>(i);
        actfn_params p;
        actfn_params_default(k, &p);
        for (bool bwd : {false, true}) {
            std::vector<PeerImpl> impls = peer_impls(k, bwd);
            if (impls.size() < 2 || impls.back().name.rfind("actfn", 0) == 0)
                continue; // no peer computes it
            struct Score {
                double max = 0, max8 = 0; // over all inputs, over normal x with |x| ≤ 8
                float at = 0;
                size_t over = 0, nonfinite = 0;
                bool ran = true;
            };
            std::vector<Score> sc(impls.size());
            const double bound = bwd ? 8 : 4;
            uint64_t b = 0;
            while (b < (uint64_t(1) << 32)) {
                xs.clear();
                r.clear();
                for (; b < (uint64_t(1) << 32) && xs.size() < chunk; b += stride) {
                    uint32_t u = static_cast<uint32_t>(b);
                    float x;
                    std::memcpy(&x, &u, sizeof x);
                    if (std::isnan(x) || (bwd && ref_near_der_zero(k, x)))
                        continue;
                    xs.push_back(x);
                    r.push_back(bwd ? ref_table[k].der(x, &p) : ref_table[k].fwd(x, &p));
                }
                for (size_t j = 0; j < impls.size(); j++) {
                    if (!sc[j].ran || !impls[j].run(xs.data(), dy.data(), y.data(), xs.size())) {
                        sc[j].ran = false;
                        continue;
                    }
                    for (size_t e = 0; e < xs.size(); e++) {
                        double u = ref_ulp_err(y[e], r[e]);
                        if (std::isinf(u)) {
                            sc[j].nonfinite++;
                            continue;
                        }
                        if (u > bound)
                            sc[j].over++;
                        if (std::fabs(xs[e]) <= 8.0f && std::fabs(xs[e]) >= FLT_MIN &&
                            u > sc[j].max8)
                            sc[j].max8 = u;
                        if (u > sc[j].max) {
                            sc[j].max = u;
                            sc[j].at = xs[e];
                        }
                    }
                }
            }
            for (size_t j = 0; j < impls.size(); j++)
                if (sc[j].ran)
                    std::printf("| %s | %s | %s | %.3g | %.3g | %a | %zu | %zu |\n",
                                actfn_kind_name(k), bwd ? "bwd" : "fwd", impls[j].name.c_str(),
                                sc[j].max8, sc[j].max, static_cast<double>(sc[j].at), sc[j].over,
                                sc[j].nonfinite);
                else
                    std::printf("| %s | %s | %s | not run (the call failed) | | | | |\n",
                                actfn_kind_name(k), bwd ? "bwd" : "fwd", impls[j].name.c_str());
            std::fflush(stdout);
        }
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
#if defined(ACTFN_BENCH_ONEDNN) && DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
    // actfn is single-threaded; so is the oneDNN it is compared with.
    omp_set_num_threads(1);
#endif
    // Google Benchmark's default of 0.5 s per benchmark would stretch the
    // ~2,100 benchmarks (f32 and f64) well past twenty minutes; 0.05 s is still thousands of
    // calls at the small sizes and a few passes over 64M floats.  A
    // --benchmark_min_time on the command line comes later, so it wins.
    if (argc > 1 && std::strncmp(argv[1], "--peer-accuracy", 15) == 0) {
        unsigned long st = argv[1][15] == '=' ? std::strtoul(argv[1] + 16, nullptr, 10) : 1021;
#ifdef ACTFN_BENCH_XNNPACK
        if (xnn_initialize(nullptr) != xnn_status_success)
            return 1;
#endif
        return peer_accuracy(static_cast<uint32_t>(st | 1));
    }
    char min_time[] = "--benchmark_min_time=0.05";
    std::vector<char *> args(argv, argv + argc);
    args.insert(args.begin() + 1, min_time);
    argc = static_cast<int>(args.size());
    args.push_back(nullptr);
    benchmark::Initialize(&argc, args.data());
    if (benchmark::ReportUnrecognizedArguments(argc, args.data()))
        return 1;
    benchmark::AddCustomContext("cpu_model", cpu_model());
    benchmark::AddCustomContext("actfn_version", actfn_version());
    benchmark::AddCustomContext("actfn_default_isa", actfn_isa_name(actfn_active_isa()));
#ifdef ACTFN_BENCH_ONEDNN
    const dnnl_version_t *v = dnnl_version();
    benchmark::AddCustomContext("onednn_version", std::to_string(v->major) + "." +
                                                      std::to_string(v->minor) + "." +
                                                      std::to_string(v->patch));
#endif
#ifdef ACTFN_BENCH_XNNPACK
    if (xnn_initialize(nullptr) != xnn_status_success) {
        std::fprintf(stderr, "actfn_bench: xnn_initialize failed\n");
        return 1;
    }
    benchmark::AddCustomContext("xnnpack", "Debian libxnnpack");
#endif
#ifdef ACTFN_BENCH_COMPOSED
    benchmark::AddCustomContext("composed", "libmvec (glibc) and SLEEF u10, -O3 -ffast-math");
#endif
    register_all();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

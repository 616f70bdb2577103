/*
 * The libactfn benchmark, a thin harness over the public C API: every
 * function × every path this CPU runs × {fwd, bwd} × four sizes, next to
 * memcpy of the same size and, when built with it, oneDNN's eltwise
 * primitive on the same buffers.  Benchmark names:
 *
 *   fwd/<fn>/<isa>/<n>   bwd/<fn>/<isa>/<n>   memcpy/<n>
 *   onednn/fwd/<fn>/<n>  onednn/bwd/<fn>/<n>
 *   subnormal/fwd/<fn>/<isa>/4096  subnormal/bwd/<fn>/<isa>/4096
 *
 * The subnormal/ runs take x all subnormal (random mantissa and sign; dy as
 * usual), next to the normal runs of the same size: a path that slowed
 * down on denormal operands (microcode assists) would show there.
 *
 * Each reports items/s, bytes/s (fwd moves 8 bytes per element, bwd 12,
 * memcpy 8) and ns_per_elem.  Times are the CPU time of the one calling
 * thread (Google Benchmark's default; steadier than wall time on a busy
 * machine), which is why oneDNN is held to one thread too.
 * bench/summary.py turns the JSON output into per-size tables.
 */
#include <actfn.h>
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#ifdef ACTFN_BENCH_ONEDNN
#include <oneapi/dnnl/dnnl.hpp>
#if DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
#include <omp.h>
#endif
#endif

namespace
{

// 16 KiB, 1 MiB, 16 MiB and 256 MiB per array: from L1-resident to far
// beyond the last-level cache.
const size_t sizes[] = {4096, 262144, 4194304, 67108864};

// x and dy are inputs, y and dx outputs.  Allocated and written once per
// size, on first use (never inside a timed loop), then shared by every
// benchmark of that size.  The arrays sit 64 bytes apart modulo 4 KiB, so
// a load of x[i] never falsely waits on a store to y[i] with the same page
// offset (4K aliasing).
struct Buffers {
    float *x, *dy, *y, *dx;
};

// One allocation per (size, kind of input), made on first use and never
// inside a timed loop: x and dy as fill() writes them, y and dx zeroed.
Buffers &buffers_of(size_t n, bool subnormal)
{
    static std::map<std::pair<size_t, bool>, Buffers> all;
    auto it = all.find({n, subnormal});
    if (it != all.end())
        return it->second;
    const size_t stride = n + 16;
    auto *p = static_cast<float *>(std::aligned_alloc(64, 4 * stride * sizeof(float)));
    if (!p) {
        std::fprintf(stderr, "actfn_bench: cannot allocate the buffers for n = %zu\n", n);
        std::exit(1);
    }
    Buffers b = {p, p + stride, p + 2 * stride, p + 3 * stride};
    // A fixed-seed LCG (Numerical Recipes constants): the same inputs on
    // every machine, uniform in [-8, 8) with 24 random bits each; with
    // subnormal, x instead has a random sign and a random nonzero mantissa
    // under a zero exponent (dy is the same as for the normal runs).
    uint32_t s = 20240601u;
    for (float *a : {b.x, b.dy})
        for (size_t i = 0; i < n; i++) {
            s = s * 1664525u + 1013904223u;
            a[i] = -8.0f + static_cast<float>(s >> 8) * 0x1p-20f;
        }
    if (subnormal) {
        uint32_t t = 20241201u;
        for (size_t i = 0; i < n; i++) {
            t = t * 1664525u + 1013904223u;
            uint32_t bits = (t & 0x80000000u) | ((t >> 8) & 0x7fffffu) | 1u;
            std::memcpy(&b.x[i], &bits, sizeof bits);
        }
    }
    std::memset(b.y, 0, n * sizeof(float));
    std::memset(b.dx, 0, n * sizeof(float));
    return all.emplace(std::make_pair(n, subnormal), b).first->second;
}

Buffers &buffers(size_t n) { return buffers_of(n, false); }

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

void bench_actfn(benchmark::State &state, actfn_kind k, actfn_isa isa, bool bwd, size_t n,
                 bool subnormal)
{
    Buffers &b = buffers_of(n, subnormal);
    actfn_set_isa(isa);
    for (auto _ : state) {
        actfn_status s = bwd ? actfn_backward_f32(k, nullptr, b.x, b.dy, b.dx, n)
                             : actfn_forward_f32(k, nullptr, b.x, b.y, n);
        if (s != ACTFN_OK) {
            state.SkipWithError(actfn_strerror(s));
            break;
        }
    }
    count(state, n, bwd ? 12 : 8);
}

void bench_memcpy(benchmark::State &state, size_t n)
{
    Buffers &b = buffers(n);
    for (auto _ : state) {
        std::memcpy(b.y, b.x, n * sizeof(float));
        benchmark::ClobberMemory();
    }
    count(state, n, 8);
}

#ifdef ACTFN_BENCH_ONEDNN
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

OnednnCall onednn_call(const OnednnOp &op, bool bwd, size_t n, float *x, float *dy, float *out)
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
        if (bwd)
            actfn_backward_f32(op.k, nullptr, b.x, b.dy, ours.data(), n);
        else
            actfn_forward_f32(op.k, nullptr, b.x, ours.data(), n);
        onednn_call(op, bwd, n, b.x, b.dy, theirs.data())(s);
        for (size_t i = 0; i < n; i++)
            if (!(std::fabs(ours[i] - theirs[i]) <= 1e-3f * std::fabs(ours[i]) + 1e-4f)) {
                std::fprintf(stderr,
                             "actfn_bench: oneDNN %s %s differs at x = %a (%a vs %a); "
                             "not compared\n",
                             bwd ? "bwd" : "fwd", actfn_kind_name(op.k), b.x[i], theirs[i],
                             ours[i]);
                return false;
            }
    }
    return true;
}
#endif

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
    for (size_t n : sizes) {
        const std::string sn = "/" + std::to_string(n);
        add("memcpy" + sn, bench_memcpy, n);
        for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
            actfn_kind k = static_cast<actfn_kind>(i);
            for (bool bwd : {false, true}) {
                const std::string fn = std::string(bwd ? "bwd/" : "fwd/") + actfn_kind_name(k);
                for (actfn_isa isa : isas)
                    add(fn + "/" + actfn_isa_name(isa) + sn, bench_actfn, k, isa, bwd, n, false);
#ifdef ACTFN_BENCH_ONEDNN
                if (onednn[k])
                    add("onednn/" + fn + sn, bench_onednn, *onednn[k], bwd, n);
#endif
            }
        }
    }
    // denormal operands, at the size where nothing but the arithmetic counts
    const size_t ns = sizes[0];
    for (int i = 0; i < ACTFN_KIND_COUNT; i++) {
        actfn_kind k = static_cast<actfn_kind>(i);
        for (bool bwd : {false, true})
            for (actfn_isa isa : isas)
                add(std::string("subnormal/") + (bwd ? "bwd/" : "fwd/") + actfn_kind_name(k) +
                        "/" + actfn_isa_name(isa) + "/" + std::to_string(ns),
                    bench_actfn, k, isa, bwd, ns, true);
    }
}

} // namespace

int main(int argc, char **argv)
{
#if defined(ACTFN_BENCH_ONEDNN) && DNNL_CPU_THREADING_RUNTIME == DNNL_RUNTIME_OMP
    // actfn is single-threaded; so is the oneDNN it is compared with.
    omp_set_num_threads(1);
#endif
    // Google Benchmark's default of 0.5 s per benchmark would stretch the
    // ~1,100 benchmarks well past ten minutes; 0.05 s is still thousands of
    // calls at the small sizes and a few passes over 64M floats.  A
    // --benchmark_min_time on the command line comes later, so it wins.
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
    register_all();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}

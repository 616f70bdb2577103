/*
 * libactfn — SIMD activation functions with runtime CPU dispatch.
 *
 * The only public header.  Every call is thread-safe and re-entrant, never
 * allocates, never prints and never aborts.  Element counts are `n`
 * (elements, not bytes).
 */
#ifndef ACTFN_H
#define ACTFN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define ACTFN_API
#else
#define ACTFN_API __attribute__((visibility("default")))
#endif

/* ---- status ------------------------------------------------------------ */

typedef enum actfn_status {
    ACTFN_OK = 0,
    ACTFN_ENULL = 1,        /* a NULL pointer with n > 0 (or a NULL out-argument) */
    ACTFN_EKIND = 2,        /* unknown kind, or unknown name */
    ACTFN_EPARAM = 3,       /* invalid parameters for this kind */
    ACTFN_EOVERLAP = 4,     /* an output partially overlaps an input */
    ACTFN_EUNSUPPORTED = 5, /* ISA not built into the library, or not run by this CPU */
    ACTFN_ESIZE = 6,        /* n too large for the address space */
    ACTFN_STATUS_COUNT
} actfn_status;

/* A static, human-readable message; never NULL. */
ACTFN_API const char *actfn_strerror(actfn_status s);

/* ---- functions ----------------------------------------------------------
 * Values are stable: new kinds are only ever appended.  Parameters map to
 * actfn_params {alpha, beta, gamma, delta} in the order given; defaults in
 * brackets.  "d at kink" is the derivative returned exactly at a kink.
 */
typedef enum actfn_kind {
    ACTFN_RELU = 0,        /* max(0, x); d at 0: 0 */
    ACTFN_LEAKY_RELU = 1,  /* x > 0 ? x : alpha·x  [alpha = 0.01]; d at 0: alpha */
    ACTFN_ELU = 2,         /* x > 0 ? x : alpha·(e^x − 1)  [alpha = 1]; d at 0: alpha */
    ACTFN_SELU = 3,        /* λ·(x > 0 ? x : α(e^x − 1)), λ = 1.0507009873554804934, α
                              = 1.6732632423543772848; d at 0: λα */
    ACTFN_SIGMOID = 4,     /* 1 / (1 + e^−x) */
    ACTFN_TANH = 5,        /* tanh x */
    ACTFN_GELU = 6,        /* x·Φ(x) = (x/2)·erfc(−x/√2) */
    ACTFN_GELU_TANH = 7,   /* (x/2)·(1 + tanh(√(2/π)·(x + 0.044715x³))) */
    ACTFN_SILU = 8,        /* x·sigmoid(x) */
    ACTFN_MISH = 9,        /* x·tanh(softplus(x)) */
    ACTFN_SOFTPLUS = 10,   /* log(1 + e^(alpha·x)) / alpha  [alpha = 1, > 0] */
    ACTFN_HARD_SWISH = 11, /* x·min(max(x + 3, 0), 6)/6; d at −3: −0.5, at 3: 1.5 */
    ACTFN_IDENTITY = 12,   /* x */
    ACTFN_STEP = 13,       /* 1 if x >= 0 (also -0) else 0; d: 0 */
    ACTFN_SIGN = 14,       /* -1, 0, 1; sign(-0) = -0; d: 0 */
    ACTFN_ABSOLUTE = 15,   /* |x|; d at 0: 0 */
    ACTFN_RELU6 = 16,      /* min(max(0, x), 6); d at 0 and 6: 0 */
    ACTFN_PRELU = 17,      /* x > 0 ? x : alpha·x  [alpha = 0.25]; d at 0: alpha */
    ACTFN_RRELU = 18, /* inference: x ≥ 0 ? x : x·(lower + upper)/2  [lower = alpha = 1/8, upper =
                         beta = 1/3]; d at 0: the slope */
    ACTFN_CELU = 19, /* max(0, x) + min(0, alpha·(e^(x/alpha) − 1))  [alpha = 1, > 0]; d at 0: 1 */
    ACTFN_SRELU =
        20, /* x ≤ t_l: t_l + a_l(x − t_l); x ≥ t_r: t_r + a_r(x − t_r); else x  [t_l = alpha = −1,
               a_l = beta = 0.1, t_r = gamma = 1, a_r = delta = 0.1]; d at t_l: a_l, at t_r: a_r */
    ACTFN_LOG_SIGMOID = 21, /* −log(1 + e^−x) */
    ACTFN_HARD_SIGMOID =
        22, /* max(0, min(1, alpha·x + beta))  [alpha = 1/6, beta = 1/2]; d at the kinks: 0 */
    ACTFN_HARD_TANH =
        23, /* min(max(x, alpha), beta)  [alpha = −1, beta = 1, alpha ≤ beta]; d at the kinks: 0 */
    ACTFN_LECUN_TANH = 24,        /* 1.7159·tanh(2x/3) */
    ACTFN_SYMMETRIC_SIGMOID = 25, /* tanh(x/2) */
    ACTFN_SOFTSIGN = 26,          /* x / (1 + |x|) */
    ACTFN_ARCTAN = 27,            /* atan x */
    ACTFN_BENT_IDENTITY = 28,     /* (sqrt(x² + 1) − 1)/2 + x */
    ACTFN_LOGLOG = 29,            /* 1 − e^(−e^x) */
    ACTFN_GAUSSIAN = 30,          /* e^(−x²) */
    ACTFN_SIN = 31,               /* sin x */
    ACTFN_COS = 32,               /* cos x */
    ACTFN_SINC = 33,              /* sin(x)/x, 1 at 0 */
    ACTFN_QUICK_GELU = 34,        /* x·sigmoid(1.702x) */
    ACTFN_SWISH = 35,             /* x·sigmoid(alpha·x)  [alpha = 1] */
    ACTFN_TANHSHRINK = 36,        /* x − tanh x */
    ACTFN_SOFTSHRINK =
        37, /* x > λ: x − λ; x < −λ: x + λ; else 0  [λ = alpha = 0.5, ≥ 0]; d at ±λ: 0 */
    ACTFN_HARDSHRINK = 38, /* |x| > λ ? x : 0  [λ = alpha = 0.5, ≥ 0]; d at ±λ: 0 */
    ACTFN_KIND_COUNT
} actfn_kind;

/* "gelu", "leaky_relu", ...; NULL for an unknown kind. */
ACTFN_API const char *actfn_kind_name(actfn_kind k);
ACTFN_API actfn_status actfn_kind_from_name(const char *name, actfn_kind *k);

typedef struct actfn_params {
    float alpha, beta, gamma, delta;
} actfn_params;

/* The documented defaults of kind k (unused fields are 0). */
ACTFN_API actfn_status actfn_params_default(actfn_kind k, actfn_params *p);

/* ---- element-wise calls -------------------------------------------------
 * params == NULL means the defaults.  n == 0 touches nothing.  Outputs may
 * alias an input exactly (in place); a partial overlap, a NULL pointer with
 * n > 0, an unknown kind or invalid parameters return an error before
 * anything is written.  NaN in gives NaN out.
 */

/* y[i] = f(x[i]) */
ACTFN_API actfn_status actfn_forward_f32(actfn_kind k, const actfn_params *p, const float *x,
                                         float *y, size_t n);
/* dx[i] = dy[i] · f'(x[i]) */
ACTFN_API actfn_status actfn_backward_f32(actfn_kind k, const actfn_params *p, const float *x,
                                          const float *dy, float *dx, size_t n);
/* d[i] = f'(x[i]) */
ACTFN_API actfn_status actfn_derivative_f32(actfn_kind k, const actfn_params *p, const float *x,
                                            float *d, size_t n);

/* The same three calls on double arrays: ≤ 4 ULP of double forward, ≤ 8
 * derivative and backward (or 2^-52 absolute near a zero of f').  Since
 * 0.2. */
ACTFN_API actfn_status actfn_forward_f64(actfn_kind k, const actfn_params *p, const double *x,
                                         double *y, size_t n);
ACTFN_API actfn_status actfn_backward_f64(actfn_kind k, const actfn_params *p, const double *x,
                                          const double *dy, double *dx, size_t n);
ACTFN_API actfn_status actfn_derivative_f64(actfn_kind k, const actfn_params *p, const double *x,
                                            double *d, size_t n);

/* The same three calls on bfloat16 and IEEE binary16 arrays, passed as
 * their uint16_t bit patterns.  Computed in f32 (or wider) and rounded once
 * to the format, to nearest-even: forward and derivative are correctly
 * rounded on every input, backward within 1 ULP of the format.  NaN gives
 * a quiet NaN of the format; overflow gives ±inf; the format's subnormals
 * are results like any other.  Parameters stay float.  Since 0.2. */
ACTFN_API actfn_status actfn_forward_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                          uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_backward_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                           const uint16_t *dy, uint16_t *dx, size_t n);
ACTFN_API actfn_status actfn_derivative_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                             uint16_t *d, size_t n);
ACTFN_API actfn_status actfn_forward_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                         uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_backward_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                          const uint16_t *dy, uint16_t *dx, size_t n);
ACTFN_API actfn_status actfn_derivative_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                            uint16_t *d, size_t n);

/* ---- beyond element-wise ------------------------------------------------- */

/*
 * maxout: x is [outer][c·k][inner], y is [outer][c][inner]; each y is the
 * first maximal element of its group of k consecutive channels, or the
 * group's first NaN (inner = 1: channel-last; outer = N, inner = H·W:
 * channel-first).  Exact.  The backward writes dx (the shape of x): dy to
 * that element of each group, 0 to the others.  A zero outer, c or inner
 * touches nothing; k = 0 is ACTFN_EPARAM.  y may be x (in place), dx may
 * be x (or dy when k = 1); any other overlap is ACTFN_EOVERLAP.  Every
 * dtype (bf16/f16 as uint16_t bit patterns).  Since 0.3.
 */
ACTFN_API actfn_status actfn_maxout_f32(size_t outer, size_t c, size_t k, size_t inner,
                                        const float *x, float *y);
ACTFN_API actfn_status actfn_maxout_backward_f32(size_t outer, size_t c, size_t k, size_t inner,
                                                 const float *x, const float *dy, float *dx);
ACTFN_API actfn_status actfn_maxout_f64(size_t outer, size_t c, size_t k, size_t inner,
                                        const double *x, double *y);
ACTFN_API actfn_status actfn_maxout_backward_f64(size_t outer, size_t c, size_t k, size_t inner,
                                                 const double *x, const double *dy, double *dx);
ACTFN_API actfn_status actfn_maxout_bf16(size_t outer, size_t c, size_t k, size_t inner,
                                         const uint16_t *x, uint16_t *y);
ACTFN_API actfn_status actfn_maxout_backward_bf16(size_t outer, size_t c, size_t k, size_t inner,
                                                  const uint16_t *x, const uint16_t *dy,
                                                  uint16_t *dx);
ACTFN_API actfn_status actfn_maxout_f16(size_t outer, size_t c, size_t k, size_t inner,
                                        const uint16_t *x, uint16_t *y);
ACTFN_API actfn_status actfn_maxout_backward_f16(size_t outer, size_t c, size_t k, size_t inner,
                                                 const uint16_t *x, const uint16_t *dy,
                                                 uint16_t *dx);

/*
 * Gated units, any element-wise kind f (with its parameters p) as the gate:
 * y = f(a)·b (glu: f = sigmoid; reglu: relu; geglu: gelu or gelu_tanh;
 * swiglu: silu).  The backward gives da = dy·b·f'(a) and db = dy·f(a).
 * ≤ 8 ULP of f32 (f64: of double; bf16/f16: computed in f32, rounded once:
 * ≤ 1 ULP of the format).  An output may be any input exactly; other
 * overlaps (and da with db) are ACTFN_EOVERLAP.
 * glu_rows: rows stored as [a | b] (2·d columns at stride ldx ≥ 2·d), y of
 * d columns at stride ldy ≥ d: the layout of llama-style engines (PyTorch's
 * F.glu gates the second half: call glu with a and b swapped).  Its
 * backward takes dy (d columns, lddy ≥ d) and writes dx = [da | db] (2·d
 * columns, lddx ≥ 2·d).  A stride below its row is ACTFN_EPARAM (with
 * rows = 1 the strides are not used); an output may share memory with an
 * input only as the same array (same start and stride).  rows or d = 0
 * touches nothing.  Since 0.3.
 */
ACTFN_API actfn_status actfn_glu_f32(actfn_kind f, const actfn_params *p, const float *a,
                                     const float *b, float *y, size_t n);
ACTFN_API actfn_status actfn_glu_backward_f32(actfn_kind f, const actfn_params *p, const float *a,
                                              const float *b, const float *dy, float *da, float *db,
                                              size_t n);
ACTFN_API actfn_status actfn_glu_rows_f32(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const float *x, size_t ldx, float *y,
                                          size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_backward_f32(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const float *x, size_t ldx,
                                                   const float *dy, size_t lddy, float *dx,
                                                   size_t lddx);
ACTFN_API actfn_status actfn_glu_f64(actfn_kind f, const actfn_params *p, const double *a,
                                     const double *b, double *y, size_t n);
ACTFN_API actfn_status actfn_glu_backward_f64(actfn_kind f, const actfn_params *p, const double *a,
                                              const double *b, const double *dy, double *da,
                                              double *db, size_t n);
ACTFN_API actfn_status actfn_glu_rows_f64(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const double *x, size_t ldx, double *y,
                                          size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_backward_f64(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const double *x, size_t ldx,
                                                   const double *dy, size_t lddy, double *dx,
                                                   size_t lddx);
ACTFN_API actfn_status actfn_glu_bf16(actfn_kind f, const actfn_params *p, const uint16_t *a,
                                      const uint16_t *b, uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_glu_backward_bf16(actfn_kind f, const actfn_params *p,
                                               const uint16_t *a, const uint16_t *b,
                                               const uint16_t *dy, uint16_t *da, uint16_t *db,
                                               size_t n);
ACTFN_API actfn_status actfn_glu_rows_bf16(actfn_kind f, const actfn_params *p, size_t rows,
                                           size_t d, const uint16_t *x, size_t ldx, uint16_t *y,
                                           size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_backward_bf16(actfn_kind f, const actfn_params *p,
                                                    size_t rows, size_t d, const uint16_t *x,
                                                    size_t ldx, const uint16_t *dy, size_t lddy,
                                                    uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_glu_f16(actfn_kind f, const actfn_params *p, const uint16_t *a,
                                     const uint16_t *b, uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_glu_backward_f16(actfn_kind f, const actfn_params *p,
                                              const uint16_t *a, const uint16_t *b,
                                              const uint16_t *dy, uint16_t *da, uint16_t *db,
                                              size_t n);
ACTFN_API actfn_status actfn_glu_rows_f16(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const uint16_t *x, size_t ldx, uint16_t *y,
                                          size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_backward_f16(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const uint16_t *x, size_t ldx,
                                                   const uint16_t *dy, size_t lddy, uint16_t *dx,
                                                   size_t lddx);

/*
 * softmax and log_softmax over each of `rows` rows of `cols` elements: row i
 * is x + i·ldx, its result y + i·ldy (strides in elements).
 * softmax = e^(x − max)/Σ e^(x − max); log_softmax = (x − max) − log Σ.
 * A row with a NaN gives NaN everywhere; a row all −inf gives 0 (log: −inf);
 * +inf elements share the mass equally (the others 0; log: −log count and
 * −inf).  The results do not depend on the path, the strides or how rows
 * are split across calls (the sums run in one fixed order).  The backward
 * takes the forward's output y: softmax dx = y·(dy − Σ y·dy), log_softmax
 * dx = dy − e^y·Σ dy.  rows or cols 0 touches nothing; with rows > 1 every
 * ld must be ≥ cols (else ACTFN_EPARAM; with rows = 1 the strides are not
 * used); y may be x (with ldy = ldx), dx may be dy or y (same stride); any
 * other overlap of the spanned bytes is ACTFN_EOVERLAP.  Every dtype
 * (bf16/f16 as uint16_t bit patterns).  Since 0.3.
 */
ACTFN_API actfn_status actfn_softmax_f32(size_t rows, size_t cols, const float *x, size_t ldx,
                                         float *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_backward_f32(size_t rows, size_t cols, const float *y,
                                                  size_t ldy, const float *dy, size_t lddy,
                                                  float *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_f32(size_t rows, size_t cols, const float *x, size_t ldx,
                                             float *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_backward_f32(size_t rows, size_t cols, const float *y,
                                                      size_t ldy, const float *dy, size_t lddy,
                                                      float *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_f64(size_t rows, size_t cols, const double *x, size_t ldx,
                                         double *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_backward_f64(size_t rows, size_t cols, const double *y,
                                                  size_t ldy, const double *dy, size_t lddy,
                                                  double *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_f64(size_t rows, size_t cols, const double *x, size_t ldx,
                                             double *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_backward_f64(size_t rows, size_t cols, const double *y,
                                                      size_t ldy, const double *dy, size_t lddy,
                                                      double *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_bf16(size_t rows, size_t cols, const uint16_t *x, size_t ldx,
                                          uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_backward_bf16(size_t rows, size_t cols, const uint16_t *y,
                                                   size_t ldy, const uint16_t *dy, size_t lddy,
                                                   uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_bf16(size_t rows, size_t cols, const uint16_t *x,
                                              size_t ldx, uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_backward_bf16(size_t rows, size_t cols, const uint16_t *y,
                                                       size_t ldy, const uint16_t *dy, size_t lddy,
                                                       uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_f16(size_t rows, size_t cols, const uint16_t *x, size_t ldx,
                                         uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_backward_f16(size_t rows, size_t cols, const uint16_t *y,
                                                  size_t ldy, const uint16_t *dy, size_t lddy,
                                                  uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_f16(size_t rows, size_t cols, const uint16_t *x,
                                             size_t ldx, uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_backward_f16(size_t rows, size_t cols, const uint16_t *y,
                                                      size_t ldy, const uint16_t *dy, size_t lddy,
                                                      uint16_t *dx, size_t lddx);

/*
 * Per-channel PReLU on [outer][c][inner] (channel-last: inner = 1;
 * channel-first: outer = N, inner = H·W): element (o, ch, i) is
 * x[(o·c + ch)·inner + i], with alpha[ch] (c elements).
 * y = x > 0 ? x : alpha[ch]·x.  The backward gives dx = x > 0 ? dy :
 * alpha[ch]·dy (NaN where x is NaN) and, unless dalpha is NULL, dalpha[ch] =
 * Σ dy·x over the channel's elements with x ≤ 0 (or NaN), summed in an
 * order fixed by the shape (the same bits on every path).  y, dx and the
 * products are exact (one rounding); dalpha is within 2^-23·Σ|dy·x| (f64:
 * 2^-52).  A zero dimension touches nothing; a shape beyond the address
 * space is ACTFN_ESIZE; y may be x, dx may be x or dy (exactly); alpha and
 * dalpha share no byte with another array (else ACTFN_EOVERLAP).  NaN and
 * inf in alpha are data.  Since 0.4.
 *
 * Fused bias + activation on the same layout, any kind f with parameters p
 * (NULL: its defaults): y = f(t), t = fl(x + bias[ch]) rounded to the
 * dtype; the backward gives dx = dy·f'(t) and, unless dbias is NULL,
 * dbias[ch] = Σ dx (in a fixed order; halves sum dy·f'(t) before dx is
 * rounded to the format).  y and dx are the element-wise call's results at
 * t, bit for bit (its accuracy: ≤ 4 ULP, halves correctly rounded, ...);
 * dbias is within 2^-20·Σ|dy·f'(t)|.  One pass over memory.  Errors as
 * above, and an unknown kind or invalid parameters (ACTFN_EKIND,
 * ACTFN_EPARAM).  Since 0.4.
 *
 * rrelu's training form over n elements: for x < 0, y = r·x with r =
 * lower + u·(upper − lower) (lower = p->alpha, upper = p->beta; p NULL:
 * 1/8 and 1/3), u ∈ [0, 1) drawn for element i from Philox4x32-10 with
 * key (seed mod 2^32, seed div 2^32) and counter (i' mod 2^32, i' div 2^32,
 * 0, 0), i' = offset + i: u = (word 0 >> 8)·2^-24, r evaluated in double and
 * rounded to float (f64 keeps the double; bf16 and f16 round that float to
 * the format); y = x elsewhere.  noise (NULL: not written) receives r, or 1
 * where x is not negative (or NaN).  The backward regenerates r: dx = dy·r
 * where x < 0, dy where x ≥ 0, NaN where x is.  The bits depend on (seed,
 * offset + i) only: the same on every path and for any split of the array
 * into calls and threads.  lower > upper, or a NaN or infinite bound, is
 * ACTFN_EPARAM; y (dx) may be x (or dy) exactly; noise shares no byte with
 * x or y.  Since 0.4.
 */
ACTFN_API actfn_status actfn_prelu_channels_f32(size_t outer, size_t c, size_t inner,
                                                const float *x, const float *alpha, float *y);
ACTFN_API actfn_status actfn_prelu_channels_backward_f32(size_t outer, size_t c, size_t inner,
                                                         const float *x, const float *alpha,
                                                         const float *dy, float *dx, float *dalpha);
ACTFN_API actfn_status actfn_bias_forward_f32(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const float *x,
                                              const float *bias, float *y);
ACTFN_API actfn_status actfn_bias_backward_f32(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const float *x,
                                               const float *bias, const float *dy, float *dx,
                                               float *dbias);
ACTFN_API actfn_status actfn_rrelu_train_f32(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const float *x, float *y, float *noise, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_f32(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const float *x,
                                                      const float *dy, float *dx, size_t n);
ACTFN_API actfn_status actfn_prelu_channels_f64(size_t outer, size_t c, size_t inner,
                                                const double *x, const double *alpha, double *y);
ACTFN_API actfn_status actfn_prelu_channels_backward_f64(size_t outer, size_t c, size_t inner,
                                                         const double *x, const double *alpha,
                                                         const double *dy, double *dx,
                                                         double *dalpha);
ACTFN_API actfn_status actfn_bias_forward_f64(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const double *x,
                                              const double *bias, double *y);
ACTFN_API actfn_status actfn_bias_backward_f64(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const double *x,
                                               const double *bias, const double *dy, double *dx,
                                               double *dbias);
ACTFN_API actfn_status actfn_rrelu_train_f64(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const double *x, double *y, double *noise, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_f64(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const double *x,
                                                      const double *dy, double *dx, size_t n);
ACTFN_API actfn_status actfn_prelu_channels_bf16(size_t outer, size_t c, size_t inner,
                                                 const uint16_t *x, const uint16_t *alpha,
                                                 uint16_t *y);
ACTFN_API actfn_status actfn_prelu_channels_backward_bf16(size_t outer, size_t c, size_t inner,
                                                          const uint16_t *x, const uint16_t *alpha,
                                                          const uint16_t *dy, uint16_t *dx,
                                                          uint16_t *dalpha);
ACTFN_API actfn_status actfn_bias_forward_bf16(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const uint16_t *x,
                                               const uint16_t *bias, uint16_t *y);
ACTFN_API actfn_status actfn_bias_backward_bf16(actfn_kind f, const actfn_params *p, size_t outer,
                                                size_t c, size_t inner, const uint16_t *x,
                                                const uint16_t *bias, const uint16_t *dy,
                                                uint16_t *dx, uint16_t *dbias);
ACTFN_API actfn_status actfn_rrelu_train_bf16(const actfn_params *p, uint64_t seed, uint64_t offset,
                                              const uint16_t *x, uint16_t *y, uint16_t *noise,
                                              size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_bf16(const actfn_params *p, uint64_t seed,
                                                       uint64_t offset, const uint16_t *x,
                                                       const uint16_t *dy, uint16_t *dx, size_t n);
ACTFN_API actfn_status actfn_prelu_channels_f16(size_t outer, size_t c, size_t inner,
                                                const uint16_t *x, const uint16_t *alpha,
                                                uint16_t *y);
ACTFN_API actfn_status actfn_prelu_channels_backward_f16(size_t outer, size_t c, size_t inner,
                                                         const uint16_t *x, const uint16_t *alpha,
                                                         const uint16_t *dy, uint16_t *dx,
                                                         uint16_t *dalpha);
ACTFN_API actfn_status actfn_bias_forward_f16(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const uint16_t *x,
                                              const uint16_t *bias, uint16_t *y);
ACTFN_API actfn_status actfn_bias_backward_f16(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const uint16_t *x,
                                               const uint16_t *bias, const uint16_t *dy,
                                               uint16_t *dx, uint16_t *dbias);
ACTFN_API actfn_status actfn_rrelu_train_f16(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const uint16_t *x, uint16_t *y, uint16_t *noise,
                                             size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_f16(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const uint16_t *x,
                                                      const uint16_t *dy, uint16_t *dx, size_t n);

/* ---- dispatch ----------------------------------------------------------- */

/* Within an architecture, a later value is a wider path, preferred when the
 * CPU runs it; new paths are only ever appended. */
typedef enum actfn_isa {
    ACTFN_ISA_SCALAR = 0,
    ACTFN_ISA_AVX2 = 1,   /* AVX2 + FMA + F16C (every AVX2 CPU has F16C) */
    ACTFN_ISA_AVX512 = 2, /* AVX-512 F + BW + DQ + VL */
    ACTFN_ISA_NEON = 3,   /* AArch64 AdvSIMD */
    ACTFN_ISA_COUNT
} actfn_isa;

/* The path calls take now.  Chosen once at load time: the best path this
 * CPU runs, unless ACTFN_ISA=scalar|avx2|avx512|neon names another usable
 * one. */
ACTFN_API actfn_isa actfn_active_isa(void);
/* "scalar", "avx2", "avx512", "neon"; NULL for an unknown value. */
ACTFN_API const char *actfn_isa_name(actfn_isa isa);
/* 1 if the path is built into this library and this CPU/OS runs it. */
ACTFN_API int actfn_isa_supported(actfn_isa isa);
/* Switch the path for every later call (tests, benchmarks). */
ACTFN_API actfn_status actfn_set_isa(actfn_isa isa);
/* "MAJOR.MINOR.PATCH" */
ACTFN_API const char *actfn_version(void);

#ifdef __cplusplus
}
#endif

#endif /* ACTFN_H */

/**
 * @file actfn.h
 * @brief libactfn — SIMD activation functions with runtime CPU dispatch.
 *
 * The only public header.  What holds for every call:
 *
 * - **Thread safety.** Every call is thread-safe and re-entrant: it keeps no
 *   state between calls, never allocates, never prints and never aborts.
 *   Calls may run at once from any number of threads as long as no thread
 *   writes memory another one reads or writes.  The one exception is
 *   actfn_set_isa(), which changes the path of every later call in the
 *   process (see its notes).
 * - **Errors.** A call returns ::ACTFN_OK or an ::actfn_status.  Every error
 *   is found before anything is written: on error the outputs are untouched.
 *   A size of 0 writes nothing and returns ::ACTFN_OK (pointers may then be
 *   NULL), unless the kind or its parameters are invalid.
 * - **Sizes.** Counts and strides are in elements, not bytes.
 * - **dtypes.** Every array call exists for four element types, named by its
 *   suffix: `_f32` (float), `_f64` (double), `_bf16` (bfloat16) and `_f16`
 *   (IEEE binary16); the last two are passed as their `uint16_t` bit
 *   patterns.  Parameters (::actfn_params) are float for every dtype.
 * - **Accuracy.** Bounds are in ULPs of the result's dtype, measured
 *   against a long-double (f64: MPFR) reference; docs/accuracy.md gives
 *   each function's measured figure.  bf16 and f16 are computed in f32 (or
 *   wider) and rounded once to nearest-even.
 * - **Special values.** NaN in gives NaN out (bf16/f16 element-wise: the
 *   input's NaN, quieted); ±inf and subnormals are inputs and results like any other;
 *   the caller's floating-point environment (MXCSR/FPCR) is left as it was.
 * - **Paths.** The results of element-wise calls may differ between paths
 *   within the bounds; softmax, maxout, prelu_channels and rrelu_train
 *   give the same bits on every path.
 */
#ifndef ACTFN_H
#define ACTFN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Marks the library's exported symbols (default visibility). */
#if defined(_WIN32)
#define ACTFN_API
#else
#define ACTFN_API __attribute__((visibility("default")))
#endif

/**
 * @defgroup status Status codes
 * @brief What every call returns.
 * @{
 */

/** The result of a call. */
typedef enum actfn_status {
    ACTFN_OK = 0,           /**< Success. */
    ACTFN_ENULL = 1,        /**< A NULL pointer with a size > 0, or a NULL out-argument. */
    ACTFN_EKIND = 2,        /**< An unknown kind, or an unknown name. */
    ACTFN_EPARAM = 3,       /**< Invalid parameters for this kind, or an invalid shape or stride. */
    ACTFN_EOVERLAP = 4,     /**< An output partially overlaps an input (or another output). */
    ACTFN_EUNSUPPORTED = 5, /**< A path not built into the library, or not run by this CPU. */
    ACTFN_ESIZE = 6,        /**< A size too large for the address space. */
    ACTFN_STATUS_COUNT      /**< The number of codes; not a status. */
} actfn_status;

/**
 * A human-readable message.  Thread-safe; no error case.
 * @param s a status.
 * @return a static string, never NULL ("unknown status" for a value outside
 *         the enum).
 */
ACTFN_API const char *actfn_strerror(actfn_status s);

/** @} */

/**
 * @defgroup kinds Functions and parameters
 * @brief The 39 activation functions and their parameters.
 *
 * Values are stable: new kinds are only ever appended.  Parameters map to
 * ::actfn_params {alpha, beta, gamma, delta} in the order given; defaults
 * in brackets.  "d at kink" is the derivative returned exactly at a kink
 * (PyTorch's autograd convention).
 * @{
 */

/** An activation function. */
typedef enum actfn_kind {
    ACTFN_RELU = 0,        /**< max(0, x); d at 0: 0 */
    ACTFN_LEAKY_RELU = 1,  /**< x > 0 ? x : alpha·x  [alpha = 0.01]; d at 0: alpha */
    ACTFN_ELU = 2,         /**< x > 0 ? x : alpha·(e^x − 1)  [alpha = 1]; d at 0: alpha */
    ACTFN_SELU = 3,        /**< λ·(x > 0 ? x : α(e^x − 1)), λ = 1.0507009873554804934,
                                α = 1.6732632423543772848; d at 0: λα */
    ACTFN_SIGMOID = 4,     /**< 1 / (1 + e^−x) */
    ACTFN_TANH = 5,        /**< tanh x */
    ACTFN_GELU = 6,        /**< x·Φ(x) = (x/2)·erfc(−x/√2) */
    ACTFN_GELU_TANH = 7,   /**< (x/2)·(1 + tanh(√(2/π)·(x + 0.044715x³))) */
    ACTFN_SILU = 8,        /**< x·sigmoid(x) */
    ACTFN_MISH = 9,        /**< x·tanh(softplus(x)) */
    ACTFN_SOFTPLUS = 10,   /**< log(1 + e^(alpha·x)) / alpha  [alpha = 1, > 0] */
    ACTFN_HARD_SWISH = 11, /**< x·min(max(x + 3, 0), 6)/6; d at −3: −0.5, at 3: 1.5 */
    ACTFN_IDENTITY = 12,   /**< x */
    ACTFN_STEP = 13,       /**< 1 if x ≥ 0 (also −0) else 0; d: 0 */
    ACTFN_SIGN = 14,       /**< −1, 0, 1; sign(−0) = −0; d: 0 */
    ACTFN_ABSOLUTE = 15,   /**< |x|; d at 0: 0 */
    ACTFN_RELU6 = 16,      /**< min(max(0, x), 6); d at 0 and 6: 0 */
    ACTFN_PRELU = 17,      /**< x > 0 ? x : alpha·x  [alpha = 0.25]; d at 0: alpha */
    ACTFN_RRELU = 18,      /**< inference: x ≥ 0 ? x : x·(lower + upper)/2  [lower = alpha =
                                1/8, upper = beta = 1/3]; d at 0: the slope */
    ACTFN_CELU = 19,       /**< max(0, x) + min(0, alpha·(e^(x/alpha) − 1))  [alpha = 1, > 0];
                                d at 0: 1 */
    ACTFN_SRELU = 20, /**< x ≤ t_l: t_l + a_l(x − t_l); x ≥ t_r: t_r + a_r(x − t_r); else x
                           [t_l = alpha = −1, a_l = beta = 0.1, t_r = gamma = 1, a_r = delta
                           = 0.1]; d at t_l: a_l, at t_r: a_r */
    ACTFN_LOG_SIGMOID = 21,       /**< −log(1 + e^−x) */
    ACTFN_HARD_SIGMOID = 22,      /**< max(0, min(1, alpha·x + beta))  [alpha = 1/6, beta = 1/2];
                                       d at the kinks: 0 */
    ACTFN_HARD_TANH = 23,         /**< min(max(x, alpha), beta)  [alpha = −1, beta = 1, alpha ≤
                                       beta]; d at the kinks: 0 */
    ACTFN_LECUN_TANH = 24,        /**< 1.7159·tanh(2x/3) */
    ACTFN_SYMMETRIC_SIGMOID = 25, /**< tanh(x/2) */
    ACTFN_SOFTSIGN = 26,          /**< x / (1 + |x|) */
    ACTFN_ARCTAN = 27,            /**< atan x */
    ACTFN_BENT_IDENTITY = 28,     /**< (sqrt(x² + 1) − 1)/2 + x */
    ACTFN_LOGLOG = 29,            /**< 1 − e^(−e^x) */
    ACTFN_GAUSSIAN = 30,          /**< e^(−x²) */
    ACTFN_SIN = 31,               /**< sin x */
    ACTFN_COS = 32,               /**< cos x */
    ACTFN_SINC = 33,              /**< sin(x)/x, 1 at 0 */
    ACTFN_QUICK_GELU = 34,        /**< x·sigmoid(1.702x) */
    ACTFN_SWISH = 35,             /**< x·sigmoid(alpha·x)  [alpha = 1] */
    ACTFN_TANHSHRINK = 36,        /**< x − tanh x */
    ACTFN_SOFTSHRINK = 37, /**< x > λ: x − λ; x < −λ: x + λ; else 0  [λ = alpha = 0.5,
                                ≥ 0]; d at ±λ: 0 */
    ACTFN_HARDSHRINK = 38, /**< |x| > λ ? x : 0  [λ = alpha = 0.5, ≥ 0]; d at ±λ: 0 */
    ACTFN_KIND_COUNT       /**< The number of kinds; not a kind. */
} actfn_kind;

/**
 * A kind's name.  Thread-safe; no error case.
 * @param k a kind.
 * @return "gelu", "leaky_relu", ... (the enumerator in lower case without
 *         the prefix), a static string; NULL for an unknown kind.
 */
ACTFN_API const char *actfn_kind_name(actfn_kind k);

/**
 * The kind named @p name.  Thread-safe.
 * @param name a name as actfn_kind_name() spells it.
 * @param k receives the kind.
 * @return ::ACTFN_OK; ::ACTFN_ENULL if @p name or @p k is NULL;
 *         ::ACTFN_EKIND for an unknown name (@p *k untouched).
 * Thread-safe.
 */
ACTFN_API actfn_status actfn_kind_from_name(const char *name, actfn_kind *k);

/** A kind's parameters; see ::actfn_kind for what each field means. */
typedef struct actfn_params {
    float alpha; /**< First parameter (e.g. leaky_relu's slope). */
    float beta;  /**< Second parameter. */
    float gamma; /**< Third parameter (srelu's t_r). */
    float delta; /**< Fourth parameter (srelu's a_r). */
} actfn_params;

/**
 * The documented defaults of a kind (unused fields are 0).  Thread-safe.
 * @param k a kind.
 * @param p receives the parameters.
 * @return ::ACTFN_OK; ::ACTFN_ENULL if @p p is NULL; ::ACTFN_EKIND for an
 *         unknown kind (@p *p untouched).
 * Thread-safe.
 */
ACTFN_API actfn_status actfn_params_default(actfn_kind k, actfn_params *p);

/** @} */

/**
 * @defgroup eltwise Element-wise calls
 * @brief f, f′ and dy·f′ of any kind over an array, in four dtypes.
 *
 * Common to the three calls:
 * - @p p NULL means the kind's defaults (actfn_params_default()).
 * - Errors, with nothing written: ::ACTFN_ENULL (a NULL array with
 *   @p n > 0), ::ACTFN_EKIND (unknown kind), ::ACTFN_EPARAM (invalid
 *   parameters for the kind, e.g. softplus alpha ≤ 0 or NaN),
 *   ::ACTFN_EOVERLAP (an output partially overlapping an input; the same
 *   array, in place, is allowed), ::ACTFN_ESIZE (@p n beyond the address
 *   space).
 * - Accuracy, f32: forward ≤ 4 ULP over every finite input, derivative and
 *   backward ≤ 8 ULP (or 2^-23 absolute near a zero of f′).  f64: ≤ 4 ULP of
 *   double forward, ≤ 8 derivative and backward (or 2^-52 absolute near a
 *   zero of f′).  bf16 and f16: forward and derivative correctly rounded
 *   on every one of the 65,536 inputs; backward within 1 ULP of the format.
 *   Overflow gives ±inf.
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64 (since 0.2), bf16 and f16 (since 0.2).
 * @{
 */

/**
 * @name Forward: y[i] = f(x[i])
 * @{
 */
/**
 * y[i] = f(x[i]) for i < @p n.
 * @param k the function.
 * @param p its parameters, NULL for the defaults.
 * @param x input, @p n elements.
 * @param y output, @p n elements; may be @p x (in place).
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group (nothing written).
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_forward_f32(actfn_kind k, const actfn_params *p, const float *x,
                                         float *y, size_t n);
ACTFN_API actfn_status actfn_forward_f64(actfn_kind k, const actfn_params *p, const double *x,
                                         double *y, size_t n);
ACTFN_API actfn_status actfn_forward_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                          uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_forward_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                         uint16_t *y, size_t n);
/** @} */

/**
 * @name Derivative: d[i] = f′(x[i])
 * @{
 */
/**
 * d[i] = f′(x[i]) for i < @p n; at a kink the value ::actfn_kind gives.
 * @param k the function.
 * @param p its parameters, NULL for the defaults.
 * @param x input, @p n elements.
 * @param d output, @p n elements; may be @p x (in place).
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group (nothing written).
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_derivative_f32(actfn_kind k, const actfn_params *p, const float *x,
                                            float *d, size_t n);
ACTFN_API actfn_status actfn_derivative_f64(actfn_kind k, const actfn_params *p, const double *x,
                                            double *d, size_t n);
ACTFN_API actfn_status actfn_derivative_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                             uint16_t *d, size_t n);
ACTFN_API actfn_status actfn_derivative_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                            uint16_t *d, size_t n);
/** @} */

/**
 * @name Backward: dx[i] = dy[i]·f′(x[i])
 * @{
 */
/**
 * dx[i] = dy[i]·f′(x[i]) for i < @p n (the product rounded once).
 * @param k the function.
 * @param p its parameters, NULL for the defaults.
 * @param x the forward's input, @p n elements.
 * @param dy the gradient of the output, @p n elements.
 * @param dx the gradient of the input, @p n elements; may be @p x or @p dy.
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group (nothing written).
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_backward_f32(actfn_kind k, const actfn_params *p, const float *x,
                                          const float *dy, float *dx, size_t n);
ACTFN_API actfn_status actfn_backward_f64(actfn_kind k, const actfn_params *p, const double *x,
                                          const double *dy, double *dx, size_t n);
ACTFN_API actfn_status actfn_backward_bf16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                           const uint16_t *dy, uint16_t *dx, size_t n);
ACTFN_API actfn_status actfn_backward_f16(actfn_kind k, const actfn_params *p, const uint16_t *x,
                                          const uint16_t *dy, uint16_t *dx, size_t n);
/** @} */

/** @} */

/**
 * @defgroup maxout Maxout
 * @brief The maximum over groups of k consecutive channels.
 *
 * x is [outer][c·k][inner], y is [outer][c][inner] (inner = 1:
 * channel-last; outer = N, inner = H·W: channel-first).  Each y is the
 * first maximal element of its group, or the group's first NaN.
 * - Accuracy: exact, the same bits on every path.
 * - Errors, with nothing written: ::ACTFN_ENULL, ::ACTFN_EPARAM (k = 0),
 *   ::ACTFN_ESIZE (a shape beyond the address space), ::ACTFN_EOVERLAP (y
 *   may be x; dx may be x, or dy when k = 1; any other overlap).  A zero
 *   outer, c or inner touches nothing.
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64, bf16, f16.  Since 0.3.
 * @{
 */

/**
 * @name maxout
 * @{
 */
/**
 * y = the maximum of each group of @p k channels of x.
 * @param outer, c, k, inner the shape: x is [outer][c·k][inner].
 * @param x input.
 * @param y output, [outer][c][inner].
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_maxout_f32(size_t outer, size_t c, size_t k, size_t inner,
                                        const float *x, float *y);
ACTFN_API actfn_status actfn_maxout_f64(size_t outer, size_t c, size_t k, size_t inner,
                                        const double *x, double *y);
ACTFN_API actfn_status actfn_maxout_bf16(size_t outer, size_t c, size_t k, size_t inner,
                                         const uint16_t *x, uint16_t *y);
ACTFN_API actfn_status actfn_maxout_f16(size_t outer, size_t c, size_t k, size_t inner,
                                        const uint16_t *x, uint16_t *y);
/** @} */

/**
 * @name maxout backward
 * @{
 */
/**
 * dx (the shape of x): dy to the element the forward chose in each group,
 * 0 to the others.
 * @param outer, c, k, inner the shape: x is [outer][c·k][inner].
 * @param x the forward's input.
 * @param dy the gradient of the output, [outer][c][inner].
 * @param dx the gradient of the input, [outer][c·k][inner].
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_maxout_backward_f32(size_t outer, size_t c, size_t k, size_t inner,
                                                 const float *x, const float *dy, float *dx);
ACTFN_API actfn_status actfn_maxout_backward_f64(size_t outer, size_t c, size_t k, size_t inner,
                                                 const double *x, const double *dy, double *dx);
ACTFN_API actfn_status actfn_maxout_backward_bf16(size_t outer, size_t c, size_t k, size_t inner,
                                                  const uint16_t *x, const uint16_t *dy,
                                                  uint16_t *dx);
ACTFN_API actfn_status actfn_maxout_backward_f16(size_t outer, size_t c, size_t k, size_t inner,
                                                 const uint16_t *x, const uint16_t *dy,
                                                 uint16_t *dx);
/** @} */

/** @} */

/**
 * @defgroup glu Gated units
 * @brief y = f(a)·b with any element-wise kind f as the gate.
 *
 * glu: f = sigmoid; reglu: relu; geglu: gelu or gelu_tanh; swiglu: silu.
 * The backward gives da = dy·b·f′(a) and db = dy·f(a).
 * - Accuracy: ≤ 8 ULP of f32 (f64: of double; bf16/f16: computed in f32,
 *   rounded once: ≤ 1 ULP of the format).
 * - Errors, with nothing written: ::ACTFN_ENULL, ::ACTFN_EKIND,
 *   ::ACTFN_EPARAM (invalid parameters; a row stride below its row when
 *   rows > 1), ::ACTFN_ESIZE, ::ACTFN_EOVERLAP (an output may be an input
 *   exactly — for the _rows calls the same start and stride —; any other
 *   overlap, and da with db, is an error).  A zero size touches nothing.
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64, bf16, f16.  Since 0.3.
 * @{
 */

/**
 * @name Two arrays
 * @{
 */
/**
 * y[i] = f(a[i])·b[i] for i < @p n.
 * @param f the gate's kind.
 * @param p its parameters, NULL for the defaults.
 * @param a the gate's input, @p n elements.
 * @param b the value, @p n elements.
 * @param y output, @p n elements; may be @p a or @p b.
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_glu_f32(actfn_kind f, const actfn_params *p, const float *a,
                                     const float *b, float *y, size_t n);
ACTFN_API actfn_status actfn_glu_f64(actfn_kind f, const actfn_params *p, const double *a,
                                     const double *b, double *y, size_t n);
ACTFN_API actfn_status actfn_glu_bf16(actfn_kind f, const actfn_params *p, const uint16_t *a,
                                      const uint16_t *b, uint16_t *y, size_t n);
ACTFN_API actfn_status actfn_glu_f16(actfn_kind f, const actfn_params *p, const uint16_t *a,
                                     const uint16_t *b, uint16_t *y, size_t n);
/** @} */

/**
 * @name Two arrays, backward
 * @{
 */
/**
 * da[i] = dy[i]·b[i]·f′(a[i]), db[i] = dy[i]·f(a[i]) for i < @p n.
 * @param f the gate's kind.
 * @param p its parameters, NULL for the defaults.
 * @param a, b the forward's inputs, @p n elements each.
 * @param dy the gradient of y, @p n elements.
 * @param da, db the gradients of a and b, @p n elements each.
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_glu_backward_f32(actfn_kind f, const actfn_params *p, const float *a,
                                              const float *b, const float *dy, float *da, float *db,
                                              size_t n);
ACTFN_API actfn_status actfn_glu_backward_f64(actfn_kind f, const actfn_params *p, const double *a,
                                              const double *b, const double *dy, double *da,
                                              double *db, size_t n);
ACTFN_API actfn_status actfn_glu_backward_bf16(actfn_kind f, const actfn_params *p,
                                               const uint16_t *a, const uint16_t *b,
                                               const uint16_t *dy, uint16_t *da, uint16_t *db,
                                               size_t n);
ACTFN_API actfn_status actfn_glu_backward_f16(actfn_kind f, const actfn_params *p,
                                              const uint16_t *a, const uint16_t *b,
                                              const uint16_t *dy, uint16_t *da, uint16_t *db,
                                              size_t n);
/** @} */

/**
 * @name Rows stored as [a | b]
 * @{
 */
/**
 * The layout of llama-style engines: each of @p rows rows of x holds a and
 * b side by side (2·d columns); y has d columns.  PyTorch's F.glu gates the
 * second half: call it with a and b swapped.
 * @param f the gate's kind.
 * @param p its parameters, NULL for the defaults.
 * @param rows the number of rows.
 * @param d the number of output columns.
 * @param x input, row i at x + i·ldx: [a | b].
 * @param ldx the row stride of x, ≥ 2·d (not used when rows = 1).
 * @param y output, row i at y + i·ldy, d columns.
 * @param ldy the row stride of y, ≥ d (not used when rows = 1).
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_glu_rows_f32(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const float *x, size_t ldx, float *y,
                                          size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_f64(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const double *x, size_t ldx, double *y,
                                          size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_bf16(actfn_kind f, const actfn_params *p, size_t rows,
                                           size_t d, const uint16_t *x, size_t ldx, uint16_t *y,
                                           size_t ldy);
ACTFN_API actfn_status actfn_glu_rows_f16(actfn_kind f, const actfn_params *p, size_t rows,
                                          size_t d, const uint16_t *x, size_t ldx, uint16_t *y,
                                          size_t ldy);
/** @} */

/**
 * @name Rows stored as [a | b], backward
 * @{
 */
/**
 * dx = [da | db] of each row (2·d columns) from dy (d columns).
 * @param f the gate's kind.
 * @param p its parameters, NULL for the defaults.
 * @param rows the number of rows.
 * @param d the number of columns of dy.
 * @param x the forward's input, [a | b] per row, stride ldx ≥ 2·d.
 * @param ldx the row stride of x.
 * @param dy the gradient of y, stride lddy ≥ d.
 * @param lddy the row stride of dy.
 * @param dx the gradient of x, [da | db] per row, stride lddx ≥ 2·d.
 * @param lddx the row stride of dx.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_glu_rows_backward_f32(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const float *x, size_t ldx,
                                                   const float *dy, size_t lddy, float *dx,
                                                   size_t lddx);
ACTFN_API actfn_status actfn_glu_rows_backward_f64(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const double *x, size_t ldx,
                                                   const double *dy, size_t lddy, double *dx,
                                                   size_t lddx);
ACTFN_API actfn_status actfn_glu_rows_backward_bf16(actfn_kind f, const actfn_params *p,
                                                    size_t rows, size_t d, const uint16_t *x,
                                                    size_t ldx, const uint16_t *dy, size_t lddy,
                                                    uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_glu_rows_backward_f16(actfn_kind f, const actfn_params *p, size_t rows,
                                                   size_t d, const uint16_t *x, size_t ldx,
                                                   const uint16_t *dy, size_t lddy, uint16_t *dx,
                                                   size_t lddx);
/** @} */

/** @} */

/**
 * @defgroup softmax Softmax and log_softmax
 * @brief Over each row of a strided matrix.
 *
 * Row i is x + i·ldx, its result y + i·ldy.
 * softmax = e^(x − max)/Σ e^(x − max); log_softmax = (x − max) − log Σ.
 * A row with a NaN gives NaN everywhere; a row all −inf gives 0 (log:
 * −inf); +inf elements share the mass equally (the others 0; log: −log
 * count and −inf).  The backward takes the forward's output y: softmax
 * dx = y·(dy − Σ y·dy), log_softmax dx = dy − e^y·Σ dy.
 * - Accuracy, f32: ≤ 4 ULP per element for rows of up to 2^20 elements;
 *   backward ≤ 8 ULP or 2^-23 × Σ|terms| absolute.  f64 the same in
 *   double; bf16 and f16 ≤ 1 ULP of the format.  The results do not depend
 *   on the path, the strides or how rows are split across calls.
 * - Errors, with nothing written: ::ACTFN_ENULL, ::ACTFN_EPARAM (with
 *   rows > 1, a stride below cols), ::ACTFN_ESIZE, ::ACTFN_EOVERLAP (y may
 *   be x with ldy = ldx; dx may be dy or y with the same stride; any other
 *   overlap of the spanned bytes).  rows or cols 0 touches nothing.
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64, bf16, f16.  Since 0.3.
 * @{
 */

/**
 * @name softmax
 * @{
 */
/**
 * y = softmax of each row of x.
 * @param rows, cols the shape.
 * @param x input, row i at x + i·ldx.
 * @param ldx the row stride of x (≥ cols when rows > 1).
 * @param y output, row i at y + i·ldy.
 * @param ldy the row stride of y (≥ cols when rows > 1).
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_softmax_f32(size_t rows, size_t cols, const float *x, size_t ldx,
                                         float *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_f64(size_t rows, size_t cols, const double *x, size_t ldx,
                                         double *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_bf16(size_t rows, size_t cols, const uint16_t *x, size_t ldx,
                                          uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_softmax_f16(size_t rows, size_t cols, const uint16_t *x, size_t ldx,
                                         uint16_t *y, size_t ldy);
/** @} */

/**
 * @name softmax backward
 * @{
 */
/**
 * dx = y·(dy − Σ y·dy) per row.
 * @param rows, cols the shape.
 * @param y the forward's output, stride ldy.
 * @param ldy the row stride of y.
 * @param dy the gradient of y, stride lddy.
 * @param lddy the row stride of dy.
 * @param dx the gradient of x, stride lddx.
 * @param lddx the row stride of dx.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_softmax_backward_f32(size_t rows, size_t cols, const float *y,
                                                  size_t ldy, const float *dy, size_t lddy,
                                                  float *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_backward_f64(size_t rows, size_t cols, const double *y,
                                                  size_t ldy, const double *dy, size_t lddy,
                                                  double *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_backward_bf16(size_t rows, size_t cols, const uint16_t *y,
                                                   size_t ldy, const uint16_t *dy, size_t lddy,
                                                   uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_softmax_backward_f16(size_t rows, size_t cols, const uint16_t *y,
                                                  size_t ldy, const uint16_t *dy, size_t lddy,
                                                  uint16_t *dx, size_t lddx);
/** @} */

/**
 * @name log_softmax
 * @{
 */
/**
 * y = log_softmax of each row of x.
 * @param rows, cols the shape.
 * @param x input, row i at x + i·ldx.
 * @param ldx the row stride of x (≥ cols when rows > 1).
 * @param y output, row i at y + i·ldy.
 * @param ldy the row stride of y (≥ cols when rows > 1).
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_log_softmax_f32(size_t rows, size_t cols, const float *x, size_t ldx,
                                             float *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_f64(size_t rows, size_t cols, const double *x, size_t ldx,
                                             double *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_bf16(size_t rows, size_t cols, const uint16_t *x,
                                              size_t ldx, uint16_t *y, size_t ldy);
ACTFN_API actfn_status actfn_log_softmax_f16(size_t rows, size_t cols, const uint16_t *x,
                                             size_t ldx, uint16_t *y, size_t ldy);
/** @} */

/**
 * @name log_softmax backward
 * @{
 */
/**
 * dx = dy − e^y·Σ dy per row.
 * @param rows, cols the shape.
 * @param y the forward's output, stride ldy.
 * @param ldy the row stride of y.
 * @param dy the gradient of y, stride lddy.
 * @param lddy the row stride of dy.
 * @param dx the gradient of x, stride lddx.
 * @param lddx the row stride of dx.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_log_softmax_backward_f32(size_t rows, size_t cols, const float *y,
                                                      size_t ldy, const float *dy, size_t lddy,
                                                      float *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_backward_f64(size_t rows, size_t cols, const double *y,
                                                      size_t ldy, const double *dy, size_t lddy,
                                                      double *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_backward_bf16(size_t rows, size_t cols, const uint16_t *y,
                                                       size_t ldy, const uint16_t *dy, size_t lddy,
                                                       uint16_t *dx, size_t lddx);
ACTFN_API actfn_status actfn_log_softmax_backward_f16(size_t rows, size_t cols, const uint16_t *y,
                                                      size_t ldy, const uint16_t *dy, size_t lddy,
                                                      uint16_t *dx, size_t lddx);
/** @} */

/** @} */

/**
 * @defgroup channels Per-channel calls
 * @brief PReLU with a slope per channel, fused bias + activation.
 *
 * The layout is [outer][c][inner] (channel-last: inner = 1; channel-first:
 * outer = N, inner = H·W): element (o, ch, i) is x[(o·c + ch)·inner + i],
 * with the channel's alpha[ch] or bias[ch] (c elements).
 * - Errors, with nothing written: ::ACTFN_ENULL, ::ACTFN_ESIZE (a shape
 *   beyond the address space), ::ACTFN_EOVERLAP (y may be x, dx may be x
 *   or dy, exactly; alpha, bias, dalpha and dbias share no byte with
 *   another array), and for bias ::ACTFN_EKIND and ::ACTFN_EPARAM.  A zero
 *   dimension touches nothing.  NaN and inf in alpha and bias are data.
 * - Sums over a channel (dalpha, dbias) run in an order fixed by the
 *   shape: the same bits on every path.
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64, bf16, f16.  Since 0.4.
 * @{
 */

/**
 * @name PReLU per channel
 * @{
 */
/**
 * y = x > 0 ? x : alpha[ch]·x.  Exact (one rounding).
 * @param outer, c, inner the shape.
 * @param x input.
 * @param alpha the slopes, @p c elements.
 * @param y output; may be @p x.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_prelu_channels_f32(size_t outer, size_t c, size_t inner,
                                                const float *x, const float *alpha, float *y);
ACTFN_API actfn_status actfn_prelu_channels_f64(size_t outer, size_t c, size_t inner,
                                                const double *x, const double *alpha, double *y);
ACTFN_API actfn_status actfn_prelu_channels_bf16(size_t outer, size_t c, size_t inner,
                                                 const uint16_t *x, const uint16_t *alpha,
                                                 uint16_t *y);
ACTFN_API actfn_status actfn_prelu_channels_f16(size_t outer, size_t c, size_t inner,
                                                const uint16_t *x, const uint16_t *alpha,
                                                uint16_t *y);
/** @} */

/**
 * @name PReLU per channel, backward
 * @{
 */
/**
 * dx = x > 0 ? dy : alpha[ch]·dy (NaN where x is NaN), exact; unless
 * @p dalpha is NULL, dalpha[ch] = Σ dy·x over the channel's elements with
 * x ≤ 0 (or NaN), within 2^-23·Σ|dy·x| (f64: 2^-52).
 * @param outer, c, inner the shape.
 * @param x the forward's input.
 * @param alpha the slopes, @p c elements.
 * @param dy the gradient of y.
 * @param dx the gradient of x; may be @p x or @p dy.
 * @param dalpha the gradient of alpha, @p c elements, or NULL.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_prelu_channels_backward_f32(size_t outer, size_t c, size_t inner,
                                                         const float *x, const float *alpha,
                                                         const float *dy, float *dx, float *dalpha);
ACTFN_API actfn_status actfn_prelu_channels_backward_f64(size_t outer, size_t c, size_t inner,
                                                         const double *x, const double *alpha,
                                                         const double *dy, double *dx,
                                                         double *dalpha);
ACTFN_API actfn_status actfn_prelu_channels_backward_bf16(size_t outer, size_t c, size_t inner,
                                                          const uint16_t *x, const uint16_t *alpha,
                                                          const uint16_t *dy, uint16_t *dx,
                                                          uint16_t *dalpha);
ACTFN_API actfn_status actfn_prelu_channels_backward_f16(size_t outer, size_t c, size_t inner,
                                                         const uint16_t *x, const uint16_t *alpha,
                                                         const uint16_t *dy, uint16_t *dx,
                                                         uint16_t *dalpha);
/** @} */

/**
 * @name Bias + activation
 * @{
 */
/**
 * y = f(t), t = fl(x + bias[ch]) rounded to the dtype, in one pass over
 * memory: bit for bit the element-wise call's result at t (its accuracy:
 * ≤ 4 ULP; bf16/f16 correctly rounded).
 * @param f the kind.
 * @param p its parameters, NULL for the defaults.
 * @param outer, c, inner the shape.
 * @param x input.
 * @param bias the biases, @p c elements.
 * @param y output; may be @p x.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_bias_forward_f32(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const float *x,
                                              const float *bias, float *y);
ACTFN_API actfn_status actfn_bias_forward_f64(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const double *x,
                                              const double *bias, double *y);
ACTFN_API actfn_status actfn_bias_forward_bf16(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const uint16_t *x,
                                               const uint16_t *bias, uint16_t *y);
ACTFN_API actfn_status actfn_bias_forward_f16(actfn_kind f, const actfn_params *p, size_t outer,
                                              size_t c, size_t inner, const uint16_t *x,
                                              const uint16_t *bias, uint16_t *y);
/** @} */

/**
 * @name Bias + activation, backward
 * @{
 */
/**
 * dx = dy·f′(t), bit for bit the element-wise backward at t; unless
 * @p dbias is NULL, dbias[ch] = Σ dx over the channel (halves sum dy·f′(t)
 * before dx is rounded to the format), within 2^-20·Σ|dy·f′(t)|.
 * @param f the kind.
 * @param p its parameters, NULL for the defaults.
 * @param outer, c, inner the shape.
 * @param x the forward's input.
 * @param bias the biases, @p c elements.
 * @param dy the gradient of y.
 * @param dx the gradient of x; may be @p x or @p dy.
 * @param dbias the gradient of bias, @p c elements, or NULL.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_bias_backward_f32(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const float *x,
                                               const float *bias, const float *dy, float *dx,
                                               float *dbias);
ACTFN_API actfn_status actfn_bias_backward_f64(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const double *x,
                                               const double *bias, const double *dy, double *dx,
                                               double *dbias);
ACTFN_API actfn_status actfn_bias_backward_bf16(actfn_kind f, const actfn_params *p, size_t outer,
                                                size_t c, size_t inner, const uint16_t *x,
                                                const uint16_t *bias, const uint16_t *dy,
                                                uint16_t *dx, uint16_t *dbias);
ACTFN_API actfn_status actfn_bias_backward_f16(actfn_kind f, const actfn_params *p, size_t outer,
                                               size_t c, size_t inner, const uint16_t *x,
                                               const uint16_t *bias, const uint16_t *dy,
                                               uint16_t *dx, uint16_t *dbias);
/** @} */

/** @} */

/**
 * @defgroup rrelu_train RReLU, training form
 * @brief A random slope per element, reproducible from (seed, offset).
 *
 * For x < 0, y = r·x with r = lower + u·(upper − lower) (lower =
 * p->alpha, upper = p->beta; p NULL: 1/8 and 1/3), u ∈ [0, 1) drawn for
 * element i from Philox4x32-10 with key (seed mod 2^32, seed div 2^32) and
 * counter (i′ mod 2^32, i′ div 2^32, 0, 0), i′ = offset + i: u = (word 0 >>
 * 8)·2^-24, r evaluated in double and rounded to float (f64 keeps the
 * double; bf16 and f16 round that float to the format); y = x elsewhere.
 * - Accuracy: exact; the bits depend on (seed, offset + i) only — the same
 *   on every path and for any split of the array into calls and threads.
 * - Errors, with nothing written: ::ACTFN_ENULL, ::ACTFN_EPARAM (lower >
 *   upper, or a NaN or infinite bound), ::ACTFN_ESIZE, ::ACTFN_EOVERLAP (y
 *   may be x, dx may be dy, exactly; noise shares no byte with x or y).
 * - Thread-safe (see actfn.h).
 * - dtypes: f32, f64, bf16, f16.  Since 0.4.
 * @{
 */

/**
 * @name rrelu_train
 * @{
 */
/**
 * y = x < 0 ? r·x : x; @p noise, unless NULL, receives r (1 where x is not
 * negative, or NaN).
 * @param p lower and upper (alpha, beta), NULL for 1/8 and 1/3.
 * @param seed the generator's key.
 * @param offset the index of x[0] in the generator's stream.
 * @param x input, @p n elements.
 * @param y output, @p n elements; may be @p x.
 * @param noise the slopes drawn, @p n elements, or NULL.
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_rrelu_train_f32(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const float *x, float *y, float *noise, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_f64(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const double *x, double *y, double *noise, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_bf16(const actfn_params *p, uint64_t seed, uint64_t offset,
                                              const uint16_t *x, uint16_t *y, uint16_t *noise,
                                              size_t n);
ACTFN_API actfn_status actfn_rrelu_train_f16(const actfn_params *p, uint64_t seed, uint64_t offset,
                                             const uint16_t *x, uint16_t *y, uint16_t *noise,
                                             size_t n);
/** @} */

/**
 * @name rrelu_train backward
 * @{
 */
/**
 * Regenerates r: dx = dy·r where x < 0, dy where x ≥ 0, NaN where x is.
 * @param p lower and upper, as given to the forward.
 * @param seed the forward's seed.
 * @param offset the forward's offset.
 * @param x the forward's input, @p n elements.
 * @param dy the gradient of y, @p n elements.
 * @param dx the gradient of x, @p n elements; may be @p dy.
 * @param n the number of elements.
 * @return ::ACTFN_OK or an error of the group.
 * Exists as _f32, _f64, _bf16 and _f16.
 */
ACTFN_API actfn_status actfn_rrelu_train_backward_f32(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const float *x,
                                                      const float *dy, float *dx, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_f64(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const double *x,
                                                      const double *dy, double *dx, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_bf16(const actfn_params *p, uint64_t seed,
                                                       uint64_t offset, const uint16_t *x,
                                                       const uint16_t *dy, uint16_t *dx, size_t n);
ACTFN_API actfn_status actfn_rrelu_train_backward_f16(const actfn_params *p, uint64_t seed,
                                                      uint64_t offset, const uint16_t *x,
                                                      const uint16_t *dy, uint16_t *dx, size_t n);
/** @} */

/** @} */

/**
 * @defgroup dispatch Paths and version
 * @brief Which vector code runs the calls.
 * @{
 */

/**
 * A vector path.  Within an architecture a later value is a wider path,
 * preferred when the CPU runs it; new paths are only ever appended.
 */
typedef enum actfn_isa {
    ACTFN_ISA_SCALAR = 0, /**< Plain C, every CPU. */
    ACTFN_ISA_AVX2 = 1,   /**< AVX2 + FMA + F16C (every AVX2 CPU has F16C). */
    ACTFN_ISA_AVX512 = 2, /**< AVX-512 F + BW + DQ + VL. */
    ACTFN_ISA_NEON = 3,   /**< AArch64 AdvSIMD. */
    ACTFN_ISA_COUNT       /**< The number of paths; not a path. */
} actfn_isa;

/**
 * The path calls take now.  Thread-safe; no error case.
 * @return the path chosen once, at load time: the best path this CPU runs,
 *         unless the environment variable ACTFN_ISA=scalar|avx2|avx512|neon
 *         names another usable one (an unusable name is ignored), or the
 *         last actfn_set_isa().
 */
ACTFN_API actfn_isa actfn_active_isa(void);

/**
 * A path's name.  Thread-safe; no error case.
 * @param isa a path.
 * @return "scalar", "avx2", "avx512" or "neon", a static string; NULL for an
 *         unknown value.
 */
ACTFN_API const char *actfn_isa_name(actfn_isa isa);

/**
 * Whether a path can run.  Thread-safe; no error case.
 * @param isa a path.
 * @return 1 if @p isa is built into this library and this CPU and OS run
 *         it, else 0 (also for an unknown value).
 */
ACTFN_API int actfn_isa_supported(actfn_isa isa);

/**
 * Switch the path of every later call in the process (tests, benchmarks).
 * @param isa the path to take.
 * @return ::ACTFN_OK; ::ACTFN_EUNSUPPORTED if actfn_isa_supported() is 0
 *         for @p isa (the path stays as it was).
 * Thread-safe in that the switch is atomic: a call running in another
 * thread finishes on the path it started with, calls that start later take
 * the new one.  Results may differ between paths within the accuracy
 * bounds, so do not switch while other threads need consistent results.
 */
ACTFN_API actfn_status actfn_set_isa(actfn_isa isa);

/**
 * The library's version.  Thread-safe; no error case.
 * @return "MAJOR.MINOR.PATCH", a static string.
 */
ACTFN_API const char *actfn_version(void);

/** @} */

#ifdef __cplusplus
}
#endif

#endif /* ACTFN_H */

/*
 * The channel operations on [outer][c][inner], each channel with its own
 * parameter w[ch]: per-channel PReLU and the fused bias + activation.
 *
 * A shape is walked in one of two ways, chosen by inner alone:
 *   wide    inner ≥ ACTFN_CH_LANES: runs of one channel (the parameter
 *           broadcast), split into blocks of at most ACTFN_CH_BLOCK;
 *   narrow  inner < ACTFN_CH_LANES (channel-last is inner = 1): tiles of up
 *           to ACTFN_CH_TILE positions of the [c][inner] plane, whole rows
 *           of it where they fit, with the parameter expanded per position
 *           once per tile.
 *
 * The per-channel sums (dalpha, dbias) are compensated (Neumaier) sums in
 * double, in an order fixed by the shape and the same on every path: wide,
 * element i of a run goes to virtual lane i mod 16 (whatever the path's
 * vector width), the rows in order, and the 16 lanes are summed in order at
 * the end; narrow, each position of the tile has its own sum over the rows,
 * and a channel's positions are summed in order at the end.  Terms of f32,
 * bf16 and f16 are exact in double, so a channel's sum has an error of
 * about 2^-53 of its magnitude plus 2^-106 per term of Σ|terms|: far below
 * the contract's 2^-23 Σ|dy·x| for any 2^24 terms (f64: a term carries its
 * product's rounding, 2^-53, and the sum stays within 2^-52 Σ|terms|).
 *
 * Written once over the lanes L (v: f32 lanes, d: f64 lanes) and the dtype
 * T stored as ctype; instantiated by generic/loops_rows.inc.
 */
#ifndef ACTFN_GENERIC_ROWS_CHANNELS_H
#define ACTFN_GENERIC_ROWS_CHANNELS_H

#define ACTFN_CH_LANES 16   /* virtual lanes of a wide channel's sum */
#define ACTFN_CH_TILE 256   /* positions of a narrow tile (≥ 16 · 15) */
#define ACTFN_CH_BLOCK 1024 /* elements of a wide run at a time, a multiple of 16 */

_Static_assert(ACTFN_CH_LANES % VD == 0, "a path's f64 lanes divide the virtual lanes");

/* s + x with the rounding error gathered in c (Neumaier); +0 added leaves
 * both as they are (neither is ever -0). */
static inline void d_sum_add(vd *s, vd *c, vd x)
{
    vd t = d_add(*s, x);
    vdm g = d_ge(d_abs(*s), d_abs(x));
    *c = d_add(*c, d_add(d_sub(d_sel(g, *s, x), t), d_sel(g, x, *s)));
    *s = t;
}
static inline void s_sum_add(double *s, double *c, double x)
{
    double t = *s + x;
    int g = fabs(*s) >= fabs(x);
    *c += ((g ? *s : x) - t) + (g ? x : *s);
    *s = t;
}
/* Lanes s[k·step], c[k·step] for k < n summed in order; inf and NaN stay. */
static inline double s_sum_lanes(const double *s, const double *c, size_t n, size_t step)
{
    double S = 0.0, C = 0.0;
    for (size_t k = 0; k < n; k++) {
        s_sum_add(&S, &C, s[k * step]);
        C += c[k * step];
    }
    return S - S == 0.0 ? S + C : S;
}

/* A channel's parameter in the lanes, and a sum rounded once to the dtype
 * (halves: round to odd to float, then to the format). */
static inline double s_get_f32(const float *p) { return *p; }
static inline double s_get_f64(const double *p) { return *p; }
static inline double s_get_bf16(const uint16_t *p) { return actfn_bf16_to_f32(*p); }
static inline double s_get_f16(const uint16_t *p) { return actfn_f16_to_f32(*p); }
static inline void s_put_f32(float *p, double v) { *p = (float)v; }
static inline void s_put_f64(double *p, double v) { *p = v; }
static inline void s_put_bf16(uint16_t *p, double v)
{
    *p = actfn_f32_to_bf16(actfn_f32_round_odd(v));
}
static inline void s_put_f16(uint16_t *p, double v)
{
    *p = actfn_f32_to_f16(actfn_f32_round_odd(v));
}
#define ACTFN_CH_SET(L, T, p) L##_set((ACTFN_ET_##L)s_get_##T(p))

/* m ≤ W elements at p, or the parameter: w (broadcast) when ab is NULL. */
/* ab: the expanded parameters, or no_ab (a NULL variable, not a constant:
 * the branch not taken still compiles ab + j) for the broadcast w */
#define ACTFN_CH_PARAM(L, T, ab, j, m, w) ((ab) != NULL ? ACTFN_RLOAD(L, T, (ab) + (j), m) : (w))

/* The narrow tiles: for every block of channels [cb, cb + nb) and group of
 * rows [o0, o0 + rows), the contiguous elements [e, e + len) (len = rows ·
 * span, span = nb·inner), with ab[q] the parameter of position q; groups
 * of several rows only where a block holds every channel (so rows follow
 * each other).  BLOCK runs once per block before its groups, END after. */
#define ACTFN_CH_TILES(a, T, ctype, w, ab, BLOCK, GROUP, END)                                      \
    do {                                                                                           \
        const size_t inner_ = (a)->inner, c_ = (a)->c, plane_ = c_ * inner_;                       \
        const size_t nb_ = plane_ <= ACTFN_CH_TILE ? c_ : ACTFN_CH_TILE / inner_;                  \
        const size_t R = plane_ <= ACTFN_CH_TILE ? ACTFN_CH_TILE / plane_ : 1;                     \
        for (size_t cb = 0; cb < c_; cb += nb_) {                                                  \
            const size_t nb = c_ - cb < nb_ ? c_ - cb : nb_, span = nb * inner_;                   \
            for (size_t q = 0; q < span; q++)                                                      \
                ab[q] = (w)[cb + q / inner_];                                                      \
            for (size_t r = 1; r < R; r++)                                                         \
                memcpy(ab + r * span, ab, span * sizeof(ctype));                                   \
            BLOCK;                                                                                 \
            for (size_t o0 = 0; o0 < (a)->outer; o0 += R) {                                        \
                const size_t rows = (a)->outer - o0 < R ? (a)->outer - o0 : R;                     \
                const size_t len = rows * span, e = (o0 * c_ + cb) * inner_;                       \
                GROUP;                                                                             \
            }                                                                                      \
            END;                                                                                   \
        }                                                                                          \
    } while (0)

/* The wide runs in memory order: for each (o, ch), blocks [e, e + len) of
 * the run with the parameter wv (lanes L) of channel ch. */
#define ACTFN_CH_RUNS(a, L, T, w, BODY)                                                            \
    for (size_t o = 0; o < (a)->outer; o++)                                                        \
        for (size_t ch = 0; ch < (a)->c; ch++) {                                                   \
            const ACTFN_VT_##L wv = ACTFN_CH_SET(L, T, (w) + ch);                                  \
            for (size_t i0 = 0; i0 < (a)->inner; i0 += ACTFN_CH_BLOCK) {                           \
                const size_t len =                                                                 \
                    (a)->inner - i0 < ACTFN_CH_BLOCK ? (a)->inner - i0 : ACTFN_CH_BLOCK;           \
                const size_t e = (o * (a)->c + ch) * (a)->inner + i0;                              \
                BODY;                                                                              \
            }                                                                                      \
        }

/* The wide runs of one channel after another, for the sums: S, C the 16
 * virtual lanes of channel ch's sum (ACTFN_CH_LANES / VD vectors), blocks as
 * above; FINISH stores the channel's sum from s_sum_lanes over them. */
#define ACTFN_CH_RUNS_SUM(a, L, T, w, BODY, FINISH)                                                \
    for (size_t ch = 0; ch < (a)->c; ch++) {                                                       \
        const ACTFN_VT_##L wv = ACTFN_CH_SET(L, T, (w) + ch);                                      \
        vd S[ACTFN_CH_LANES / VD], C[ACTFN_CH_LANES / VD];                                         \
        for (size_t k = 0; k < ACTFN_CH_LANES / VD; k++)                                           \
            S[k] = C[k] = d_set(0.0);                                                              \
        for (size_t o = 0; o < (a)->outer; o++)                                                    \
            for (size_t i0 = 0; i0 < (a)->inner; i0 += ACTFN_CH_BLOCK) {                           \
                const size_t len =                                                                 \
                    (a)->inner - i0 < ACTFN_CH_BLOCK ? (a)->inner - i0 : ACTFN_CH_BLOCK;           \
                const size_t e = (o * (a)->c + ch) * (a)->inner + i0;                              \
                BODY;                                                                              \
            }                                                                                      \
        double s_[ACTFN_CH_LANES], c_[ACTFN_CH_LANES];                                             \
        for (size_t k = 0; k < ACTFN_CH_LANES / VD; k++) {                                         \
            d_store_f64(s_ + k * VD, S[k]);                                                        \
            d_store_f64(c_ + k * VD, C[k]);                                                        \
        }                                                                                          \
        const double sum = s_sum_lanes(s_, c_, ACTFN_CH_LANES, 1);                                 \
        FINISH;                                                                                    \
    }

/* The terms TERM (an expression in f64 lanes of the m_ ≤ VD elements from
 * offset j) of a block of len elements into the wide lanes S, C (the block
 * starts at a multiple of 16 of its run: element j goes to lane j mod 16). */
#define ACTFN_CH_ADD_WIDE(len, TERM)                                                               \
    for (size_t j = 0; j < (len); j += VD) {                                                       \
        const size_t m_ = (len)-j < VD ? (len)-j : VD;                                             \
        const size_t k_ = (j / VD) % (ACTFN_CH_LANES / VD);                                        \
        d_sum_add(&S[k_], &C[k_], TERM);                                                           \
    }
/* The same into the narrow tile's position sums ps, pc (element j: position j). */
#define ACTFN_CH_ADD_NARROW(len, TERM)                                                             \
    for (size_t j = 0; j < (len); j += VD) {                                                       \
        const size_t m_ = (len)-j < VD ? (len)-j : VD;                                             \
        vd s_ = m_ == VD ? d_load_f64(ps + j) : d_load_n_f64(ps + j, m_);                          \
        vd c_ = m_ == VD ? d_load_f64(pc + j) : d_load_n_f64(pc + j, m_);                          \
        d_sum_add(&s_, &c_, TERM);                                                                 \
        if (m_ == VD) {                                                                            \
            d_store_f64(ps + j, s_);                                                               \
            d_store_f64(pc + j, c_);                                                               \
        } else {                                                                                   \
            d_store_n_f64(ps + j, s_, m_);                                                         \
            d_store_n_f64(pc + j, c_, m_);                                                         \
        }                                                                                          \
    }
/* A narrow block's channel sums into dw[cb + k] (dtype T): channel cb + k
 * from its positions, row by row of the tile. */
#define ACTFN_CH_NARROW_FINISH(T, dw, inner, R, span, nb, cb)                                      \
    for (size_t k = 0; k < (nb); k++) {                                                            \
        double S_ = 0.0, C_ = 0.0;                                                                 \
        for (size_t r = 0; r < (R); r++)                                                           \
            for (size_t i = 0; i < (inner); i++) {                                                 \
                const size_t q = r * (span) + k * (inner) + i;                                     \
                s_sum_add(&S_, &C_, ps[q]);                                                        \
                C_ += pc[q];                                                                       \
            }                                                                                      \
        s_put_##T((dw) + (cb) + k, S_ - S_ == 0.0 ? S_ + C_ : S_);                                 \
    }

/* ---- per-channel PReLU: y = x > 0 ? x : alpha·x (NaN: alpha·NaN, a NaN);
 * dx = x > 0 ? dy : alpha·dy, NaN where x is; dalpha = Σ dy·x where
 * !(x > 0) (a NaN x makes the sum NaN).  The products are one rounding in
 * the dtype (halves: exact in f32, rounded once on store), so exact. ---- */
#define ACTFN_PRELU_Y(L, x, w) L##_sel(L##_gt(x, L##_set(0)), x, L##_mul(w, x))
#define ACTFN_PRELU_DX(L, x, w, d)                                                                 \
    L##_sel(L##_gt(x, L##_set(0)), d, L##_nan_through(x, L##_mul(w, d)))

/* y (bwd = 0) or dx over len elements from e; the parameter from ab (per
 * element from e) or, ab NULL, wv. */
#define ACTFN_PRELU_SPAN(L, T, bwd, x, dy, out, e, len, ab, wv)                                    \
    for (size_t j = 0; j < (len); j += W) {                                                        \
        const size_t m = (len)-j < W ? (len)-j : W;                                                \
        ACTFN_VT_##L xv = ACTFN_RLOAD(L, T, (x) + (e) + j, m);                                     \
        ACTFN_VT_##L pv = ACTFN_CH_PARAM(L, T, ab, j, m, wv);                                      \
        ACTFN_VT_##L r = bwd ? ACTFN_PRELU_DX(L, xv, pv, ACTFN_RLOAD(L, T, (dy) + (e) + j, m))     \
                             : ACTFN_PRELU_Y(L, xv, pv);                                           \
        ACTFN_RSTORE(L, T, (out) + (e) + j, r, m);                                                 \
    }

/* The forward (bwd = 0) or the backward, dalpha summed where dw is set. */
#define ACTFN_PRELU_KERNELS(fwd, bwd_, L, T, ctype)                                                \
    /* dalpha's terms: dy·x where !(x > 0), else +0 (f64 lanes, m elements) */                    \
    static inline vd d_prelu_term_##T(const ctype *x, const ctype *dy, size_t m)                   \
    {                                                                                              \
        vd xv = m == VD ? d_load_##T(x) : d_load_n_##T(x, m);                                      \
        vd dv = m == VD ? d_load_##T(dy) : d_load_n_##T(dy, m);                                    \
        return d_sel(d_gt(xv, d_set(0.0)), d_set(0.0), d_mul(dv, xv));                             \
    }                                                                                              \
    static void prelu_run_##T(const actfn_rows_args *a, int bwd)                                   \
    {                                                                                              \
        const ctype *x = a->x, *w = a->w, *dy = a->dy, *no_ab = NULL;                              \
        ctype *out = bwd ? a->dx : a->y, *dw = a->dw;                                              \
        const size_t W = ACTFN_W_##L;                                                              \
        v_fenv env = v_fenv_enter();                                                               \
        if (a->inner < ACTFN_CH_LANES) {                                                           \
            _Alignas(64) ctype ab[ACTFN_CH_TILE];                                                  \
            _Alignas(64) double ps[ACTFN_CH_TILE], pc[ACTFN_CH_TILE];                              \
            const int sum = bwd && dw != NULL;                                                     \
            ACTFN_CH_TILES(                                                                        \
                a, T, ctype, w, ab,                                                                \
                {                                                                                  \
                    if (sum) {                                                                     \
                        memset(ps, 0, sizeof ps);                                                  \
                        memset(pc, 0, sizeof pc);                                                  \
                    }                                                                              \
                },                                                                                 \
                {                                                                                  \
                    if (sum) {                                                                     \
                        ACTFN_CH_ADD_NARROW(len, d_prelu_term_##T(x + e + j, dy + e + j, m_))      \
                    }                                                                              \
                    ACTFN_PRELU_SPAN(L, T, bwd, x, dy, out, e, len, (const ctype *)ab,             \
                                     L##_set(0));                                                  \
                },                                                                                 \
                {                                                                                  \
                    if (sum)                                                                       \
                        ACTFN_CH_NARROW_FINISH(T, dw, a->inner, R, span, nb, cb)                   \
                });                                                                                \
        } else if (bwd && dw != NULL) {                                                            \
            ACTFN_CH_RUNS_SUM(                                                                     \
                a, L, T, w,                                                                        \
                {                                                                                  \
                    ACTFN_CH_ADD_WIDE(len, d_prelu_term_##T(x + e + j, dy + e + j, m_))            \
                    ACTFN_PRELU_SPAN(L, T, 1, x, dy, out, e, len, no_ab, wv);                      \
                },                                                                                 \
                s_put_##T(dw + ch, sum));                                                          \
        } else {                                                                                   \
            ACTFN_CH_RUNS(a, L, T, w, ACTFN_PRELU_SPAN(L, T, bwd, x, dy, out, e, len, no_ab, wv)); \
        }                                                                                          \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void fwd(const actfn_rows_args *a) { prelu_run_##T(a, 0); }                             \
    static void bwd_(const actfn_rows_args *a) { prelu_run_##T(a, 1); }

/* ---- fused bias + activation: per block, t = fl(x + bias[ch]) in the
 * dtype into a stack buffer (L1), then the element-wise kernel of the kind
 * (a->f[0], its forward or backward, of this dtype and path) from it into
 * y or dx: every accuracy guarantee of the element-wise call holds at t,
 * and memory is read and written once.  The sum of a half's t is exact in
 * f32 or within 2^-13 of the larger operand's half-ULP from any rounding
 * boundary of the format, so rounding it once to the format is fl(x + b).
 * dbias sums dx (f32, f64), or, for bf16 and f16, dy·f'(t) with f' from
 * the f32 derivative kernel (a->f[1]) before dx is rounded to the format:
 * the sum keeps f' 's own accuracy, not the format's. ---- */

/* t over len elements from e into tb (and, for halves with tf set, its
 * value as f32 into tf). */
#define ACTFN_BIAS_T(L, T, ctype, x, e, len, ab, wv, tb, tf)                                       \
    for (size_t j = 0; j < (len); j += W) {                                                        \
        const size_t m = (len)-j < W ? (len)-j : W;                                                \
        ACTFN_VT_##L s_ =                                                                          \
            L##_add(ACTFN_RLOAD(L, T, (x) + (e) + j, m), ACTFN_CH_PARAM(L, T, ab, j, m, wv));      \
        ACTFN_RSTORE(L, T, (tb) + j, s_, m);                                                       \
        ACTFN_CAT(ACTFN_BIAS_TF_, ctype)(T, tf, j, s_, m);                                         \
    }
#define ACTFN_BIAS_TF_float(T, tf, j, s, m) (void)(tf)
#define ACTFN_BIAS_TF_double(T, tf, j, s, m) (void)(tf)
#define ACTFN_BIAS_TF_uint16_t(T, tf, j, s, m)                                                     \
    if ((tf) != NULL)                                                                              \
    ACTFN_RSTORE(v, f32, (tf) + j, v_round_##T(s), m)

/* One block's dx (and, with SUM, dbias's terms into ADD): f32 and f64 sum
 * the dx just stored; halves sum dy·f'(t) first (dx may be dy). */
#define ACTFN_BIAS_BWD_float(T, a, e, len, tb, tf, df, dy, dx, sum, ADD)                           \
    do {                                                                                           \
        (a)->f[0](tb, (dy) + (e), (dx) + (e), len, (a)->p);                                        \
        if (sum) {                                                                                 \
            const ACTFN_CH_CTYPE_##T *de = (dx) + (e);                                             \
            ADD(len, (m_ == VD ? d_load_##T(de + j) : d_load_n_##T(de + j, m_)))                   \
        }                                                                                          \
    } while (0)
#define ACTFN_BIAS_BWD_double ACTFN_BIAS_BWD_float
#define ACTFN_BIAS_BWD_uint16_t(T, a, e, len, tb, tf, df, dy, dx, sum, ADD)                        \
    do {                                                                                           \
        if (sum) {                                                                                 \
            const uint16_t *de = (dy) + (e);                                                       \
            (a)->f[1](tf, NULL, df, len, (a)->p);                                                  \
            ADD(len, d_mul(m_ == VD ? d_load_##T(de + j) : d_load_n_##T(de + j, m_),               \
                           m_ == VD ? d_load_f32(df + j) : d_load_n_f32(df + j, m_)))              \
        }                                                                                          \
        (a)->f[0](tb, (dy) + (e), (dx) + (e), len, (a)->p);                                        \
    } while (0)
#define ACTFN_CH_CTYPE_f32 float
#define ACTFN_CH_CTYPE_f64 double

#define ACTFN_BIAS_KERNELS(fwd, bwd_, L, T, ctype)                                                 \
    static void bias_run_##T(const actfn_rows_args *a, int bwd)                                    \
    {                                                                                              \
        const ctype *x = a->x, *w = a->w, *dy = a->dy, *no_ab = NULL;                              \
        ctype *out = bwd ? a->dx : a->y, *dw = a->dw;                                              \
        const size_t W = ACTFN_W_##L;                                                              \
        const int sum = bwd && dw != NULL;                                                         \
        _Alignas(64) ctype tb[ACTFN_CH_BLOCK];                                                     \
        _Alignas(64) float tf_[ACTFN_CH_BLOCK], df[ACTFN_CH_BLOCK];                                \
        float *tf = sum ? tf_ : NULL;                                                              \
        (void)df;                                                                                  \
        v_fenv env = v_fenv_enter();                                                               \
        if (a->inner < ACTFN_CH_LANES) {                                                           \
            _Alignas(64) ctype ab[ACTFN_CH_TILE];                                                  \
            _Alignas(64) double ps[ACTFN_CH_TILE], pc[ACTFN_CH_TILE];                              \
            ACTFN_CH_TILES(                                                                        \
                a, T, ctype, w, ab,                                                                \
                {                                                                                  \
                    if (sum) {                                                                     \
                        memset(ps, 0, sizeof ps);                                                  \
                        memset(pc, 0, sizeof pc);                                                  \
                    }                                                                              \
                },                                                                                 \
                {                                                                                  \
                    ACTFN_BIAS_T(L, T, ctype, x, e, len, (const ctype *)ab, L##_set(0), tb, tf);   \
                    if (bwd)                                                                       \
                        ACTFN_CAT(ACTFN_BIAS_BWD_, ctype)                                          \
                    (T, a, e, len, tb, tf, df, dy, out, sum, ACTFN_CH_ADD_NARROW);                 \
                    else a->f[0](tb, NULL, out + e, len, a->p);                                    \
                },                                                                                 \
                {                                                                                  \
                    if (sum)                                                                       \
                        ACTFN_CH_NARROW_FINISH(T, dw, a->inner, R, span, nb, cb)                   \
                });                                                                                \
        } else if (sum) {                                                                          \
            ACTFN_CH_RUNS_SUM(                                                                     \
                a, L, T, w,                                                                        \
                {                                                                                  \
                    ACTFN_BIAS_T(L, T, ctype, x, e, len, no_ab, wv, tb, tf);                       \
                    ACTFN_CAT(ACTFN_BIAS_BWD_, ctype)                                              \
                    (T, a, e, len, tb, tf, df, dy, out, 1, ACTFN_CH_ADD_WIDE);                     \
                },                                                                                 \
                s_put_##T(dw + ch, sum));                                                          \
        } else { /* runs follow each other in memory: a block gathers several */                   \
            size_t e0 = 0, fill = 0;                                                               \
            ACTFN_CH_RUNS(a, L, T, w, {                                                            \
                if (fill + len > ACTFN_CH_BLOCK) {                                                 \
                    a->f[0](tb, bwd ? dy + e0 : NULL, out + e0, fill, a->p);                       \
                    fill = 0;                                                                      \
                }                                                                                  \
                if (fill == 0)                                                                     \
                    e0 = e;                                                                        \
                ACTFN_BIAS_T(L, T, ctype, x, e, len, no_ab, wv, tb + fill, tf);                    \
                fill += len;                                                                       \
            });                                                                                    \
            if (fill > 0)                                                                          \
                a->f[0](tb, bwd ? dy + e0 : NULL, out + e0, fill, a->p);                           \
        }                                                                                          \
        v_fenv_leave(env);                                                                         \
    }                                                                                              \
    static void fwd(const actfn_rows_args *a) { bias_run_##T(a, 0); }                              \
    static void bwd_(const actfn_rows_args *a) { bias_run_##T(a, 1); }

#endif

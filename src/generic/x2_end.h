/*
 * The end of generic/x2.h's renames: after the pair bodies are compiled,
 * the lane types and v_* names are the path's one-vector ones again, so
 * that the unit can also hold the half-precision loops of the same bodies
 * (generic/loops_eltwise.inc in its ACTFN_X2_HALF form), which load, test
 * and store one vector at a time and call the bodies over a pair.  The
 * pair bodies keep their names (op_<body>_<call>, over vf2).
 */
#ifndef ACTFN_GENERIC_X2_END_H
#define ACTFN_GENERIC_X2_END_H

#undef vf
#undef vfm
#undef vlut
#undef v_abs
#undef v_neg
#undef v_rint
#undef v_pow2i
#undef v_pow2_biased
#undef v_isnan
#undef v_lut_index
#undef v_add
#undef v_sub
#undef v_mul
#undef v_div
#undef v_min
#undef v_max
#undef v_xorsign
#undef v_lt
#undef v_le
#undef v_gt
#undef v_ge
#undef v_eq
#undef v_fma
#undef v_fnma
#undef v_sel
#undef v_set
#undef v_all
#undef v_any
#undef v_lut16
#undef vlut8
#undef v_lut8_index
#undef v_lut8
#undef v_tab8_low
#undef v_pow2_floor8
#undef v_floor8
#undef v_scale
#undef v_nan_through
#undef v_negabs
#undef v_sel_pos
#undef v_tab32_low
#undef v_tiny_or_nan
#undef v_scale_floor
#undef v_neg_absmin
#undef v_signed_absmin
#undef v_pos_or
#undef v_one_or_neg
#undef v_load_f32
#undef v_store_f32
#undef v_store_nt_f32
#undef v_load_n_f32
#undef v_store_n_f32

#ifndef ACTFN_HAVE_NAN_THROUGH
/* generic/eltwise/common.h's v_nan_through was compiled over pairs in this
 * unit: the one-vector form under another name */
static inline vf actfn_nan_through_1(vf x, vf y) { return v_sel(v_isnan(x), x, y); }
#define v_nan_through actfn_nan_through_1
#endif

#endif

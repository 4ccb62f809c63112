// Picks the dequantizer for the TYPE_<name> define the build passes, after mm_load.glsl.
// Every type provides BLOCK_K and vec4 dequant4(row_off, i4); the plain types also dequant1, the
// block types dequant32(row_off, u, out vec4 w[8]) for the u-th run of 32 elements of a row.
#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
#include "dq_float.glsl"
#elif defined(TYPE_Q4_0) || defined(TYPE_Q4_1) || defined(TYPE_Q5_0) || defined(TYPE_Q5_1) || defined(TYPE_Q8_0)
#include "dq_legacy.glsl"
#elif defined(TYPE_Q2_K) || defined(TYPE_Q3_K) || defined(TYPE_Q4_K) || defined(TYPE_Q5_K) || defined(TYPE_Q6_K)
#include "dq_kquant.glsl"
#elif defined(TYPE_IQ4_NL) || defined(TYPE_IQ4_XS) || defined(TYPE_IQ2_XXS) || defined(TYPE_IQ2_XS) || \
    defined(TYPE_IQ2_S) || defined(TYPE_IQ3_XXS) || defined(TYPE_IQ3_S) || defined(TYPE_IQ1_S) || defined(TYPE_IQ1_M)
#include "dq_iq.glsl"
#else
#error "define one TYPE_<tensor type>"
#endif

#if !defined(HAS_DEQUANT1)
#define HAS_DEQUANT32 1
// Block types: rows are whole blocks, so k is inside a full group of 4.
float dequant1(uint row_off, uint k) { return dequant4(row_off, k >> 2)[k & 3u]; }
#endif

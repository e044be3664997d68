// ELU forward, 16 floats at a time with AVX-512F (see CKernels.h). Mirrors `Float.fastExp`
// (FastMath.swift) operation by operation: Cody-Waite reduction with separately rounded
// products and sums, a degree-7 Taylor polynomial by fused multiply-adds (Swift's
// addingProduct), 2^n built in the exponent bits, then the clamps and the ELU select.
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

// The Swift code rounds every product and sum separately outside its explicit fused steps;
// the compiler must not fuse them here either, or results would differ in the last bit.
#pragma clang fp contract(off)

#define MF_AVX512 __attribute__((target("avx512f")))

MF_AVX512 static inline __m512 elu16(__m512 v, __m512 alpha) {
    const __m512 upper = _mm512_set1_ps(88.37f), lower = _mm512_set1_ps(-87.33f);
    const __m512 shift = _mm512_set1_ps(12582912.0f);   // 1.5 * 2^23: rounds to an integer
    __mmask16 above = _mm512_cmp_ps_mask(v, upper, _CMP_GT_OQ);
    __mmask16 below = _mm512_cmp_ps_mask(v, lower, _CMP_LT_OQ);
    __m512 xc = _mm512_mask_blend_ps(above, _mm512_mask_blend_ps(below, v, lower), upper);
    __m512 shifted = _mm512_add_ps(_mm512_mul_ps(xc, _mm512_set1_ps(1.442695040888963f)), shift);
    __m512 n = _mm512_sub_ps(shifted, shift);
    __m512 r = _mm512_sub_ps(_mm512_sub_ps(xc, _mm512_mul_ps(n, _mm512_set1_ps(0.693359375f))),
                             _mm512_mul_ps(n, _mm512_set1_ps(-2.12194440e-4f)));
    __m512 p = _mm512_set1_ps(1.0f / 5040.0f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps((float)(1.0 / 720.0)));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps((float)(1.0 / 120.0)));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps((float)(1.0 / 24.0)));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps((float)(1.0 / 6.0)));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
    __m512i bits = _mm512_add_epi32(_mm512_slli_epi32(_mm512_castps_si512(shifted), 23), _mm512_set1_epi32(0x3F800000));
    __m512 e = _mm512_mul_ps(p, _mm512_castsi512_ps(bits));
    e = _mm512_mask_blend_ps(above, e, _mm512_set1_ps(__builtin_inff()));
    e = _mm512_mask_blend_ps(below, e, _mm512_setzero_ps());
    __m512 negative = _mm512_mul_ps(alpha, _mm512_sub_ps(e, _mm512_set1_ps(1.0f)));
    __mmask16 positive = _mm512_cmp_ps_mask(v, _mm512_setzero_ps(), _CMP_GT_OQ);
    return _mm512_mask_blend_ps(positive, negative, v);
}

MF_AVX512 void mf_elu_forward_f32_avx512(long rows, long cols, const float *z, long ldz, float *out, long ldo,
                                         float alpha) {
    const __m512 a = _mm512_set1_ps(alpha);
    for (long row = 0; row < rows; row++) {
        const float *zr = z + row * ldz;
        float *o = out + row * ldo;
        long c = 0;
        for (; c + 16 <= cols; c += 16) _mm512_storeu_ps(o + c, elu16(_mm512_loadu_ps(zr + c), a));
        if (c < cols) {
            __mmask16 tail = (__mmask16)((1u << (cols - c)) - 1);
            _mm512_mask_storeu_ps(o + c, tail, elu16(_mm512_maskz_loadu_ps(tail, zr + c), a));
        }
    }
}
#endif

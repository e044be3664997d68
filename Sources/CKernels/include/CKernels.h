// Hand-written vector kernels for the hot loops the Swift build cannot widen: the release build
// targets x86-64-v3 (AVX2), so Swift's loops are 8 floats wide even on CPUs with AVX-512. The
// functions here are compiled for AVX-512 per function (target attribute) and are only called
// after the CPU and OS were seen to support it (`mf_cpu_features_read().avx512f` in CStartup).
// On other architectures they are absent (MF_HAVE_AVX512_KERNELS is 0) and Swift's loops run.
#ifndef MFSH_CKERNELS_H
#define MFSH_CKERNELS_H

#if defined(__x86_64__)
#define MF_HAVE_AVX512_KERNELS 1

/// out[r * ldo + c] = elu(z[r * ldz + c]) for r < rows, c < cols: z for z > 0, else
/// alpha (exp(z) - 1). Bit for bit the result of the Swift kernel `Float.activationForward(.elu)`
/// without bias (the same exp polynomial, the same operations in the same order, no fused
/// multiply-adds beyond the Swift code's own). `out` may be `z` (same leading dimension).
/// Requires AVX-512F.
void mf_elu_forward_f32_avx512(long rows, long cols, const float *z, long ldz, float *out, long ldo, float alpha);

#else
#define MF_HAVE_AVX512_KERNELS 0
#endif

/// A hint inside a spin-wait loop (x86 `pause`, ARM `yield`): the waiting thread yields the
/// core's shared resources to its sibling hyperthread and uses less power while it waits.
static inline void mf_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

#endif

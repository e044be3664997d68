// Start-up checks that must run before any of our numerics: compiled as plain C for the
// baseline x86-64 (no AVX flags), so they can still speak on a CPU the numerics cannot run on.
//
// - cpu_features.c reads what the CPU and operating system support (CPUID, XGETBV).
// - cpu_baseline.c says which x86-64-v3 features a CPU lacks (pure).
// - blas_core_choice.c decides whether OpenBLAS's kernel choice is below what the CPU allows (pure).
// - startup.c runs both at load time: it stops on a CPU the release build cannot run on, and
//   re-executes the program once with OPENBLAS_CORETYPE set when OpenBLAS picked generic kernels.
#ifndef MFSH_CSTARTUP_H
#define MFSH_CSTARTUP_H
#include <stdbool.h>
#include <stddef.h>

/// What this CPU can run *and* the operating system has enabled (AVX needs the OS to save the
/// YMM registers, AVX-512 the ZMM and mask registers); a feature the OS has not enabled is false.
typedef struct {
    bool sse3, ssse3, sse4_1, sse4_2, popcnt, cx16, lahf, movbe, xsave;
    bool avx, avx2, fma, f16c, bmi1, bmi2, lzcnt;
    bool avx512f, avx512bw, avx512vl, avx512bf16, avx512fp16;
} mf_cpu_features;

/// This CPU's features (all false on other architectures).
mf_cpu_features mf_cpu_features_read(void);

/// Writes the CPU's brand string ("AMD EPYC 9B14", trimmed) into `out`; returns false (and an
/// empty string) when the CPU does not report one.
bool mf_cpu_brand(char *out, size_t size);

/// The x86-64-v3 features (AVX2, FMA, BMI2, ...) that `features` lacks, as a comma-separated list
/// written into `out` (e.g. "AVX2, FMA, BMI1"); returns how many are missing (0: it can run a
/// build for x86-64-v3).
int mf_x86_64_v3_missing(const mf_cpu_features *features, char *out, size_t size);

/// Instruction-set levels of OpenBLAS kernel sets ("cores"), lowest to highest.
enum {
    MF_BLAS_LEVEL_UNKNOWN = -1, ///< a core name we do not know: never second-guessed
    MF_BLAS_LEVEL_SSE = 0,      ///< generic and pre-AVX cores (Prescott, Nehalem, ...)
    MF_BLAS_LEVEL_AVX = 1,      ///< Sandybridge, Bulldozer, Piledriver, Steamroller
    MF_BLAS_LEVEL_AVX2 = 2,     ///< Haswell, Zen, Excavator
    MF_BLAS_LEVEL_AVX512 = 3,   ///< SkylakeX, Cooperlake, SapphireRapids
};

/// The level of the OpenBLAS core named `core` (as `openblas_get_corename()` spells it; case
/// is ignored).
int mf_blas_core_level(const char *core);

/// The highest kernel level `features` can run.
int mf_cpu_blas_level(const mf_cpu_features *features);

/// The OpenBLAS core to request through OPENBLAS_CORETYPE, or NULL to leave the library's choice
/// alone. A pure decision: NULL when the user set OPENBLAS_CORETYPE (`user_coretype` non-NULL,
/// even empty), when the library is not built with DYNAMIC_ARCH (it would ignore the request),
/// when `reported_core` is NULL or a name we do not know, or when it is already as good as the CPU
/// allows. Otherwise the core for the CPU's level: "SkylakeX" (AVX-512 F/BW/VL), "Haswell"
/// (AVX2 + FMA) or "Sandybridge" (AVX).
const char *mf_blas_core_to_select(const mf_cpu_features *features, const char *reported_core,
                                   const char *user_coretype, bool library_is_dynamic);

/// When the program was re-executed to select a core: the core OpenBLAS had picked on its own
/// (e.g. "Prescott"); NULL when the library's choice was kept.
const char *mf_blas_replaced_core(void);

/// When the program was re-executed: the core it requested (e.g. "SkylakeX"); otherwise NULL.
const char *mf_blas_requested_core(void);

/// Whether this build was compiled for x86-64-v3 (release builds on x86-64).
bool mf_build_requires_x86_64_v3(void);

#endif

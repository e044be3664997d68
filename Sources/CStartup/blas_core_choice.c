// Whether OpenBLAS's kernel choice wastes the CPU. A DYNAMIC_ARCH OpenBLAS maps the CPU's model
// number to a kernel set ("core") when it loads; a model newer than the library falls back to a
// generic core (Prescott: SSE3) even when the CPU has AVX2 or AVX-512, which makes sgemm several
// times slower. The feature bits tell us what the CPU can run whatever its model number.
#include "CStartup.h"
#include <strings.h>

/// The x86-64 core names of OpenBLAS (driver/others/dynamic.c) and the instruction set their
/// kernels use. Names not listed (a newer library's) are never second-guessed.
static const struct { const char *name; int level; } known_cores[] = {
    {"Unknown", MF_BLAS_LEVEL_SSE}, {"Katmai", MF_BLAS_LEVEL_SSE}, {"Coppermine", MF_BLAS_LEVEL_SSE},
    {"Northwood", MF_BLAS_LEVEL_SSE}, {"Prescott", MF_BLAS_LEVEL_SSE}, {"Banias", MF_BLAS_LEVEL_SSE},
    {"Atom", MF_BLAS_LEVEL_SSE}, {"Core2", MF_BLAS_LEVEL_SSE}, {"Penryn", MF_BLAS_LEVEL_SSE},
    {"Dunnington", MF_BLAS_LEVEL_SSE}, {"Nehalem", MF_BLAS_LEVEL_SSE}, {"Athlon", MF_BLAS_LEVEL_SSE},
    {"Opteron", MF_BLAS_LEVEL_SSE}, {"Opteron_SSE3", MF_BLAS_LEVEL_SSE}, {"Barcelona", MF_BLAS_LEVEL_SSE},
    {"Nano", MF_BLAS_LEVEL_SSE}, {"Bobcat", MF_BLAS_LEVEL_SSE},
    {"Sandybridge", MF_BLAS_LEVEL_AVX}, {"Bulldozer", MF_BLAS_LEVEL_AVX}, {"Piledriver", MF_BLAS_LEVEL_AVX},
    {"Steamroller", MF_BLAS_LEVEL_AVX},
    {"Haswell", MF_BLAS_LEVEL_AVX2}, {"Zen", MF_BLAS_LEVEL_AVX2}, {"Excavator", MF_BLAS_LEVEL_AVX2},
    {"SkylakeX", MF_BLAS_LEVEL_AVX512}, {"Cooperlake", MF_BLAS_LEVEL_AVX512},
    {"SapphireRapids", MF_BLAS_LEVEL_AVX512},
};

int mf_blas_core_level(const char *core) {
    if (core == NULL) return MF_BLAS_LEVEL_UNKNOWN;
    for (size_t i = 0; i < sizeof known_cores / sizeof known_cores[0]; i++)
        if (strcasecmp(core, known_cores[i].name) == 0) return known_cores[i].level;
    return MF_BLAS_LEVEL_UNKNOWN;
}

int mf_cpu_blas_level(const mf_cpu_features *f) {
    bool avx2 = f->avx && f->avx2 && f->fma;
    // OpenBLAS's AVX-512 kernels need F, BW and VL (Xeon Phi, with F only, is not enough).
    if (avx2 && f->avx512f && f->avx512bw && f->avx512vl) return MF_BLAS_LEVEL_AVX512;
    if (avx2) return MF_BLAS_LEVEL_AVX2;
    if (f->avx) return MF_BLAS_LEVEL_AVX;
    return MF_BLAS_LEVEL_SSE;
}

const char *mf_blas_core_to_select(const mf_cpu_features *features, const char *reported_core,
                                   const char *user_coretype, bool library_is_dynamic) {
    if (user_coretype != NULL || !library_is_dynamic) return NULL;
    int reported = mf_blas_core_level(reported_core);
    if (reported == MF_BLAS_LEVEL_UNKNOWN) return NULL;
    int possible = mf_cpu_blas_level(features);
    if (possible <= reported) return NULL;
    switch (possible) {
    // SkylakeX even when the CPU has AVX-512 BF16 (Cooperlake): the two share their sgemm and
    // dgemm kernels, and OpenBLAS 0.3.21 does not accept "Cooperlake" in OPENBLAS_CORETYPE
    // ("Core not found"), so asking for it would fall back to the same generic choice.
    case MF_BLAS_LEVEL_AVX512: return "SkylakeX";
    case MF_BLAS_LEVEL_AVX2: return "Haswell";
    case MF_BLAS_LEVEL_AVX: return "Sandybridge";
    default: return NULL;
    }
}

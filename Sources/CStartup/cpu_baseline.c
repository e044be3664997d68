// The x86-64-v3 micro-architecture level (x86-64 psABI, "Micro-architecture levels"): what a
// release build compiled for it (-target-cpu haswell implies all of these) may execute anywhere.
#include "CStartup.h"
#include <string.h>

int mf_x86_64_v3_missing(const mf_cpu_features *f, char *out, size_t size) {
    const struct { bool present; const char *name; } required[] = {
        {f->avx2, "AVX2"}, {f->fma, "FMA"}, {f->avx, "AVX"}, {f->bmi1, "BMI1"}, {f->bmi2, "BMI2"},
        {f->f16c, "F16C"}, {f->lzcnt, "LZCNT"}, {f->movbe, "MOVBE"}, {f->xsave, "XSAVE"},
        {f->sse3, "SSE3"}, {f->ssse3, "SSSE3"}, {f->sse4_1, "SSE4.1"}, {f->sse4_2, "SSE4.2"},
        {f->popcnt, "POPCNT"}, {f->cx16, "CMPXCHG16B"}, {f->lahf, "LAHF-SAHF"},
    };
    int missing = 0;
    size_t used = 0;
    bool full = size == 0;  // once a name does not fit, the list stops there
    if (size > 0) out[0] = 0;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
        if (required[i].present) continue;
        const char *separator = missing > 0 ? ", " : "";
        size_t need = strlen(separator) + strlen(required[i].name);
        if (!full && used + need >= size) full = true;
        if (!full) {
            memcpy(out + used, separator, strlen(separator));
            memcpy(out + used + strlen(separator), required[i].name, strlen(required[i].name));
            used += need;
            out[used] = 0;
        }
        missing++;
    }
    return missing;
}

bool mf_build_requires_x86_64_v3(void) {
#ifdef MFSH_REQUIRES_X86_64_V3
    return true;
#else
    return false;
#endif
}

// Reads the CPU's features with CPUID and the operating system's enabled register state with
// XGETBV. Bit positions are those of the Intel SDM, vol. 2A, "CPUID" (AMD uses the same ones).
#include "CStartup.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

static bool bit(unsigned int word, int index) { return (word >> index) & 1u; }

/// XCR0, the register state the OS saves on context switches. Written as the raw instruction so
/// this file needs no -mxsave flag.
static unsigned long long read_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

mf_cpu_features mf_cpu_features_read(void) {
    mf_cpu_features f;
    memset(&f, 0, sizeof f);
    unsigned int max_leaf = __get_cpuid_max(0, NULL);
    if (max_leaf < 1) return f;
    unsigned int eax, ebx, ecx, edx;
    __cpuid_count(1, 0, eax, ebx, ecx, edx);
    f.sse3 = bit(ecx, 0);
    f.ssse3 = bit(ecx, 9);
    f.cx16 = bit(ecx, 13);
    f.sse4_1 = bit(ecx, 19);
    f.sse4_2 = bit(ecx, 20);
    f.movbe = bit(ecx, 22);
    f.popcnt = bit(ecx, 23);
    f.xsave = bit(ecx, 26);
    bool osxsave = bit(ecx, 27);
    bool cpu_avx = bit(ecx, 28), cpu_fma = bit(ecx, 12), cpu_f16c = bit(ecx, 29);

    // AVX state (XMM + YMM, XCR0 bits 1-2); AVX-512 adds opmask, ZMM0-15 high, ZMM16-31 (bits 5-7).
    unsigned long long xcr0 = osxsave ? read_xcr0() : 0;
    bool os_ymm = (xcr0 & 0x6) == 0x6;
    bool os_zmm = os_ymm && (xcr0 & 0xe0) == 0xe0;
    f.avx = cpu_avx && os_ymm;
    f.fma = cpu_fma && os_ymm;
    f.f16c = cpu_f16c && os_ymm;

    if (max_leaf >= 7) {
        __cpuid_count(7, 0, eax, ebx, ecx, edx);
        unsigned int max_subleaf = eax;
        f.bmi1 = bit(ebx, 3);
        f.bmi2 = bit(ebx, 8);
        f.avx2 = bit(ebx, 5) && os_ymm;
        f.avx512f = bit(ebx, 16) && os_zmm;
        f.avx512bw = bit(ebx, 30) && os_zmm;
        f.avx512vl = bit(ebx, 31) && os_zmm;
        f.avx512fp16 = bit(edx, 23) && os_zmm;
        if (max_subleaf >= 1) {
            __cpuid_count(7, 1, eax, ebx, ecx, edx);
            f.avx512bf16 = bit(eax, 5) && os_zmm;
        }
    }
    if (__get_cpuid_max(0x80000000u, NULL) >= 0x80000001u) {
        __cpuid(0x80000001u, eax, ebx, ecx, edx);
        f.lahf = bit(ecx, 0);
        f.lzcnt = bit(ecx, 5);
    }
    return f;
}

bool mf_cpu_brand(char *out, size_t size) {
    if (size == 0) return false;
    out[0] = 0;
    if (__get_cpuid_max(0x80000000u, NULL) < 0x80000004u) return false;
    unsigned int words[12];
    for (unsigned int i = 0; i < 3; i++)
        __cpuid(0x80000002u + i, words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]);
    char text[49];
    memcpy(text, words, 48);
    text[48] = 0;
    // The string is padded with spaces (leading on some Intel parts) and NULs.
    const char *start = text;
    while (*start == ' ') start++;
    size_t length = strlen(start);
    while (length > 0 && start[length - 1] == ' ') length--;
    if (length >= size) length = size - 1;
    memcpy(out, start, length);
    out[length] = 0;
    return length > 0;
}

#else

mf_cpu_features mf_cpu_features_read(void) {
    mf_cpu_features f;
    memset(&f, 0, sizeof f);
    return f;
}

bool mf_cpu_brand(char *out, size_t size) {
    if (size > 0) out[0] = 0;
    return false;
}

#endif

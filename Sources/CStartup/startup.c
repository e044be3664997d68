// Runs when the program is loaded, after the shared libraries (OpenBLAS has already chosen its
// kernels) and before main, so before any of our AVX2 numerics:
//
// 1. A release build is compiled for x86-64-v3; on an older CPU it would die on its first AVX2
//    instruction with "Illegal instruction". Stop instead with a message that says why.
// 2. OpenBLAS reads OPENBLAS_CORETYPE only while it loads. When its own choice is below what the
//    CPU can run (see blas_core_choice.c), execute the program again, once, with the variable
//    set in the new process's environment. The new process removes it again, so programs it
//    starts see the user's environment; a variable the user set is never touched.
//
// Being in every program that links MixFlowOps (mfsh, mfbench, the test runner) is the point:
// none of them needs the user to know about OPENBLAS_CORETYPE.
#define _GNU_SOURCE
#include "CStartup.h"
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/// Set (to the core OpenBLAS picked on its own) only in the re-executed process; its presence
/// is what stops a second re-execution.
static const char reexec_marker[] = "MFSH_INTERNAL_BLAS_REEXEC";
static const char coretype_variable[] = "OPENBLAS_CORETYPE";

/// EX_UNAVAILABLE (sysexits.h): the program cannot run on this machine.
enum { exit_unsupported_cpu = 69 };

static char replaced_core[64];
static char requested_core[64];

const char *mf_blas_replaced_core(void) { return replaced_core[0] ? replaced_core : NULL; }
const char *mf_blas_requested_core(void) { return requested_core[0] ? requested_core : NULL; }

static void copy_text(char *destination, size_t size, const char *source) {
    strncpy(destination, source ? source : "", size - 1);
    destination[size - 1] = 0;
}

static void write_text(const char *text) {
    size_t length = strlen(text);
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= (size_t)written;
    }
}

static const char *program_name(char **argv) {
    if (argv == NULL || argv[0] == NULL) return "mfsh";
    const char *slash = strrchr(argv[0], '/');
    return slash ? slash + 1 : argv[0];
}

static void stop_on_unsupported_cpu(const mf_cpu_features *features, char **argv) {
    if (!mf_build_requires_x86_64_v3()) return;
    char missing[256];
    if (mf_x86_64_v3_missing(features, missing, sizeof missing) == 0) return;
    write_text(program_name(argv));
    write_text(": this build needs an x86-64-v3 processor (Intel Haswell, AMD Excavator or Zen, or newer)"
               " and this one lacks ");
    write_text(missing);
    write_text(".\nA portable build runs here, more slowly: MFSH_PORTABLE=1 swift build -c release\n");
    _exit(exit_unsupported_cpu);
}

/// Asks the loaded OpenBLAS (found by name, so nothing here breaks with another BLAS).
static const char *openblas_text(const char *symbol) {
    void *function = dlsym(RTLD_DEFAULT, symbol);
    if (function == NULL) return NULL;
    return ((const char *(*)(void))function)();
}

static void select_blas_core(const mf_cpu_features *features, char **argv) {
    const char *picked = getenv(reexec_marker);
    if (picked != NULL) {
        // The re-executed process: note what happened for `mfsh --version`, then restore the
        // environment the user gave us.
        copy_text(replaced_core, sizeof replaced_core, picked);
        copy_text(requested_core, sizeof requested_core, getenv(coretype_variable));
        unsetenv(coretype_variable);
        unsetenv(reexec_marker);
        return;
    }
    const char *core = openblas_text("openblas_get_corename");
    const char *config = openblas_text("openblas_get_config");
    bool dynamic = config != NULL && strstr(config, "DYNAMIC_ARCH") != NULL;
    const char *choice = mf_blas_core_to_select(features, core, getenv(coretype_variable), dynamic);
    if (choice == NULL || argv == NULL || argv[0] == NULL) return;
    if (setenv(reexec_marker, core, 1) != 0 || setenv(coretype_variable, choice, 1) != 0) {
        unsetenv(reexec_marker);
        return;
    }
    execv("/proc/self/exe", argv);
    // Could not execute ourselves (no /proc): run on with the library's choice.
    unsetenv(coretype_variable);
    unsetenv(reexec_marker);
}

#if defined(__GLIBC__)
// glibc passes argc, argv and envp to ELF constructors; priority 101 runs this before the
// program's other constructors.
__attribute__((constructor(101)))
static void mf_startup(int argc, char **argv, char **envp) {
    (void)argc;
    (void)envp;
    mf_cpu_features features = mf_cpu_features_read();
    stop_on_unsupported_cpu(&features, argv);
    select_blas_core(&features, argv);
}
#else
// Other C libraries pass no arguments: without argv there is no re-execution.
__attribute__((constructor(101)))
static void mf_startup(void) {
    mf_cpu_features features = mf_cpu_features_read();
    stop_on_unsupported_cpu(&features, NULL);
}
#endif

// OpenBLAS (Debian: libopenblas-dev). Debian's libopenblas also carries LAPACK, so the few LAPACK
// routines we use are declared here with their Fortran calling convention rather than pulling in
// LAPACKE as a second library.
#ifndef MFSH_CBLAS_SHIM_H
#define MFSH_CBLAS_SHIM_H
#include <cblas.h>

/* Symmetric eigendecomposition (divide and conquer). */
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info);
/* Singular value decomposition (divide and conquer). */
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info);
/* QR factorisation and forming Q, for randomized range finders. */
void dgeqrf_(const int *m, const int *n, double *a, const int *lda, double *tau, double *work,
             const int *lwork, int *info);
void dorgqr_(const int *m, const int *n, const int *k, double *a, const int *lda, const double *tau,
             double *work, const int *lwork, int *info);
#endif

// OpenBLAS: CBLAS, thread control (openblas_set_num_threads, openblas_get_corename), and the
// LAPACK routines the project calls, declared with Fortran linkage (OpenBLAS bundles LAPACK).
#include <cblas.h>
extern void sgelsd_(const int *m, const int *n, const int *nrhs, float *a, const int *lda, float *b,
                    const int *ldb, float *s, const float *rcond, int *rank, float *work,
                    const int *lwork, int *iwork, int *info);
extern void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda, double *b,
                    const int *ldb, double *s, const double *rcond, int *rank, double *work,
                    const int *lwork, int *iwork, int *info);
extern void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                    double *w, double *work, const int *lwork, int *iwork, const int *liwork, int *info);

// The SSE control/status register, for flushing subnormal results and operands to zero
// (FTZ, bit 15; DAZ, bit 6) around a computation (Regressors/FloatEnvironment.swift).
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
static inline unsigned int repro_mxcsr_get(void) { return _mm_getcsr(); }
static inline void repro_mxcsr_set(unsigned int value) { _mm_setcsr(value); }
#else
static inline unsigned int repro_mxcsr_get(void) { return 0; }
static inline void repro_mxcsr_set(unsigned int value) { (void)value; }
#endif

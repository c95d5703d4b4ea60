/* The ISA variants of the library's two kernels, and the one place that
 * chooses among them; library-internal, not installed.
 *
 * Each family has a scalar variant in portable C, the reference the others
 * are tested against (tests/c/test_variants.c), and faster variants with the
 * same name stem and the same signature (declared through the family's
 * function type):
 *   pr_mulbdiv_*   J exact quotients (A·a_j)/o_j in one pass (mulbdiv.c):
 *                  _scalar, _x86_64 (GNU inline assembly);
 *   pr_mulbdiv4_*  four exact quotients (A·a)/o_j in one pass (mulbdiv.c):
 *                  _scalar, _x86_64;
 *   pr_repack30_*  30-bit digits of a bit string (repack.c):
 *                  _scalar, _avx2;
 *   pr_montrun_*   the passes of a block of a row modulo an odd m (montrun.c,
 *                  for mod_walk.c): for m < 2^31 _scalar, _avx2; for m < 2^63
 *                  _wide (scalar), _wide_avx512.
 * The build decides which variants exist (PR_HAVE_* below); the CPU decides,
 * once per process, which of them run (pr_kernels(), dispatch.c).
 */
#ifndef PASCALROW_DISPATCH_H
#define PASCALROW_DISPATCH_H

#include "internal.h"

/* ------------------------------------------- variants compiled in this build */

/* AddressSanitizer cannot see inside inline assembly, and its instrumentation
 * leaves too few registers for the hand-interleaved chains: an ASan build has
 * no assembly kernel and runs the scalar one.  PASCALROW_NO_ASM asks for the
 * portable C variants only (tests/c/meson.build builds the library so too). */
#if defined(__SANITIZE_ADDRESS__)
#  define PR_ASAN 1
#elif defined(__has_feature)
#  if __has_feature(address_sanitizer)
#    define PR_ASAN 1
#  endif
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PASCALROW_NO_ASM) && !defined(PR_ASAN)
#  define PR_HAVE_MULBDIV_X86_64 1
#else
#  define PR_HAVE_MULBDIV_X86_64 0
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PASCALROW_NO_ASM)
#  define PR_HAVE_REPACK30_AVX2 1
#else
#  define PR_HAVE_REPACK30_AVX2 0
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PASCALROW_NO_ASM)
#  define PR_HAVE_MONTRUN_AVX2 1
#else
#  define PR_HAVE_MONTRUN_AVX2 0
#endif

#if defined(__x86_64__) && defined(__GNUC__) && !defined(PASCALROW_NO_ASM)
#  define PR_HAVE_MONTRUN_WIDE_AVX512 1
#else
#  define PR_HAVE_MONTRUN_WIDE_AVX512 0
#endif

/* ------------------------------------------------------ the mulbdiv family */

/* Most quotients one pass computes (3 keeps every chain's state in x86-64
 * registers). */
#define PR_MULBDIV_JMAX 3

/* One exact ratio: multiply by a, divide exactly by the odd o (inv = o⁻¹ mod 2^64). */
struct pr_ratio { mp_limb_t a, o, inv; };

/* For j < J (1 ≤ J ≤ PR_MULBDIV_JMAX): dst[j][0..s] = src[0..s) · r[j].a / r[j].o,
 * s + 1 limbs (the top one possibly 0); s ≥ 1, the division must be exact,
 * and src[s] must be 0 (it is read as the product's top).  One pass over src;
 * nothing else of src is read, nothing else of dst written. */
typedef void pr_mulbdiv_fn(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                           const struct pr_ratio *r, int J);

pr_mulbdiv_fn pr_mulbdiv_scalar;
#if PR_HAVE_MULBDIV_X86_64
pr_mulbdiv_fn pr_mulbdiv_x86_64;
#endif

/* ----------------------------------------------------- the mulbdiv4 family */

/* Four exact quotients of one product: the walk's step for rows
 * n ≤ PR_MULBDIV4_MAX_N, where (n−k)(n−k−1)(n−k−2)(n−k−3) fits a limb. */
#define PR_MULBDIV4_J 4
struct pr_quotients4 { mp_limb_t a, o[PR_MULBDIV4_J], inv[PR_MULBDIV4_J]; };

/* For j < 4: dst[j][0..s] = src[0..s) · q->a / q->o[j], s + 1 limbs (the top
 * one possibly 0), each o[j] odd with inv[j] = o[j]⁻¹ mod 2^64; s ≥ 1, every
 * division must be exact, and src[s] must be 0 (it is read as the product's
 * top).  One pass over src, one multiplication by a per limb for all four;
 * nothing else of src is read, nothing else of dst written. */
typedef void pr_mulbdiv4_fn(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                            const struct pr_quotients4 *q);

pr_mulbdiv4_fn pr_mulbdiv4_scalar;
#if PR_HAVE_MULBDIV_X86_64
pr_mulbdiv4_fn pr_mulbdiv4_x86_64;
#endif

/* ----------------------------------------------------- the repack30 family */

/* Digits [0, nd), nd ≥ 1, 30 bits each, of the bit string that starts at bit
 * r0 < 8 of the little-endian bytes p: d[j] = bits [r0 + 30j,
 * r0 + 30j + 30).  Reads only p[0 .. PR_REPACK30_READ(nd)) — up to 31 bytes
 * past the last digit's first byte — and writes only d[0..nd). */
typedef void pr_repack30_fn(uint32_t *d, size_t nd, const unsigned char *p, unsigned r0);

/* The bytes of p a pr_repack30_* variant may read for nd digits: 30 bytes
 * per 8 digits begun, and one more. */
#define PR_REPACK30_READ(nd) (30 * (((nd) + 7) / 8) + 1)

pr_repack30_fn pr_repack30_scalar;
#if PR_HAVE_REPACK30_AVX2
pr_repack30_fn pr_repack30_avx2;
#endif

/* ------------------------------------------------------ the montrun family */

/* A block of PR_MONTRUN_LANES·q values of row n modulo an odd m, 3 ≤ m < 2^31,
 * none of whose primes is ≤ n (so n < m), walked as PR_MONTRUN_LANES runs of
 * q values side by side (src/mod_walk.c's pr_walk_mod says why).  Run j
 * covers the k with x = x0 − j·q − i = n − k and y = y0 + j·q + i = k + 1,
 * i < q.
 * Products are Montgomery's with R = 2^32 (montrun.c); mni = −m^{-1} mod 2^32.
 * Arrays are interleaved: step i of run j is at [i·PR_MONTRUN_LANES + j]. */
#define PR_MONTRUN_LANES 16

/* Forward: N[i,j] = Π_{s<i} x_s·R^{-i} mod m (the run's product before step
 * i), and for each run nx[j] = Π_{s<q} x_s·R^{-q}, dy[j] = Π_{s<q} y_s·R^{-q}. */
typedef void pr_montrun_fwd_fn(uint64_t x0, uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                               uint64_t *N, uint64_t *nx, uint64_t *dy);

/* Backward: from c[j] for each run, c ← c·y_i·R^{-1} for i = q − 1 down to 0,
 * and N[i,j] ← N[i,j]·c·R^{-1} after each: with c[j] = A·R/dy[j] that is
 * A·Π_{s<i} x_s / Π_{s<i} y_s mod m. */
typedef void pr_montrun_bwd_fn(uint64_t y0, unsigned q, uint64_t m, uint64_t mni,
                               const uint64_t *c, uint64_t *N);

pr_montrun_fwd_fn pr_montrun_fwd_scalar;
pr_montrun_bwd_fn pr_montrun_bwd_scalar;
#if PR_HAVE_MONTRUN_AVX2
pr_montrun_fwd_fn pr_montrun_fwd_avx2;
pr_montrun_bwd_fn pr_montrun_bwd_avx2;
#endif
/* The same passes for any odd m < 2^63 with R = 2^64 and mni = −m^{-1} mod
 * 2^64: _wide, scalar, the reference; _wide_avx512 (AVX-512F and DQ). */
pr_montrun_fwd_fn pr_montrun_fwd_wide;
pr_montrun_bwd_fn pr_montrun_bwd_wide;
#if PR_HAVE_MONTRUN_WIDE_AVX512
pr_montrun_fwd_fn pr_montrun_fwd_wide_avx512;
pr_montrun_bwd_fn pr_montrun_bwd_wide_avx512;
#endif

/* ------------------------------------------------------------- the choice */

/* One variant of each family. */
struct pr_kernels {
    pr_mulbdiv_fn *mulbdiv;
    pr_repack30_fn *repack30;
    pr_montrun_fwd_fn *montrun_fwd;         /* m < 2^31, R = 2^32 */
    pr_montrun_bwd_fn *montrun_bwd;
    pr_montrun_fwd_fn *montrun_fwd_wide;    /* m < 2^63, R = 2^64 */
    pr_montrun_bwd_fn *montrun_bwd_wide;
    pr_mulbdiv4_fn *mulbdiv4;
};

/* The fastest compiled variants this CPU runs, decided on the first call
 * (CPUID) and the same for the rest of the process; callers ask once per
 * walk and call through the pointers. */
const struct pr_kernels *pr_kernels(void);

/* Whether this CPU and its OS run AVX2 code (0 off x86-64). */
int pr_cpu_avx2(void);

/* Whether this CPU and its OS run AVX-512F and AVX-512DQ code (0 off x86-64). */
int pr_cpu_avx512(void);

#endif

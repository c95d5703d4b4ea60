/* The ISA variants of the library's two kernels, and the one place that
 * chooses among them; library-internal, not installed.
 *
 * Each family has a scalar variant in portable C, the reference the others
 * are tested against (tests/test_variants.c), and faster variants with the
 * same name stem and the same signature (declared through the family's
 * function type):
 *   pr_mulbdiv_*   J exact quotients (A·a_j)/o_j in one pass (mulbdiv.c):
 *                  _scalar, _x86_64 (GNU inline assembly);
 *   pr_repack30_*  30-bit digits of a bit string (repack.c):
 *                  _scalar, _avx2.
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
 * portable C variants only (tests/meson.build builds the library so too). */
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

/* ----------------------------------------------------- the repack30 family */

/* Digits [0, nd), nd ≥ 1, 30 bits each, of the bit string that starts at bit
 * r0 ∈ {0, 4} of the little-endian bytes p: d[j] = bits [r0 + 30j,
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

/* ------------------------------------------------------------- the choice */

/* One variant of each family. */
struct pr_kernels {
    pr_mulbdiv_fn *mulbdiv;
    pr_repack30_fn *repack30;
};

/* The fastest compiled variants this CPU runs, decided on the first call
 * (CPUID) and the same for the rest of the process; callers ask once per
 * walk and call through the pointers. */
const struct pr_kernels *pr_kernels(void);

/* Whether this CPU and its OS run AVX2 code (0 off x86-64). */
int pr_cpu_avx2(void);

#endif

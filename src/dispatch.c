/* Which kernel variant runs: the feature test and the table of variants by
 * ISA level (see dispatch.h).
 *
 * The assembly mulbdiv and mulbdiv4 use baseline x86-64 instructions only,
 * so every x86-64 CPU runs them and they need no feature test; the AVX2 repack needs the
 * CPU's AVX2 bit and the OS saving the YMM registers (pr_cpu_avx2 asks
 * CPUID and XCR0); the AVX-512 wide montrun needs AVX-512F and DQ and the
 * OS saving the ZMM and mask registers as well (pr_cpu_avx512).
 */
#include "dispatch.h"

#include <stdatomic.h>
#if defined(__x86_64__) && defined(__GNUC__)
#  include <cpuid.h>
#endif

/* ISA levels: rows of the table. */
enum pr_isa { PR_ISA_BASELINE, PR_ISA_AVX2, PR_ISA_AVX512, PR_ISA_COUNT };

#if PR_HAVE_MULBDIV_X86_64
#  define MULBDIV_BASELINE pr_mulbdiv_x86_64
#  define MULBDIV4_BASELINE pr_mulbdiv4_x86_64
#else
#  define MULBDIV_BASELINE pr_mulbdiv_scalar
#  define MULBDIV4_BASELINE pr_mulbdiv4_scalar
#endif
#if PR_HAVE_REPACK30_AVX2
#  define REPACK30_AVX2 pr_repack30_avx2
#else
#  define REPACK30_AVX2 pr_repack30_scalar      /* not compiled: the scalar one */
#endif

#if PR_HAVE_MONTRUN_AVX2
#  define MONTRUN_FWD_AVX2 pr_montrun_fwd_avx2
#  define MONTRUN_BWD_AVX2 pr_montrun_bwd_avx2
#else
#  define MONTRUN_FWD_AVX2 pr_montrun_fwd_scalar
#  define MONTRUN_BWD_AVX2 pr_montrun_bwd_scalar
#endif

#if PR_HAVE_MONTRUN_WIDE_AVX512
#  define MONTRUN_FWD_WIDE_AVX512 pr_montrun_fwd_wide_avx512
#  define MONTRUN_BWD_WIDE_AVX512 pr_montrun_bwd_wide_avx512
#else
#  define MONTRUN_FWD_WIDE_AVX512 pr_montrun_fwd_wide
#  define MONTRUN_BWD_WIDE_AVX512 pr_montrun_bwd_wide
#endif

/* Each level runs what the levels below it run, and more. */
static const struct pr_kernels kernels[] = {
    [PR_ISA_BASELINE] = { MULBDIV_BASELINE, pr_repack30_scalar, pr_montrun_fwd_scalar, pr_montrun_bwd_scalar,
                          pr_montrun_fwd_wide, pr_montrun_bwd_wide, MULBDIV4_BASELINE },
    [PR_ISA_AVX2]     = { MULBDIV_BASELINE, REPACK30_AVX2, MONTRUN_FWD_AVX2, MONTRUN_BWD_AVX2,
                          pr_montrun_fwd_wide, pr_montrun_bwd_wide, MULBDIV4_BASELINE },
    [PR_ISA_AVX512]   = { MULBDIV_BASELINE, REPACK30_AVX2, MONTRUN_FWD_AVX2, MONTRUN_BWD_AVX2,
                          MONTRUN_FWD_WIDE_AVX512, MONTRUN_BWD_WIDE_AVX512, MULBDIV4_BASELINE },
};
_Static_assert(sizeof kernels / sizeof kernels[0] == PR_ISA_COUNT, "one row per ISA level");

#if defined(__x86_64__) && defined(__GNUC__)
/* Whether XCR0 has every bit of xcr0_bits set and CPUID leaf 7 (subleaf 0)
 * every bit of ebx_bits in EBX; xgetbv needs the OS to use XSAVE, which the
 * caller has checked. */
static int xcr0_and_leaf7(unsigned xcr0_bits, unsigned ebx_bits)
{
    unsigned a, b, c, d;
    unsigned xcr0_lo, xcr0_hi;
    __asm__("xgetbv" : "=a"(xcr0_lo), "=d"(xcr0_hi) : "c"(0));
    if ((xcr0_lo & xcr0_bits) != xcr0_bits) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & ebx_bits) == ebx_bits;
}
#endif

/* AVX2 from CPUID itself, not __builtin_cpu_supports: that reads a table
 * the compiler's runtime fills in a constructor, and not every runtime does
 * (zig's, which builds the manylinux wheels, answers 0 on AVX2 machines).
 * AVX2 code needs three things: the CPU has AVX2 (leaf 7, EBX bit 5), the
 * OS uses XSAVE (leaf 1, ECX bit 27) and saves the YMM registers on a
 * context switch (XCR0 bits 1 and 2, read by xgetbv). */
int pr_cpu_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0;
    return xcr0_and_leaf7(6u, 1u << 5);
#else
    return 0;
#endif
}

/* AVX-512F and DQ, by CPUID and XCR0 as pr_cpu_avx2 (whose tests it
 * includes: every row above AVX2's runs AVX2 code too): leaf 7, EBX bits 16
 * (F) and 17 (DQ), and XCR0 bits 5, 6 and 7, the OS saving the opmask
 * registers and both halves of the 32 ZMM registers.  Valgrind's CPUID
 * reports no AVX-512 (it cannot run it): under it this answers 0. */
int pr_cpu_avx512(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return pr_cpu_avx2() && xcr0_and_leaf7(0xe6u, 3u << 16);
#else
    return 0;
#endif
}

const struct pr_kernels *pr_kernels(void)
{
    /* -1 until the first call; threads racing on it store the same level */
    static atomic_int level = -1;
    int l = atomic_load_explicit(&level, memory_order_relaxed);
    if (l < 0) {
        l = pr_cpu_avx512() ? PR_ISA_AVX512 : pr_cpu_avx2() ? PR_ISA_AVX2 : PR_ISA_BASELINE;
        atomic_store_explicit(&level, l, memory_order_relaxed);
    }
    return &kernels[l];
}

/* Size bounds: how big C(n, k) and row n are, before any work.
 *
 * Stirling with Robbins' bounds, 1/(12m+1) < ln m! − (m ln m − m + ½ ln 2πm) < 1/(12m),
 * gives for 1 ≤ k ≤ n−1:
 *   ln C(n,k) < k ln(n/k) + (n−k) ln(n/(n−k)) − ½ ln(2π k (n−k) / n) + 1/(12n).
 * The two entropy terms are computed as k·ln(n/k) and (n−k)·log1p(k/(n−k)),
 * with no difference of large numbers, so the bound stays tight for n up to
 * 2^64 and any k (plain lgamma differences lose tens of bits there).
 */
#include "internal.h"

#include <math.h>

uint64_t pascalrow_comb_bits_bound(uint64_t n, uint64_t k)
{
    if (k > n) return 0;
    if (k > n - k) k = n - k;              /* C(n,k) = C(n,n−k) */
    if (k == 0) return 1;                  /* C(n,0) = 1 */
    const long double N = (long double)n, K = (long double)k, M = N - K;
    long double ln_c = K * logl(N / K) + M * log1pl(K / M)
                     - 0.5L * logl(2.0L * 3.14159265358979323846L * K * M / N)
                     + 1.0L / (12.0L * N);
    /* bitlen = floor(log2 C) + 1 ≤ log2 C + 1; pad for rounding in long double. */
    long double bits = ln_c / 0.69314718055994530942L;
    bits = bits * (1.0L + 1e-12L) + 3.0L;
    uint64_t b = bits >= 18446744073709551615.0L ? UINT64_MAX : (uint64_t)bits;
    /* C(n,k) ≤ 2^n − 1 < 2^n, so bitlen ≤ n: never claim more than that. */
    return b < n ? b : n;
}

/* Σ_{k≤n/2} bitlen C(n,k) ≤ Σ (log2 C(n,k) + 1), and Σ_{k=0}^{n} ln C(n,k)
 * = n²/2 − (n/2) ln n + O(n), so the half row holds n²/(4 ln 2) − (n/4) log2 n
 * + O(n) bits: n²/(4 ln 2) + n + 1 is above it (checked for every n ≤ 3000 in
 * tests/c/test_core.c) and within 1% of it once n ≥ 2000. */
uint64_t pascalrow_row_half_bits(uint64_t n)
{
    const long double N = (long double)n;
    long double bits = N * N / (4.0L * 0.69314718055994530942L) + N + 1.0L;
    if (bits >= 18446744073709551615.0L) return UINT64_MAX;
    return (uint64_t)bits + 1;
}

/* One exact binomial coefficient C(n, k) from its prime factorisation, on one
 * or more threads (binom.c); library-internal, not installed. */
#ifndef PASCALROW_BINOM_H
#define PASCALROW_BINOM_H

#include "internal.h"

/* The chooser's crossovers, with k = min(k, n − k) (binom.c says what each
 * way is; tests/c/test_binom.c checks both sides of each). */

/* k ≤ PR_BINOM_GMP_K_MAX: mpz_bin_uiui.  Measured with GMP 6.2
 * (bench/c/binom_speed.c -w, which times each way), its limb-by-limb
 * product (k ≤ 25), split product (k ≤ 70) and Hensel division are faster
 * than the stripped way (whose fixed cost is the bound, the tables and the
 * tree's first integers) below a k that grows as n shrinks: the two take
 * the same time near k = 120 at n = 2^64 − 1, 170 at 10^7, 240 at 10^5
 * (µs at k = 100, 200, 300: 4.3/4.6, 14.8/9.9, 31/17 at n = 2^64 − 1;
 * 1.0/1.5, 3.3/2.8, 6.4/4.1 at 10^7; GMP/ours).  Past it the Hensel
 * division's quadratic cost grows fast; at the threshold chosen, the
 * slower of the two is at most 1.5× the faster. */
#define PR_BINOM_GMP_K_MAX 200

/* k ≥ n / PR_BINOM_STRIP_RATIO: full factorisation, else the stripped
 * numerator.  Measured at n = 10^5, 10^6, 10^7: the two take the same time
 * at k ≈ n/10–n/12 (C(10^7, 8·10^5): 39.9 and 39.8 ms), the sieve up to
 * n/2 costing what stripping k numbers does; at n/17 the stripped way is
 * 10% faster, at n/8 the full one. */
#define PR_BINOM_STRIP_RATIO 11

/* out = C(n, k), k ≤ n (callers answer k > n themselves), on the calling
 * thread and up to nthreads − 1 helper threads (0 or 1: the calling thread
 * only), every helper joined before the return.  Returns PASCALROW_OK, or
 * PASCALROW_ENOMEM when pascalrow_memory_available(pr_binom_bytes(n, k))
 * fails, or when GMP's memory functions return NULL for a table (installed
 * ones may; GMP's own abort instead, after the probe made room) — out is
 * then unchanged.  The result is the same for every nthreads. */
int pr_binom(uint64_t n, uint64_t k, unsigned nthreads, mpz_t out);

/* An upper bound on the bytes pr_binom(n, k, ·, out) holds at once, for any
 * number of threads: its tables, GMP's integers and GMP's scratch, with
 * allocator overhead (not counting out's old limbs or thread stacks).  k ≤ n. */
uint64_t pr_binom_bytes(uint64_t n, uint64_t k);

#endif

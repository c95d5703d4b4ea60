/* One exact binomial coefficient C(n, k) from its prime factorisation, on one
 * or more threads (binom.c); library-internal, not installed. */
#ifndef PASCALROW_BINOM_H
#define PASCALROW_BINOM_H

#include "internal.h"

/* out = C(n, k), k ≤ n (callers answer k > n themselves), on the calling
 * thread and up to nthreads − 1 helper threads (0 or 1: the calling thread
 * only), every helper joined before the return.  Returns PASCALROW_OK, or
 * PASCALROW_ENOMEM when pascalrow_memory_available(pr_binom_bytes(n, k))
 * fails or a table cannot be allocated — out is then unchanged.  The result
 * is the same for every nthreads. */
int pr_binom(uint64_t n, uint64_t k, unsigned nthreads, mpz_t out);

/* An upper bound on the bytes pr_binom(n, k, ·, out) holds at once, for any
 * number of threads: its tables, GMP's integers and GMP's scratch, with
 * allocator overhead (not counting out's old limbs or thread stacks).  k ≤ n. */
uint64_t pr_binom_bytes(uint64_t n, uint64_t k);

#endif

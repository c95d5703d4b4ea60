/* How much memory (and modular work) a request will take, and refusing it
 * up front.
 *
 * Every public function estimates its result's memory before any work
 * starts, with the estimator named for it below, and raises MemoryError
 * (pr_refuse_memory) when that is more than this process may still use:
 * Linux overcommits, so an impossible request would otherwise be killed
 * part-way rather than fail.  The estimates are upper bounds up to a few
 * percent; each states its derivation in _memory.c, from the library's
 * own bounds where the library has them (pascalrow_*_bits_bound,
 * pascalrow_*_bytes).  GMP's own scratch, which it cannot fail to allocate
 * without aborting, is probed by the library (pascalrow_memory_available)
 * before each GMP call it makes; pr_refuse_memory(..., gmp = 1) probes it
 * as well before a long GMP computation, so that its MemoryError names the
 * request. */
#ifndef PASCALROW_MEMORY_H
#define PASCALROW_MEMORY_H

#include <stdint.h>

/* Row n (n > 67) as a list. */
double pr_mem_row(uint64_t n);

/* The slice [a, b) of row n (a < b ≤ n + 1) as a list, walked over its
 * lower-half range (pascalrow_slice_hull). */
double pr_mem_slice(uint64_t n, uint64_t a, uint64_t b);

/* Σ C(n,k) over the slice [a, b) (clipped, non-empty) of row n, as an int. */
double pr_mem_row_sum(uint64_t n, uint64_t a, uint64_t b);

/* C(n, k) for n < 2^64 (k ≤ n/2), as an int. */
double pr_mem_comb(uint64_t n, uint64_t k);

/* C(n, k) for an n of nbits bits (n ≥ 2^64), pascalrow_comb_mpz_big. */
double pr_mem_comb_big_n(uint64_t nbits, uint64_t k);

/* C(n, k) mod m by the base-p digits of an n of nbits bits
 * (pascalrow_*_mod_mpz): the digit arrays and GMP's temporaries. */
double pr_mem_mod_big(uint64_t nbits);

/* A multinomial of at most `bits` bits, built by GMP products. */
double pr_mem_multinomial(double bits);

/* Row n (n > 67) of pascal_triangle: the iterator's mpz_t row and the list. */
double pr_mem_triangle_row(uint64_t n);

/* A pascalrow.WordArray of len values of `bits` bits, with a uint64 staging buffer
 * of len values when `staged`. */
double pr_mem_array(uint64_t len, unsigned bits, int staged);

/* len values mod m (< 2^63) as a list, with their uint64 buffer. */
double pr_mem_mod_list(uint64_t len);

/* 0 when `bytes` fit in the memory this process may still use; else -1 with
 * MemoryError naming the request (what_fmt and its arguments, printf-style,
 * formatted only then).  With gmp (memory GMP will allocate, aborting the
 * process if it cannot) also -1 when that much cannot be allocated right
 * now.  Requests below 64 MiB are not checked against the limit (see
 * _memory.c). */
int pr_refuse_memory(double bytes, int gmp, const char *what_fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* 0 when `cost` (in the library's modular steps, a few modular products
 * each: pascalrow_slice_mod_cost, pascalrow_comb_mod_cost) is at most
 * PASCALROW_MOD_COST_LIMIT, about a minute of work; else -1 with
 * OverflowError naming `what`. */
int pr_refuse_mod_cost(const char *what, uint64_t cost);

#endif

/* The distinct primes of a modulus, for the mod m code (pr_factor_modulus,
 * src/granville.c), and the primality test behind them, for
 * src/valuation.c; library-internal, not installed. */
#ifndef PASCALROW_FACTOR_H
#define PASCALROW_FACTOR_H

#include <stdint.h>

/* 2·3·5·…·47 (15 primes) ≤ 2^63 − 1 < 2·3·5·…·53: m has at most 15 primes. */
#define PR_MAX_PRIMES 15

/* The distinct primes of m, 1 ≤ m ≤ 2^63 − 1, in ascending order in
 * primes[0..count); returns count (0 for m = 1). */
unsigned pr_factor_primes(uint64_t m, uint64_t primes[PR_MAX_PRIMES]);

/* 1 if n is prime, else 0; deterministic for every 64-bit n. */
int pr_is_prime_u64(uint64_t n);

#endif

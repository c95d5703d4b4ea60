/* Binomials modulo m for n of any size (src/modbig.c): the digit methods
 * whatever n is, for the tests, which check them against src/mod.c where
 * n < 2^64; the public functions send n < 2^64 to src/mod.c instead.
 * Library-internal, not installed. */
#ifndef PASCALROW_MODBIG_H
#define PASCALROW_MODBIG_H

#include "pascalrow.h"

/* As pascalrow_comb_mod_mpz, pascalrow_slice_mod_mpz and
 * pascalrow_row_sum_mod_mpz for valid arguments (n, k, start, stop ≥ 0,
 * 1 ≤ m ≤ PASCALROW_MOD_MAX, out not NULL), by the digits for every n. */
int pr_comb_mod_big(const mpz_t n, const mpz_t k, uint64_t m, uint64_t *out);
int pr_slice_mod_big(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m, pascalrow_poll poll, void *ctx,
                     uint64_t *out);
int pr_row_sum_mod_big(const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m, uint64_t *out);

#endif

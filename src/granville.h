/* The digit methods for C(n,k) modulo a prime power p^a, shared by
 * src/mod*.c (n < 2^64) and src/modbig.c (n of any size); library-internal.
 *
 *   Kummer:    v_p(C(n,k)) is the number of carries when k and n − k are
 *              added in base p (pr_carries, kummer.h, for n < 2^64;
 *              modbig.c counts them on its digits).
 *   Granville: the p-free part of C(n,k) mod p^a is a product over the
 *              levels j ≥ 0 of factorials (prime to p) of the residues of
 *              ⌊n/p^j⌋, ⌊k/p^j⌋, ⌊(n−k)/p^j⌋ mod p^a, and a sign (Lucas'
 *              theorem for a = 1).
 */
#ifndef PASCALROW_GRANVILLE_H
#define PASCALROW_GRANVILLE_H

#include "factor.h"
#include "internal.h"

struct prime_power {
    uint64_t p, q;        /* q = p^a exactly divides m */
    unsigned a;
    uint64_t pinv, plim;  /* odd p: x ≡ 0 (mod p) iff x·pinv ≤ plim (mod 2^64), x/p = x·pinv */
};

struct modulus {
    uint64_t m;
    unsigned count;                     /* prime powers, ascending p */
    struct prime_power f[PR_MAX_PRIMES];
};

/* m's prime powers p^a, ascending p (src/factor.c finds the primes). */
void pr_factor_modulus(struct modulus *M, uint64_t m);

/* Factors a long loop multiplies between two questions to its stop (a few
 * milliseconds of work). */
#define PR_POLL_FACTORS ((uint64_t)1 << 20)

/* Asked by long loops now and then whether to stop: non-zero = stop (the
 * loop's result is then unused).  A NULL struct pr_stop * never stops. */
struct pr_stop {
    int (*stopped)(void *ctx);
    void *ctx;
};

/* Whether stop says stop now (never for NULL). */
static inline int pr_stopped(const struct pr_stop *stop)
{
    return stop != NULL && stop->stopped(stop->ctx) != 0;
}

/* Π i over lo < i ≤ hi with p ∤ i, mod q (hi < q). */
uint64_t pr_pfree_product(uint64_t lo, uint64_t hi, uint64_t p, uint64_t q, const struct pr_stop *stop);

/* One level of Granville's product, (N!)_p / ((K!)_p·(R!)_p) mod q from the
 * residues nr, kr, rr of N, K, R mod q; and its cost in products. */
uint64_t pr_level_factor(uint64_t nr, uint64_t kr, uint64_t rr, uint64_t p, uint64_t q,
                         const struct pr_stop *stop);
uint64_t pr_level_cost(uint64_t nr, uint64_t kr, uint64_t rr);

/* The product of the units mod q = p^a: −1 mod q, but +1 for p = 2, a ≥ 3
 * (Gauss' generalisation of Wilson's theorem). */
static inline uint64_t pr_units_product(const struct prime_power *f)
{
    return f->p == 2 && f->a >= 3 ? 1 : f->q - 1;
}

/* Granville for n < 2^64: the cost in products, and the p-free part of
 * C(n,k) mod q in *unit when unit is not NULL. */
uint64_t pr_granville(uint64_t n, uint64_t k, const struct prime_power *f, uint64_t *unit,
                      const struct pr_stop *stop);

/* x ≡ r (mod q) joined to x ≡ *x (mod *mod), gcd(q, *mod) = 1 (CRT). */
void pr_crt_join(uint64_t *x, uint64_t *mod, uint64_t r, uint64_t q);

#endif

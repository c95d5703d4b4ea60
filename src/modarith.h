/* Arithmetic modulo m ≤ 2^63 − 1, for the mod m code (src/mod*.c,
 * src/granville.c, src/modbig.c) and src/factor.c: inline functions only.
 *
 * Every product is exact: a·b < 2^127 is formed in 128 bits (pr_u128) and
 * reduced — by a 128/64 division (pr_mulmod), or, for many products modulo
 * one m, by multiplying with a precomputed inverse of m (pr_mod_mul,
 * Möller–Granlund).  The names say which: pr_mulmod, pr_powmod and
 * pr_invmod take m itself, pr_mont_mul an odd q and −q^{-1} mod 2^64, the
 * pr_mod_* functions the struct pr_mod that pr_mod_init made.
 */
#ifndef PASCALROW_MODARITH_H
#define PASCALROW_MODARITH_H

#include "internal.h"

/* a·b mod m. */
static inline uint64_t pr_mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    return (uint64_t)((pr_u128)a * b % m);
}

/* b^e mod m, square and multiply. */
static inline uint64_t pr_powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    for (b %= m; e; e >>= 1, b = pr_mulmod(b, b, m))
        if (e & 1) r = pr_mulmod(r, b, m);
    return r;
}

/* a^{-1} mod m for gcd(a, m) = 1 (extended Euclid).  The Bézout coefficient
 * t with t·a ≡ r (mod m) stays within (−m, m), so int64_t holds it. */
static inline uint64_t pr_invmod(uint64_t a, uint64_t m)
{
    int64_t t = 0, nt = 1;
    uint64_t r = m, nr = a % m;
    while (nr != 0) {
        uint64_t q = r / nr, tr = r - q * nr;
        int64_t tt = t - (int64_t)q * nt;
        r = nr; nr = tr;
        t = nt; nt = tt;
    }
    return t < 0 ? (uint64_t)(t + (int64_t)m) : (uint64_t)t;
}

/* ------------------------------------------------------------ Montgomery */

/* a·b·R^{-1} mod q for odd q < 2^63, R = 2^64 (Montgomery): with t = a·b,
 * m = t·(−q^{-1}) mod R makes t + m·q divisible by R, and (t + m·q)/R < 2q
 * for t < q·R.  Two multiplications where pr_mulmod needs a 128/64 division.
 * qneg_inv = −q^{-1} mod 2^64. */
static inline uint64_t pr_mont_mul(uint64_t a, uint64_t b, uint64_t q, uint64_t qneg_inv)
{
    pr_u128 t = (pr_u128)a * b;
    uint64_t m = (uint64_t)t * qneg_inv;
    uint64_t u = (uint64_t)((t + (pr_u128)m * q) >> 64);
    return u >= q ? u - q : u;
}


/* --------------------------------------- division by an invariant m */

/* m shifted to its top bit, d = m·2^s (s = clz(m) ≥ 1 as m < 2^63), and
 * v = ⌊(2^128 − 1)/d⌋ − 2^64, the reciprocal of Möller and Granlund
 * ("Improved division by invariant integers", 2011). */
struct pr_mod {
    uint64_t m, d, v;
    unsigned s;
};

static inline void pr_mod_init(struct pr_mod *M, uint64_t m)
{
    M->m = m;
    M->s = (unsigned)__builtin_clzll(m);
    M->d = m << M->s;
    /* (2^128 − 1 − d·2^64)/d = ⌊(2^128 − 1)/d⌋ − 2^64 < 2^64 for d ≥ 2^63 */
    M->v = (uint64_t)((((pr_u128)~M->d << 64) | UINT64_MAX) / M->d);
}

/* (u1·2^64 + u0) mod d for u1 < d (their Algorithm 4): the quotient
 * estimate q1 + 1 from v·u1 + u, then at most two corrections of the
 * remainder — no division. */
static inline uint64_t pr_mod_rem(const struct pr_mod *M, uint64_t u1, uint64_t u0)
{
    pr_u128 q = (pr_u128)M->v * u1 + (((pr_u128)u1 << 64) | u0);
    uint64_t q1 = (uint64_t)(q >> 64) + 1, q0 = (uint64_t)q;
    uint64_t r = u0 - q1 * M->d;
    r += M->d & (0 - (uint64_t)(r > q0));    /* masks, not branches: for some m */
    r -= M->d & (0 - (uint64_t)(r >= M->d)); /* (2^32) either way is a coin toss */
    return r;
}

/* a·b mod m for any a < 2^64 and b < m: a·(b·2^s) < 2^64·d, so its high
 * word is below d, and a·b·2^s mod d = 2^s·(a·b mod m). */
static inline uint64_t pr_mod_mul(const struct pr_mod *M, uint64_t a, uint64_t b)
{
    pr_u128 t = (pr_u128)a * (b << M->s);
    return pr_mod_rem(M, (uint64_t)(t >> 64), (uint64_t)t) >> M->s;
}

/* x mod m for any x < 2^64: x·2^s = (x >> (64 − s))·2^64 + (x << s), the
 * high word below 2^s ≤ d. */
static inline uint64_t pr_mod_reduce(const struct pr_mod *M, uint64_t x)
{
    return pr_mod_rem(M, x >> (64 - M->s), x << M->s) >> M->s;
}

#endif

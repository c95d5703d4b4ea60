/* Arithmetic modulo m ≤ 2^63 − 1 and factoring of m, for src/mod.c only.
 *
 * Every product is exact: a·b < 2^126 is formed in 128 bits and reduced
 * (`unsigned __int128`, GCC and Clang on 64-bit targets).
 */
#ifndef PASCALROW_MODARITH_H
#define PASCALROW_MODARITH_H

#include "internal.h"

#include <math.h>

/* a·b mod m. */
static inline uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
    return (uint64_t)((pr_u128)a * b % m);
}

/* b^e mod m, square and multiply. */
static inline uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
    uint64_t r = 1 % m;
    for (b %= m; e; e >>= 1, b = mulmod(b, b, m))
        if (e & 1) r = mulmod(r, b, m);
    return r;
}

/* a^{-1} mod m for gcd(a, m) = 1 (extended Euclid).  The Bézout coefficient
 * t with t·a ≡ r (mod m) stays within (−m, m), so int64_t holds it. */
static inline uint64_t invmod(uint64_t a, uint64_t m)
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
 * for t < q·R.  Two multiplications where mulmod needs a 128/64 division.
 * qneg_inv = −q^{-1} mod 2^64. */
static inline uint64_t mont_mul(uint64_t a, uint64_t b, uint64_t q, uint64_t qneg_inv)
{
    pr_u128 t = (pr_u128)a * b;
    uint64_t m = (uint64_t)t * qneg_inv;
    uint64_t u = (uint64_t)((t + (pr_u128)m * q) >> 64);
    return u >= q ? u - q : u;
}

/* ------------------------------------------------------------- primality */

/* Miller–Rabin with the first 12 prime bases: deterministic for every
 * n < 3.3·10^24, so for every 64-bit n. */
static int is_prime_u64(uint64_t n)
{
    static const uint64_t bases[] = { 2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37 };
    if (n < 2) return 0;
    for (unsigned i = 0; i < sizeof bases / sizeof *bases; i++)
        if (n % bases[i] == 0) return n == bases[i];
    uint64_t d = n - 1;
    int s = __builtin_ctzll(d);
    d >>= s;
    for (unsigned i = 0; i < sizeof bases / sizeof *bases; i++) {
        /* n − 1 = d·2^s: n passes for base a if a^d ≡ 1 or a^{d·2^r} ≡ −1 */
        uint64_t x = powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int r = 1;
        for (; r < s; r++) {
            x = mulmod(x, x, n);
            if (x == n - 1) break;
        }
        if (r == s) return 0;
    }
    return 1;
}

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) { uint64_t t = a % b; a = b; b = t; }
    return a;
}

/* A non-trivial factor of the odd composite n: Pollard's rho with Brent's
 * cycle finding on x ← x²·R^{-1} + c (Montgomery products: any polynomial
 * map serves, and R = 2^64 is prime to n, so gcds are unchanged), the gcds
 * batched over 128 steps (product of |x − y|).  Expected O(n^{1/4}) steps;
 * c changes if a round fails. */
/* r with r^k = n if n is a perfect k-th power, else 0 (k ≥ 2, n < 2^63):
 * the floating-point root, corrected by ±1 with exact powers.  Rho finds the
 * factors of p^k only after ~p^{1/2} steps; this takes a few operations. */
static uint64_t exact_root(uint64_t n, unsigned k)
{
    uint64_t r = (uint64_t)llround(pow((double)n, 1.0 / k));
    for (uint64_t c = r > 0 ? r - 1 : 0; c <= r + 1; c++) {
        pr_u128 x = 1;
        for (unsigned i = 0; i < k && x <= n; i++) x *= c;
        if (x == n) return c;
    }
    return 0;
}

static uint64_t rho_next(uint64_t y, uint64_t c, uint64_t n, uint64_t ni)
{
    y = mont_mul(y, y, n, ni) + c;
    return y >= n ? y - n : y;
}

static uint64_t rho_factor(uint64_t n)
{
    const uint64_t ni = 0 - pr_binvert(n);
    for (uint64_t c = 1;; c++) {
        uint64_t y = 2, x = 2, ys = 2, q = 1, g = 1;
        for (uint64_t r = 1; g == 1; r <<= 1) {
            x = y;
            for (uint64_t i = 0; i < r; i++) y = rho_next(y, c, n, ni);
            for (uint64_t k = 0; k < r && g == 1; k += 128) {
                ys = y;
                for (uint64_t i = 0; i < 128 && i < r - k; i++) {
                    y = rho_next(y, c, n, ni);
                    q = mont_mul(q, x > y ? x - y : y - x, n, ni);
                }
                g = gcd_u64(q, n);
            }
        }
        if (g == n) {       /* the batch overshot: redo it one step at a time */
            do {
                ys = rho_next(ys, c, n, ni);
                g = gcd_u64(x > ys ? x - ys : ys - x, n);
            } while (g == 1);
        }
        if (g != n) return g;
    }
}

#endif

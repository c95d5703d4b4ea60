/* The distinct primes of m ≤ 2^63 − 1: trial division by the numbers below
 * 1000, then what is left (no prime factor below 1000) is a prime
 * (Miller–Rabin), a perfect power (exact roots) or split in two by Pollard's
 * rho, each part factored the same way.
 */
#include "factor.h"
#include "modarith.h"

#include <math.h>
#include <string.h>

/* Miller–Rabin with the first 12 prime bases: deterministic for every
 * n < 3.3·10^24, so for every 64-bit n. */
int pr_is_prime_u64(uint64_t n)
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
        uint64_t x = pr_powmod(bases[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int r = 1;
        for (; r < s; r++) {
            x = pr_mulmod(x, x, n);
            if (x == n - 1) break;
        }
        if (r == s) return 0;
    }
    return 1;
}

/* ------------------------------------------------------------- factoring */

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) { uint64_t t = a % b; a = b; b = t; }
    return a;
}

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

/* One step of rho's map x ← x²·R^{-1} + c (mod n). */
static uint64_t rho_next(uint64_t y, uint64_t c, uint64_t n, uint64_t ni)
{
    y = pr_mont_mul(y, y, n, ni) + c;
    return y >= n ? y - n : y;
}

/* A non-trivial factor of the odd composite n: Pollard's rho with Brent's
 * cycle finding on x ← x²·R^{-1} + c (Montgomery products: any polynomial
 * map serves, and R = 2^64 is prime to n, so gcds are unchanged), the gcds
 * batched over 128 steps (product of |x − y|).  Expected O(n^{1/4}) steps;
 * c changes if a round fails. */
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
                    q = pr_mont_mul(q, x > y ? x - y : y - x, n, ni);
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

/* The primes found so far, ascending, each once. */
struct prime_list {
    unsigned count;
    uint64_t *p;
};

static void note_prime(struct prime_list *L, uint64_t p)
{
    unsigned i = 0;
    while (i < L->count && L->p[i] < p) i++;
    if (i < L->count && L->p[i] == p) return;
    memmove(&L->p[i + 1], &L->p[i], (L->count - i) * sizeof L->p[0]);
    L->p[i] = p;
    L->count++;
}

/* The primes of x (odd, no prime factor below 1000): prime, or split by rho. */
static void note_primes_of(struct prime_list *L, uint64_t x)
{
    if (x == 1) return;
    if (pr_is_prime_u64(x)) { note_prime(L, x); return; }
    /* x = r^k with k ≤ 6 (no prime below 1000 is left, and 1000^7 > 2^63) */
    for (unsigned k = 2; k <= 6; k++) {
        uint64_t r = exact_root(x, k);
        if (r != 0) { note_primes_of(L, r); return; }
    }
    uint64_t d = rho_factor(x);
    note_primes_of(L, d);
    note_primes_of(L, x / d);
}

unsigned pr_factor_primes(uint64_t m, uint64_t primes[PR_MAX_PRIMES])
{
    struct prime_list L = { 0, primes };
    uint64_t x = m;
    /* trial division by 2 and the odd numbers below 1000 (a composite d
     * never divides what is left once its primes are out) */
    for (uint64_t d = 2; d < 1000 && d * d <= x; d += 1 + (d > 2))
        if (x % d == 0) {
            note_prime(&L, d);
            do x /= d; while (x % d == 0);
        }
    note_primes_of(&L, x);
    return L.count;
}

/* The digit methods modulo a prime power (see granville.h). */
#include "granville.h"

#include "modarith.h"

/* m's prime powers p^a, ascending p (src/factor.c finds the primes). */
void pr_factor_modulus(struct modulus *M, uint64_t m)
{
    uint64_t primes[PR_MAX_PRIMES];
    M->m = m;
    M->count = pr_factor_primes(m, primes);
    for (unsigned i = 0; i < M->count; i++) {
        struct prime_power *f = &M->f[i];
        f->p = primes[i];
        f->q = 1;
        f->a = 0;
        for (uint64_t r = m; r % f->p == 0; r /= f->p) { f->q *= f->p; f->a++; }
        f->pinv = f->p & 1 ? pr_binvert(f->p) : 0;
        f->plim = UINT64_MAX / f->p;
    }
}

/* ------------------------------------------------------------ Granville */

/* Π i over lo < i ≤ hi with p ∤ i, mod q (hi < q): the long loops of
 * Granville/Lucas.  q = 2^a (p = 2): wrap-around products of the odd i and
 * a mask, as 2^a divides 2^64.  Odd q: Montgomery products in four
 * independent chains (walked run by run between multiples of p); each
 * pr_mont_mul leaves one R^{-1}, restored at the end by R^{calls} mod q. */
uint64_t pr_pfree_product(uint64_t lo, uint64_t hi, uint64_t p, uint64_t q, const struct pr_stop *stop)
{
    if (p == 2) {
        uint64_t acc = 1;
        for (uint64_t i = lo + 1 + (lo & 1); i <= hi;) {
            uint64_t e = hi - i < 2 * PR_POLL_FACTORS ? hi : i + 2 * PR_POLL_FACTORS;
            for (; i <= e; i += 2) acc *= i;
            if (i <= hi && pr_stopped(stop)) return 0;
        }
        return acc & (q - 1);
    }
    const uint64_t qni = 0 - pr_binvert(q);
    uint64_t a0 = 1, a1 = 1, a2 = 1, a3 = 1, calls = 0, polled = 0;
    for (uint64_t i = lo + 1; i <= hi;) {
        if (i % p == 0) { i++; continue; }
        uint64_t e = (i / p + 1) * p;           /* the run i .. e − 1 has no multiple of p */
        if (e > hi + 1) e = hi + 1;
        if (e - i > PR_POLL_FACTORS) e = i + PR_POLL_FACTORS;   /* the rest of the run next time round */
        if (calls - polled >= PR_POLL_FACTORS) {
            if (pr_stopped(stop)) return 0;
            polled = calls;
        }
        for (; e - i >= 4; i += 4, calls += 4) {
            a0 = pr_mont_mul(a0, i, q, qni);
            a1 = pr_mont_mul(a1, i + 1, q, qni);
            a2 = pr_mont_mul(a2, i + 2, q, qni);
            a3 = pr_mont_mul(a3, i + 3, q, qni);
        }
        for (; i < e; i++, calls++) a0 = pr_mont_mul(a0, i, q, qni);
    }
    uint64_t acc = pr_mont_mul(pr_mont_mul(a0, a1, q, qni), pr_mont_mul(a2, a3, q, qni), q, qni);
    const uint64_t r = (UINT64_MAX % q + 1) % q;          /* R = 2^64 mod q */
    return pr_mulmod(acc, pr_powmod(r, calls + 3, q), q);
}

/* One level of Granville's product: (N!)_p / ((K!)_p·(R!)_p) with N, K, R
 * replaced by their residues nr, kr, rr mod q (the sign is counted apart).
 * With hi = max(kr, rr), lo = min(kr, rr):
 *   nr ≥ hi:  N!/(K!·R!) = [Π_{hi < i ≤ nr} i] / lo!   (no wrap: nr − hi ≤ lo + 1)
 *   nr < hi:  the three factorials in one ascending pass up to hi.
 * pr_level_cost() counts the products the same way, before any are done. */
uint64_t pr_level_cost(uint64_t nr, uint64_t kr, uint64_t rr)
{
    uint64_t hi = kr > rr ? kr : rr, lo = kr + rr - hi;
    return nr >= hi ? (nr - hi) + lo : hi;
}

uint64_t pr_level_factor(uint64_t nr, uint64_t kr, uint64_t rr, uint64_t p, uint64_t q,
                         const struct pr_stop *stop)
{
    uint64_t hi = kr > rr ? kr : rr, lo = kr + rr - hi;
    if (nr >= hi)
        return pr_mulmod(pr_pfree_product(hi, nr, p, q, stop),
                         pr_invmod(pr_pfree_product(0, lo, p, q, stop), q), q);
    uint64_t a1 = nr < lo ? nr : lo, a2 = nr + lo - a1;
    uint64_t f1 = pr_pfree_product(0, a1, p, q, stop);
    uint64_t f2 = pr_mulmod(f1, pr_pfree_product(a1, a2, p, q, stop), q);
    uint64_t f3 = pr_mulmod(f2, pr_pfree_product(a2, hi, p, q, stop), q);
    uint64_t fn = nr == a1 ? f1 : f2, flo = nr == a1 ? f2 : f1;
    return pr_mulmod(fn, pr_invmod(pr_mulmod(flo, f3, q), q), q);
}

/* Granville (generalised Lucas), for the prime power q = p^a:
 *   n! = p^{E(n)} · Π_{j≥0} (⌊n/p^j⌋!)_p,   E(n) = Σ_{j≥1} ⌊n/p^j⌋,
 *   (N!)_p ≡ s^{⌊N/q⌋} · ((N mod q)!)_p  (mod q),
 * (x!)_p the product of the i ≤ x prime to p, s = −1 the product of the
 * units mod q (Wilson; s = +1 for p = 2, a ≥ 3).  So the p-free part of
 * C(n,k) is Π_j level factors times s^{Σ_j (⌊N_j/q⌋ − ⌊K_j/q⌋ − ⌊R_j/q⌋)}.
 * For a = 1 this is Lucas' theorem.  Returns the cost in products, and the
 * p-free part mod q in *unit when unit is not NULL. */
uint64_t pr_granville(uint64_t n, uint64_t k, const struct prime_power *f, uint64_t *unit,
                      const struct pr_stop *stop)
{
    const uint64_t p = f->p, q = f->q;
    uint64_t cost = 0, u = 1 % q, wraps = 0;
    for (uint64_t N = n, K = k, R = n - k; N > 0; N /= p, K /= p, R /= p) {
        if (unit == NULL) {
            cost = pr_add_sat(cost, pr_level_cost(N % q, K % q, R % q));
            continue;
        }
        u = pr_mulmod(u, pr_level_factor(N % q, K % q, R % q, p, q, stop), q);
        wraps += N / q - K / q - R / q;
    }
    if (unit != NULL) *unit = wraps & 1 ? pr_mulmod(u, pr_units_product(f), q) : u;
    return cost;
}

/* x ≡ r (mod q) joined to x ≡ *x (mod *mod), gcd(q, *mod) = 1 (CRT):
 * x + mod·((r − x)·mod^{-1} mod q). */
void pr_crt_join(uint64_t *x, uint64_t *mod, uint64_t r, uint64_t q)
{
    uint64_t t = pr_mulmod((r + q - *x % q) % q, pr_invmod(*mod % q, q), q);
    *x += *mod * t;
    *mod *= q;
}

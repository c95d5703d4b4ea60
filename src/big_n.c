/* Exact binomials and prime valuations for n of any size, given as GMP
 * integers: past 2^64 the word-sized ways of binom.c and valuation.c do not
 * apply (multinomials with a large term: multinomial.c).
 *
 *   C(n, k), n ≥ 2^64: GMP's mpz_bin_ui, C(n, k) = n(n−1)…(n−k+1)/k!, with
 *       k = min(k, n − k) (C(n, k) = C(n, n−k));
 *   v_p(C(n, k)): Legendre, v_p(n!) = (n − s_p(n))/(p − 1) with s_p the
 *       base-p digit sum, so v_p C(n, k) = (s_p(k) + s_p(n−k) − s_p(n))/(p − 1)
 *       (Kummer's carries, counted through the digit sums).
 *
 * Every GMP call that allocates is checked first (mem.c): ENOMEM, not GMP's
 * abort, when the memory is not there.
 */
#include "internal.h"
#include "mem.h"

/* ---------------------------------------------------------------- comb */

uint64_t pascalrow_comb_mpz_big_bytes(uint64_t nbits, uint64_t k)
{
    return pr_bin_ui_bytes(nbits, k);
}

int pascalrow_comb_mpz_big(const mpz_t n, uint64_t k, mpz_t out)
{
    if (n == NULL || out == NULL || mpz_sgn(n) < 0) return PASCALROW_EINVAL;
    if (mpz_fits_ulong_p(n)) return pascalrow_comb_mpz(mpz_get_ui(n), k, out);
    /* n ≥ 2^64 > k: n − k < k only when n < 2k < 2^65 */
    uint64_t nbits = mpz_sizeinbase(n, 2), j = k;
    int st = PASCALROW_OK;
    if (nbits <= 65) {
        st = pascalrow_memory_available(pr_mpz_bytes(65));
        if (st != PASCALROW_OK) return st;
        mpz_t d;
        mpz_init(d);
        mpz_sub_ui(d, n, k);
        if (mpz_cmp_ui(d, k) < 0) j = mpz_get_ui(d);          /* C(n,k) = C(n,n−k) */
        mpz_clear(d);
    }
    st = pascalrow_memory_available(pr_bin_ui_bytes(nbits, j));
    if (st == PASCALROW_OK) mpz_bin_ui(out, n, j);
    return st;
}

/* ----------------------------------------------------------- valuation */

/* n, k, n − k; the powers p^(2^i) up to one above n (< 2·nbits + 64 bits in
 * all, the last alone up to 2·nbits); the quotients and remainders along
 * one path of the recursion (< 2·nbits bits) and one division's scratch (a
 * few times its dividend): 16 copies of n bound them. */
uint64_t pascalrow_valuation_big_bytes(uint64_t nbits)
{
    return pr_add_sat(pr_mul_sat(16, nbits / 8 + 64), 4096);
}

/* s_p(x), the sum of the base-p digits of x, for x < pw[j + 1] where
 * pw[i] = p^(2^i).  x = q·pw[j] + r with q, r < pw[j]: the digits of x are
 * the 2^j digits of r then those of q, so s_p(x) = s_p(q) + s_p(r).  Below
 * 2^64 the digits are taken one by one. */
static pr_u128 digit_sum(const mpz_t x, const mpz_t *pw, int j, uint64_t p)
{
    if (mpz_fits_ulong_p(x)) {
        uint64_t y = mpz_get_ui(x);
        pr_u128 s = 0;
        for (; y != 0; y /= p) s += y % p;
        return s;
    }
    if (mpz_cmp(x, pw[j]) < 0) return digit_sum(x, pw, j - 1, p);   /* x < pw[j] = pw[j−1]² */
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_tdiv_qr(q, r, x, pw[j]);
    pr_u128 s = digit_sum(q, pw, j - 1, p) + digit_sum(r, pw, j - 1, p);
    mpz_clear(q);
    mpz_clear(r);
    return s;
}

int pascalrow_valuation_big(const mpz_t n, const mpz_t k, uint64_t p, uint64_t *out)
{
    uint64_t v;
    if (n == NULL || k == NULL || out == NULL || mpz_sgn(k) < 0 || mpz_cmp(k, n) > 0
        || pascalrow_valuation(0, 0, p, &v) != PASCALROW_OK)      /* p not prime */
        return PASCALROW_EINVAL;
    if (mpz_fits_ulong_p(n)) return pascalrow_valuation(mpz_get_ui(n), mpz_get_ui(k), p, out);
    int st = pascalrow_memory_available(pascalrow_valuation_big_bytes(mpz_sizeinbase(n, 2)));
    if (st != PASCALROW_OK) return st;
    mpz_t d, pw[64];
    int npw = 0;
    mpz_init(d);
    mpz_sub(d, n, k);
    const mpz_srcptr x[3] = { n, k, d };
    pr_u128 s[3];
    if (p == 2) {
        for (int i = 0; i < 3; i++) s[i] = mpz_popcount(x[i]);
    } else {
        /* pw[i] = p^(2^i) until pw[npw − 1] > n, so n < pw[npw − 1] = pw[npw − 2]²
         * (npw ≥ 2 as n ≥ 2^64 > p; 2^(2^63) is past any n) */
        mpz_init_set_ui(pw[npw++], p);
        while (mpz_cmp(pw[npw - 1], n) <= 0) {
            mpz_init(pw[npw]);
            mpz_mul(pw[npw], pw[npw - 1], pw[npw - 1]);
            npw++;
        }
        for (int i = 0; i < 3; i++) s[i] = digit_sum(x[i], (const mpz_t *)pw, npw - 2, p);
    }
    /* k + (n − k) = n: the digit sums differ by (p − 1) per carry */
    *out = (uint64_t)((s[1] + s[2] - s[0]) / (p - 1));
    for (int i = 0; i < npw; i++) mpz_clear(pw[i]);
    mpz_clear(d);
    return PASCALROW_OK;
}

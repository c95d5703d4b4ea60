/* C(n, k) as one uint64_t, when it fits.
 *
 * A value below 2^64 is its own residue mod 2^64, so C(n, k) < 2^64 may be
 * computed in wrap-around arithmetic, where every odd number is invertible
 * (pr_binvert).  Powers of two are counted apart: with
 *   i! = 2^{e(i)}·O(i),  O(i) odd,  e(i) = i − s_2(i)
 * (Legendre's formula for p = 2, s_2 the number of one bits),
 *   C(n, k) = 2^{e(n) − e(k) − e(n−k)} · O(n)·O(k)^{-1}·O(n−k)^{-1}  (mod 2^64),
 * the shift being v_2(C(n, k)) < 64 because C(n, k) < 2^64.
 *
 *  - n ≤ 67: every C(n, k) fits (C(67, 33) < 2^64 < C(68, 34)); three entries
 *    of a table of O(i) and O(i)^{-1} give it.
 *  - n ≥ 68: with j = min(k, n − k) (C(n, k) = C(n, n − k)), C(n, j) grows
 *    with n, so it fits exactly when n ≤ max_n[j] (j ≤ 33: C(n, 34) ≥
 *    C(68, 34) > 2^64).  Then
 *      C(n, j) = n(n−1)…(n−j+1) / j! = 2^{t − e(j)} · Π odd(n−i) · O(j)^{-1},
 *    t = Σ_i v_2(n−i), with at most 33 odd factors, multiplied in four
 *    independent chains.
 */
#include "internal.h"

#define TABLE_N 67   /* the largest n whose whole row fits uint64_t */
#define MAX_J 33     /* the largest min(k, n − k) of a C(n, k) < 2^64 with n > TABLE_N */

/* max_n[j] = the largest n with C(n, j) < 2^64, for 2 ≤ j ≤ MAX_J
 * (j = 0, 1: every n).  tests/c/test_comb_u64.c checks each boundary with GMP. */
static const uint64_t max_n[MAX_J + 1] = {
    UINT64_MAX, UINT64_MAX, 6074001000u, 4801280, 145056, 18580, 4868, 1913, 967,
    577, 386, 282, 218, 177, 150, 130, 116, 105, 97, 91, 86, 82, 78, 76, 74, 72,
    71, 70, 69, 68, 68, 67, 67, 67,
};

/* odd_fact[i] = O(i), inv_odd_fact[i] = O(i)^{-1} mod 2^64 and
 * fact_twos[i] = e(i), for i ≤ TABLE_N: filled when the library is loaded
 * (a constructor, before any caller can run), read-only afterwards. */
static uint64_t odd_fact[TABLE_N + 1], inv_odd_fact[TABLE_N + 1];
static unsigned char fact_twos[TABLE_N + 1];

__attribute__((constructor)) static void fill_tables(void)
{
    uint64_t o = 1;
    for (uint64_t i = 0; i <= TABLE_N; i++) {
        if (i > 0) o *= i >> __builtin_ctzll(i);            /* O(i) = O(i−1)·odd(i) */
        odd_fact[i] = o;
        inv_odd_fact[i] = pr_binvert(o);
        fact_twos[i] = (unsigned char)(i - (uint64_t)__builtin_popcountll(i));   /* e(i) = i − s_2(i) */
    }
}

/* C(n, k) for n ≤ TABLE_N and any k (0 for k > n) without a branch on k,
 * which in arrays of independent n and k falls either way at random: for
 * k > n the mask in_row is 0, the pair read is (0, n) (C(n, 0), inside the
 * tables) and the mask clears the value. */
static inline uint64_t table_comb(uint64_t n, uint64_t k)
{
    const uint64_t in_row = (uint64_t)0 - (k <= n);          /* all ones for k ≤ n, else 0 */
    const uint64_t i = k & in_row, d = n - i;
    const unsigned s = fact_twos[n] - fact_twos[i] - fact_twos[d];
    return ((odd_fact[n] * inv_odd_fact[i] * inv_odd_fact[d]) << s) & in_row;
}

int pascalrow_comb_u64(uint64_t n, uint64_t k, uint64_t *out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    if (n <= TABLE_N) {
        *out = table_comb(n, k);
        return PASCALROW_OK;
    }
    if (k > n) { *out = 0; return PASCALROW_OK; }            /* C(n, k) = 0 for k > n */
    uint64_t j = k < n - k ? k : n - k;
    if (j < 2) { *out = j == 0 ? 1 : n; return PASCALROW_OK; }
    if (j > MAX_J || n > max_n[j]) return PASCALROW_EOVERFLOW;
    uint64_t a0 = 1, a1 = 1, a2 = 1, a3 = 1, i = 0;
    unsigned t = 0;
    for (; i + 4 <= j; i += 4) {
        uint64_t x0 = n - i, x1 = n - i - 1, x2 = n - i - 2, x3 = n - i - 3;
        unsigned z0 = (unsigned)__builtin_ctzll(x0), z1 = (unsigned)__builtin_ctzll(x1);
        unsigned z2 = (unsigned)__builtin_ctzll(x2), z3 = (unsigned)__builtin_ctzll(x3);
        a0 *= x0 >> z0;
        a1 *= x1 >> z1;
        a2 *= x2 >> z2;
        a3 *= x3 >> z3;
        t += z0 + z1 + z2 + z3;
    }
    for (; i < j; i++) {
        uint64_t x = n - i;
        unsigned z = (unsigned)__builtin_ctzll(x);
        a0 *= x >> z;
        t += z;
    }
    *out = (a0 * a1 * a2 * a3 * inv_odd_fact[j]) << (t - fact_twos[j]);
    return PASCALROW_OK;
}

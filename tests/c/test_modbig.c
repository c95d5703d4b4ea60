/* Binomials mod m for n of any size (src/modbig.c):
 *   - the digit methods forced on n < 2^64 (pr_*_mod_big) against the
 *     row functions of src/mod.c, and against mpz_bin_uiui for small n;
 *   - n ≥ 2^64 against the exact value where it can be had (k or n − k
 *     small: mpz_bin_ui), and elsewhere against the identities: the
 *     symmetry, Pascal's rule between rows n and n + 1, Vandermonde's
 *     C(a + b, k) = Σ_j C(a, k − j)·C(b, j) with b small, and
 *     Σ_k C(n,k) = 2^n for the row sums;
 *   - the public functions' checks, poll and the refusal counts.
 */
#include "check.h"
#include "modbig.h"

#include <inttypes.h>
#include <string.h>

/* Moduli: primes small and large, prime powers, composites, 2^62, m = 1. */
static const uint64_t MODS[] = {
    1, 2, 3, 4, 7, 8, 9, 12, 25, 27, 30, 64, 97, 100, 128, 243, 720720, 1000003, 1 << 20,
    999999937, 1000000007, 4294967291u, 3486784401u /* 3^20 */, 2305843009213693951u /* 2^61 − 1 */,
    (uint64_t)1 << 62, 6469693230u /* 2·3·…·29 */, 1000000007ull * 998244353ull,
};
#define NMODS (sizeof MODS / sizeof MODS[0])

/* C(n, k) mod m from the exact value (GMP). */
static uint64_t exact_mod(const mpz_t n, uint64_t k, uint64_t m)
{
    mpz_t c;
    mpz_init(c);
    mpz_bin_ui(c, n, k);
    uint64_t r = mpz_fdiv_ui(c, m);
    mpz_clear(c);
    return r;
}

/* A moduli whose prime powers are small enough for any k of a 2^64-size row
 * to be in reach (every level costs < q ≤ 2^20). */
static int cheap(uint64_t m)
{
    return m <= (1 << 20) || m == 720720 || m == 6469693230u;
}

/* ---------------------------------------------------- n < 2^64: mod.c */

static void small_n_against_mod_c(void)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    const int cases = test_quick() ? 300 : 3000;
    mpz_t n, k;
    mpz_inits(n, k, NULL);
    for (int i = 0; i < cases; i++) {
        uint64_t m = MODS[test_rand64(&seed) % NMODS];
        unsigned bits = 1 + (unsigned)(test_rand64(&seed) % 64);
        uint64_t nn = test_rand64(&seed) >> (64 - bits), kk = nn ? test_rand64(&seed) % (nn + 1) : 0;
        if (nn == UINT64_MAX) nn--;
        if (!cheap(m) && pascalrow_comb_mod_cost(nn, kk, m) > 2000000) continue;
        mpz_set_ui(n, nn);
        mpz_set_ui(k, kk);
        uint64_t want = 0, got = 1;
        pascalrow_comb_mod(nn, kk, m, &want);
        CHECK(pr_comb_mod_big(n, k, m, &got) == PASCALROW_OK && got == want,
              "C(%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 ": %" PRIu64 " != %" PRIu64, nn, kk, m, got, want);
        /* a slice of up to 40 values from k, running past n at the end */
        uint64_t count = 1 + test_rand64(&seed) % 40, a[41], b[41];
        if (!cheap(m) && pascalrow_slice_mod_cost(nn, kk, kk + count, m) > 2000000) continue;
        memset(b, 0, sizeof b);
        uint64_t valid = nn - kk + 1 < count ? nn - kk + 1 : count;
        pascalrow_slice_mod(nn, kk, kk + valid, m, b);
        CHECK(pr_slice_mod_big(n, k, count, m, NULL, NULL, a) == PASCALROW_OK && memcmp(a, b, count * 8) == 0,
              "slice C(%" PRIu64 ", %" PRIu64 " + i) mod %" PRIu64, nn, kk, m);
    }
    /* whole rows n ≤ 300 against mpz_bin_uiui */
    for (uint64_t nn = 0; nn <= 300; nn += 1 + nn / 20)
        for (size_t j = 0; j < NMODS; j++) {
            uint64_t row[301];
            mpz_set_ui(n, nn);
            mpz_set_ui(k, 0);
            int st = pr_slice_mod_big(n, k, nn + 1, MODS[j], NULL, NULL, row);
            int bad = st != PASCALROW_OK;
            for (uint64_t kk = 0; kk <= nn && !bad; kk++) bad = row[kk] != exact_mod(n, kk, MODS[j]);
            CHECK(!bad, "row %" PRIu64 " mod %" PRIu64, nn, MODS[j]);
        }
    mpz_clears(n, k, NULL);
}

/* ----------------------------------------------- n ≥ 2^64: exact values */

/* Near both ends of big rows, where the exact value is cheap: comb, the
 * slice from 0 and the slice up to n. */
static void big_n_against_exact(void)
{
    static const char *const rows[] = {
        "18446744073709551615", "18446744073709551616", "100000000000000000000",
        "340282366920938463463374607431768211456",       /* 2^128 */
        "18446744073709551629",                           /* 2^64 + 13 */
        "1853020188851841",                               /* 3^32 */
        "3433683820292512484657849089281",                /* 3^64 */
        "1000000000000000000000000000000000000000000000000000000000007",
    };
    mpz_t n, k, t;
    mpz_inits(n, k, t, NULL);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
        mpz_set_str(n, rows[r], 10);
        const int quick = test_quick();
        for (int shift = 0; shift < (quick ? 1 : 3); shift++) {
            if (shift) mpz_mul_ui(n, n, 7), mpz_add_ui(n, n, (unsigned long)shift);
            for (size_t j = quick ? r % 4 : 0; j < NMODS; j += quick ? 4 : 1) {
                const uint64_t m = MODS[j];
                enum { W = 70 };
                uint64_t lo[W], hi[W + 5];
                mpz_set_ui(k, 0);
                int ok = pascalrow_slice_mod_mpz(n, k, W, m, NULL, NULL, lo) == PASCALROW_OK;
                mpz_sub_ui(k, n, W - 1);                    /* the last W values: k = n − W + 1 … n */
                ok = ok && pascalrow_slice_mod_mpz(n, k, W + 5, m, NULL, NULL, hi) == PASCALROW_OK;
                for (unsigned i = 0; i < W && ok; i++) {
                    uint64_t want = exact_mod(n, i, m), c = 0;
                    ok = lo[i] == want && hi[W - 1 - i] == want;
                    mpz_set_ui(k, i);
                    ok = ok && pascalrow_comb_mod_mpz(n, k, m, &c) == PASCALROW_OK && c == want;
                    mpz_sub_ui(k, n, i);
                    ok = ok && pascalrow_comb_mod_mpz(n, k, m, &c) == PASCALROW_OK && c == want;
                }
                for (unsigned i = W; i < W + 5 && ok; i++) ok = hi[i] == 0;   /* past n */
                CHECK(ok, "row %s (·7 + %d) mod %" PRIu64 " near its ends", rows[r], shift, m);
            }
        }
    }
    mpz_clears(n, k, t, NULL);
}

/* --------------------------------------------- n ≥ 2^64: the identities */

/* Deep in big rows, for moduli in reach: symmetry, Pascal's rule and
 * Vandermonde with a small second row b. */
static void big_n_identities(void)
{
    static const uint64_t mods[] = { 2, 4, 7, 9, 12, 100, 128, 720720, 1000003, 6469693230u, 1 << 20 };
    uint64_t seed = 12345;
    const int cases = test_quick() ? 20 : 120;
    enum { B = 24, W = 40 };
    uint64_t cb[B + 1][B + 1];
    for (unsigned a = 0; a <= B; a++)
        for (unsigned b = 0; b <= a; b++) cb[a][b] = b == 0 || b == a ? 1 : cb[a - 1][b - 1] + cb[a - 1][b];
    mpz_t n, n1, k, k2, t;
    mpz_inits(n, n1, k, k2, t, NULL);
    for (int c = 0; c < cases; c++) {
        const uint64_t m = mods[test_rand64(&seed) % (sizeof mods / sizeof mods[0])];
        unsigned bits = 65 + (unsigned)(test_rand64(&seed) % 200);
        mpz_set_ui(n, 0);
        for (unsigned b = 0; b < bits; b += 64) mpz_mul_2exp(n, n, 64), mpz_add_ui(n, n, test_rand64(&seed));
        mpz_fdiv_r_2exp(n, n, bits);
        mpz_setbit(n, bits - 1);
        /* k uniform-ish in [W, n − W] */
        mpz_set_ui(k, test_rand64(&seed));
        mpz_mul_2exp(k, k, bits > 64 ? bits - 64 : 0);
        mpz_fdiv_r(k, k, n);
        if (mpz_cmp_ui(k, W) < 0) mpz_set_ui(k, W);
        mpz_sub_ui(t, n, 2 * W);
        if (mpz_cmp(k, t) > 0) mpz_set(k, t);
        uint64_t row[W + 1], next[W + 1], mirror[W + 1], c1 = 0;
        int ok = pascalrow_slice_mod_mpz(n, k, W + 1, m, NULL, NULL, row) == PASCALROW_OK;
        /* symmetry: C(n, k + i) = C(n, n − k − i) */
        mpz_sub(k2, n, k);
        mpz_sub_ui(k2, k2, W);
        ok = ok && pascalrow_slice_mod_mpz(n, k2, W + 1, m, NULL, NULL, mirror) == PASCALROW_OK;
        for (unsigned i = 0; i <= W && ok; i++) ok = row[i] == mirror[W - i];
        CHECK(ok, "symmetry, %u-bit n, mod %" PRIu64, bits, m);
        /* Pascal: C(n + 1, k + i + 1) = C(n, k + i) + C(n, k + i + 1) */
        mpz_add_ui(n1, n, 1);
        mpz_add_ui(k2, k, 1);
        ok = pascalrow_slice_mod_mpz(n1, k2, W, m, NULL, NULL, next) == PASCALROW_OK;
        for (unsigned i = 0; i < W && ok; i++) ok = next[i] == (row[i] + row[i + 1]) % m;
        CHECK(ok, "Pascal's rule, %u-bit n, mod %" PRIu64, bits, m);
        /* comb agrees with the slice */
        mpz_add_ui(k2, k, 7);
        ok = pascalrow_comb_mod_mpz(n, k2, m, &c1) == PASCALROW_OK && c1 == row[7];
        CHECK(ok, "comb against the slice, %u-bit n, mod %" PRIu64, bits, m);
        /* Vandermonde: C(n + b, k + W) = Σ_{j ≤ b} C(n, k + W − j)·C(b, j) */
        const unsigned b = 1 + (unsigned)(test_rand64(&seed) % B);
        mpz_add_ui(n1, n, b);
        mpz_add_ui(k2, k, W);
        uint64_t sum = 0;
        for (unsigned j = 0; j <= b; j++) sum = (uint64_t)(((unsigned __int128)row[W - j] * (cb[b][j] % m) + sum) % m);
        ok = pascalrow_comb_mod_mpz(n1, k2, m, &c1) == PASCALROW_OK && c1 == sum;
        CHECK(ok, "Vandermonde with b = %u, %u-bit n, mod %" PRIu64 ": %" PRIu64 " != %" PRIu64, b, bits, m, c1, sum);
    }
    mpz_clears(n, n1, k, k2, t, NULL);
}

/* ------------------------------------------------------------ row sums */

static void row_sums(void)
{
    mpz_t n, a, b, z, big;
    mpz_inits(n, a, b, z, big, NULL);
    mpz_ui_pow_ui(big, 10, 40);
    /* forced digits for n < 2^64 against mod.c */
    uint64_t seed = 77;
    for (int i = 0; i < (test_quick() ? 100 : 1000); i++) {
        uint64_t m = MODS[test_rand64(&seed) % 12];    /* small moduli: every plan in reach */
        uint64_t nn = test_rand64(&seed) % 5000, s = test_rand64(&seed) % (nn + 3), e = s + test_rand64(&seed) % 200;
        uint64_t want = 1, got = 2;
        mpz_set_ui(n, nn);
        mpz_set_ui(a, s);
        mpz_set_ui(b, e);
        pascalrow_row_sum_mod(nn, s, e, m, &want);
        CHECK(pr_row_sum_mod_big(n, a, b, m, &got) == PASCALROW_OK && got == want,
              "Σ C(%" PRIu64 ", [%" PRIu64 ", %" PRIu64 ")) mod %" PRIu64 ": %" PRIu64 " != %" PRIu64, nn, s, e, m,
              got, want);
    }
    /* big n: the slice's sum, the rest's, and 2^n */
    mpz_add_ui(n, big, 12345);
    for (size_t j = 0; j < NMODS; j++) {
        const uint64_t m = MODS[j];
        uint64_t whole = 1, left = 2, right = 3, mid = 4, vals[100], direct = 0;
        mpz_set_ui(z, 0);
        mpz_mul_2exp(b, n, 1);                             /* stop past the row */
        int ok = pascalrow_row_sum_mod_mpz(n, z, b, m, &whole) == PASCALROW_OK;
        mpz_t r;
        mpz_init_set_ui(r, 2);
        mpz_t mm;
        mpz_init_set_ui(mm, m);
        mpz_powm(r, r, n, mm);
        ok = ok && whole == mpz_get_ui(r);
        mpz_clears(r, mm, NULL);
        /* [0, 60) + [60, n − 40) + [n − 40, n] = 2^n: the middle by its complement */
        mpz_set_ui(a, 60);
        mpz_sub_ui(b, n, 40);
        ok = ok && pascalrow_row_sum_mod_mpz(n, z, a, m, &left) == PASCALROW_OK;
        ok = ok && pascalrow_row_sum_mod_mpz(n, a, b, m, &mid) == PASCALROW_OK;
        ok = ok && pascalrow_row_sum_mod_mpz(n, b, big, m, &right) == PASCALROW_OK;   /* stop < start: 0 */
        ok = ok && right == 0;
        mpz_mul_2exp(a, n, 1);
        ok = ok && pascalrow_row_sum_mod_mpz(n, b, a, m, &right) == PASCALROW_OK;
        ok = ok && (left + mid % m + right) % m == whole % m;
        /* a slice's sum against its values */
        mpz_fdiv_q_ui(a, n, 3);
        mpz_add_ui(b, a, 100);
        if (cheap(m)) {
            ok = ok && pascalrow_row_sum_mod_mpz(n, a, b, m, &mid) == PASCALROW_OK;
            ok = ok && pascalrow_slice_mod_mpz(n, a, 100, m, NULL, NULL, vals) == PASCALROW_OK;
            for (int i = 0; i < 100; i++) direct = (direct + vals[i]) % m;
            ok = ok && direct == mid;
        }
        CHECK(ok, "row sums of a 134-bit row mod %" PRIu64, m);
    }
    /* out of reach: both the slice and the rest have ≥ 2^64 values */
    mpz_set_ui(z, 0);
    mpz_fdiv_q_ui(a, n, 3);
    mpz_fdiv_q_ui(b, n, 2);
    uint64_t x = 5;
    CHECK(pascalrow_row_sum_mod_mpz_cost(n, a, b, 7) == UINT64_MAX
              && pascalrow_row_sum_mod_mpz(n, a, b, 7, &x) == PASCALROW_ERANGE,
          "a row sum with 2^64 values on both sides is out of reach");
    mpz_clears(n, a, b, z, big, NULL);
}

/* ------------------------------------------------ the public functions */

static int stop_now(void *ctx)
{
    (*(int *)ctx)++;
    return 1;
}

static void api(void)
{
    mpz_t n, k, neg;
    mpz_inits(n, k, neg, NULL);
    mpz_ui_pow_ui(n, 10, 20);
    mpz_ui_pow_ui(k, 10, 19);
    mpz_set_si(neg, -1);
    uint64_t x = 9, buf[4];
    CHECK(pascalrow_comb_mod_mpz(n, k, 0, &x) == PASCALROW_EINVAL, "m = 0");
    CHECK(pascalrow_comb_mod_mpz(n, k, PASCALROW_MOD_MAX + 1, &x) == PASCALROW_EINVAL, "m too large");
    CHECK(pascalrow_comb_mod_mpz(n, k, 7, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_comb_mod_mpz(neg, k, 7, &x) == PASCALROW_EINVAL, "negative n");
    CHECK(pascalrow_comb_mod_mpz(n, neg, 7, &x) == PASCALROW_EINVAL, "negative k");
    CHECK(pascalrow_slice_mod_mpz(n, neg, 4, 7, NULL, NULL, buf) == PASCALROW_EINVAL, "negative start");
    CHECK(pascalrow_slice_mod_mpz(n, k, 4, 7, NULL, NULL, NULL) == PASCALROW_EINVAL, "NULL slice out");
    CHECK(pascalrow_slice_mod_mpz(n, k, 0, 7, NULL, NULL, NULL) == PASCALROW_OK, "empty slice");
    CHECK(pascalrow_row_sum_mod_mpz(n, k, neg, 7, &x) == PASCALROW_EINVAL, "negative stop");
    /* k > n is 0; m = 1 is 0 */
    mpz_add_ui(k, n, 1);
    CHECK(pascalrow_comb_mod_mpz(n, k, 7, &x) == PASCALROW_OK && x == 0, "k > n");
    mpz_set_ui(k, 3);
    CHECK(pascalrow_comb_mod_mpz(n, k, 1, &x) == PASCALROW_OK && x == 0, "m = 1");
    /* C(10^20, 10^19) mod 7 by Lucas, against the product of digit binomials */
    mpz_ui_pow_ui(k, 10, 19);
    CHECK(pascalrow_comb_mod_mpz(n, k, 7, &x) == PASCALROW_OK, "comb(10^20, 10^19) mod 7");
    {
        mpz_t nn, kk;
        mpz_init_set(nn, n);
        mpz_init_set(kk, k);
        uint64_t lucas = 1;
        while (mpz_sgn(nn) > 0) {
            unsigned long a = mpz_fdiv_q_ui(nn, nn, 7), b = mpz_fdiv_q_ui(kk, kk, 7);
            uint64_t c = 0;
            pascalrow_comb_mod(a, b, 7, &c);
            lucas = lucas * c % 7;
        }
        CHECK(x == lucas, "Lucas: %" PRIu64 " != %" PRIu64, x, lucas);
        mpz_clears(nn, kk, NULL);
    }
    /* the poll stops a long slice and a long seed */
    int asked = 0;
    mpz_ui_pow_ui(n, 10, 30);
    mpz_fdiv_q_ui(k, n, 3);
    uint64_t *many = malloc(((size_t)1 << 17) * sizeof *many);
    CHECK(many != NULL && pascalrow_slice_mod_mpz(n, k, (uint64_t)1 << 17, 7, stop_now, &asked, many) == PASCALROW_EINTR
              && asked == 1,
          "the poll stops a slice (asked %d times)", asked);
    asked = 0;
    CHECK(pascalrow_slice_mod_mpz(n, k, 2, 1000000007, stop_now, &asked, many) == PASCALROW_EINTR && asked >= 1,
          "the poll stops a long seed");
    free(many);
    /* the counts: cheap for small prime powers, beyond reach for 2^61 − 1 deep in 10^30 */
    CHECK(pascalrow_comb_mod_mpz_cost(n, k, 7) < 1000, "cost mod 7: %" PRIu64, pascalrow_comb_mod_mpz_cost(n, k, 7));
    {
        /* k with base-p digits a third of n's (no carry: C(n,k) ≢ 0 mod p), p = 2^61 − 1 */
        const uint64_t p = 2305843009213693951u;
        mpz_t kk, lo;
        mpz_inits(kk, lo, NULL);
        uint64_t low = mpz_fdiv_q_ui(kk, n, p);
        mpz_fdiv_q_ui(kk, kk, 3);
        mpz_mul_ui(kk, kk, p);
        mpz_add_ui(kk, kk, low / 3);
        CHECK(pascalrow_comb_mod_mpz_cost(n, kk, p) > ((uint64_t)1 << 50), "cost mod 2^61 − 1: %" PRIu64,
              pascalrow_comb_mod_mpz_cost(n, kk, p));
        mpz_clears(kk, lo, NULL);
    }
    CHECK(pascalrow_slice_mod_mpz_cost(n, k, 1000, 720720) < 100000, "slice cost mod 720720");
    mpz_clears(n, k, neg, NULL);
}

int main(void)
{
    small_n_against_mod_c();
    big_n_against_exact();
    big_n_identities();
    row_sums();
    api();
    return check_report();
}

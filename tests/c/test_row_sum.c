/* pascalrow_row_sum_mpz and pascalrow_row_sum_mod against GMP: the sum of
 * mpz_bin_uiui(n, k) over the slice, reduced mod m for the modular sum. */
#include "check.h"
#include "pascalrow.h"

#include <inttypes.h>

static int quick;
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(uint64_t bound) { return bound ? test_rand64(&rng_state) % bound : 0; }

static const uint64_t MODULI[] = { 2, 3, 12, 27, 1000, 65536, 1000000007, 1000000006,
                                   (1ull << 61) - 1, PASCALROW_MOD_MAX, 3ull * 3 * 5 * 7 * 7 * 11 };

/* want = Σ_{a ≤ k < min(b, n+1)} C(n,k), by GMP: term by term, or, for a
 * slice of more than half the row, 2^n minus the terms outside it. */
static void sum_want(mpz_t want, uint64_t n, uint64_t a, uint64_t b)
{
    mpz_t c;
    mpz_init(c);
    if (b > n + 1) b = n + 1;
    int outside = a < b && b - a > n / 2 + 1;
    mpz_set_ui(want, 0);
    for (uint64_t k = outside ? 0 : a; k <= n && (outside || k < b); k++) {
        if (outside && k == a) k = b;             /* skip the slice */
        if (k > n) break;
        mpz_bin_uiui(c, n, k);
        mpz_add(want, want, c);
    }
    if (outside) {
        mpz_ui_pow_ui(c, 2, n);
        mpz_sub(want, c, want);
    }
    mpz_clear(c);
}

static void check_sum(uint64_t n, uint64_t a, uint64_t b)
{
    mpz_t want, got;
    mpz_init(want);
    mpz_init_set_ui(got, 12345);                  /* overwritten, also by 0 */
    sum_want(want, n, a, b);
    int st = pascalrow_row_sum_mpz(n, a, b, got);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
          "row_sum_mpz(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, a, b, st);
    for (size_t i = 0; i < sizeof MODULI / sizeof *MODULI; i++) {
        uint64_t m = MODULI[i], r = m;
        st = pascalrow_row_sum_mod(n, a, b, m, &r);
        CHECK(st == PASCALROW_OK && r == mpz_fdiv_ui(want, m),
              "row_sum_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %" PRIu64 " status %d",
              n, a, b, m, r, st);
    }
    mpz_clear(want);
    mpz_clear(got);
}

static void test_sums(void)
{
    /* every slice of the small rows, both sides of the additive cut (127) */
    for (uint64_t n = 0; n <= 10; n++)
        for (uint64_t a = 0; a <= n + 2; a++)
            for (uint64_t b = 0; b <= n + 3; b++) check_sum(n, a, b);
    const uint64_t rows[] = { 126, 127, 128, 129, 300, 1001, 4000 };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        uint64_t n = rows[i];
        check_sum(n, 0, n + 1);                  /* 2^n */
        check_sum(n, 0, UINT64_MAX);
        check_sum(n, 1, n);                      /* the rest is the two ends */
        check_sum(n, n / 2, n / 2 + 1);
        check_sum(n, 0, n / 2 + 1);
        check_sum(n, n / 2 + 1, n + 1);
        check_sum(n, n / 3, n - n / 3);
        for (int r = 0; r < (quick ? 3 : n < 1000 ? 30 : 8); r++) {
            uint64_t a = rnd(n + 2), b = a + rnd(n + 2 - a + 1);
            check_sum(n, a, b);
        }
    }
    /* the ends of a big row: short walks on either side */
    check_sum(100000, 0, 50);
    check_sum(100000, 99950, 100001);
    check_sum(100000, 30, 99970);                /* 2^n minus two short ends */
    check_sum(100000, 49990, 50020);
}

/* Moduli whose prime powers are all small (the walk in logarithms, for
 * walks long enough): sums of slices of a row of 400001, directly or as 2^n
 * minus the rest, against the sum of the slice's values (test_slice_mod
 * checks those). */
static void test_small_powers(void)
{
    static const uint64_t M[] = { 720720, 2ull * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23, 32 * 27 * 25, 2187 };
    static uint64_t row[400002];
    const uint64_t n = 400001;
    static const uint64_t S[][2] = { { 0, 300000 }, { 1000, 200001 }, { 60000, 400002 }, { 5, 399990 } };
    for (size_t i = 0; i < sizeof M / sizeof *M; i++) {
        const uint64_t m = M[i];
        CHECK(pascalrow_slice_mod(n, 0, n + 1, m, row) == PASCALROW_OK, "slice_mod");
        for (size_t j = 0; j < sizeof S / sizeof *S; j++) {
            uint64_t want = 0, got = m;
            for (uint64_t k = S[j][0]; k < S[j][1]; k++) want = (want + row[k]) % m;
            CHECK(pascalrow_row_sum_mod(n, S[j][0], S[j][1], m, &got) == PASCALROW_OK && got == want,
                  "row_sum_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %" PRIu64 " want %" PRIu64,
                  n, S[j][0], S[j][1], m, got, want);
        }
    }
}

static void test_mod_only(void)
{
    /* far beyond exact sums: the whole row is 2^n mod m */
    uint64_t r;
    CHECK(pascalrow_row_sum_mod(UINT64_MAX - 1, 0, UINT64_MAX, 1000000007, &r) == PASCALROW_OK
          && r == 490765384, "2^(2^64 - 2) mod 1e9+7 = %" PRIu64, r);
    /* all but the ends of row 10^18: 2^n − 2·(1 + n) */
    uint64_t n = 1000000000000000000ull, m = 1000000007;
    uint64_t whole, want;
    pascalrow_row_sum_mod(n, 0, n + 1, m, &whole);
    want = (whole + 2 * (m - (1 + n % m))) % m;
    CHECK(pascalrow_row_sum_mod(n, 2, n - 1, m, &r) == PASCALROW_OK && r == want,
          "row 10^18 without its ends: %" PRIu64 " want %" PRIu64, r, want);
    uint64_t c = pascalrow_row_sum_mod_cost(n, 2, n - 1, m);
    CHECK(c > 0 && c < 100, "row 10^18 without its ends costs %" PRIu64, c);
    CHECK(pascalrow_row_sum_mod_cost(n, 0, n + 1, m) <= 64, "whole row: pr_powmod");
    CHECK(pascalrow_row_sum_mod_cost(10, 5, 3, 7) == 0 && pascalrow_row_sum_mod_cost(10, 0, 5, 1) == 0,
          "empty or mod 1: no work");
    c = pascalrow_row_sum_mod_cost(1ull << 60, 1ull << 58, (1ull << 58) + 10, 205891132094649ull);
    CHECK(c > 1000000000000ull, "deep slice mod 3^30 costs %" PRIu64, c);
}

static void test_bad(void)
{
    mpz_t z;
    mpz_init(z);
    uint64_t r;
    CHECK(pascalrow_row_sum_mpz(5, 0, 6, NULL) == PASCALROW_EINVAL, "row_sum_mpz NULL");
    CHECK(pascalrow_row_sum_mpz(UINT64_MAX, 0, 1, z) == PASCALROW_ERANGE, "row_sum_mpz n=UINT64_MAX");
    CHECK(pascalrow_row_sum_mod(5, 0, 6, 7, NULL) == PASCALROW_EINVAL, "row_sum_mod NULL");
    CHECK(pascalrow_row_sum_mod(5, 0, 6, 0, &r) == PASCALROW_EINVAL, "row_sum_mod m=0");
    CHECK(pascalrow_row_sum_mod(5, 0, 6, 1ull << 63, &r) == PASCALROW_EINVAL, "row_sum_mod m=2^63");
    CHECK(pascalrow_row_sum_mod(UINT64_MAX, 0, 1, 7, &r) == PASCALROW_ERANGE, "row_sum_mod n=UINT64_MAX");
    /* 2^(2^63) has no room anywhere: refused, out unchanged */
    mpz_set_ui(z, 7);
    int st = pascalrow_row_sum_mpz(1ull << 63, 0, 3, z);
    CHECK(st == PASCALROW_OK && mpz_cmp_ui(z, 0) != 0, "row_sum_mpz(2^63, 0, 3): %d", st);
    st = pascalrow_row_sum_mpz(1ull << 63, 0, UINT64_MAX, z);
    CHECK(st == PASCALROW_ENOMEM || st == PASCALROW_ERANGE, "row_sum_mpz(2^63) whole: %d", st);
    mpz_clear(z);
}

int main(void)
{
    quick = test_quick();
    test_sums();
    test_small_powers();
    test_mod_only();
    test_bad();
    return check_report();
}

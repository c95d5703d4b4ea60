/* pascalrow_comb_u64 against GMP's mpz_bin_uiui: every C(n, k) of rows up to
 * 200, rows up to 67 with k far past n and all their pairs shuffled, the fit
 * boundary C(n, j) < 2^64 ≤ C(n + 1, j) for each j, random pairs of any
 * size, and the same from several threads at once (the tables are filled on
 * first use). */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>
#include <pthread.h>

/* GMP's answer: 1 with *v = C(n, k) when it fits 64 bits, else 0. */
static int gmp_comb(uint64_t n, uint64_t k, uint64_t *v)
{
    mpz_t c;
    mpz_init(c);
    mpz_bin_uiui(c, n, k);
    int fits = mpz_sizeinbase(c, 2) <= 64;
    *v = fits ? (uint64_t)mpz_get_ui(c) : 0;
    mpz_clear(c);
    return fits;
}

/* pascalrow_comb_u64(n, k) agrees with GMP: the value, or EOVERFLOW. */
static void check_pair(uint64_t n, uint64_t k)
{
    uint64_t want, got = 12345;
    int fits = gmp_comb(n, k, &want);
    int st = pascalrow_comb_u64(n, k, &got);
    if (fits)
        CHECK(st == PASCALROW_OK && got == want, "C(%" PRIu64 ", %" PRIu64 "): status %d, %" PRIu64
              ", GMP %" PRIu64, n, k, st, got, want);
    else
        CHECK(st == PASCALROW_EOVERFLOW && got == 12345, "C(%" PRIu64 ", %" PRIu64 ") does not fit: status %d",
              n, k, st);
}

static void test_rows(void)
{
    for (uint64_t n = 0; n <= 200; n++)
        for (uint64_t k = 0; k <= n + 2; k++) check_pair(n, k);
}

/* Rows n ≤ 67 (the table's, computed without a branch on k) with every k
 * past the row the mask must clear: just past n, past 8, 16, 32 and 63 bits,
 * and at the top of uint64_t. */
static void test_table_rows_past_the_row(void)
{
    static const uint64_t bases[] = { 0, (uint64_t)1 << 8, (uint64_t)1 << 16, (uint64_t)1 << 32,
                                      (uint64_t)1 << 63, UINT64_MAX - 200 };
    for (uint64_t n = 0; n <= 67; n++)
        for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
            for (uint64_t d = 0; d <= 200; d++) check_pair(n, bases[b] + d);
}

/* Every pair n, k ≤ 67 (half of them k > n) in a random order, as in an
 * array of independent n and k. */
static void test_table_pairs_shuffled(void)
{
    uint64_t pairs[68 * 68], state = 0x9e3779b97f4a7c15u;
    for (size_t i = 0; i < 68 * 68; i++) pairs[i] = i;
    for (size_t i = 68 * 68 - 1; i > 0; i--) {                  /* Fisher–Yates */
        size_t j = (size_t)(test_rand64(&state) % (i + 1));
        uint64_t t = pairs[i];
        pairs[i] = pairs[j];
        pairs[j] = t;
    }
    for (size_t i = 0; i < 68 * 68; i++) check_pair(pairs[i] / 68, pairs[i] % 68);
}

/* For each lower index j: the largest n with C(n, j) < 2^64 fits, n + 1 does not,
 * on both sides of the row (k = j and k = n − j). */
static void test_boundaries(void)
{
    for (uint64_t j = 2; j <= 40; j++) {
        uint64_t lo = 2 * j, hi = (uint64_t)1 << 33, v;        /* C(2^33, 2) > 2^64 */
        while (hi - lo > 1) {                                   /* lo fits, hi does not */
            uint64_t mid = lo + (hi - lo) / 2;
            if (gmp_comb(mid, j, &v)) lo = mid; else hi = mid;
        }
        if (!gmp_comb(lo, j, &v)) continue;                     /* C(2j, j) itself too big */
        for (uint64_t n = lo - 1; n <= lo + 2; n++) {
            check_pair(n, j);
            check_pair(n, n - j);
        }
    }
    /* j = 0, 1 and k > n at the top of the range */
    uint64_t v = 0;
    CHECK(pascalrow_comb_u64(UINT64_MAX, 1, &v) == PASCALROW_OK && v == UINT64_MAX, "C(2^64-1, 1)");
    CHECK(pascalrow_comb_u64(UINT64_MAX, UINT64_MAX - 1, &v) == PASCALROW_OK && v == UINT64_MAX, "C(2^64-1, 2^64-2)");
    CHECK(pascalrow_comb_u64(UINT64_MAX, UINT64_MAX, &v) == PASCALROW_OK && v == 1, "C(2^64-1, 2^64-1)");
    CHECK(pascalrow_comb_u64(UINT64_MAX, 0, &v) == PASCALROW_OK && v == 1, "C(2^64-1, 0)");
    CHECK(pascalrow_comb_u64(5, UINT64_MAX, &v) == PASCALROW_OK && v == 0, "C(5, 2^64-1)");
    CHECK(pascalrow_comb_u64(UINT64_MAX, 2, &v) == PASCALROW_EOVERFLOW, "C(2^64-1, 2)");
    CHECK(pascalrow_comb_u64(6074001000u, 2, &v) == PASCALROW_OK && v == 18446744070963499500u, "C(6074001000, 2)");
    CHECK(pascalrow_comb_u64(67, 33, &v) == PASCALROW_OK && v == 14226520737620288370u, "C(67, 33)");
    CHECK(pascalrow_comb_u64(68, 34, &v) == PASCALROW_EOVERFLOW, "C(68, 34)");
    CHECK(pascalrow_comb_u64(10, 3, NULL) == PASCALROW_EINVAL, "NULL out");
}

static void test_random(void)
{
    uint64_t state = 0x2545f4914f6cdd1du;
    int count = test_quick() ? 20000 : 200000;
    for (int i = 0; i < count; i++) {
        uint64_t n = test_rand64(&state) >> (test_rand64(&state) % 64);
        uint64_t j = test_rand64(&state) % 40;
        uint64_t k = test_rand64(&state) & 1 ? j : n - j;      /* either end of the row (k > n too) */
        check_pair(n, k);
    }
}

/* Threads call it at once from a cold start: each checks a stripe of row 67
 * and of row 1000. */
static void *thread_main(void *arg)
{
    unsigned t = *(unsigned *)arg;
    int bad = 0;
    for (uint64_t k = t; k <= 1000; k += 8) {
        uint64_t want, got;
        int fits = gmp_comb(67, k, &want);
        if (pascalrow_comb_u64(67, k, &got) != PASCALROW_OK || got != (fits ? want : 0)) bad++;
        fits = gmp_comb(1000, k, &want);
        int st = pascalrow_comb_u64(1000, k, &got);
        if (fits ? st != PASCALROW_OK || got != want : st != PASCALROW_EOVERFLOW) bad++;
    }
    return bad ? (void *)1 : NULL;
}

static void test_threads(void)
{
    pthread_t th[8];
    unsigned ids[8];
    for (unsigned t = 0; t < 8; t++) {
        ids[t] = t;
        CHECK(pthread_create(&th[t], NULL, thread_main, &ids[t]) == 0, "thread %u started", t);
    }
    for (unsigned t = 0; t < 8; t++) {
        void *r = (void *)1;
        pthread_join(th[t], &r);
        CHECK(r == NULL, "thread %u agrees with GMP", t);
    }
}

int main(void)
{
    test_threads();          /* first: the tables are still unfilled */
    test_rows();
    test_table_rows_past_the_row();
    test_table_pairs_shuffled();
    test_boundaries();
    test_random();
    return check_report();
}

/* pascalrow_slice_mod and pascalrow_slice_mod_threads against GMP:
 * mpz_bin_uiui(n, k) reduced by mpz_fdiv_ui, for moduli of every kind the
 * walk treats differently (odd primes above n: the Montgomery passes,
 * 32-bit below 2^31 and 64-bit above; 2^a·o with o's primes above n: the
 * 2-adic split; every prime power small: the walk in logarithms; primes
 * ≤ n otherwise: the general walk), rows both sides of every
 * block boundary, slices deep in rows; the threaded function equal to the
 * single-thread one for 1, 2, 3, 4 and 8 threads, and stopped by its poll,
 * also while it seeds a slice deep in a row.
 *
 * Deep in rows too large for GMP (n ~ 2^40 and 2^63), values are checked
 * against pascalrow_comb_mod, whose Granville/Lucas path shares nothing
 * with the walk but the factoring of m. */
#include "check.h"
#include "pascalrow.h"

#include <inttypes.h>
#include <string.h>

static int quick;
static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(uint64_t bound) { return bound ? test_rand64(&rng_state) % bound : 0; }

static const uint64_t MODULI[] = {
    1, 2, 3, 4, 6, 8, 12, 27, 1000, 65536, 720720,          /* primes ≤ n: the general walk */
    1000000007, 998244353, 2147483647,                      /* odd primes < 2^31: 32-bit passes */
    2147483659ull, (1ull << 61) - 1, 9223372036854775783ull, /* odd primes ≥ 2^31: 64-bit passes */
    3221225473ull,                                          /* 3·2^30 + 1, prime */
    1ull << 32, 1ull << 62, 1000000006, 4ull * 998244353,    /* 2^a·o: the 2-adic split */
    2ull * ((1ull << 61) - 1), (1ull << 40) * 3,
    PASCALROW_MOD_MAX,                                      /* 7^2·73·127·337·92737·649657 */
    1000003ull * 1000033ull,                                /* odd composite, primes above small n */
};
#define NMOD (sizeof MODULI / sizeof *MODULI)

/* The slice [a, b) of row n mod m against GMP (every step-th value), and
 * against the threaded function for several thread counts. */
static void check_slice_every(uint64_t n, uint64_t a, uint64_t b, uint64_t m, size_t step)
{
    uint64_t stop = b > n + 1 ? n + 1 : b;
    size_t len = a < stop ? (size_t)(stop - a) : 0;
    uint64_t *got = malloc((len + 1) * sizeof *got), *thr = malloc((len + 1) * sizeof *thr);
    if (got == NULL || thr == NULL) { CHECK(0, "malloc"); free(got); free(thr); return; }
    got[len] = thr[len] = 0xDEADBEEF;                        /* nothing written past the end */
    int st = pascalrow_slice_mod(n, a, b, m, got);
    CHECK(st == PASCALROW_OK && got[len] == 0xDEADBEEF,
          "slice_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, a, b, m, st);
    mpz_t c;
    mpz_init(c);
    int bad = 0;
    for (size_t i = 0; i < len; i += step) {
        mpz_bin_uiui(c, n, a + i);
        if (got[i] != mpz_fdiv_ui(c, m) && bad++ == 0)
            CHECK(0, "C(%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 ": %" PRIu64 ", GMP %lu",
                  n, a + i, m, got[i], mpz_fdiv_ui(c, m));
    }
    CHECK(bad == 0, "slice_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %d wrong",
          n, a, b, m, bad);
    mpz_clear(c);
    static const unsigned THREADS[] = { 0, 1, 2, 3, 4, 8 };
    for (size_t t = 0; t < sizeof THREADS / sizeof *THREADS; t++) {
        memset(thr, 0xA5, len * sizeof *thr);
        st = pascalrow_slice_mod_threads(n, a, b, m, THREADS[t], NULL, NULL, thr);
        CHECK(st == PASCALROW_OK && memcmp(thr, got, len * sizeof *got) == 0 && thr[len] == 0xDEADBEEF,
              "slice_mod_threads(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %u) != slice_mod",
              n, a, b, m, THREADS[t]);
    }
    free(got);
    free(thr);
}

static void check_slice(uint64_t n, uint64_t a, uint64_t b, uint64_t m) { check_slice_every(n, a, b, m, 1); }

static void test_against_gmp(void)
{
    /* rows around the additive cut (127) and the block boundaries (1024) */
    static const uint64_t ROWS[] = { 0, 1, 5, 127, 128, 1023, 1024, 1025, 2047, 2048, 2049, 2200, 4100 };
    for (size_t r = 0; r < sizeof ROWS / sizeof *ROWS; r++)
        for (size_t i = 0; i < NMOD; i++) {
            /* under valgrind (quick) every 7th value against GMP, all of them
             * against the threaded function */
            uint64_t n = ROWS[r], a = rnd(n + 1);
            check_slice_every(n, 0, n + 1, MODULI[i], quick ? 7 : 1);
            check_slice_every(n, a, a + rnd(n + 2 - a) + 1, MODULI[i], quick ? 7 : 1);
        }
    /* large enough for several threads (parts of 2^16 values): k < 2^17 + 5000;
     * under valgrind (quick) every third modulus (each way of the walk is
     * still met) and fewer values against GMP */
    int big = quick ? 1 : 3;
    for (int rep = 0; rep < big; rep++)
        for (size_t i = 0; i < NMOD; i += quick ? 3 : 1) {
            uint64_t n = 600000 + rnd(5000);
            uint64_t a = rnd(3000);
            check_slice_every(n, a, (1u << 17) + a + rnd(5000), MODULI[i], quick ? 16001 : 4001);
        }
    /* random slices of random rows */
    for (int rep = 0; rep < (quick ? 20 : 200); rep++) {
        uint64_t n = 128 + rnd(quick ? 3000 : 20000), a = rnd(n + 1);
        check_slice(n, a, a + 1 + rnd(3000), MODULI[rnd(NMOD)]);
    }
}

/* Moduli whose prime powers are all small (the walk in logarithms, for
 * walks long enough to build its tables), at the edges of its bounds, and
 * moduli with one prime power too big for it (the general walk).  Whole
 * rows both sides of powers of 2 and 3 and slices deep in rows, against the
 * same values mod m·R (R = 1000003, a prime power too big: the general
 * walk, or the 2-adic split for m = 2^a) reduced mod m, and every 4001st
 * value against GMP; threads against one thread (check_slice_every). */
static void test_small_powers(void)
{
    static const uint64_t M[] = {
        720720, 2ull * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23, 32 * 27 * 25, 510510 * 4, 30030, 1000, 12,
        2, 3, 4, 2187 /* 3^7: period 3^10 */, 2048 /* 2^11: period 2^16 */, 4093 /* prime ≤ 4096 */,
        16 * 4093, 9 * 25 * 49 * 121 * 169,
        /* one prime power too big: the general walk */
        4096, 59049, 4099, 720720ull * 4099, 65536,
    };
    const uint64_t R = 1000003;
    static const uint64_t ROWS[] = { 131071, 131072, 131073, 177146, 177147, 177148 };
    size_t cap = 400000;
    uint64_t *got = malloc(cap * sizeof *got), *ref = malloc(cap * sizeof *ref);
    if (got == NULL || ref == NULL) { CHECK(0, "malloc"); free(got); free(ref); return; }
    for (size_t i = 0; i < sizeof M / sizeof *M; i++) {
        const uint64_t m = M[i];
        for (size_t r = 0; r < sizeof ROWS / sizeof *ROWS; r++) {
            if (quick && r % 3 != 1) continue;
            const uint64_t n = ROWS[r];
            /* the whole row, the upper end alone, a slice from a Granville seed */
            const uint64_t a = rnd(n / 2), slices[3][2] = { { 0, n + 1 }, { n - 70000, n + 1 },
                                                          { a, a + 90000 } };
            for (int j = 0; j < 3; j++) {
                uint64_t lo = slices[j][0], hi = slices[j][1] < n + 1 ? slices[j][1] : n + 1;
                size_t len = (size_t)(hi - lo);
                CHECK(pascalrow_slice_mod(n, lo, hi, m, got) == PASCALROW_OK
                      && pascalrow_slice_mod(n, lo, hi, m * R, ref) == PASCALROW_OK, "slice_mod status");
                int bad = 0;
                for (size_t t = 0; t < len; t++)
                    if (got[t] != ref[t] % m && bad++ == 0)
                        CHECK(0, "C(%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 ": %" PRIu64 ", mod m·R: %" PRIu64,
                              n, lo + t, m, got[t], ref[t] % m);
                CHECK(bad == 0, "row %" PRIu64 " [%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 ": %d wrong",
                      n, lo, hi, m, bad);
                if (j == 0 && !quick) check_slice_every(n, lo, hi, m, 4001);
            }
        }
        /* deeper: a row of 2^21 + 1, a slice from its middle on 3 threads */
        if (!quick) {
            const uint64_t n = (1ull << 21) + 1, lo = n / 2 - 150000, hi = n / 2 + 150000;
            CHECK(pascalrow_slice_mod_threads(n, lo, hi, m, 3, NULL, NULL, got) == PASCALROW_OK
                  && pascalrow_slice_mod(n, lo, hi, m * R, ref) == PASCALROW_OK, "slice_mod status");
            int bad = 0;
            for (size_t t = 0; t < hi - lo; t++) bad += got[t] != ref[t] % m;
            CHECK(bad == 0, "row %" PRIu64 " middle mod %" PRIu64 ": %d wrong", n, m, bad);
        }
    }
    free(got);
    free(ref);
}

/* Deep in huge rows: against pascalrow_comb_mod (Granville/Lucas), for the
 * moduli whose prime powers are small or whose primes are above n. */
static void test_deep(void)
{
    static const uint64_t M[] = { 720720, 1ull << 32, 1000000006, 12, 27, 1000000007, 998244353,
                                  (1ull << 61) - 1, 2ull * 3 * 5 * 7 * 11 * 13 * 17 * 19 * 23, 2187 };
    static const uint64_t N[] = { (1ull << 40) + 12345, 1000000000000000000ull, UINT64_MAX - 1 };
    for (size_t i = 0; i < sizeof M / sizeof *M; i++)
        for (size_t j = 0; j < sizeof N / sizeof *N; j++) {
            uint64_t n = N[j], m = M[i];
            /* primes above 2^20 cost Lucas ~p steps: only near the ends then */
            uint64_t a = m > (1u << 20) && (m & 1) ? rnd(2000) : rnd(n / 2);
            if (pascalrow_slice_mod_cost(n, a, a + 3000, m) > 100000000u) continue;
            uint64_t got[3000], thr[3000];
            int st = pascalrow_slice_mod(n, a, a + 3000, m, got);
            CHECK(st == PASCALROW_OK, "deep slice status %d", st);
            int bad = 0;
            for (int t = 0; t < 3000; t += 97) {
                uint64_t want;
                pascalrow_comb_mod(n, a + (uint64_t)t, m, &want);
                bad += got[t] != want;
            }
            CHECK(bad == 0, "deep slice n=%" PRIu64 " a=%" PRIu64 " m=%" PRIu64 ": %d wrong", n, a, m, bad);
            st = pascalrow_slice_mod_threads(n, a, a + 3000, m, 4, NULL, NULL, thr);
            CHECK(st == PASCALROW_OK && memcmp(got, thr, sizeof got) == 0, "deep slice threads");
        }
}

/* Rows the threads split (from 2·2^16 lower-half values on). */
static void test_threads_big(void)
{
    static const uint64_t M[] = { 1000000007, (1ull << 61) - 1, 1ull << 32, 1000000006, 720720, 27,
                                  PASCALROW_MOD_MAX, 32 * 27 * 25, 16 * 4093 };
    uint64_t n = quick ? 300001 : 2000003;
    uint64_t *one = malloc((n + 1) * sizeof *one), *many = malloc((n + 1) * sizeof *many);
    if (one == NULL || many == NULL) { CHECK(0, "malloc"); free(one); free(many); return; }
    for (size_t i = 0; i < sizeof M / sizeof *M; i++) {
        CHECK(pascalrow_slice_mod(n, 0, n + 1, M[i], one) == PASCALROW_OK, "row");
        /* spot checks against comb_mod */
        int bad = 0;
        for (uint64_t k = 0; k <= n; k += n / 37) {
            uint64_t want;
            pascalrow_comb_mod(n, k, M[i], &want);
            bad += one[k] != want;
        }
        CHECK(bad == 0, "row %" PRIu64 " mod %" PRIu64 ": %d spot checks wrong", n, M[i], bad);
        static const unsigned THREADS[] = { 2, 3, 4, 8, 300 };
        for (size_t t = 0; t < sizeof THREADS / sizeof *THREADS; t++) {
            memset(many, 0, (n + 1) * sizeof *many);
            int st = pascalrow_slice_mod_threads(n, 0, n + 1, M[i], THREADS[t], NULL, NULL, many);
            CHECK(st == PASCALROW_OK && memcmp(one, many, (n + 1) * sizeof *one) == 0,
                  "row %" PRIu64 " mod %" PRIu64 " on %u threads differs", n, M[i], THREADS[t]);
            /* a slice crossing the middle */
            uint64_t a = n / 3, b = n - n / 5;
            st = pascalrow_slice_mod_threads(n, a, b, M[i], THREADS[t], NULL, NULL, many);
            CHECK(st == PASCALROW_OK && memcmp(one + a, many, (b - a) * sizeof *one) == 0,
                  "slice [%" PRIu64 ", %" PRIu64 ") mod %" PRIu64 " on %u threads differs", a, b, M[i],
                  THREADS[t]);
        }
    }
    free(one);
    free(many);
}

static void test_poll(void)
{
    /* the calling thread polls once per 2^16 values of its part, and then
     * while it waits: its part must span three polls for the stop at the
     * third, on 4 threads and with 720720's walk in logarithms, however
     * fast the helpers finish */
    uint64_t n = quick ? 1200001 : 3000001;
    uint64_t *out = malloc((n + 1) * sizeof *out);
    if (out == NULL) { CHECK(0, "malloc"); return; }
    static const unsigned THREADS[] = { 1, 2, 4 };
    for (size_t t = 0; t < sizeof THREADS / sizeof *THREADS; t++) {
        struct stop_after s = { 3, 0 };
        int st = pascalrow_slice_mod_threads(n, 0, n + 1, 720720, THREADS[t], poll_stop, &s, out);
        CHECK(st == PASCALROW_EINTR && s.seen >= 3, "poll stop on %u threads: status %d after %d polls",
              THREADS[t], st, s.seen);
        s = (struct stop_after){ 1 << 30, 0 };
        st = pascalrow_slice_mod_threads(n, 0, n + 1, 1000000007, THREADS[t], poll_stop, &s, out);
        uint64_t want;
        pascalrow_comb_mod(n, n / 2, 1000000007, &want);
        CHECK(st == PASCALROW_OK && s.seen > 0 && out[n / 2] == want, "polled, not stopped: %d", st);
    }
    /* the seed of a slice deep in a row polls too: by the walk from the
     * nearer end (2^61 − 1 > n: 4·10^8 steps) and by Granville's products
     * (1009^3: ~10^9 factors per level); stopped at the 2nd poll, long
     * before either is done */
    static const struct { uint64_t n, a, m; } DEEP[] = {
        { 1000000000, 400000000, (1ull << 61) - 1 },
        { 1000000000000000ull, 400000000000000ull, 1009ull * 1009 * 1009 },
    };
    for (size_t d = 0; d < sizeof DEEP / sizeof *DEEP; d++)
        for (size_t t = 0; t < sizeof THREADS / sizeof *THREADS; t++) {
            struct stop_after s = { 2, 0 };
            int st = pascalrow_slice_mod_threads(DEEP[d].n, DEEP[d].a, DEEP[d].a + 3, DEEP[d].m, THREADS[t],
                                                 poll_stop, &s, out);
            CHECK(st == PASCALROW_EINTR && s.seen == 2, "deep seed %zu stopped on %u threads: status %d, "
                  "%d polls", d, THREADS[t], st, s.seen);
        }
    /* the documented statuses */
    CHECK(pascalrow_slice_mod_threads(5, 0, 6, 7, 2, NULL, NULL, NULL) == PASCALROW_EINVAL, "NULL out");
    CHECK(pascalrow_slice_mod_threads(5, 0, 6, 0, 2, NULL, NULL, out) == PASCALROW_EINVAL, "m = 0");
    CHECK(pascalrow_slice_mod_threads(5, 0, 6, 1ull << 63, 2, NULL, NULL, out) == PASCALROW_EINVAL, "m = 2^63");
    CHECK(pascalrow_slice_mod_threads(UINT64_MAX, 0, 1, 7, 2, NULL, NULL, out) == PASCALROW_ERANGE, "n = 2^64 − 1");
    CHECK(pascalrow_slice_mod_threads(5, 4, 2, 7, 2, NULL, NULL, out) == PASCALROW_OK, "empty");
    free(out);
}

int main(void)
{
    quick = test_quick();
    test_against_gmp();
    test_small_powers();
    test_deep();
    test_threads_big();
    test_poll();
    return check_report();
}

/* C tests of libpascalrow against GMP's mpz_bin_uiui, run by "meson test". */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* PASCALROW_TEST_QUICK (set by make valgrind): fewer and smaller cases. */
static int quick;
#define SCALE(full, reduced) (quick ? (reduced) : (full))

static mpz_t *mpz_array(size_t len)
{
    mpz_t *a = malloc((len ? len : 1) * sizeof *a);
    for (size_t i = 0; i < len; i++) mpz_init(a[i]);
    return a;
}

static void mpz_array_free(mpz_t *a, size_t len)
{
    for (size_t i = 0; i < len; i++) mpz_clear(a[i]);
    free(a);
}

/* Every row n ≤ 300 equals mpz_bin_uiui, value by value. */
static void test_row_mpz(void)
{
    mpz_t want;
    mpz_init(want);
    for (uint64_t n = 0; n <= SCALE(300, 100); n++) {
        mpz_t *row = mpz_array(n + 1);
        int st = pascalrow_row_mpz(n, row);
        CHECK(st == PASCALROW_OK, "row %" PRIu64 ": %s", n, pascalrow_strerror(st));
        int bad = 0;
        for (uint64_t k = 0; k <= n; k++) {
            mpz_bin_uiui(want, n, k);
            if (mpz_cmp(row[k], want) != 0) bad++;
        }
        CHECK(bad == 0, "row %" PRIu64 ": %d values differ from mpz_bin_uiui", n, bad);
        mpz_array_free(row, n + 1);
    }
    mpz_clear(want);
}

/* Fixed-width rows equal the mpz rows up to their limits, and are refused
 * (buffer untouched) one row later. */
static void test_row_fixed(void)
{
    mpz_t want;
    mpz_init(want);
    for (uint64_t n = 0; n <= PASCALROW_U64_MAX_N; n++) {
        uint64_t r64[PASCALROW_U64_MAX_N + 1];
        uint32_t r32[PASCALROW_U32_MAX_N + 1];
        CHECK(pascalrow_row_u64(n, r64) == PASCALROW_OK, "row_u64(%" PRIu64 ")", n);
        int st32 = pascalrow_row_u32(n, r32);
        CHECK(st32 == (n <= PASCALROW_U32_MAX_N ? PASCALROW_OK : PASCALROW_EOVERFLOW),
              "row_u32(%" PRIu64 ") status %d", n, st32);
        int bad = 0;
        for (uint64_t k = 0; k <= n; k++) {
            mpz_bin_uiui(want, n, k);
            if (mpz_cmp_ui(want, r64[k]) != 0) bad++;
            if (n <= PASCALROW_U32_MAX_N && mpz_cmp_ui(want, r32[k]) != 0) bad++;
        }
        CHECK(bad == 0, "fixed-width row %" PRIu64 ": %d values differ", n, bad);
    }
    uint32_t r32[40];
    uint64_t r64[70];
    memset(r32, 0xAB, sizeof r32);
    memset(r64, 0xAB, sizeof r64);
    CHECK(pascalrow_row_u32(35, r32) == PASCALROW_EOVERFLOW, "row_u32(35) must overflow");
    CHECK(pascalrow_row_u64(68, r64) == PASCALROW_EOVERFLOW, "row_u64(68) must overflow");
    CHECK(r32[0] == 0xABABABABu && r64[0] == 0xABABABABABABABABull, "refused rows must not be written");
    CHECK(pascalrow_row_u32(SIZE_MAX, r32) == PASCALROW_EOVERFLOW, "row_u32(SIZE_MAX)");
    mpz_clear(want);
}

/* The in-place step reports overflow exactly at the first row that does not
 * fit (35 for u32, 68 for u64), not one row earlier, and leaves the row it
 * was given unchanged so the caller can widen it. */
static void test_step_overflow(void)
{
    uint32_t r32[40] = {1};
    uint64_t r64[72] = {1};
    uint64_t first32 = 0, first64 = 0;
    for (size_t i = 0; i < 38 && !first32; i++)
        if (pascalrow_step_u32(i, r32) == PASCALROW_EOVERFLOW) first32 = i + 1;
    for (size_t i = 0; i < 70 && !first64; i++)
        if (pascalrow_step_u64(i, r64) == PASCALROW_EOVERFLOW) first64 = i + 1;
    CHECK(first32 == PASCALROW_U32_MAX_N + 1, "u32 step first overflows at row %" PRIu64, first32);
    CHECK(first64 == PASCALROW_U64_MAX_N + 1, "u64 step first overflows at row %" PRIu64, first64);

    uint32_t want32[PASCALROW_U32_MAX_N + 1];
    uint64_t want64[PASCALROW_U64_MAX_N + 1];
    pascalrow_row_u32(PASCALROW_U32_MAX_N, want32);
    pascalrow_row_u64(PASCALROW_U64_MAX_N, want64);
    CHECK(memcmp(r32, want32, sizeof want32) == 0, "u32 row not restored after overflow");
    CHECK(memcmp(r64, want64, sizeof want64) == 0, "u64 row not restored after overflow");

    /* Widening after the overflow: the restored u32 row 34 continues in u64. */
    uint64_t wide[40];
    for (size_t k = 0; k <= PASCALROW_U32_MAX_N; k++) wide[k] = r32[k];
    CHECK(pascalrow_step_u64(PASCALROW_U32_MAX_N, wide) == PASCALROW_OK, "widened step");
    uint64_t row35[36];
    pascalrow_row_u64(35, row35);
    CHECK(memcmp(wide, row35, sizeof row35) == 0, "widened row 35");

    CHECK(pascalrow_step_u32(3, NULL) == PASCALROW_EINVAL, "step NULL");
    CHECK(pascalrow_step_u64(SIZE_MAX, r64) == PASCALROW_ERANGE, "step SIZE_MAX");
}

/* A deterministic generator for the random cases. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(uint64_t bound)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return bound ? rng_state % bound : rng_state;
}

static void check_slice(uint64_t n, uint64_t start, uint64_t stop)
{
    uint64_t end = stop > n + 1 ? n + 1 : stop;
    size_t len = start < end ? (size_t)(end - start) : 0;
    mpz_t *out = mpz_array(len);
    mpz_t want;
    mpz_init(want);
    int st = pascalrow_slice_mpz(n, start, stop, out);
    int bad = 0;
    for (size_t i = 0; i < len; i++) {
        mpz_bin_uiui(want, n, start + i);
        if (mpz_cmp(want, out[i]) != 0) bad++;
    }
    CHECK(st == PASCALROW_OK && bad == 0,
          "slice n=%" PRIu64 " [%" PRIu64 ", %" PRIu64 "): status %d, %d wrong", n, start, stop, st, bad);
    mpz_clear(want);
    mpz_array_free(out, len);
}

static void test_slices(void)
{
    check_slice(10, 0, 11);
    check_slice(10, 3, 7);
    check_slice(10, 7, 100);          /* stop past the row is clipped */
    check_slice(10, 11, 20);          /* nothing */
    check_slice(10, 5, 5);
    check_slice(10, 6, 2);            /* start > stop: nothing */
    check_slice(1000000, 499995, 500005);
    check_slice(1000000, 999990, 1000001);   /* the far end of a big row */
    check_slice(1000000000000ull, 0, 20);
    check_slice(UINT64_MAX - 1, 0, 5);
    for (int t = 0; t < SCALE(300, 40); t++) {
        uint64_t n = rnd(5000), a = rnd(n + 2), b = a + rnd(60);
        check_slice(n, a, b);
    }
    mpz_t z;
    CHECK(pascalrow_slice_mpz(5, 0, 6, NULL) == PASCALROW_EINVAL, "slice NULL");
    CHECK(pascalrow_row_mpz(5, NULL) == PASCALROW_EINVAL, "row NULL");
    mpz_init(z);
    CHECK(pascalrow_slice_mpz(UINT64_MAX, 0, 1, &z) == PASCALROW_ERANGE, "n = UINT64_MAX");
    mpz_clear(z);
}

struct count_ctx { uint64_t calls, stop_after, next_k; int in_order; };

static int counting_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct count_ctx *c = vctx;
    if (k != c->next_k || nlimbs == 0 || limbs[nlimbs - 1] == 0) c->in_order = 0;
    c->next_k = k + 1;
    return ++c->calls == c->stop_after;
}

static void test_walk(void)
{
    struct count_ctx c = { 0, 0, 100, 1 };
    CHECK(pascalrow_walk(1000, 100, 400, counting_sink, &c) == PASCALROW_OK && c.calls == 300 && c.in_order,
          "walk calls %" PRIu64, c.calls);
    struct count_ctx stopper = { 0, 7, 0, 1 };
    CHECK(pascalrow_walk(1000, 0, 1001, counting_sink, &stopper) == PASCALROW_EINTR && stopper.calls == 7,
          "a sink returning non-zero stops the walk");
    CHECK(pascalrow_walk(10, 0, 11, NULL, NULL) == PASCALROW_EINVAL, "walk NULL sink");
}

static void test_comb(void)
{
    mpz_t z, want;
    mpz_init(z);
    mpz_init(want);
    CHECK(pascalrow_comb_mpz(5, 6, z) == PASCALROW_OK && mpz_sgn(z) == 0, "C(5,6) = 0");
    CHECK(pascalrow_comb_mpz(0, 0, z) == PASCALROW_OK && mpz_cmp_ui(z, 1) == 0, "C(0,0) = 1");
    for (int t = 0; t < SCALE(2000, 100); t++) {
        uint64_t n = rnd(100000), k = rnd(n + 3);
        pascalrow_comb_mpz(n, k, z);
        if (k <= n) mpz_bin_uiui(want, n, k); else mpz_set_ui(want, 0);
        CHECK(mpz_cmp(z, want) == 0, "comb(%" PRIu64 ", %" PRIu64 ")", n, k);
    }
    CHECK(pascalrow_comb_mpz(3, 1, NULL) == PASCALROW_EINVAL, "comb NULL");
    mpz_clear(want);
    mpz_clear(z);
}

/* comb_bits_bound is never below the true bit length and at most a few bits
 * above it; row_half_bits is never below the true half-row total. */
static void test_bounds(void)
{
    mpz_t c;
    mpz_init(c);
    int below = 0, loose = 0;
    for (uint64_t n = 0; n <= SCALE(400, 120); n++)
        for (uint64_t k = 0; k <= n + 1; k++) {
            uint64_t b = pascalrow_comb_bits_bound(n, k);
            uint64_t truth = 0;
            if (k <= n) { mpz_bin_uiui(c, n, k); truth = mpz_sizeinbase(c, 2); }
            if (b < truth) below++;
            if (b > truth + 4) loose++;
        }
    CHECK(below == 0, "%d bounds below the truth", below);
    CHECK(loose == 0, "%d bounds more than 4 bits loose", loose);
    for (int t = 0; t < SCALE(200, 40); t++) {
        uint64_t n = rnd(0) >> (rnd(60) + 1), k = rnd(200) < 100 ? rnd(300) : rnd(n + 1) % 20000;
        if (k > n) k = n;
        mpz_bin_uiui(c, n, k);
        uint64_t truth = mpz_sizeinbase(c, 2), b = pascalrow_comb_bits_bound(n, k);
        CHECK(b >= truth && b <= truth + 4 + truth / 1000000,
              "bound(%" PRIu64 ", %" PRIu64 ") = %" PRIu64 ", true %" PRIu64, n, k, b, truth);
    }
    int half_below = 0;
    double worst = 0;
    for (uint64_t n = 0; n <= 3000; n += (n < 200 ? SCALE(1, 13) : SCALE(37, 397))) {
        uint64_t total = 0;
        for (uint64_t k = 0; k <= n / 2; k++) { mpz_bin_uiui(c, n, k); total += mpz_sizeinbase(c, 2); }
        uint64_t est = pascalrow_row_half_bits(n);
        if (est < total) half_below++;
        if (n >= 2000 && (double)est / (double)total - 1 > worst) worst = (double)est / (double)total - 1;
    }
    CHECK(half_below == 0, "row_half_bits below the truth for %d rows", half_below);
    CHECK(worst < 0.01, "row_half_bits %.3f%% above the truth for n >= 2000", worst * 100);
    /* bitlen C(n, n/2) = n − ½·log2(πn/2) + O(1): about n − 32 for n near 2^64 */
    uint64_t big = UINT64_MAX - 1, hb = pascalrow_comb_bits_bound(big, big / 2);
    CHECK(hb <= big && hb >= big - 40, "bound(2^64 - 2, 2^63 - 1) = %" PRIu64, hb);
    hb = pascalrow_comb_bits_bound(1ull << 40, 1ull << 39);
    CHECK(hb >= (1ull << 40) - 21 && hb <= (1ull << 40) - 16, "bound(2^40, 2^39) = %" PRIu64, hb);
    CHECK(pascalrow_row_half_bits(UINT64_MAX) == UINT64_MAX, "row_half_bits saturates");
    mpz_clear(c);
}

static void test_status(void)
{
    const int codes[] = { PASCALROW_OK, PASCALROW_EINVAL, PASCALROW_EOVERFLOW,
                          PASCALROW_ERANGE, PASCALROW_ENOMEM, PASCALROW_EINTR };
    const char *unknown = pascalrow_strerror(12345);
    CHECK(unknown != NULL && strstr(unknown, "unknown") != NULL, "unknown status");
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++) {
        const char *s = pascalrow_strerror(codes[i]);
        CHECK(s != NULL && *s && strcmp(s, unknown) != 0, "status %d has its own message", codes[i]);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(s, pascalrow_strerror(codes[j])) != 0, "messages %d and %d differ", codes[i], codes[j]);
    }
    CHECK(pascalrow_version_number() == PASCALROW_VERSION_NUMBER, "version");
}

int main(void)
{
    quick = test_quick();
    test_row_mpz();
    test_row_fixed();
    test_step_overflow();
    test_slices();
    test_walk();
    test_comb();
    test_bounds();
    test_status();
    return check_report();
}

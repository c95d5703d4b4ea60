/* C tests of slices, rows mod m, the triangle and multinomials, against
 * GMP (mpz_bin_uiui, mpz_fdiv_ui, mpz_fac_ui), run by "meson test". */
#include <pascalrow.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* PASCALROW_TEST_QUICK (set by make valgrind): fewer and smaller cases. */
static int quick;
#define SCALE(full, reduced) (quick ? (reduced) : (full))

/* A deterministic generator for the random cases. */
static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rnd(uint64_t bound)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return bound ? rng_state % bound : rng_state;
}

/* Moduli that break implementations: 1, composites, prime powers (27:
 * C(28,3) mod 27 = 9, not Lucas' 0), 2^k, primes near 2^31, 2^32, 2^63, a
 * square of a prime near 2^31.5, perfect powers of primes above 1000, a semiprime of two 31/32-bit primes (so
 * factoring needs rho), the largest modulus accepted. */
static const uint64_t MODULI[] = {
    1, 2, 3, 4, 8, 12, 27, 30, 64, 97, 243, 360, 1000, 1024, 65536,
    1048573ull * 1048573ull * 1048573ull, 2147483647ull, 4294967291ull, 4294967296ull,
    1000000006ull, 1000000007ull, 998244353ull, 614889782588491410ull,   /* 2·3·…·47 */
    3037000493ull * 3037000493ull, 2147483647ull * 4294967291ull,
    1009ull * 1009 * 1009 * 1009 * 1009 * 1009, 1009ull * 1009 * 1009 * 1013 * 1013 * 1013,
    1ull << 62, 9223372036854775783ull, PASCALROW_MOD_MAX,
};
#define NMODULI (sizeof MODULI / sizeof *MODULI)

static uint64_t comb_mod_want(mpz_t scratch, uint64_t n, uint64_t k, uint64_t m)
{
    if (k > n) return 0;
    mpz_bin_uiui(scratch, n, k);
    return mpz_fdiv_ui(scratch, m);
}

/* --------------------------------------------------------------- step_mod */

static void test_step_mod(void)
{
    mpz_t c;
    mpz_init(c);
    uint64_t *row = malloc(202 * sizeof *row);
    for (size_t t = 0; t < NMODULI; t++) {
        uint64_t m = MODULI[t];
        row[0] = 1 % m;
        int bad = 0;
        for (size_t i = 0; i < SCALE(200, 60); i++) {
            if (pascalrow_step_mod(i, m, row) != PASCALROW_OK) bad++;
            for (uint64_t k = 0; k <= i + 1; k++)
                if (row[k] != comb_mod_want(c, i + 1, k, m)) bad++;
        }
        CHECK(bad == 0, "step_mod m=%" PRIu64 ": %d wrong", m, bad);
    }
    CHECK(pascalrow_step_mod(3, 7, NULL) == PASCALROW_EINVAL, "step_mod NULL");
    CHECK(pascalrow_step_mod(3, 0, row) == PASCALROW_EINVAL, "step_mod m=0");
    CHECK(pascalrow_step_mod(3, PASCALROW_MOD_MAX + 1, row) == PASCALROW_EINVAL, "step_mod m=2^63");
    CHECK(pascalrow_step_mod(SIZE_MAX, 7, row) == PASCALROW_ERANGE, "step_mod SIZE_MAX");
    free(row);
    mpz_clear(c);
}

/* -------------------------------------------------------------- slice_mod */

/* slice_mod(n, [a, b), m) value by value; with exact, against mpz_bin_uiui
 * (then n and the slice must keep the values cheap), else against comb_mod. */
static void check_slice_mod(uint64_t n, uint64_t a, uint64_t b, uint64_t m, int exact)
{
    uint64_t end = b > n + 1 ? n + 1 : b;
    size_t len = a < end ? (size_t)(end - a) : 0;
    uint64_t *out = malloc((len + 1) * sizeof *out);
    mpz_t c;
    mpz_init(c);
    int st = pascalrow_slice_mod(n, a, b, m, out);
    int bad = 0;
    for (size_t i = 0; i < len; i++) {
        uint64_t want;
        if (exact) want = comb_mod_want(c, n, a + i, m);
        else pascalrow_comb_mod(n, a + i, m, &want);
        if (out[i] != want) bad++;
    }
    CHECK(st == PASCALROW_OK && bad == 0, "slice_mod n=%" PRIu64 " [%" PRIu64 ", %" PRIu64 ") m=%" PRIu64
          ": status %d, %d wrong", n, a, b, m, st, bad);
    mpz_clear(c);
    free(out);
}

static void test_slice_mod(void)
{
    check_slice_mod(28, 0, 29, 27, 1);
    for (size_t t = 0; t < NMODULI; t++) {
        uint64_t m = MODULI[t];
        check_slice_mod(0, 0, 1, m, 1);
        check_slice_mod(127, 0, 128, m, 1);              /* the additive path's last row */
        check_slice_mod(128, 0, 129, m, 1);              /* the walk's first */
        check_slice_mod(1000, 0, 1001, m, 1);
        check_slice_mod(1001, 3, 990, m, 1);
        check_slice_mod(5000, 4990, 6000, m, 1);         /* the far end, stop clipped */
        check_slice_mod(5000, 2490, 2510, m, 1);         /* across the middle */
        check_slice_mod(5000, 7000, 8000, m, 1);         /* past the row: nothing */
        check_slice_mod(5000, 30, 20, m, 1);             /* start > stop: nothing */
        /* deep in a bigger row: the seed is walked or from Granville */
        check_slice_mod(200000, 100000 - SCALE(10, 2), 100000 + SCALE(10, 2), m, 1);
        check_slice_mod(200000, 3333, 3340, m, 1);
        /* huge rows, both ends: n ≥ m for the small moduli, so primes of m
         * divide n − k and k + 1 */
        check_slice_mod(1000000000000000000ull, 0, 100, m, 1);
        check_slice_mod(1000000000000000000ull, 1000000000000000000ull - 99, UINT64_MAX, m, 1);
        check_slice_mod(UINT64_MAX - 1, 0, 40, m, 1);
        check_slice_mod(9223372036854775783ull + 5, 0, 12, m, 1);  /* n just above a prime modulus */
        for (int r = 0; r < SCALE(20, 4); r++) {
            uint64_t n = rnd(3000), a = rnd(n + 2), b = a + rnd(200);
            check_slice_mod(n, a, b, m, 1);
        }
    }
    for (int r = 0; r < SCALE(100, 20); r++) {          /* random moduli, random rows */
        uint64_t m = 1 + rnd(PASCALROW_MOD_MAX >> rnd(62)), n = rnd(4000), a = rnd(n + 1);
        check_slice_mod(n, a, a + rnd(300), m, 1);
    }
    /* huge n deep inside, against comb_mod (which the exact tests below pin) */
    check_slice_mod(1000000000000000000ull, 500000000000000000ull - 5, 500000000000000000ull + 5, 12, 0);
    check_slice_mod(1000000000000000000ull, 123456789012345ull, 123456789012345ull + 300, 7 * 11 * 13 * 64, 0);

    uint64_t out[4];
    CHECK(pascalrow_slice_mod(5, 0, 6, 7, NULL) == PASCALROW_EINVAL, "slice_mod NULL");
    CHECK(pascalrow_slice_mod(5, 0, 4, 0, out) == PASCALROW_EINVAL, "slice_mod m=0");
    CHECK(pascalrow_slice_mod(5, 0, 4, 1ull << 63, out) == PASCALROW_EINVAL, "slice_mod m=2^63");
    CHECK(pascalrow_slice_mod(UINT64_MAX, 0, 1, 7, out) == PASCALROW_ERANGE, "slice_mod n=UINT64_MAX");
}

/* --------------------------------------------------------------- comb_mod */

static void check_comb_mod(uint64_t n, uint64_t k, uint64_t m)
{
    mpz_t c;
    mpz_init(c);
    uint64_t got = UINT64_MAX, want = comb_mod_want(c, n, k, m);
    int st = pascalrow_comb_mod(n, k, m, &got);
    CHECK(st == PASCALROW_OK && got == want, "comb_mod(%" PRIu64 ", %" PRIu64 ") mod %" PRIu64
          " = %" PRIu64 ", want %" PRIu64, n, k, m, got, want);
    mpz_clear(c);
}

static void test_comb_mod(void)
{
    check_comb_mod(28, 3, 27);
    for (size_t t = 0; t < NMODULI; t++) {
        uint64_t m = MODULI[t];
        check_comb_mod(0, 0, m);
        check_comb_mod(5, 6, m);
        check_comb_mod(UINT64_MAX, 0, m);
        check_comb_mod(UINT64_MAX, UINT64_MAX, m);
        check_comb_mod(UINT64_MAX, UINT64_MAX - 3, m);
        check_comb_mod(UINT64_MAX, 1, m);
        /* huge n, k up to a few thousand: the exact value is cheap, and for
         * small prime powers Granville is the cheaper way */
        for (int r = 0; r < SCALE(6, 2); r++) {
            uint64_t n = rnd(0) | (1ull << 62), k = rnd(SCALE(3000, 400));
            check_comb_mod(n, k, m);
            check_comb_mod(n, n - k, m);
        }
        for (int r = 0; r < SCALE(30, 6); r++) {
            uint64_t n = rnd(20000), k = rnd(n + 2);
            check_comb_mod(n, k, m);
        }
        check_comb_mod(SCALE(300000, 30000), SCALE(150000, 15000), m);
        check_comb_mod(SCALE(300000, 30000), SCALE(149999, 14999), m);
    }
    /* n a multiple of, or next to, the prime: digits 0 and p − 1 */
    /* Lucas: C(3p + 5, p + 2) ≡ C(3,1)·C(5,2) = 30 and C(3p, p) ≡ 3 (mod p) */
    const uint64_t p = 1000000007ull;
    uint64_t lucas = 0;
    CHECK(pascalrow_comb_mod(3 * p + 5, p + 2, p, &lucas) == PASCALROW_OK && lucas == 30, "Lucas: %" PRIu64, lucas);
    CHECK(pascalrow_comb_mod(3 * p, p, p, &lucas) == PASCALROW_OK && lucas == 3, "Lucas: %" PRIu64, lucas);
    check_comb_mod(1000000007ull * 2 - 1, 1000, 1000000007ull);
    check_comb_mod(9, 3, 9);
    uint64_t r;
    /* Kummer: adding 2^61 − 1 and 2^61 + 1 carries 62 times, so 2^62
     * divides C(2^62, 2^61 − 1): 0 mod 2^40, found without computing it */
    CHECK(pascalrow_comb_mod(1ull << 62, (1ull << 61) - 1, 1ull << 40, &r) == PASCALROW_OK && r == 0,
          "C(2^62, 2^61 - 1) mod 2^40 = %" PRIu64, r);
    CHECK(pascalrow_comb_mod(3, 1, 7, NULL) == PASCALROW_EINVAL, "comb_mod NULL");
    CHECK(pascalrow_comb_mod(3, 1, 0, &r) == PASCALROW_EINVAL, "comb_mod m=0");
    CHECK(pascalrow_comb_mod(3, 1, 1ull << 63, &r) == PASCALROW_EINVAL, "comb_mod m=2^63");
    /* the deep centre of a huge row with a small modulus: Granville only,
     * checked against the walk of the same row started from the other end */
    uint64_t viaslice[3], n = 1000000000000000000ull, k = 500000000000000000ull;
    CHECK(pascalrow_slice_mod(n, k - 1, k + 2, 3 * 3 * 5 * 7 * 7, viaslice) == PASCALROW_OK, "deep slice");
    for (int i = 0; i < 3; i++) {
        CHECK(pascalrow_comb_mod(n, k - 1 + (uint64_t)i, 3 * 3 * 5 * 7 * 7, &r) == PASCALROW_OK
              && r == viaslice[i], "deep comb_mod = deep slice at k%+d", i - 1);
    }
}

/* The cost counts: cheap where the work is cheap, huge where it is out of
 * reach, 0 where nothing is done. */
static void test_mod_cost(void)
{
    const uint64_t n = 1000000000000000000ull, k = 500000000000000000ull;
    uint64_t c = pascalrow_slice_mod_cost(n, k, k + 10, 12);
    CHECK(c >= 10 && c < 10000, "deep slice mod 12 costs %" PRIu64, c);
    c = pascalrow_slice_mod_cost(n, k, k + 10, 205891132094649ull);         /* 3^30 */
    CHECK(c > 1000000000000ull, "deep slice mod 3^30 costs %" PRIu64, c);
    c = pascalrow_comb_mod_cost(n, k + 7, 205891132094649ull);
    CHECK(c > 1000000000000ull, "deep comb mod 3^30 costs %" PRIu64, c);
    c = pascalrow_slice_mod_cost(n, 0, 100, 205891132094649ull);
    CHECK(c >= 100 && c < 1000, "start of the row mod 3^30 costs %" PRIu64, c);
    c = pascalrow_slice_mod_cost(1000, 0, 1001, 1000000007ull);
    CHECK(c >= 501 && c < 1000, "row 1000 costs %" PRIu64, c);
    CHECK(pascalrow_comb_mod_cost(1ull << 62, (1ull << 61) - 1, 1ull << 40) == 0, "divisible: no work");
    CHECK(pascalrow_slice_mod_cost(10, 5, 3, 7) == 0 && pascalrow_slice_mod_cost(10, 0, 5, 1) == 0
          && pascalrow_slice_mod_cost(10, 0, 5, 0) == 0 && pascalrow_comb_mod_cost(3, 5, 7) == 0, "no work");
}

/* ---------------------------------------------------- fixed-width slices */

static void test_slice_fixed(void)
{
    mpz_t c;
    mpz_init(c);
    int bad = 0, status_bad = 0;
    for (uint64_t n = 0; n <= SCALE(80, 40); n++)
        for (uint64_t a = 0; a <= n + 2; a++)
            for (uint64_t b = a; b <= n + 3; b += 1 + (b > a + 3)) {
                uint64_t o64[90];
                uint32_t o32[90];
                int fits64 = 1, fits32 = 1;
                for (uint64_t k = a; k < b && k <= n; k++) {
                    mpz_bin_uiui(c, n, k);
                    if (mpz_sizeinbase(c, 2) > 64) fits64 = 0;
                    if (mpz_sizeinbase(c, 2) > 32) fits32 = 0;
                }
                int s64 = pascalrow_slice_u64(n, a, b, o64), s32 = pascalrow_slice_u32(n, a, b, o32);
                if (s64 != (fits64 ? PASCALROW_OK : PASCALROW_EOVERFLOW)) status_bad++;
                if (s32 != (fits32 ? PASCALROW_OK : PASCALROW_EOVERFLOW)) status_bad++;
                for (uint64_t k = a; k < b && k <= n; k++) {
                    mpz_bin_uiui(c, n, k);
                    if (fits64 && mpz_cmp_ui(c, o64[k - a]) != 0) bad++;
                    if (fits32 && mpz_cmp_ui(c, o32[k - a]) != 0) bad++;
                }
            }
    CHECK(status_bad == 0, "fixed slices: %d wrong statuses", status_bad);
    CHECK(bad == 0, "fixed slices: %d wrong values", bad);
    /* the ends of huge rows fit */
    uint64_t o[6], n = 1000000;
    CHECK(pascalrow_slice_u64(n, n - 2, n + 1, o) == PASCALROW_OK && o[0] == 499999500000ull && o[1] == n && o[2] == 1,
          "end of row 10^6");
    mpz_bin_uiui(c, n, 3);
    CHECK(pascalrow_slice_u64(n, 0, 4, o) == PASCALROW_OK && mpz_cmp_ui(c, o[3]) == 0, "start of row 10^6");
    CHECK(pascalrow_slice_u64(n, 0, 5, o) == PASCALROW_EOVERFLOW, "C(10^6, 4) > 2^64");
    CHECK(pascalrow_slice_u64(n, n / 2, n / 2 + 1, o) == PASCALROW_EOVERFLOW, "middle of row 10^6");
    CHECK(pascalrow_slice_u64(UINT64_MAX - 1, 0, 2, o) == PASCALROW_OK && o[1] == UINT64_MAX - 1, "row 2^64 - 2");
    CHECK(pascalrow_slice_u32(5, 0, 6, NULL) == PASCALROW_EINVAL, "slice_u32 NULL");
    CHECK(pascalrow_slice_u64(UINT64_MAX, 0, 1, o) == PASCALROW_ERANGE, "slice_u64 n = UINT64_MAX");
    mpz_clear(c);
}

/* Every slice of small rows: the hull's values, placed at k and n − k,
 * cover each position of the slice, and the hull is no longer than it. */
static void test_slice_hull(void)
{
    int bad = 0;
    for (uint64_t n = 0; n <= 40; n++)
        for (uint64_t a = 0; a <= n + 2; a++)
            for (uint64_t b = 0; b <= n + 3; b++) {
                uint64_t lo = 99, hi = 99, end = b > n + 1 ? n + 1 : b;
                int covered[50] = { 0 };
                if (pascalrow_slice_hull(n, a, b, &lo, &hi) != PASCALROW_OK) { bad++; continue; }
                if (lo > hi || hi > n / 2 + 1 || (a < end && hi - lo > end - a) || (a >= end && lo != hi)) bad++;
                for (uint64_t k = lo; k < hi; k++) {
                    if (k >= a && k < end) covered[k - a]++;
                    if (n - k != k && n - k >= a && n - k < end) covered[n - k - a]++;
                    if (!((k >= a && k < end) || (n - k >= a && n - k < end))) bad++;   /* wasted */
                }
                for (uint64_t i = 0; a + i < end; i++)
                    if (covered[i] != 1) bad++;
            }
    CHECK(bad == 0, "slice_hull: %d faults", bad);
    uint64_t lo, hi;
    CHECK(pascalrow_slice_hull(10, 0, 11, NULL, &hi) == PASCALROW_EINVAL, "hull NULL");
    CHECK(pascalrow_slice_hull(UINT64_MAX, 0, 11, &lo, &hi) == PASCALROW_ERANGE, "hull n = UINT64_MAX");
}

/* --------------------------------------------------------------- triangle */

static void test_triangle(void)
{
    pascalrow_triangle *t = pascalrow_triangle_new();
    CHECK(t != NULL, "triangle_new");
    CHECK(pascalrow_triangle_row_u32(t) == NULL && pascalrow_triangle_row_u64(t) == NULL
          && pascalrow_triangle_row_mpz(t) == NULL, "no row before the first next");
    mpz_t c;
    mpz_init(c);
    int bad = 0, width_bad = 0;
    for (uint64_t n = 0; n <= SCALE(400, 150); n++) {
        if (pascalrow_triangle_next(t) != PASCALROW_OK || pascalrow_triangle_n(t) != n) { bad++; break; }
        unsigned w = pascalrow_triangle_width(t);
        unsigned want_w = n <= PASCALROW_U32_MAX_N ? 32 : n <= PASCALROW_U64_MAX_N ? 64 : 0;
        const uint32_t *r32 = pascalrow_triangle_row_u32(t);
        const uint64_t *r64 = pascalrow_triangle_row_u64(t);
        const mpz_t *rz = pascalrow_triangle_row_mpz(t);
        if (w != want_w || (r32 != NULL) != (w == 32) || (r64 != NULL) != (w == 64) || (rz != NULL) != (w == 0))
            width_bad++;
        for (uint64_t k = 0; k <= n; k++) {
            mpz_bin_uiui(c, n, k);
            int ok = w == 32 ? mpz_cmp_ui(c, r32[k]) == 0
                   : w == 64 ? mpz_cmp_ui(c, r64[k]) == 0
                   : mpz_cmp(c, rz[k]) == 0;
            if (!ok) bad++;
        }
    }
    CHECK(bad == 0, "triangle rows 0..400: %d wrong", bad);
    CHECK(width_bad == 0, "triangle widths: %d wrong", width_bad);
    pascalrow_triangle_free(t);
    pascalrow_triangle_free(NULL);
    CHECK(pascalrow_triangle_next(NULL) == PASCALROW_EINVAL, "triangle_next NULL");
    mpz_clear(c);
}

/* ------------------------------------------------------------ multinomial */

static void check_multinomial(const uint64_t *ks, size_t count)
{
    mpz_t got, want, f;
    mpz_inits(got, want, f, NULL);
    uint64_t sum = 0;
    for (size_t i = 0; i < count; i++) sum += ks[i];
    mpz_fac_ui(want, sum);                        /* (Σk)! / Π k! */
    for (size_t i = 0; i < count; i++) { mpz_fac_ui(f, ks[i]); mpz_divexact(want, want, f); }
    int st = pascalrow_multinomial_mpz(ks, count, got);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0, "multinomial of %zu values (sum %" PRIu64 ")", count, sum);
    mpz_clears(got, want, f, NULL);
}

static void test_multinomial(void)
{
    check_multinomial(NULL, 0);
    const uint64_t a[] = { 0 }, b[] = { 7 }, c[] = { 2, 3, 4 }, d[] = { 0, 0, 5, 0 }, e[] = { 1, 1, 1, 1, 1, 1 };
    check_multinomial(a, 1);
    check_multinomial(b, 1);
    check_multinomial(c, 3);
    check_multinomial(d, 4);
    check_multinomial(e, 6);
    for (int r = 0; r < 200; r++) {
        uint64_t ks[8];
        size_t count = 1 + rnd(8);
        for (size_t i = 0; i < count; i++) ks[i] = rnd(r < 100 ? 20 : 700);
        check_multinomial(ks, count);
    }
    mpz_t z;
    mpz_init(z);
    const uint64_t big[] = { UINT64_MAX, 1 }, edge[] = { UINT64_MAX - 1, 1 };
    CHECK(pascalrow_multinomial_mpz(big, 2, z) == PASCALROW_ERANGE, "multinomial sum overflow");
    CHECK(pascalrow_multinomial_mpz(edge, 2, z) == PASCALROW_OK && mpz_cmp_ui(z, UINT64_MAX) == 0,
          "multinomial(2^64 - 2, 1) = 2^64 - 1");
    CHECK(pascalrow_multinomial_mpz(NULL, 2, z) == PASCALROW_EINVAL, "multinomial NULL ks");
    CHECK(pascalrow_multinomial_mpz(b, 1, NULL) == PASCALROW_EINVAL, "multinomial NULL out");
    mpz_clear(z);
}

int main(void)
{
    quick = test_quick();
    test_step_mod();
    test_slice_mod();
    test_comb_mod();
    test_mod_cost();
    test_slice_fixed();
    test_slice_hull();
    test_triangle();
    test_multinomial();
    return check_report();
}

/* pascalrow_valuation and pascalrow_binomial_mpz against GMP: mpz_remove on
 * mpz_bin_uiui's C(n, k) for valuations of small n, Legendre's
 * v_p(n!) = Σ_i ⌊n/p^i⌋ for any n, and mpz_bin_ui on a negative mpz n. */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>

static const uint64_t primes[] = { 2, 3, 5, 7, 11, 13, 97, 251, 65521, 4294967291u,
                                   (uint64_t)INT64_MAX - 24 /* 2^63 − 25 */,
                                   UINT64_MAX - 58 /* 2^64 − 59 */ };

/* v_p(n!) = Σ_{i≥1} ⌊n/p^i⌋ (Legendre). */
static uint64_t legendre(uint64_t n, uint64_t p)
{
    uint64_t v = 0;
    while (n >= p) { n /= p; v += n; }
    return v;
}

static void test_valuation_small(void)
{
    mpz_t c, r, pz;
    mpz_inits(c, r, pz, NULL);
    for (uint64_t n = 0; n <= 200; n++)
        for (size_t i = 0; i < 8; i++) {
            mpz_set_ui(pz, primes[i]);
            for (uint64_t k = 0; k <= n; k += 1 + n / 40) {
                mpz_bin_uiui(c, n, k);
                uint64_t want = mpz_remove(r, c, pz), got = UINT64_MAX;
                int st = pascalrow_valuation(n, k, primes[i], &got);
                CHECK(st == PASCALROW_OK && got == want, "v_%" PRIu64 " C(%" PRIu64 ", %" PRIu64
                      "): status %d, %" PRIu64 ", GMP %" PRIu64, primes[i], n, k, st, got, want);
            }
        }
    mpz_clears(c, r, pz, NULL);
}

static void test_valuation_big(void)
{
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < 20000; i++) {
        uint64_t n = test_rand64(&state) >> (test_rand64(&state) % 64);
        uint64_t k = n == 0 ? 0 : test_rand64(&state) % (n + (n != UINT64_MAX)), got = UINT64_MAX;
        uint64_t p = primes[test_rand64(&state) % (sizeof primes / sizeof *primes)];
        uint64_t want = legendre(n, p) - legendre(k, p) - legendre(n - k, p);
        int st = pascalrow_valuation(n, k, p, &got);
        CHECK(st == PASCALROW_OK && got == want, "v_%" PRIu64 " C(%" PRIu64 ", %" PRIu64
              "): status %d, %" PRIu64 ", Legendre %" PRIu64, p, n, k, st, got, want);
    }
    /* C(2^64 − 1, 2^63) = C(2^64 − 1, 2^63 − 1): the carries of 2^63 + (2^63 − 1) in base 2: none */
    uint64_t v = 1;
    CHECK(pascalrow_valuation(UINT64_MAX, (uint64_t)1 << 63, 2, &v) == PASCALROW_OK && v == 0, "v_2 = %" PRIu64, v);
    /* C(2^63, 2^62): one carry, at the top bit */
    CHECK(pascalrow_valuation((uint64_t)1 << 63, (uint64_t)1 << 62, 2, &v) == PASCALROW_OK && v == 1, "v_2 = %" PRIu64, v);
}

/* pascalrow_valuations against pascalrow_valuation, element by element, and
 * its stop at the first k > n. */
static void test_valuations(void)
{
    enum { COUNT = 1000 };
    static uint64_t n[COUNT], k[COUNT], out[COUNT];
    uint64_t state = 0x1234567887654321u;
    for (size_t pi = 0; pi < sizeof primes / sizeof *primes; pi++) {
        uint64_t p = primes[pi];
        for (size_t i = 0; i < COUNT; i++) {
            n[i] = test_rand64(&state) >> (test_rand64(&state) % 64);
            k[i] = n[i] == 0 ? 0 : test_rand64(&state) % (n[i] + (n[i] != UINT64_MAX));
        }
        size_t bad = 0;
        int st = pascalrow_valuations(p, COUNT, n, k, out, &bad);
        CHECK(st == PASCALROW_OK && bad == COUNT, "valuations mod %" PRIu64 ": status %d, bad %zu", p, st, bad);
        for (size_t i = 0; i < COUNT; i++) {
            uint64_t want = UINT64_MAX;
            pascalrow_valuation(n[i], k[i], p, &want);
            CHECK(out[i] == want, "v_%" PRIu64 " C(%" PRIu64 ", %" PRIu64 "): %" PRIu64 ", one by one %" PRIu64,
                  p, n[i], k[i], out[i], want);
        }
        k[600] = n[600] + 1;
        if (n[600] == UINT64_MAX) n[600]--, k[600] = UINT64_MAX;
        k[800] = n[800] + 1;
        out[600] = 77;
        st = pascalrow_valuations(p, COUNT, n, k, out, &bad);
        CHECK(st == PASCALROW_EINVAL && bad == 600 && out[600] == 77, "k > n at 600: status %d, bad %zu", st, bad);
    }
    size_t bad = 0;
    CHECK(pascalrow_valuations(15, 3, n, k, out, &bad) == PASCALROW_EINVAL && bad == 3, "15 is not prime");
}

static void test_valuation_refused(void)
{
    static const uint64_t not_prime[] = { 0, 1, 4, 9, 561, 3215031751u, (uint64_t)1 << 32,
                                          UINT64_MAX, UINT64_MAX - 1 };
    uint64_t v = 7;
    for (size_t i = 0; i < sizeof not_prime / sizeof *not_prime; i++)
        CHECK(pascalrow_valuation(10, 3, not_prime[i], &v) == PASCALROW_EINVAL && v == 7,
              "%" PRIu64 " is not prime", not_prime[i]);
    CHECK(pascalrow_valuation(3, 4, 2, &v) == PASCALROW_EINVAL, "k > n: C(n, k) = 0");
    CHECK(pascalrow_valuation(3, 1, 2, NULL) == PASCALROW_EINVAL, "NULL out");
}

/* out = C(n, k) by GMP's mpz_bin_ui on an mpz n (its convention for n < 0). */
static void gmp_binomial(mpz_t out, int64_t n, unsigned long k)
{
    mpz_t nz;
    mpz_init_set_si(nz, n);
    mpz_bin_ui(out, nz, k);
    mpz_clear(nz);
}

static void test_binomial(void)
{
    mpz_t got, want;
    mpz_inits(got, want, NULL);
    for (int64_t n = -150; n <= 150; n++)
        for (uint64_t k = 0; k <= 160; k++) {
            gmp_binomial(want, n, k);
            int st = pascalrow_binomial_mpz(n, k, got);
            CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
                  "binomial(%" PRId64 ", %" PRIu64 "): status %d", n, k, st);
        }
    /* the ends: INT64_MIN, and k − n − 1 past 2^64 with a small lower index */
    static const int64_t ns[] = { INT64_MIN, INT64_MIN + 1, INT64_MAX, -2, -3, -1000 };
    static const uint64_t ks[] = { 0, 1, 2, 3, 7, UINT64_MAX, UINT64_MAX - 1, (uint64_t)1 << 63 };
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
        for (size_t j = 0; j < sizeof ks / sizeof *ks; j++) {
            int64_t n = ns[i];
            uint64_t k = ks[j];
            /* the value's lower index, min(k, k − n − 1) for n < 0, min(k, n − k) for k ≤ n */
            uint64_t low = n < 0 ? ((uint64_t)(-(n + 1)) < k ? (uint64_t)(-(n + 1)) : k)
                         : (k > (uint64_t)n ? 0 : (k < (uint64_t)n - k ? k : (uint64_t)n - k));
            if (low > 4) continue;                      /* small values only */
            gmp_binomial(want, n, k);
            int st = pascalrow_binomial_mpz(n, k, got);
            CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
                  "binomial(%" PRId64 ", %" PRIu64 "): status %d", n, k, st);
        }
    /* C(−1, k) = (−1)^k */
    CHECK(pascalrow_binomial_mpz(-1, UINT64_MAX, got) == PASCALROW_OK && mpz_cmp_si(got, -1) == 0, "C(-1, odd)");
    /* values beyond any memory: refused, out unchanged */
    mpz_set_ui(got, 5);
    CHECK(pascalrow_binomial_mpz(INT64_MIN, UINT64_MAX, got) == PASCALROW_ENOMEM && mpz_cmp_ui(got, 5) == 0,
          "C(-2^63, 2^64 - 1) refused");
    CHECK(pascalrow_binomial_mpz(-((int64_t)1 << 40), (uint64_t)1 << 62, got) == PASCALROW_ENOMEM
          && mpz_cmp_ui(got, 5) == 0, "C(-2^40, 2^62) refused");
    CHECK(pascalrow_binomial_mpz(-3, 2, NULL) == PASCALROW_EINVAL, "NULL out");
    mpz_clears(got, want, NULL);
}

int main(void)
{
    test_valuation_small();
    test_valuation_big();
    test_valuation_refused();
    test_valuations();
    test_binomial();
    return check_report();
}

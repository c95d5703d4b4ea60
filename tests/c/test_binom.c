/* pr_binom (src/binom.c), through pascalrow_comb_mpz_threads and directly,
 * against GMP's mpz_bin_uiui: random (n, k), whole rows, the prime classes'
 * edges (√n, n/2, n − k next to a prime, n prime or a prime power), n near
 * 2^32 and 2^64 with small k, both sides of each of the chooser's crossovers
 * (binom.h), the same value on 1, 2, 3, 4 and 8 threads, and ENOMEM for a
 * value no memory holds.  Needs the internal binom.h: links the static
 * library. */
#include "binom.h"
#include "check.h"
#include "factor.h"

#include <inttypes.h>
#include <math.h>

static const unsigned thread_counts[] = { 1, 2, 3, 4, 8 };

/* C(n, k) on `threads` threads equals mpz_bin_uiui's (want, or computed). */
static void check_one(uint64_t n, uint64_t k, unsigned threads, mpz_srcptr want_in)
{
    mpz_t got, want;
    mpz_init_set_ui(got, 12345);
    mpz_init(want);
    if (want_in != NULL) mpz_set(want, want_in);
    else mpz_bin_uiui(want, n, k);
    int st = pascalrow_comb_mpz_threads(n, k, threads, got);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
          "C(%" PRIu64 ", %" PRIu64 ") on %u threads: status %d, %s", n, k, threads, st,
          st == PASCALROW_OK ? "wrong value" : "");
    mpz_clear(want);
    mpz_clear(got);
}

/* C(n, k) on every thread count of thread_counts, one reference. */
static void check_threads(uint64_t n, uint64_t k)
{
    mpz_t want;
    mpz_init(want);
    mpz_bin_uiui(want, n, k);
    for (size_t i = 0; i < sizeof thread_counts / sizeof *thread_counts; i++)
        check_one(n, k, thread_counts[i], want);
    mpz_clear(want);
}

/* The largest prime ≤ x, x ≥ 2. */
static uint64_t prime_below(uint64_t x)
{
    while (!pr_is_prime_u64(x)) x--;
    return x;
}

/* The ks around the edges of row n's prime classes. */
static void check_edges(uint64_t n)
{
    uint64_t r = (uint64_t)sqrt((double)n);
    uint64_t ks[] = { 0, 1, 2, 3, r - 1, r, r + 1, n / 2 - 1, n / 2, n / 2 + 1, n / 3, n - 2, n - 1, n,
                      PR_BINOM_GMP_K_MAX, PR_BINOM_GMP_K_MAX + 1,
                      n / PR_BINOM_STRIP_RATIO - 1, n / PR_BINOM_STRIP_RATIO, n / PR_BINOM_STRIP_RATIO + 1 };
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++)
        if (ks[i] <= n) check_one(n, ks[i], 1, NULL);
    /* n − k a prime, and one either side of it (primes just above and below
     * n − k), for n − k near 2n/3 and near n − √n */
    uint64_t targets[] = { 2 * n / 3, n - r, n - PR_BINOM_GMP_K_MAX - 2 * r };
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
        uint64_t q = prime_below(targets[i]);
        for (uint64_t k = n - q - 1; k <= n - q + 1; k++) check_one(n, k, 1, NULL);
    }
}

int main(void)
{
    int quick = test_quick();
    uint64_t seed = 0x9e3779b97f4a7c15u;

    /* every k of a few rows (n = 4099 is prime) */
    const uint64_t rows[] = { 300, 1000, 4099 };
    for (size_t i = 0; i < (quick ? 2 : 3); i++)
        for (uint64_t k = 0; k <= rows[i]; k += quick ? 7 : 1) check_one(rows[i], k, 1, NULL);

    /* random (n, k): n up to 10^6, k anywhere in the row; the larger n
     * fewer times (mpz_bin_uiui is quadratic near n/16) */
    for (int i = 0; i < (quick ? 30 : 300); i++) {
        uint64_t n = 1 + test_rand64(&seed) % (i % 10 == 0 ? 1000000 : i % 3 == 0 ? 100000 : 10000);
        check_one(n, test_rand64(&seed) % (n + 1), 1 + (unsigned)(i % 3), NULL);
    }

    /* the prime classes' edges: n prime, a prime power and one less, round */
    const uint64_t edge_ns[] = { 10007, 19683, 19682, 65536, 65535, 823543, 823542, 1000000, 1048573 };
    for (size_t i = 0; i < (quick ? 4 : sizeof edge_ns / sizeof *edge_ns); i++) check_edges(edge_ns[i]);

    /* the stripped numerator far from any sieve: n near 2^32 and 2^64 */
    const uint64_t big_ns[] = { (1ull << 32) - 1, 1ull << 32, (1ull << 32) + 15, 4294967311u /* prime */,
                                1ull << 63, UINT64_MAX - 1, UINT64_MAX, 18446744073709551557u /* prime */ };
    const uint64_t small_ks[] = { 250, 251, 300, 1000, 3001 };
    for (size_t i = 0; i < sizeof big_ns / sizeof *big_ns; i++)
        for (size_t j = 0; j < (quick ? 3 : sizeof small_ks / sizeof *small_ks); j++) {
            check_one(big_ns[i], small_ks[j], 1, NULL);
            check_one(big_ns[i], big_ns[i] - small_ks[j], 1, NULL);
        }

    /* the crossovers from both sides, over a spread of n: GMP | stripped at
     * k = PR_BINOM_GMP_K_MAX, stripped | full at k = n / PR_BINOM_STRIP_RATIO */
    const uint64_t cross_ns[] = { 300, 2760, 2761, 2771, 5000, 99999, 300007 };
    for (size_t i = 0; i < (quick ? 4 : sizeof cross_ns / sizeof *cross_ns); i++) {
        uint64_t n = cross_ns[i], c = n / PR_BINOM_STRIP_RATIO;
        for (uint64_t k = PR_BINOM_GMP_K_MAX - 1; k <= PR_BINOM_GMP_K_MAX + 2 && k <= n; k++)
            check_one(n, k, 1, NULL);
        for (uint64_t k = c > 2 ? c - 2 : 0; k <= c + 2 && k <= n; k++) check_one(n, k, 1, NULL);
    }

    /* identical on 1, 2, 3, 4 and 8 threads, for values big enough to use
     * them (2^17 bits and over) and to split the last product: the full
     * factorisation at n/2 and n/3, the stripped numerator at n/50, a huge n */
    const uint64_t tn[][2] = { { 200000, 100000 }, { 300001, 150000 }, { 400000, 133333 },
                               { 3000000, 60000 }, { UINT64_MAX - 6, 5000 } };
    for (size_t i = 0; i < (quick ? 2 : sizeof tn / sizeof *tn); i++) check_threads(tn[i][0], tn[i][1]);
    check_threads(1000, 500);                 /* below the threads' threshold */

    /* no memory holds C(2^63, 2^62): ENOMEM, out unchanged, on any threads */
    mpz_t z;
    mpz_init_set_ui(z, 7);
    for (size_t i = 0; i < sizeof thread_counts / sizeof *thread_counts; i++) {
        int st = pr_binom(1ull << 63, 1ull << 62, thread_counts[i], z);
        CHECK(st == PASCALROW_ENOMEM && mpz_cmp_ui(z, 7) == 0, "C(2^63, 2^62): status %d", st);
    }
    CHECK(pascalrow_comb_mpz_threads(UINT64_MAX, UINT64_MAX / 3, 4, z) == PASCALROW_ENOMEM
          && mpz_cmp_ui(z, 7) == 0, "C(2^64 - 1, 2^64/3) is ENOMEM");
    /* k > n is 0 */
    CHECK(pascalrow_comb_mpz_threads(5, 6, 2, z) == PASCALROW_OK && mpz_sgn(z) == 0, "C(5, 6) = 0");
    mpz_clear(z);
    return check_report();
}

/* The memory bounds behind PASCALROW_ENOMEM (src/mem.c, src/binom.c),
 * re-measured against the GMP this library is linked with, by memory
 * functions installed in this test program only (they count GMP's integers
 * and pr_binom's tables, which go through them too):
 *  - for (n, k) in every branch of mpz_bin_uiui, the most GMP holds at once
 *    stays below pr_gmp_bin_uiui_bytes(n, k);
 *  - for (n, k) in every way of pr_binom, on 1 to 8 threads, the most it
 *    holds at once stays below pr_binom_bytes(n, k), and pr_bin_uiui gives
 *    the same value as mpz_bin_uiui. */
#include "binom.h"
#include "check.h"
#include "mem.h"

#include <inttypes.h>
#include <pthread.h>
#include <string.h>

/* Bytes held now, and the most held since the last reset (pr_binom's helper
 * threads allocate too: under a lock). */
static size_t held, peak;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void note(size_t add, size_t sub)
{
    pthread_mutex_lock(&lock);
    held = held + add - sub;
    if (held > peak) peak = held;
    pthread_mutex_unlock(&lock);
}

static void *count_alloc(size_t size)
{
    note(size, 0);
    return malloc(size);
}

static void *count_realloc(void *p, size_t old, size_t size)
{
    note(size, old);
    return realloc(p, size);
}

static void count_free(void *p, size_t size)
{
    note(0, size);
    free(p);
}

static void check_peak(uint64_t n, uint64_t k)
{
    mpz_t got, want;
    mpz_init(got);
    mpz_init(want);
    size_t before = held;
    peak = held;
    mpz_bin_uiui(want, n, k);
    size_t used = peak - before;
    uint64_t bound = pr_gmp_bin_uiui_bytes(n, k);
    CHECK(used <= bound, "mpz_bin_uiui(%" PRIu64 ", %" PRIu64 ") held %zu bytes, bound %" PRIu64,
          n, k, used, bound);
    int st = pr_bin_uiui(n, k, got);
    CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
          "pr_bin_uiui(%" PRIu64 ", %" PRIu64 "): status %d", n, k, st);
    mpz_clear(want);
    mpz_clear(got);
}

/* The most pr_binom(n, k, threads) holds at once, against pr_binom_bytes
 * (out starts empty: its limbs are part of what is counted).  Prints the
 * ratio to the result's size with PASCALROW_TEST_VERBOSE set. */
static void check_binom_peak(uint64_t n, uint64_t k, unsigned threads)
{
    mpz_t got;
    mpz_init(got);
    size_t before = held;
    peak = held;
    int st = pr_binom(n, k, threads, got);
    size_t used = peak - before;
    uint64_t bound = pr_binom_bytes(n, k);
    CHECK(st == PASCALROW_OK && used <= bound,
          "pr_binom(%" PRIu64 ", %" PRIu64 ", %u threads): status %d, held %zu bytes, bound %" PRIu64,
          n, k, threads, st, used, bound);
    if (getenv("PASCALROW_TEST_VERBOSE") != NULL)
        printf("C(%" PRIu64 ", %" PRIu64 ") %u threads: held %zu = %.2f R, bound %.2f R\n", n, k, threads,
               used, (double)used / (double)pr_mpz_bytes(mpz_sizeinbase(got, 2)),
               (double)bound / (double)pr_mpz_bytes(mpz_sizeinbase(got, 2)));
    mpz_clear(got);
}

/* mpz_mul(a, a, b), as pascalrow_multinomial_mpz calls it: the most GMP
 * holds beyond the operands stays below pr_mul_bytes. */
static void check_mul_peak(gmp_randstate_t rs, uint64_t abits, uint64_t bbits)
{
    mpz_t a, b;
    mpz_init(a);
    mpz_init(b);
    mpz_urandomb(a, rs, abits);
    mpz_setbit(a, abits - 1);
    mpz_urandomb(b, rs, bbits);
    mpz_setbit(b, bbits - 1);
    size_t before = held;
    peak = held;
    mpz_mul(a, a, b);
    size_t used = peak - before;
    uint64_t bound = pr_mul_bytes(abits, bbits);
    CHECK(used <= bound, "mpz_mul of %" PRIu64 " by %" PRIu64 " bits held %zu bytes, bound %" PRIu64,
          abits, bbits, used, bound);
    mpz_clear(a);
    mpz_clear(b);
}

int main(void)
{
    mp_set_memory_functions(count_alloc, count_realloc, count_free);
    int quick = test_quick();

    /* Small k (one limb, the product loop, the recursive split), Hensel
     * division (k ≤ n/16 or k < 1000), for n up to 2^64 − 2. */
    const uint64_t ns[] = { 5, 67, 100, 1000, 100000, 10000000, 1ull << 40, 1ull << 63, UINT64_MAX - 1 };
    const uint64_t ks[] = { 0, 1, 2, 10, 25, 26, 35, 60, 71, 100, 500, 999, 1001, 3000 };
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
        for (size_t j = 0; j < sizeof ks / sizeof *ks; j++)
            if (ks[j] <= ns[i]) check_peak(ns[i], ks[j]);

    /* Goetgheluck's prime-factor method (k > n/16, k ≥ 1000), from just
     * above n/16 to the middle; and Hensel division just below n/16. */
    const uint64_t big[] = { 30000, 300000, 1000000 };
    const double den[] = { 17, 15.9, 12, 8, 5, 3, 2 };
    for (size_t i = 0; i < (quick ? 2 : 3); i++)
        for (size_t j = 0; j < sizeof den / sizeof *den; j++)
            check_peak(big[i], (uint64_t)(big[i] / den[j]));

    /* pr_binom: every way (GMP, the stripped numerator, the full
     * factorisation), up to the FFT range, on 1 to 8 threads. */
    const uint64_t bn[] = { 1000, 100000, 1000000, 10000000, 1ull << 40, UINT64_MAX - 1 };
    const double bden[] = { 2, 3, 8, 11, 12, 17, 50, 300, 3000 };
    const uint64_t bk[] = { 250, 251, 1000, 20000 };
    const unsigned bthreads[] = { 1, 2, 3, 4, 8 };
    for (size_t t = 0; t < sizeof bthreads / sizeof *bthreads; t++) {
        for (size_t i = 0; i < sizeof bn / sizeof *bn; i++) {
            uint64_t n = bn[i];
            if (quick && n > 1000000) continue;
            if (n <= 10000000)
                for (size_t j = 0; j < sizeof bden / sizeof *bden; j++)
                    check_binom_peak(n, (uint64_t)(n / bden[j]), bthreads[t]);
            for (size_t j = 0; j < sizeof bk / sizeof *bk; j++)
                if (bk[j] <= n) check_binom_peak(n, bk[j], bthreads[t]);
        }
    }

    /* Products from one limb to the FFT range, balanced and lopsided. */
    gmp_randstate_t rs;
    gmp_randinit_default(rs);
    for (uint64_t bits = 64; bits <= (quick ? 1u << 21 : 1u << 24); bits = bits * 3 / 2 + 1) {
        check_mul_peak(rs, bits, bits);
        check_mul_peak(rs, bits, bits / 7 + 1);
        check_mul_peak(rs, bits, bits / 100 + 1);
    }
    gmp_randclear(rs);

    /* Refused without calling GMP: C(2^62, 2^61) has about 2^62 bits. */
    mpz_t z;
    mpz_init_set_ui(z, 7);
    CHECK(pr_bin_uiui(1ull << 62, 1ull << 61, z) == PASCALROW_ENOMEM && mpz_cmp_ui(z, 7) == 0,
          "an impossible C(n,k) is ENOMEM and leaves out alone");
    CHECK(pr_binom(1ull << 63, 1ull << 62, 4, z) == PASCALROW_ENOMEM && mpz_cmp_ui(z, 7) == 0,
          "an impossible C(n,k) on threads is ENOMEM and leaves out alone");
    CHECK(pascalrow_memory_available(0) == PASCALROW_OK && pascalrow_memory_available(1 << 20) == PASCALROW_OK,
          "small probes succeed");
    CHECK(pascalrow_memory_available(UINT64_MAX) == PASCALROW_ENOMEM
          && pascalrow_memory_available((uint64_t)1 << 62) == PASCALROW_ENOMEM, "impossible probes fail");
    CHECK(pr_add_sat(UINT64_MAX - 1, 5) == UINT64_MAX && pr_mul_sat(1ull << 40, 1ull << 30) == UINT64_MAX
          && pr_add_sat(2, 3) == 5 && pr_mul_sat(6, 7) == 42, "saturating arithmetic");
    mpz_clear(z);
    CHECK(held == 0, "%zu bytes still held by GMP at the end", held);
    return check_report();
}

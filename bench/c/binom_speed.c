/* Time one exact C(n, k): pr_binom (src/binom.c) on 1 and 2 threads against
 * GMP's mpz_bin_uiui, and each of pr_binom's ways at one (n, k), to place
 * the chooser's crossovers.  Not part of the tests.
 *
 *   make bench-binom                        # builds it, the table at 10^6 and 10^7
 *   build/binom_speed 1000000 10000000      # the table at each n
 *   build/binom_speed -w N K [K ...]        # every way at (N, K): ms each
 *                                           # (the full way only for N ≤ 10^10)
 *
 * The file includes binom.c to reach its ways directly, so it is built
 * with every other file of src/ but that one.
 * Each time is the best of several runs (at least 5, and 1 s in all, GMP's
 * quadratic cases once): the best run is the one least disturbed by other
 * work on the machine.
 */
#include "../../src/binom.c"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* way < 0: pr_binom's own plan; else that way forced */
static double time_ours(uint64_t n, uint64_t k, int way, unsigned threads, mpz_t out)
{
    struct plan pl;
    make_plan(n, k, &pl);
    if (way >= 0 && way != WAY_GMP) {
        if (pl.way == WAY_GMP) pl.bits = pascalrow_comb_bits_bound(n, pl.k);
        plan_way(n, (enum way)way, &pl);
    } else if (way == WAY_GMP) {
        pl.way = WAY_GMP;
    }
    double best = 1e30, spent = 0;
    for (int r = 0; r < 5 || (spent < 1.0 && r < 1000); r++) {
        double t0 = now();
        if (binom_plan(n, &pl, threads, out) != PASCALROW_OK) { puts("ENOMEM"); exit(1); }
        double t = now() - t0;
        spent += t;
        if (t < best) best = t;
    }
    return best * 1e3;
}

static double time_gmp(uint64_t n, uint64_t k, mpz_t out)
{
    double best = 1e30, spent = 0;
    for (int r = 0; r < 5 || (spent < 1.0 && r < 1000); r++) {
        double t0 = now();
        mpz_bin_uiui(out, n, k);
        double t = now() - t0;
        spent += t;
        if (t < best) best = t;
        if (t > 1.0) break;                 /* the quadratic cases: one run */
    }
    return best * 1e3;
}

static void table(uint64_t n)
{
    const uint64_t ks[] = { 64, 1000, n / 3000, n / 300, n / 50, n / 17, n / 8, n / 2 };
    const char *names[] = { "64", "1000", "n/3000", "n/300", "n/50", "n/17", "n/8", "n/2" };
    mpz_t a, b, c;
    mpz_inits(a, b, c, NULL);
    printf("n = %" PRIu64 " (ms)\n%-8s %10s %10s %10s %10s %9s\n", n, "k", "ours 1t", "ours 2t", "GMP",
           "GMP/ours", "way");
    for (size_t i = 0; i < sizeof ks / sizeof *ks; i++) {
        uint64_t k = ks[i];
        struct plan pl;
        make_plan(n, k, &pl);
        double t1 = time_ours(n, k, -1, 1, a), t2 = time_ours(n, k, -1, 2, b), tg = time_gmp(n, k, c);
        if (mpz_cmp(a, c) != 0 || mpz_cmp(b, c) != 0) printf("MISMATCH at k = %" PRIu64 "\n", k);
        printf("%-8s %10.4g %10.4g %10.4g %9.1fx %9s\n", names[i], t1, t2, tg, tg / t1,
               pl.way == WAY_GMP ? "gmp" : pl.way == WAY_FULL ? "full" : "stripped");
        fflush(stdout);
    }
    mpz_clears(a, b, c, NULL);
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "-w") == 0) {
        uint64_t n = strtoull(argv[2], NULL, 0);
        mpz_t a, c;
        mpz_inits(a, c, NULL);
        printf("%12s %12s %10s %10s %10s %10s\n", "n", "k", "gmp", "stripped", "full", "chosen");
        for (int i = 3; i < argc; i++) {
            uint64_t k = strtoull(argv[i], NULL, 0);
            double tg = time_gmp(n, k, c);
            double ts = time_ours(n, k, WAY_STRIPPED, 1, a);
            int ok = mpz_cmp(a, c) == 0;
            double tf = 0;                  /* a sieve past ~10^10 would take minutes */
            if (n <= 10000000000u) {
                tf = time_ours(n, k, WAY_FULL, 1, a);
                ok &= mpz_cmp(a, c) == 0;
            }
            double tc = time_ours(n, k, -1, 1, a);
            printf("%12" PRIu64 " %12" PRIu64 " %10.4f %10.4f %10.4f %10.4f%s\n", n, k, tg, ts, tf, tc,
                   ok ? "" : "  MISMATCH");
            fflush(stdout);
        }
        mpz_clears(a, c, NULL);
        return 0;
    }
    for (int i = 1; i < argc; i++) table(strtoull(argv[i], NULL, 0));
    return 0;
}

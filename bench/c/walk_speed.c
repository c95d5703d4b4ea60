/* Where pascalrow's time goes, without Python: the walk over the half of row
 * n (k ≤ n/2) several ways, best of several runs each.
 *   mpn reference    mpn_mul_1 + mpn_divexact_1 per value (the textbook
 *                    step), values not read
 *   walk (limbs)     pascalrow_walk with a sink that reads nothing
 *   + mpz_export     the same sink exporting each value as 30-bit digits
 *                    with GMP's mpz_export (nails = 2)
 *   walk (digits)    pascalrow_walk_digits into one reused 30-bit digit
 *                    buffer: the arithmetic plus pascalrow's own repack
 *   digits, 2 thr    the same on 2 threads
 * Prints the time and cycles per limb of output at the clock given with -g
 * GHz (default 3.5).  Built by `make bench-walk`; bench/README.md quotes it. */
#include <pascalrow.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static uint64_t total_limbs;

static int null_sink(void *ctx, uint64_t k, const uint64_t *limbs, size_t n)
{
    (void)ctx; (void)k; (void)limbs;
    total_limbs += n;
    return 0;
}

static int export_sink(void *ctx, uint64_t k, const uint64_t *limbs, size_t n)
{
    (void)k;
    mpz_t z;
    size_t count;
    mpz_roinit_n(z, (const mp_limb_t *)limbs, (mp_size_t)n);
    mpz_export(ctx, &count, -1, sizeof(uint32_t), 0, 2, z);
    return 0;
}

struct dest_ctx { uint32_t *buf; size_t cap; };

static uint32_t *dest(void *vctx, uint64_t k, size_t nd)
{
    (void)k;
    struct dest_ctx *c = vctx;
    return nd <= c->cap ? c->buf : NULL;
}

/* One reused buffer per thread (threads writing one shared buffer would
 * measure cache-line ping-pong, not the walk). */
static _Thread_local uint32_t *thread_buf;
static _Thread_local size_t thread_cap;

static uint32_t *dest_per_thread(void *vctx, uint64_t k, size_t nd)
{
    (void)k; (void)vctx;
    if (nd > thread_cap) {                    /* leaked at exit: a tool */
        thread_buf = realloc(thread_buf, nd * sizeof(uint32_t));
        thread_cap = nd;
    }
    return thread_buf;
}

static void mpn_reference(uint64_t n)
{
    mp_limb_t *p = malloc((n / 64 + 4) * sizeof *p);
    size_t s = 1;
    p[0] = 1;
    for (uint64_t k = 0; k < n / 2; k++) {
        mp_limb_t c = mpn_mul_1(p, p, (mp_size_t)s, n - k);
        if (c) p[s++] = c;
        mpn_divexact_1(p, p, (mp_size_t)s, k + 1);
        while (p[s - 1] == 0) s--;
    }
    free(p);
}

int main(int argc, char **argv)
{
    double ghz = 3.5;
    int reps = 5;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-g") == 0) { ghz = atof(argv[2]); first = 3; }
    if (first >= argc) {
        fprintf(stderr, "usage: walk_speed [-g GHz] n...\n");
        return 2;
    }
    printf("| n | limbs | mpn reference | walk (limbs) | + mpz_export | walk (digits) | digits, 2 threads |\n");
    printf("|---:|---:|---:|---:|---:|---:|---:|\n");
    for (int a = first; a < argc; a++) {
        uint64_t n = strtoull(argv[a], NULL, 10);
        total_limbs = 0;
        pascalrow_walk(n, 0, n / 2 + 1, null_sink, NULL);
        uint64_t limbs = total_limbs;
        struct dest_ctx dc = { malloc((n / 30 + 4) * sizeof(uint32_t)), n / 30 + 4 };
        size_t cap = n / 30 + 4;
        double best[5] = { 1e9, 1e9, 1e9, 1e9, 1e9 };
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            mpn_reference(n);
            double t1 = now();
            pascalrow_walk(n, 0, n / 2 + 1, null_sink, NULL);
            double t2 = now();
            pascalrow_walk_digits(n, 0, n / 2 + 1, 30, 1, dest, NULL, &dc);
            double t3 = now();
            pascalrow_walk_digits(n, 0, n / 2 + 1, 30, 2, dest_per_thread, NULL, &cap);
            double t4 = now();
            pascalrow_walk(n, 0, n / 2 + 1, export_sink, dc.buf);
            double t5 = now();
            double t[5] = { t1 - t0, t2 - t1, t5 - t4, t3 - t2, t4 - t3 };
            for (int i = 0; i < 5; i++) if (t[i] < best[i]) best[i] = t[i];
        }
        printf("| %llu | %llu |", (unsigned long long)n, (unsigned long long)limbs);
        for (int i = 0; i < 5; i++)
            printf(" %.3g ms (%.2f c/limb) |", best[i] * 1e3, best[i] * ghz * 1e9 / (double)limbs);
        printf("\n");
        free(dc.buf);
    }
    return 0;
}

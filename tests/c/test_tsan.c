/* The threaded digit walk under ThreadSanitizer, driven the way the Python
 * binding drives it (python/pascalrow/_exact_ints.c, slice_without_gil), with
 * no Python: make test-tsan builds it with -fsanitize=thread.
 *
 * Several caller threads start together (a barrier) and each builds rows
 * with pascalrow_walk_digits on 1 to 8 threads.  As in the binding, the
 * caller's prepare allocates one buffer per k in increasing k (sized by
 * pascalrow_digits_bounds and filled with a pattern, so that every digit a
 * helper writes races with the caller's fill unless the publication orders
 * them) and publishes them with pr_ready (python/pascalrow/_ready.c) every
 * PUBLISH_EVERY buffers, while the helper threads already compute and wait
 * in pr_ready_wait for buffers not yet there.  Alone (one thread), the
 * caller allocates a chunk at a time just ahead of its writing instead.
 * Some runs give up part-way (pr_ready_fail, prepare returns non-zero, or
 * the lone caller's dest returns NULL): every thread must stop and the walk
 * return PASCALROW_EINTR, and the buffers are freed only after the walk has
 * returned.  Between rows each caller also calls the library's other
 * functions (comb_digits, comb_bytes, slices, rows mod m, row_mpz, the
 * triangle, multinomials): none shares state with another thread.
 *
 * Every value written is checked exactly: against C(n,k) carried along the
 * row by C(n,k+1) = C(n,k)·(n−k)/(k+1) in GMP (so every k, segment seams
 * included), against mpz_bin_uiui at sampled k (0, 1, the middle, random
 * ones), and a finished row must sum to 2^n (C(n,k) = C(n,n−k)).  Exit
 * status non-zero on any wrong value; ThreadSanitizer's reports stop the
 * run themselves (halt_on_error, below and in TSAN_OPTIONS). */
#define _POSIX_C_SOURCE 200809L

#include <pascalrow.h>

#include "check.h"
#include "_ready.h"

#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Any report fails the run, even outside make test-tsan (TSAN_OPTIONS
 * still overrides these). */
const char *__tsan_default_options(void);
const char *__tsan_default_options(void) { return "halt_on_error=1:second_deadlock_stack=1"; }

/* The binding's constants: buffers published every PUBLISH_EVERY, sleepers
 * woken every WAKE_BATCH, the lone caller's chunk of LAZY_CHUNK_DIGITS. */
#define PUBLISH_EVERY 64
#define WAKE_BATCH 512
#define LAZY_CHUNK_DIGITS ((size_t)1 << 16)

#define CALLERS 4
#define ROUNDS 6
#define FILL 0xa5a5a5a5u            /* the caller's pattern in a fresh buffer */
#define CANARY 0xdeadbeefu          /* one past each buffer's bound: must survive */
#define NEVER SIZE_MAX

/* ------------------------------------------------------------ tallies */

/* One caller's tallies (check.h's are plain ints: the main thread adds
 * these to them once every caller has been joined). */
struct caller {
    unsigned id;
    uint64_t rng;
    int passed, failed;
    size_t rows, failures, waits, others;
    pthread_barrier_t *start;
};

static void expect(struct caller *c, int cond, const char *fmt, ...)
{
    if (cond) { c->passed++; return; }
    c->failed++;
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "caller %u: FAILED %s\n", c->id, msg);
}

static uint64_t rnd(struct caller *c, uint64_t bound)
{
    c->rng ^= c->rng << 13;
    c->rng ^= c->rng >> 7;
    c->rng ^= c->rng << 17;
    return bound ? c->rng % bound : c->rng;
}

/* ------------------------------------------------- a row, as the binding */

/* Row n's distinct half k ∈ [0, half).  Everything lives until the caller
 * has checked and freed it after pascalrow_walk_digits returned. */
struct row {
    uint64_t n;
    size_t half;
    unsigned bits, threads;
    size_t give_up;          /* the caller gives up instead of allocating this k (NEVER: it does not) */
    size_t *cap;             /* digit bounds */
    uint32_t **buf;          /* buf[k]: cap[k] digits and the canary */
    size_t *nd;              /* digits dest was asked for at k; 0 = never asked */
    pr_ready ready;          /* buf[0..count) allocated: helpers may write them */
    pthread_t caller;
    int lazy;                /* no helpers: allocate a chunk at a time, just ahead */
    size_t allocated;        /* the caller's alone: buf[0..allocated) allocated */
    atomic_size_t waits;     /* helpers that found their buffer not yet there */
    atomic_int bad_dest;     /* a k asked for twice or beyond its bound */
};

/* On the caller: buffers [from, to) in increasing k, each filled with the
 * pattern, published every PUBLISH_EVERY and at the end.  0, or -1 after
 * pr_ready_fail when the run gives up at give_up. */
static int allocate(struct row *r, size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        uint32_t *b = k == r->give_up ? NULL : malloc((r->cap[k] + 1) * sizeof *b);
        if (b == NULL) {
            r->allocated = k;
            pr_ready_fail(&r->ready);
            return -1;
        }
        for (size_t j = 0; j < r->cap[k]; j++) b[j] = FILL;
        b[r->cap[k]] = CANARY;
        r->buf[k] = b;
        if (k % PUBLISH_EVERY == PUBLISH_EVERY - 1) pr_ready_publish(&r->ready, k + 1);
        if (k % 1024 == 1023) sched_yield();     /* let helpers catch up and sleep */
    }
    r->allocated = to;
    pr_ready_publish(&r->ready, to);
    return 0;
}

/* On the caller while the helpers already run: every buffer, unless alone. */
static int row_prepare(void *vctx)
{
    struct row *r = vctx;
    return !r->lazy && allocate(r, 0, r->half) < 0 ? -1 : 0;
}

static uint32_t *row_dest(void *vctx, uint64_t k, size_t nd)
{
    struct row *r = vctx;
    if (pthread_equal(pthread_self(), r->caller)) {
        if (k >= r->allocated) {
            /* alone: the next chunk of buffers, just ahead of the writing */
            size_t to = r->allocated, digits = 0;
            while (to < r->half && (to <= k || digits < LAZY_CHUNK_DIGITS)) digits += r->cap[to++];
            if (allocate(r, r->allocated, to) < 0) return NULL;
        }
    } else {
        if (atomic_load(&r->ready.count) <= k) atomic_fetch_add(&r->waits, 1);
        if (pr_ready_wait(&r->ready, (size_t)k) < 0) return NULL;   /* the caller gave up */
    }
    if (k >= r->half || nd > r->cap[k] || r->nd[k] != 0) {
        atomic_store(&r->bad_dest, 1);
        return NULL;
    }
    r->nd[k] = nd;
    return r->buf[k];
}

/* C(n,k) from digits of `bits` bits. */
static void import_digits(mpz_t z, const uint32_t *d, size_t nd, unsigned bits)
{
    mpz_import(z, nd, -1, sizeof *d, 0, 32 - bits, d);
}

static size_t digits_of(const mpz_t z, unsigned bits)
{
    return (mpz_sizeinbase(z, 2) + bits - 1) / bits;
}

/* Every value the walk wrote, exactly; a finished row (complete) sums to
 * 2^n.  Returns the number of wrong values. */
static size_t check_row(struct caller *c, const struct row *r, int complete)
{
    size_t bad = 0;
    mpz_t want, got, sum, ref;
    mpz_inits(want, got, sum, ref, NULL);
    mpz_set_ui(want, 1);
    const size_t sample[] = { 0, 1, r->half / 2, r->half - 1, (size_t)rnd(c, r->half),
                              (size_t)rnd(c, r->half) };
    for (size_t k = 0; k < r->half; k++) {
        if (k > 0) {                       /* want = C(n,k) from C(n,k−1) */
            mpz_mul_ui(want, want, (unsigned long)(r->n - k + 1));
            mpz_divexact_ui(want, want, (unsigned long)k);
        }
        if (r->nd[k] == 0) {
            if (complete) bad++;           /* a finished row has every value */
            continue;
        }
        import_digits(got, r->buf[k], r->nd[k], r->bits);
        int wrong = mpz_cmp(got, want) != 0 || r->nd[k] != digits_of(want, r->bits)
                 || r->buf[k][r->cap[k]] != CANARY || r->cap[k] > r->nd[k] + 1;
        for (size_t s = 0; s < sizeof sample / sizeof *sample; s++)
            if (sample[s] == k) {
                mpz_bin_uiui(ref, r->n, k);
                wrong |= mpz_cmp(got, ref) != 0;
            }
        if (wrong && bad++ < 3)
            fprintf(stderr, "caller %u: n=%" PRIu64 " k=%zu bits=%u threads=%u: wrong value (%zu digits)\n",
                    c->id, r->n, k, r->bits, r->threads, r->nd[k]);
        /* Σ_k C(n,k) over the whole row: k and n − k */
        mpz_add(sum, sum, got);
        if (r->n - k != k) mpz_add(sum, sum, got);
    }
    if (complete) {
        mpz_set_ui(ref, 0);
        mpz_setbit(ref, (mp_bitcnt_t)r->n);
        if (mpz_cmp(sum, ref) != 0) bad++;
    }
    mpz_clears(want, got, sum, ref, NULL);
    return bad;
}

/* Row n (its half) on `threads` threads; the caller gives up instead of
 * allocating k = give_up (NEVER: it does not). */
static void build_row(struct caller *c, uint64_t n, unsigned bits, unsigned threads, size_t give_up)
{
    struct row r = { .n = n, .half = (size_t)(n / 2 + 1), .bits = bits, .threads = threads,
                     .give_up = give_up, .caller = pthread_self(), .lazy = threads <= 1 };
    atomic_init(&r.waits, 0);
    atomic_init(&r.bad_dest, 0);
    r.cap = malloc(r.half * sizeof *r.cap);
    r.buf = calloc(r.half, sizeof *r.buf);
    r.nd = calloc(r.half, sizeof *r.nd);
    if (r.cap == NULL || r.buf == NULL || r.nd == NULL || pr_ready_init(&r.ready, r.half, WAKE_BATCH) != 0) {
        expect(c, 0, "n=%" PRIu64 ": out of memory", n);
        free(r.cap); free(r.buf); free(r.nd);
        return;
    }
    int st = pascalrow_digits_bounds(n, 0, r.half, bits, r.cap);
    expect(c, st == PASCALROW_OK, "bounds n=%" PRIu64 ": status %d", n, st);

    /* returns only after every helper has been joined */
    st = pascalrow_walk_digits(n, 0, r.half, bits, threads, row_dest, row_prepare, &r);

    if (give_up == NEVER) {
        expect(c, st == PASCALROW_OK && !atomic_load(&r.bad_dest),
               "n=%" PRIu64 " bits=%u threads=%u: status %d", n, bits, threads, st);
        size_t bad = check_row(c, &r, 1);
        expect(c, bad == 0, "n=%" PRIu64 " bits=%u threads=%u: %zu wrong", n, bits, threads, bad);
    } else {
        /* stopped: nothing handed out past what was allocated, and what
         * was written is right */
        size_t past = 0;
        for (size_t k = r.allocated; k < r.half; k++) past += r.nd[k] != 0;
        expect(c, st == PASCALROW_EINTR && !atomic_load(&r.bad_dest) && past == 0,
               "n=%" PRIu64 " threads=%u giving up at %zu: status %d, %zu past it",
               n, threads, give_up, st, past);
        size_t bad = check_row(c, &r, 0);
        expect(c, bad == 0, "n=%" PRIu64 " threads=%u giving up at %zu: %zu wrong", n, threads, give_up, bad);
        c->failures++;
    }
    c->rows++;
    c->waits += atomic_load(&r.waits);

    /* only now, every helper joined: free what the caller allocated */
    for (size_t k = 0; k < r.allocated; k++) free(r.buf[k]);
    pr_ready_destroy(&r.ready);
    free(r.cap);
    free(r.buf);
    free(r.nd);
}

/* ------------------------------------------- the library's other functions */

struct grow { uint32_t *d; size_t nd; };

static uint32_t *grow_dest(void *vctx, uint64_t k, size_t nd)
{
    (void)k;
    struct grow *g = vctx;
    g->nd = nd;
    g->d = malloc((nd + 1) * sizeof *g->d);
    return g->d;
}

static void check_comb(struct caller *c, mpz_t want, mpz_t got)
{
    /* pascalrow_comb_digits, any width */
    uint64_t n = rnd(c, 30000), k = rnd(c, n + 2);
    unsigned bits = rnd(c, 2) ? 30 : 1 + (unsigned)rnd(c, 32);
    struct grow g = { NULL, 0 };
    int st = pascalrow_comb_digits(n, k, bits, grow_dest, &g);
    mpz_bin_uiui(want, n, k);
    import_digits(got, g.d, g.nd, bits);
    expect(c, st == PASCALROW_OK && mpz_cmp(got, want) == 0 && g.nd == (k > n ? 0 : digits_of(want, bits)),
           "comb_digits(%" PRIu64 ", %" PRIu64 ") in %u bits", n, k, bits);
    free(g.d);

    /* pascalrow_comb_bytes: the size query, then the bytes */
    n = rnd(c, 100000);
    k = rnd(c, n + 1);
    size_t size = 0, written = 0;
    st = pascalrow_comb_bytes(n, k, NULL, 0, &size);
    unsigned char *buf = malloc(size + 1);
    if (st == PASCALROW_OK) st = pascalrow_comb_bytes(n, k, buf, size, &written);
    mpz_bin_uiui(want, n, k);
    mpz_import(got, written, -1, 1, 0, 0, buf);
    expect(c, st == PASCALROW_OK && mpz_cmp(got, want) == 0, "comb_bytes(%" PRIu64 ", %" PRIu64 ")", n, k);
    free(buf);
}

static void check_mod(struct caller *c, mpz_t want)
{
    static const uint64_t moduli[] = { 2, 12, 27, 1024, 1000000006ull, 1000000007ull,
                                       4294967296ull, 2147483647ull * 4294967291ull,
                                       9223372036854775783ull, PASCALROW_MOD_MAX };
    uint64_t m = moduli[rnd(c, sizeof moduli / sizeof *moduli)];
    uint64_t n = 100 + rnd(c, 200000), start = rnd(c, n + 1), stop = start + 1 + rnd(c, 40);
    uint64_t out[41];
    int st = pascalrow_slice_mod(n, start, stop, m, out);
    int bad = 0;
    for (uint64_t k = start; k < stop && k <= n; k++) {
        mpz_bin_uiui(want, n, k);
        bad += out[k - start] != mpz_fdiv_ui(want, m);
    }
    expect(c, st == PASCALROW_OK && bad == 0, "slice_mod(%" PRIu64 ", [%" PRIu64 ", %" PRIu64 "), %" PRIu64 ")",
           n, start, stop, m);

    /* a row split over 1 to 5 threads (parts of 2^16 values: n ≥ 2^18 for
     * two), against the single-thread walk; some stopped by their poll */
    uint64_t big = (1u << 18) + rnd(c, 1u << 18);
    unsigned threads = 1 + (unsigned)rnd(c, 5);
    uint64_t *one = malloc((big + 1) * sizeof *one), *many = malloc((big + 1) * sizeof *many);
    if (one != NULL && many != NULL) {
        int calls = rnd(c, 3) == 0 ? 2 : 1 << 30;
        struct stop_after s = { calls, 0 };
        st = pascalrow_slice_mod(big, 0, big + 1, m, one);
        int st2 = pascalrow_slice_mod_threads(big, 0, big + 1, m, threads, poll_stop, &s, many);
        expect(c, st == PASCALROW_OK && (calls == 2 ? st2 == PASCALROW_EINTR || st2 == PASCALROW_OK
                                                    : st2 == PASCALROW_OK
                                                      && memcmp(one, many, (big + 1) * sizeof *one) == 0),
               "slice_mod_threads(%" PRIu64 ", mod %" PRIu64 ", %u threads): %d", big, m, threads, st2);
    }
    free(one);
    free(many);

    uint64_t k = rnd(c, n + 1), v = 0;
    st = pascalrow_comb_mod(n, k, m, &v);
    mpz_bin_uiui(want, n, k);
    expect(c, st == PASCALROW_OK && v == mpz_fdiv_ui(want, m),
           "comb_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ")", n, k, m);
}

static void check_slices(struct caller *c, mpz_t want)
{
    /* the ends of a big row fit 64 bits: [0, 4) and the mirror [n − 3, n + 1) */
    uint64_t n = 1000000 + rnd(c, 1000000), out[4];
    int st = pascalrow_slice_u64(n, 0, 4, out), bad = 0;
    for (uint64_t k = 0; k < 4; k++) {
        mpz_bin_uiui(want, n, k);
        bad += out[k] != mpz_get_ui(want);
    }
    st |= pascalrow_slice_u64(n, n - 3, n + 1, out);
    for (uint64_t k = 0; k < 4; k++) {
        mpz_bin_uiui(want, n, n - 3 + k);
        bad += out[k] != mpz_get_ui(want);
    }
    expect(c, st == PASCALROW_OK && bad == 0, "slice_u64 ends of row %" PRIu64, n);
    uint64_t wide[5];
    st = pascalrow_slice_u64(n, 0, 5, wide);
    expect(c, st == PASCALROW_EOVERFLOW, "slice_u64(%" PRIu64 ", 0, 5): status %d, not EOVERFLOW", n, st);

    /* a whole row and a slice as mpz_t */
    n = 200 + rnd(c, 800);
    mpz_t *row = malloc((n + 1) * sizeof *row);
    for (uint64_t k = 0; k <= n; k++) mpz_init(row[k]);
    st = pascalrow_row_mpz(n, row);
    bad = 0;
    mpz_set_ui(want, 0);
    for (uint64_t k = 0; k <= n; k++) mpz_add(want, want, row[k]);
    bad += mpz_scan1(want, 0) != n || mpz_popcount(want) != 1;       /* the sum is 2^n */
    uint64_t a = rnd(c, n + 1), b = a + rnd(c, 30);
    st |= pascalrow_slice_mpz(n, a, b, row);
    for (uint64_t k = a; k < b && k <= n; k++) {
        mpz_bin_uiui(want, n, k);
        bad += mpz_cmp(row[k - a], want) != 0;
    }
    expect(c, st == PASCALROW_OK && bad == 0, "row_mpz / slice_mpz row %" PRIu64, n);
    for (uint64_t k = 0; k <= n; k++) mpz_clear(row[k]);
    free(row);
}

static void check_triangle(struct caller *c, mpz_t want)
{
    /* rows 0..100: uint32_t, then uint64_t, then mpz_t */
    pascalrow_triangle *t = pascalrow_triangle_new();
    int bad = t == NULL;
    while (!bad && pascalrow_triangle_next(t) == PASCALROW_OK && pascalrow_triangle_n(t) <= 100) {
        uint64_t n = pascalrow_triangle_n(t);
        const uint32_t *r32 = pascalrow_triangle_row_u32(t);
        const uint64_t *r64 = pascalrow_triangle_row_u64(t);
        const mpz_t *rz = pascalrow_triangle_row_mpz(t);
        for (uint64_t k = 0; k <= n; k++) {
            mpz_bin_uiui(want, n, k);
            if (r32 != NULL) bad += mpz_cmp_ui(want, r32[k]) != 0;
            else if (r64 != NULL) bad += mpz_cmp_ui(want, r64[k]) != 0;
            else bad += rz == NULL || mpz_cmp(want, rz[k]) != 0;
        }
    }
    pascalrow_triangle_free(t);
    expect(c, bad == 0, "triangle rows 0..100: %d wrong", bad);

    /* (k0 + k1 + k2)! / (k0!·k1!·k2!) */
    uint64_t ks[3] = { rnd(c, 300), rnd(c, 300), rnd(c, 300) };
    mpz_t got, f;
    mpz_inits(got, f, NULL);
    int st = pascalrow_multinomial_mpz(ks, 3, got);
    mpz_fac_ui(want, (unsigned long)(ks[0] + ks[1] + ks[2]));
    for (int i = 0; i < 3; i++) {
        mpz_fac_ui(f, (unsigned long)ks[i]);
        mpz_divexact(want, want, f);
    }
    expect(c, st == PASCALROW_OK && mpz_cmp(got, want) == 0,
           "multinomial(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ")", ks[0], ks[1], ks[2]);
    mpz_clears(got, f, NULL);
}

static void check_others(struct caller *c)
{
    mpz_t want, got;
    mpz_inits(want, got, NULL);
    check_comb(c, want, got);
    check_mod(c, want);
    check_slices(c, want);
    check_triangle(c, want);
    mpz_clears(want, got, NULL);
    c->others++;
}

/* ------------------------------------------------------------ the runs */

/* One row build: row n in `bits`-bit digits on `threads` threads; give_up
 * is a fraction of the half (in 1/8) where the caller gives up, or 0 for
 * never (−1: at k = 0, before anything is published). */
struct run { uint64_t n; unsigned bits, threads; int give_up_eighths; };

/* Rows just below the split (n = 6700: under 2^24 bits of output, one
 * segment, no helpers), just above it (6900) and well above it, on 1 to 8
 * threads; other widths take the digit-by-digit repack; some give up. */
static struct run runs[128];
static size_t nruns;

static void plan(void)
{
    static const uint64_t rows[] = { 6700, 6900, 15000, 30000 };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        for (unsigned t = 1; t <= 8; t++)
            runs[nruns++] = (struct run){ rows[i], 30, t, 0 };
    static const unsigned widths[] = { 32, 29, 15, 7 };
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++)
        runs[nruns++] = (struct run){ 6900 + 1000 * w, widths[w], 2 + (unsigned)w, 0 };
    static const struct run stops[] = {
        { 6900, 30, 4, -1 }, { 14000, 30, 3, 3 }, { 21000, 30, 8, 1 }, { 21000, 30, 2, 6 },
        { 14000, 30, 1, 4 }, { 6700, 30, 5, 2 }, { 9000, 30, 6, -1 }, { 17000, 16, 7, 5 },
    };
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) runs[nruns++] = stops[i];
}

/* In round r caller c takes runs j with (j + r) % CALLERS = c, so that
 * each run meets different neighbours from round to round; the library's
 * other functions between them. */
static void *caller_main(void *vc)
{
    struct caller *c = vc;
    pthread_barrier_wait(c->start);
    for (size_t round = 0; round < ROUNDS; round++) {
        size_t first = (c->id + CALLERS - round % CALLERS) % CALLERS;
        for (size_t i = first; i < nruns; i += CALLERS) {
            const struct run *u = &runs[i];
            size_t half = (size_t)(u->n / 2 + 1);
            size_t give_up = u->give_up_eighths == 0 ? NEVER
                           : u->give_up_eighths < 0 ? 0 : half * (size_t)u->give_up_eighths / 8;
            build_row(c, u->n, u->bits, u->threads, give_up);
            check_others(c);
        }
    }
    return NULL;
}

int main(void)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    plan();
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, CALLERS);
    struct caller callers[CALLERS];
    pthread_t tid[CALLERS];
    for (unsigned i = 0; i < CALLERS; i++) {
        callers[i] = (struct caller){ .id = i, .rng = 0x9e3779b97f4a7c15ull * (i + 1), .start = &start };
        int e = pthread_create(&tid[i], NULL, caller_main, &callers[i]);
        CHECK(e == 0, "caller %u not started (error %d)", i, e);
        if (e != 0) return check_report();   /* returning ends those waiting at the barrier */
    }
    size_t rows = 0, failures = 0, waits = 0, others = 0;
    for (unsigned i = 0; i < CALLERS; i++) {
        pthread_join(tid[i], NULL);
        passed += callers[i].passed;
        failed += callers[i].failed;
        rows += callers[i].rows;
        failures += callers[i].failures;
        waits += callers[i].waits;
        others += callers[i].others;
    }
    pthread_barrier_destroy(&start);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%u callers: %zu rows (%zu given up part-way), helpers waited %zu times; "
           "%zu rounds of the other functions; %.1f s\n", CALLERS, rows, failures, waits, others,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
    return check_report();
}

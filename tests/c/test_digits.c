/* C tests of the digit-writing walk (pascalrow_walk_digits, pascalrow_comb_digits,
 * pascalrow_digits_bounds) against GMP: every value of every walked row is
 * compared with mpz_bin_uiui exported by mpz_export with nails, for several
 * digit widths and thread counts.  The ranges are chosen to cross each switch
 * of the engine: three, two, one or no quotients per pass (n around 2^20,
 * 2^30, 2^61, 2^63), shifts of every residue, odd tails of the repack, and
 * segment boundaries when threads split a row.  Built twice by meson: with
 * the x86-64 kernels and with -DPASCALROW_NO_ASM (the portable C ones).
 * PASCALROW_TEST_QUICK (tests/c/check.h) shrinks the rows and case counts. */
#include <pascalrow.h>

#include "check.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(uint64_t bound)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return bound ? rng_state % bound : 0;
}

/* Where a walk's values go: one slot per k, sized by pascalrow_digits_bounds
 * (so the bound is exercised too), plus the count dest was asked for. */
struct slots {
    uint64_t start;
    size_t len;
    size_t *bound;         /* digits allotted per k */
    size_t *asked;         /* digits dest was asked for; SIZE_MAX = never */
    uint32_t **digits;
    unsigned calls_before_null;   /* dest returns NULL after this many calls (0 = never) */
    unsigned calls;
    pthread_mutex_t lock;
};

static uint32_t *slot_dest(void *vctx, uint64_t k, size_t nd)
{
    struct slots *s = vctx;
    if (s->calls_before_null) {
        pthread_mutex_lock(&s->lock);
        unsigned c = ++s->calls;
        pthread_mutex_unlock(&s->lock);
        if (c > s->calls_before_null) return NULL;
    }
    size_t i = (size_t)(k - s->start);
    if (k < s->start || i >= s->len || s->asked[i] != SIZE_MAX || nd > s->bound[i]) {
        s->asked[i < s->len ? i : 0] = SIZE_MAX - 1;   /* mark: out of range, twice, or over the bound */
        return NULL;
    }
    s->asked[i] = nd;
    return s->digits[i];
}

static int slots_init(struct slots *s, uint64_t n, uint64_t start, uint64_t stop, unsigned bits)
{
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->lock, NULL);
    s->start = start;
    s->len = (size_t)(stop - start);
    s->bound = malloc(s->len * sizeof *s->bound);
    s->asked = malloc(s->len * sizeof *s->asked);
    s->digits = malloc(s->len * sizeof *s->digits);
    if (pascalrow_digits_bounds(n, start, stop, bits, s->bound) != PASCALROW_OK) return -1;
    for (size_t i = 0; i < s->len; i++) {
        s->asked[i] = SIZE_MAX;
        s->digits[i] = malloc((s->bound[i] + 1) * sizeof(uint32_t));
        s->digits[i][s->bound[i]] = 0xdeadbeef;        /* must survive: nothing past the count */
    }
    return 0;
}

static void slots_free(struct slots *s)
{
    for (size_t i = 0; i < s->len; i++) free(s->digits[i]);
    free(s->digits);
    free(s->asked);
    free(s->bound);
    pthread_mutex_destroy(&s->lock);
}

/* C(n,k) in digits of `bits` bits by GMP: the reference. */
static size_t reference_digits(uint32_t *out, uint64_t n, uint64_t k, unsigned bits)
{
    mpz_t c;
    mpz_init(c);
    mpz_bin_uiui(c, n, k);
    size_t count = 0;
    mpz_export(out, &count, -1, sizeof(uint32_t), 0, 32 - bits, c);
    mpz_clear(c);
    return count;
}

/* Walk [start, stop) of row n and compare every value with GMP's.  Returns
 * the number of wrong values (0 = all right). */
static int check_walk(uint64_t n, uint64_t start, uint64_t stop, unsigned bits, unsigned threads)
{
    if (stop > n + 1) stop = n + 1;
    if (start >= stop) return 0;
    struct slots s;
    if (slots_init(&s, n, start, stop, bits) != 0) { slots_free(&s); return 1; }
    int st = pascalrow_walk_digits(n, start, stop, bits, threads, slot_dest, NULL, &s);
    int bad = st != PASCALROW_OK;
    size_t maxd = 0;
    for (size_t i = 0; i < s.len; i++) if (s.bound[i] > maxd) maxd = s.bound[i];
    uint32_t *want = malloc((maxd + 2) * sizeof *want);
    for (size_t i = 0; i < s.len && !bad; i++) {
        uint64_t k = start + i;
        size_t count = reference_digits(want, n, k, bits);
        if (s.asked[i] != count || memcmp(want, s.digits[i], count * sizeof *want) != 0
            || s.digits[i][s.bound[i]] != 0xdeadbeef
            || (n < (1ull << 40) && s.bound[i] > count + 1)) {
            fprintf(stderr, "  n=%" PRIu64 " k=%" PRIu64 " bits=%u threads=%u: asked %zu, want %zu digits, bound %zu\n",
                    n, k, bits, threads, s.asked[i], count, s.bound[i]);
            bad++;
        }
    }
    free(want);
    slots_free(&s);
    return bad;
}

static void test_small_rows(void)
{
    /* every row ≤ 300 in CPython's 30-bit digits, one thread and three */
    const uint64_t last = test_quick() ? 100 : 300;
    for (uint64_t n = 0; n <= last; n++) {
        CHECK(check_walk(n, 0, n + 1, 30, 1) == 0, "row %" PRIu64 ", 1 thread", n);
        if (n % 7 == 0) CHECK(check_walk(n, 0, n + 1, 30, 3) == 0, "row %" PRIu64 ", 3 threads", n);
    }
    /* other widths take the digit-by-digit repack */
    static const unsigned widths[] = { 1, 7, 8, 15, 16, 29, 31, 32 };
    for (size_t w = 0; w < sizeof widths / sizeof *widths; w++)
        for (uint64_t n = 60; n <= 200; n += 35)
            CHECK(check_walk(n, 0, n + 1, widths[w], 1 + (unsigned)(n % 3)) == 0,
                  "row %" PRIu64 " in %u-bit digits", n, widths[w]);
}

static void test_big_rows(void)
{
    /* whole rows split across threads: segment seams anywhere */
    static const uint64_t rows[] = { 999, 3001, 10000 };
    static const unsigned threads[] = { 1, 2, 4, 7 };
    const size_t nrows = test_quick() ? 1 : sizeof rows / sizeof *rows;
    for (size_t i = 0; i < nrows; i++)
        for (size_t t = 0; t < sizeof threads / sizeof *threads; t++)
            CHECK(check_walk(rows[i], 0, rows[i] + 1, 30, threads[t]) == 0,
                  "row %" PRIu64 ", %u threads", rows[i], threads[t]);
    /* a row big enough that 2 threads really split it (> 2^28 bits of output) */
    const uint64_t big = test_quick() ? 24000 : 30000;
    CHECK(check_walk(big, 0, big / 2 + 1, 30, 2) == 0, "half row %" PRIu64 ", 2 threads", big);
}

static void test_engine_switches(void)
{
    /* n where three ratios stop fitting a limb (n³·8 < 2^64 up to n ≈ 2^20.3),
     * then two (n ≈ 2^30), then one (n ≈ 2^61), then none (textbook step) */
    static const uint64_t ns[] = {
        (1ull << 20) - 1, 1ull << 20, 1321122, 1321123, 1500000,
        (1ull << 30) - 3, 1ull << 30, 3037000499ull, 3037000500ull, 5000000000ull,
        (1ull << 40) + 7, (1ull << 60) - 1, 1ull << 61, (1ull << 62) + 1,
        1ull << 63, UINT64_MAX - 1,
    };
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
        uint64_t n = ns[i];
        CHECK(check_walk(n, 0, 40, 30, 1) == 0, "n=%" PRIu64 " [0, 40)", n);
        CHECK(check_walk(n, 5, 29, 15, 1) == 0, "n=%" PRIu64 " [5, 29) 15-bit", n);
        CHECK(check_walk(n, n - 30, n + 1, 30, 2) == 0, "n=%" PRIu64 " top end", n);
    }
    /* where four steps from one product stop fitting a limb (n ≤ 65535):
     * the ends, the middle, and slices of every length 1 to 9 (passes of
     * four, then the shorter passes of the tail) */
    static const uint64_t four[] = { 65534, 65535, 65536 };
    for (size_t i = 0; i < sizeof four / sizeof *four; i++) {
        uint64_t n = four[i];
        CHECK(check_walk(n, 0, 40, 30, 1) == 0, "n=%" PRIu64 " [0, 40)", n);
        CHECK(check_walk(n, n / 2 - 9, n / 2 + 10, 30, 1) == 0, "n=%" PRIu64 " middle", n);
        CHECK(check_walk(n, n - 30, n + 1, 30, 1) == 0, "n=%" PRIu64 " top end", n);
        for (uint64_t len = 1; len <= 9; len++)
            CHECK(check_walk(n, 1000, 1000 + len, 30, 1) == 0, "n=%" PRIu64 " [1000, +%" PRIu64 ")", n, len);
    }
    /* middles of big rows, where values are long (seeded by mpz_bin_uiui) */
    CHECK(check_walk(1000000, 499990, 500010, 30, 1) == 0, "middle of row 10^6");
    CHECK(check_walk(3000000, 1000000, 1000007, 30, 1) == 0, "row 3·10^6 at 10^6");
    /* the limb-level walk shifts values back: compare it with the digit walk's */
    for (int t = 0; t < 40; t++) {
        uint64_t n = 70 + rnd(5000), a = rnd(n), b = a + rnd(60);
        CHECK(check_walk(n, a, b, 30, 1 + (unsigned)rnd(3)) == 0, "n=%" PRIu64 " [%" PRIu64 ", %" PRIu64 ")", n, a, b);
    }
}

struct limbs_ctx { uint64_t n; int bad; };

static int limbs_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct limbs_ctx *c = vctx;
    mpz_t want, got;
    mpz_init(want);
    mpz_bin_uiui(want, c->n, k);
    mpz_roinit_n(got, (const mp_limb_t *)limbs, (mp_size_t)nlimbs);
    if (mpz_cmp(want, got) != 0 || limbs[nlimbs - 1] == 0) c->bad++;
    mpz_clear(want);
    return 0;
}

static void test_walk_limbs(void)
{
    static const uint64_t ns[] = { 68, 999, 4097, (1ull << 20) + 3, 3037000500ull, 1ull << 61, UINT64_MAX - 1 };
    for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
        struct limbs_ctx c = { ns[i], 0 };
        uint64_t stop = ns[i] < 5000 ? ns[i] + 1 : 300;
        CHECK(pascalrow_walk(ns[i], 0, stop, limbs_sink, &c) == PASCALROW_OK && c.bad == 0,
              "pascalrow_walk n=%" PRIu64 ": %d wrong", ns[i], c.bad);
    }
}

static void test_stop_and_errors(void)
{
    /* dest returning NULL stops the walk, on one thread and on several */
    for (unsigned threads = 1; threads <= 4; threads++) {
        struct slots s;
        slots_init(&s, 40000, 0, 20001, 30);
        s.calls_before_null = 100;
        int st = pascalrow_walk_digits(40000, 0, 20001, 30, threads, slot_dest, NULL, &s);
        /* each thread stops at its next value: at most one more call each */
        CHECK(st == PASCALROW_EINTR && s.calls <= 100 + threads, "stop with %u threads: status %d after %u calls",
              threads, st, s.calls);
        slots_free(&s);
    }
    uint32_t d[4];
    CHECK(pascalrow_walk_digits(10, 0, 11, 30, 1, NULL, NULL, NULL) == PASCALROW_EINVAL, "NULL dest");
    CHECK(pascalrow_walk_digits(10, 0, 11, 0, 1, slot_dest, NULL, NULL) == PASCALROW_EINVAL, "0-bit digits");
    CHECK(pascalrow_walk_digits(10, 0, 11, 33, 1, slot_dest, NULL, NULL) == PASCALROW_EINVAL, "33-bit digits");
    CHECK(pascalrow_walk_digits(UINT64_MAX, 0, 1, 30, 1, slot_dest, NULL, NULL) == PASCALROW_ERANGE, "n = 2^64 - 1");
    CHECK(pascalrow_walk_digits(10, 7, 3, 30, 1, slot_dest, NULL, NULL) == PASCALROW_OK, "empty range");
    CHECK(pascalrow_digits_bounds(10, 0, 11, 30, NULL) == PASCALROW_EINVAL, "bounds NULL");
    size_t b[2];
    CHECK(pascalrow_digits_bounds(10, 0, 2, 33, b) == PASCALROW_EINVAL, "bounds 33-bit");
    CHECK(pascalrow_comb_digits(10, 3, 30, NULL, NULL) == PASCALROW_EINVAL, "comb NULL dest");
    (void)d;
}

/* prepare runs once, on the calling thread, while the helpers already work:
 * here the helpers' dest waits until prepare opens the gate. */
struct gated {
    struct slots s;
    pthread_t caller;
    int prepare_calls, prepare_on_caller, fail_prepare;
    _Atomic int open;          /* 1 = open, -1 = prepare failed */
};

static uint32_t *gated_dest(void *vctx, uint64_t k, size_t nd)
{
    struct gated *g = vctx;
    while (g->open == 0) sched_yield();
    if (g->open < 0) return NULL;
    return slot_dest(&g->s, k, nd);
}

static int gated_prepare(void *vctx)
{
    struct gated *g = vctx;
    g->prepare_calls++;
    g->prepare_on_caller = pthread_equal(pthread_self(), g->caller);
    usleep(2000);              /* the helpers are waiting in gated_dest meanwhile */
    g->open = g->fail_prepare ? -1 : 1;
    return g->fail_prepare;
}

static void test_prepare(void)
{
    for (int fail = 0; fail <= 1; fail++)
        for (unsigned threads = 1; threads <= 3; threads++) {
            struct gated g = { .caller = pthread_self(), .fail_prepare = fail };
            slots_init(&g.s, 40000, 0, 20001, 30);
            int st = pascalrow_walk_digits(40000, 0, 20001, 30, threads, gated_dest, gated_prepare, &g);
            size_t written = 0;
            for (size_t i = 0; i < g.s.len; i++) written += g.s.asked[i] < SIZE_MAX - 1;
            CHECK(g.prepare_calls == 1 && g.prepare_on_caller, "prepare once on the caller (%u threads)", threads);
            if (fail) CHECK(st == PASCALROW_EINTR && written == 0, "prepare failing: status %d, %zu written", st, written);
            else CHECK(st == PASCALROW_OK && written == g.s.len, "after prepare: status %d, %zu written", st, written);
            slots_free(&g.s);
        }
    CHECK(check_walk(40000, 20000, 20001, 30, 2) == 0, "the middle of row 40000");
}

struct one { uint32_t d[64 * 1024]; size_t nd; int calls; };

static uint32_t *one_dest(void *vctx, uint64_t k, size_t nd)
{
    (void)k;
    struct one *o = vctx;
    o->nd = nd;
    o->calls++;
    return nd <= sizeof o->d / sizeof *o->d ? o->d : NULL;
}

static void test_comb_digits(void)
{
    static struct one got;
    static uint32_t want[64 * 1024];
    const int cases = test_quick() ? 150 : 1500;
    for (int t = 0; t < cases; t++) {
        uint64_t n = t < cases * 2 / 3 ? rnd(3000) : rnd(1000000), k = rnd(n + 3);
        unsigned bits = t % 5 || t >= cases * 2 / 3 ? 30 : 1 + (unsigned)rnd(32);   /* ≤ 3000 digits below 30 bits */
        got.calls = 0;
        int st = pascalrow_comb_digits(n, k, bits, one_dest, &got);
        size_t count = k <= n ? reference_digits(want, n, k, bits) : 0;
        CHECK(st == PASCALROW_OK && got.calls == 1 && got.nd == count
              && memcmp(got.d, want, count * sizeof *want) == 0,
              "comb_digits(%" PRIu64 ", %" PRIu64 ") in %u bits", n, k, bits);
    }
}

int main(void)
{
    test_small_rows();
    test_big_rows();
    test_engine_switches();
    test_walk_limbs();
    test_stop_and_errors();
    test_prepare();
    test_comb_digits();
    return check_report();
}

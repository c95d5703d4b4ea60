/* libFuzzer harness over pascalrow's public C API.
 *
 * An input is one byte choosing a target (TARGETS below, by index modulo 32:
 * appending a target keeps every existing input's meaning), then the target's
 * arguments, decoded by the take_* readers (missing bytes read as zero).
 * Every target checks its results against references that do not share the
 * library's algorithm: GMP's mpz_bin_uiui, the falling factorial
 * n(n−1)…(n−k+1) = C(n,k)·k!, Pascal's rule, symmetry C(n,k) = C(n,n−k),
 * the row sum 2^n, exact wide arithmetic for the fixed-width steps — and
 * the documented status for every argument (PASCALROW_ENOMEM for a value
 * that cannot fit in any address space, ERANGE, EOVERFLOW, EINTR...).
 * A failed check prints the call and aborts: libFuzzer saves the input.
 *
 * Built by `make fuzz` (clang -fsanitize=fuzzer,address,undefined); replay.c
 * runs the same checks over the seed corpus in every build (meson test).
 * Adding a target: write `static void fuzz_x(struct input *in)` and append
 * {"x", fuzz_x} to TARGETS.
 */
#include <pascalrow.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The largest value a target computes and checks (bits): keeps one input
 * to about a millisecond.  Values above it are skipped, unless they are
 * beyond any address space (IMPOSSIBLE_BITS: 2^50 bits is 128 TiB, and the
 * library needs several times that), where the status must be ENOMEM. */
#define VALUE_BITS_MAX ((uint64_t)1 << 14)
#define IMPOSSIBLE_BITS ((uint64_t)1 << 50)
#define RANGE_MAX 256        /* values per walk or slice */

#define FUZZ_CHECK(cond, ...)                                             \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "fuzz check failed: %s\n  ", #cond);          \
            fprintf(stderr, __VA_ARGS__);                                 \
            fputc('\n', stderr);                                          \
            abort();                                                      \
        }                                                                 \
    } while (0)

/* --------------------------------------------------------------- input */

struct input { const uint8_t *p; size_t left; };

/* The next nbytes (≤ 8) as a little-endian number; zeros past the end. */
static uint64_t take_bytes(struct input *in, unsigned nbytes)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < nbytes; i++) {
        uint64_t b = 0;
        if (in->left > 0) { b = *in->p++; in->left--; }
        v |= b << (8 * i);
    }
    return v;
}

/* A row index, shaped to reach the interesting places: a kind byte picks
 * the fixed-width rows, small and large GMP rows, powers of two, the top of
 * uint64_t, or any 64-bit value. */
static uint64_t take_n(struct input *in)
{
    switch (take_bytes(in, 1) % 7) {
    case 0:  return take_bytes(in, 1) % 72;                 /* 0..71: u32/u64 limits */
    case 1:  return take_bytes(in, 2) % 3001;
    case 2:  return take_bytes(in, 3);                      /* < 2^24 */
    case 3:  return take_bytes(in, 5);                      /* < 2^40 */
    case 4:  return UINT64_MAX - take_bytes(in, 1) % 8;     /* n + 1 overflows at the top */
    case 5: {
        uint64_t e = take_bytes(in, 1) % 64;
        return ((uint64_t)1 << e) + take_bytes(in, 1) % 5 - 2;   /* 2^e − 2 .. 2^e + 2 */
    }
    default: return take_bytes(in, 8);
    }
}

static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }

/* An index into row n: near 0, near n/2, near n, beyond n, or anything. */
static uint64_t take_k(struct input *in, uint64_t n)
{
    uint64_t kind = take_bytes(in, 1) % 5, d = take_bytes(in, 2), h = n / 2;
    switch (kind) {
    case 0:  return d;
    case 1:  return d & 1 ? h + d / 2 : h - min_u64(d / 2, h);
    case 2:  return n - min_u64(d, n);
    case 3:  return n + d < n ? UINT64_MAX : n + d;
    default: return take_bytes(in, 8);
    }
}

/* ---------------------------------------------------------- references */

/* How a request for values of up to `bits` bits must go. */
enum size_class { FITS, SKIP, IMPOSSIBLE };
static enum size_class classify(uint64_t bits)
{
    return bits <= VALUE_BITS_MAX ? FITS : bits >= IMPOSSIBLE_BITS ? IMPOSSIBLE : SKIP;
}

/* The largest C(n,k) over k in [start, end) is at the k nearest n/2. */
static uint64_t range_bits(uint64_t n, uint64_t start, uint64_t end)
{
    uint64_t k = n / 2;
    if (k < start) k = start;
    if (k > end - 1) k = end - 1;
    return pascalrow_comb_bits_bound(n, k);
}

/* C(n,k) by GMP's own algorithm, for values within VALUE_BITS_MAX. */
static void ref_comb(mpz_t rop, uint64_t n, uint64_t k)
{
    if (k > n) mpz_set_ui(rop, 0);
    else mpz_bin_uiui(rop, n, k);
}

/* C(n,k)·j! = n(n−1)…(n−j+1) with j = min(k, n−k): a product of j terms,
 * no division, independent of every binomial algorithm. */
static int falling_factorial_agrees(const mpz_t c, uint64_t n, uint64_t k)
{
    uint64_t j = min_u64(k, n - k);
    mpz_t prod, lhs;
    mpz_init_set_ui(prod, 1);
    mpz_init(lhs);
    for (uint64_t i = 0; i < j; i++) mpz_mul_ui(prod, prod, n - i);
    mpz_fac_ui(lhs, j);
    mpz_mul(lhs, lhs, c);
    int ok = mpz_cmp(lhs, prod) == 0;
    mpz_clear(lhs);
    mpz_clear(prod);
    return ok;
}

static mpz_t *mpz_array(size_t len)
{
    mpz_t *a = malloc((len ? len : 1) * sizeof *a);
    if (a == NULL) abort();
    for (size_t i = 0; i < len; i++) mpz_init(a[i]);
    return a;
}

static void mpz_array_free(mpz_t *a, size_t len)
{
    for (size_t i = 0; i < len; i++) mpz_clear(a[i]);
    free(a);
}

/* -------------------------------------------------------------- targets */

/* pascalrow_comb_mpz: any n, k. */
static void fuzz_comb(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n);
    enum size_class c = k > n ? FITS : classify(pascalrow_comb_bits_bound(n, k));
    if (c == SKIP) return;
    mpz_t got, other;
    mpz_init_set_ui(got, 77);
    mpz_init(other);
    int st = pascalrow_comb_mpz(n, k, got);
    if (c == IMPOSSIBLE) {
        FUZZ_CHECK(st == PASCALROW_ENOMEM && mpz_cmp_ui(got, 77) == 0,
                   "comb(%" PRIu64 ", %" PRIu64 "): status %d", n, k, st);
        goto done;
    }
    FUZZ_CHECK(st == PASCALROW_OK, "comb(%" PRIu64 ", %" PRIu64 "): status %d", n, k, st);
    if (k > n) {
        FUZZ_CHECK(mpz_sgn(got) == 0, "comb(%" PRIu64 ", %" PRIu64 ") must be 0", n, k);
        goto done;
    }
    ref_comb(other, n, k);
    FUZZ_CHECK(mpz_cmp(got, other) == 0, "comb(%" PRIu64 ", %" PRIu64 ") != mpz_bin_uiui", n, k);
    if (min_u64(k, n - k) <= 2048)
        FUZZ_CHECK(falling_factorial_agrees(got, n, k),
                   "comb(%" PRIu64 ", %" PRIu64 ")·k! != falling factorial", n, k);
    /* C(n,k) = C(n,n−k) */
    FUZZ_CHECK(pascalrow_comb_mpz(n, n - k, other) == PASCALROW_OK && mpz_cmp(got, other) == 0,
               "comb(%" PRIu64 ", %" PRIu64 ") != comb(n, n-k)", n, k);
    /* C(n,k) = C(n−1,k−1) + C(n−1,k) */
    if (n > 0 && k > 0) {
        mpz_t a;
        mpz_init(a);
        FUZZ_CHECK(pascalrow_comb_mpz(n - 1, k - 1, a) == PASCALROW_OK
                   && pascalrow_comb_mpz(n - 1, k, other) == PASCALROW_OK, "Pascal's rule: status");
        mpz_add(a, a, other);
        FUZZ_CHECK(mpz_cmp(a, got) == 0, "Pascal's rule fails at (%" PRIu64 ", %" PRIu64 ")", n, k);
        mpz_clear(a);
    }
done:
    mpz_clear(other);
    mpz_clear(got);
}

/* pascalrow_comb_mpz_threads: any n, k, 0 to 255 threads (counts past 64
 * mean 64); the same value as mpz_bin_uiui and as one thread. */
static void fuzz_comb_threads(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n);
    unsigned threads = (unsigned)take_bytes(in, 1);
    enum size_class c = k > n ? FITS : classify(pascalrow_comb_bits_bound(n, k));
    if (c == SKIP) return;
    mpz_t got, other;
    mpz_init_set_ui(got, 77);
    mpz_init(other);
    int st = pascalrow_comb_mpz_threads(n, k, threads, got);
    if (c == IMPOSSIBLE) {
        FUZZ_CHECK(st == PASCALROW_ENOMEM && mpz_cmp_ui(got, 77) == 0,
                   "comb_threads(%" PRIu64 ", %" PRIu64 ", %u): status %d", n, k, threads, st);
        goto done;
    }
    FUZZ_CHECK(st == PASCALROW_OK, "comb_threads(%" PRIu64 ", %" PRIu64 ", %u): status %d", n, k, threads, st);
    ref_comb(other, n, k);
    FUZZ_CHECK(mpz_cmp(got, other) == 0, "comb_threads(%" PRIu64 ", %" PRIu64 ", %u) != mpz_bin_uiui",
               n, k, threads);
    FUZZ_CHECK(pascalrow_comb_mpz_threads(n, k, 1, other) == PASCALROW_OK && mpz_cmp(got, other) == 0,
               "comb_threads(%" PRIu64 ", %" PRIu64 ", %u) != one thread", n, k, threads);
done:
    mpz_clear(other);
    mpz_clear(got);
}

/* pascalrow_walk: any n, start, stop, and a sink that may stop early. */
struct walk_check { uint64_t n, next, calls, stop_after; mpz_t v, want; };

static int walk_sink(void *vctx, uint64_t k, const uint64_t *limbs, size_t nlimbs)
{
    struct walk_check *w = vctx;
    FUZZ_CHECK(k == w->next, "walk(%" PRIu64 "): k = %" PRIu64 ", expected %" PRIu64, w->n, k, w->next);
    FUZZ_CHECK(nlimbs >= 1 && limbs[nlimbs - 1] != 0, "walk(%" PRIu64 ", k=%" PRIu64 "): %zu limbs, top zero",
               w->n, k, nlimbs);
    mpz_import(w->v, nlimbs, -1, sizeof *limbs, 0, 0, limbs);
    ref_comb(w->want, w->n, k);
    FUZZ_CHECK(mpz_cmp(w->v, w->want) == 0, "walk(%" PRIu64 "): C(n, %" PRIu64 ") wrong", w->n, k);
    w->next = k + 1;
    return ++w->calls == w->stop_after;
}

static void fuzz_walk(struct input *in)
{
    struct walk_check w;
    uint64_t n = take_n(in), start = take_k(in, n);
    uint64_t len = take_bytes(in, 2), stop;
    if (len & 0x8000) stop = take_k(in, n);                  /* anywhere, even below start */
    else stop = start + len % RANGE_MAX < start ? UINT64_MAX : start + len % RANGE_MAX;
    w.n = n;
    w.next = start;
    w.calls = 0;
    w.stop_after = take_bytes(in, 1);                        /* 0: never stop */
    uint64_t end = n == UINT64_MAX ? 0 : min_u64(stop, n + 1);
    uint64_t count = start < end ? end - start : 0;

    if (n == UINT64_MAX) {
        FUZZ_CHECK(pascalrow_walk(n, start, stop, walk_sink, &w) == PASCALROW_ERANGE, "walk(2^64-1)");
        return;
    }
    enum size_class c = count == 0 ? FITS : classify(range_bits(n, start, end));
    if (c == FITS && count > RANGE_MAX) c = SKIP;
    if (c == SKIP) return;
    mpz_init(w.v);
    mpz_init(w.want);
    int st = pascalrow_walk(n, start, stop, walk_sink, &w);
    if (c == IMPOSSIBLE) {
        FUZZ_CHECK(st == PASCALROW_ENOMEM && w.calls == 0,
                   "walk(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, start, stop, st);
    } else {
        int stopped = w.stop_after != 0 && w.stop_after <= count;
        FUZZ_CHECK(st == (stopped ? PASCALROW_EINTR : PASCALROW_OK)
                   && w.calls == (stopped ? w.stop_after : count),
                   "walk(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d after %" PRIu64 " of %" PRIu64,
                   n, start, stop, st, w.calls, count);
    }
    mpz_clear(w.want);
    mpz_clear(w.v);
}

/* pascalrow_row_mpz: whole rows against mpz_bin_uiui, their sum 2^n, their
 * symmetry and Pascal's rule with the row before; huge rows are ENOMEM. */
static void fuzz_row_mpz(struct input *in)
{
    uint64_t n = take_bytes(in, 2);
    if (n & 0x8000) {
        /* A row no address space can hold (row 2^32 has about 2^63 bits)
         * is refused before out is touched: one mpz_t is enough. */
        n = take_n(in);
        if (n < ((uint64_t)1 << 32)) return;
        mpz_t one[1];
        mpz_init(one[0]);
        int st = pascalrow_row_mpz(n, one);
        FUZZ_CHECK(st == (n == UINT64_MAX ? PASCALROW_ERANGE : PASCALROW_ENOMEM),
                   "row_mpz(%" PRIu64 "): status %d", n, st);
        mpz_clear(one[0]);
        return;
    }
    n %= 1200;
    mpz_t *row = mpz_array(n + 1), *prev = mpz_array(n + 1);
    mpz_t sum, want;
    mpz_init(sum);
    mpz_init(want);
    FUZZ_CHECK(pascalrow_row_mpz(n, row) == PASCALROW_OK, "row_mpz(%" PRIu64 ")", n);
    if (n > 0) FUZZ_CHECK(pascalrow_row_mpz(n - 1, prev) == PASCALROW_OK, "row_mpz(%" PRIu64 ")", n - 1);
    for (uint64_t k = 0; k <= n; k++) {
        ref_comb(want, n, k);
        FUZZ_CHECK(mpz_cmp(row[k], want) == 0, "row %" PRIu64 "[%" PRIu64 "] != mpz_bin_uiui", n, k);
        FUZZ_CHECK(mpz_cmp(row[k], row[n - k]) == 0, "row %" PRIu64 " not symmetric at %" PRIu64, n, k);
        if (k > 0 && k < n) {
            mpz_add(want, prev[k - 1], prev[k]);
            FUZZ_CHECK(mpz_cmp(row[k], want) == 0, "row %" PRIu64 ": Pascal's rule at %" PRIu64, n, k);
        }
        mpz_add(sum, sum, row[k]);
    }
    mpz_set_ui(want, 0);
    mpz_setbit(want, n);
    FUZZ_CHECK(mpz_cmp(sum, want) == 0, "row %" PRIu64 " does not sum to 2^n", n);
    mpz_clear(want);
    mpz_clear(sum);
    mpz_array_free(prev, n + 1);
    mpz_array_free(row, n + 1);
}

/* pascalrow_slice_mpz: any n, start, stop; the mirrored slice is the same
 * values reversed. */
static void fuzz_slice_mpz(struct input *in)
{
    uint64_t n = take_n(in), start = take_k(in, n), stop = start + take_bytes(in, 1);
    if (stop < start) stop = UINT64_MAX;
    mpz_t one[1];
    if (n == UINT64_MAX) {
        mpz_init(one[0]);
        FUZZ_CHECK(pascalrow_slice_mpz(n, start, stop, one) == PASCALROW_ERANGE, "slice_mpz(2^64-1)");
        mpz_clear(one[0]);
        return;
    }
    uint64_t end = min_u64(stop, n + 1), count = start < end ? end - start : 0;
    enum size_class c = count == 0 ? FITS : classify(range_bits(n, start, end));
    if (c == SKIP) return;
    /* an impossible slice is refused before out is touched */
    size_t room = c == FITS ? (size_t)count : 1;
    mpz_t *out = mpz_array(room), *mirror = mpz_array(room);
    mpz_t want;
    mpz_init(want);
    int st = pascalrow_slice_mpz(n, start, stop, out);
    if (c == IMPOSSIBLE) {
        FUZZ_CHECK(st == PASCALROW_ENOMEM, "slice_mpz(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %d", n, start, stop, st);
    } else {
        FUZZ_CHECK(st == PASCALROW_OK, "slice_mpz(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %d", n, start, stop, st);
        /* C(n,k) = C(n,n−k): slice [n+1−end, n+1−start) reversed */
        if (count > 0)
            FUZZ_CHECK(pascalrow_slice_mpz(n, n + 1 - end, n + 1 - start, mirror) == PASCALROW_OK, "mirror");
        for (uint64_t i = 0; i < count; i++) {
            ref_comb(want, n, start + i);
            FUZZ_CHECK(mpz_cmp(out[i], want) == 0, "slice %" PRIu64 "[%" PRIu64 "] wrong", n, start + i);
            FUZZ_CHECK(mpz_cmp(out[i], mirror[count - 1 - i]) == 0, "slice %" PRIu64 " mirror at %" PRIu64,
                       n, start + i);
        }
    }
    mpz_clear(want);
    mpz_array_free(mirror, room);
    mpz_array_free(out, room);
}

/* pascalrow_row_u32/u64: row n or EOVERFLOW with the buffer untouched. */
#define FIXED_ROOM 80
#define CANARY 0xA5

#define DEFINE_FUZZ_ROW(NAME, T, ROW, MAX_N)                                          \
    static void NAME(uint64_t n)                                                      \
    {                                                                                 \
        T buf[FIXED_ROOM];                                                            \
        unsigned char canary[sizeof buf];                                             \
        memset(buf, CANARY, sizeof buf);                                              \
        memset(canary, CANARY, sizeof canary);                                        \
        int st = ROW(n, buf);                                                         \
        if (n > (MAX_N)) {                                                            \
            FUZZ_CHECK(st == PASCALROW_EOVERFLOW && memcmp(buf, canary, sizeof buf) == 0, \
                       #ROW "(%" PRIu64 "): status %d or buffer written", n, st);     \
            return;                                                                   \
        }                                                                             \
        FUZZ_CHECK(st == PASCALROW_OK, #ROW "(%" PRIu64 "): status %d", n, st);       \
        mpz_t want, sum;                                                              \
        mpz_init(want);                                                               \
        mpz_init(sum);                                                                \
        for (uint64_t k = 0; k <= n; k++) {                                           \
            ref_comb(want, n, k);                                                     \
            FUZZ_CHECK(mpz_cmp_ui(want, buf[k]) == 0, #ROW "(%" PRIu64 ")[%" PRIu64 "]", n, k); \
            mpz_add_ui(sum, sum, buf[k]);                                             \
        }                                                                             \
        FUZZ_CHECK(mpz_sizeinbase(sum, 2) == n + 1 && mpz_scan1(sum, 0) == n,         \
                   #ROW "(%" PRIu64 ") does not sum to 2^n", n);                      \
        FUZZ_CHECK(memcmp(buf + n + 1, canary, sizeof buf - (n + 1) * sizeof *buf) == 0, \
                   #ROW "(%" PRIu64 ") wrote past the row", n);                       \
        mpz_clear(sum);                                                               \
        mpz_clear(want);                                                              \
    }

DEFINE_FUZZ_ROW(check_row_u32, uint32_t, pascalrow_row_u32, PASCALROW_U32_MAX_N)
DEFINE_FUZZ_ROW(check_row_u64, uint64_t, pascalrow_row_u64, PASCALROW_U64_MAX_N)

static void fuzz_row_fixed(struct input *in)
{
    uint64_t n = take_bytes(in, 1);
    n = n < 0xF0 ? n % (PASCALROW_U64_MAX_N + 4) : take_bytes(in, 8);
    check_row_u32(n);
    check_row_u64(n);
}

/* pascalrow_step_u32/u64 on any contents: each new value is the exact sum
 * of its two neighbours, or EOVERFLOW with the row exactly as it was. */
#define DEFINE_FUZZ_STEP(NAME, T, STEP)                                               \
    static void NAME(struct input *in)                                                \
    {                                                                                 \
        T row[FIXED_ROOM], before[FIXED_ROOM];                                        \
        size_t i = (size_t)(take_bytes(in, 1) % (FIXED_ROOM - 2));                    \
        int near_top = take_bytes(in, 1) & 1;   /* values within 255 of the max */    \
        for (size_t j = 0; j < FIXED_ROOM; j++) {                                     \
            T v = (T)take_bytes(in, sizeof(T));                                       \
            row[j] = near_top ? (T)~(T)(v & 0xFF) : v;                                \
        }                                                                             \
        memcpy(before, row, sizeof row);                                              \
        int overflow = 0;                                                             \
        for (size_t j = 1; j <= i; j++)                                               \
            overflow |= (T)(before[j] + before[j - 1]) < before[j];                   \
        int st = STEP(i, row);                                                        \
        FUZZ_CHECK(st == (overflow ? PASCALROW_EOVERFLOW : PASCALROW_OK),             \
                   #STEP "(%zu, row): status %d, overflow %d", i, st, overflow);      \
        FUZZ_CHECK(memcmp(row + i + 2, before + i + 2, (FIXED_ROOM - i - 2) * sizeof(T)) == 0, \
                   #STEP "(%zu, row) wrote past row[i+1]", i);                        \
        if (overflow) {                                                               \
            FUZZ_CHECK(memcmp(row, before, sizeof row) == 0, #STEP "(%zu, row) not restored", i); \
            return;                                                                   \
        }                                                                             \
        FUZZ_CHECK(row[0] == before[0] && row[i + 1] == 1, #STEP "(%zu, row) ends", i); \
        for (size_t j = 1; j <= i; j++)                                               \
            FUZZ_CHECK(row[j] == (T)(before[j] + before[j - 1]), #STEP "(%zu, row)[%zu]", i, j); \
    }

DEFINE_FUZZ_STEP(fuzz_step_u32, uint32_t, pascalrow_step_u32)
DEFINE_FUZZ_STEP(fuzz_step_u64, uint64_t, pascalrow_step_u64)

/* pascalrow_comb_bits_bound and pascalrow_row_half_bits against the true
 * bit lengths, and their documented values at any n, k. */
static void fuzz_bounds(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n);
    uint64_t b = pascalrow_comb_bits_bound(n, k);
    if (k > n) { FUZZ_CHECK(b == 0, "bits_bound(%" PRIu64 ", %" PRIu64 ") = %" PRIu64, n, k, b); return; }
    FUZZ_CHECK(b >= 1 && b <= (n > 0 ? n : 1), "bits_bound(%" PRIu64 ", %" PRIu64 ") = %" PRIu64, n, k, b);
    if (b <= VALUE_BITS_MAX) {
        mpz_t c;
        mpz_init(c);
        ref_comb(c, n, k);
        uint64_t truth = mpz_sizeinbase(c, 2);
        FUZZ_CHECK(b >= truth && b <= truth + 4 + truth / 1000000,
                   "bits_bound(%" PRIu64 ", %" PRIu64 ") = %" PRIu64 ", true %" PRIu64, n, k, b, truth);
        mpz_clear(c);
    }
    if (n <= 600) {
        mpz_t c;
        mpz_init(c);
        uint64_t total = 0;
        for (uint64_t j = 0; j <= n / 2; j++) { ref_comb(c, n, j); total += mpz_sizeinbase(c, 2); }
        FUZZ_CHECK(pascalrow_row_half_bits(n) >= total, "row_half_bits(%" PRIu64 ") below %" PRIu64, n, total);
        mpz_clear(c);
    }
}

/* pascalrow_strerror: every int gets a non-empty static string. */
static void fuzz_strerror(struct input *in)
{
    int status = (int)(int32_t)take_bytes(in, 4);
    const char *s = pascalrow_strerror(status);
    FUZZ_CHECK(s != NULL && s[0] != '\0', "strerror(%d)", status);
}

/* ------------------------------------------- targets added with issue 3 */

/* A modulus: small, a prime power, a product of small primes, the largest
 * accepted, any 63-bit value, or out of range (0, 2^63 and above). */
static uint64_t take_m(struct input *in)
{
    static const uint64_t special[] = {
        2, 3, 4, 6, 8, 9, 10, 12, 30, 1009, 1u << 16, 65537, 2 * 3 * 5 * 7 * 11 * 13,
        (uint64_t)1009 * 1009 * 1009, (uint64_t)1 << 62, PASCALROW_MOD_MAX,
        (uint64_t)1000000007 * 1000000009u / 2, 0, PASCALROW_MOD_MAX + 1, UINT64_MAX,
    };
    switch (take_bytes(in, 1) % 4) {
    case 0:  return take_bytes(in, 1) + 1;                        /* 1..256 */
    case 1:  return special[take_bytes(in, 1) % (sizeof special / sizeof *special)];
    case 2:  return take_bytes(in, 2) + 1;
    default: return take_bytes(in, 8);
    }
}

static int bad_modulus(uint64_t m) { return m == 0 || m > PASCALROW_MOD_MAX; }

/* A range [start, stop) of row n: start anywhere, stop within 255 of it or
 * anywhere (even below start). */
static void take_range(struct input *in, uint64_t n, uint64_t *start, uint64_t *stop)
{
    *start = take_k(in, n);
    uint64_t len = take_bytes(in, 1);
    if (len == 0xFF) *stop = take_k(in, n);
    else *stop = *start + len < *start ? UINT64_MAX : *start + len;
}

/* The values a slice of row n writes, or 0 for n = 2^64 − 1. */
static uint64_t slice_count(uint64_t n, uint64_t start, uint64_t stop)
{
    if (n == UINT64_MAX) return 0;
    uint64_t end = min_u64(stop, n + 1);
    return start < end ? end - start : 0;
}

/* pascalrow_slice_u32/u64: the values against mpz_bin_uiui, or EOVERFLOW
 * exactly when one of them does not fit; nothing written past the slice. */
#define SLICE_ROOM 256
#define DEFINE_FUZZ_SLICE(NAME, T, SLICE, MAX)                                        \
    static void NAME(uint64_t n, uint64_t start, uint64_t stop)                       \
    {                                                                                 \
        T buf[SLICE_ROOM];                                                            \
        memset(buf, CANARY, sizeof buf);                                              \
        int st = SLICE(n, start, stop, buf);                                          \
        if (n == UINT64_MAX) {                                                        \
            FUZZ_CHECK(st == PASCALROW_ERANGE, #SLICE "(2^64-1): %d", st);            \
            return;                                                                   \
        }                                                                             \
        uint64_t count = slice_count(n, start, stop);                                 \
        int fits = 1;                                                                 \
        mpz_t want;                                                                   \
        mpz_init(want);                                                               \
        /* a bound far above 64 bits: the exact length is above it too */             \
        if (count > 0 && range_bits(n, start, start + count) > 200) fits = 0;         \
        for (uint64_t i = 0; fits && i < count; i++) {                                \
            ref_comb(want, n, start + i);                                             \
            fits = mpz_cmp_ui(want, (MAX)) <= 0;                                      \
        }                                                                             \
        FUZZ_CHECK(st == (fits ? PASCALROW_OK : PASCALROW_EOVERFLOW),                 \
                   #SLICE "(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, start, stop, st); \
        for (uint64_t i = 0; fits && i < count; i++) {                                \
            ref_comb(want, n, start + i);                                             \
            FUZZ_CHECK(mpz_cmp_ui(want, buf[i]) == 0, #SLICE "(%" PRIu64 ")[%" PRIu64 "]", n, start + i); \
        }                                                                             \
        unsigned char canary[sizeof buf];                                             \
        memset(canary, CANARY, sizeof canary);                                        \
        FUZZ_CHECK(memcmp(buf + count, canary, (SLICE_ROOM - count) * sizeof(T)) == 0, \
                   #SLICE "(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") wrote past the slice", n, start, stop); \
        mpz_clear(want);                                                              \
    }

DEFINE_FUZZ_SLICE(check_slice_u32, uint32_t, pascalrow_slice_u32, UINT32_MAX)
DEFINE_FUZZ_SLICE(check_slice_u64, uint64_t, pascalrow_slice_u64, UINT64_MAX)

static void fuzz_slice_fixed(struct input *in)
{
    uint64_t n = take_n(in), start, stop;
    take_range(in, n, &start, &stop);
    if (slice_count(n, start, stop) >= SLICE_ROOM) return;
    check_slice_u32(n, start, stop);
    check_slice_u64(n, start, stop);
}

/* pascalrow_slice_hull against its definition: with f(k) = k below
 * h = ⌊n/2⌋ + 1 and n − k from h on (the lower-half index holding C(n,k)),
 * the hull is [min f, max f + 1) over the clipped slice.  f rises to h − 1
 * and falls after it, so its extremes are at the ends or at h − 1. */
static void fuzz_slice_hull(struct input *in)
{
    uint64_t n = take_n(in), start = take_k(in, n), stop = take_k(in, n), lo = 1, hi = 1;
    int st = pascalrow_slice_hull(n, start, stop, &lo, &hi);
    if (n == UINT64_MAX) {
        FUZZ_CHECK(st == PASCALROW_ERANGE, "slice_hull(2^64-1): %d", st);
        return;
    }
    FUZZ_CHECK(st == PASCALROW_OK, "slice_hull: status %d", st);
    uint64_t count = slice_count(n, start, stop);
    if (count == 0) {
        FUZZ_CHECK(lo == 0 && hi == 0, "slice_hull(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") of nothing: [%" PRIu64
                   ", %" PRIu64 ")", n, start, stop, lo, hi);
        return;
    }
    uint64_t h = n / 2 + 1, last = start + count - 1;
    uint64_t fa = start < h ? start : n - start, fb = last < h ? last : n - last;
    uint64_t want_lo = min_u64(fa, fb), want_hi = (fa > fb ? fa : fb) + 1;
    if (start <= h - 1 && h - 1 <= last) want_hi = h;
    FUZZ_CHECK(lo == want_lo && hi == want_hi && hi - lo <= count,
               "slice_hull(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") = [%" PRIu64 ", %" PRIu64 "), want [%" PRIu64
               ", %" PRIu64 ")", n, start, stop, lo, hi, want_lo, want_hi);
}

/* pascalrow_step_mod on any contents below m: each new value is the sum of
 * its neighbours reduced mod m (exact 128-bit sums), the last 1 mod m. */
static void fuzz_step_mod(struct input *in)
{
    uint64_t row[FIXED_ROOM], before[FIXED_ROOM];
    uint64_t m = take_m(in);
    size_t i = (size_t)(take_bytes(in, 1) % (FIXED_ROOM - 2));
    int near_top = take_bytes(in, 1) & 1;              /* values within 255 of m − 1 */
    for (size_t j = 0; j < FIXED_ROOM; j++) {
        uint64_t v = take_bytes(in, 8);
        row[j] = bad_modulus(m) ? v : near_top ? m - 1 - (v & 0xFF) % m : v % m;
    }
    memcpy(before, row, sizeof row);
    int st = pascalrow_step_mod(i, m, row);
    if (bad_modulus(m)) {
        FUZZ_CHECK(st == PASCALROW_EINVAL && memcmp(row, before, sizeof row) == 0,
                   "step_mod(m=%" PRIu64 "): status %d", m, st);
        return;
    }
    FUZZ_CHECK(st == PASCALROW_OK, "step_mod(%zu, %" PRIu64 ", row): status %d", i, m, st);
    FUZZ_CHECK(row[0] == before[0] && row[i + 1] == 1 % m, "step_mod(%zu, %" PRIu64 ", row) ends", i, m);
    for (size_t j = 1; j <= i; j++)
        FUZZ_CHECK(row[j] == (uint64_t)(((unsigned __int128)before[j] + before[j - 1]) % m),
                   "step_mod(%zu, %" PRIu64 ", row)[%zu]", i, m, j);
    FUZZ_CHECK(memcmp(row + i + 2, before + i + 2, (FIXED_ROOM - i - 2) * sizeof *row) == 0,
               "step_mod(%zu, row) wrote past row[i+1]", i);
}

/* Work the modular targets allow one input (pascalrow_*_mod_cost units). */
#define MOD_COST_MAX 20000

/* pascalrow_slice_mod: against mpz_bin_uiui mod m where the exact values
 * are small enough, else at its ends and middle against pascalrow_comb_mod
 * (itself checked below); nothing written past the slice. */
static void fuzz_slice_mod(struct input *in)
{
    uint64_t n = take_n(in), start, stop, m;
    take_range(in, n, &start, &stop);
    m = take_m(in);
    uint64_t count = slice_count(n, start, stop), buf[SLICE_ROOM], want;
    if (count >= SLICE_ROOM) return;
    if (!bad_modulus(m) && n != UINT64_MAX && pascalrow_slice_mod_cost(n, start, stop, m) > MOD_COST_MAX)
        return;
    memset(buf, CANARY, sizeof buf);
    int st = pascalrow_slice_mod(n, start, stop, m, buf);
    int expect = bad_modulus(m) ? PASCALROW_EINVAL : n == UINT64_MAX ? PASCALROW_ERANGE : PASCALROW_OK;
    FUZZ_CHECK(st == expect, "slice_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d",
               n, start, stop, m, st);
    if (st != PASCALROW_OK) return;
    int exact = count == 0 || classify(range_bits(n, start, start + count)) == FITS;
    mpz_t c;
    mpz_init(c);
    for (uint64_t i = 0; i < count; i++) {
        if (exact) {
            ref_comb(c, n, start + i);
            want = mpz_fdiv_ui(c, m);
        } else if (i == 0 || i == count / 2 || i == count - 1) {
            FUZZ_CHECK(pascalrow_comb_mod(n, start + i, m, &want) == PASCALROW_OK, "comb_mod status");
        } else {
            continue;
        }
        FUZZ_CHECK(buf[i] == want, "slice_mod(%" PRIu64 ", .., m=%" PRIu64 ")[%" PRIu64 "] = %" PRIu64
                   ", want %" PRIu64, n, m, start + i, buf[i], want);
    }
    mpz_clear(c);
    for (uint64_t i = count; i < SLICE_ROOM; i++)
        FUZZ_CHECK(buf[i] == 0xA5A5A5A5A5A5A5A5u, "slice_mod(%" PRIu64 ") wrote past the slice", n);
}

/* pascalrow_comb_mod: against mpz_bin_uiui mod m when the exact value is
 * small enough; at any n, symmetry and Pascal's rule mod m; for a composite
 * m = a·b, the residues mod a and mod b agree with C(n,k) mod m. */
static void fuzz_comb_mod(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n), m = take_m(in), got = 7, a, b;
    if (!bad_modulus(m) && pascalrow_comb_mod_cost(n, k, m) > MOD_COST_MAX / 4) return;
    int st = pascalrow_comb_mod(n, k, m, &got);
    if (bad_modulus(m)) {
        FUZZ_CHECK(st == PASCALROW_EINVAL && got == 7, "comb_mod(m=%" PRIu64 "): status %d", m, st);
        return;
    }
    FUZZ_CHECK(st == PASCALROW_OK && got < m, "comb_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): %d, %" PRIu64,
               n, k, m, st, got);
    if (k > n) { FUZZ_CHECK(got == 0, "comb_mod: k > n gives %" PRIu64, got); return; }
    if (classify(pascalrow_comb_bits_bound(n, k)) == FITS) {
        mpz_t c;
        mpz_init(c);
        ref_comb(c, n, k);
        FUZZ_CHECK(got == mpz_fdiv_ui(c, m), "comb_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") = %" PRIu64
                   ", exact mod m %lu", n, k, m, got, mpz_fdiv_ui(c, m));
        mpz_clear(c);
    }
    FUZZ_CHECK(pascalrow_comb_mod(n, n - k, m, &a) == PASCALROW_OK && a == got,
               "comb_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") not symmetric", n, k, m);
    if (n > 0 && k > 0 && k < n && pascalrow_comb_mod_cost(n - 1, k - 1, m) <= MOD_COST_MAX / 4
        && pascalrow_comb_mod_cost(n - 1, k, m) <= MOD_COST_MAX / 4) {
        FUZZ_CHECK(pascalrow_comb_mod(n - 1, k - 1, m, &a) == PASCALROW_OK
                   && pascalrow_comb_mod(n - 1, k, m, &b) == PASCALROW_OK
                   && got == (uint64_t)(((unsigned __int128)a + b) % m),
                   "comb_mod: Pascal's rule fails at (%" PRIu64 ", %" PRIu64 ") mod %" PRIu64, n, k, m);
    }
    /* a composite modulus: its smallest factor d and m/d */
    uint64_t d = 2;
    while (d < 1000 && m % d != 0) d++;
    if (d < m && m % d == 0 && pascalrow_comb_mod_cost(n, k, d) <= MOD_COST_MAX / 4
        && pascalrow_comb_mod_cost(n, k, m / d) <= MOD_COST_MAX / 4) {
        FUZZ_CHECK(pascalrow_comb_mod(n, k, d, &a) == PASCALROW_OK && a == got % d
                   && pascalrow_comb_mod(n, k, m / d, &b) == PASCALROW_OK && b == got % (m / d),
                   "comb_mod(%" PRIu64 ", %" PRIu64 "): mod %" PRIu64 " and its factor %" PRIu64 " disagree",
                   n, k, m, d);
    }
}

/* The triangle iterator: row after row up to a fuzzed row, in the width
 * the row fits (uint32_t to 34, uint64_t to 67, then mpz_t); the
 * promotion rows, a fuzzed row and the last one against mpz_bin_uiui. */
static int triangle_row_is(const pascalrow_triangle *t, uint64_t n)
{
    const uint32_t *r32 = pascalrow_triangle_row_u32(t);
    const uint64_t *r64 = pascalrow_triangle_row_u64(t);
    const mpz_t *big = pascalrow_triangle_row_mpz(t);
    if ((r32 != NULL) + (r64 != NULL) + (big != NULL) != 1) return 0;
    mpz_t want;
    mpz_init(want);
    int ok = 1;
    for (uint64_t k = 0; k <= n && ok; k++) {
        mpz_bin_uiui(want, n, k);
        ok = r32 ? mpz_cmp_ui(want, r32[k]) == 0 : r64 ? mpz_cmp_ui(want, r64[k]) == 0
                 : mpz_cmp(want, big[k]) == 0;
    }
    mpz_clear(want);
    return ok;
}

static void fuzz_triangle(struct input *in)
{
    uint64_t last = take_bytes(in, 1) % 160, probe = take_bytes(in, 1) % 160;
    FUZZ_CHECK(pascalrow_triangle_next(NULL) == PASCALROW_EINVAL, "triangle_next(NULL)");
    pascalrow_triangle *t = pascalrow_triangle_new();
    FUZZ_CHECK(t != NULL, "triangle_new");
    FUZZ_CHECK(pascalrow_triangle_row_u32(t) == NULL && pascalrow_triangle_row_u64(t) == NULL
               && pascalrow_triangle_row_mpz(t) == NULL, "a row before the first next");
    for (uint64_t n = 0; n <= last; n++) {
        FUZZ_CHECK(pascalrow_triangle_next(t) == PASCALROW_OK && pascalrow_triangle_n(t) == n,
                   "triangle_next to row %" PRIu64, n);
        unsigned w = pascalrow_triangle_width(t);
        unsigned want_w = n <= PASCALROW_U32_MAX_N ? 32 : n <= PASCALROW_U64_MAX_N ? 64 : 0;
        FUZZ_CHECK(w == want_w, "triangle row %" PRIu64 ": width %u, want %u", n, w, want_w);
        int check = n == last || n == probe || n == PASCALROW_U32_MAX_N || n == PASCALROW_U32_MAX_N + 1
                    || n == PASCALROW_U64_MAX_N || n == PASCALROW_U64_MAX_N + 1;
        if (check) FUZZ_CHECK(triangle_row_is(t, n), "triangle row %" PRIu64 " != mpz_bin_uiui", n);
    }
    pascalrow_triangle_free(t);
}

/* pascalrow_multinomial_mpz: against the product of C(s_i, k_i) taken in
 * the given order (the library takes the largest k first); ERANGE when the
 * sum passes 2^64 − 1, ENOMEM (rop unchanged) for an impossible factor. */
static void fuzz_multinomial(struct input *in)
{
    uint64_t ks[6];
    size_t count = (size_t)(take_bytes(in, 1) % 7);
    int huge = (int)(take_bytes(in, 1) & 1);
    for (size_t i = 0; i < count; i++) ks[i] = huge ? take_n(in) : take_bytes(in, 2) % 400;
    uint64_t sum = 0;
    int wraps = 0;
    size_t top = 0;
    for (size_t i = 0; i < count; i++) {
        wraps |= ks[i] > UINT64_MAX - sum;
        sum += ks[i];
        if (ks[i] > ks[top]) top = i;
    }
    /* how the library's factors go, largest k first: all small, or an
     * impossible one after small ones (ENOMEM), else skipped */
    enum size_class c = FITS;
    uint64_t s = count ? ks[top] : 0, total = 0;
    for (size_t i = 0; i < count && !wraps && c == FITS; i++) {
        if (i == top || ks[i] == 0) continue;
        s += ks[i];
        uint64_t bits = pascalrow_comb_bits_bound(s, ks[i]);
        c = classify(bits);
        total += bits;
    }
    if (c == SKIP || total > 4 * VALUE_BITS_MAX) return;
    mpz_t got, want, f;
    mpz_init_set_ui(got, 77);
    mpz_init_set_ui(want, 1);
    mpz_init(f);
    int st = pascalrow_multinomial_mpz(ks, count, got);
    if (wraps || c == IMPOSSIBLE) {
        FUZZ_CHECK(st == (wraps ? PASCALROW_ERANGE : PASCALROW_ENOMEM) && mpz_cmp_ui(got, 77) == 0,
                   "multinomial of %zu values: status %d, wraps %d", count, st, wraps);
    } else {
        FUZZ_CHECK(st == PASCALROW_OK, "multinomial of %zu values: status %d", count, st);
        s = 0;
        for (size_t i = 0; i < count; i++) {
            s += ks[i];
            mpz_bin_uiui(f, s, ks[i]);                 /* C(s_i, k_i), s_i = k_0 + … + k_i */
            mpz_mul(want, want, f);
        }
        FUZZ_CHECK(mpz_cmp(got, want) == 0, "multinomial of %zu values != product of binomials", count);
    }
    mpz_clear(f);
    mpz_clear(want);
    mpz_clear(got);
}

/* pascalrow_comb_bytes: the size query bounds the value, the decoded bytes
 * are mpz_bin_uiui, the top byte is non-zero; a buffer one byte short is
 * EOVERFLOW with the size reported and the buffer untouched; an impossible
 * value is ENOMEM (its claimed buffer never written). */
static void fuzz_comb_bytes(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n);
    size_t need = 1, written = 1;
    FUZZ_CHECK(pascalrow_comb_bytes(n, k, NULL, 0, NULL) == PASCALROW_EINVAL, "comb_bytes(written NULL)");
    int st = pascalrow_comb_bytes(n, k, NULL, 0, &need);
    FUZZ_CHECK(st == PASCALROW_OK, "comb_bytes(%" PRIu64 ", %" PRIu64 ") size query: %d", n, k, st);
    if (k > n) { FUZZ_CHECK(need == 0, "comb_bytes: k > n needs %zu bytes", need); return; }
    uint64_t bound = pascalrow_comb_bits_bound(n, k);        /* ⌈bound / 8⌉, without wrapping */
    FUZZ_CHECK(need >= 1 && need == bound / 8 + (bound % 8 != 0),
               "comb_bytes(%" PRIu64 ", %" PRIu64 ") size %zu", n, k, need);
    enum size_class c = classify(bound);
    if (c == SKIP) return;
    unsigned char small[16];
    memset(small, CANARY, sizeof small);
    if (c == IMPOSSIBLE) {
        st = pascalrow_comb_bytes(n, k, small, need, &written);
        FUZZ_CHECK(st == PASCALROW_ENOMEM && written == 0 && small[0] == CANARY,
                   "comb_bytes(%" PRIu64 ", %" PRIu64 "): status %d", n, k, st);
        return;
    }
    unsigned char *buf = malloc(need + 1);
    FUZZ_CHECK(buf != NULL, "malloc");
    memset(buf, CANARY, need + 1);
    st = pascalrow_comb_bytes(n, k, buf, need - 1, &written);
    FUZZ_CHECK(st == PASCALROW_EOVERFLOW && written == need && buf[0] == CANARY,
               "comb_bytes(%" PRIu64 ", %" PRIu64 ") in %zu bytes: %d", n, k, need - 1, st);
    st = pascalrow_comb_bytes(n, k, buf, need, &written);
    FUZZ_CHECK(st == PASCALROW_OK && written >= 1 && written <= need && buf[written - 1] != 0
               && buf[need] == CANARY, "comb_bytes(%" PRIu64 ", %" PRIu64 "): %d, %zu bytes", n, k, st, written);
    mpz_t got, want;
    mpz_init(got);
    mpz_init(want);
    mpz_import(got, written, -1, 1, 0, 0, buf);
    ref_comb(want, n, k);
    FUZZ_CHECK(mpz_cmp(got, want) == 0 && written == (mpz_sizeinbase(want, 2) + 7) / 8,
               "comb_bytes(%" PRIu64 ", %" PRIu64 ") != mpz_bin_uiui (%zu bytes)", n, k, written);
    mpz_clear(want);
    mpz_clear(got);
    free(buf);
}

/* pascalrow_limbs_to_digits and pascalrow_digit_count on any limbs, in an
 * array of exactly nlimbs (ASan sees a read past it), into exactly the
 * digits counted: against mpz_export with nails.  Mostly 30-bit digits (the
 * fast path), else any width, 0 and 33..39 included (EINVAL). */
static void fuzz_limbs_to_digits(struct input *in)
{
    uint64_t w = take_bytes(in, 1);
    unsigned bits = w < 128 ? 30 : (unsigned)(w % 40);
    size_t nlimbs = (size_t)(take_bytes(in, 2) % 2048);
    uint64_t *limbs = nlimbs ? malloc(nlimbs * sizeof *limbs) : NULL;
    for (size_t i = 0; i < nlimbs; i++) limbs[i] = take_bytes(in, 8);
    size_t count = pascalrow_digit_count(limbs, nlimbs, bits);
    uint32_t *out = malloc((count ? count : 1) * sizeof *out);
    int st = pascalrow_limbs_to_digits(limbs, nlimbs, bits, out);
    if (bits < 1 || bits > 32) {
        FUZZ_CHECK(st == PASCALROW_EINVAL && count == 0, "limbs_to_digits(%u bits): status %d", bits, st);
    } else {
        mpz_t z;
        mpz_init(z);
        mpz_import(z, nlimbs, -1, sizeof(uint64_t), 0, 0, limbs);
        size_t want = mpz_sgn(z) == 0 ? 0 : (mpz_sizeinbase(z, 2) + bits - 1) / bits, exported = 0;
        uint32_t *ref = malloc((want + 1) * sizeof *ref);
        mpz_export(ref, &exported, -1, sizeof *ref, 0, 32 - bits, z);
        FUZZ_CHECK(st == PASCALROW_OK && count == want && exported == count
                   && memcmp(out, ref, count * sizeof *out) == 0,
                   "limbs_to_digits(%zu limbs, %u bits): status %d, %zu digits, GMP %zu", nlimbs, bits, st,
                   count, exported);
        free(ref);
        mpz_clear(z);
    }
    free(out);
    free(limbs);
}

/* ------------------------------------- valuations, binomials of any n */

/* v_p(n!) = Σ_{i≥1} ⌊n/p^i⌋ (Legendre): no carries counted. */
static uint64_t legendre(uint64_t n, uint64_t p)
{
    uint64_t v = 0;
    while (n >= p) { n /= p; v += n; }
    return v;
}

/* pascalrow_valuation against Legendre's formula, v_p C(n,k) =
 * v_p(n!) − v_p(k!) − v_p((n−k)!), and its status against GMP's primality
 * test; for values within VALUE_BITS_MAX, against mpz_remove too. */
static void fuzz_valuation(struct input *in)
{
    static const uint64_t small[] = { 2, 3, 5, 7, 11, 13, 251, 65521, 4294967291u, UINT64_MAX - 58 };
    uint64_t n = take_n(in), k = take_k(in, n), p;
    switch (take_bytes(in, 1) % 3) {
    case 0:  p = small[take_bytes(in, 1) % (sizeof small / sizeof *small)]; break;
    case 1:  p = take_bytes(in, 2); break;
    default: p = take_bytes(in, 8); break;
    }
    mpz_t pz, c;
    mpz_init_set_ui(pz, p);
    mpz_init(c);
    int prime = mpz_probab_prime_p(pz, 40) != 0;     /* exact below 2^64 (BPSW) */
    uint64_t v = 12345;
    int st = pascalrow_valuation(n, k, p, &v);
    if (!prime || k > n) {
        FUZZ_CHECK(st == PASCALROW_EINVAL && v == 12345, "valuation(%" PRIu64 ", %" PRIu64 ", %" PRIu64
                   "): status %d, prime %d", n, k, p, st, prime);
    } else {
        uint64_t want = legendre(n, p) - legendre(k, p) - legendre(n - k, p);
        FUZZ_CHECK(st == PASCALROW_OK && v == want, "valuation(%" PRIu64 ", %" PRIu64 ", %" PRIu64
                   "): status %d, %" PRIu64 ", Legendre %" PRIu64, n, k, p, st, v, want);
        if (classify(pascalrow_comb_bits_bound(n, k)) == FITS) {
            ref_comb(c, n, k);
            FUZZ_CHECK(mpz_remove(c, c, pz) == v, "valuation(%" PRIu64 ", %" PRIu64 ", %" PRIu64
                       ") = %" PRIu64 " against mpz_remove", n, k, p, v);
        }
    }
    mpz_clear(c);
    mpz_clear(pz);
}

/* pascalrow_binomial_mpz against GMP's mpz_bin_ui on a signed mpz n. */
static void fuzz_binomial(struct input *in)
{
    uint64_t raw = take_n(in);
    int64_t n = take_bytes(in, 1) & 1 ? (int64_t)(raw >> 1) : -(int64_t)(raw >> 1) - 1;
    uint64_t k = take_k(in, raw >> 1);
    /* C(n,k) for n < 0 is ±C(a + k, min(a, k)), a = −n − 1 (< 2^63); past
     * 2^64, a + k has 65 bits and the lower index is a: C ≤ (a + k)^a */
    uint64_t bits;
    if (n >= 0) bits = pascalrow_comb_bits_bound((uint64_t)n, k);
    else {
        uint64_t a = (uint64_t)(-(n + 1)), top;
        bits = __builtin_add_overflow(a, k, &top) ? (a < IMPOSSIBLE_BITS / 65 ? 65 * a + 1 : IMPOSSIBLE_BITS)
                                                  : pascalrow_comb_bits_bound(top, min_u64(a, k));
    }
    enum size_class c = classify(bits);
    if (c == SKIP) return;
    mpz_t got, want;
    mpz_init_set_ui(got, 77);
    mpz_init_set_si(want, n);
    int st = pascalrow_binomial_mpz(n, k, got);
    if (c == IMPOSSIBLE) {
        FUZZ_CHECK(st == PASCALROW_ENOMEM && mpz_cmp_ui(got, 77) == 0,
                   "binomial(%" PRId64 ", %" PRIu64 "): status %d", n, k, st);
    } else {
        mpz_bin_ui(want, want, k);
        FUZZ_CHECK(st == PASCALROW_OK && mpz_cmp(got, want) == 0,
                   "binomial(%" PRId64 ", %" PRIu64 "): status %d", n, k, st);
    }
    mpz_clear(got);
    mpz_clear(want);
}

/* pascalrow_row_sum_mpz / _mod: against the sum of mpz_bin_uiui over a
 * short slice, 2^n minus the sums of the two sides for a small row, and the
 * modular sum against the exact one reduced; the documented statuses. */
static void fuzz_row_sum(struct input *in)
{
    uint64_t n = take_n(in), start, stop, m, got = 7;
    take_range(in, n, &start, &stop);
    m = take_m(in);
    mpz_t sum, want, c;
    mpz_init(sum);
    mpz_init(want);
    mpz_init(c);
    if (n == UINT64_MAX) {
        FUZZ_CHECK(pascalrow_row_sum_mpz(n, start, stop, sum) == PASCALROW_ERANGE, "row_sum_mpz(2^64-1)");
        FUZZ_CHECK(pascalrow_row_sum_mod(n, start, stop, m, &got)
                   == (bad_modulus(m) ? PASCALROW_EINVAL : PASCALROW_ERANGE), "row_sum_mod(2^64-1)");
        goto done;
    }
    uint64_t count = slice_count(n, start, stop), end = start + count;
    int exact = count < SLICE_ROOM && (count == 0 || classify(range_bits(n, start, end)) == FITS);
    if (exact) {
        for (uint64_t k = start; k < end; k++) {
            ref_comb(c, n, k);
            mpz_add(want, want, c);
        }
    } else if (n <= 4096) {
        /* Σ_{slice} = 2^n − Σ_{[0, start)} − Σ_{[end, n]} */
        mpz_ui_pow_ui(want, 2, n);
        for (uint64_t k = 0; k <= n; k++) {
            if (k == start) k = end;
            if (k > n) break;
            ref_comb(c, n, k);
            mpz_sub(want, want, c);
        }
        exact = 1;
    }
    if (exact) {
        int st = pascalrow_row_sum_mpz(n, start, stop, sum);
        FUZZ_CHECK(st == PASCALROW_OK && mpz_cmp(sum, want) == 0,
                   "row_sum_mpz(%" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, start, stop, st);
    }
    if (!bad_modulus(m) && pascalrow_row_sum_mod_cost(n, start, stop, m) > MOD_COST_MAX) goto done;
    int st = pascalrow_row_sum_mod(n, start, stop, m, &got);
    FUZZ_CHECK(st == (bad_modulus(m) ? PASCALROW_EINVAL : PASCALROW_OK),
               "row_sum_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 "): status %d", n, start, stop, m, st);
    if (st == PASCALROW_OK && exact)
        FUZZ_CHECK(got == mpz_fdiv_ui(want, m), "row_sum_mod(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64
                   ") = %" PRIu64, n, start, stop, m, got);
done:
    mpz_clear(c);
    mpz_clear(want);
    mpz_clear(sum);
}

/* pascalrow_comb_u64 against GMP: the value when C(n, k) < 2^64, else
 * PASCALROW_EOVERFLOW with nothing written (the bit bound decides which
 * values are surely past 2^64 without computing them). */
static void fuzz_comb_u64(struct input *in)
{
    uint64_t n = take_n(in), k = take_k(in, n), v = 12345;
    int st = pascalrow_comb_u64(n, k, &v);
    uint64_t bound = k > n ? 0 : pascalrow_comb_bits_bound(n, k);
    if (bound > 96) {                       /* the bound is within a few bits of the truth */
        FUZZ_CHECK(st == PASCALROW_EOVERFLOW && v == 12345, "comb_u64(%" PRIu64 ", %" PRIu64 "): status %d",
                   n, k, st);
        return;
    }
    mpz_t c;
    mpz_init(c);
    ref_comb(c, n, k);
    if (mpz_sizeinbase(c, 2) <= 64)
        FUZZ_CHECK(st == PASCALROW_OK && v == mpz_get_ui(c), "comb_u64(%" PRIu64 ", %" PRIu64 "): status %d, %"
                   PRIu64, n, k, st, v);
    else
        FUZZ_CHECK(st == PASCALROW_EOVERFLOW && v == 12345, "comb_u64(%" PRIu64 ", %" PRIu64 "): status %d",
                   n, k, st);
    mpz_clear(c);
}

/* pascalrow_valuations against pascalrow_valuation pair by pair: up to 64
 * pairs, one p, the first k > n reported and nothing written after it. */
static void fuzz_valuations(struct input *in)
{
    static const uint64_t small[] = { 2, 3, 5, 7, 11, 13, 251, 65521, 4294967291u, UINT64_MAX - 58, 91, 1 };
    uint64_t p = take_bytes(in, 1) & 1 ? small[take_bytes(in, 1) % (sizeof small / sizeof *small)]
                                       : take_bytes(in, 8);
    size_t count = (size_t)(take_bytes(in, 1) % 65);
    uint64_t n[64], k[64], out[64], one;
    for (size_t i = 0; i < count; i++) {
        n[i] = take_n(in);
        k[i] = take_k(in, n[i]);
        out[i] = 777;
    }
    size_t bad = 12345;
    int st = pascalrow_valuations(p, count, n, k, out, &bad);
    int prime = pascalrow_valuation(0, 0, p, &one) == PASCALROW_OK;
    size_t first = count;
    for (size_t i = 0; i < count && first == count; i++)
        if (k[i] > n[i]) first = i;
    if (!prime) {
        FUZZ_CHECK(st == PASCALROW_EINVAL && bad == count, "valuations(p = %" PRIu64 ", not prime): status %d", p, st);
        return;
    }
    FUZZ_CHECK(st == (first == count ? PASCALROW_OK : PASCALROW_EINVAL) && bad == first,
               "valuations(p = %" PRIu64 "): status %d, first bad %zu, want %zu", p, st, bad, first);
    for (size_t i = 0; i < count; i++) {
        uint64_t want = 777;
        if (i < first) pascalrow_valuation(n[i], k[i], p, &want);
        FUZZ_CHECK(out[i] == want, "valuations(p = %" PRIu64 ")[%zu] = %" PRIu64 ", want %" PRIu64, p, i, out[i], want);
    }
}

/* ---------------------------------------------------------------- table */

/* pascalrow_slice_mod_threads: the values of pascalrow_slice_mod for 0 to 8
 * threads and slices of up to 2^18 values (split from 2^17 values of the
 * lower half on), nothing written past the slice; with a poll that says
 * stop on its p-th call, PASCALROW_EINTR only once it has said so (or the
 * values, when the work ended first); the documented statuses. */
static int poll_countdown(void *ctx)
{
    int *left = ctx;
    return --*left <= 0;
}

static void fuzz_slice_mod_threads(struct input *in)
{
    uint64_t n = take_n(in), m = take_m(in), start = take_k(in, n);
    unsigned threads = (unsigned)(take_bytes(in, 1) % 9);
    int polls = (int)(take_bytes(in, 1) % 6), left = polls;      /* 0: no poll */
    uint64_t len = take_bytes(in, 3) % ((1u << 18) + 1);
    uint64_t stop = start + len < start ? UINT64_MAX : start + len, count = slice_count(n, start, stop);
    if (!bad_modulus(m) && n != UINT64_MAX && pascalrow_slice_mod_cost(n, start, stop, m) > (1u << 19))
        return;
    uint64_t *one = malloc((count + 1) * sizeof *one), *many = malloc((count + 1) * sizeof *many);
    if (one == NULL || many == NULL) { free(one); free(many); return; }
    many[count] = 0xA5A5A5A5A5A5A5A5u;
    int expect = bad_modulus(m) ? PASCALROW_EINVAL : n == UINT64_MAX ? PASCALROW_ERANGE : PASCALROW_OK;
    int st1 = pascalrow_slice_mod(n, start, stop, m, one);
    int st = pascalrow_slice_mod_threads(n, start, stop, m, threads, polls ? poll_countdown : NULL, &left, many);
    FUZZ_CHECK(st1 == expect, "slice_mod status %d", st1);
    if (st == PASCALROW_EINTR && expect == PASCALROW_OK)
        FUZZ_CHECK(polls > 0 && left <= 0, "slice_mod_threads: EINTR, the poll never said stop");
    else
        FUZZ_CHECK(st == expect, "slice_mod_threads(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64
                   ", %u): status %d", n, start, stop, m, threads, st);
    if (st == PASCALROW_OK && expect == PASCALROW_OK)
        FUZZ_CHECK(memcmp(one, many, count * sizeof *one) == 0,
                   "slice_mod_threads(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %" PRIu64 ", %u) != slice_mod",
                   n, start, stop, m, threads);
    FUZZ_CHECK(many[count] == 0xA5A5A5A5A5A5A5A5u, "slice_mod_threads wrote past the slice");
    free(one);
    free(many);
}

/* pascalrow_mod_stream against pascalrow_slice_mod: a slice of up to 2^16
 * values read in pieces of the input's sizes (0 to 255), the documented
 * statuses at the row's end and for bad arguments. */
static void fuzz_mod_stream(struct input *in)
{
    uint64_t n = take_n(in), m = take_m(in), start = take_k(in, n);
    uint64_t len = take_bytes(in, 2);
    uint64_t stop = start + len < start ? UINT64_MAX : start + len, count = slice_count(n, start, stop);
    /* the seed (made by _new) and the slice within a fuzz run's reach */
    if (!bad_modulus(m) && n != UINT64_MAX && start <= n
        && (pascalrow_slice_mod_cost(n, start, start + 1, m) > (1u << 19)
            || pascalrow_slice_mod_cost(n, start, stop, m) > (1u << 19)))
        return;
    pascalrow_mod_stream *s = NULL;
    int st = pascalrow_mod_stream_new(n, start, m, &s);
    int expect = bad_modulus(m) ? PASCALROW_EINVAL : n == UINT64_MAX ? PASCALROW_ERANGE : PASCALROW_OK;
    FUZZ_CHECK(st == expect && (s != NULL) == (st == PASCALROW_OK), "mod_stream_new status %d", st);
    if (s == NULL) return;
    uint64_t *want = malloc((count + 1) * sizeof *want), *got = malloc((count + 1) * sizeof *got);
    if (want == NULL || got == NULL) { free(want); free(got); pascalrow_mod_stream_free(s); return; }
    FUZZ_CHECK(pascalrow_slice_mod(n, start, stop, m, want) == PASCALROW_OK, "slice_mod");
    for (uint64_t done = 0; done < count;) {
        uint64_t piece = in->left > 0 ? take_bytes(in, 1) : count - done;   /* input used up: the rest */
        if (piece > count - done) piece = count - done;
        FUZZ_CHECK(pascalrow_mod_stream_next(s, piece, got + done) == PASCALROW_OK, "mod_stream_next");
        done += piece;
    }
    FUZZ_CHECK(memcmp(want, got, count * sizeof *want) == 0,
               "mod_stream(%" PRIu64 ", %" PRIu64 ", %" PRIu64 ") != slice_mod", n, start, m);
    FUZZ_CHECK(pascalrow_mod_stream_position(s) == (start > n ? n + 1 : start) + count, "position");
    if (stop > n)
        FUZZ_CHECK(pascalrow_mod_stream_next(s, 1, got) == PASCALROW_EINVAL, "read past the end");
    free(want);
    free(got);
    pascalrow_mod_stream_free(s);
}

static const struct { const char *name; void (*run)(struct input *); } TARGETS[] = {
    { "comb", fuzz_comb },
    { "walk", fuzz_walk },
    { "row_mpz", fuzz_row_mpz },
    { "slice_mpz", fuzz_slice_mpz },
    { "row_fixed", fuzz_row_fixed },
    { "step_u32", fuzz_step_u32 },
    { "step_u64", fuzz_step_u64 },
    { "bounds", fuzz_bounds },
    { "strerror", fuzz_strerror },
    { "slice_fixed", fuzz_slice_fixed },
    { "slice_hull", fuzz_slice_hull },
    { "step_mod", fuzz_step_mod },
    { "slice_mod", fuzz_slice_mod },
    { "comb_mod", fuzz_comb_mod },
    { "triangle", fuzz_triangle },
    { "multinomial", fuzz_multinomial },
    { "comb_bytes", fuzz_comb_bytes },
    { "limbs_to_digits", fuzz_limbs_to_digits },
    { "valuation", fuzz_valuation },
    { "binomial", fuzz_binomial },
    { "row_sum", fuzz_row_sum },
    { "comb_u64", fuzz_comb_u64 },
    { "valuations", fuzz_valuations },
    { "slice_mod_threads", fuzz_slice_mod_threads },
    { "mod_stream", fuzz_mod_stream },
    { "comb_threads", fuzz_comb_threads },
};
#define TARGET_SLOTS 32
_Static_assert(sizeof TARGETS / sizeof *TARGETS <= TARGET_SLOTS, "more targets than slots");

/* A malloc that cannot be satisfied must return NULL (what the library's
 * ENOMEM checks rely on), not end the run; ASAN_OPTIONS still overrides. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "allocator_may_return_null=1"; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    size_t t = data[0] % TARGET_SLOTS;
    if (t >= sizeof TARGETS / sizeof *TARGETS) return 0;
    struct input in = { data + 1, size - 1 };
    TARGETS[t].run(&in);
    return 0;
}

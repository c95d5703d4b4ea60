/* Values as digits of a chosen width (CPython's ints use 30 bits), written
 * where the caller says (repack.c makes the digits), and the walk split
 * across threads.
 *
 * Threads.  Segments of the k range are independent once seeded
 * (C(n,a) from pr_bin_uiui, then the walk over [a, b)), so the range is cut
 * into segments of about equal work and the threads take them in turn.
 */
#include "mem.h"
#include "pool.h"
#include "repack.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ bounds */

/* e with x = f·2^e, f ∈ [½, 1) (frexp's exponent), for a normal x > 0: read
 * from the IEEE-754 bits, no call. */
static inline int exponent(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (int)((b >> 52) & 0x7ff) - 1022;
}

/* The arguments every function over a range of digits checks: where the
 * digits go (have_dest: not NULL), their width (1 to 32 bits) and the range
 * [*start, *stop) of row n, clipped in place.  PASCALROW_EINVAL for the
 * first two, else pr_clip_range's answer. */
static int digits_args(int have_dest, unsigned digit_bits, uint64_t n, uint64_t *start, uint64_t *stop)
{
    if (!have_dest || digit_bits < 1 || digit_bits > 32) return PASCALROW_EINVAL;
    return pr_clip_range(n, start, stop);
}

int pascalrow_digits_bounds(uint64_t n, uint64_t start, uint64_t stop,
                            unsigned digit_bits, size_t *out)
{
    int st = digits_args(out != NULL, digit_bits, n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    /* C(n,k+1) = C(n,k) · (n−k)/(k+1), followed in floating point — no
     * logarithm: M·2^E ≥ C(n,start) to begin with (2^bound, the Stirling
     * bound), then one multiply and one divide per k, E taking M's exponent
     * over whenever M grows past 2^512.  Each step rounds twice (relative
     * 2^-53 each; n − k and k + 1 are exact below 2^53, and above that their
     * rounding is covered by the same margin), so after m steps
     * U = M·(1 + (m+1)·2^-50) ≥ C(n,k)·2^-E while m < 2^40, and
     * bitlen C(n,k) ≤ floor(log2 U) + 1 + E, read off U's exponent. */
    int E = (int)pascalrow_comb_bits_bound(n, start);
    double M = 1.0;
    for (uint64_t k = start, m = 1; k < stop; k++, m++) {
        uint64_t bits = (uint64_t)((int64_t)exponent(M * (1.0 + (double)m * 0x1p-50)) + E);
        if (bits > n) bits = n ? n : 1;                        /* C(n,k) < 2^n */
        if (bits < 1) bits = 1;
        out[k - start] = pr_digits_for_bits(bits, digit_bits);
        /* the ratio does not depend on M: its divide stays off M's chain */
        double ratio = (double)(n - k) / (double)(k + 1);
        M *= ratio;
        if (M > 0x1p512 || M < 0x1p-512) {                     /* keep M in range */
            int me;
            M = frexp(M, &me);
            E += me;
        }
    }
    return PASCALROW_OK;
}

/* -------------------------------------------------- walk into digits */

struct digits_job {
    uint64_t n;
    unsigned digit_bits;
    pr_repack30_fn *repack30;    /* pr_kernels()->repack30, asked once */
    pascalrow_digits_dest dest;
    pascalrow_digits_prepare prepare;
    void *ctx;
    atomic_int stop;             /* set when any part fails: the rest stop too */
    /* segments [cut[i], cut[i+1]), taken in turn */
    uint64_t *cut;
    size_t nseg;
    atomic_size_t next;
    atomic_int status;           /* the first failure */
};

static int to_digits(void *vjob, uint64_t k, const struct pr_value *v)
{
    struct digits_job *job = vjob;
    if (atomic_load_explicit(&job->stop, memory_order_relaxed)) return 1;
    size_t nd = pr_digit_count(v, job->digit_bits);
    uint32_t *d = job->dest(job->ctx, k, nd);
    if (d == NULL) return 1;
    pr_repack(d, nd, v, job->digit_bits, job->repack30);
    return 0;
}

static void fail(struct digits_job *job, int st)
{
    int ok = PASCALROW_OK;
    atomic_compare_exchange_strong(&job->status, &ok, st);
    atomic_store(&job->stop, 1);
}

/* One thread's share: segments taken in turn until none is left; part 0,
 * on the calling thread, prepares first (the others are working by then). */
static void run_segments(void *vjob, unsigned part)
{
    struct digits_job *job = vjob;
    if (part == 0 && job->prepare != NULL && job->prepare(job->ctx) != 0) fail(job, PASCALROW_EINTR);
    for (;;) {
        size_t i = atomic_fetch_add(&job->next, 1);
        if (i >= job->nseg || atomic_load_explicit(&job->stop, memory_order_relaxed)) break;
        int st = pr_walk_values(job->n, job->cut[i], job->cut[i + 1], to_digits, job);
        if (st != PASCALROW_OK) { fail(job, st); break; }
    }
}

/* ∫_0^t H(x) dx for t ≤ 1/2, H the binary entropy: with x ln x and
 * (1−x) ln(1−x) integrated by parts,
 *   ∫ −x ln x = x²/4 − x² ln x / 2,   ∫_0^t −(1−x) ln(1−x) = (1−t)² ln(1−t)/2 − (1−t)²/4 + 1/4,
 * over ln 2.  Row n's half up to k holds about n² · F(k/n) bits. */
static double entropy_integral(double t)
{
    if (t <= 0) return 0;
    double u = 1 - t;
    double f = t * t / 4 - (t * t * log(t)) / 2 + (u * u * log(u)) / 2 - u * u / 4 + 0.25;
    return f / log(2.0);
}

/* Work (bits) of the walk over [0, k) of row n, symmetric past the middle. */
static double work_before(uint64_t n, uint64_t k)
{
    double N = (double)n, half = entropy_integral(0.5);
    double t = (double)k / N;
    return t <= 0.5 ? N * N * entropy_integral(t) : N * N * (2 * half - entropy_integral(1 - t));
}

/* Seeding a segment costs one C(n, a) (pr_bin_uiui); segments of at most this
 * many bits of output (~4 ms of work) keep that under a few percent and still
 * let a waiting thread (the caller checking for Ctrl-C) get back in
 * milliseconds. */
#define SEGMENT_BITS ((double)(1u << 30))
/* Below this much work (bits of the lower half's values: row n ≈ 4820) a
 * second thread gives nothing to a Python caller.  Measured on 2 cores
 * (min over 40 s, both builds in turn), pascal_row(n) on 2 threads took
 * 1.05× the time it took unsplit at n = 3000, 1.02× at 4000, 0.97× at 5000,
 * 0.94× at 6800: the caller allocates every int before it walks.  The walk
 * alone (pascalrow_walk_digits) pays from about n = 3000: 0.76–0.93× at
 * 3000, 0.67–0.82× at 4000, 0.62–0.77× at 6800; never at 999 (12 µs, 1.13×
 * at best: the pool's wake-up costs ~5 µs). */
#define THREADS_MIN_BITS ((double)(1u << 23))

/* Work (bits) a segment's seed costs: C(n, a) takes at most about as long
 * as walking 9·log2(b) − 70 values of its b bits (measured with GMP 6.2's
 * mpz_bin_uiui, which pr_bin_uiui's factorisation is never slower than,
 * writing CPython ints: 39 values at b = 3000, 66 at 10^5, 126 at 3·10^6).
 * Every segment gets at least SEED_SHARE seeds' worth of walking, so seeds
 * cost at most 1/SEED_SHARE of the work: a short slice deep in a big row
 * (100 values of 10^6 bits) stays one segment, seeded once.  On 2 threads
 * this gives rows 5000 and 6800 5 and 7 segments: measured, 3 to 4 ran
 * 5–15% faster than the 8 of 4·nthreads at rows 3000 to 6800, and rows
 * from 10^4 keep 4·nthreads. */
#define SEED_SHARE 8.0
static double seed_work(uint64_t bits)
{
    double b = (double)bits;
    return fmax(9.0 * log2(b) - 70.0, 16.0) * b;
}

/* Cut [start, stop) into nseg segments of decreasing work: segment i of m
 * does (2(m − i) − 1)/m² of it (the first ends at 1 − (1 − 1/m)², and so
 * on), so the threads, taking them in turn, run out of work at nearly the
 * same time — the last segment is 1/m² of the walk, not 1/m. */
static void cut_segments(uint64_t n, uint64_t start, uint64_t stop, uint64_t *cut, size_t nseg)
{
    double w0 = work_before(n, start), w1 = work_before(n, stop);
    cut[0] = start;
    for (size_t i = 1; i < nseg; i++) {
        double left = 1.0 - (double)i / (double)nseg;
        double target = w0 + (w1 - w0) * (1.0 - left * left);
        uint64_t lo = cut[i - 1], hi = stop;        /* first k with work ≥ target */
        while (lo < hi) {
            uint64_t mid = lo + (hi - lo) / 2;
            if (work_before(n, mid) < target) lo = mid + 1; else hi = mid;
        }
        cut[i] = lo;
    }
    cut[nseg] = stop;
}

int pascalrow_walk_digits(uint64_t n, uint64_t start, uint64_t stop, unsigned digit_bits,
                          unsigned nthreads, pascalrow_digits_dest dest,
                          pascalrow_digits_prepare prepare, void *ctx)
{
    int st = digits_args(dest != NULL, digit_bits, n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (nthreads == 0) nthreads = 1;

    struct digits_job job = { .n = n, .digit_bits = digit_bits, .repack30 = pr_kernels()->repack30,
                              .dest = dest, .prepare = prepare, .ctx = ctx };
    atomic_init(&job.stop, 0);
    atomic_init(&job.next, 0);
    atomic_init(&job.status, PASCALROW_OK);

    double work = nthreads > 1 ? work_before(n, stop) - work_before(n, start) : 0;
    size_t nseg = 1;
    if (work > THREADS_MIN_BITS) {
        double want = fmax(4.0 * nthreads, work / SEGMENT_BITS);
        want = fmin(want, work / (SEED_SHARE * seed_work(pr_range_bits_bound(n, start, stop))));
        nseg = want > (double)(stop - start) ? (size_t)(stop - start) : want < 1 ? 1 : (size_t)want;
    }
    uint64_t one_cut[2] = { start, stop };
    job.cut = one_cut;
    job.nseg = 1;
    if (nseg > 1) {
        job.cut = malloc((nseg + 1) * sizeof *job.cut);
        if (job.cut == NULL) return PASCALROW_ENOMEM;
        cut_segments(n, start, stop, job.cut, nseg);
        job.nseg = nseg;
    }

    /* one share per thread, the calling thread's among them (pool.h): a
     * thread the pool cannot give leaves its share to the others */
    pr_pool_run(nthreads < nseg ? nthreads : (unsigned)nseg, run_segments, &job);
    if (job.cut != one_cut) free(job.cut);
    return atomic_load(&job.status);
}

/* ------------------------------------------------------------ comb */

int pascalrow_comb_digits(uint64_t n, uint64_t k, unsigned digit_bits,
                          pascalrow_digits_dest dest, void *ctx)
{
    if (dest == NULL || digit_bits < 1 || digit_bits > 32) return PASCALROW_EINVAL;
    if (k > n) {                                  /* C(n,k) = 0: no digits */
        return dest(ctx, k, 0) == NULL ? PASCALROW_EINTR : PASCALROW_OK;
    }
    /* Room for a small value and the repack's slack from the start, so that
     * neither GMP nor the slack below reallocates (a big value sizes itself). */
    uint64_t bits = pr_comb_bits_cheap(n, k);
    mpz_t c;
    int st;
    if (bits <= PR_CHEAP_BITS_MAX) {
        /* room for c and the computation together (ENOMEM, not GMP's
         * abort: mem.c); pr_bin_uiui checks its own share again */
        bits += 64 * (PR_VALUE_SLACK + 1);
        st = pascalrow_memory_available(pr_add_sat(pr_bin_uiui_bytes(n, k), pr_mpz_bytes(bits)));
        if (st != PASCALROW_OK) return st;
        mpz_init2(c, (mp_bitcnt_t)bits);
        st = pr_bin_uiui(n, k, c);
        if (st != PASCALROW_OK) { mpz_clear(c); return st; }
    } else {
        mpz_init(c);
        st = pr_bin_uiui(n, k, c);                /* ENOMEM, not GMP's abort (mem.c) */
        if (st != PASCALROW_OK) { mpz_clear(c); return st; }
    }
    size_t size = mpz_size(c);
    /* the repack's zero slack past the top (the value is unchanged) */
    mp_limb_t *p = mpz_limbs_modify(c, (mp_size_t)(size + PR_VALUE_SLACK));
    memset(p + size, 0, PR_VALUE_SLACK * sizeof *p);
    struct pr_value v = { p, size, 0 };
    size_t nd = pr_digit_count(&v, digit_bits);
    uint32_t *d = dest(ctx, k, nd);
    if (d == NULL) st = PASCALROW_EINTR;
    else pr_repack(d, nd, &v, digit_bits, pr_kernels()->repack30);
    mpz_limbs_finish(c, (mp_size_t)size);
    mpz_clear(c);
    return st;
}

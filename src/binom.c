/* One exact binomial coefficient C(n, k): its prime factors packed into
 * words, multiplied in a balanced product tree, on one or more threads.
 *
 * With k = min(k, n − k) (C(n,k) = C(n,n−k)), three ways, chosen by
 * make_plan from measured costs (the thresholds in binom.h):
 *
 *  - GMP: mpz_bin_uiui, for small k, where its product of a few limbs and
 *    one exact division by k! is faster than any sieve.
 *
 *  - Full factorisation (Goetgheluck), for k ≥ n / PR_BINOM_STRIP_RATIO.
 *    Kummer: the exponent of a prime p in C(n,k) is the number of carries
 *    adding k and n − k in base p, so, for k ≤ n/2,
 *        p in (n − k, n]:    exponent 1;
 *        p in (n/2, n − k]:  exponent 0;
 *        p in (√n, n/2]:     exponent 1 exactly when n mod p < k mod p;
 *        p ≤ √n:             the carry count (pr_carries).
 *    The primes come from a segmented sieve of Eratosthenes over the odd
 *    numbers of (√n, n/2] and (n − k, n] (the range in between is skipped),
 *    SIEVE_BYTES numbers at a time, sieved by the odd primes ≤ √n.
 *
 *  - Stripped numerator, for k < n / PR_BINOM_STRIP_RATIO, any n < 2^64
 *    (and k < 2^32, which any value that fits in memory has):
 *        C(n,k) = Π_{p ≤ k} p^{e_p} · Π_{i<k} c(n − i),
 *    c(x) being x with every prime ≤ k divided out, e_p by Kummer.  A
 *    prime q > k does not divide k!, and C(n,k) = n(n−1)…(n−k+1)/k!, so its
 *    whole power in C(n,k) is its power in the numerator, which the
 *    cofactors keep.  The interval [n − k + 1, n] is stripped STRIP_WORDS
 *    numbers at a time: every odd prime p ≤ k walks its multiples (from an
 *    offset kept per prime) and divides each by p as often as p divides it;
 *    twos are shifted out.  The cost is O(k log log k) word operations, no
 *    sieve up to n.
 *
 * Leaves.  The factors (prime powers p^e ≤ n, as p^{v_p C(n,k)} ≤ n, and
 * cofactors < 2^64) are multiplied into words while the product fits 64 bits
 * (leaf_put).  A word is closed only when the next factor f does not fit, so
 * a closed word w and the word after it (≥ f) have w·f ≥ 2^64: any two
 * neighbours hold ≥ 64 bits, and W words hold ≥ 64·⌊W/2⌋ bits of C(n,k).
 * Hence W ≤ bits/32 + 1 for a value of `bits` bits.  The full way keeps all
 * its leaves in one table of that size; the stripped way packs each
 * segment's cofactors in place and multiplies them at once, keeping one
 * integer per segment instead.
 *
 * Product tree.  product_tree() multiplies LEAF_RUN words into limbs with
 * mpn_mul_1, and halves above that, so each mpz_mul has operands of about
 * equal size (GMP's Toom and FFT products then do the work):
 * O(M(L) log L) for an L-bit result.  It does the same over integers (the
 * stripped way's segments): product() and product_list() are its two uses.
 *
 * Threads.  Each thread makes the product of one part, the calling thread
 * the first part, helper threads the others: the full way cuts its leaves
 * (after the sieve, on the calling thread) into nthreads runs of about
 * equal bits; the stripped way cuts the numerator into up to
 * STRIP_PARTS_MAX ranges of equal length, each stripped and multiplied by
 * its thread.  Then the parts' products are multiplied in pairs, each
 * level's pairs as parallel tasks (combine).  The last product X·Y
 * (|X| ≥ |Y|) dominates; it is split too: X = X_hi·B^s + X_lo (B = 2^64),
 *   X·Y = (X_hi·Y)·B^s + X_lo·Y,
 * the two halves on two threads, then one addition.  The threads are the
 * pool's (pool.h): every task is done before the next level starts and
 * before pr_binom returns; a task no worker takes runs on the calling
 * thread.
 *
 * Memory.  The tables (primes, offsets, the sieve segment, the leaves) go
 * through GMP's memory functions, like the integers: the probe before any
 * work covers them together (pr_binom_bytes), and a program that installed
 * its own functions (a counting test) sees the whole footprint.
 */
#include "binom.h"
#include "kummer.h"
#include "mem.h"
#include "pool.h"

#include <math.h>
#include <string.h>

/* -------------------------------------------------------------- tuning */

/* Odd numbers per sieve segment (one byte each): 32 KiB stays in L1/L2. */
#define SIEVE_BYTES ((size_t)1 << 15)

/* Numbers of [n − k + 1, n] stripped per segment (8 bytes each). */
#define STRIP_WORDS ((size_t)1 << 14)

/* Words multiplied by mpn_mul_1 at the bottom of the product tree (4 to 32
 * measured the same within noise at C(10^7, n/2) and C(10^7, n/17)). */
#define LEAF_RUN 16

/* Threads: at most THREADS_MAX; none for values under THREADS_MIN_BITS
 * (multiplying such a value takes about as long as creating a thread; a
 * wake-up of the pool's workers, pool.h, costs less, so the bound errs on
 * the side of one thread); the last product is split only when its smaller
 * operand has SPLIT_MIN_LIMBS. */
#define THREADS_MAX 64
#define THREADS_MIN_BITS ((uint64_t)1 << 17)
#define SPLIT_MIN_LIMBS 2000

/* The stripped numerator runs as up to STRIP_PARTS_MAX parts on threads of
 * their own, each of at least STRIP_PART_MIN numbers (each part has its own
 * offsets, 4 bytes per prime ≤ k, and segment). */
#define STRIP_PARTS_MAX 4
#define STRIP_PART_MIN 2048

/* Stripped numerator only for k below 2^32: its prime and offset tables
 * are 32-bit.  (A k that large means a value of over 2^32 bits.) */
#define STRIP_K_LIMIT ((uint64_t)1 << 32)

/* --------------------------------------------------------------- plan */

enum way { WAY_GMP, WAY_FULL, WAY_STRIPPED };

/* What pr_binom does for (n, k), and what it allocates: make_plan is the one
 * place both pr_binom and pr_binom_bytes read it from. */
struct plan {
    enum way way;
    uint64_t k;          /* min(k, n − k) */
    uint64_t bits;       /* ≥ bitlen C(n,k) */
    uint64_t words;      /* leaf words at most: bits/32 + 2 (full way) */
    uint64_t table_max;  /* the odd primes ≤ this are tabled (√n or k) */
    uint64_t primes;     /* entries of that table at most */
    uint64_t parts;      /* stripped way: parts at most */
};

/* ⌊√n⌋ for any 64-bit n. */
static uint64_t isqrt_u64(uint64_t n)
{
    uint64_t r = (uint64_t)sqrtl((long double)n);
    if (r > UINT32_MAX) r = UINT32_MAX;
    while (r * r > n) r--;
    while (r < UINT32_MAX && (r + 1) * (r + 1) <= n) r++;
    return r;
}

/* ≥ π(x): Rosser and Schoenfeld, π(x) < 1.25506·x/ln x for x > 1. */
static uint64_t pi_bound(uint64_t x)
{
    if (x < 64) return 18;                                  /* π(63) = 18 */
    return (uint64_t)(1.25506 * (double)x / log((double)x)) + 2;
}

/* The tables of the full or the stripped way for pl->k (k < STRIP_K_LIMIT
 * for the stripped one). */
static void plan_way(uint64_t n, enum way way, struct plan *pl)
{
    uint64_t k = pl->k;
    pl->way = way;
    pl->words = 0;
    pl->parts = 0;
    if (way == WAY_FULL) {
        pl->words = pl->bits / 32 + 2;
        pl->table_max = isqrt_u64(n);
    } else {
        pl->table_max = k;
        pl->parts = k / STRIP_PART_MIN < 1 ? 1 : k / STRIP_PART_MIN > STRIP_PARTS_MAX ? STRIP_PARTS_MAX
                                                                                   : k / STRIP_PART_MIN;
    }
    pl->primes = pi_bound(pl->table_max);
}

static void make_plan(uint64_t n, uint64_t k, struct plan *pl)
{
    if (k > n - k) k = n - k;                               /* C(n,k) = C(n,n−k) */
    memset(pl, 0, sizeof *pl);
    pl->k = k;
    if (k <= PR_BINOM_GMP_K_MAX) { pl->way = WAY_GMP; return; }
    uint64_t cheap = pr_comb_bits_cheap(n, k);
    pl->bits = cheap <= PR_CHEAP_BITS_MAX ? cheap : pascalrow_comb_bits_bound(n, k);
    plan_way(n, k >= n / PR_BINOM_STRIP_RATIO || k >= STRIP_K_LIMIT ? WAY_FULL : WAY_STRIPPED, pl);
}

/* The stripped way's tables beyond the primes: per part its offsets and
 * segment (min(k + parts, parts·STRIP_WORDS) words in all), the powers of
 * the primes ≤ k (primes + 2 words), and an mpz_t per segment (at most
 * k/STRIP_WORDS + parts + 1 of them). */
static uint64_t strip_bytes(const struct plan *pl)
{
    uint64_t seg_words = pl->k + pl->parts < pl->parts * STRIP_WORDS ? pl->k + pl->parts
                                                                     : pl->parts * STRIP_WORDS;
    uint64_t b = pr_mul_sat(pl->parts, pr_mul_sat(pl->primes, sizeof(uint32_t)));
    b = pr_add_sat(b, pr_mul_sat(seg_words, sizeof(uint64_t)));
    b = pr_add_sat(b, pr_mul_sat(pl->primes + 2, sizeof(uint64_t)));
    return pr_add_sat(b, pr_mul_sat(pl->k / STRIP_WORDS + pl->parts + 1, sizeof(mpz_t)));
}

/* Measured with counting memory functions (tests/c/test_mem.c) for n up to
 * 10^7 and near 2^64, every way, on 1 to 8 threads, the integers and GMP's
 * scratch held at most 10.5·R at once (C(10^7, 10^7/12) on 8 threads), R
 * the bytes of the result: the single-thread tree holds its two halves, the
 * product and the multiplication's scratch (≤ 6·R, mem.c), the threads
 * their parts' trees side by side, the split last product both halves'
 * products and scratch.  So, with the tables summed as if all were held at
 * once,
 *   bytes ≤ tables + 8·words + 12·R + 64 KiB,
 * the tables being 4 bytes per tabled prime, one sieve segment, and the
 * stripped way's (strip_bytes). */
static uint64_t plan_bytes(uint64_t n, const struct plan *pl)
{
    if (pl->way == WAY_GMP) return pr_gmp_bin_uiui_bytes(n, pl->k);
    uint64_t tables = pr_add_sat(pr_mul_sat(pl->primes, sizeof(uint32_t)), SIEVE_BYTES);
    if (pl->way == WAY_STRIPPED) tables = pr_add_sat(tables, strip_bytes(pl));
    uint64_t r = pr_mpz_bytes(pl->bits);
    uint64_t b = pr_add_sat(tables, pr_mul_sat(8, pl->words));
    b = pr_add_sat(b, pr_mul_sat(12, r));
    return pr_add_sat(b, 1u << 16);
}

uint64_t pr_binom_bytes(uint64_t n, uint64_t k)
{
    struct plan pl;
    make_plan(n, k, &pl);
    return plan_bytes(n, &pl);
}

/* ------------------------------------------------------- tables' memory */

static void *table_alloc(uint64_t bytes)
{
    void *(*alloc)(size_t);
    mp_get_memory_functions(&alloc, NULL, NULL);
    return bytes > SIZE_MAX ? NULL : alloc((size_t)bytes);
}

static void table_free(void *p, uint64_t bytes)
{
    void (*release)(void *, size_t);
    mp_get_memory_functions(NULL, NULL, &release);
    if (p != NULL) release(p, (size_t)bytes);
}

/* --------------------------------------------------------------- sieve */

/* mark[i] = 1 for each composite lo + 2i, i < len (lo ≥ 3 odd): multiples of
 * the odd primes bp[0..nbp) (ascending from 3), and past the table of every
 * odd number, from d² on while d² ≤ the segment's last number.  Striking
 * multiples of an odd composite d as well is harmless (its prime factors
 * struck them already), which lets a table being built sieve its own first
 * segment. */
static void sieve_odd(uint64_t lo, size_t len, const uint32_t *bp, size_t nbp, uint8_t *mark)
{
    memset(mark, 0, len);
    uint64_t last = lo + 2 * (uint64_t)(len - 1), d = 1;
    for (size_t i = 0;; i++) {
        d = i < nbp ? bp[i] : d + 2;
        if (d > UINT32_MAX || d * d > last) break;
        uint64_t s = d * d;                         /* smaller multiples have a smaller prime */
        if (s < lo) {
            s = lo + (d - lo % d) % d;              /* the first multiple ≥ lo */
            if (s % 2 == 0) s += d;                 /* the first odd one */
        }
        for (uint64_t j = (s - lo) / 2; j < len; j += d) mark[j] = 1;
    }
}

/* The odd primes ≤ x (x < 2^32), ascending, into out (room for
 * pi_bound(x)); returns their count.  The table sieves its own later
 * segments: primes ≤ √(segment end) are in it by then. */
static size_t odd_primes_upto(uint64_t x, uint32_t *out, uint8_t *mark)
{
    size_t count = 0;
    for (uint64_t lo = 3; lo <= x; lo += 2 * SIEVE_BYTES) {
        size_t len = (x - lo) / 2 + 1 < SIEVE_BYTES ? (size_t)((x - lo) / 2 + 1) : SIEVE_BYTES;
        sieve_odd(lo, len, out, count, mark);
        for (size_t j = 0; j < len; j++)
            if (!mark[j]) out[count++] = (uint32_t)(lo + 2 * j);
    }
    return count;
}

/* -------------------------------------------------------------- leaves */

/* Factors packed into words (see the top of the file). */
struct leaves {
    uint64_t *w;
    size_t count;
    uint64_t cur;        /* the open word, 1 when empty */
};

static inline void leaf_put(struct leaves *lv, uint64_t f)
{
    pr_u128 t = (pr_u128)lv->cur * f;
    if ((uint64_t)(t >> 64) != 0) {
        lv->w[lv->count++] = lv->cur;
        lv->cur = f;
    } else {
        lv->cur = (uint64_t)t;
    }
}

static void leaf_close(struct leaves *lv)
{
    if (lv->cur > 1) lv->w[lv->count++] = lv->cur;
    lv->cur = 1;
}

/* p^e, which is ≤ n < 2^64 when e = v_p C(n,k). */
static void put_power(struct leaves *lv, uint64_t p, uint64_t e)
{
    if (e == 0) return;
    uint64_t q = p;
    while (--e) q *= p;
    leaf_put(lv, q);
}

/* x mod p, p ≥ 1.  Below 2^53 by a floating-point quotient, which pipelines
 * where an integer division does not (measured: the sieve's two remainders
 * per prime took half of collect_full at n = 10^7): x and p are exact
 * doubles, the rounded quotient is off by at most one, and the remainder is
 * corrected into [0, p). */
static inline uint64_t mod_u64(uint64_t x, uint64_t p)
{
    if (x >= ((uint64_t)1 << 53)) return x % p;
    int64_t q = (int64_t)((double)x / (double)p);
    int64_t r = (int64_t)x - q * (int64_t)p;
    if (r < 0) r += (int64_t)p;
    else if (r >= (int64_t)p) r -= (int64_t)p;
    return (uint64_t)r;
}

/* Exponent of a tabled prime p ≤ k: above √n, n and k have two base-p
 * digits and only the low one can carry, exactly when n mod p < k mod p. */
static inline uint64_t small_prime_exponent(uint64_t n, uint64_t k, uint64_t p)
{
    return p * p > n ? (uint64_t)(mod_u64(n, p) < mod_u64(k, p)) : pr_carries(n, k, p);
}

/* ---------------------------------------------------- full factorisation */

/* The odd primes p in (a, b], every one above √n: exponent 1 when `one`,
 * else [n mod p < k mod p] (k mod p = k when p > k). */
static void collect_range(uint64_t n, uint64_t k, uint64_t a, uint64_t b, int one,
                          const uint32_t *bp, size_t nbp, uint8_t *mark, struct leaves *lv)
{
    if (a >= b) return;
    uint64_t lo = a + 1 < 3 ? 3 : (a + 1) | 1;
    while (lo <= b) {
        size_t len = (b - lo) / 2 + 1 < SIEVE_BYTES ? (size_t)((b - lo) / 2 + 1) : SIEVE_BYTES;
        sieve_odd(lo, len, bp, nbp, mark);
        /* eight marks at a time (each 0 or 1; mark has SIEVE_BYTES, len
         * rounded up to 8 stays inside it, and marks past len are 1) */
        memset(mark + len, 1, (-len) % 8);
        for (size_t j0 = 0; j0 < len; j0 += 8) {
            uint64_t m8;
            memcpy(&m8, mark + j0, 8);
            for (uint64_t z = ~m8 & 0x0101010101010101u; z != 0; z &= z - 1) {
                uint64_t p = lo + 2 * (j0 + (size_t)__builtin_ctzll(z) / 8);
                if (one || mod_u64(n, p) < (p <= k ? mod_u64(k, p) : k)) leaf_put(lv, p);
            }
        }
        if (len < SIEVE_BYTES || b - lo < 2 * SIEVE_BYTES) break;
        lo += 2 * SIEVE_BYTES;
    }
}

static void collect_full(uint64_t n, uint64_t k, const uint32_t *bp, size_t nbp, uint8_t *mark,
                         struct leaves *lv)
{
    uint64_t r = isqrt_u64(n);
    put_power(lv, 2, pr_carries(n, k, 2));
    for (size_t i = 0; i < nbp; i++) put_power(lv, bp[i], pr_carries(n, k, bp[i]));
    /* (√n, n/2]: 0 or 1; (n/2, n − k]: 0, skipped; (n − k, n]: 1 */
    collect_range(n, k, r, n / 2, 0, bp, nbp, mark, lv);
    uint64_t a = n - k > r ? n - k : r;
    collect_range(n, k, a, n, 1, bp, nbp, mark, lv);
}

/* ---------------------------------------------------------- the products */

/* r = the product of factors [lo, hi) (lo < hi; r is none of them): the
 * words w[lo..hi), or, with w NULL, the integers z[lo..hi), used up (each
 * left holding r's old limbs or nothing, for the caller to clear).  At the
 * bottom a run of up to LEAF_RUN words is a run of limb products and one
 * integer is moved into r; above, balanced halves. */
static void product_tree(mpz_ptr r, const uint64_t *w, mpz_t *z, size_t lo, size_t hi)
{
    if (w != NULL && hi - lo <= LEAF_RUN) {
        mp_limb_t *d = mpz_limbs_write(r, (mp_size_t)(hi - lo));
        mp_size_t size = 1;
        d[0] = w[lo];
        for (size_t i = lo + 1; i < hi; i++) {
            mp_limb_t c = mpn_mul_1(d, d, size, w[i]);
            if (c != 0) d[size++] = c;
        }
        mpz_limbs_finish(r, size);
        return;
    }
    if (w == NULL && hi - lo == 1) {
        mpz_swap(r, z[lo]);
        return;
    }
    size_t mid = lo + (hi - lo) / 2;
    mpz_t a, b;
    mpz_init(a);
    mpz_init(b);
    product_tree(a, w, z, lo, mid);
    product_tree(b, w, z, mid, hi);
    mpz_mul(r, a, b);
    mpz_clear(a);
    mpz_clear(b);
}

/* r = w[0]·w[1]·…·w[count−1] (count ≥ 1; r is not an operand). */
static void product(mpz_ptr r, const uint64_t *w, size_t count)
{
    product_tree(r, w, NULL, 0, count);
}

/* r = z[0]·z[1]·…·z[cnt−1] (cnt ≥ 1); the z are used up (product_tree). */
static void product_list(mpz_ptr r, mpz_t *z, size_t cnt)
{
    product_tree(r, NULL, z, 0, cnt);
}

/* count tasks of `size` bytes each from `tasks`, fn run on each once. */
struct task_list {
    void *(*fn)(void *);
    char *tasks;
    size_t size;
};

static void run_task(void *vlist, unsigned i)
{
    struct task_list *l = vlist;
    l->fn(l->tasks + i * l->size);
}

/* Run fn on count tasks of `size` bytes each from `tasks` (count ≤
 * THREADS_MAX), each exactly once: task 0 on the calling thread, the others
 * on the pool's workers or, those none takes, on the calling thread; all
 * are done when it returns (pool.h). */
static void run_tasks(void *(*fn)(void *), void *tasks, size_t size, size_t count)
{
    struct task_list l = { fn, tasks, size };
    pr_pool_run((unsigned)count, run_task, &l);
}

/* r = a·b (r may be a) */
struct mul_task { mpz_srcptr a, b; mpz_ptr r; };

static void *mul_run(void *vt)
{
    struct mul_task *t = vt;
    mpz_mul(t->r, t->a, t->b);
    return NULL;
}

/* r = Π w[0..count) */
struct words_task { const uint64_t *w; size_t count; mpz_ptr r; };

static void *words_run(void *vt)
{
    struct words_task *t = vt;
    product(t->r, t->w, t->count);
    return NULL;
}

/* out = x·y on two threads: x = x_hi·B^s + x_lo, B = 2^64, s = ⌊|x|/2⌋,
 *   x·y = (x_hi·y)·B^s + x_lo·y;
 * x_lo·y lands in out (sized for the whole product first, so it never
 * moves), x_hi·y in a temporary, then added in at limb s. */
static void mul_split(mpz_ptr out, mpz_srcptr x, mpz_srcptr y)
{
    mp_size_t nx = (mp_size_t)mpz_size(x), ny = (mp_size_t)mpz_size(y), s = nx / 2;
    mp_size_t total = nx + ny;
    const mp_limb_t *xp = mpz_limbs_read(x);
    mpz_t x_lo, x_hi, hi;
    mpz_roinit_n(x_lo, xp, s);                     /* views of x's limbs, normalised */
    mpz_roinit_n(x_hi, xp + s, nx - s);
    mpz_init(hi);
    mpz_realloc2(out, (mp_bitcnt_t)total * GMP_NUMB_BITS);
    struct mul_task t[2] = { { x_lo, y, out }, { x_hi, y, hi } };
    run_tasks(mul_run, t, sizeof *t, 2);
    mp_size_t nlo = (mp_size_t)mpz_size(out), nhi = (mp_size_t)mpz_size(hi);
    mp_limb_t *d = mpz_limbs_modify(out, total);
    memset(d + nlo, 0, (size_t)(total - nlo) * sizeof *d);
    /* total − s ≥ nhi, and no carry leaves the top: x·y < B^total */
    mpn_add(d + s, d + s, total - s, mpz_limbs_read(hi), nhi);
    while (total > 0 && d[total - 1] == 0) total--;
    mpz_limbs_finish(out, total);
    mpz_clear(hi);
}

/* Bits of w[0..count). */
static uint64_t words_bits(const uint64_t *w, size_t count)
{
    uint64_t b = 0;
    for (size_t i = 0; i < count; i++) b += 64 - (uint64_t)__builtin_clzll(w[i]);
    return b;
}

/* out = q[0]·q[1]·…·q[m−1], m ≥ 2, on up to m threads (the q are used up
 * and cleared): pairs, a level at a time, until two are left
 * (q[j] = q[2j]·q[2j+1], an odd one out moving up as it is; mpz_mul(r, r, b)
 * writes the product apart and then frees r's old limbs), then the last
 * product, split on two threads when it is big. */
static void combine(mpz_ptr out, mpz_ptr *q, size_t m)
{
    struct mul_task t[THREADS_MAX];
    while (m > 2) {
        size_t pairs = m / 2;
        for (size_t j = 0; j < pairs; j++) t[j] = (struct mul_task){ q[2 * j], q[2 * j + 1], q[2 * j] };
        run_tasks(mul_run, t, sizeof *t, pairs);
        for (size_t j = 0; j < pairs; j++) {
            mpz_clear(q[2 * j + 1]);
            q[j] = q[2 * j];
        }
        if (m % 2 == 1) q[pairs] = q[m - 1];
        m = pairs + m % 2;
    }
    mpz_srcptr x = mpz_size(q[0]) >= mpz_size(q[1]) ? q[0] : q[1];
    mpz_srcptr y = x == q[0] ? q[1] : q[0];
    if (mpz_size(y) >= SPLIT_MIN_LIMBS) mul_split(out, x, y);
    else mpz_mul(out, x, y);
    mpz_clear(q[0]);
    mpz_clear(q[1]);
}

/* out = Π w[0..count) on up to nthreads threads (count ≥ 1): runs of about
 * equal bits, the last taking what is left, one task each, then combined. */
static void product_threads(mpz_ptr out, const uint64_t *w, size_t count, unsigned nthreads)
{
    size_t parts = nthreads;
    if (parts > count / LEAF_RUN) parts = count / LEAF_RUN;
    if (parts <= 1) { product(out, w, count); return; }
    struct words_task t[THREADS_MAX];
    mpz_t v[THREADS_MAX];
    mpz_ptr q[THREADS_MAX];
    uint64_t total = words_bits(w, count), acc = 0;
    size_t start = 0;
    for (size_t i = 0; i < parts; i++) {
        size_t end = count;
        if (i + 1 < parts) {
            uint64_t goal = total / parts * (i + 1);
            for (end = start; end < count - (parts - 1 - i) && (acc < goal || end == start); end++)
                acc += 64 - (uint64_t)__builtin_clzll(w[end]);
        }
        mpz_init(v[i]);
        q[i] = v[i];
        t[i] = (struct words_task){ w + start, end - start, q[i] };
        start = end;
    }
    run_tasks(words_run, t, sizeof *t, parts);
    combine(out, q, parts);
}

/* --------------------------------------------------- stripped numerator */

/* One part of the stripped numerator: the numbers a0 + lo .. a0 + hi − 1 of
 * [a0, n], a0 = n − k + 1, stripped STRIP_WORDS at a time, each segment's
 * cofactors packed in place and multiplied into segs[s]; the part with
 * `powers` set also takes Π_{p ≤ k} p^{e_p}, packed into powers (room for
 * np + 2 words).  r = the product of them all. */
struct strip_task {
    uint64_t n, k, lo, hi;
    const uint32_t *pr;
    size_t np;
    uint32_t *off;       /* np entries: p's next multiple, from the segment start */
    uint64_t *seg;       /* min(k, STRIP_WORDS) words */
    mpz_t *segs;         /* ⌈(hi − lo)/STRIP_WORDS⌉ (+1 with powers), initialised */
    uint64_t *powers;
    mpz_ptr r;
};

static void *strip_run(void *vt)
{
    struct strip_task *t = vt;
    const uint64_t a = t->n - t->k + 1 + t->lo;            /* the part's first number */
    for (size_t i = 0; i < t->np; i++)
        t->off[i] = (uint32_t)((t->pr[i] - mod_u64(a, t->pr[i])) % t->pr[i]);
    size_t s = 0;
    for (uint64_t base = 0; base < t->hi - t->lo; base += STRIP_WORDS, s++) {
        uint64_t *seg = t->seg;
        size_t len = t->hi - t->lo - base < STRIP_WORDS ? (size_t)(t->hi - t->lo - base) : STRIP_WORDS;
        for (size_t j = 0; j < len; j++) {
            uint64_t x = a + base + j;
            seg[j] = x >> __builtin_ctzll(x);              /* the twos */
        }
        for (size_t i = 0; i < t->np; i++) {
            uint64_t p = t->pr[i], o = t->off[i];
            if (o < len) {
                /* x divisible by p ⇔ x·p⁻¹ mod 2^64 ≤ ⌊(2^64 − 1)/p⌋, and
                 * then x/p = x·p⁻¹ (exact division by an odd p) */
                uint64_t inv = pr_binvert(p), lim = UINT64_MAX / p;
                for (; o < len; o += p) {
                    uint64_t x = seg[o] * inv;             /* p divides it: a multiple */
                    while (x * inv <= lim) x *= inv;
                    seg[o] = x;
                }
            }
            t->off[i] = (uint32_t)(o - len);
        }
        /* packed in place: the word written never passes the one read */
        struct leaves lv = { seg, 0, 1 };
        for (size_t j = 0; j < len; j++)
            if (seg[j] > 1) leaf_put(&lv, seg[j]);
        leaf_close(&lv);
        if (lv.count > 0) product(t->segs[s], seg, lv.count);
        else mpz_set_ui(t->segs[s], 1);
    }
    if (t->powers != NULL) {
        struct leaves lv = { t->powers, 0, 1 };
        put_power(&lv, 2, pr_carries(t->n, t->k, 2));
        for (size_t i = 0; i < t->np; i++)
            put_power(&lv, t->pr[i], small_prime_exponent(t->n, t->k, t->pr[i]));
        leaf_close(&lv);
        if (lv.count > 0) product(t->segs[s++], t->powers, lv.count);
    }
    product_list(t->r, t->segs, s);
    return NULL;
}

/* ---------------------------------------------------------------- entry */

/* The full way: the primes ≤ n packed into leaves, then their product. */
static int binom_full(uint64_t n, const struct plan *pl, unsigned nthreads, mpz_t out)
{
    uint64_t prime_bytes = pl->primes * sizeof(uint32_t);
    uint64_t leaf_bytes = pl->words * sizeof(uint64_t);
    uint32_t *pr = table_alloc(prime_bytes);
    uint8_t *mark = table_alloc(SIEVE_BYTES);
    struct leaves lv = { table_alloc(leaf_bytes), 0, 1 };
    int st = PASCALROW_OK;
    if (pr == NULL || mark == NULL || lv.w == NULL) {
        st = PASCALROW_ENOMEM;
    } else {
        size_t np = odd_primes_upto(pl->table_max, pr, mark);
        collect_full(n, pl->k, pr, np, mark, &lv);
        leaf_close(&lv);
    }
    table_free(mark, SIEVE_BYTES);           /* done with before the products start */
    table_free(pr, prime_bytes);
    if (st == PASCALROW_OK) {
        if (lv.count == 0) mpz_set_ui(out, 1);
        else product_threads(out, lv.w, lv.count, nthreads);
    }
    table_free(lv.w, leaf_bytes);
    return st;
}

/* The stripped way: parts of the numerator on threads, then combined. */
static int binom_stripped(uint64_t n, const struct plan *pl, unsigned nthreads, mpz_t out)
{
    const uint64_t k = pl->k;
    size_t parts = nthreads < pl->parts ? nthreads : (size_t)pl->parts;
    if (parts < 1) parts = 1;
    uint64_t prime_bytes = pl->primes * sizeof(uint32_t);
    uint64_t seg_words = k + parts < parts * STRIP_WORDS ? k + parts : parts * STRIP_WORDS;
    size_t nsegs = (size_t)(k / STRIP_WORDS + parts + 1);
    uint32_t *pr = table_alloc(prime_bytes);
    uint8_t *mark = table_alloc(SIEVE_BYTES);
    uint32_t *off = table_alloc(parts * prime_bytes);
    uint64_t *seg = table_alloc(seg_words * sizeof *seg);
    uint64_t *powers = table_alloc((pl->primes + 2) * sizeof *powers);
    mpz_t *segs = table_alloc(nsegs * sizeof *segs);
    int st = PASCALROW_OK;
    if (pr == NULL || mark == NULL || off == NULL || seg == NULL || powers == NULL || segs == NULL) {
        st = PASCALROW_ENOMEM;
    } else {
        size_t np = odd_primes_upto(k, pr, mark);
        struct strip_task t[STRIP_PARTS_MAX];
        mpz_t v[STRIP_PARTS_MAX];
        mpz_ptr q[STRIP_PARTS_MAX];
        for (size_t i = 0; i < nsegs; i++) mpz_init(segs[i]);
        uint64_t *seg_at = seg;
        size_t segs_at = 0;
        for (size_t i = 0; i < parts; i++) {
            uint64_t lo = k * i / parts, hi = k * (i + 1) / parts;
            mpz_init(v[i]);
            q[i] = parts == 1 ? out : v[i];
            t[i] = (struct strip_task){ n, k, lo, hi, pr, np, off + i * np, seg_at, segs + segs_at,
                                        i == 0 ? powers : NULL, q[i] };
            seg_at += hi - lo < STRIP_WORDS ? hi - lo : STRIP_WORDS;
            segs_at += (size_t)((hi - lo + STRIP_WORDS - 1) / STRIP_WORDS) + (i == 0);
        }
        run_tasks(strip_run, t, sizeof *t, parts);
        for (size_t i = 0; i < nsegs; i++) mpz_clear(segs[i]);
        if (parts > 1) combine(out, q, parts);
        else mpz_clear(v[0]);
    }
    table_free(segs, nsegs * sizeof *segs);
    table_free(powers, (pl->primes + 2) * sizeof *powers);
    table_free(seg, seg_words * sizeof *seg);
    table_free(off, parts * prime_bytes);
    table_free(mark, SIEVE_BYTES);
    table_free(pr, prime_bytes);
    return st;
}

/* out = C(n, k) the way pl says (pl from make_plan(n, ...)). */
static int binom_plan(uint64_t n, const struct plan *pl, unsigned nthreads, mpz_t out)
{
    int st = pascalrow_memory_available(plan_bytes(n, pl));
    if (st != PASCALROW_OK) return st;
    if (pl->way == WAY_GMP) {
        mpz_bin_uiui(out, n, pl->k);
        return PASCALROW_OK;
    }
    unsigned t = nthreads > THREADS_MAX ? THREADS_MAX : nthreads;
    if (pl->bits < THREADS_MIN_BITS) t = 1;
    return pl->way == WAY_FULL ? binom_full(n, pl, t, out) : binom_stripped(n, pl, t, out);
}

int pr_binom(uint64_t n, uint64_t k, unsigned nthreads, mpz_t out)
{
    struct plan pl;
    make_plan(n, k, &pl);
    return binom_plan(n, &pl, nthreads, out);
}

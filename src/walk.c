/* The exact engine: walk C(n,k) for k in [start, stop) with a few limb buffers.
 *
 * Identity: C(n, k+1) = C(n, k) · (n − k) / (k + 1), the division exact
 * (C(n,k)·(n−k) = C(n,k+1)·(k+1)), and, j steps at once,
 *     C(n, k+j) = C(n, k) · (n−k)(n−k−1)…(n−k−j+1) / ((k+1)(k+2)…(k+j)).
 * One pass over C(n,k) yields several of the values after it (mulbdiv.c):
 *   rows n ≤ FOUR_STEPS_MAX_N   C(n,k+1), …, C(n,k+4) as C(n,k)·a / D_j with
 *       the one multiplier a = (n−k)(n−k−1)(n−k−2)(n−k−3) and
 *       D_j = (n−k−j)…(n−k−3) · (k+1)…(k+j): one product, four exact
 *       divisions (pr_mulbdiv4_*);
 *   other rows   C(n,k+1), …, C(n,k+J) (J ≤ 3) whenever the products fit a
 *       limb: J independent multiply-and-exact-divide chains (pr_mulbdiv_*).
 * The chains of a pass are independent and overlapped by the core.  A walk
 * costs O(Σ size) word operations — linear in its output.
 *
 * Powers of two.  Hensel division needs an odd divisor, so write a divisor
 * as 2^e · o with o odd and compute C(n,k)·a / o = C(n,k+j) · 2^e instead:
 * the walk carries every value as C(n,k) · 2^shift, and drops whole zero low
 * limbs, so shift < 64 and a value is at most one limb longer than C(n,k).
 * The digit repack reads from any bit (repack.c), and quickest from a
 * multiple of 4: the passes of up to three multipliers take each one times
 * 2^pad (pad < 4) to land there; the four quotients of one product cannot.
 * Callers that want the bare limbs (pascalrow_walk) shift them back with
 * mpn_rshift.
 *
 * When even one ratio does not fit (n ≥ 2^60 or so), a step is the textbook
 * mpn_mul_1 + mpn_divexact_1 on the current value, which keeps the shift.
 */
#include "dispatch.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* Buffers: the current value and up to PR_MULBDIV4_J new ones. */
#define NBUF (PR_MULBDIV4_J + 1)
_Static_assert(PR_MULBDIV4_J >= PR_MULBDIV_JMAX, "a pass of either kernel fits the buffers");

/* The arguments of a walk: its callback (have_fn: not NULL), and
 * [*start, *stop) clipped to row n (pr_clip_range), with *cap, the limbs of
 * scratch a value of the walk over it needs at most.  Returns
 * PR_RANGE_NONEMPTY, or the walk's status: PASCALROW_EINVAL without a
 * callback, PASCALROW_OK for an empty range, PASCALROW_ERANGE for
 * n = UINT64_MAX or when NBUF such buffers do not fit size_t. */
static int walk_range(int have_fn, uint64_t n, uint64_t *start, uint64_t *stop, size_t *cap)
{
    if (!have_fn) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, start, stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    /* Room for the largest value plus 5 + PR_VALUE_SLACK limbs: one for a
     * shift < 64, one for the product before the division, the zero slack,
     * and (in-place steps only) two low limbs left over from a quotient's
     * shift < 130. */
    uint64_t kmid = n / 2 < *start ? *start : n / 2 > *stop - 1 ? *stop - 1 : n / 2;
    uint64_t bits = pr_comb_bits_cheap(n, kmid);            /* no logarithm for small values */
    if (bits > PR_CHEAP_BITS_MAX) bits = pr_range_bits_bound(n, *start, *stop);
    uint64_t limbs = bits / GMP_NUMB_BITS + 5 + PR_VALUE_SLACK;
    if (limbs > SIZE_MAX / (NBUF * sizeof(mp_limb_t))) return PASCALROW_ERANGE;
    *cap = (size_t)limbs;
    return PR_RANGE_NONEMPTY;
}

/* p[0..size) = C(n, start), shift 0.  C(n,0) = 1 needs no GMP call.
 * PASCALROW_OK, or PASCALROW_ENOMEM when GMP's memory for it is not there. */
static int seed(uint64_t n, uint64_t start, mp_limb_t *p, size_t *size)
{
    if (start == 0) {
        p[0] = 1;
        *size = 1;
        return PASCALROW_OK;
    }
    mpz_t c;
    mpz_init(c);
    int st = pr_bin_uiui(n, start, c);   /* ENOMEM, not GMP's abort (mem.c) */
    if (st != PASCALROW_OK) { mpz_clear(c); return st; }
    *size = mpz_size(c);
    memcpy(p, mpz_limbs_read(c), *size * sizeof(mp_limb_t));
    mpz_clear(c);
    return PASCALROW_OK;
}

/* One ratio from C(n,k)·2^shift: num/den, with den = 2^e · o (o odd) and
 * num taken times 2^pad (pad < 4) so that the new shift, shift + *grow with
 * *grow = e + pad, is a multiple of 4.  0, or -1 if num · 2^pad does not
 * fit a limb. */
static inline int ratio(mp_limb_t num, mp_limb_t den, unsigned shift, struct pr_ratio *r, unsigned *grow)
{
    unsigned e = (unsigned)__builtin_ctzll(den);
    unsigned pad = (0u - (shift + e)) & 3u;
    if (pad && (num >> (64 - pad)) != 0) return -1;
    r->a = num << pad;
    r->o = den >> e;
    r->inv = pr_binvert(r->o);
    *grow = e + pad;
    return 0;
}

/* Up to this n, (n−k)(n−k−1)(n−k−2) · 2^3 < 2^64 for every k: three steps
 * always fit (the largest such n, found by bisection). */
#define THREE_STEPS_MAX_N 1321123u

/* Up to this n, n^4 < 2^64: the multiplier (n−k)(n−k−1)(n−k−2)(n−k−3) and
 * every divisor D_j of a four-step pass fit a limb. */
#define FOUR_STEPS_MAX_N 65535u

/* The odd part of x ≥ 1, and its power of two added to *e. */
static inline mp_limb_t odd_part(mp_limb_t x, unsigned *e)
{
    unsigned z = (unsigned)__builtin_ctzll(x);
    *e += z;
    return x >> z;
}

/* The four-step pass from C(n,k), n ≤ FOUR_STEPS_MAX_N and k + 4 ≤ n:
 * a = (n−k)(n−k−1)(n−k−2)(n−k−3) and, for j = 1..4,
 * D_j = (n−k−j)…(n−k−3) · (k+1)…(k+j) = 2^grow[j−1] · o[j−1], so that
 * C(n,k)·a / o[j−1] = C(n,k+j) · 2^grow[j−1].  With u_i the odd parts of
 * n−k−1, n−k−2, n−k−3 and w_i those of k+1, …, k+4, every o is a product of
 * them, and one inversion, of their product P (mod 2^64), gives every
 * inverse: o⁻¹ = P⁻¹ · (the factors of P that o lacks). */
static inline __attribute__((always_inline)) void plan4(uint64_t n, uint64_t k, struct pr_quotients4 *q, unsigned *grow)
{
    mp_limb_t m = n - k, d = k + 1;
    unsigned eu[3] = { 0, 0, 0 }, ew[4] = { 0, 0, 0, 0 };
    mp_limb_t u0 = odd_part(m - 1, &eu[0]), u1 = odd_part(m - 2, &eu[1]), u2 = odd_part(m - 3, &eu[2]);
    mp_limb_t w0 = odd_part(d, &ew[0]), w1 = odd_part(d + 1, &ew[1]), w2 = odd_part(d + 2, &ew[2]),
              w3 = odd_part(d + 3, &ew[3]);
    mp_limb_t u12 = u1 * u2, w01 = w0 * w1, w23 = w2 * w3;
    mp_limb_t inv = pr_binvert(u0 * u12 * w01 * w23);
    q->a = m * (m - 1) * (m - 2) * (m - 3);
    q->o[0] = u0 * u12 * w0;
    q->o[1] = u12 * w01;
    q->o[2] = u2 * w01 * w2;
    q->o[3] = w01 * w23;
    q->inv[0] = inv * w1 * w23;
    q->inv[1] = inv * u0 * w23;
    q->inv[2] = inv * u0 * u1 * w3;
    q->inv[3] = inv * u0 * u12;
    grow[0] = eu[0] + eu[1] + eu[2] + ew[0];
    grow[1] = eu[1] + eu[2] + ew[0] + ew[1];
    grow[2] = eu[2] + ew[0] + ew[1] + ew[2];
    grow[3] = ew[0] + ew[1] + ew[2] + ew[3];
}

/* The three ratios from C(n,k)·2^shift for n ≤ THREE_STEPS_MAX_N and
 * k + 3 ≤ n: (n−k)/(k+1), (n−k)(n−k−1)/((k+1)(k+2)) and
 * (n−k)(n−k−1)(n−k−2)/((k+1)(k+2)(k+3)), each as ratio() makes it (the
 * padded numerators fit: THREE_STEPS_MAX_N).  The odd part of a product of
 * denominators is the product of their odd parts, and so is its inverse:
 * one inversion, of o0·o1·o2, gives all three (inv(o0·o1) =
 * inv(o0·o1·o2)·o2, inv(o0) = inv(o0·o1)·o1). */
static inline void plan3(uint64_t n, uint64_t k, unsigned shift, struct pr_ratio *r, unsigned *grow)
{
    mp_limb_t m = n - k, d = k + 1;
    unsigned e[3] = { 0, 0, 0 };
    mp_limb_t o0 = odd_part(d, &e[0]), o1 = odd_part(d + 1, &e[1]), o2 = odd_part(d + 2, &e[2]);
    mp_limb_t o01 = o0 * o1, o012 = o01 * o2;
    mp_limb_t inv012 = pr_binvert(o012), inv01 = inv012 * o2;
    mp_limb_t num1 = m * (m - 1);
    mp_limb_t num[3] = { m, num1, num1 * (m - 2) }, o[3] = { o0, o01, o012 },
              inv[3] = { inv01 * o1, inv01, inv012 };
    unsigned ej = 0;
    for (int j = 0; j < 3; j++) {
        ej += e[j];
        unsigned pad = (0u - (shift + ej)) & 3u;
        r[j] = (struct pr_ratio){ num[j] << pad, o[j], inv[j] };
        grow[j] = ej + pad;
    }
}

/* The ratios for up to jmax ≥ 1 steps from C(n,k)·2^shift: r[j−1] turns it
 * into C(n,k+j) · 2^(shift + grow[j−1]), a multiple of 4 (the AVX2 repack's
 * quicker case).  Returns how many fit a limb (0 if none). */
static inline int plan(uint64_t n, uint64_t k, uint64_t jmax, unsigned shift, struct pr_ratio *r,
                       unsigned *grow)
{
    if (n <= THREE_STEPS_MAX_N && jmax >= 3) {
        plan3(n, k, shift, r, grow);
        return 3;
    }
    mp_limb_t num = 1, den = 1;
    int J = 0;
    while ((uint64_t)J < jmax && J < PR_MULBDIV_JMAX) {
        /* num = (n−k)…(n−k−J), den = (k+1)…(k+J+1) */
        if (__builtin_mul_overflow(num, n - k - (uint64_t)J, &num)) break;
        if (__builtin_mul_overflow(den, k + 1 + (uint64_t)J, &den)) break;
        if (ratio(num, den, shift, &r[J], &grow[J]) < 0) break;
        J++;
    }
    return J;
}

/* Trim a quotient of the mulbdiv kernel (size + 1 limbs in q) into a value: drop the
 * zero low limbs the shift accounts for and the zero high limbs, and write
 * the zero slack. */
static inline struct pr_value finish_value(mp_limb_t *q, size_t size, unsigned shift)
{
    while (shift >= GMP_NUMB_BITS) {      /* C(n,k)·2^shift: the low limb is 0 */
        assert(q[0] == 0);
        q++;
        size--;
        shift -= GMP_NUMB_BITS;
    }
    while (q[size - 1] == 0) size--;      /* C(n,k) ≥ 1: stops at size ≥ 1 */
    for (int i = 0; i < PR_VALUE_SLACK; i++) q[size + i] = 0;
    return (struct pr_value){ q, size, shift };
}

/* Buffers of up to this many limbs (walk_range's cap for values of up to
 * 3520 bits: whole rows up to n ≈ 3500) are on the stack, 2.5 KB in all: a
 * short walk costs no malloc. */
#define SMALL_CAP 64

/* After a pass that wrote ring[1..J], ring[J] holds the current value:
 * it moves to ring[0], the buffers before it one place on. */
static inline void rotate(mp_limb_t **ring, int J)
{
    mp_limb_t *cur = ring[J];
    for (int i = J; i > 0; i--) ring[i] = ring[i - 1];
    ring[0] = cur;
}

int pr_walk_values(uint64_t n, uint64_t start, uint64_t stop, pr_value_fn fn, void *ctx)
{
    size_t cap;
    int st = walk_range(fn != NULL, n, &start, &stop, &cap);
    if (st != PR_RANGE_NONEMPTY) return st;
    mp_limb_t small[NBUF * SMALL_CAP];
    mp_limb_t *mem = cap <= SMALL_CAP ? small : malloc(NBUF * cap * sizeof *mem);
    if (mem == NULL) return PASCALROW_ENOMEM;
    /* ring[0] holds the current value, the others are free */
    mp_limb_t *ring[NBUF];
    for (int i = 0; i < NBUF; i++) ring[i] = mem + (size_t)i * cap;
    const struct pr_kernels *kern = pr_kernels();

    size_t size;
    st = seed(n, start, ring[0], &size);
    if (st != PASCALROW_OK) { if (mem != small) free(mem); return st; }
    for (int i = 0; i < PR_VALUE_SLACK; i++) ring[0][size + i] = 0;
    struct pr_value cur = { ring[0], size, 0 };
    uint64_t k = start;
    if (fn(ctx, k, &cur) != 0) st = PASCALROW_EINTR;

    /* Four-step passes while four more values remain; each pass's plan is
     * made before the kernel of the pass before it runs, so the inversion's
     * latency hides under that kernel (q[p] is the current pass's). */
    if (n <= FOUR_STEPS_MAX_N && stop - 1 - k >= 4) {
        struct pr_quotients4 q[2];
        unsigned grow[2][PR_MULBDIV4_J];
        int p = 0;
        plan4(n, k, &q[p], grow[p]);
        while (st == PASCALROW_OK && stop - 1 - k >= 4) {
            if (stop - 1 - k >= 8) plan4(n, k + 4, &q[p ^ 1], grow[p ^ 1]);
            kern->mulbdiv4(cur.limbs, cur.size, ring + 1, &q[p]);
            struct pr_value next[PR_MULBDIV4_J];
            for (int j = 0; j < PR_MULBDIV4_J; j++)
                next[j] = finish_value(ring[1 + j], cur.size + 1, cur.shift + grow[p][j]);
            for (int j = 0; j < PR_MULBDIV4_J && st == PASCALROW_OK; j++)
                if (fn(ctx, k + 1 + (uint64_t)j, &next[j]) != 0) st = PASCALROW_EINTR;
            k += PR_MULBDIV4_J;
            cur = next[PR_MULBDIV4_J - 1];
            rotate(ring, PR_MULBDIV4_J);
            p ^= 1;
        }
    }

    while (st == PASCALROW_OK && k + 1 < stop) {
        struct pr_ratio r[PR_MULBDIV_JMAX];
        unsigned grow[PR_MULBDIV_JMAX];
        int J = plan(n, k, stop - 1 - k, cur.shift, r, grow);
        if (J == 0) {
            /* C(n,k)·(n−k) / (k+1), in place on the current buffer */
            mp_limb_t *p = ring[0] + (cur.limbs - ring[0]);
            size_t s = cur.size;
            mp_limb_t carry = mpn_mul_1(p, p, (mp_size_t)s, n - k);
            if (carry) p[s++] = carry;
            mpn_divexact_1(p, p, (mp_size_t)s, k + 1);
            cur = finish_value(p, s, cur.shift);
            k++;
            if (fn(ctx, k, &cur) != 0) st = PASCALROW_EINTR;
            continue;
        }
        kern->mulbdiv(cur.limbs, cur.size, ring + 1, r, J);
        struct pr_value next[PR_MULBDIV_JMAX];
        for (int j = 0; j < J; j++) next[j] = finish_value(ring[1 + j], cur.size + 1, cur.shift + grow[j]);
        for (int j = 0; j < J && st == PASCALROW_OK; j++)
            if (fn(ctx, k + 1 + (uint64_t)j, &next[j]) != 0) st = PASCALROW_EINTR;
        k += (uint64_t)J;
        cur = next[J - 1];
        rotate(ring, J);
    }
    if (mem != small) free(mem);
    return st;
}

/* ----------------------------------------------------- pascalrow_walk */

struct limbs_ctx {
    pascalrow_sink sink;
    void *ctx;
    mp_limb_t *tmp;      /* room for the largest value, unshifted */
};

/* The walk's C(n,k)·2^shift back to C(n,k)'s own limbs. */
static int to_limbs(void *vctx, uint64_t k, const struct pr_value *v)
{
    struct limbs_ctx *c = vctx;
    if (v->shift == 0) return c->sink(c->ctx, k, v->limbs, v->size);
    mpn_rshift(c->tmp, v->limbs, (mp_size_t)v->size, v->shift);
    size_t size = v->size - (c->tmp[v->size - 1] == 0);
    return c->sink(c->ctx, k, c->tmp, size);
}

int pascalrow_walk(uint64_t n, uint64_t start, uint64_t stop,
                   pascalrow_sink sink, void *ctx)
{
    size_t cap;
    int st = walk_range(sink != NULL, n, &start, &stop, &cap);
    if (st != PR_RANGE_NONEMPTY) return st;
    struct limbs_ctx c = { sink, ctx, malloc(cap * sizeof(mp_limb_t)) };
    if (c.tmp == NULL) return PASCALROW_ENOMEM;
    st = pr_walk_values(n, start, stop, to_limbs, &c);
    free(c.tmp);
    return st;
}

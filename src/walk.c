/* The exact engine: walk C(n,k) for k in [start, stop) with a few limb buffers.
 *
 * Identity: C(n, k+1) = C(n, k) · (n − k) / (k + 1), the division exact
 * (C(n,k)·(n−k) = C(n,k+1)·(k+1)), and, j steps at once,
 *     C(n, k+j) = C(n, k) · (n−k)(n−k−1)…(n−k−j+1) / ((k+1)(k+2)…(k+j)).
 * One pass of the mulbdiv kernel (mulbdiv.c) over C(n,k) yields C(n,k+1),
 * …, C(n,k+J) (J ≤ 3) whenever the products fit a limb: three independent
 * multiply-and-exact-divide chains, overlapped by the core.  A walk costs O(Σ size) word
 * operations — linear in its output.
 *
 * Powers of two.  Hensel division needs an odd divisor, so write
 * (k+1)…(k+j) = 2^e · o with o odd and compute C(n,k)·a / o = C(n,k+j) · 2^e
 * instead: the walk carries every value as C(n,k) · 2^shift.  It also
 * multiplies a by 2^pad (pad < 4) so that shift stays a multiple of 4 — what
 * the fast digit repack wants — and drops whole zero low limbs, so shift < 64
 * and a value is at most one limb longer than C(n,k).  Callers that want the
 * bare limbs (pascalrow_walk) shift them back with mpn_rshift.
 *
 * When even one ratio does not fit (n ≥ 2^60 or so), a step is the textbook
 * mpn_mul_1 + mpn_divexact_1 on the current value, which keeps the shift.
 */
#include "dispatch.h"
#include "mem.h"

#include <stdlib.h>
#include <string.h>

/* Buffers: the current value and up to PR_MULBDIV_JMAX new ones. */
#define NBUF (PR_MULBDIV_JMAX + 1)

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
    uint64_t bits = pr_range_bits_bound(n, *start, *stop);
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

/* One ratio: num/den, with den = 2^e · o (o odd) and num taken times 2^pad so
 * that the new shift, shift + e + pad, is a multiple of 4.  0, or -1 if
 * num · 2^pad does not fit a limb. */
static int ratio(mp_limb_t num, mp_limb_t den, unsigned shift, struct pr_ratio *r, unsigned *newshift)
{
    unsigned e = (unsigned)__builtin_ctzll(den);
    unsigned pad = (0u - (shift + e)) & 3u;
    if (pad && (num >> (64 - pad)) != 0) return -1;
    r->a = num << pad;
    r->o = den >> e;
    r->inv = pr_binvert(r->o);
    *newshift = shift + e + pad;
    return 0;
}

/* Up to this n, (n−k)(n−k−1)(n−k−2) · 2^3 < 2^64 for every k: three steps
 * always fit (the largest such n, found by bisection). */
#define THREE_STEPS_MAX_N 1321123u

/* The ratios for up to jmax steps from C(n,k)·2^shift: r[j−1] turns it into
 * C(n,k+j) · 2^newshift[j−1].  Returns how many fit a limb (0 if none). */
static int plan(uint64_t n, uint64_t k, uint64_t jmax, unsigned shift,
                struct pr_ratio *r, unsigned *newshift)
{
    if (n <= THREE_STEPS_MAX_N && jmax >= 3) {
        mp_limb_t m = n - k, d = k + 1;
        /* (n−k)/(k+1), (n−k)(n−k−1)/((k+1)(k+2)), (n−k)(n−k−1)(n−k−2)/((k+1)(k+2)(k+3)) */
        mp_limb_t num2 = m * (m - 1), den2 = d * (d + 1);
        ratio(m, d, shift, &r[0], &newshift[0]);
        ratio(num2, den2, shift, &r[1], &newshift[1]);
        ratio(num2 * (m - 2), den2 * (d + 2), shift, &r[2], &newshift[2]);
        return 3;
    }
    mp_limb_t num = 1, den = 1;
    int J = 0;
    while ((uint64_t)J < jmax && J < PR_MULBDIV_JMAX) {
        /* num = (n−k)…(n−k−J), den = (k+1)…(k+J+1) */
        if (__builtin_mul_overflow(num, n - k - (uint64_t)J, &num)) break;
        if (__builtin_mul_overflow(den, k + 1 + (uint64_t)J, &den)) break;
        if (ratio(num, den, shift, &r[J], &newshift[J]) < 0) break;
        J++;
    }
    return J;
}

/* Trim a quotient of the mulbdiv kernel (size + 1 limbs in q) into a value: drop the
 * zero low limbs the shift accounts for and the zero high limbs, and write
 * the zero slack. */
static struct pr_value finish_value(mp_limb_t *q, size_t size, unsigned shift)
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

int pr_walk_values(uint64_t n, uint64_t start, uint64_t stop, pr_value_fn fn, void *ctx)
{
    size_t cap;
    int st = walk_range(fn != NULL, n, &start, &stop, &cap);
    if (st != PR_RANGE_NONEMPTY) return st;
    mp_limb_t *mem = malloc(NBUF * cap * sizeof *mem);
    if (mem == NULL) return PASCALROW_ENOMEM;
    mp_limb_t *buf[NBUF];
    for (int i = 0; i < NBUF; i++) buf[i] = mem + (size_t)i * cap;
    pr_mulbdiv_fn *const mulbdiv = pr_kernels()->mulbdiv;

    size_t size;
    st = seed(n, start, buf[0], &size);
    if (st != PASCALROW_OK) { free(mem); return st; }
    for (int i = 0; i < PR_VALUE_SLACK; i++) buf[0][size + i] = 0;
    struct pr_value cur = { buf[0], size, 0 };
    int cur_buf = 0;
    uint64_t k = start;
    if (fn(ctx, k, &cur) != 0) st = PASCALROW_EINTR;

    while (st == PASCALROW_OK && k + 1 < stop) {
        struct pr_ratio r[PR_MULBDIV_JMAX];
        unsigned newshift[PR_MULBDIV_JMAX];
        int J = plan(n, k, stop - 1 - k, cur.shift, r, newshift);
        if (J == 0) {
            /* C(n,k)·(n−k) / (k+1), in place on the current buffer */
            mp_limb_t *p = buf[cur_buf] + (cur.limbs - buf[cur_buf]);
            size_t s = cur.size;
            mp_limb_t carry = mpn_mul_1(p, p, (mp_size_t)s, n - k);
            if (carry) p[s++] = carry;
            mpn_divexact_1(p, p, (mp_size_t)s, k + 1);
            cur = finish_value(p, s, cur.shift);
            k++;
            if (fn(ctx, k, &cur) != 0) st = PASCALROW_EINTR;
            continue;
        }
        /* the J buffers after the current one (mod NBUF): never the current */
        mp_limb_t *dst[PR_MULBDIV_JMAX];
        for (int j = 0; j < J; j++) dst[j] = buf[(cur_buf + 1 + j) % NBUF];
        mulbdiv(cur.limbs, cur.size, dst, r, J);
        struct pr_value next[PR_MULBDIV_JMAX];
        for (int j = 0; j < J; j++) next[j] = finish_value(dst[j], cur.size + 1, newshift[j]);
        for (int j = 0; j < J && st == PASCALROW_OK; j++)
            if (fn(ctx, k + 1 + (uint64_t)j, &next[j]) != 0) st = PASCALROW_EINTR;
        k += (uint64_t)J;
        cur = next[J - 1];
        cur_buf = (cur_buf + J) % NBUF;
    }
    free(mem);
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

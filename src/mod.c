/* Binomial coefficients modulo any m, 1 ≤ m ≤ 2^63 − 1, for n < 2^64: the
 * public functions (pascalrow.h), each following a plan whose cost its
 * _cost twin returns; sums; the stream.  The method, and the files that
 * do the work: mod.h. */
#include "mod.h"

#include <stdlib.h>
#include <string.h>

/* Rows up to this use the additive step (≤ n²/2 additions, no factoring). */
#define ADDITIVE_MAX_N 127
#define ADDITIVE_COST(n) ((n) * ((n) + 1) / 2)

static int bad_modulus(uint64_t m) { return m == 0 || m > PASCALROW_MOD_MAX; }

/* Row n ≤ ADDITIVE_MAX_N mod m by the additive step, then the slice. */
static void slice_additive(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    uint64_t row[ADDITIVE_MAX_N + 2];
    row[0] = 1 % m;
    for (uint64_t i = 0; i < n; i++) pascalrow_step_mod(i, m, row);   /* cannot fail: checked */
    memcpy(out, row + start, (size_t)(stop - start) * sizeof *out);
}

/* ----------------------------------------------------------- the plans */

/* How a public function below does its work, decided once, by its plan
 * function (m valid): the function follows the plan, and its _cost twin
 * returns the plan's cost (in steps, as pascalrow.h counts them). */
enum mod_way {
    PLAN_ZERO,              /* every value is 0 (m = 1, k > n): nothing to do */
    PLAN_POW2,              /* a whole row's sum: 2^n mod m */
    PLAN_ADDITIVE,          /* n ≤ ADDITIVE_MAX_N: the row by the additive step */
    PLAN_GRANVILLE,         /* one C(n,k): Granville per prime power, joined by the CRT */
    PLAN_WALK,              /* the walk over [lo, hi), seeded at lo */
};

struct mod_plan {
    enum mod_way way;
    uint64_t cost;
    struct modulus M;       /* PLAN_GRANVILLE, PLAN_WALK: m's prime powers */
    uint64_t lo, hi;        /* PLAN_WALK */
    uint64_t steps;         /* PLAN_WALK: its steps, the seed's included (pr_walker_init's hint) */
    int complement;         /* PLAN_WALK of a sum: [lo, hi) holds the rest of the row */
};

static void plan_way(struct mod_plan *p, enum mod_way way, uint64_t cost)
{
    p->way = way;
    p->cost = cost;
    p->complement = 0;
}

/* p: the walk over the hull of the slice [a, b) (clipped, non-empty) of row
 * n > ADDITIVE_MAX_N, seeded the cheaper way. */
static void plan_hull(struct mod_plan *p, uint64_t n, uint64_t a, uint64_t b, uint64_t m)
{
    plan_way(p, PLAN_WALK, 0);
    pr_factor_modulus(&p->M, m);
    pascalrow_slice_hull(n, a, b, &p->lo, &p->hi);
    p->steps = p->cost = pr_add_sat(p->hi - p->lo, pr_seed_cost(&p->M, n, p->lo));
}

/* p's walk along row n, each value it meets handed to out (NULL: none);
 * returns C(n, p->hi) mod m, where it ends. */
static uint64_t walk_plan(const struct mod_plan *p, uint64_t n, const struct mod_out *out)
{
    struct walker W;
    struct mod_state s;
    pr_walker_init(&W, &p->M, n, p->steps);
    pr_seed(&p->M, &W, p->lo, &s, NULL);
    pr_walk_mod(&W, &s, p->hi - p->lo, out);
    uint64_t v = pr_mulmod(s.u, pr_walker_prime_part(&W, s.e), p->M.m);
    pr_walker_free(&W);
    return v;
}

/* ---------------------------------------------------------- the slices */

/* The slice [*start, *stop) of row n, clipped in place: the clip's status
 * (PR_RANGE_NONEMPTY: *p is the plan). */
static int slice_plan(uint64_t n, uint64_t *start, uint64_t *stop, uint64_t m, struct mod_plan *p)
{
    int st = pr_clip_range(n, start, stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (m == 1) plan_way(p, PLAN_ZERO, 0);
    else if (n <= ADDITIVE_MAX_N) plan_way(p, PLAN_ADDITIVE, ADDITIVE_COST(n));
    else plan_hull(p, n, *start, *stop, m);
    return st;
}

int pascalrow_slice_mod_threads(uint64_t n, uint64_t start, uint64_t stop, uint64_t m,
                                unsigned nthreads, pascalrow_poll poll, void *ctx, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    struct mod_plan p;
    int st = slice_plan(n, &start, &stop, m, &p);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (stop - start > SIZE_MAX / sizeof *out) return PASCALROW_ERANGE;
    if (p.way == PLAN_ZERO) {
        memset(out, 0, (size_t)(stop - start) * sizeof *out);
        return PASCALROW_OK;
    }
    if (p.way == PLAN_ADDITIVE) {
        slice_additive(n, start, stop, m, out);
        return PASCALROW_OK;
    }
    const struct mod_out places = { { n, start, stop, out }, NULL, 0 };
    struct walker W;
    pr_walker_init(&W, &p.M, n, p.steps);
    st = pr_walk_threads(&p.M, &W, &places, p.lo, p.hi, nthreads, poll, ctx);
    pr_walker_free(&W);
    return st;
}

int pascalrow_slice_mod(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    return pascalrow_slice_mod_threads(n, start, stop, m, 1, NULL, NULL, out);
}

uint64_t pascalrow_slice_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m)
{
    struct mod_plan p;
    return !bad_modulus(m) && slice_plan(n, &start, &stop, m, &p) == PR_RANGE_NONEMPTY ? p.cost : 0;
}

/* ------------------------------------------------------------ the sums */

/* Squarings of 2^n mod m by pr_powmod: one per bit of n. */
static uint64_t pow2_cost(uint64_t n) { return n ? 64 - (uint64_t)__builtin_clzll(n) : 1; }

/* As slice_plan, for the sum over the slice.  A part of row n >
 * ADDITIVE_MAX_N is walked over its hull from the cheaper seed, or over the
 * rest of the row, [0, pr_slice_rest_end), from C(n,0) = 1 — whichever
 * takes fewer steps — and 2^n mod m is worked out besides. */
static int sum_plan(uint64_t n, uint64_t *start, uint64_t *stop, uint64_t m, struct mod_plan *p)
{
    int st = pr_clip_range(n, start, stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (m == 1) {
        plan_way(p, PLAN_ZERO, 0);
    } else if (*start == 0 && *stop == n + 1) {
        plan_way(p, PLAN_POW2, pow2_cost(n));
    } else if (n <= ADDITIVE_MAX_N) {
        plan_way(p, PLAN_ADDITIVE, ADDITIVE_COST(n));
    } else {
        plan_hull(p, n, *start, *stop, m);
        uint64_t rest = pr_slice_rest_end(n, *start, *stop);
        if (rest < p->steps) {
            p->complement = 1;
            p->lo = 0;
            p->hi = p->steps = rest;
        }
        p->cost = pr_add_sat(pow2_cost(n), p->steps);
    }
    return st;
}

int pascalrow_row_sum_mod(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    *out = 0;
    struct mod_plan p;
    int st = sum_plan(n, &start, &stop, m, &p);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (p.way == PLAN_POW2) {
        *out = pr_powmod(2, n, m);                   /* Σ_{k=0}^{n} C(n,k) = 2^n */
    } else if (p.way == PLAN_ADDITIVE) {
        uint64_t row[ADDITIVE_MAX_N + 1], sum = 0;
        slice_additive(n, start, stop, m, row);
        for (uint64_t i = 0; i < stop - start; i++) {
            sum += row[i];                           /* < 2m ≤ 2^64: no wrap */
            if (sum >= m) sum -= m;
        }
        *out = sum;
    } else if (p.way == PLAN_WALK) {
        uint64_t whole = pr_powmod(2, n, m), sum = 0;
        const struct mod_out acc = { { n, start, stop, NULL }, &sum, p.complement };
        walk_plan(&p, n, &acc);
        *out = p.complement ? (whole + m - sum) % m : sum;   /* Σ_{slice} = 2^n − Σ_{rest} */
    }
    return PASCALROW_OK;
}

uint64_t pascalrow_row_sum_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m)
{
    struct mod_plan p;
    return !bad_modulus(m) && sum_plan(n, &start, &stop, m, &p) == PR_RANGE_NONEMPTY ? p.cost : 0;
}

/* ----------------------------------------------------------- one value */

/* C(n,k) mod m, k taken in place to the lower half (C(n,k) = C(n,n−k)):
 * by Granville when that costs fewer steps than the walk from k = 0 (a
 * prime power that divides C(n,k) costs nothing: its residue is 0). */
static void comb_plan(uint64_t n, uint64_t *k, uint64_t m, struct mod_plan *p)
{
    if (*k > n || m == 1) {                          /* C(n,k) = 0 for k > n */
        plan_way(p, PLAN_ZERO, 0);
        return;
    }
    if (*k > n - *k) *k = n - *k;
    pr_factor_modulus(&p->M, m);
    uint64_t g = pr_granville_cost(&p->M, n, *k, 1);
    if (g < *k) {
        plan_way(p, PLAN_GRANVILLE, g);
        return;
    }
    plan_way(p, PLAN_WALK, *k);
    p->lo = 0;
    p->hi = p->steps = *k;
}

/* C(n,k) mod M->m by Granville per prime power q = p^a:
 * C(n,k) ≡ (p-free part)·p^v (mod q), 0 once v ≥ a. */
static uint64_t comb_granville(const struct modulus *M, uint64_t n, uint64_t k)
{
    uint64_t x = 0, mod = 1;
    for (unsigned i = 0; i < M->count; i++) {
        const struct prime_power *f = &M->f[i];
        uint64_t v = pr_carries(n, k, f->p), r = 0;
        if (v < f->a) {
            pr_granville(n, k, f, &r, NULL);
            r = pr_mulmod(r, pr_powmod(f->p, v, f->q), f->q);
        }
        pr_crt_join(&x, &mod, r, f->q);
    }
    return x;
}

int pascalrow_comb_mod(uint64_t n, uint64_t k, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    struct mod_plan p;
    comb_plan(n, &k, m, &p);
    *out = p.way == PLAN_GRANVILLE ? comb_granville(&p.M, n, k)
         : p.way == PLAN_WALK      ? walk_plan(&p, n, NULL)
         :                           0;
    return PASCALROW_OK;
}

uint64_t pascalrow_comb_mod_cost(uint64_t n, uint64_t k, uint64_t m)
{
    if (bad_modulus(m)) return 0;
    struct mod_plan p;
    comb_plan(n, &k, m, &p);
    return p.cost;
}

/* ---------------------------------------------------------- the stream */

/* Row n mod m from k on, piece after piece: the walk's state kept between
 * the pieces, so that each value costs one step however far the stream has
 * gone (pascalrow_slice_mod would seed each piece afresh).  Rows up to
 * ADDITIVE_MAX_N are held whole; m = 1 needs nothing. */
struct pascalrow_mod_stream {
    uint64_t n, m, k;                       /* k: the next value's index */
    uint64_t row[ADDITIVE_MAX_N + 1];       /* n ≤ ADDITIVE_MAX_N: the row mod m */
    struct modulus M;
    struct walker W;                        /* W.f points into M: the stream is not moved */
    struct mod_state s;                     /* C(n, k) in walk form */
};

int pascalrow_mod_stream_new(uint64_t n, uint64_t start, uint64_t m, pascalrow_mod_stream **out)
{
    if (out == NULL) return PASCALROW_EINVAL;
    *out = NULL;
    if (bad_modulus(m)) return PASCALROW_EINVAL;
    if (n == UINT64_MAX) return PASCALROW_ERANGE;
    struct pascalrow_mod_stream *st = malloc(sizeof *st);
    if (st == NULL) return PASCALROW_ENOMEM;
    st->n = n;
    st->m = m;
    st->k = start < n + 1 ? start : n + 1;
    st->W.small_mem = NULL;
    if (m > 1 && n <= ADDITIVE_MAX_N) {
        slice_additive(n, 0, n + 1, m, st->row);
    } else if (m > 1 && st->k <= n) {
        pr_factor_modulus(&st->M, m);
        /* C(n, k) = C(n, n − k): the same integer, so the same unit part and
         * exponents; the seed is made at the lower of the two */
        uint64_t low = st->k <= n - st->k ? st->k : n - st->k;
        pr_walker_init(&st->W, &st->M, n, pr_add_sat(n + 1 - st->k, pr_seed_cost(&st->M, n, low)));
        pr_seed(&st->M, &st->W, low, &st->s, NULL);
        st->s.k = st->k;
    }
    *out = st;
    return PASCALROW_OK;
}

int pascalrow_mod_stream_next(pascalrow_mod_stream *st, uint64_t count, uint64_t *out)
{
    if (st == NULL || (out == NULL && count > 0) || count > st->n + 1 - st->k) return PASCALROW_EINVAL;
    if (count > SIZE_MAX / sizeof *out) return PASCALROW_ERANGE;
    if (count == 0) return PASCALROW_OK;
    if (st->m == 1) {
        memset(out, 0, (size_t)count * sizeof *out);
    } else if (st->n <= ADDITIVE_MAX_N) {
        memcpy(out, st->row + st->k, (size_t)count * sizeof *out);
    } else {
        /* the walk goes up through the middle of the row and beyond: its
         * identity C(n, k+1) = C(n, k)·(n − k)/(k + 1) holds for every k < n */
        struct mod_out places = { { st->n, st->k, st->k + count, out }, NULL, 0 };
        pr_walk_mod(&st->W, &st->s, count, &places);
    }
    st->k += count;
    return PASCALROW_OK;
}

uint64_t pascalrow_mod_stream_position(const pascalrow_mod_stream *st)
{
    return st == NULL ? 0 : st->k;
}

void pascalrow_mod_stream_free(pascalrow_mod_stream *st)
{
    if (st != NULL) pr_walker_free(&st->W);
    free(st);
}

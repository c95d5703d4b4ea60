/* Binomial coefficients modulo m, 1 ≤ m ≤ 2^63 − 1, for n and k of any
 * size (mpz): single values, slices of rows and sums of slices.
 *
 * Per prime power q = p^a of m, everything comes from the base-p digits of
 * k and r = n − k (and of n):
 *   Kummer:    v = v_p(C(n,k)) is the number of carries adding k and r;
 *   Granville: the p-free part U of C(n,k) mod q is a product over the
 *              levels j of factorials of a-digit residues of n, k and r
 *              (granville.h), and a sign;
 * and C(n,k) ≡ U·p^v (mod q), which is 0 once v ≥ a.  A slice goes on from
 * there by C(n,k+1) = C(n,k)·r/(k+1).  With r = p^s·r' and
 * k + 1 = p^t·k' (p ∤ r', k'):
 *   v ← v + s − t,   U ← U·r'·k'^{-1} (mod q),
 * where r' mod q and k' mod q are the a digits of r and k + 1 above their
 * trailing zeros.  r and k are kept as digit counters: a step changes one
 * digit of each and the run of digits below it, O(1) digits on average.
 * The inverses come one per block of values (batch inversion), and the
 * prime powers are joined by the Chinese remainder theorem (Garner).
 *
 * The seed C(n, start) is the cheaper of Granville (its products counted
 * by pr_level_cost) and the walk from C(n, 0) = 1 (start steps).
 */
#include "modbig.h"

#include "granville.h"
#include "modarith.h"

#include <stdlib.h>
#include <string.h>

/* Values per batch inversion. */
#define BLOCK 512
/* Values of a slice between two polls (a few milliseconds of work). */
#define POLL_VALUES ((uint64_t)1 << 16)

/* ------------------------------------------------------ base-p digits */

/* Digits of x (0 ≤ x < p^len) in base p into d[0..len), least significant
 * first.  Halves x by a power of p until the pieces are small, then
 * divides by P = p^c (the largest power of p below 2^64) and splits each
 * remainder into c digits: O(M(bits)·log bits) in all. */
static void to_digits(const mpz_t x, uint64_t p, uint64_t *d, size_t len)
{
    unsigned c = 1;
    uint64_t P = p;
    while (P <= UINT64_MAX / p) { P *= p; c++; }
    if (len > 4 * (size_t)c && mpz_size(x) > 16) {
        size_t h = len / 2;
        mpz_t pw, q, r;
        mpz_inits(pw, q, r, NULL);
        mpz_ui_pow_ui(pw, p, h);
        mpz_tdiv_qr(q, r, x, pw);
        to_digits(r, p, d, h);
        to_digits(q, p, d + h, len - h);
        mpz_clears(pw, q, r, NULL);
        return;
    }
    mpz_t t;
    mpz_init_set(t, x);
    for (size_t i = 0; i < len; i += c) {
        uint64_t rem = mpz_tdiv_q_ui(t, t, P);
        for (size_t j = i; j < i + c && j < len; j++) { d[j] = rem % p; rem /= p; }
    }
    mpz_clear(t);
}

/* Base-p digits of n ≥ 1: at most bits/⌊log2 p⌋ + 1 (p^⌊log2 p⌋ ≥ 2^⌊log2 p⌋). */
static size_t digits_bound(const mpz_t n, uint64_t p)
{
    unsigned lg = 63 - (unsigned)__builtin_clzll(p);
    return mpz_sizeinbase(n, 2) / lg + 1;
}

/* The residue of ⌊x/p^j⌋ mod q = p^a from the digits j .. j + a − 1. */
static uint64_t residue(const uint64_t *d, size_t len, size_t j, const struct prime_power *f)
{
    uint64_t x = 0;
    size_t top = j + f->a < len ? j + f->a : len;
    for (size_t i = top; i-- > j;) x = x * f->p + d[i];
    return x;
}

/* x when 0 ≤ x < 2^64, else UINT64_MAX. */
static uint64_t small(const mpz_t x) { return mpz_sgn(x) >= 0 && mpz_fits_ulong_p(x) ? mpz_get_ui(x) : UINT64_MAX; }

/* ------------------------------------------- one prime power's counters */

/* C(n,k) mod q as U·p^v, and the digits it is read from. */
struct power_walk {
    const struct prime_power *f;
    size_t len;                     /* digits of n; k, r ≤ n have no more */
    uint64_t *nd, *kd, *rd;         /* n, k, r = n − k in base p */
    uint64_t u, v;                  /* p-free part mod q; v_p(C(n,k)) */
    uint64_t ppow[64];              /* p^i mod q, i < a */
};

static void power_walk_free(struct power_walk *w)
{
    free(w->nd);
    w->nd = w->kd = w->rd = NULL;
}

/* Digits of n, k and r = n − k for 0 ≤ k ≤ n, n ≥ 1.  0 or -1 (memory). */
static int power_walk_init(struct power_walk *w, const struct prime_power *f, const mpz_t n, const mpz_t k)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    size_t len = digits_bound(n, f->p);
    if (len > SIZE_MAX / (3 * sizeof(uint64_t)) || (w->nd = malloc(3 * len * sizeof(uint64_t))) == NULL)
        return -1;
    w->kd = w->nd + len;
    w->rd = w->kd + len;
    mpz_t r;
    mpz_init(r);
    mpz_sub(r, n, k);
    to_digits(n, f->p, w->nd, len);
    to_digits(k, f->p, w->kd, len);
    to_digits(r, f->p, w->rd, len);
    mpz_clear(r);
    while (len > 1 && w->nd[len - 1] == 0) len--;
    w->len = len;
    w->ppow[0] = 1 % f->q;
    for (unsigned i = 1; i < f->a; i++) w->ppow[i] = w->ppow[i - 1] * f->p;   /* < q */
    return 0;
}

/* v = the carries adding k and r (Kummer); *wraps = those into the
 * positions ≥ a, whose parity is the sign of Granville's product. */
static uint64_t kummer(const struct power_walk *w, uint64_t *wraps)
{
    const uint64_t p = w->f->p;
    uint64_t v = 0, c = 0, wr = 0;
    for (size_t i = 0; i < w->len; i++) {
        c = w->kd[i] + w->rd[i] + c >= p;        /* < 2p ≤ 2^64 */
        v += c;
        if (i + 1 >= w->f->a) wr += c;
    }
    if (wraps != NULL) *wraps = wr;
    return v;
}

/* Granville's cost in products for the current k. */
static uint64_t granville_cost(const struct power_walk *w)
{
    uint64_t cost = 0;
    for (size_t j = 0; j < w->len; j++)
        cost = pr_add_sat(cost, pr_level_cost(residue(w->nd, w->len, j, w->f), residue(w->kd, w->len, j, w->f),
                                              residue(w->rd, w->len, j, w->f)));
    return cost;
}

/* U and v for the current k by Granville and Kummer. */
static void granville_seed(struct power_walk *w, const struct pr_stop *stop)
{
    const struct prime_power *f = w->f;
    uint64_t u = 1 % f->q, wraps;
    for (size_t j = 0; j < w->len; j++)
        u = pr_mulmod(u, pr_level_factor(residue(w->nd, w->len, j, f), residue(w->kd, w->len, j, f),
                                         residue(w->rd, w->len, j, f), f->p, f->q, stop), f->q);
    w->v = kummer(w, &wraps);
    w->u = wraps & 1 ? pr_mulmod(u, pr_units_product(f), f->q) : u;
}

/* k → k + 1, for k < n only: r' mod q into *rp, k' mod q into *kp, and v updated. */
static void step(struct power_walk *w, uint64_t *rp, uint64_t *kp)
{
    const uint64_t p = w->f->p;
    size_t s = 0, t = 0;
    while (w->rd[s] == 0) w->rd[s++] = p - 1;   /* r − 1: the trailing zeros borrow */
    *rp = residue(w->rd, w->len, s, w->f);        /* digit s not yet lowered: r/p^s mod q */
    w->rd[s]--;
    while (w->kd[t] == p - 1) w->kd[t++] = 0;   /* k + 1: the trailing p − 1 carry */
    w->kd[t]++;
    *kp = residue(w->kd, w->len, t, w->f);
    w->v = w->v + s - t;
}

/* The walk from C(n,0) = 1 to C(n,steps), steps ≤ n: one inverse at the
 * end.  With mirror, the walk goes to n − k (steps = n − k) and the
 * counters of k and n − k swap places: the state at k, as C(n,k) =
 * C(n,n−k) has the same U and v.  0, or -1 stopped. */
static int walk_seed(struct power_walk *w, uint64_t steps, int mirror, const struct pr_stop *stop)
{
    const uint64_t q = w->f->q;
    memset(w->kd, 0, w->len * sizeof *w->kd);
    memcpy(w->rd, w->nd, w->len * sizeof *w->rd);
    uint64_t nu = 1 % q, de = 1 % q;
    w->v = 0;
    for (uint64_t i = 0; i < steps; i++) {
        uint64_t rp, kp;
        step(w, &rp, &kp);
        nu = pr_mulmod(nu, rp, q);
        de = pr_mulmod(de, kp, q);
        if ((i & (PR_POLL_FACTORS - 1)) == PR_POLL_FACTORS - 1 && pr_stopped(stop))
            return -1;
    }
    w->u = pr_mulmod(nu, pr_invmod(de, q), q);
    if (mirror) {
        uint64_t *t = w->kd;
        w->kd = w->rd;
        w->rd = t;
    }
    return 0;
}

/* How to seed at the current k: the cheapest of Granville and the walks
 * from either end of the row (k_small, r_small: k and n − k, or
 * UINT64_MAX from 2^64 on).  Returns the cost; *way is 0 Granville, 1 the
 * walk to k, 2 the walk to n − k. */
static uint64_t seed_cost(const struct power_walk *w, uint64_t k_small, uint64_t r_small, int *way)
{
    uint64_t g = granville_cost(w);
    *way = k_small < g && k_small <= r_small ? 1 : r_small < g ? 2 : 0;
    return *way == 1 ? k_small : *way == 2 ? r_small : g;
}

static int seed(struct power_walk *w, uint64_t k_small, uint64_t r_small, const struct pr_stop *stop)
{
    int way;
    seed_cost(w, k_small, r_small, &way);
    if (way != 0) return walk_seed(w, way == 1 ? k_small : r_small, way == 2, stop);
    granville_seed(w, stop);
    return pr_stopped(stop) ? -1 : 0;
}

/* The next count ≤ BLOCK values C(n,k) mod q from the walk's k on into res,
 * stepping after each but the last, and after the last too when more. 
 * num, kq, vs: BLOCK words of room each. */
static void walk_block(struct power_walk *w, unsigned count, int more, uint64_t *res, uint64_t *num,
                       uint64_t *kq, uint64_t *vs)
{
    const uint64_t q = w->f->q;
    uint64_t nu = 1 % q, de = 1 % q;
    for (unsigned i = 0; i < count; i++) {
        num[i] = nu;
        vs[i] = w->v;
        kq[i] = 1 % q;
        if (i + 1 < count || more) {
            uint64_t rp;
            step(w, &rp, &kq[i]);
            nu = pr_mulmod(nu, rp, q);
            de = pr_mulmod(de, kq[i], q);
        }
    }
    /* value i has U·num[i]/den[i], den[i] = Π_{j<i} kq[j]; inv walks down
     * from 1/den[count] = 1/de by inv·kq[i−1] = 1/den[i−1]. */
    uint64_t inv = pr_invmod(de, q), u = w->u;
    w->u = pr_mulmod(pr_mulmod(u, nu, q), inv, q);
    for (unsigned i = count; i-- > 0;) {
        inv = pr_mulmod(inv, kq[i], q);
        res[i] = vs[i] >= w->f->a ? 0 : pr_mulmod(pr_mulmod(pr_mulmod(u, num[i], q), inv, q), w->ppow[vs[i]], q);
    }
}

/* ------------------------------------------------------------ a slice */

/* C(n,k) mod m for k from start on, every prime power walking side by side. */
struct big_slice {
    struct modulus M;
    struct power_walk w[PR_MAX_PRIMES];
    uint64_t garner[PR_MAX_PRIMES];  /* (q_0 ⋯ q_{i−1})^{-1} mod q_i */
    uint64_t steps_left;             /* n − k, saturated */
    uint64_t start_small, rest_small; /* the first k and n − k, saturated */
    uint64_t *scratch;               /* (count + 3)·BLOCK words */
};

static void big_slice_free(struct big_slice *S)
{
    for (unsigned i = 0; i < S->M.count; i++) power_walk_free(&S->w[i]);
    free(S->scratch);
    S->scratch = NULL;
}

/* The digits of every prime power at k = start ≤ n (n ≥ 1, m ≥ 2); no seed
 * yet.  0 or -1 (memory; S freed). */
static int big_slice_init(struct big_slice *S, const mpz_t n, const mpz_t start, uint64_t m)
{
    memset(S, 0, sizeof *S);
    pr_factor_modulus(&S->M, m);
    mpz_t r;
    mpz_init(r);
    mpz_sub(r, n, start);
    S->steps_left = S->rest_small = mpz_fits_ulong_p(r) ? mpz_get_ui(r) : UINT64_MAX;
    S->start_small = small(start);
    mpz_clear(r);
    uint64_t mod = 1;
    for (unsigned i = 0; i < S->M.count; i++) {
        const struct prime_power *f = &S->M.f[i];
        S->garner[i] = pr_invmod(mod % f->q, f->q);
        mod *= f->q;
        if (power_walk_init(&S->w[i], f, n, start) < 0) { big_slice_free(S); return -1; }
    }
    S->scratch = malloc((S->M.count + 3) * BLOCK * sizeof *S->scratch);
    if (S->scratch == NULL) { big_slice_free(S); return -1; }
    return 0;
}

/* Σ over the prime powers of the seed's cost at start. */
static uint64_t big_slice_seed_cost(const struct big_slice *S)
{
    uint64_t cost = 0;
    int way;
    for (unsigned i = 0; i < S->M.count; i++)
        cost = pr_add_sat(cost, seed_cost(&S->w[i], S->start_small, S->rest_small, &way));
    return cost;
}

static int big_slice_seed(struct big_slice *S, const struct pr_stop *stop)
{
    for (unsigned i = 0; i < S->M.count; i++)
        if (seed(&S->w[i], S->start_small, S->rest_small, stop) < 0) return -1;
    return 0;
}

/* The next count values (count − 1 ≤ steps left) into out. */
static void big_slice_next(struct big_slice *S, uint64_t count, uint64_t *out)
{
    const unsigned np = S->M.count;
    uint64_t *num = S->scratch + np * BLOCK, *kq = num + BLOCK, *vs = kq + BLOCK;
    while (count > 0) {
        unsigned c = count < BLOCK ? (unsigned)count : BLOCK;
        int more = S->steps_left >= c;             /* a k + c ≤ n to step to */
        for (unsigned i = 0; i < np; i++) walk_block(&S->w[i], c, more, S->scratch + i * BLOCK, num, kq, vs);
        S->steps_left -= c - 1 + (uint64_t)more;
        for (unsigned j = 0; j < c; j++) {
            /* Garner: x ≡ res_i (mod q_i) for each i, x < m */
            uint64_t x = S->scratch[j], mod = 1;
            for (unsigned i = 1; i < np; i++) {
                const uint64_t q = S->M.f[i].q;
                mod *= S->M.f[i - 1].q;
                uint64_t t = pr_mulmod((S->scratch[i * BLOCK + j] + q - x % q) % q, S->garner[i], q);
                x += mod * t;
            }
            out[j] = x;
        }
        out += c;
        count -= c;
    }
}

/* ---------------------------------------------------------- the checks */

static int bad_modulus(uint64_t m) { return m == 0 || m > PASCALROW_MOD_MAX; }


/* What converting n to base-p digits costs, in the units of a step: the
 * digits themselves and GMP's divisions, about bits·log(bits) (a bound,
 * not a measurement; it matters only where n has millions of bits). */
static uint64_t digits_cost(const mpz_t n, const struct modulus *M)
{
    uint64_t bits = mpz_sizeinbase(n, 2), lg = 64 - (uint64_t)__builtin_clzll(bits);
    uint64_t cost = 0;
    for (unsigned i = 0; i < M->count; i++) cost = pr_add_sat(cost, pr_add_sat(bits / 8 * lg, digits_bound(n, M->f[i].p)));
    return cost;
}

/* ------------------------------------------------------- single values */

/* C(n,k) mod q for 0 ≤ k ≤ n/2 (k_small as in seed_cost) into *r; with r
 * NULL, only the cost.  Prime powers that divide C(n,k) (v ≥ a) cost
 * nothing. */
static int comb_power(const struct prime_power *f, const mpz_t n, const mpz_t k, uint64_t k_small,
                      uint64_t *r, uint64_t *cost)
{
    struct power_walk w;
    if (power_walk_init(&w, f, n, k) < 0) return -1;
    int way;
    uint64_t v = kummer(&w, NULL);
    *cost = v >= f->a ? 0 : seed_cost(&w, k_small, UINT64_MAX, &way);
    if (r != NULL) {
        *r = 0;
        if (v < f->a) {
            seed(&w, k_small, UINT64_MAX, NULL);
            *r = pr_mulmod(w.u, w.ppow[v], f->q);
        }
    }
    power_walk_free(&w);
    return 0;
}

/* C(n,k) mod m for 0 ≤ k ≤ n, n ≥ 1, 2 ≤ m, by the digits whatever the
 * size of n; with out NULL, the cost.  k is first made min(k, n − k). */
static int comb_big(const mpz_t n, const mpz_t k, uint64_t m, uint64_t *out, uint64_t *cost)
{
    struct modulus M;
    pr_factor_modulus(&M, m);
    mpz_t kk;
    mpz_init(kk);
    mpz_sub(kk, n, k);
    if (mpz_cmp(kk, k) > 0) mpz_set(kk, k);              /* C(n,k) = C(n,n−k) */
    uint64_t x = 0, mod = 1, k_small = small(kk);
    int status = PASCALROW_OK;
    *cost = digits_cost(n, &M);
    for (unsigned i = 0; i < M.count && status == PASCALROW_OK; i++) {
        uint64_t r = 0, c = UINT64_MAX;
        if (comb_power(&M.f[i], n, kk, k_small, out == NULL ? NULL : &r, &c) < 0) status = PASCALROW_ENOMEM;
        *cost = pr_add_sat(*cost, c);
        if (out != NULL && status == PASCALROW_OK) pr_crt_join(&x, &mod, r, M.f[i].q);
    }
    mpz_clear(kk);
    if (out != NULL) *out = x;
    return status;
}

int pr_comb_mod_big(const mpz_t n, const mpz_t k, uint64_t m, uint64_t *out)
{
    uint64_t cost;
    *out = 0;
    if (mpz_sgn(k) < 0 || mpz_cmp(k, n) > 0 || m == 1) return PASCALROW_OK;
    return comb_big(n, k, m, out, &cost);
}

int pascalrow_comb_mod_mpz(const mpz_t n, const mpz_t k, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(k) < 0) return PASCALROW_EINVAL;
    if (mpz_fits_ulong_p(n)) {
        *out = 0;
        return mpz_cmp(k, n) > 0 ? PASCALROW_OK : pascalrow_comb_mod(mpz_get_ui(n), mpz_get_ui(k), m, out);
    }
    return pr_comb_mod_big(n, k, m, out);
}

uint64_t pascalrow_comb_mod_mpz_cost(const mpz_t n, const mpz_t k, uint64_t m)
{
    if (bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(k) < 0 || mpz_cmp(k, n) > 0 || m == 1) return 0;
    if (mpz_fits_ulong_p(n)) return pascalrow_comb_mod_cost(mpz_get_ui(n), mpz_get_ui(k), m);
    uint64_t cost;
    return comb_big(n, k, m, NULL, &cost) == PASCALROW_OK ? cost : UINT64_MAX;
}

/* -------------------------------------------------------------- slices */

/* Values of the slice inside the row: min(count, n − start + 1), 0 when
 * start > n. */
static uint64_t in_row(const mpz_t n, const mpz_t start, uint64_t count)
{
    if (mpz_cmp(start, n) > 0) return 0;
    mpz_t r;
    mpz_init(r);
    mpz_sub(r, n, start);
    uint64_t left = mpz_fits_ulong_p(r) ? mpz_get_ui(r) : UINT64_MAX;
    mpz_clear(r);
    return left < count ? left + 1 : count;
}

/* The slice by the digits, into out[0..valid): valid ≥ 1, m ≥ 2. */
static int slice_big(const mpz_t n, const mpz_t start, uint64_t valid, uint64_t m, const struct pr_stop *stop,
                     uint64_t *out)
{
    struct big_slice S;
    if (big_slice_init(&S, n, start, m) < 0) return PASCALROW_ENOMEM;
    int status = big_slice_seed(&S, stop) < 0 ? PASCALROW_EINTR : PASCALROW_OK;
    for (uint64_t done = 0; done < valid && status == PASCALROW_OK;) {
        uint64_t c = valid - done < POLL_VALUES ? valid - done : POLL_VALUES;
        big_slice_next(&S, c, out + done);
        done += c;
        if (done < valid && pr_stopped(stop)) status = PASCALROW_EINTR;
    }
    big_slice_free(&S);
    return status;
}

int pr_slice_mod_big(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m, pascalrow_poll poll, void *ctx,
                     uint64_t *out)
{
    uint64_t valid = in_row(n, start, count);
    memset(out, 0, count * sizeof *out);
    if (valid == 0 || m == 1) return PASCALROW_OK;
    const struct pr_stop stop = { poll, ctx };
    return slice_big(n, start, valid, m, poll == NULL ? NULL : &stop, out);
}

/* n < 2^64 − 1 and start < 2^64: the row's own functions can serve. */
static int row_is_small(const mpz_t n, const mpz_t start)
{
    return mpz_fits_ulong_p(n) && mpz_get_ui(n) < UINT64_MAX && mpz_fits_ulong_p(start);
}

int pascalrow_slice_mod_mpz(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m, pascalrow_poll poll,
                            void *ctx, uint64_t *out)
{
    if ((out == NULL && count > 0) || bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(start) < 0)
        return PASCALROW_EINVAL;
    if (count > SIZE_MAX / sizeof *out) return PASCALROW_ERANGE;
    if (count == 0) return PASCALROW_OK;
    if (!row_is_small(n, start)) return pr_slice_mod_big(n, start, count, m, poll, ctx, out);
    uint64_t valid = in_row(n, start, count), a = mpz_get_ui(start);
    memset(out, 0, count * sizeof *out);
    return valid == 0 ? PASCALROW_OK : pascalrow_slice_mod_threads(mpz_get_ui(n), a, a + valid, m, 1, poll, ctx, out);
}

/* What slice_big costs: the digits, the seed, and a step per value and
 * prime power. */
static uint64_t slice_big_cost(const mpz_t n, const mpz_t start, uint64_t valid, uint64_t m)
{
    struct big_slice S;
    if (big_slice_init(&S, n, start, m) < 0) return UINT64_MAX;
    uint64_t cost = pr_add_sat(digits_cost(n, &S.M), big_slice_seed_cost(&S));
    cost = pr_add_sat(cost, pr_mul_sat(valid, S.M.count));
    big_slice_free(&S);
    return cost;
}

uint64_t pascalrow_slice_mod_mpz_cost(const mpz_t n, const mpz_t start, uint64_t count, uint64_t m)
{
    if (bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(start) < 0 || m == 1) return 0;
    uint64_t valid = in_row(n, start, count);
    if (valid == 0) return 0;
    if (row_is_small(n, start)) {
        uint64_t a = mpz_get_ui(start);
        return pascalrow_slice_mod_cost(mpz_get_ui(n), a, a + valid, m);
    }
    return slice_big_cost(n, start, valid, m);
}

/* ----------------------------------------------------------- row sums */

/* Σ C(n,k) mod m over start ≤ k < start + valid (inside the row) by the
 * digits, a block at a time. */
static int sum_big(const mpz_t n, const mpz_t start, uint64_t valid, uint64_t m, uint64_t *sum)
{
    uint64_t block[BLOCK], s = 0;
    *sum = 0;
    if (valid == 0) return PASCALROW_OK;
    struct big_slice S;
    if (big_slice_init(&S, n, start, m) < 0) return PASCALROW_ENOMEM;
    big_slice_seed(&S, NULL);
    for (uint64_t done = 0; done < valid;) {
        unsigned c = valid - done < BLOCK ? (unsigned)(valid - done) : BLOCK;
        big_slice_next(&S, c, block);
        for (unsigned j = 0; j < c; j++) {
            s += block[j];                             /* < 2m ≤ 2^64: no wrap */
            if (s >= m) s -= m;
        }
        done += c;
    }
    big_slice_free(&S);
    *sum = s;
    return PASCALROW_OK;
}

/* How a row sum over [start, stop) of a row n ≥ 2^64 − 1 is made: the
 * whole row (2^n), the values of the slice, or 2^n less the values
 * outside it, [0, start) and (by C(n,k) = C(n,n−k)) [0, n + 1 − stop) —
 * the cheapest that can be counted in 64 bits.  start, stop are clipped to
 * the row here. */
struct sum_plan {
    int how;                   /* 0 empty, 1 whole, 2 slice, 3 complement, -1 out of reach */
    uint64_t count, left, right, cost;
};

static int sum_plan(struct sum_plan *P, const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m)
{
    mpz_t hi, rest;
    mpz_inits(hi, rest, NULL);
    mpz_add_ui(hi, n, 1);
    if (mpz_cmp(stop, hi) < 0) mpz_set(hi, stop);          /* hi = min(stop, n + 1) */
    mpz_sub(rest, n, hi);
    mpz_add_ui(rest, rest, 1);                              /* n + 1 − hi */
    P->how = -1;
    P->cost = UINT64_MAX;
    if (mpz_cmp(start, hi) >= 0) { P->how = 0; P->cost = 0; }
    else if (mpz_sgn(start) == 0 && mpz_sgn(rest) == 0) {
        P->how = 1;
        P->cost = mpz_sizeinbase(n, 2);                     /* squarings */
    } else {
        mpz_sub(hi, hi, start);
        P->count = small(hi);
        P->left = small(start);
        P->right = small(rest);
        uint64_t direct = P->count == UINT64_MAX ? UINT64_MAX : slice_big_cost(n, start, P->count, m);
        struct modulus M;
        pr_factor_modulus(&M, m);
        uint64_t outside = pr_mul_sat(pr_add_sat(P->left, P->right), M.count);
        outside = pr_add_sat(outside, pr_add_sat(digits_cost(n, &M), mpz_sizeinbase(n, 2)));
        if (P->left == UINT64_MAX || P->right == UINT64_MAX) outside = UINT64_MAX;
        if (direct != UINT64_MAX || outside != UINT64_MAX) {
            P->how = direct <= outside ? 2 : 3;
            P->cost = direct <= outside ? direct : outside;
        }
    }
    mpz_clears(hi, rest, NULL);
    return P->how;
}

/* 2^n mod m. */
static uint64_t pow2_mod(const mpz_t n, uint64_t m)
{
    mpz_t r, mm;
    mpz_init_set_ui(r, 2);
    mpz_init_set_ui(mm, m);
    mpz_powm(r, r, n, mm);
    uint64_t x = mpz_get_ui(r);
    mpz_clears(r, mm, NULL);
    return x;
}

int pr_row_sum_mod_big(const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m, uint64_t *out)
{
    struct sum_plan P;
    *out = 0;
    if (m == 1) return PASCALROW_OK;
    int how = sum_plan(&P, n, start, stop, m), status = PASCALROW_OK;
    if (how == -1) status = PASCALROW_ERANGE;
    else if (how == 1) *out = pow2_mod(n, m);
    else if (how == 2) status = sum_big(n, start, P.count, m, out);
    else if (how == 3) {
        mpz_t zero;
        mpz_init(zero);
        uint64_t a, b;
        status = sum_big(n, zero, P.left, m, &a);
        if (status == PASCALROW_OK) status = sum_big(n, zero, P.right, m, &b);
        mpz_clear(zero);
        /* Σ_{slice} = 2^n − Σ_{[0, start)} − Σ_{(stop − 1, n]} */
        if (status == PASCALROW_OK) *out = (pow2_mod(n, m) + m - (a + b) % m) % m;   /* a + b < 2m ≤ 2^64 */
    }
    return status;
}

int pascalrow_row_sum_mod_mpz(const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(start) < 0 || mpz_sgn(stop) < 0)
        return PASCALROW_EINVAL;
    if (m == 1) { *out = 0; return PASCALROW_OK; }
    if (row_is_small(n, start)) return pascalrow_row_sum_mod(mpz_get_ui(n), mpz_get_ui(start), small(stop), m, out);
    return pr_row_sum_mod_big(n, start, stop, m, out);
}

uint64_t pascalrow_row_sum_mod_mpz_cost(const mpz_t n, const mpz_t start, const mpz_t stop, uint64_t m)
{
    if (bad_modulus(m) || mpz_sgn(n) < 0 || mpz_sgn(start) < 0 || mpz_sgn(stop) < 0 || m == 1) return 0;
    if (row_is_small(n, start)) return pascalrow_row_sum_mod_cost(mpz_get_ui(n), mpz_get_ui(start), small(stop), m);
    struct sum_plan P;
    sum_plan(&P, n, start, stop, m);
    return P.cost;
}

/* Three words a base-p digit (n, k and n − k) per prime power of m: at most
 * nbits/⌊log2 p⌋ + 1 digits each, and Σ 1/⌊log2 p⌋ over m's at most 15
 * primes is below 6 (2, 3, 5, …, 47), so 3·8·6·nbits bytes and 15 words
 * more; GMP's temporaries while it makes the digits, a few copies of n. */
uint64_t pascalrow_mod_mpz_bytes(uint64_t nbits)
{
    uint64_t digits = pr_add_sat(pr_mul_sat(144, nbits), 15 * 24);
    return pr_add_sat(pr_add_sat(digits, pr_mul_sat(6, nbits / 8 + 64)), 4096);
}

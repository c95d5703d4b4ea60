/* The walker (mod.h): C(n,k) mod m kept as U·Π p_i^{e_i} and moved along
 * row n by C(n,k+1) = C(n,k)·(n−k)/(k+1), each value it meets handed to a
 * struct mod_out.  Full blocks go the cheapest way the modulus allows
 * (struct walker: MONT, TWO, SMALL in mod_small.c), the rest by the
 * general walk (pr_walk_mod). */
#include "mod.h"

#include <stdlib.h>

/* Runs of a block walked side by side (pr_walk_mod); BLOCK is a multiple of
 * PR_MONTRUN_LANES (walk_mont_block). */
#define LANES 4
_Static_assert(BLOCK % PR_MONTRUN_LANES == 0 && PR_MONTRUN_LANES >= LANES, "runs of equal length");

/* 0 when m is even or 1 (no Montgomery form). */
static int mont_ctx_init(struct mont_ctx *c, uint64_t m)
{
    if (!(m & 1) || m < 3) return 0;
    pr_mod_init(&c->R, m);
    c->mni = 0 - pr_binvert(m);
    if (m < ((uint64_t)1 << 31)) {
        c->fwd = pr_kernels()->montrun_fwd;
        c->bwd = pr_kernels()->montrun_bwd;
        c->mni &= UINT32_MAX;
        c->rmod = ((uint64_t)1 << 32) % m;
    } else {
        c->fwd = pr_kernels()->montrun_fwd_wide;
        c->bwd = pr_kernels()->montrun_bwd_wide;
        c->rmod = (UINT64_MAX % m + 1) % m;
    }
    return 1;
}

void pr_walker_init(struct walker *W, const struct modulus *M, uint64_t n, uint64_t steps)
{
    W->small_mem = NULL;
    W->nsp = 0;
    W->n = n;
    W->m = M->m;
    pr_mod_init(&W->R, M->m);
    W->f = M->f;
    W->ns = 0;
    while (W->ns < M->count && M->f[W->ns].p <= n) W->ns++;
    W->way = GENERAL;
    if (W->ns == 0 && mont_ctx_init(&W->mc, M->m)) W->way = MONT;
    if (W->ns == 1 && M->f[0].p == 2) {
        /* m = 2^a·o, every prime of o above n */
        W->a = M->f[0].a;
        W->o = M->m >> W->a;
        W->oinv = pr_binvert(W->o);
        W->half_o = (W->o + 1) / 2;
        if (W->o == 1 || mont_ctx_init(&W->mc, W->o)) W->way = TWO;
    }
    for (unsigned i = 0; i < W->ns; i++) {
        W->pw[i][0] = 1 % W->m;
        for (unsigned e = 1; e < MAX_EXP; e++) W->pw[i][e] = pr_mulmod(W->pw[i][e - 1], W->f[i].p, W->m);
    }
    if (W->way == GENERAL && pr_small_init(W, M, steps)) W->way = SMALL;
}

void pr_walker_free(struct walker *W)
{
    free(W->small_mem);
    W->small_mem = NULL;
}

/* Multiplied in pairs (a tree: independent products). */
uint64_t pr_walker_prime_part(const struct walker *W, const unsigned char *e)
{
    uint64_t t[PR_MAX_PRIMES];
    unsigned c = 0;
    for (unsigned i = 0; i < W->ns; i++)
        if (e[i]) t[c++] = W->pw[i][e[i]];
    if (c == 0) return 1 % W->m;
    while (c > 1) {
        unsigned h = c / 2;
        for (unsigned i = 0; i < h; i++) t[i] = pr_mod_mul(&W->R, t[2 * i], t[2 * i + 1]);
        if (c & 1) t[h++] = t[c - 1];
        c = h;
    }
    return t[0];
}

/* x ≥ 1 = c·Π p_i^{v_i} with c prime to every strip prime: returns c (not
 * reduced mod m: pr_mod_mul takes any first factor below 2^64) and adds
 * (up) or subtracts (!up) v_i to e[i]; returns with *changed set if any
 * v_i > 0. */
static inline uint64_t strip(const struct walker *W, uint64_t x, unsigned char *e, int up, int *changed)
{
    for (unsigned i = 0; i < W->ns; i++) {
        const struct prime_power *f = &W->f[i];
        unsigned v;
        x = strip_prime(x, f->p, f->pinv, f->plim, &v);
        if (v) {
            e[i] = (unsigned char)(up ? e[i] + v : e[i] - v);
            *changed = 1;
        }
    }
    return x;
}

/* inv[j] = 1/d[j] mod m for j < cnt ≤ PR_MONTRUN_LANES, units d[j] < m, with
 * one extended Euclid (batch inversion): with pre_j = Π_{i≤j} d_i,
 * 1/d_j = pre_{j−1}/pre_j, and 1/pre_{j−1} = d_j/pre_j going down. */
static void batch_inverse(const struct pr_mod *R, const uint64_t *d, uint64_t *inv, int cnt)
{
    uint64_t pre[PR_MONTRUN_LANES];
    pre[0] = d[0];
    for (int j = 1; j < cnt; j++) pre[j] = pr_mod_mul(R, d[j], pre[j - 1]);
    uint64_t back = pr_invmod(pre[cnt - 1], R->m);
    for (int j = cnt - 1; j > 0; j--) {
        inv[j] = pr_mod_mul(R, pre[j - 1], back);
        back = pr_mod_mul(R, d[j], back);
    }
    inv[0] = back;
}

/* One full block of BLOCK values by the montrun passes modulo C->R.m, from
 * c0 = C(n,k) mod m, n ≥ k + BLOCK, no prime of m ≤ n: the runs' products
 * forward, one batch inverse, the runs' starts A_{j+1} = A_j·nx_j/dy_j
 * (the R^{-q} of both cancel), and, with values, C(n,k+t) mod m backward
 * from c_j = A_j·R/dy_j into N (interleaved: dispatch.h).  Returns
 * C(n,k+BLOCK) mod m. */
static uint64_t mont_block(const struct mont_ctx *C, uint64_t n, uint64_t k, uint64_t c0,
                           uint64_t *N, int values)
{
    enum { L = PR_MONTRUN_LANES };
    const unsigned q = BLOCK / L;
    const struct pr_mod *R = &C->R;
    uint64_t nx[L], dy[L], inv[L], c[L], a = c0;
    C->fwd(n - k, k + 1, q, R->m, C->mni, N, nx, dy);
    batch_inverse(R, dy, inv, L);
    for (int j = 0; j < L; j++) {
        c[j] = pr_mod_mul(R, pr_mod_mul(R, C->rmod, inv[j]), a);
        a = pr_mod_mul(R, pr_mod_mul(R, nx[j], inv[j]), a);
    }
    if (values) C->bwd(k + 1, q, R->m, C->mni, c, N);
    return a;
}

/* pr_walk_mod's block when W->way is MONT. */
static void walk_mont_block(const struct walker *W, struct mod_state *s, const struct mod_out *out,
                            uint64_t *N)
{
    enum { L = PR_MONTRUN_LANES };
    const unsigned q = BLOCK / L;
    s->u = mont_block(&W->mc, W->n, s->k, s->u, N, out != NULL);
    if (out != NULL)
        for (int j = 0; j < L; j++) mod_out_run(out, s->k + (uint64_t)j * q, q, N + j, L, W->m);
    s->k += BLOCK;
}

/* v mod m from v_o = v mod o and w ≡ v (mod 2^a), m = 2^a·o (CRT):
 * v = v_o + o·((w − v_o)·o^{-1} mod 2^a), below o·2^a. */
static inline uint64_t crt_two(const struct walker *W, uint64_t vo, uint64_t w)
{
    uint64_t mask = ((uint64_t)1 << W->a) - 1;
    return vo + W->o * (((w - vo) * W->oinv) & mask);
}

/* pr_walk_mod's block when W->way is TWO: C(n,k) = U·2^e, U odd.
 * Modulo 2^a: U_{t} = U·Π_{s<t} x_s/Π_{s<t} y_s modulo 2^64, x_s and y_s
 * the odd parts of n−k−s and k+s+1 (2^a divides 2^64, so wrap-around
 * products are exact modulo 2^a; the odd y_s are units), in LANES runs
 * with one Newton inverse per run (pr_binvert), and
 * C(n,k+t) ≡ U_t·2^{e_t} (mod 2^a), 0 once e_t ≥ a.
 * Modulo o (odd, its primes above n): the montrun passes on C(n,k) mod o =
 * (u mod o)·2^e mod o.  The CRT joins both, for the values and for the
 * next u (u mod o = C(n,k') mod o · 2^{-e'}). */
static void walk_two_block(const struct walker *W, struct mod_state *s, const struct mod_out *out,
                           uint64_t *X, uint64_t *Y, uint64_t *V)
{
    enum { L = PR_MONTRUN_LANES };
    const unsigned q = BLOCK / L, qq = BLOCK / LANES;
    unsigned char E[BLOCK];
    unsigned e = s->e[0];
    const uint64_t n = W->n, k0 = s->k;
    for (unsigned t = 0; t < BLOCK; t++) {
        /* C(n,k+1) = C(n,k)·(n−k)/(k+1) */
        uint64_t x = n - k0 - t, y = k0 + t + 1;
        unsigned cx = (unsigned)__builtin_ctzll(x), cy = (unsigned)__builtin_ctzll(y);
        E[t] = (unsigned char)e;
        X[t] = x >> cx;
        Y[t] = y >> cy;
        e = e + cx - cy;
    }
    uint64_t nx[LANES] = { 1, 1, 1, 1 }, dy[LANES] = { 1, 1, 1, 1 };
    for (unsigned i = 0; i < qq; i++)
        for (int j = 0; j < LANES; j++) {
            unsigned t = (unsigned)j * qq + i;
            uint64_t x = X[t];
            X[t] = nx[j];
            nx[j] *= x;
            dy[j] *= Y[t];
        }
    uint64_t a[LANES + 1], c[LANES];
    a[0] = s->u;                                  /* ≡ U (mod 2^a) */
    for (int j = 0; j < LANES; j++) {
        uint64_t inv = pr_binvert(dy[j]);
        c[j] = a[j] * inv;
        a[j + 1] = a[j] * nx[j] * inv;
    }
    /* modulo o */
    uint64_t co = 0, co_next = 0;
    if (W->o > 1) {
        const struct pr_mod *Ro = &W->mc.R;
        co = pr_mod_mul(Ro, pr_mod_reduce(Ro, s->u), pr_powmod(2, s->e[0], W->o));
        co_next = mont_block(&W->mc, n, k0, co, V, out != NULL);
    }
    if (out != NULL) {
        for (unsigned i = qq; i-- > 0;)
            for (int j = 0; j < LANES; j++) {
                unsigned t = (unsigned)j * qq + i;
                c[j] *= Y[t];
                uint64_t w = X[t] * c[j];
                X[t] = E[t] < W->a ? w << E[t] : 0;
            }
        if (W->o > 1)
            for (unsigned i = 0; i < q; i++)
                for (int j = 0; j < L; j++) {
                    unsigned t = (unsigned)j * q + i;
                    X[t] = crt_two(W, V[(size_t)i * L + (size_t)j], X[t]);
                }
        else
            for (unsigned t = 0; t < BLOCK; t++) X[t] &= W->m - 1;
        mod_out_run(out, k0, BLOCK, X, 1, W->m);
    }
    /* the next state: u ≡ U (mod 2^a), u ≡ C(n,k')·2^{-e'} (mod o) */
    uint64_t uo = W->o > 1 ? pr_mod_mul(&W->mc.R, co_next, pr_powmod(W->half_o, e, W->o)) : 0;
    s->u = crt_two(W, uo, a[LANES]);
    s->e[0] = (unsigned char)e;
    s->k += BLOCK;
}

/* One forward step of a run: *x becomes N_t (the run's product so far)
 * and the run's products take x_t and y_t. */
static inline void run_forward(const struct pr_mod *R, uint64_t *x, uint64_t y, uint64_t *nx, uint64_t *dy)
{
    uint64_t xt = *x;
    *x = *nx;
    *nx = pr_mod_mul(R, xt, *nx);
    *dy = pr_mod_mul(R, y, *dy);
}

/* One backward step of a run: c ← c·y_t, and C(n,k+t) = N_t·c (times P_t). */
static inline uint64_t run_backward(const struct pr_mod *R, uint64_t n_t, uint64_t y, uint64_t *c)
{
    *c = pr_mod_mul(R, y, *c);
    return pr_mod_mul(R, n_t, *c);
}

/* A block of len values from C(n,k) = u·P_0 (P_t the prime part of
 * C(n,k+t)), with x_t, y_t the stripped n−k−t and k+t+1:
 *     C(n,k+t) ≡ u · Π_{s<t} x_s / Π_{s<t} y_s · P_t.
 * The block is cut into LANES = 4 runs walked side by side, so that the
 * products of one run never wait on those of another (independent chains
 * keep the multiplier busy).  For run j starting at t = b_j:
 *   forward, N_t = Π_{b_j ≤ s < t} x_s, and the run's Π x and Π y;
 *   one inverse for the four products of y (batch inversion:
 *   1/y_j = (Π_{i≤j} y_i)^{-1}·Π_{i<j} y_i), giving the run's start
 *   A_j = u·Π_{i<j} (Π x)_i/(Π y)_i, and the next block's u = A_4;
 *   backward, c = A_j / Π_{b_j ≤ s < t} y_s from c = A_j/(Π y)_j by
 *   c ← c·y_t, and C(n,k+t) = N_t·c·P_t.
 * The P_t are products of table entries, one per t from the exponents
 * that pass 1 records: independent of each other. */
void pr_walk_mod(const struct walker *W, struct mod_state *s, uint64_t count, const struct mod_out *out)
{
    const struct pr_mod *R = &W->R;
    const uint64_t one = 1 % W->m;
    const unsigned ns = W->ns;
    const int parts = out != NULL && ns > 0;
    uint64_t X[BLOCK], Y[BLOCK], P[BLOCK];
    unsigned char E[BLOCK * PR_MAX_PRIMES];      /* E[t·ns + i] = e_i of C(n,k+t) */
    while (count > 0) {
        if (W->way == SMALL && s->k < W->n) {
            const uint64_t run = count < W->n - s->k ? count : W->n - s->k;
            if (run >= SMALL_RUN_MIN) {
                pr_walk_small(W, s, run, out, X);
                count -= run;
                continue;
            }
        }
        const unsigned len = count < BLOCK ? (unsigned)count : BLOCK;
        if ((W->way == MONT || W->way == TWO) && len == BLOCK && s->k + BLOCK <= W->n) {
            if (W->way == MONT) walk_mont_block(W, s, out, X);
            else walk_two_block(W, s, out, X, Y, P);
            count -= len;
            continue;
        }
        /* pass 1, the factors: C(n,k+1) = C(n,k)·(n−k)/(k+1) */
        if (ns == 0 && s->k + len <= W->n) {
            for (unsigned t = 0; t < len; t++) {           /* nothing to strip */
                X[t] = W->n - s->k - t;
                Y[t] = s->k + t + 1;
            }
        } else {
            for (unsigned t = 0; t < len; t++) {
                uint64_t k = s->k + t;
                if (parts)
                    for (unsigned i = 0; i < ns; i++) E[(size_t)t * ns + i] = s->e[i];
                X[t] = Y[t] = 1;
                if (k < W->n) {
                    int changed = 0;
                    X[t] = strip(W, W->n - k, s->e, 1, &changed);
                    Y[t] = strip(W, k + 1, s->e, 0, &changed);
                }
            }
        }
        if (parts && ns == 1)
            for (unsigned t = 0; t < len; t++) P[t] = W->pw[0][E[t]];
        else if (parts)
            for (unsigned t = 0; t < len; t++) P[t] = pr_walker_prime_part(W, E + (size_t)t * ns);
        /* pass 2, forward in runs [j·q, (j+1)·q), the last one to len */
        const unsigned q = len / LANES;
        uint64_t nx[LANES] = { one, one, one, one }, dy[LANES] = { one, one, one, one };
        for (unsigned i = 0; i < q; i++) {
            run_forward(R, &X[i], Y[i], &nx[0], &dy[0]);
            run_forward(R, &X[q + i], Y[q + i], &nx[1], &dy[1]);
            run_forward(R, &X[2 * q + i], Y[2 * q + i], &nx[2], &dy[2]);
            run_forward(R, &X[3 * q + i], Y[3 * q + i], &nx[3], &dy[3]);
        }
        for (unsigned t = LANES * q; t < len; t++) run_forward(R, &X[t], Y[t], &nx[3], &dy[3]);
        uint64_t inv[LANES], a[LANES + 1];
        batch_inverse(R, dy, inv, LANES);
        a[0] = s->u;
        for (int j = 0; j < LANES; j++) a[j + 1] = pr_mod_mul(R, pr_mod_mul(R, nx[j], inv[j]), a[j]);
        /* pass 3, backward */
        if (out != NULL) {
            uint64_t c[LANES];
            for (int j = 0; j < LANES; j++) c[j] = pr_mod_mul(R, inv[j], a[j]);
            for (unsigned t = len; t-- > LANES * q;) {
                uint64_t v = run_backward(R, X[t], Y[t], &c[3]);
                X[t] = parts ? pr_mod_mul(R, P[t], v) : v;
            }
            for (unsigned i = q; i-- > 0;) {
                X[i] = run_backward(R, X[i], Y[i], &c[0]);
                X[q + i] = run_backward(R, X[q + i], Y[q + i], &c[1]);
                X[2 * q + i] = run_backward(R, X[2 * q + i], Y[2 * q + i], &c[2]);
                X[3 * q + i] = run_backward(R, X[3 * q + i], Y[3 * q + i], &c[3]);
            }
            if (parts)
                for (unsigned t = 0; t < LANES * q; t++) X[t] = pr_mod_mul(R, P[t], X[t]);
            mod_out_run(out, s->k, len, X, 1, W->m);
        }
        s->u = a[LANES];
        s->k += len;
        count -= len;
    }
}

/* Binomial coefficients modulo any m, 1 ≤ m ≤ 2^63 − 1: slices of rows and
 * single values.  Correct for composite m, prime powers and primes alike.
 *
 * The walk.  Identity C(n,k+1) = C(n,k)·(n−k)/(k+1), exact over the
 * integers but not invertible mod m when (k+1) shares a prime with m.  So
 * C(n,k) is kept as U·Π p_i^{e_i}: p_i the primes of m that are ≤ n (no
 * larger prime divides n − k or k + 1 ≤ n), e_i = v_{p_i}(C(n,k)), and U the
 * rest, a unit mod m.  A step strips the p_i out of (n−k) and (k+1) into the
 * exponents; U takes the cofactor of (n−k) and the inverse of the cofactor
 * of (k+1).  The inverses come one per block of values (batch inversion).
 * When every prime power of m is small, the walk goes apart per prime power
 * in logarithms instead, each value a few table reads (walk_small), and
 * comes back to that form at the end.
 *
 * The seed.  A slice deep in a row starts from C(n,a) mod m in that form,
 * got by the cheaper of walking from k = 0 and Granville's theorem per prime
 * power of m (joined by the Chinese remainder theorem); both costs are
 * counted exactly before choosing.
 */
#define _POSIX_C_SOURCE 200809L       /* nanosleep */

#include "dispatch.h"
#include "granville.h"
#include "modarith.h"
#include "slice.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* v_p(C(n,k)) ≤ log_p n < 64 for n < 2^64: exponent tables have 64 entries. */
#define MAX_EXP 64
/* Values per batch inversion: one extended Euclid per BLOCK values (walk_mod
 * keeps three arrays of BLOCK words and the exponents: about 40 kB of stack). */
#define BLOCK 1024
/* Runs of a block walked side by side (walk_mod); BLOCK is a multiple of
 * PR_MONTRUN_LANES (walk_mont_block). */
#define LANES 4
_Static_assert(BLOCK % PR_MONTRUN_LANES == 0 && PR_MONTRUN_LANES >= LANES, "runs of equal length");
/* Rows up to this use the additive step (≤ n²/2 additions, no factoring). */
#define ADDITIVE_MAX_N 127

/* A slice computed by pascalrow_slice_mod_threads (the threads section):
 * its seed is made on the calling thread, which polls; the seed's long
 * loops ask job_stopped(job, 1) now and then, and give up (their result
 * unused) once it says stop.  NULL where no one polls. */
struct mod_job;
static int job_stopped(struct mod_job *job, int caller);
static int job_stop_poll(void *job) { return job_stopped(job, 1); }

/* ------------------------------------------------------------ the walk */

/* The montrun passes modulo an odd m ≥ 3 (dispatch.h), dispatched: 32-bit
 * Montgomery for m < 2^31; 64-bit otherwise. */
struct mont_ctx {
    pr_montrun_fwd_fn *fwd;
    pr_montrun_bwd_fn *bwd;
    uint64_t mni, rmod;                     /* −m^{-1} mod R, R mod m (R = 2^32 or 2^64) */
    struct pr_mod R;
};

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

/* SMALL: one prime power q = p^a of m, walked in logarithms (see the
 * section "small prime powers" below). */
struct small_part {
    uint64_t p, q, pinv, plim;  /* pinv, plim: as in struct prime_power */
    uint64_t P, ph;             /* the table's period P = p^c, ph = p^{c−a+1} */
    unsigned a;
    uint32_t ol, os;            /* the orders of gl and gs */
    uint32_t wl, w;             /* index widths: wl = 3·ol − 2, w = wl·(3·os − 2) */
    uint64_t gl, gs;            /* every unit mod q is gs^s·gl^l, once (s < os, l < ol) */
    uint64_t crt;               /* ≡ 1 (mod q), ≡ 0 (mod m/q) */
    const int32_t *N;           /* N[r] for r ≤ P: −(log of the product of the residues < r) */
    const uint32_t *DL;         /* DL[x] = l | s << 16 for the units x = gs^s·gl^l mod q */
    const uint64_t *Z;          /* Z[e·w + i] = crt·(p^e·(unit of index i)) mod m; Z[a·w] = 0 */
};

struct walker {
    uint64_t n, m;
    struct pr_mod R;                        /* products mod m (modarith.h) */
    /* How full blocks go (walk_mod): MONT, the montrun passes modulo m;
     * TWO, m = 2^a·o split by the CRT, the passes modulo o and a walk of
     * the odd parts modulo 2^64 for 2^a; SMALL, every prime power of m
     * small, walked apart in logarithms (walk_small); GENERAL, the walk
     * below. */
    enum { GENERAL, MONT, TWO, SMALL } way;
    struct mont_ctx mc;                     /* MONT: modulo m; TWO: modulo o (o > 1) */
    uint64_t o, oinv, half_o;               /* TWO: o, o^{-1} mod 2^64, 2^{-1} mod o */
    unsigned a;                             /* TWO: 2^a exactly divides m */
    unsigned ns;                            /* strip primes: f[0..ns), those ≤ n */
    const struct prime_power *f;
    uint64_t pw[PR_MAX_PRIMES][MAX_EXP];       /* pw[i][e] = p_i^e mod m */
    unsigned nsp;                           /* SMALL: one part per prime power of m */
    struct small_part sp[PR_MAX_PRIMES];
    void *small_mem;                        /* SMALL: the parts' tables (malloc), else NULL */
};

/* C(n,k) ≡ u·Π p_i^{e[i]} (mod m), u a unit mod m. */
struct mod_state {
    uint64_t k, u;
    unsigned char e[PR_MAX_PRIMES];
};

static int small_init(struct walker *W, const struct modulus *M, uint64_t steps);

/* steps: about how many values the walker will walk (SMALL's tables are
 * built only when they cost a small part of that).  walker_free releases
 * what it holds. */
static void walker_init(struct walker *W, const struct modulus *M, uint64_t n, uint64_t steps)
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
    if (W->way == GENERAL && small_init(W, M, steps)) W->way = SMALL;
}

static void walker_free(struct walker *W)
{
    free(W->small_mem);
    W->small_mem = NULL;
}

/* Π p_i^{e[i]} mod m, multiplied in pairs (a tree: independent products). */
static uint64_t prime_part(const struct walker *W, const unsigned char *e)
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
/* x ≥ 1 = c·p^v with c prime to p: returns c and sets *v (p = 2: trailing
 * zeros; odd p: exact division by multiplying with pinv, p^{-1} mod 2^64,
 * while x·pinv ≤ plim says p divides x). */
static inline uint64_t strip_prime(uint64_t x, uint64_t p, uint64_t pinv, uint64_t plim, unsigned *v)
{
    unsigned c = 0;
    if (p == 2) {
        c = (unsigned)__builtin_ctzll(x);
        x >>= c;
    } else {
        while (x * pinv <= plim) { x *= pinv; c++; }
    }
    *v = c;
    return x;
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

/* What walk_mod does with each C(n,k) mod m it meets: put it at its places
 * in the slice (slice.h), or, with sum, add it into *sum as many times as
 * it counts in a sum over the slice or, with complement, over the rest of
 * the row (pr_slice_weight). */
struct mod_out {
    struct pr_slice_places slice;
    uint64_t *sum;
    int complement;
};

static inline void mod_out_put(const struct mod_out *o, uint64_t k, uint64_t v, uint64_t m)
{
    if (o->sum == NULL) {
        pr_slice_put_u64(&o->slice, k, v);
        return;
    }
    for (int w = pr_slice_weight(&o->slice, k, o->complement); w-- > 0;) {
        uint64_t t = *o->sum + v;                 /* < 2m ≤ 2^64: no wrap */
        *o->sum = t >= m ? t - m : t;
    }
}

/* mod_out_put for k = k0 + i, i < cnt, and the values v[i·stride]. */
static void mod_out_run(const struct mod_out *o, uint64_t k0, uint64_t cnt, const uint64_t *v,
                        size_t stride, uint64_t m)
{
    if (o->sum == NULL) {
        pr_slice_put_run_u64(&o->slice, k0, cnt, v, stride);
        return;
    }
    for (uint64_t i = 0; i < cnt; i++) mod_out_put(o, k0 + i, v[i * stride], m);
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

/* walk_mod's block when W->way is MONT. */
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

/* walk_mod's block when W->way is TWO: C(n,k) = U·2^e, U odd.
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

/* ---------------------------------------------- small prime powers */

/* SMALL, for m whose prime powers q = p^a are all small.  By the CRT,
 * C(n,k) mod m = Σ_i crt_i·(C(n,k) mod q_i) mod m, and modulo one q = p^a,
 *     C(n,k) = p^e·w,   e = v_p(C(n,k)),  w prime to p,
 *     C(n,k) mod q = 0 if e ≥ a, else p^e·w mod q.
 * The units mod q form the group generated by gl and gs (cyclic, gs = 1,
 * for odd p; ±1 times the powers of 5 for p = 2), so w ≡ gs^s·gl^l: the
 * state (e, l mod ol, s mod os) of C(n,k) modulo q, its "log".  The walk's
 * identity C(n,k+1) = C(n,k)·(n−k)/(k+1) adds the log D(n−k) and subtracts
 * D(k+1), with D(x) = (v_p(x), log of x/p^{v_p(x)} mod q): additions only.
 * (A prime of m above n divides no n−k or k+1 ≤ n: its e stays 0, and the
 * walk's state keeps no exponent for it.)
 *
 * D(x) from x mod P (P = p^c, c ≥ a): when v = v_p(x mod P) ≤ c − a,
 * x = r + jP with r = x mod P gives v_p(x) = v and x/p^v ≡ r/p^v (mod p^a),
 * as p^{c−v} ≡ 0 (mod q).  The other residues, the multiples of ph =
 * p^{c−a+1}, are the exceptions: D(x) is then found from x itself.  With
 * the prefix sums PX[r] = Σ_{r'<r} D(r') over a period (exceptions counted
 * 0), the steps t0 ≤ s < t of a stretch with no exception, the residues of
 * n−k−s running down from rx and those of k+s+1 up from ry without wrapping
 * (the wrap is at 0, an exception), add up to
 *     Σ D(n−k−s) − Σ D(k+s+1)
 *       = PX[rx+1] − PX[rx+1−(t−t0)] − PX[ry+(t−t0)] + PX[ry],
 * so the log at t is C + N[rx+1−j] + N[ry+j] (j = t − t0, N = −PX, C the
 * log at t0 plus PX[rx+1] + PX[ry]): no chain from one value to the next.
 *
 * Logs are packed in one integer, e·w + l + wl·s, with l and s reduced in
 * the tables and in C.  The sum C + N + N has l < 3·ol − 2 = wl and
 * s < 3·os − 2, so its low part (below w) still tells l and s apart, and
 * its high part is the true e ≥ 0 (the negative e of N cancel).  Z maps
 * the packed log, clamped at a·w (e ≥ a: the residue 0), to
 * crt·(C(n,k) mod q) mod m, so each value costs, per prime power, two
 * table reads, two additions, a clamp, a read of Z and an addition mod m.
 * The tables (at most SMALL_MEM_MAX bytes) are on the heap, one block per
 * walker (walker_free). */

/* Bounds on what SMALL takes and builds: q ≤ SMALL_Q_MAX; the period P is
 * the least p^c ≥ SMALL_P_MIN with ph ≥ SMALL_PH_MIN (at most one residue
 * in SMALL_PH_MIN an exception, for x and for y) and must be ≤ SMALL_P_MAX;
 * the tables of all parts together at most SMALL_MEM_MAX bytes; built only
 * for walks of at least SMALL_BUILD_RATIO times their entries. */
#define SMALL_Q_MAX 4096
#define SMALL_P_MIN 1024
#define SMALL_PH_MIN 64
#define SMALL_P_MAX 65536
#define SMALL_MEM_MAX (1u << 20)
#define SMALL_BUILD_RATIO 2
/* Shortest stretch walk_mod gives walk_small (which converts the state to
 * logs and back: a few powers per prime power). */
#define SMALL_RUN_MIN 64

/* The part's constants for the prime power f (period, generators, index
 * widths); its tables N, DL and Z take P + 1, q and a·w + 1 entries.  0 if
 * f is out of SMALL's bounds. */
static int small_part_plan(struct small_part *sp, const struct prime_power *f)
{
    const uint64_t p = f->p, q = f->q;
    if (q > SMALL_Q_MAX) return 0;
    sp->p = p;
    sp->q = q;
    sp->a = f->a;
    sp->pinv = f->pinv;
    sp->plim = f->plim;
    uint64_t P = q;
    while (P < SMALL_P_MIN || P / q * p < SMALL_PH_MIN) {
        P *= p;
        if (P > SMALL_P_MAX) return 0;
    }
    sp->P = P;
    sp->ph = P / q * p;
    if (p == 2) {
        /* units mod 2^a: ±5^l (a ≥ 3), ±1 (a = 2), 1 (a = 1) */
        sp->ol = f->a >= 3 ? (uint32_t)(q >> 2) : 1;
        sp->os = f->a >= 2 ? 2 : 1;
        sp->gl = f->a >= 3 ? 5 : 1;
        sp->gs = f->a >= 2 ? q - 1 : 1;
    } else {
        /* cyclic of order φ(q) = p^{a−1}(p − 1): g primitive mod p, and
         * g^{p−1} ≢ 1 (mod p²) (else g + p is), generates it */
        sp->ol = (uint32_t)(q / p * (p - 1));
        sp->os = 1;
        sp->gs = 1;
        uint64_t r[16], nr = 0, t = p - 1;
        for (uint64_t d = 2; d * d <= t; d++)
            if (t % d == 0) {
                r[nr++] = d;
                while (t % d == 0) t /= d;
            }
        if (t > 1) r[nr++] = t;
        uint64_t g = 2 % p;
        for (;; g++) {
            int prim = 1;
            for (uint64_t i = 0; i < nr && prim; i++) prim = pr_powmod(g, (p - 1) / r[i], p) != 1;
            if (prim) break;
        }
        if (f->a >= 2 && pr_powmod(g, p - 1, p * p) == 1) g += p;
        sp->gl = g % q;
    }
    sp->wl = 3 * sp->ol - 2;
    sp->w = sp->wl * (3 * sp->os - 2);
    return 1;
}

/* log_q(x), x a unit mod q: (l, s) from DL. */
static inline void small_log(const struct small_part *sp, uint64_t x, uint32_t *l, uint32_t *s)
{
    uint32_t d = sp->DL[x];
    *l = d & 0xFFFF;
    *s = d >> 16;
}

/* D(x) for x ≥ 1 from x itself: v_p(x), and the log of x/p^v mod q. */
static void small_exact(const struct small_part *sp, uint64_t x, unsigned *v, uint32_t *l, uint32_t *s)
{
    x = strip_prime(x, sp->p, sp->pinv, sp->plim, v);
    small_log(sp, x % sp->q, l, s);
}

/* A log (e, l, s), reduced l < ol and s < os. */
struct small_log {
    int64_t e;
    uint32_t l, s;
};

static inline int64_t small_pack(const struct small_part *sp, struct small_log g)
{
    return g.e * (int64_t)sp->w + g.l + (int64_t)sp->wl * g.s;
}

/* The packed sum of logs back to a reduced log: e = ⌊v/w⌋, the rest splits
 * into l + wl·s (each below its width). */
static struct small_log small_unpack(const struct small_part *sp, int64_t v)
{
    int64_t w = sp->w, e = v / w, rem = v % w;
    if (rem < 0) { rem += w; e--; }
    struct small_log g = { e, (uint32_t)(rem % sp->wl % sp->ol), (uint32_t)(rem / sp->wl % sp->os) };
    return g;
}

/* g + sign·(v, l, s), reduced. */
static inline struct small_log small_add(const struct small_part *sp, struct small_log g, int sign,
                                         unsigned v, uint32_t l, uint32_t s)
{
    /* l < ol and s < os: one subtraction reduces */
    if (sign > 0) {
        g.e += v;
        g.l += l;
        g.s += s;
    } else {
        g.e -= v;
        g.l += sp->ol - l;
        g.s += sp->os - s;
    }
    if (g.l >= sp->ol) g.l -= sp->ol;
    if (g.s >= sp->os) g.s -= sp->os;
    return g;
}

/* Builds the parts' tables when every prime power of m is within SMALL's
 * bounds and the walk (about steps values) is long enough to pay for them;
 * 1 then, else 0 (also when malloc fails: the other ways need nothing). */
static int small_init(struct walker *W, const struct modulus *M, uint64_t steps)
{
    size_t nN = 0, nDL = 0, nZ = 0;
    for (unsigned i = 0; i < M->count; i++) {
        struct small_part *sp = &W->sp[i];
        if (!small_part_plan(sp, &M->f[i])) return 0;
        nN += sp->P + 1;
        nDL += sp->q;
        nZ += (size_t)sp->a * sp->w + 1;
    }
    size_t bytes = nZ * sizeof(uint64_t) + nN * sizeof(int32_t) + nDL * sizeof(uint32_t);
    if (bytes > SMALL_MEM_MAX || steps / SMALL_BUILD_RATIO < nN + nDL + nZ) return 0;
    char *mem = malloc(bytes);
    if (mem == NULL) return 0;
    uint64_t *Z = (uint64_t *)mem;
    int32_t *N = (int32_t *)(Z + nZ);
    uint32_t *DL = (uint32_t *)(N + nN);
    for (unsigned i = 0; i < M->count; i++) {
        struct small_part *sp = &W->sp[i];
        const uint64_t p = sp->p, q = sp->q, m = M->m;
        /* crt = (m/q)·((m/q)^{-1} mod q) */
        sp->crt = pr_mulmod(m / q, pr_invmod((m / q) % q, q), m);
        /* DL: x = gs^s·gl^l runs over the units once */
        memset(DL, 0, q * sizeof *DL);
        for (uint64_t s = 0, xs = 1 % q; s < sp->os; s++, xs = xs * sp->gs % q)
            for (uint64_t l = 0, x = xs; l < sp->ol; l++, x = x * sp->gl % q)
                DL[x] = (uint32_t)(l | s << 16);
        sp->DL = DL;
        /* Z: e < a, the unreduced l < wl and s < 3·os − 2 */
        for (unsigned e = 0; e < sp->a; e++) {
            uint64_t pe = pr_powmod(p, e, q);
            for (uint32_t s = 0; s < 3 * sp->os - 2; s++) {
                uint64_t x = pe * pr_powmod(sp->gs, s, q) % q;
                for (uint32_t l = 0; l < sp->wl; l++, x = x * sp->gl % q)
                    Z[(size_t)e * sp->w + l + (size_t)sp->wl * s] = pr_mulmod(sp->crt, x, m);
            }
        }
        Z[(size_t)sp->a * sp->w] = 0;
        sp->Z = Z;
        /* N[r] = −PX[r], the exceptions (multiples of ph, 0 among them)
         * counted 0; |N| ≤ v_p(P!)·w + w must fit int32_t */
        struct small_log g = { 0, 0, 0 };
        for (uint64_t r = 0;; r++) {
            struct small_log neg = small_add(sp, (struct small_log){ 0, 0, 0 }, -1, (unsigned)0, g.l, g.s);
            neg.e = -g.e;
            int64_t v = small_pack(sp, neg);
            if (v < INT32_MIN + (int64_t)sp->w) { free(mem); return 0; }
            N[r] = (int32_t)v;
            if (r == sp->P) break;
            if (r % sp->ph != 0) {
                unsigned c;
                uint32_t l, s;
                small_exact(sp, r, &c, &l, &s);
                g = small_add(sp, g, 1, c, l, s);
            }
        }
        sp->N = N;
        Z += (size_t)sp->a * sp->w + 1;
        N += sp->P + 1;
        DL += q;
    }
    W->nsp = M->count;
    W->small_mem = mem;
    return 1;
}

/* One part over the values t < len of k0 + t (k0 + len ≤ n), from the log
 * *g of C(n,k0) mod q, left at that of C(n,k0+len).  With X, Z's entries
 * go into X[t]: set (first) or added mod m. */
static void small_part_walk(const struct small_part *sp, uint64_t n, uint64_t k0, unsigned len,
                            struct small_log *g, uint64_t *X, int first, uint64_t m)
{
    const int32_t *N = sp->N;
    const uint64_t *Z = sp->Z;
    const uint64_t top = (uint64_t)sp->a * sp->w;
    for (unsigned t0 = 0; t0 < len;) {
        const uint64_t x = n - k0 - t0, y = k0 + t0 + 1;
        const uint64_t rx = x % sp->P, ry = y % sp->P;
        /* the next exception: the step te at which n−k or k+1 ≡ 0 (mod ph) */
        uint64_t dx = rx % sp->ph, dy = (sp->ph - ry % sp->ph) % sp->ph;
        uint64_t te = t0 + (dx < dy ? dx : dy);
        /* C = the log at t0 + PX[rx+1] + PX[ry], PX = −N */
        struct small_log c = *g, a1 = small_unpack(sp, N[rx + 1]), a2 = small_unpack(sp, N[ry]);
        c = small_add(sp, c, -1, 0, a1.l, a1.s);
        c = small_add(sp, c, -1, 0, a2.l, a2.s);
        c.e -= a1.e + a2.e;
        const int64_t C = small_pack(sp, c);
        /* for j ≤ te − t0 (and ≤ len − t0), rx + 1 − j ≥ 1 and ry + j ≤ P */
        const int32_t *nx = N + rx + 1, *ny = N + ry;
        const unsigned tv = te < len - 1 ? (unsigned)te : len - 1;
        if (X != NULL) {
            const int32_t *a = nx, *b = ny;
            uint64_t *o = X + t0, *const end = X + tv + 1;
            if (first)
                for (; o < end; o++) {
                    uint64_t i = (uint64_t)(C + *a-- + *b++);
                    *o = Z[i < top ? i : top];
                }
            else
                for (; o < end; o++) {
                    uint64_t i = (uint64_t)(C + *a-- + *b++);
                    uint64_t v = *o + Z[i < top ? i : top];    /* < 2m ≤ 2^64 */
                    *o = v >= m ? v - m : v;
                }
        }
        if (te >= len) {                                    /* no exception before the end */
            *g = small_unpack(sp, C + *(nx - (len - t0)) + ny[len - t0]);
            return;
        }
        /* the log at te, then the exceptional step by D from n−k and k+1 */
        *g = small_unpack(sp, C + *(nx - (te - t0)) + ny[te - t0]);
        unsigned v;
        uint32_t l, s;
        small_exact(sp, n - k0 - te, &v, &l, &s);
        *g = small_add(sp, *g, 1, v, l, s);
        small_exact(sp, k0 + te + 1, &v, &l, &s);
        *g = small_add(sp, *g, -1, v, l, s);
        t0 = (unsigned)te + 1;
    }
}

/* walk_mod's way when W->way is SMALL: count values from s (s->k + count
 * ≤ n), X a scratch of BLOCK words.  The state goes to logs: with
 * C(n,k) = u·Π_j p_j^{e_j}, the p_i-free part mod q_i is
 * u·Π_{j≠i} p_j^{e_j}; and back: u ≡ w_i·Π_{j≠i} p_j^{−e_j} (mod q_i),
 * joined by the CRT. */
static void walk_small(const struct walker *W, struct mod_state *s, uint64_t count,
                       const struct mod_out *out, uint64_t *X)
{
    struct small_log g[PR_MAX_PRIMES];
    for (unsigned i = 0; i < W->nsp; i++) {
        const struct small_part *sp = &W->sp[i];
        uint64_t w = s->u % sp->q;
        for (unsigned j = 0; j < W->ns; j++)
            if (j != i) w = w * pr_powmod(W->f[j].p, s->e[j], sp->q) % sp->q;
        g[i].e = i < W->ns ? s->e[i] : 0;
        small_log(sp, w, &g[i].l, &g[i].s);
    }
    if (out == NULL) {
        for (unsigned i = 0; i < W->nsp; i++) {
            for (uint64_t done = 0; done < count;) {
                unsigned len = count - done < UINT32_MAX ? (unsigned)(count - done) : UINT32_MAX;
                small_part_walk(&W->sp[i], W->n, s->k + done, len, &g[i], NULL, 0, W->m);
                done += len;
            }
        }
    } else {
        for (uint64_t done = 0; done < count;) {
            unsigned len = count - done < BLOCK ? (unsigned)(count - done) : BLOCK;
            for (unsigned i = 0; i < W->nsp; i++)
                small_part_walk(&W->sp[i], W->n, s->k + done, len, &g[i], X, i == 0, W->m);
            mod_out_run(out, s->k + done, len, X, 1, W->m);
            done += len;
        }
    }
    for (unsigned i = 0; i < W->ns; i++) s->e[i] = (unsigned char)g[i].e;
    uint64_t u = 0;
    for (unsigned i = 0; i < W->nsp; i++) {
        const struct small_part *sp = &W->sp[i];
        uint64_t w = pr_powmod(sp->gl, g[i].l, sp->q) * pr_powmod(sp->gs, g[i].s, sp->q) % sp->q;
        for (unsigned j = 0; j < W->ns; j++)
            if (j != i) w = w * pr_powmod(pr_invmod(W->f[j].p % sp->q, sp->q), s->e[j], sp->q) % sp->q;
        u += pr_mulmod(sp->crt, w, W->m);
        if (u >= W->m) u -= W->m;
    }
    s->u = u;
    s->k += count;
}

/* Advance s by `count` values.  With out, each C(n,k) mod m met goes to it
 * (mod_out_put); without, the walk only moves the seed.
 *
 * A block of len values from C(n,k) = u·P_0 (P_t the prime part of
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
static void walk_mod(const struct walker *W, struct mod_state *s, uint64_t count,
                     const struct mod_out *out)
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
                walk_small(W, s, run, out, X);
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
            for (unsigned t = 0; t < len; t++) P[t] = prime_part(W, E + (size_t)t * ns);
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

/* ------------------------------------------------------------ the seed */

/* Σ over the prime powers of Granville's cost for C(n,k); with skip_zero,
 * the prime powers that C(n,k) is divisible by cost nothing (their residue
 * is 0 whatever the rest is). */
static uint64_t granville_cost(const struct modulus *M, uint64_t n, uint64_t k, int skip_zero)
{
    uint64_t cost = 0;
    for (unsigned i = 0; i < M->count; i++) {
        if (skip_zero && pr_carries(n, k, M->f[i].p) >= M->f[i].a) continue;
        cost = pr_add_sat(cost, pr_granville(n, k, &M->f[i], NULL, NULL));
    }
    return cost;
}

/* s = C(n,k) in walk form from Granville per prime power: the p_i-free part
 * mod q_i divided by the other primes' powers is U mod q_i; CRT gives U. */
static void seed_granville(const struct modulus *M, const struct walker *W, uint64_t n, uint64_t k,
                           struct mod_state *s, struct mod_job *job)
{
    const struct pr_stop stop = { job_stop_poll, job };
    unsigned v[PR_MAX_PRIMES];
    for (unsigned i = 0; i < M->count; i++) v[i] = pr_carries(n, k, M->f[i].p);
    uint64_t x = 0, mod = 1;
    for (unsigned i = 0; i < M->count; i++) {
        const uint64_t q = M->f[i].q;
        uint64_t u;
        pr_granville(n, k, &M->f[i], &u, job == NULL ? NULL : &stop);
        for (unsigned l = 0; l < M->count; l++)
            if (l != i && v[l] != 0)
                u = pr_mulmod(u, pr_invmod(pr_powmod(M->f[l].p, v[l], q), q), q);
        pr_crt_join(&x, &mod, u, q);
    }
    s->k = k;
    s->u = x;
    memset(s->e, 0, sizeof s->e);
    for (unsigned i = 0; i < W->ns; i++) s->e[i] = (unsigned char)v[i];
}

/* s = C(n,k), k ≤ n/2, by the cheaper way; with a job, asking it every
 * PR_POLL_FACTORS steps whether to stop.  0, or -1 stopped (s unusable). */
static int seed(const struct modulus *M, const struct walker *W, uint64_t k, struct mod_state *s,
                struct mod_job *job)
{
    s->k = 0;
    s->u = 1 % M->m;
    memset(s->e, 0, sizeof s->e);
    if (k == 0) return 0;
    if (granville_cost(M, W->n, k, 0) < k) {
        seed_granville(M, W, W->n, k, s, job);
    } else {
        for (uint64_t left = k; left > 0;) {
            uint64_t len = job == NULL || left < PR_POLL_FACTORS ? left : PR_POLL_FACTORS;
            walk_mod(W, s, len, NULL);
            left -= len;
            if (left > 0 && job_stopped(job, 1)) return -1;
        }
    }
    return job != NULL && job_stopped(job, 1) ? -1 : 0;
}

/* What seed() costs: min(walk, Granville). */
static uint64_t seed_cost(const struct modulus *M, uint64_t n, uint64_t k)
{
    if (k == 0) return 0;
    uint64_t g = granville_cost(M, n, k, 0);
    return g < k ? g : k;
}

/* ------------------------------------------------------------- the API */

static int bad_modulus(uint64_t m) { return m == 0 || m > PASCALROW_MOD_MAX; }

/* Row n ≤ ADDITIVE_MAX_N mod m by the additive step, then the slice. */
static void slice_additive(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    uint64_t row[ADDITIVE_MAX_N + 2];
    row[0] = 1 % m;
    for (uint64_t i = 0; i < n; i++) pascalrow_step_mod(i, m, row);   /* cannot fail: checked */
    memcpy(out, row + start, (size_t)(stop - start) * sizeof *out);
}

/* Row n > ADDITIVE_MAX_N mod M->m over [lo, hi), lo ≤ n/2: seeded at lo
 * the cheaper way, each value handed to out. */
static void walk_range_mod(const struct modulus *M, uint64_t n, uint64_t lo, uint64_t hi,
                           const struct mod_out *out)
{
    struct walker W;
    struct mod_state s;
    walker_init(&W, M, n, pr_add_sat(hi - lo, seed_cost(M, n, lo)));
    seed(M, &W, lo, &s, NULL);
    walk_mod(&W, &s, hi - lo, out);
    walker_free(&W);
}

/* ------------------------------------------------------- the threads */

/* Values a thread walks between two looks at the stop flag, and the calling
 * thread between two polls: about a millisecond of work. */
#define CHUNK ((uint64_t)1 << 16)
/* Fewest values of a part: below that, threads cost more than they give. */
#define PART_MIN ((uint64_t)1 << 16)
/* Most parts (and threads). */
#define MAX_PARTS 256
/* The calling thread, its part done, polls this often while it waits. */
#define WAIT_POLL_NS 2000000L
/* What moving the seed over a value (walk_mod without out) costs, against
 * walking it with its value put in place: measured 0.25–0.5 (the
 * Montgomery passes forward only and no memory written, against both
 * passes and the writes); the parts are sized with this.  The SMALL way
 * without values visits only the exceptions of its tables: measured
 * 0.03–0.25. */
#define RATIO_COST 0.35
#define SMALL_RATIO_COST 0.1

/* A slice's lower-half range [cut[0], cut[nparts]) in nparts parts, one per
 * thread, part i from the true C(n, cut[i]).  The calling thread seeds part
 * 0 (seed) and walks it.  Thread i ≥ 1 first moves a seed of unit part 1
 * over part i − 1 (the walk is linear in u; the exponents at any k are
 * known at once: Kummer), which gives ratio[i−1] = U(cut[i])/U(cut[i−1]);
 * once the seed and ratio[0..i) are there, U(cut[i]) = U(cut[0])·Π ratio[j]
 * and it walks part i.  Part i is shorter than part i − 1 by the ratio's
 * cost, so that all threads finish together. */
struct mod_job {
    const struct modulus *M;
    const struct walker *W;
    struct mod_out out;
    unsigned nparts;
    uint64_t cut[MAX_PARTS + 1];
    pascalrow_poll poll;
    void *ctx;
    atomic_int stop;
    atomic_uint finished;               /* helpers done */
    int synced;                         /* lock and more were made (else one part) */
    pthread_mutex_t lock;               /* guards the rest */
    pthread_cond_t more;                /* broadcast when any of it changes */
    struct mod_state first;             /* part 0's seed, once have_first */
    int have_first;
    uint64_t ratio[MAX_PARTS];
    unsigned char have[MAX_PARTS];
};

struct mod_task {
    struct mod_job *job;
    unsigned i;
};

static void job_set_stop(struct mod_job *job)
{
    if (!job->synced) {                             /* one part, no one waits */
        atomic_store(&job->stop, 1);
        return;
    }
    pthread_mutex_lock(&job->lock);
    atomic_store(&job->stop, 1);
    pthread_cond_broadcast(&job->more);
    pthread_mutex_unlock(&job->lock);
}

/* Whether to stop: yes once stopped; else the calling thread (caller) polls
 * first. */
static int job_stopped(struct mod_job *job, int caller)
{
    if (atomic_load_explicit(&job->stop, memory_order_relaxed)) return 1;   /* once stopped, no more polls */
    if (caller && job->poll != NULL && job->poll(job->ctx) != 0) job_set_stop(job);
    return atomic_load_explicit(&job->stop, memory_order_relaxed);
}

/* The state at cut[i] with unit part 1: the true exponents (Kummer). */
static void unit_state(const struct walker *W, uint64_t k, struct mod_state *s)
{
    s->k = k;
    s->u = 1 % W->m;
    memset(s->e, 0, sizeof s->e);
    for (unsigned l = 0; l < W->ns; l++) s->e[l] = (unsigned char)pr_carries(W->n, k, W->f[l].p);
}

/* s over [s->k, end) in chunks, with or without values; 0, or -1 stopped. */
static int walk_chunks(struct mod_job *job, struct mod_state *s, uint64_t end, int values, int caller)
{
    while (s->k < end) {
        if (job_stopped(job, caller)) return -1;
        uint64_t len = end - s->k < CHUNK ? end - s->k : CHUNK;
        walk_mod(job->W, s, len, values ? &job->out : NULL);
    }
    return 0;
}

static void walk_first(struct mod_job *job)
{
    struct mod_state s;
    if (seed(job->M, job->W, job->cut[0], &s, job) < 0) return;   /* stopped: the helpers see it */
    pthread_mutex_lock(&job->lock);
    job->first = s;
    job->have_first = 1;
    pthread_cond_broadcast(&job->more);
    pthread_mutex_unlock(&job->lock);
    walk_chunks(job, &s, job->cut[1], 1, 1);
}

/* Part i ≥ 1 (see struct mod_job). */
static void walk_later(struct mod_job *job, unsigned i, int caller)
{
    const struct walker *W = job->W;
    struct mod_state s;
    unit_state(W, job->cut[i - 1], &s);
    if (walk_chunks(job, &s, job->cut[i], 0, caller) < 0) return;
    pthread_mutex_lock(&job->lock);
    job->ratio[i - 1] = s.u;
    job->have[i - 1] = 1;
    pthread_cond_broadcast(&job->more);
    unsigned j = 0;
    for (;;) {
        while (j < i && job->have[j]) j++;
        if (atomic_load(&job->stop) || (j == i && job->have_first)) break;
        pthread_cond_wait(&job->more, &job->lock);
    }
    uint64_t u = job->first.u;
    pthread_mutex_unlock(&job->lock);
    if (j < i) return;                              /* stopped */
    for (j = 0; j < i; j++) u = pr_mod_mul(&W->R, job->ratio[j], u);
    unit_state(W, job->cut[i], &s);
    s.u = u;
    walk_chunks(job, &s, job->cut[i + 1], 1, caller);
}

static void *helper(void *vtask)
{
    struct mod_task *t = vtask;
    walk_later(t->job, t->i, 0);
    atomic_fetch_add(&t->job->finished, 1);
    return NULL;
}

/* Part i's start: part sizes s_0 = t, s_i = t − r·s_{i−1} with r the
 * ratio's cost (RATIO_COST, SMALL_RATIO_COST), so that each thread's walk
 * plus its ratio takes t, scaled to the range. */
static void cut_parts(struct mod_job *job, uint64_t lo, uint64_t hi)
{
    const double r = job->W->way == SMALL ? SMALL_RATIO_COST : RATIO_COST;
    double size[MAX_PARTS], total = 0;
    for (unsigned i = 0; i < job->nparts; i++) {
        size[i] = i == 0 ? 1.0 : 1.0 - r * size[i - 1];
        total += size[i];
    }
    double at = 0;
    job->cut[0] = lo;
    for (unsigned i = 1; i < job->nparts; i++) {
        at += size[i - 1] / total;
        uint64_t c = lo + (uint64_t)(at * (double)(hi - lo));
        job->cut[i] = c < job->cut[i - 1] ? job->cut[i - 1] : c > hi ? hi : c;
    }
    job->cut[job->nparts] = hi;
}

/* Part 0 here, parts 1 .. nparts − 1 on helper threads (those that cannot be
 * started run here afterwards, in order: a part waits only for earlier
 * ones), then, until every helper is done, the calling thread keeps
 * polling; then the joins.  Nothing of the job outlives the call. */
static void run_parts(struct mod_job *job)
{
    pthread_t tid[MAX_PARTS];
    struct mod_task task[MAX_PARTS];
    unsigned started = 0, next = 1;
    for (; next < job->nparts; next++) {
        task[started] = (struct mod_task){ job, next };
        if (pthread_create(&tid[started], NULL, helper, &task[started]) != 0) break;
        started++;
    }
    walk_first(job);
    for (; next < job->nparts; next++) walk_later(job, next, 1);
    while (atomic_load(&job->finished) < started) {
        job_stopped(job, 1);
        struct timespec pause = { 0, WAIT_POLL_NS };
        nanosleep(&pause, NULL);
    }
    for (unsigned i = 0; i < started; i++) pthread_join(tid[i], NULL);
}

int pascalrow_slice_mod_threads(uint64_t n, uint64_t start, uint64_t stop, uint64_t m,
                                unsigned nthreads, pascalrow_poll poll, void *ctx, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    int st = pr_clip_range(n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY) return st;
    if (stop - start > SIZE_MAX / sizeof *out) return PASCALROW_ERANGE;
    if (m == 1) {
        memset(out, 0, (size_t)(stop - start) * sizeof *out);
        return PASCALROW_OK;
    }
    if (n <= ADDITIVE_MAX_N) {
        slice_additive(n, start, stop, m, out);
        return PASCALROW_OK;
    }
    struct modulus M;
    struct walker W;
    pr_factor_modulus(&M, m);
    uint64_t lo, hi;
    pascalrow_slice_hull(n, start, stop, &lo, &hi);
    walker_init(&W, &M, n, pr_add_sat(hi - lo, seed_cost(&M, n, lo)));
    uint64_t parts = (hi - lo) / PART_MIN;
    if (nthreads < parts) parts = nthreads;
    if (parts > MAX_PARTS) parts = MAX_PARTS;
    if (parts < 1) parts = 1;
    struct mod_job job = { .M = &M, .W = &W, .out = { { n, start, stop, out }, NULL, 0 },
                           .nparts = (unsigned)parts, .poll = poll, .ctx = ctx };
    atomic_init(&job.stop, 0);
    atomic_init(&job.finished, 0);
    job.synced = 0;
    if (job.nparts > 1 && pthread_mutex_init(&job.lock, NULL) == 0) {
        if (pthread_cond_init(&job.more, NULL) == 0) job.synced = 1;
        else pthread_mutex_destroy(&job.lock);
    }
    if (!job.synced) job.nparts = 1;                /* one part: no lock needed, none made */
    cut_parts(&job, lo, hi);
    if (job.nparts == 1) {
        struct mod_state s;
        if (seed(&M, &W, lo, &s, &job) == 0) walk_chunks(&job, &s, hi, 1, 1);
    } else {
        run_parts(&job);
    }
    if (job.synced) {
        pthread_cond_destroy(&job.more);
        pthread_mutex_destroy(&job.lock);
    }
    walker_free(&W);
    return atomic_load(&job.stop) ? PASCALROW_EINTR : PASCALROW_OK;
}

int pascalrow_slice_mod(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    return pascalrow_slice_mod_threads(n, start, stop, m, 1, NULL, NULL, out);
}

/* ------------------------------------------------------- the stream */

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
        walker_init(&st->W, &st->M, n, pr_add_sat(n + 1 - st->k, seed_cost(&st->M, n, low)));
        seed(&st->M, &st->W, low, &st->s, NULL);
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
        walk_mod(&st->W, &st->s, count, &places);
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
    if (st != NULL) walker_free(&st->W);
    free(st);
}

/* How pascalrow_row_sum_mod walks the slice [a, b) (clipped, non-empty,
 * not the whole row) of row n > ADDITIVE_MAX_N: over the slice's hull from
 * the cheaper seed, or over the rest of the row, [0, pr_slice_rest_end), from
 * C(n,0) = 1 — whichever costs fewer steps.  Returns that cost and sets
 * [*lo, *hi) and *complement. */
static uint64_t sum_plan(const struct modulus *M, uint64_t n, uint64_t a, uint64_t b,
                         uint64_t *lo, uint64_t *hi, int *complement)
{
    pascalrow_slice_hull(n, a, b, lo, hi);
    uint64_t direct = pr_add_sat(*hi - *lo, seed_cost(M, n, *lo)), rest = pr_slice_rest_end(n, a, b);
    *complement = rest < direct;
    if (*complement) { *lo = 0; *hi = rest; }
    return *complement ? rest : direct;
}

/* Squarings of 2^n mod m by pr_powmod: one per bit of n. */
static uint64_t pow2_cost(uint64_t n) { return n ? 64 - (uint64_t)__builtin_clzll(n) : 1; }

int pascalrow_row_sum_mod(uint64_t n, uint64_t start, uint64_t stop, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    *out = 0;
    int st = pr_clip_range(n, &start, &stop);
    if (st != PR_RANGE_NONEMPTY || m == 1) return st == PR_RANGE_NONEMPTY ? PASCALROW_OK : st;
    /* Σ_{k=0}^{n} C(n,k) = 2^n */
    uint64_t whole = pr_powmod(2, n, m);
    if (start == 0 && stop == n + 1) {
        *out = whole;
        return PASCALROW_OK;
    }
    if (n <= ADDITIVE_MAX_N) {
        uint64_t row[ADDITIVE_MAX_N + 1];
        slice_additive(n, start, stop, m, row);
        uint64_t sum = 0;
        for (uint64_t i = 0; i < stop - start; i++) {
            sum += row[i];                           /* < 2m ≤ 2^64: no wrap */
            if (sum >= m) sum -= m;
        }
        *out = sum;
        return PASCALROW_OK;
    }
    struct modulus M;
    pr_factor_modulus(&M, m);
    uint64_t lo, hi, sum = 0;
    int complement;
    sum_plan(&M, n, start, stop, &lo, &hi, &complement);
    struct mod_out acc = { { n, start, stop, NULL }, &sum, complement };
    walk_range_mod(&M, n, lo, hi, &acc);
    /* Σ_{slice} = 2^n − Σ_{rest} */
    *out = complement ? (whole + m - sum) % m : sum;
    return PASCALROW_OK;
}

int pascalrow_comb_mod(uint64_t n, uint64_t k, uint64_t m, uint64_t *out)
{
    if (out == NULL || bad_modulus(m)) return PASCALROW_EINVAL;
    if (k > n || m == 1) { *out = 0; return PASCALROW_OK; }   /* C(n,k) = 0 for k > n */
    if (k > n - k) k = n - k;                                 /* C(n,k) = C(n,n−k) */
    struct modulus M;
    pr_factor_modulus(&M, m);
    if (granville_cost(&M, n, k, 1) < k) {
        /* per prime power: C(n,k) ≡ (p-free part)·p^v (mod q), 0 once v ≥ a */
        uint64_t x = 0, mod = 1;
        for (unsigned i = 0; i < M.count; i++) {
            const struct prime_power *f = &M.f[i];
            unsigned v = pr_carries(n, k, f->p);
            uint64_t r = 0;
            if (v < f->a) {
                pr_granville(n, k, f, &r, NULL);
                r = pr_mulmod(r, pr_powmod(f->p, v, f->q), f->q);
            }
            pr_crt_join(&x, &mod, r, f->q);
        }
        *out = x;
        return PASCALROW_OK;
    }
    struct walker W;
    struct mod_state s = { 0, 1, { 0 } };
    walker_init(&W, &M, n, k);
    walk_mod(&W, &s, k, NULL);
    *out = pr_mulmod(s.u, prime_part(&W, s.e), m);
    walker_free(&W);
    return PASCALROW_OK;
}

/* The same decisions as the functions above, counted instead of done. */
uint64_t pascalrow_slice_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m)
{
    if (bad_modulus(m) || pr_clip_range(n, &start, &stop) != PR_RANGE_NONEMPTY || m == 1) return 0;
    if (n <= ADDITIVE_MAX_N) return n * (n + 1) / 2;
    struct modulus M;
    pr_factor_modulus(&M, m);
    uint64_t lo, hi;
    pascalrow_slice_hull(n, start, stop, &lo, &hi);
    return pr_add_sat(hi - lo, seed_cost(&M, n, lo));
}

uint64_t pascalrow_row_sum_mod_cost(uint64_t n, uint64_t start, uint64_t stop, uint64_t m)
{
    if (bad_modulus(m) || pr_clip_range(n, &start, &stop) != PR_RANGE_NONEMPTY || m == 1) return 0;
    if (start == 0 && stop == n + 1) return pow2_cost(n);
    if (n <= ADDITIVE_MAX_N) return n * (n + 1) / 2;
    struct modulus M;
    pr_factor_modulus(&M, m);
    uint64_t lo, hi;
    int complement;
    return pr_add_sat(pow2_cost(n), sum_plan(&M, n, start, stop, &lo, &hi, &complement));
}

uint64_t pascalrow_comb_mod_cost(uint64_t n, uint64_t k, uint64_t m)
{
    if (bad_modulus(m) || k > n || m == 1) return 0;
    if (k > n - k) k = n - k;
    struct modulus M;
    pr_factor_modulus(&M, m);
    uint64_t g = granville_cost(&M, n, k, 1);
    return g < k ? g : k;
}

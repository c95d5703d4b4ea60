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
 * in logarithms instead, each value a few table reads (pr_walk_small), and
 * comes back to that form at the end.
 *
 * The seed.  A slice deep in a row starts from C(n,a) mod m in that form,
 * got by the cheaper of walking from k = 0 and Granville's theorem per prime
 * power of m (joined by the Chinese remainder theorem); both costs are
 * counted exactly before choosing.
 *
 * The files, and this header for what they share (library-internal):
 *   mod_walk.c     the walker: its ways (GENERAL, MONT, TWO; SMALL's tables
 *                  are mod_small.c's) and pr_walk_mod, which moves a state and
 *                  hands out the values it meets;
 *   mod_small.c    SMALL: every prime power of m small, walked apart in
 *                  logarithms;
 *   mod_seed.c     the seed: C(n,k) in walk form the cheaper way, and its
 *                  cost; asks a struct pr_stop whether to stop, and knows
 *                  nothing of threads;
 *   mod_threads.c  a slice walked in parts on threads, the calling thread
 *                  polling;
 *   mod.c          the public functions (pascalrow.h), their costs (each
 *                  from the plan its function follows), sums and the stream.
 */
#ifndef PASCALROW_MOD_H
#define PASCALROW_MOD_H

#include "dispatch.h"
#include "granville.h"
#include "kummer.h"
#include "modarith.h"
#include "slice.h"

/* v_p(C(n,k)) ≤ log_p n < 64 for n < 2^64: exponent tables have 64 entries. */
#define MAX_EXP 64
/* Values per batch inversion: one extended Euclid per BLOCK values
 * (pr_walk_mod keeps three arrays of BLOCK words and the exponents: about
 * 40 kB of stack). */
#define BLOCK 1024

/* The montrun passes modulo an odd m ≥ 3 (dispatch.h), dispatched: 32-bit
 * Montgomery for m < 2^31; 64-bit otherwise. */
struct mont_ctx {
    pr_montrun_fwd_fn *fwd;
    pr_montrun_bwd_fn *bwd;
    uint64_t mni, rmod;                     /* −m^{-1} mod R, R mod m (R = 2^32 or 2^64) */
    struct pr_mod R;
};

/* SMALL: one prime power q = p^a of m, walked in logarithms (see the
 * file mod_small.c). */
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
    /* How full blocks go (pr_walk_mod): MONT, the montrun passes modulo m;
     * TWO, m = 2^a·o split by the CRT, the passes modulo o and a walk of
     * the odd parts modulo 2^64 for 2^a; SMALL, every prime power of m
     * small, walked apart in logarithms (pr_walk_small); GENERAL, the walk
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

/* What pr_walk_mod does with each C(n,k) mod m it meets: put it at its places
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
static inline void mod_out_run(const struct mod_out *o, uint64_t k0, uint64_t cnt, const uint64_t *v,
                               size_t stride, uint64_t m)
{
    if (o->sum == NULL) {
        pr_slice_put_run_u64(&o->slice, k0, cnt, v, stride);
        return;
    }
    for (uint64_t i = 0; i < cnt; i++) mod_out_put(o, k0 + i, v[i * stride], m);
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

/* ----------------------------------------------- the walk (mod_walk.c) */

/* steps: about how many values the walker will walk (SMALL's tables are
 * built only when they cost a small part of that).  pr_walker_free releases
 * what it holds. */
void pr_walker_init(struct walker *W, const struct modulus *M, uint64_t n, uint64_t steps);
void pr_walker_free(struct walker *W);

/* Π p_i^{e[i]} mod m, from the walker's tables. */
uint64_t pr_walker_prime_part(const struct walker *W, const unsigned char *e);

/* Advance s by count values.  With out, each C(n,k) mod m met goes to it
 * (mod_out_put); without, the walk only moves the state. */
void pr_walk_mod(const struct walker *W, struct mod_state *s, uint64_t count, const struct mod_out *out);

/* ------------------------------------ small prime powers (mod_small.c) */

/* Shortest stretch pr_walk_mod gives pr_walk_small (which converts the
 * state to logs and back: a few powers per prime power). */
#define SMALL_RUN_MIN 64

/* SMALL's tables in W when every prime power of M is within its bounds and
 * a walk of about steps values pays for them: 1 then (W->way becomes
 * SMALL), else 0. */
int pr_small_init(struct walker *W, const struct modulus *M, uint64_t steps);

/* pr_walk_mod's way when W->way is SMALL: count values from s (s->k + count
 * ≤ n), X a scratch of BLOCK words. */
void pr_walk_small(const struct walker *W, struct mod_state *s, uint64_t count, const struct mod_out *out,
                   uint64_t *X);

/* ----------------------------------------------- the seed (mod_seed.c) */

/* Σ over the prime powers of Granville's cost for C(n,k); with skip_zero,
 * the prime powers that C(n,k) is divisible by cost nothing (their residue
 * is 0 whatever the rest is). */
uint64_t pr_granville_cost(const struct modulus *M, uint64_t n, uint64_t k, int skip_zero);

/* s = C(n,k), k ≤ n/2, by the cheaper way (walk from k = 0, or Granville
 * per prime power); asking stop (NULL: never) every PR_POLL_FACTORS steps
 * whether to stop.  0, or -1 stopped (s unusable). */
int pr_seed(const struct modulus *M, const struct walker *W, uint64_t k, struct mod_state *s,
            const struct pr_stop *stop);

/* What pr_seed costs: min(walk, Granville). */
uint64_t pr_seed_cost(const struct modulus *M, uint64_t n, uint64_t k);

/* ----------------------------------------- the threads (mod_threads.c) */

/* W's row over [lo, hi), lo ≤ n/2, each value handed to out: seeded at lo
 * (pr_seed) and walked in up to nthreads parts (one per thread); the
 * calling thread asks poll(ctx) now and then whether to stop (poll NULL:
 * never).  PASCALROW_OK, or PASCALROW_EINTR once stopped (out then partly
 * written). */
int pr_walk_threads(const struct modulus *M, const struct walker *W, const struct mod_out *out, uint64_t lo,
                    uint64_t hi, unsigned nthreads, pascalrow_poll poll, void *ctx);

#endif

/* The walk's inner kernel: J exact quotients (A · a_j) / o_j in one pass over A.
 *
 * Identity (Hensel / 2-adic exact division, as in GMP's mpn_divexact_1): if
 * o is odd and X = Q · o exactly, the limbs of Q come out low to high,
 *     q_i = (x_i − b_i) · o⁻¹  (mod 2^64),   b_{i+1} = hi(q_i · o) + borrow,
 * where o⁻¹ is the inverse of o modulo 2^64 and b the running borrow.  Here
 * X = A · a is produced limb by limb in the same loop (x_i = lo(A_i·a + c_i),
 * c_{i+1} = hi(...)), so the product is never stored: one pass, three
 * multiplications per limb and quotient.  The product's top limb is the last
 * carry: the loop reads one more source limb, which the caller keeps at zero.
 *
 * Why J quotients at once: each quotient's borrow chain is serial (an imul and
 * a mul deep, ~9 cycles a limb on current x86-64), but the J chains are
 * independent, so the core overlaps them: J = 3 runs at ~3.2 cycles per limb
 * and quotient, against ~9.4 for mpn_mul_1 + mpn_divexact_1 (measured on the
 * Xeon this project benchmarks on; see bench/README.md).
 *
 * Four quotients of one product (pr_mulbdiv4_*).  When the J multipliers
 * are a·2^-e over different odd divisors — the walk's C(n,k+j) =
 * C(n,k)·a / D_j with a = (n−k)(n−k−1)(n−k−2)(n−k−3) and
 * D_j = (n−k−j)…(n−k−3)·(k+1)…(k+j) — the product A·a is one chain shared
 * by the four divisions: 1 + 2·4 multiplications a limb for four
 * quotients, and four borrow chains to overlap instead of three (~2.4 cycles
 * per limb and quotient on the Xeon of bench/README.md, against ~3).
 *
 * Two variants of each with the same contract (dispatch.h chooses):
 *   pr_mulbdiv_scalar  — portable C with unsigned __int128 (the reference);
 *   pr_mulbdiv_x86_64  — GNU inline assembly for x86-64, the J chains
 *                        interleaved by hand (gcc spills the C version's
 *                        chain state and loses most of the overlap).
 */
#include "dispatch.h"

/* The Hensel step on the product limb x: q = (x − b)·inv, b = hi(q·o) +
 * borrow. */
#define HENSEL_LIMB(x, o, inv, b, q)                                 \
    do {                                                             \
        mp_limb_t borrow_ = (x) < (b);                               \
        (q) = ((x) - (b)) * (inv);                                   \
        (b) = (mp_limb_t)(((pr_u128)(q) * (o)) >> 64) + borrow_;     \
    } while (0)

/* One limb of one chain: A_i·a + c = x (low) + 2^64·c' (high), then the Hensel
 * step on x. */
#define MULBDIV_LIMB(ai, r, c, b, q)                                 \
    do {                                                             \
        pr_u128 t_ = (pr_u128)(ai) * (r).a + (c);                    \
        mp_limb_t x_ = (mp_limb_t)t_;                                \
        (c) = (mp_limb_t)(t_ >> 64);                                 \
        HENSEL_LIMB(x_, (r).o, (r).inv, b, q);                       \
    } while (0)

void pr_mulbdiv_scalar(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                       const struct pr_ratio *r, int J)
{
    assert(s >= 1 && J >= 1 && J <= PR_MULBDIV_JMAX);
    mp_limb_t c[PR_MULBDIV_JMAX] = {0}, b[PR_MULBDIV_JMAX] = {0};
    for (size_t i = 0; i <= s; i++) {          /* src[s] = 0: the product's top limb */
        mp_limb_t ai = src[i];
        for (int j = 0; j < J; j++) {
            mp_limb_t q;
            MULBDIV_LIMB(ai, r[j], c[j], b[j], q);
            dst[j][i] = q;
        }
    }
}

#if PR_HAVE_MULBDIV_X86_64
/* The Hensel step of chain J on the product limb x in rax:
 *   rax = x − b_J, %[t] = −borrow;  q = rax · inv_J, stored;
 *   rdx = hi(q · o_J);  b_J = rdx + borrow. */
#define HENSEL_ASM(J)                       \
    "subq  %[b" #J "], %%rax\n\t"           \
    "sbbq  %[t], %[t]\n\t"                  \
    "imulq %[v" #J "], %%rax\n\t"           \
    "movq  %%rax, (%[d" #J "],%[i],8)\n\t"  \
    "mulq  %[o" #J "]\n\t"                  \
    "subq  %[t], %%rdx\n\t"                 \
    "movq  %%rdx, %[b" #J "]\n\t"

/* One limb of chain J, the same arithmetic as MULBDIV_LIMB:
 *   rdx:rax = a_J · A_i;  x = rax + c_J, c_J = rdx + carry;  the Hensel step. */
#define CHAIN_ASM(J)                        \
    "movq  %[a" #J "], %%rax\n\t"           \
    "mulq  (%[src],%[i],8)\n\t"             \
    "addq  %[c" #J "], %%rax\n\t"           \
    "adcq  $0, %%rdx\n\t"                   \
    "movq  %%rdx, %[c" #J "]\n\t"           \
    HENSEL_ASM(J)

#define LOOP_HEAD ".p2align 4\n1:\n\t"
#define LOOP_TAIL "incq %[i]\n\tcmpq %[s], %[i]\n\tjne 1b\n\t"

void pr_mulbdiv_x86_64(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                       const struct pr_ratio *r, int J)
{
    assert(s >= 1 && J >= 1 && J <= PR_MULBDIV_JMAX);
    mp_limb_t c[PR_MULBDIV_JMAX] = {0}, b[PR_MULBDIV_JMAX] = {0}, t;
    size_t i = 0;
    s++;                                       /* src[s] = 0: the product's top limb */
    /* The constants go by memory operand: registers hold the chain state.
     * volatile: the results are stored through dst, not returned. */
    const mp_limb_t a0 = r[0].a, o0 = r[0].o, v0 = r[0].inv;
    mp_limb_t *d0 = dst[0];
    if (J == 3) {
        const mp_limb_t a1 = r[1].a, o1 = r[1].o, v1 = r[1].inv;
        const mp_limb_t a2 = r[2].a, o2 = r[2].o, v2 = r[2].inv;
        mp_limb_t *d1 = dst[1], *d2 = dst[2];
        __asm__ volatile(LOOP_HEAD CHAIN_ASM(0) CHAIN_ASM(1) CHAIN_ASM(2) LOOP_TAIL
            : [c0] "+r"(c[0]), [c1] "+r"(c[1]), [c2] "+r"(c[2]),
              [b0] "+r"(b[0]), [b1] "+r"(b[1]), [b2] "+r"(b[2]),
              [i] "+r"(i), [t] "=&r"(t)
            : [src] "r"(src), [d0] "r"(d0), [d1] "r"(d1), [d2] "r"(d2), [s] "m"(s),
              [a0] "m"(a0), [a1] "m"(a1), [a2] "m"(a2), [o0] "m"(o0), [o1] "m"(o1),
              [o2] "m"(o2), [v0] "m"(v0), [v1] "m"(v1), [v2] "m"(v2)
            : "rax", "rdx", "cc", "memory");
    } else if (J == 2) {
        const mp_limb_t a1 = r[1].a, o1 = r[1].o, v1 = r[1].inv;
        mp_limb_t *d1 = dst[1];
        __asm__ volatile(LOOP_HEAD CHAIN_ASM(0) CHAIN_ASM(1) LOOP_TAIL
            : [c0] "+r"(c[0]), [c1] "+r"(c[1]), [b0] "+r"(b[0]), [b1] "+r"(b[1]),
              [i] "+r"(i), [t] "=&r"(t)
            : [src] "r"(src), [d0] "r"(d0), [d1] "r"(d1), [s] "r"(s),
              [a0] "m"(a0), [a1] "m"(a1), [o0] "m"(o0), [o1] "m"(o1), [v0] "m"(v0), [v1] "m"(v1)
            : "rax", "rdx", "cc", "memory");
    } else {
        __asm__ volatile(LOOP_HEAD CHAIN_ASM(0) LOOP_TAIL
            : [c0] "+r"(c[0]), [b0] "+r"(b[0]), [i] "+r"(i), [t] "=&r"(t)
            : [src] "r"(src), [d0] "r"(d0), [s] "r"(s), [a0] "m"(a0), [o0] "m"(o0), [v0] "m"(v0)
            : "rax", "rdx", "cc", "memory");
    }
}
#endif /* PR_HAVE_MULBDIV_X86_64 */

/* ------------------------------------------------------------ mulbdiv4 */

void pr_mulbdiv4_scalar(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                        const struct pr_quotients4 *q)
{
    assert(s >= 1);
    mp_limb_t c = 0, b[PR_MULBDIV4_J] = {0};
    for (size_t i = 0; i <= s; i++) {          /* src[s] = 0: the product's top limb */
        pr_u128 t = (pr_u128)src[i] * q->a + c;
        mp_limb_t x = (mp_limb_t)t;
        c = (mp_limb_t)(t >> 64);
        for (int j = 0; j < PR_MULBDIV4_J; j++) {
            mp_limb_t qj;
            HENSEL_LIMB(x, q->o[j], q->inv[j], b[j], qj);
            dst[j][i] = qj;
        }
    }
}

#if PR_HAVE_MULBDIV_X86_64
/* One limb of quotient J: the Hensel step on the product limb x (kept in
 * memory: the registers hold the four chains). */
#define QUOTIENT_ASM(J)                     \
    "movq  %[x], %%rax\n\t"                 \
    HENSEL_ASM(J)

/* The product limb: rdx:rax = a · A_i;  x = rax + c, c = rdx + carry. */
#define PRODUCT_ASM                         \
    "movq  %[a], %%rax\n\t"                 \
    "mulq  (%[src],%[i],8)\n\t"             \
    "addq  %[c], %%rax\n\t"                 \
    "adcq  $0, %%rdx\n\t"                   \
    "movq  %%rdx, %[c]\n\t"                 \
    "movq  %%rax, %[x]\n\t"

void pr_mulbdiv4_x86_64(const mp_limb_t *src, size_t s, mp_limb_t *const dst[],
                        const struct pr_quotients4 *q)
{
    assert(s >= 1);
    mp_limb_t c = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0, t, x;
    size_t i = 0;
    s++;                                       /* src[s] = 0: the product's top limb */
    const mp_limb_t a = q->a, o0 = q->o[0], o1 = q->o[1], o2 = q->o[2], o3 = q->o[3];
    const mp_limb_t v0 = q->inv[0], v1 = q->inv[1], v2 = q->inv[2], v3 = q->inv[3];
    mp_limb_t *d0 = dst[0], *d1 = dst[1], *d2 = dst[2], *d3 = dst[3];
    __asm__ volatile(LOOP_HEAD PRODUCT_ASM QUOTIENT_ASM(0) QUOTIENT_ASM(1) QUOTIENT_ASM(2)
                     QUOTIENT_ASM(3) LOOP_TAIL
        : [c] "+r"(c), [b0] "+r"(b0), [b1] "+r"(b1), [b2] "+r"(b2), [b3] "+r"(b3),
          [i] "+r"(i), [t] "=&r"(t), [x] "=m"(x)
        : [src] "r"(src), [d0] "r"(d0), [d1] "r"(d1), [d2] "r"(d2), [d3] "r"(d3), [s] "m"(s),
          [a] "m"(a), [o0] "m"(o0), [o1] "m"(o1), [o2] "m"(o2), [o3] "m"(o3),
          [v0] "m"(v0), [v1] "m"(v1), [v2] "m"(v2), [v3] "m"(v3)
        : "rax", "rdx", "cc", "memory");
}
#endif /* PR_HAVE_MULBDIV_X86_64 */

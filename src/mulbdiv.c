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
 * Two variants with the same contract (dispatch.h chooses):
 *   pr_mulbdiv_scalar  — portable C with unsigned __int128 (the reference);
 *   pr_mulbdiv_x86_64  — GNU inline assembly for x86-64, the J chains
 *                        interleaved by hand (gcc spills the C version's
 *                        chain state and loses most of the overlap).
 */
#include "dispatch.h"

/* One limb of one chain: A_i·a + c = x (low) + 2^64·c' (high), then the Hensel
 * step on x. */
#define MULBDIV_LIMB(ai, r, c, b, q)                                 \
    do {                                                             \
        pr_u128 t_ = (pr_u128)(ai) * (r).a + (c);                    \
        mp_limb_t x_ = (mp_limb_t)t_;                                \
        (c) = (mp_limb_t)(t_ >> 64);                                 \
        mp_limb_t borrow_ = x_ < (b);                                \
        (q) = (x_ - (b)) * (r).inv;                                  \
        (b) = (mp_limb_t)(((pr_u128)(q) * (r).o) >> 64) + borrow_;   \
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
/* One limb of chain J, the same arithmetic as MULBDIV_LIMB:
 *   rdx:rax = a_J · A_i;  x = rax + c_J, c_J = rdx + carry;
 *   rax = x − b_J, %[t] = −borrow;  q = rax · inv_J, stored;
 *   rdx = hi(q · o_J);  b_J = rdx + borrow. */
#define CHAIN_ASM(J)                        \
    "movq  %[a" #J "], %%rax\n\t"           \
    "mulq  (%[src],%[i],8)\n\t"             \
    "addq  %[c" #J "], %%rax\n\t"           \
    "adcq  $0, %%rdx\n\t"                   \
    "movq  %%rdx, %[c" #J "]\n\t"           \
    "subq  %[b" #J "], %%rax\n\t"           \
    "sbbq  %[t], %[t]\n\t"                  \
    "imulq %[v" #J "], %%rax\n\t"           \
    "movq  %%rax, (%[d" #J "],%[i],8)\n\t"  \
    "mulq  %[o" #J "]\n\t"                  \
    "subq  %[t], %%rdx\n\t"                 \
    "movq  %%rdx, %[b" #J "]\n\t"

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

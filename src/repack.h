/* Values as digits of a chosen width, 1 to 32 bits (repack.c);
 * library-internal, not installed. */
#ifndef PASCALROW_REPACK_H
#define PASCALROW_REPACK_H

#include "dispatch.h"

#include <string.h>

/* ⌈bits / digit_bits⌉: the number of digit_bits-bit digits of a value of
 * `bits` bits. */
static inline size_t pr_digits_for_bits(uint64_t bits, unsigned digit_bits)
{
    if (digit_bits == 30) return (size_t)((bits + 29) / 30);   /* CPython's width: no divide */
    return (size_t)((bits + digit_bits - 1) / digit_bits);
}

/* Number of digit_bits-bit digits of the walk's value (≥ 1). */
static inline size_t pr_digit_count(const struct pr_value *v, unsigned digit_bits)
{
    uint64_t bits = (uint64_t)GMP_NUMB_BITS * v->size
                  - (uint64_t)__builtin_clzll(v->limbs[v->size - 1]) - v->shift;
    return pr_digits_for_bits(bits, digit_bits);
}

/* Digits [from, nd) of the value limbs[0..size) · 2^−shift (shift < 64), one
 * digit_bits-bit window at a time (any width 1 to 32, any shift).  Reads only
 * limbs[0..size). */
void pr_repack_each(uint32_t *d, size_t from, size_t nd, const mp_limb_t *limbs, size_t size,
                    unsigned shift, unsigned digit_bits);

/* Up to PR_REPACK30_SHORT digits: few enough that a load each, inline,
 * costs less than a call of a repack30 variant and its setting up. */
#define PR_REPACK30_SHORT 4

/* Digits [0, nd), nd ≤ PR_REPACK30_SHORT, 30 bits each, from bit r0 < 8 of
 * the little-endian bytes p: one unaligned 64-bit load per digit (bit
 * r0 + 30j sits at bit < 8 of its byte, so the 30 bits are in the load).
 * Reads p[0 .. 20), within PR_REPACK30_READ(nd). */
static inline void pr_repack30_short(uint32_t *d, size_t nd, const unsigned char *p, unsigned r0)
{
    for (size_t j = 0; j < nd; j++) {
        unsigned pos = r0 + 30 * (unsigned)j;
        uint64_t w;
        memcpy(&w, p + pos / 8, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        d[j] = (uint32_t)((w >> (pos % 8)) & 0x3fffffff);
    }
}

/* The walk's value as its nd = pr_digit_count(v, digit_bits) digits,
 * little-endian: 30-bit digits by pr_repack30_short when they are few, else
 * by repack30 (a pr_repack30_* variant,
 * pr_kernels()->repack30; the value's zero slack covers its reads past the
 * top: they end within 31 bytes of the value's last byte), any other width
 * by pr_repack_each. */
static inline void pr_repack(uint32_t *d, size_t nd, const struct pr_value *v, unsigned digit_bits,
                             pr_repack30_fn *repack30)
{
    if (digit_bits == 30 && nd <= PR_REPACK30_SHORT)
        pr_repack30_short(d, nd, (const unsigned char *)v->limbs + v->shift / 8, v->shift % 8);
    else if (digit_bits == 30)
        repack30(d, nd, (const unsigned char *)v->limbs + v->shift / 8, v->shift % 8);
    else
        pr_repack_each(d, 0, nd, v->limbs, v->size, v->shift, digit_bits);
}

#endif

/* Values as digits of a chosen width, 1 to 32 bits (repack.c);
 * library-internal, not installed. */
#ifndef PASCALROW_REPACK_H
#define PASCALROW_REPACK_H

#include "dispatch.h"

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

/* The walk's value as its nd = pr_digit_count(v, digit_bits) digits,
 * little-endian: 30-bit digits by repack30 (a pr_repack30_* variant,
 * pr_kernels()->repack30; the value's zero slack covers its reads past the
 * top: they end within 31 bytes of the value's last byte), any other width
 * by pr_repack_each. */
static inline void pr_repack(uint32_t *d, size_t nd, const struct pr_value *v, unsigned digit_bits,
                             pr_repack30_fn *repack30)
{
    if (digit_bits == 30)
        repack30(d, nd, (const unsigned char *)v->limbs + v->shift / 8, v->shift % 8);
    else
        pr_repack_each(d, 0, nd, v->limbs, v->size, v->shift, digit_bits);
}

#endif

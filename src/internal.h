/* Internal helpers shared by the library's translation units; not installed. */
#ifndef PASCALROW_INTERNAL_H
#define PASCALROW_INTERNAL_H

#include "pascalrow.h"

#include <assert.h>
#include <limits.h>

/* The walk hands GMP's limbs to callers as uint64_t: that is only a view when
 * a limb is exactly 64 bits with no nails, which is what every 64-bit Linux,
 * macOS and Windows build of GMP has. */
_Static_assert(GMP_LIMB_BITS == 64 && GMP_NAIL_BITS == 0,
               "pascalrow needs GMP with 64-bit limbs and no nails");
_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "mp_limb_t must be 64-bit");
_Static_assert(sizeof(unsigned long) == sizeof(uint64_t),
               "mpz_bin_uiui must take 64-bit arguments (LP64)");

/* --------------------------------------------------------- word arithmetic */

/* The library requires a 128-bit unsigned integer type (GCC and Clang on every
 * 64-bit target have one): the walk's kernel forms 64×64 → 128-bit products,
 * and arithmetic modulo m < 2^63 reduces 126-bit products.  There is no
 * fallback. */
#if !defined(__SIZEOF_INT128__)
#  error "pascalrow requires unsigned __int128 (GCC or Clang on a 64-bit target)"
#endif
typedef unsigned __int128 pr_u128;

/* a + b and a · b, saturated at UINT64_MAX (sizes in bytes, costs). */
static inline uint64_t pr_add_sat(uint64_t a, uint64_t b)
{
    uint64_t s;
    return __builtin_add_overflow(a, b, &s) ? UINT64_MAX : s;
}

static inline uint64_t pr_mul_sat(uint64_t a, uint64_t b)
{
    uint64_t p;
    return __builtin_mul_overflow(a, b, &p) ? UINT64_MAX : p;
}

/* The inverse of an odd d modulo 2^64.  x = 3d XOR 2 is right to 5 bits
 * (Montgomery's trick: d·d ≡ 1 mod 8, and the XOR fixes bits 3–4), so
 * d·x = 1 − y with y ≡ 0 (mod 2^5).  Then (1 − y)(1 + y)(1 + y²)(1 + y⁴)
 * (1 + y⁸) = 1 − y¹⁶ ≡ 1 (mod 2^80): x·(1 + y)(1 + y²)(1 + y⁴)(1 + y⁸) is
 * the inverse (Newton's iteration in Dumas' form: the squarings run beside
 * the products, so each doubling of the precision waits for one multiply,
 * not two). */
static inline uint64_t pr_binvert(uint64_t d)
{
    uint64_t x = (3 * d) ^ 2;
    uint64_t y = 1 - d * x;
    x *= 1 + y;
    y *= y;
    x *= 1 + y;
    y *= y;
    x *= 1 + y;
    y *= y;
    x *= 1 + y;
    return x;
}

/* ------------------------------------------------------- ranges of a row */

/* pr_clip_range's answer for a range with at least one k in it. */
#define PR_RANGE_NONEMPTY (-1)

/* Row n has the n + 1 values k = 0..n: clip *stop to n + 1 (n + 1 must exist,
 * so n = UINT64_MAX is refused), and set *stop = *start when the range is
 * empty, so that *stop − *start is its length.  Returns PASCALROW_ERANGE for
 * n = UINT64_MAX (nothing clipped), PASCALROW_OK when [*start, *stop) is
 * empty after the clip, PR_RANGE_NONEMPTY otherwise; a caller returns any
 * answer but PR_RANGE_NONEMPTY as its own status (an empty range succeeds).
 * The one clip of the library (pascalrow_clip_range makes it public). */
static inline int pr_clip_range(uint64_t n, uint64_t *start, uint64_t *stop)
{
    if (n == UINT64_MAX) return PASCALROW_ERANGE;
    if (*stop > n + 1) *stop = n + 1;
    if (*start < *stop) return PR_RANGE_NONEMPTY;
    *stop = *start;
    return PASCALROW_OK;
}

/* A bound on the bit length of the largest C(n,k) for k in [start, stop),
 * start < stop ≤ n + 1: C(n,k) grows while k < n/2 and falls after it, so
 * the largest value of the range is at the k of the range nearest n/2. */
static inline uint64_t pr_range_bits_bound(uint64_t n, uint64_t start, uint64_t stop)
{
    uint64_t k = n / 2;
    if (k < start) k = start;
    if (k > stop - 1) k = stop - 1;
    return pascalrow_comb_bits_bound(n, k);
}

/* ------------------------------------------------------- the walk (walk.c) */

/* Zero limbs after every value's top: readers may load up to 32 bytes past
 * any byte of the value. */
#define PR_VALUE_SLACK 4

/* A value handed out by the walk: C(n,k) · 2^shift = limbs[0..size), the top
 * limb non-zero, shift < 64, and limbs[size .. size + PR_VALUE_SLACK) == 0. */
struct pr_value {
    const mp_limb_t *limbs;
    size_t size;
    unsigned shift;
};

/* Receives C(n,k); non-zero stops the walk (PASCALROW_EINTR). */
typedef int (*pr_value_fn)(void *ctx, uint64_t k, const struct pr_value *v);

/* Call fn for k = start..stop−1 in order (stop clipped to n + 1). */
int pr_walk_values(uint64_t n, uint64_t start, uint64_t stop, pr_value_fn fn, void *ctx);

#endif
